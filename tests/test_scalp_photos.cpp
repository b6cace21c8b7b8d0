// The design on a clinic's scalp photos (../shared/data/scalps): front, sides, top and back, most of
// them without a face dlib can find. With the view the practitioner gives (--view), the head is found
// by its outline and the scalp placed in it (src/tracking/head_mask.h, src/scalp/view_fit.h); the ink
// is measured against the head outlines we traced (tests/data/scalp_outlines/).
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <numeric>

#include <opencv2/imgproc.hpp>

#include "app/photo_head.h"
#include "app/sheet_content.h"
#include "tracking/face_model.h"
#include "tracking/marked_points.h"
#include "scalp_photos.h"

namespace smp {
namespace {

// Visible at arm's length (the measure): the difference blurred by 1.5 px, 3 grey levels.
constexpr double kVisibleGreyLevels = 3.0;

// Where the ink lies, in a photo's pixels.
struct InkPlace {
  double inside_share = 0.0;         // of the ink, inside the traced head
  double darkened_head_share = 0.0;  // of the traced head's area, visibly darkened
  double lowest_y = 0.0;             // the ink's lowest row (its 99th percentile of visible pixels)
};

InkPlace ink_place(const RgbaImage& before, const RgbaImage& after, const std::vector<glm::dvec2>& head) {
  InkPlace place;
  place.inside_share = test::ink_inside(before, after, head);
  const cv::Mat inside = test::polygon_mask(cv::Size(before.width, before.height), head);
  const cv::Mat visible = test::darkening_at_arms_length(before, after) >= kVisibleGreyLevels;
  place.darkened_head_share = double(cv::countNonZero(visible & inside)) / std::max(1, cv::countNonZero(inside));
  std::vector<int> rows;
  for (int y = 0; y < visible.rows; ++y)
    for (int x = 0; x < visible.cols; ++x)
      if (visible.at<uchar>(y, x)) rows.push_back(y);
  if (!rows.empty()) {
    std::nth_element(rows.begin(), rows.begin() + rows.size() * 99 / 100, rows.end());
    place.lowest_y = rows[rows.size() * 99 / 100];
  }
  return place;
}

struct Extent {
  double top = 1e9, bottom = -1e9;
};
Extent vertical_extent(const std::vector<glm::dvec2>& outline) {
  Extent e;
  for (const glm::dvec2& p : outline) e.top = std::min(e.top, p.y), e.bottom = std::max(e.bottom, p.y);
  return e;
}

// The points of the sheet's planned border (its orange line) in the upper third of the traced head's
// height that lie off the head by more than 1% of the picture's size: none should where the head was
// found by its outline, however far the pose misses (a stroke over the sky above the head was seen on
// 16-Left placed by its points); a face's pose must be good enough on its own. Lower
// down, the ears stick out of the traced outline (it leaves them out), and the border may end on them
// as the dots may. The landmarks are dropped so that the sheet shows the whole photo, in the photo's
// own pixels; the border itself does not depend on them.
int border_points_off_head(const test::ScalpPhoto& photo, const PhotoHead& head, std::span<const Dot> field,
                           const SmpDesign& design) {
  PatientPicture picture{"", photo.picture, photo.picture, head.face, head.camera, head.fit.fit, head.matte};
  picture.face.landmarks = Landmarks68{};
  const PreviewField on_scalp{.field = field, .density_per_cm2 = design.density_per_cm2, .fit = head.fit.fit};
  const ConsultationSheet sheet = consultation_sheet({picture}, design, "", on_scalp);
  std::vector<cv::Point2f> traced;
  for (const glm::dvec2& p : photo.head) traced.emplace_back(float(p.x), float(p.y));
  const double tolerance_px = 0.01 * std::max(photo.picture.width, photo.picture.height);
  const Extent extent = vertical_extent(photo.head);
  const double ears_below_y = extent.top + (extent.bottom - extent.top) / 3.0;
  int off = 0;
  for (const std::vector<glm::dvec2>& stretch : sheet.views.at(0).hairline)
    for (const glm::dvec2& p : stretch)
      off += p.y < ears_below_y &&
             cv::pointPolygonTest(traced, cv::Point2f(float(p.x), float(p.y)), true) < -tolerance_px;
  return off;
}

class ScalpPhotos : public test::GpuTest {
 protected:
  static void SetUpTestSuite() {
    GpuTest::SetUpTestSuite();
    photos_ = test::scalp_photos();
    predictor_ = std::make_unique<LandmarkPredictor>();
    field_ = Preview::build_field(kDesign.density_per_cm2);
  }
  static void TearDownTestSuite() {
    predictor_.reset();
    GpuTest::TearDownTestSuite();
  }
  static RgbaImage rendered(const RgbaImage& picture, const PhotoHead& head, const SmpDesign& design = kDesign) {
    Preview preview(gpu(), head.camera, field_, kDesign.density_per_cm2, head.fit.fit);
    return render_photo_head(preview, picture, head, design);
  }
  static inline const SmpDesign kDesign{};
  static inline std::vector<test::ScalpPhoto> photos_;
  static inline std::unique_ptr<LandmarkPredictor> predictor_;
  static inline std::vector<Dot> field_;
};

TEST_F(ScalpPhotos, WithTheirViewGivenTheInkLiesOnTheHeadAndDarkensTheBaldOnes) {
  ASSERT_EQ(photos_.size(), 40u);
  int found = 0, inside = 0, bald = 0, bald_darkened = 0, tops = 0, tops_placed = 0, backs = 0, backs_placed = 0,
      border_off = 0;
  double worst_inside = 1.0, total_fit_s = 0.0, longest_fit_s = 0.0;
  for (const test::ScalpPhoto& photo : photos_) {
    SCOPED_TRACE(photo.name);
    const auto start = std::chrono::steady_clock::now();
    const PhotoHead head = fit_photo_head(photo.picture, CameraOptions{}, *predictor_, photo.view);
    const double fit_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    total_fit_s += fit_s, longest_fit_s = std::max(longest_fit_s, fit_s);
    found += head.face.found;
    EXPECT_TRUE(head.face.found) << head.summary;
    if (!head.face.found) continue;
    const InkPlace ink = ink_place(photo.picture, rendered(photo.picture, head), photo.head);
    border_off += border_points_off_head(photo, head, field_, kDesign);
    const Extent extent = vertical_extent(photo.head);
    const double lowest_share = (ink.lowest_y - extent.top) / (extent.bottom - extent.top);  // 0 top .. 1 bottom
    std::printf("%-22s %-5s level %d  %-5s  ink inside the head %6.2f%%, head darkened %5.1f%%, ink down to %3.0f%% of "
                "the head's height\n",
                photo.name.c_str(), std::string(view_name(photo.view)).c_str(), photo.level,
                head.face.source == PoseSource::kFace ? "face" : "head", 100 * ink.inside_share,
                100 * ink.darkened_head_share, 100 * lowest_share);
    inside += ink.inside_share >= 0.98;
    worst_inside = std::min(worst_inside, ink.inside_share);
    if (photo.level >= 4) bald += 1, bald_darkened += ink.darkened_head_share >= 0.10;
    // From above, the forehead at the bottom: the front hairline (the ink's front edge) lies on the
    // forehead's half. From behind: the ink reaches down into the lower third, to the nape.
    if (photo.view == PhotoView::kTop) tops += 1, tops_placed += lowest_share > 0.5;
    if (photo.view == PhotoView::kBack) backs += 1, backs_placed += lowest_share > 2.0 / 3.0;
  }
  std::printf("with the view given: head found on %d of %zu, ink at least 98%% inside the head on %d (worst %.2f%%), "
              "hair-loss level 4+ darkened on at least 10%% of the head %d of %d, top views with the hairline on the "
              "forehead's half %d of %d, back views inked into the lower third %d of %d; the sheet's planned border "
              "off the head at %d points\n",
              found, photos_.size(), inside, 100 * worst_inside, bald_darkened, bald, tops_placed, tops, backs_placed, backs,
              border_off);
  // Printed, not checked: a timed test fails on a busy machine. The budget is 2 s per photo.
  std::printf("finding the face or the head and fitting it: %.2f s per photo on average, %.2f s at most (this "
              "machine, the tests' threads)\n", total_fit_s / double(photos_.size()), longest_fit_s);
  EXPECT_EQ(inside, found);
  EXPECT_EQ(bald_darkened, bald);
  EXPECT_EQ(tops_placed, tops);
  EXPECT_EQ(backs_placed, backs);
  EXPECT_EQ(border_off, 0);
}

// Without a view given (issue 21's automatic route): the view its colours suggest
// (src/tracking/view_guess.h), drawn in when the guess is sure; an unsure guess draws nothing and says so.
// The compiled model was trained on these photos, so the views here are guessed better than on a
// clinic's own: tests/test_view_guess.cpp scores each photo left out of the training (27 of 40; 18 of
// the 19 sure ones). 23 photos were drawn on when this was written, 22 in their labelled view (the
// other, a top view taken for a back, still has its ink on the head).
TEST_F(ScalpPhotos, WithoutTheirViewASurelyGuessedViewIsDrawnInAndTheInkLiesOnTheHead) {
  ASSERT_EQ(photos_.size(), 40u);
  int drawn = 0, right = 0, inside = 0;
  double longest_fit_s = 0.0;
  for (const test::ScalpPhoto& photo : photos_) {
    SCOPED_TRACE(photo.name);
    const auto start = std::chrono::steady_clock::now();
    const PhotoHead head = fit_photo_head(photo.picture, CameraOptions{}, *predictor_);
    longest_fit_s = std::max(longest_fit_s, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    ASSERT_TRUE(head.view_guess) << "no face to find here: " << head.summary;
    const bool ok = head.view_guess->view == photo.view;
    EXPECT_EQ(head.face.found, head.view_guess->is_sure()) << head.summary;
    if (!head.face.found) {
      EXPECT_NE(head.summary.find("not sure"), std::string::npos) << head.summary;
      std::printf("%-22s %-5s guessed %-40s not drawn\n", photo.name.c_str(), std::string(view_name(photo.view)).c_str(),
                  head.view_guess->line().c_str());
      continue;
    }
    EXPECT_NE(head.summary.find("as its colours suggest"), std::string::npos) << head.summary;
    const InkPlace ink = ink_place(photo.picture, rendered(photo.picture, head), photo.head);
    drawn += 1, right += ok, inside += ink.inside_share >= 0.98;
    std::printf("%-22s %-5s guessed %-40s %s ink inside the head %6.2f%%\n", photo.name.c_str(),
                std::string(view_name(photo.view)).c_str(), head.view_guess->line().c_str(), ok ? "right," : "WRONG,",
                100 * ink.inside_share);
  }
  std::printf("without the view: drawn on %d of %zu photos, %d of them in their view; ink at least 98%% inside the "
              "head on %d; looking for the face, then the head and its view, %.2f s at most per photo\n",
              drawn, photos_.size(), right, inside, longest_fit_s);
  EXPECT_GE(drawn, 18);
  EXPECT_GE(right, drawn - 2);
  EXPECT_EQ(inside, drawn);
}

// Where the design lies: the darkening blurred over a few dots' spacing, so that two renders of one
// design are compared by their region, not by where each random dot fell.
cv::Mat ink_region(const RgbaImage& before, const RgbaImage& after) {
  cv::Mat darkening;
  cv::GaussianBlur(test::darkening_at_arms_length(before, after), darkening, cv::Size(), 4.0);
  return darkening >= 1.5;
}

double overlap(const cv::Mat& a, const cv::Mat& b) {
  return double(cv::countNonZero(a & b)) / std::max(1, cv::countNonZero(a | b));
}

RgbaImage rgba_of(const cv::Mat& bgr) {
  RgbaImage picture;
  rgba_from_bgr(bgr, picture);
  return picture;
}

// A side view's skull is nearly round: what pins its place and tilt is the face's profile beside it.
// The face model's nasion (or, where the nasion is not labelled, the outer corner of the eye towards
// the camera), posed as fitted, against the point we labelled; in shares of the traced head's height.
TEST_F(ScalpPhotos, OnASideViewTheFittedHeadsFaceLiesOnThePhotosFace) {
  std::vector<double> misses;
  for (const test::ScalpPhoto& photo : photos_) {
    if (photo.view != PhotoView::kLeft && photo.view != PhotoView::kRight) continue;
    const char* eye = photo.view == PhotoView::kLeft ? "left_eye_outer" : "right_eye_outer";
    const int landmark = photo.points.contains("nasion") ? 27 : photo.view == PhotoView::kLeft ? 45 : 36;
    const auto labelled = photo.points.find(landmark == 27 ? "nasion" : eye);
    ASSERT_NE(labelled, photo.points.end()) << photo.name;
    const PhotoHead head = fit_photo_head(photo.picture, CameraOptions{}, *predictor_, photo.view);
    ASSERT_TRUE(head.face.found) << photo.name;
    const glm::dvec2 fitted = head.camera.project(head.face.pose.rotation() * face_model()[size_t(landmark)] +
                                                  head.face.pose.translation_mm);
    const Extent e = vertical_extent(photo.head);
    misses.push_back(glm::length(fitted - labelled->second) / (e.bottom - e.top));
    std::printf("%-22s %-5s the fitted %s %.0f px from the labelled one, %4.1f%% of the head's height\n", photo.name.c_str(),
                std::string(view_name(photo.view)).c_str(), landmark == 27 ? "nasion" : "eye corner",
                glm::length(fitted - labelled->second), 100.0 * misses.back());
  }
  ASSERT_EQ(misses.size(), 12u);
  const double mean = std::accumulate(misses.begin(), misses.end(), 0.0) / double(misses.size());
  std::printf("side views: the face lands %.1f%% of the head's height from the labelled one on average, %.1f%% at most\n",
              100.0 * mean, 100.0 * *std::max_element(misses.begin(), misses.end()));
  // Measured on these 12: 15.1% on average and 29.4% at most with the colour-only mask and the bare
  // skull; 11.0% and 19.6% with the texture channel and the face's profile (either alone: 16.1 / 35.9,
  // 13.4 / 33.7).
  EXPECT_LT(mean, 0.13);
  EXPECT_LT(*std::max_element(misses.begin(), misses.end()), 0.25);
}

std::vector<MarkedPoint> marked_on(const test::ScalpPhoto& photo, std::string_view left_out = {}) {
  std::vector<MarkedPoint> points;
  for (const auto& [name, px] : photo.points)
    if (name != left_out && marked_point_on_head(name)) points.push_back({name, px});
  return points;
}

// The practitioner's marked points (--points) on every photo where we labelled at least three: the
// head placed by them keeps its ink on the head; and a point left out of the marks lands nearer its
// label than the outline's fit in the view puts it: the nasion, the face's place, where it is labelled.
TEST_F(ScalpPhotos, MarkedPointsPlaceTheHeadAndItsFace) {
  int photos = 0, inside = 0;
  std::vector<double> from_points, from_view;
  for (const test::ScalpPhoto& photo : photos_) {
    const std::vector<MarkedPoint> points = marked_on(photo);
    if (int(points.size()) < kFewestMarkedPoints) continue;
    SCOPED_TRACE(photo.name);
    ++photos;
    const PhotoHead head = fit_photo_head(photo.picture, CameraOptions{}, *predictor_, photo.view, points);
    ASSERT_TRUE(head.face.found) << head.summary;
    EXPECT_EQ(head.summary.find("is each point where its name says"), std::string::npos) << "well-placed points doubted";
    const InkPlace ink = ink_place(photo.picture, rendered(photo.picture, head), photo.head);
    inside += ink.inside_share >= 0.98;
    const int off = border_points_off_head(photo, head, field_, kDesign);
    EXPECT_EQ(off, 0) << "the sheet's planned border lies off the head";
    std::printf("%-22s %-5s %zu points, ink inside the head %6.2f%%, the planned border off it at %d points: %s\n",
                photo.name.c_str(), std::string(view_name(photo.view)).c_str(), points.size(), 100 * ink.inside_share,
                off, head.summary.c_str());
    if (!photo.points.contains("nasion") || int(points.size()) <= kFewestMarkedPoints) continue;
    const auto nasion_miss = [&](const PhotoHead& h) {
      const glm::dvec2 fitted = h.camera.project(h.face.pose.rotation() * *marked_point_on_head("nasion") +
                                                 h.face.pose.translation_mm);
      const Extent e = vertical_extent(photo.head);
      return glm::length(fitted - photo.points.at("nasion")) / (e.bottom - e.top);
    };
    from_points.push_back(
        nasion_miss(fit_photo_head(photo.picture, CameraOptions{}, *predictor_, photo.view, marked_on(photo, "nasion"))));
    from_view.push_back(nasion_miss(fit_photo_head(photo.picture, CameraOptions{}, *predictor_, photo.view)));
    std::printf("%-22s the nasion left out of the marks lands %4.1f%% of the head's height from its label; from the "
                "view's fit %4.1f%%\n", photo.name.c_str(), 100 * from_points.back(), 100 * from_view.back());
  }
  const auto mean = [](const std::vector<double>& v) { return std::accumulate(v.begin(), v.end(), 0.0) / double(v.size()); };
  std::printf("marked points: ink at least 98%% inside the head on %d of %d photos; the nasion left out lands %.1f%% of "
              "the head's height from its label on average (%.1f%% at most), the view's fit %.1f%% (%.1f%%), on %zu photos\n",
              inside, photos, 100 * mean(from_points), 100 * *std::max_element(from_points.begin(), from_points.end()),
              100 * mean(from_view), 100 * *std::max_element(from_view.begin(), from_view.end()), from_points.size());
  EXPECT_EQ(photos, 18);
  EXPECT_EQ(inside, photos);
  // The patient's left and right swapped by the practitioner: the line asks to check the points.
  int swapped_sets = 0;
  for (const test::ScalpPhoto& photo : photos_) {
    if (photo.view != PhotoView::kFront || !photo.points.contains("left_eye_outer") ||
        !photo.points.contains("right_eye_outer") || marked_on(photo).size() < 4)
      continue;
    std::vector<MarkedPoint> swapped = marked_on(photo);
    for (MarkedPoint& p : swapped)
      if (p.name.ends_with("_eye_outer")) p.name = p.name.starts_with("left") ? "right_eye_outer" : "left_eye_outer";
    const PhotoHead head = fit_photo_head(photo.picture, CameraOptions{}, *predictor_, photo.view, swapped);
    std::printf("%-22s the eyes' corners swapped: %s\n", photo.name.c_str(), head.summary.c_str());
    EXPECT_NE(head.summary.find("is each point where its name says"), std::string::npos) << photo.name;
    EXPECT_FALSE(head.points_doubt.empty()) << photo.name;
    EXPECT_TRUE(head.face.found) << "points that fit no head leave the head placed without them: " << head.summary;
    ++swapped_sets;
  }
  EXPECT_EQ(swapped_sets, 5);
  ASSERT_GE(from_points.size(), 10u);
  EXPECT_LT(mean(from_points), mean(from_view));
}

// The first photo of each view.
std::vector<const test::ScalpPhoto*> one_per_view(const std::vector<test::ScalpPhoto>& photos) {
  std::vector<const test::ScalpPhoto*> chosen;
  for (const test::ScalpPhoto& photo : photos)
    if (std::none_of(chosen.begin(), chosen.end(), [&](const test::ScalpPhoto* c) { return c->view == photo.view; }))
      chosen.push_back(&photo);
  return chosen;
}

// The ink's region, compared: a design on the wrong side of the head or not turned overlaps far less
// than 0.5. A side view's tilt is the least sure (a skull seen from the side is nearly round; only the
// face's profile beside it pins it, and the neck is not modelled): on 15-Left, a bowed and tilted head, the fit misses the
// turn (overlap 0.32), so one photo in five may miss.
TEST_F(ScalpPhotos, AMirroredPhotoWithLeftAndRightSwappedGetsTheMirroredInk) {
  const auto chosen = one_per_view(photos_);
  ASSERT_EQ(chosen.size(), 5u);
  int kept = 0;
  for (const test::ScalpPhoto* photo : chosen) {
    SCOPED_TRACE(photo->name);
    const PhotoHead head = fit_photo_head(photo->picture, CameraOptions{}, *predictor_, photo->view);
    const cv::Mat ink = ink_region(photo->picture, rendered(photo->picture, head));
    cv::Mat flipped;
    cv::flip(bgr_from_rgba(photo->picture), flipped, 1);
    const RgbaImage mirror = rgba_of(flipped);
    const PhotoHead mirror_head = fit_photo_head(mirror, CameraOptions{}, *predictor_, mirror_view(photo->view));
    cv::Mat mirror_ink;
    cv::flip(ink_region(mirror, rendered(mirror, mirror_head)), mirror_ink, 1);
    const double shared = overlap(ink, mirror_ink);
    std::printf("%-22s %-5s mirrored: the ink's overlap with the original's mirror image %.2f\n", photo->name.c_str(),
                std::string(view_name(photo->view)).c_str(), shared);
    EXPECT_GT(cv::countNonZero(ink), 0.05 * ink.total());
    kept += shared > 0.7;
  }
  EXPECT_GE(kept, 4);
}

TEST_F(ScalpPhotos, APhotoTurnedBy15DegreesGetsTheTurnedInk) {
  int kept = 0;
  for (const test::ScalpPhoto* photo : one_per_view(photos_)) {
    SCOPED_TRACE(photo->name);
    const PhotoHead head = fit_photo_head(photo->picture, CameraOptions{}, *predictor_, photo->view);
    const cv::Mat ink = ink_region(photo->picture, rendered(photo->picture, head));
    // Clockwise by 15 degrees about the middle (OpenCV's angles turn anticlockwise); the corners the
    // turn opens are filled from the picture's edge, as a wider photo would show more of the room.
    const cv::Mat turn = cv::getRotationMatrix2D({photo->picture.width / 2.0f, photo->picture.height / 2.0f}, -15.0, 1.0);
    cv::Mat turned_bgr, turned_ink_expected;
    cv::warpAffine(bgr_from_rgba(photo->picture), turned_bgr, turn, ink.size(), cv::INTER_LINEAR, cv::BORDER_REPLICATE);
    cv::warpAffine(ink, turned_ink_expected, turn, ink.size(), cv::INTER_NEAREST, cv::BORDER_CONSTANT);
    const RgbaImage turned = rgba_of(turned_bgr);
    const PhotoHead turned_head = fit_photo_head(turned, CameraOptions{}, *predictor_, photo->view);
    const cv::Mat turned_ink = ink_region(turned, rendered(turned, turned_head));
    const double shared = overlap(turned_ink, turned_ink_expected);
    std::printf("%-22s %-5s turned 15 degrees: the ink's overlap with the original's turned %.2f\n", photo->name.c_str(),
                std::string(view_name(photo->view)).c_str(), shared);
    kept += shared > 0.5;
  }
  EXPECT_GE(kept, 4);
}

}  // namespace
}  // namespace smp
