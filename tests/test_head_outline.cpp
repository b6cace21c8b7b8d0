// The head's outline and the scalp fitted to it, on real heads whose skull outline we traced by hand
// (tests/data/head_outlines/, README there): the outline found, the fitted scalp's silhouette, and where
// the ink lands, against the traced outline. Each picture is cut from ../shared/data at run time.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>

#include <glm/gtc/matrix_transform.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>

#include "app/live_head_fit.h"
#include "app/photo_head.h"
#include "app/preview.h"
#include "capture/opencv_picture.h"
#include "labelled_heads.h"
#include "test_support.h"
#include "scalp_design.h"
#include "tracking/face_model.h"

namespace smp {
namespace {

using test::darkening_at_arms_length;
using test::kLabels;
using test::labelled_heads;
using test::LabelledHead;

// Where a ray from `from` along `direction` crosses the traced skull line (the farthest crossing), px;
// negative when it misses it.
double traced_radius(const std::vector<glm::dvec2>& line, glm::dvec2 from, glm::dvec2 direction) {
  double farthest = -1.0;
  for (std::size_t i = 0; i + 1 < line.size(); ++i) {
    const glm::dvec2 a = line[i] - from, edge = line[i + 1] - line[i];
    const double denominator = direction.x * edge.y - direction.y * edge.x;
    if (std::abs(denominator) < 1e-12) continue;
    const double along_ray = (a.x * edge.y - a.y * edge.x) / denominator;
    const double along_edge = (a.x * direction.y - a.y * direction.x) / denominator;
    if (along_ray > 0.0 && along_edge >= 0.0 && along_edge <= 1.0) farthest = std::max(farthest, along_ray);
  }
  return farthest;
}

struct RayErrors {
  double mean = 0.0, max = 0.0;  // shares of the head's width
  int rays = 0;
};

// Distance between radii along `outline`'s rays and the traced skull line, as shares of its width.
RayErrors errors_against_tracing(const HeadOutline& outline, const std::vector<double>& radii, const LabelledHead& head) {
  RayErrors e;
  for (std::size_t i = 0; i < radii.size(); ++i) {
    const double traced = traced_radius(head.skull, outline.centre_px, outline.direction(i));
    if (traced < 0.0 || radii[i] <= 0.0) continue;
    const double error = std::abs(radii[i] - traced) / head.width_px;
    e.mean += error, e.max = std::max(e.max, error), ++e.rays;
  }
  if (e.rays) e.mean /= e.rays;
  return e;
}

using test::Ink;
using test::ink_inside;
using test::ink_of;

// The darkening `after` leaves inside `region`, at arm's length (summed over its pixels).
double darkening_inside(const RgbaImage& before, const RgbaImage& after, const std::vector<glm::dvec2>& region) {
  return ink_inside(before, after, region) * cv::sum(darkening_at_arms_length(before, after))[0];
}

// The outline a known skull seen at `pose` would leave, the fit's inset (or none) outside its silhouette.
OutlineView outline_of(const ScalpSurface& skull, const HeadPose& pose, const Intrinsics& camera, bool inset) {
  OutlineView view{.outline = {}, .pose = pose, .camera = camera};
  HeadOutline& o = view.outline;
  const glm::dvec3 centre = pose.rotation() * glm::dvec3(0.0, 45.0, -5.0) + pose.translation_mm;
  o.centre_px = camera.project(centre);
  o.up_px = glm::normalize(camera.project(centre + pose.rotation() * glm::dvec3(0.0, 50.0, 0.0)) - o.centre_px);
  o.expected_radius_scale_px = camera.fx / centre.z;
  for (int i = 0; i < kOutlineRays; ++i) o.angle_rad.push_back(-kOutlineHalfSpanRad + 2.0 * kOutlineHalfSpanRad * i / (kOutlineRays - 1));
  o.strength.assign(kOutlineRays, 1.0);
  o.cut_off.assign(kOutlineRays, false);
  o.radius_px = silhouette_radii_px(skull, view);
  for (std::size_t i = 0; i < o.radius_px.size(); ++i)
    if (inset) o.radius_px[i] += outline_inset_share(o.angle_rad[i]) * skull.breadth_mm() * o.expected_radius_scale_px;
  return view;
}

TEST(OutlineFit, RecoversAKnownSkullAndThePitchTheFaceGotWrong) {
  FaceLandmarks3d truth = landmarks_of(face_model());
  truth.head_breadth_mm = 165.0;
  truth.vertex_height_mm = 140.0;
  truth.skull_offset_mm = 3.0;
  const ScalpFit skull = fit_scalp(truth);
  const HeadPose pose{.pitch_deg = 5.0, .yaw_deg = 10.0, .roll_deg = -4.0, .translation_mm = {20.0, -30.0, 900.0}};
  const Intrinsics camera = Intrinsics::from_horizontal_fov(1280, 720, 40.0);
  OutlineView view = outline_of(skull.surface, pose, camera, /*inset=*/true);
  // The face's landmarks gave a pitch 6 degrees too far down.
  view.pose = pitched_about(pose, -6.0, skull.glabella);

  const OutlineFit fit = fit_scalp_to_outlines(landmarks_of(face_model()), std::span(&view, 1));
  ASSERT_TRUE(fit.fitted);
  EXPECT_NEAR(fit.fit.surface.breadth_mm(), 165.0, 3.0);
  EXPECT_NEAR(*fit.measured.skull_offset_mm, 3.0, 2.0);
  // Seen from the front, a taller skull and a head turned further chin-down leave nearly the same
  // silhouette: the search ends somewhere along that valley (here 136 mm and 4 degrees).
  EXPECT_NEAR(fit.fit.surface.vertex_height_mm(), 140.0, 5.0);
  EXPECT_NEAR(fit.pitch_correction_deg, 6.0, 2.5);
  const HeadPose corrected = fit.corrected(view.pose);
  EXPECT_NEAR(corrected.pitch_deg, pose.pitch_deg, 2.5);
  // Turning about the glabella leaves it, and so the face, where the landmarks put it.
  const auto glabella_px = [&](const HeadPose& p) { return camera.project(p.rotation() * skull.glabella + p.translation_mm); };
  EXPECT_LT(glm::length(glabella_px(corrected) - glabella_px(view.pose)), 1e-6);
  EXPECT_LT(fit.mean_error_share, 0.02);
}

TEST(SkinMatte, ClearedOnlyWellBeyondAClearOutlineAndNeverIntoTheSkull) {
  const Intrinsics camera = Intrinsics::from_horizontal_fov(640, 480, 60.0);
  const HeadPose pose{.pitch_deg = 0.0, .yaw_deg = 0.0, .roll_deg = 0.0, .translation_mm = {0.0, 60.0, 700.0}};
  HeadOutline outline = *outline_rays(pose, camera);
  const double mm = outline.expected_radius_scale_px;
  const auto all_skin = [] {
    SkinMatte m{.width = 640, .height = 480, .skin = {}, .colour = std::nullopt};
    m.skin.assign(640 * 480, 255);
    return m;
  };
  const auto at = [&](const SkinMatte& m, glm::dvec2 p) { return int(m.skin[std::size_t(std::lround(p.y)) * 640 + std::size_t(std::lround(p.x))]); };
  // A round head 75 mm around the rays' centre, its edge clear on every ray.
  outline.radius_px.assign(outline.angle_rad.size(), 75.0 * mm);
  outline.strength.assign(outline.angle_rad.size(), 1.0);
  SkinMatte m = all_skin();
  clear_beyond_outline(outline, m);
  for (std::size_t i = 6; i + 6 < outline.angle_rad.size(); i += 6) {  // the end rays bound the part below, left as it is
    SCOPED_TRACE(i);
    const glm::dvec2 d = outline.direction(i);
    EXPECT_EQ(at(m, outline.centre_px + 80.0 * mm * d), 255) << "the margin beyond the edge found keeps its skin";
    EXPECT_EQ(at(m, outline.centre_px + 90.0 * mm * d), 0) << "well beyond it is background";
  }
  EXPECT_EQ(at(m, outline.centre_px - 90.0 * mm * outline.up_px), 255) << "below the ear tops nothing is cleared";
  // One ray without a clear edge among clear ones keeps the outline's radius there; a long stretch of them
  // clears nothing.
  const glm::dvec2 top_far = outline.centre_px + 90.0 * mm * outline.direction(42);
  outline.strength[42] = 0.0;
  m = all_skin();
  clear_beyond_outline(outline, m);
  EXPECT_EQ(at(m, top_far), 0);
  std::fill(outline.strength.begin() + 30, outline.strength.begin() + 55, 0.0);
  m = all_skin();
  clear_beyond_outline(outline, m);
  EXPECT_EQ(at(m, top_far), 255);
  // An edge found deep inside an adult skull (a highlight's, say) clears nothing.
  outline.strength.assign(outline.angle_rad.size(), 1.0);
  outline.radius_px.assign(outline.angle_rad.size(), 40.0 * mm);
  m = all_skin();
  clear_beyond_outline(outline, m);
  EXPECT_EQ(std::count(m.skin.begin(), m.skin.end(), std::uint8_t(255)), std::ptrdiff_t(m.skin.size()));
}

TEST(OutlineFit, WithoutAClearOutlineTheLandmarksScalpStays) {
  const ScalpFit adult = fit_scalp(landmarks_of(face_model()));
  FaceLandmarks3d broad;
  broad.head_breadth_mm = 170.0;
  OutlineView view = outline_of(fit_scalp(broad).surface, HeadPose{}, Intrinsics::from_horizontal_fov(640, 480, 60.0), false);
  for (std::size_t i = 0; i < view.outline.strength.size(); ++i) view.outline.strength[i] = i % 3 == 0 ? 1.0 : 0.0;  // 34% clear
  const OutlineFit fit = fit_scalp_to_outlines(landmarks_of(face_model()), std::span(&view, 1));
  EXPECT_FALSE(fit.fitted);
  EXPECT_NEAR(fit.clear_share, 29.0 / 85.0, 1e-9);
  EXPECT_EQ(fit.fit.surface.breadth_mm(), adult.surface.breadth_mm());
  EXPECT_EQ(fit.pitch_correction_deg, 0.0);
}

// The share of `region` (pixels where a dark, dense version of the design shows) that `after` darkens
// visibly: by at least 3 grey levels at arm's length.
double visible_share(const RgbaImage& before, const RgbaImage& after, const RgbaImage& region_after) {
  const cv::Mat seen = darkening_at_arms_length(before, after), region = darkening_at_arms_length(before, region_after);
  int in_region = 0, visible = 0;
  for (int y = 0; y < seen.rows; ++y)
    for (int x = 0; x < seen.cols; ++x) {
      if (region.at<float>(y, x) < 3.0f) continue;
      ++in_region;
      visible += seen.at<float>(y, x) >= 3.0f;
    }
  return in_region ? double(visible) / in_region : 0.0;
}

class HeadOutlineOnRealHeads : public test::GpuTest {
 protected:
  static void SetUpTestSuite() {
    GpuTest::SetUpTestSuite();
    heads_ = labelled_heads();
    predictor_ = std::make_unique<LandmarkPredictor>();
  }
  static void TearDownTestSuite() {
    predictor_.reset();
    GpuTest::TearDownTestSuite();
  }
  // A preview with a dot field built on the scalp fitted to the photo's head, at the design's density.
  Preview on_fitted_scalp(const PhotoHead& head, const SmpDesign& design) {
    return Preview(gpu(), head.camera, Preview::build_field(design.density_per_cm2, head.fit.fit), design.density_per_cm2,
                   head.fit.fit);
  }
  static inline std::vector<LabelledHead> heads_;
  static inline std::unique_ptr<LandmarkPredictor> predictor_;
};

TEST_F(HeadOutlineOnRealHeads, TheOutlineAndTheFittedScalpFollowTheTracedSkull) {
  ASSERT_GE(heads_.size(), 6u) << "labels in " << kLabels;
  for (const LabelledHead& head : heads_) {
    SCOPED_TRACE(head.name);
    const PhotoHead fitted = fit_photo_head(head.picture, CameraOptions{}, *predictor_);
    ASSERT_TRUE(fitted.face.found);
    // A bald head is fitted; a head with hair may not be (its outline is the hair's, which a skull fits
    // only loosely): biden keeps the adult-mean scalp, obama's outline is fitted.
    if (head.bald) {
      EXPECT_TRUE(fitted.fit.fitted) << fitted.summary;
    }
    const std::optional<HeadOutline> outline = find_head_outline(head.picture, fitted.face.pose, fitted.camera, fitted.face.landmarks);
    ASSERT_TRUE(outline);
    const RayErrors found = errors_against_tracing(*outline, outline->radius_px, head);
    // The other method compared before choosing the edge rays (printed only: the product uses the rays).
    const std::optional<HeadOutline> grabcut =
        find_head_outline(head.picture, fitted.face.pose, fitted.camera, fitted.face.landmarks, OutlineMethod::kGrabCut);
    ASSERT_TRUE(grabcut);
    const RayErrors by_grabcut = errors_against_tracing(*grabcut, grabcut->radius_px, head);
    const OutlineView view{*outline, fitted.face.pose, fitted.camera};
    const RayErrors scalp = errors_against_tracing(*outline, silhouette_radii_px(fitted.fit.fit.surface, view), head);
    std::printf("head outline %-14s width %4.0f px, %2d rays: outline found off by mean %.1f%% max %.1f%%; %s scalp "
                "%.0f x %.0f mm (pitch %+.1f deg) off by mean %.1f%% max %.1f%% of the head's width; GrabCut's outline off by "
                "mean %.1f%% max %.1f%%\n",
                head.name.c_str(), head.width_px, found.rays, 100 * found.mean, 100 * found.max,
                fitted.fit.fitted ? "fitted" : "adult-mean",
                fitted.fit.fit.surface.breadth_mm(), fitted.fit.fit.surface.vertex_height_mm(), fitted.fit.pitch_correction_deg,
                100 * scalp.mean, 100 * scalp.max, 100 * by_grabcut.mean, 100 * by_grabcut.max);
    EXPECT_GE(found.rays, 60) << "the rays span the skull from ear top to ear top";
    if (!head.bald) continue;  // hair: printed; its outer edge and the hairline compete (see the note)
    EXPECT_LE(found.mean, 0.03);
    EXPECT_LE(scalp.mean, 0.03);
    EXPECT_LE(scalp.max, 0.06);
  }
}

// `face` in `picture` drawn with the skin matte alone, not cleared beyond the head's outline: where the
// scalp alone puts the ink.
RgbaImage render_without_outline_clip(Preview& preview, const RgbaImage& picture, const TrackedFace& face,
                                      const SmpDesign& design) {
  TrackedFrame tracked;
  tracked.frame.picture = picture;
  tracked.face = face;
  find_skin_matte(picture, face.landmarks, tracked.skin);
  return preview.render(tracked, design);
}

TEST_F(HeadOutlineOnRealHeads, TheInkOfABaldHeadLandsOnItsHead) {
  // The default design with a 75 mm hairline; and the same at the darkest shade with large dots, to
  // find the scalp the design covers in the picture.
  const SmpDesign design{.hairline_height_mm = 75.0};
  SmpDesign dark = design;
  dark.shade = 1.0;
  dark.dot_diameter_mm = 1.5;
  std::vector<double> scalp_alone_shares, adult_alone_shares;
  for (const LabelledHead& head : heads_) {
    if (!head.bald) continue;
    SCOPED_TRACE(head.name);
    const PhotoHead fitted = fit_photo_head(head.picture, CameraOptions{}, *predictor_);
    ASSERT_TRUE(fitted.face.found);
    Preview preview = on_fitted_scalp(fitted, design);
    const RgbaImage after = preview.render(head.picture, fitted.face, design);
    const Ink ink = ink_of(head.picture, after, head.outline);
    const double share = ink.share();
    const double visible = visible_share(head.picture, after, preview.render(head.picture, fitted.face, dark));
    // The fitted scalp alone, without the matte's clearing beyond the outline found.
    const Ink alone = ink_of(head.picture, render_without_outline_clip(preview, head.picture, fitted.face, design), head.outline);
    const double scalp_alone = alone.share();

    // What the adult-mean scalp, placed from the face alone with the webcam's lens, did before the fit.
    CameraOptions webcam;
    TrackerSettings settings{.camera = camera_intrinsics(webcam, head.picture.width, head.picture.height),
                             .detect_beside_tracking = false, .smooth = false};
    Tracker tracker(*predictor_, settings);
    const TrackedFace face = tracker.track({.picture = head.picture, .index = 0, .t_ms = 0.0});
    Preview adult(gpu(), settings.camera, Preview::build_field(design.density_per_cm2), design.density_per_cm2);
    const double adult_share = ink_inside(head.picture, adult.render(head.picture, face, design), head.outline);
    const double adult_alone = ink_inside(head.picture, render_without_outline_clip(adult, head.picture, face, design), head.outline);
    std::printf("ink inside the head %-14s %.2f%% (the fitted scalp alone %.2f%%, the clearing beyond the outline takes "
                "%.2f%% of its ink on the head); the adult-mean scalp before the fit %.2f%% (alone %.2f%%); the design "
                "darkens %.0f%% of the scalp it covers by 3 grey levels or more at arm's length\n",
                head.name.c_str(), 100 * share, 100 * scalp_alone, 100 * (1.0 - ink.inside / alone.inside),
                100 * adult_share, 100 * adult_alone, 100 * visible);
    EXPECT_GE(share, 0.99);
    // The clearing beyond the outline never cuts the design on the head (the outline found may lie 4% of
    // the head's width inside the traced one), and takes only ink beside it.
    EXPECT_GE(ink.inside, 0.995 * alone.inside);
    EXPECT_GE(adult_share, adult_alone);
    adult_alone_shares.push_back(adult_alone);
    // Plainly visible: most of the scalp the design covers darkens visibly (the pigment's calibration,
    // tests/test_look.cpp; before it, 26-66%).
    EXPECT_GT(visible, 0.5);
    scalp_alone_shares.push_back(scalp_alone);
  }
  ASSERT_GE(scalp_alone_shares.size(), 6u);
  // The fit does the work, the clearing is a safety net for dots well beside the head: the fitted scalp
  // alone keeps 99% on every head, where the adult-mean one puts a quarter of bald_guys_01's ink beside it.
  std::printf("ink inside the head, the scalp alone: fitted %.2f%%, adult-mean %.2f%% on the worst of %zu bald heads\n",
              100 * *std::min_element(scalp_alone_shares.begin(), scalp_alone_shares.end()),
              100 * *std::min_element(adult_alone_shares.begin(), adult_alone_shares.end()), scalp_alone_shares.size());
  EXPECT_GE(*std::min_element(scalp_alone_shares.begin(), scalp_alone_shares.end()), 0.99);
  EXPECT_LT(*std::min_element(adult_alone_shares.begin(), adult_alone_shares.end()), 0.9);
}

TEST_F(HeadOutlineOnRealHeads, AVideoIsFittedOnceFromSeveralFramesLikeItsFirstPicture) {
  // Two seconds of a bald head drifting across the picture (made here from one labelled photo): the
  // pre-pass fits the views it takes together, and finds the skull the photo alone gives.
  const auto head = std::find_if(heads_.begin(), heads_.end(), [](const LabelledHead& h) { return h.name == "bald_guys_05"; });
  ASSERT_NE(head, heads_.end());
  const std::filesystem::path video =
      std::filesystem::temp_directory_path() / ("smpview-test-" + std::to_string(::getpid()) + "-drift.avi");
  const cv::Mat photo = bgr_from_rgba(head->picture);
  {
    cv::VideoWriter writer(video.string(), cv::VideoWriter::fourcc('M', 'J', 'P', 'G'), 25.0, photo.size());
    for (int i = 0; i < 50; ++i) {
      cv::Mat shifted;
      const cv::Mat drift = (cv::Mat_<double>(2, 3) << 1, 0, i / 5, 0, 1, 0);  // 10 px over the 2 s
      cv::warpAffine(photo, shifted, drift, photo.size(), cv::INTER_LINEAR, cv::BORDER_REPLICATE);
      writer.write(shifted);
    }
  }
  const PhotoHead alone = fit_photo_head(head->picture, CameraOptions{}, *predictor_);
  const VideoHead fitted = fit_video_head(*open_file(video), alone.camera, *predictor_);  // the same lens
  std::filesystem::remove(video);
  std::printf("video fit: %s; the photo alone: %.0f mm broad, vertex %.0f mm\n", fitted.summary.c_str(),
              alone.fit.fit.surface.breadth_mm(), alone.fit.fit.surface.vertex_height_mm());
  ASSERT_TRUE(fitted.fit.fitted) << fitted.summary;
  ASSERT_TRUE(alone.fit.fitted) << alone.summary;
  EXPECT_EQ(fitted.views, 2) << "frames 0 and 31 of 50, one every kVideoFitFrames / kVideoFitViews";
  EXPECT_NEAR(fitted.fit.fit.surface.breadth_mm(), alone.fit.fit.surface.breadth_mm(), 3.0);
  // Vertex height trades against pitch in a frontal silhouette (OutlineFit.RecoversAKnownSkull...).
  EXPECT_NEAR(fitted.fit.fit.surface.vertex_height_mm(), alone.fit.fit.surface.vertex_height_mm(), 5.0);
}

// The ink's centre of mass (darkening-weighted), px.
glm::dvec2 ink_centre(const RgbaImage& before, const RgbaImage& after) {
  const cv::Mat darkening = darkening_at_arms_length(before, after);
  glm::dvec2 sum(0.0);
  double total = 0.0;
  for (int y = 0; y < darkening.rows; ++y)
    for (int x = 0; x < darkening.cols; ++x) {
      const double d = std::max(0.0f, darkening.at<float>(y, x));
      sum += d * glm::dvec2(x, y), total += d;
    }
  return total > 0.0 ? sum / total : glm::dvec2(-1.0);
}

TEST_F(HeadOutlineOnRealHeads, HairStaysInFrontOfTheDotsAndABaldHeadKeepsItsInk) {
  // Large dots and a low hairline, so that much of the design lies under the hair of a head that has
  // some, with faint pigment, so that the darkening measures the ink. "Before": the same frame with no
  // landmarks to learn the skin from, which leaves the matte all skin, as it was before there was one.
  const SmpDesign design{.hairline_height_mm = 55.0, .dot_diameter_mm = 1.0, .shade = 0.0};
  int haired = 0, bald = 0;
  for (const LabelledHead& head : heads_) {
    if (!head.bald && head.hair.empty()) continue;
    SCOPED_TRACE(head.name);
    const PhotoHead fitted = fit_photo_head(head.picture, CameraOptions{}, *predictor_);
    ASSERT_TRUE(fitted.face.found);
    Preview preview = on_fitted_scalp(fitted, design);
    TrackedFace without_landmarks = fitted.face;
    without_landmarks.landmarks = {};
    const SplatSettings faint = test::faint_ink(preview.settings_for(design));
    const RgbaImage before = preview.render(head.picture, without_landmarks, faint);
    const RgbaImage& after = preview.render(head.picture, fitted.face, faint);
    const auto ink_in = [&](const RgbaImage& inked, const std::vector<glm::dvec2>& region) {
      return darkening_inside(head.picture, inked, region);
    };
    if (head.bald) {
      const double kept = ink_in(after, head.outline) / ink_in(before, head.outline);
      std::printf("skin matte %-14s %s: the head keeps %.1f%% of its ink\n", head.name.c_str(),
                  head.stubble ? "shaved" : "bald", 100 * kept);
      EXPECT_NEAR(kept, 1.0, head.stubble ? 0.1 : 0.05);
      ++bald;
    } else {
      const double hair_share = ink_in(after, head.hair) / ink_in(before, head.hair);
      const double face_kept = (ink_in(after, head.outline) - ink_in(after, head.hair)) /
                               (ink_in(before, head.outline) - ink_in(before, head.hair));
      std::printf("skin matte %-14s hair: the hair keeps %.1f%% of the ink it had, the bare skin below the hairline %.1f%%\n",
                  head.name.c_str(), 100 * hair_share, 100 * face_kept);
      EXPECT_GE(face_kept, 0.95) << "the forehead's bare skin keeps its dots";
      if (head.name == "biden") continue;  // white hair as smooth and warm as skin: a known limit (skin_matte.h)
      // The goal is 5%: obama keeps 5.0%, mostly in a 1-2 px band along the traced hairline, where the
      // trace is +-2 px and the darkening is blurred by 1.5 px. 19% before the hairline's cells were
      // classified pixel by pixel and rough, half-saturated temple hair counted as hair.
      EXPECT_LE(hair_share, 0.06);
      ++haired;
    }
  }
  EXPECT_GE(bald, 6);
  EXPECT_GE(haired, 1) << "a head with a traced hairline (obama)";
}

// `pose` turned by `degrees` (about the head frame's x, y and z axes) about the top of the neck, where
// a head turns and where the head follower's errors turn it (head_motion.cpp keeps the neck in place).
HeadPose turned_about_neck(const HeadPose& pose, const glm::dvec3& degrees) {
  const glm::dvec3 neck{0.0, -60.0, -10.0};
  glm::dmat4 turn(1.0);
  for (int axis = 0; axis < 3; ++axis) {
    glm::dvec3 along(0.0);
    along[axis] = 1.0;
    turn = turn * glm::rotate(glm::dmat4(1.0), glm::radians(degrees[axis]), along);
  }
  const glm::dmat3 r = pose.rotation() * glm::dmat3(turn);
  return HeadPose::from_rotation(r, pose.rotation() * neck + pose.translation_mm - r * neck);
}

// A head followed beyond its face (turned away, bowed, covered; src/tracking/head_motion.h) has no
// landmarks to learn the skin from, and its pose drifts (5.9 degrees at worst on cap12's turn, 15 on
// its nod). Its matte takes the last face's skin colour and clears beyond the outline found at the
// followed pose: the dots stay on the head and under the hair. Drift is modelled by turning the face's
// pose 10 degrees each way about the neck; "all skin" is what a followed head showed before.
TEST_F(HeadOutlineOnRealHeads, TheDotsOfAFollowedHeadStayOnItAndUnderItsHair) {
  const SmpDesign design{.hairline_height_mm = 55.0, .dot_diameter_mm = 1.0, .shade = 0.0};
  int bald = 0, haired = 0;
  for (const LabelledHead& head : heads_) {
    if (!head.bald && head.hair.empty()) continue;
    SCOPED_TRACE(head.name);
    const PhotoHead fitted = fit_photo_head(head.picture, CameraOptions{}, *predictor_);
    ASSERT_TRUE(fitted.face.found);
    Preview preview = on_fitted_scalp(fitted, design);
    const SplatSettings faint = test::faint_ink(preview.settings_for(design));
    TrackedFace face = fitted.face;
    const RgbaImage with_face = preview.render(head.picture, face, faint);  // the last face: its skin is learnt
    const auto ink_in = [&](const RgbaImage& inked, const std::vector<glm::dvec2>& region) {
      return darkening_inside(head.picture, inked, region);
    };
    // At the worst drift: the share of the ink on the head; of the ink all skin leaves on the head, what
    // the matte keeps there (a bald head's skin must stay skin), and on the hair (it must go).
    double on_head = 1.0, head_kept = 1.0, hair_kept = 0.0;
    for (const glm::dvec3 drift : {glm::dvec3(10, 0, 0), glm::dvec3(-10, 0, 0), glm::dvec3(0, 10, 0), glm::dvec3(0, -10, 0)}) {
      face.t_ms += 40.0;
      TrackedFace followed{.frame = face.frame, .t_ms = face.t_ms, .found = true, .source = PoseSource::kHead,
                           .pose = turned_about_neck(fitted.face.pose, drift)};
      TrackedFace without_matte = followed;
      without_matte.source = PoseSource::kFace;  // a pose without landmarks: all skin
      const RgbaImage after = preview.render(head.picture, followed, faint);
      const RgbaImage all_skin = preview.render(head.picture, without_matte, faint);
      on_head = std::min(on_head, ink_inside(head.picture, after, head.outline));
      if (head.bald) head_kept = std::min(head_kept, ink_in(after, head.outline) / ink_in(all_skin, head.outline));
      else hair_kept = std::max(hair_kept, ink_in(after, head.hair) / ink_in(all_skin, head.hair));
    }
    if (head.bald) {
      std::printf("followed head %-14s drifted 10 deg: %.2f%% of the ink on the head at worst; it keeps %.1f%% of the ink "
                  "all skin gives it\n", head.name.c_str(), 100 * on_head, 100 * head_kept);
      // With the face, at its own pose: 99.7% at worst; here bald_guys_06's drifted scalp reaches past
      // its crown, and the projected face's skin region and the outline at a wrong pose take a little.
      EXPECT_GE(on_head, 0.98);
      EXPECT_GE(head_kept, 0.9);
      ++bald;
    } else {
      std::printf("followed head %-14s drifted 10 deg: the hair keeps %.1f%% of the ink all skin gives it at worst (with "
                  "the face %.1f%%)\n", head.name.c_str(), 100 * hair_kept,
                  100 * ink_in(with_face, head.hair) / ink_in(preview.render(head.picture, TrackedFace{.found = true, .pose = fitted.face.pose}, faint), head.hair));
      if (head.name == "biden") continue;  // white hair as smooth and warm as skin: a known limit (skin_matte.h)
      EXPECT_LE(hair_kept, 0.1);
      ++haired;
    }
  }
  EXPECT_GE(bald, 6);
  EXPECT_GE(haired, 1);
}

TEST(ScalpRefit, APointMovedToAnotherEggKeepsItsChartCoordinatesThere) {
  const ScalpSurface from(ScalpShape{}), to(ScalpShape{.centre_mm = {4.0f, 36.0f, 1.0f}, .half_breadth_mm = 80.0f,
                                                      .half_height_mm = 101.0f, .front_length_mm = 92.0f,
                                                      .back_length_mm = 110.0f});
  for (double azimuth = -3.0; azimuth <= 3.0; azimuth += 0.25)
    for (double elevation = -0.3; elevation <= 1.5; elevation += 0.15) {
      const ChartPoint c{azimuth, elevation};
      const glm::vec3 moved = shader::moved_to_egg(glm::vec3(from.point(c)), from.chart_centre_taper(), from.chart_radii(),
                                                   to.chart_centre_taper(), to.chart_radii());
      // On the other egg, at the same chart point (its own ScalpSurface::point, in double precision).
      ASSERT_LT(glm::length(glm::dvec3(moved) - to.point(c)), 1e-3) << azimuth << " " << elevation;
    }
}

TEST_F(HeadOutlineOnRealHeads, AFieldBuiltOnTheAdultMeanScalpIsDrawnOnTheFittedOneWithoutARebuild) {
  // The mirror builds its dot field once, on the adult-mean scalp, and moves it to each refined fit in
  // the shader (Preview::set_scalp). The ink must land as on a field built on the fitted scalp itself.
  const SmpDesign design{.hairline_height_mm = 75.0, .density_per_cm2 = 40.0};
  const std::vector<Dot> adult_field = Preview::build_field(design.density_per_cm2);
  for (const LabelledHead& head : heads_) {
    if (!head.bald) continue;
    SCOPED_TRACE(head.name);
    const PhotoHead fitted = fit_photo_head(head.picture, CameraOptions{}, *predictor_);
    ASSERT_TRUE(fitted.fit.fitted);
    Preview rebuilt = on_fitted_scalp(fitted, design);
    Preview moved(gpu(), fitted.camera, adult_field, design.density_per_cm2);
    const RgbaImage unmoved_after = moved.render(head.picture, fitted.face, design);
    const double unmoved_share = ink_inside(head.picture, unmoved_after, head.outline);
    moved.set_scalp(fitted.fit.fit);
    const RgbaImage moved_after = moved.render(head.picture, fitted.face, design);
    const RgbaImage& rebuilt_after = rebuilt.render(head.picture, fitted.face, design);
    const double moved_share = ink_inside(head.picture, moved_after, head.outline);
    const double rebuilt_share = ink_inside(head.picture, rebuilt_after, head.outline);
    const glm::dvec2 moved_ink = ink_centre(head.picture, moved_after), rebuilt_ink = ink_centre(head.picture, rebuilt_after);
    const double moved_total = cv::sum(darkening_at_arms_length(head.picture, moved_after))[0];
    const double rebuilt_total = cv::sum(darkening_at_arms_length(head.picture, rebuilt_after))[0];
    std::printf("refit without rebuild %-14s ink inside: field moved to the fit %.2f%%, field built on it %.2f%%, not "
                "moved %.2f%%; ink centres %.1f px apart, total ink %.3f of the rebuilt field's\n",
                head.name.c_str(), 100 * moved_share, 100 * rebuilt_share, 100 * unmoved_share,
                glm::length(moved_ink - rebuilt_ink), moved_total / rebuilt_total);
    EXPECT_GE(moved_share, rebuilt_share - 0.005);
    EXPECT_LT(glm::length(moved_ink - rebuilt_ink), 0.01 * head.width_px);
    EXPECT_NEAR(moved_total / rebuilt_total, 1.0, 0.05);
  }
}

TEST_F(HeadOutlineOnRealHeads, TheMirrorFitsTheScalpOnAWorkerAndStartsAgainForTheNextPerson) {
  // A bald head held still in front of a webcam (one labelled photo, frame after frame at 30 fps).
  const auto head = std::find_if(heads_.begin(), heads_.end(), [](const LabelledHead& h) { return h.name == "bald_guys_02"; });
  ASSERT_NE(head, heads_.end());
  // The photo's lens (the face a metre away), as a real webcam's would be calibrated.
  const PhotoHead photo = fit_photo_head(head->picture, CameraOptions{}, *predictor_);
  TrackerSettings settings{.camera = photo.camera, .detect_beside_tracking = false, .smooth = true};
  Tracker tracker(*predictor_, settings);
  LiveHeadFit live(settings.camera);
  const auto frame_at = [&](std::uint64_t i, bool face) {
    TrackedFrame t;
    t.frame = {.picture = face ? head->picture : RgbaImage(head->picture.width, head->picture.height), .index = i,
               .t_ms = 1000.0 * double(i) / 30.0};
    t.face = tracker.track(t.frame);
    return t;
  };
  std::optional<OutlineFit> newest;
  std::uint64_t i = 0;
  TrackedFrame last;
  int fits = 0;
  // Three seconds of the face: kViews views a quarter of a second apart, fitted together on the worker.
  for (; i < 90; ++i) {
    last = frame_at(i, true);
    ASSERT_TRUE(last.face.found);
    live.offer(last);
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    if (std::optional<OutlineFit> f = live.take_fit()) newest = std::move(f), ++fits;
  }
  // The last view's fit: up to 10 s on a slow machine (a sanitizer build beside other work), then a
  // second more for any fit after it.
  for (int wait = 0; wait < 200 && !newest; ++wait) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    if (std::optional<OutlineFit> f = live.take_fit()) newest = std::move(f), ++fits;
  }
  for (int wait = 0; wait < 20; ++wait) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    if (std::optional<OutlineFit> f = live.take_fit()) newest = std::move(f), ++fits;
  }
  ASSERT_TRUE(newest);
  ASSERT_TRUE(newest->fitted) << fit_summary(*newest);
  std::printf("live fit: %d fit taken while the face was in view; %s\n", fits, fit_summary(*newest).c_str());
  EXPECT_EQ(fits, 1) << "one fit per person: the dots do not move several times";
  // Drawn on the fitted scalp (the pose corrected the same way), the ink lands on the head.
  const SmpDesign design{.hairline_height_mm = 75.0, .density_per_cm2 = 40.0};
  Preview preview(gpu(), settings.camera, Preview::build_field(design.density_per_cm2), design.density_per_cm2);
  TrackedFace face = last.face;
  const double unfitted = ink_inside(head->picture, preview.render(head->picture, face, design), head->outline);
  preview.set_scalp(newest->fit);
  face.pose = newest->corrected(face.pose);
  const double share = ink_inside(head->picture, preview.render(head->picture, face, design), head->outline);
  std::printf("live fit: ink inside the head %.2f%% on the fitted scalp, %.2f%% on the adult-mean one\n", 100 * share,
              100 * unfitted);
  EXPECT_GE(share, 0.99);
  // The same skull the photo alone gives (its breadth is 14 mm off the adult mean's).
  EXPECT_NEAR(newest->fit.surface.breadth_mm(), photo.fit.fit.surface.breadth_mm(), 3.0);
  // Vertex height trades against pitch in a frontal silhouette (OutlineFit.RecoversAKnownSkull...), and the
  // tracker's pose of a still picture differs from the photo's by a degree or two.
  std::printf("live fit: %.0f x %.0f mm, pitch %+.1f deg; the photo alone: %.0f x %.0f mm, pitch %+.1f deg\n",
              newest->fit.surface.breadth_mm(), newest->fit.surface.vertex_height_mm(), newest->pitch_correction_deg,
              photo.fit.fit.surface.breadth_mm(), photo.fit.fit.surface.vertex_height_mm(), photo.fit.pitch_correction_deg);
  EXPECT_NEAR(newest->fit.surface.vertex_height_mm(), photo.fit.fit.surface.vertex_height_mm(), 10.0);

  // Nobody in view for longer than kNewPersonAfterMs: the next person starts on the adult-mean scalp.
  const auto gone = std::uint64_t(std::ceil(LiveHeadFit::kNewPersonAfterMs / 1000.0 * 30.0)) + 2;
  for (std::uint64_t k = 0; k < gone; ++k, ++i) live.offer(frame_at(i, false));
  live.offer(frame_at(i++, true));
  std::optional<OutlineFit> next;
  for (int wait = 0; wait < 100 && !next; ++wait) {
    next = live.take_fit();
    if (!next) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_TRUE(next);
  EXPECT_FALSE(next->fitted);
  EXPECT_EQ(next->fit.surface.shape(), Preview::tracked_scalp().surface.shape());
}

TEST_F(HeadOutlineOnRealHeads, AMirroredOrTurnedPhotoGivesTheMirroredOrTurnedOutlineAndInk) {
  const auto head = std::find_if(heads_.begin(), heads_.end(), [](const LabelledHead& h) { return h.name == "bald_guys_04"; });
  ASSERT_NE(head, heads_.end());
  const cv::Mat photo = bgr_from_rgba(head->picture);
  const glm::dvec2 middle(0.5 * (photo.cols - 1), 0.5 * (photo.rows - 1));
  constexpr double kTurnDeg = 15.0;  // clockwise in the picture
  cv::Mat mirrored, turned;
  cv::flip(photo, mirrored, 1);
  cv::warpAffine(photo, turned, cv::getRotationMatrix2D(cv::Point2f(float(middle.x), float(middle.y)), -kTurnDeg, 1.0),
                 photo.size(), cv::INTER_LINEAR, cv::BORDER_REPLICATE);
  const auto turn = [&](glm::dvec2 p) {  // where a point of the photo lies in the turned one
    const double a = glm::radians(kTurnDeg), c = std::cos(a), s = std::sin(a);
    const glm::dvec2 d = p - middle;
    return middle + glm::dvec2(c * d.x - s * d.y, s * d.x + c * d.y);
  };
  const SmpDesign design{.hairline_height_mm = 75.0, .density_per_cm2 = 40.0};
  struct Seen {
    PhotoHead head;
    RgbaImage picture;
    glm::dvec2 ink;
  };
  const auto see = [&](const cv::Mat& bgr) {
    Seen seen;
    rgba_from_bgr(bgr, seen.picture);
    seen.head = fit_photo_head(seen.picture, CameraOptions{}, *predictor_);
    Preview preview = on_fitted_scalp(seen.head, design);
    seen.ink = ink_centre(seen.picture, preview.render(seen.picture, seen.head.face, design));
    return seen;
  };
  const Seen original = see(photo), flipped = see(mirrored), rotated = see(turned);
  for (const Seen* s : {&original, &flipped, &rotated}) ASSERT_TRUE(s->head.fit.fitted) << s->head.summary;

  // The outline and the ink's centre move with the picture.
  const auto outline_of_seen = [](const Seen& s) {
    return find_head_outline(s.picture, s.head.face.pose, s.head.camera, s.head.face.landmarks);
  };
  const std::optional<HeadOutline> o = outline_of_seen(original), of = outline_of_seen(flipped), ot = outline_of_seen(rotated);
  ASSERT_TRUE(o && of && ot);
  double flip_error = 0.0, turn_error = 0.0;
  const std::size_t n = o->radius_px.size();
  for (std::size_t i = 0; i < n; ++i) {
    const glm::dvec2 p = o->point(i);
    flip_error += glm::length(of->point(n - 1 - i) - glm::dvec2(photo.cols - 1 - p.x, p.y)) / double(n);
    turn_error += glm::length(ot->point(i) - turn(p)) / double(n);
  }
  const double width = head->width_px;
  std::printf("metamorphic: outline points of the mirrored photo %.1f px from the mirrored outline, of the turned one "
              "%.1f px from the turned outline, on average (head %.0f px wide)\n", flip_error, turn_error, width);
  EXPECT_LT(flip_error, 0.02 * width);
  EXPECT_LT(turn_error, 0.02 * width);
  const glm::dvec2 mirrored_ink(photo.cols - 1 - original.ink.x, original.ink.y);
  std::printf("metamorphic: ink centre %.1f,%.1f; mirrored photo %.1f,%.1f (expected %.1f,%.1f); turned 15 deg %.1f,%.1f "
              "(expected %.1f,%.1f); breadth %.0f / %.0f / %.0f mm\n",
              original.ink.x, original.ink.y, flipped.ink.x, flipped.ink.y, mirrored_ink.x, mirrored_ink.y, rotated.ink.x,
              rotated.ink.y, turn(original.ink).x, turn(original.ink).y, original.head.fit.fit.surface.breadth_mm(),
              flipped.head.fit.fit.surface.breadth_mm(), rotated.head.fit.fit.surface.breadth_mm());
  EXPECT_LT(glm::length(flipped.ink - mirrored_ink), 0.03 * width);
  EXPECT_LT(glm::length(rotated.ink - turn(original.ink)), 0.03 * width);
  EXPECT_NEAR(flipped.head.fit.fit.surface.breadth_mm(), original.head.fit.fit.surface.breadth_mm(), 4.0);
  EXPECT_NEAR(rotated.head.fit.fit.surface.breadth_mm(), original.head.fit.fit.surface.breadth_mm(), 4.0);
}

}  // namespace
}  // namespace smp
