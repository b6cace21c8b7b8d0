// A photo's standard view (src/tracking/photo_view.h), the head found in a photo without a face
// (src/tracking/head_mask.h) and the scalp placed in it (src/scalp/view_fit.h), on pictures made here
// with a known answer.
#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

#include "capture/opencv_picture.h"
#include "scalp/scalp_fit.h"
#include "scalp/view_fit.h"
#include "tracking/face_model.h"
#include "tracking/head_mask.h"
#include "tracking/photo_view.h"

namespace smp {
namespace {

constexpr std::array kAllViews{PhotoView::kFront, PhotoView::kLeft, PhotoView::kRight, PhotoView::kTop, PhotoView::kBack};

// Where a head-frame direction points in the picture (camera x right, y down, z away).
glm::dvec3 seen(PhotoView view, const glm::dvec3& head_direction) { return view_angles(view).rotation() * head_direction; }

TEST(PhotoView, NamesReadBackAndEachViewIsItsOwnNearest) {
  for (const PhotoView view : kAllViews) {
    EXPECT_EQ(parse_view(view_name(view)), view);
    EXPECT_EQ(nearest_view(view_angles(view)), view) << view_name(view);
  }
  EXPECT_FALSE(parse_view("side").has_value());
  EXPECT_FALSE(parse_view("Front").has_value());
}

TEST(PhotoView, TheViewsFollowTheClinicsConventions) {
  const glm::dvec3 forward{0, 0, 1}, up{0, 1, 0}, left_ear{1, 0, 0};
  // front: the face towards the camera, bowed (the face a little down), upright.
  EXPECT_LT(seen(PhotoView::kFront, forward).z, -0.5);
  EXPECT_GT(seen(PhotoView::kFront, forward).y, 0.2);
  // left: the patient's left side shows; the face points to the picture's left.
  EXPECT_LT(seen(PhotoView::kLeft, left_ear).z, -0.9);
  EXPECT_LT(seen(PhotoView::kLeft, forward).x, -0.9);
  // right: the opposite.
  EXPECT_GT(seen(PhotoView::kRight, forward).x, 0.9);
  EXPECT_GT(seen(PhotoView::kRight, left_ear).z, 0.9);
  // top: looking down on the vertex, the forehead towards the picture's bottom edge.
  EXPECT_LT(seen(PhotoView::kTop, up).z, -0.9);
  EXPECT_GT(seen(PhotoView::kTop, forward).y, 0.9);
  // back: the face away from the camera, the neck at the bottom, bowed a little (the face down).
  EXPECT_GT(seen(PhotoView::kBack, forward).z, 0.9);
  EXPECT_LT(seen(PhotoView::kBack, up).y, -0.9);
  EXPECT_GT(seen(PhotoView::kBack, forward).y, 0.0);
}

// The adult-mean scalp's silhouette at `pose` drawn into a mask, with (for the upright views) the
// face and neck below it as a photo's head mask holds them.
cv::Mat mask_of(const ScalpSurface& surface, const HeadPose& pose, const Intrinsics& camera, bool with_neck) {
  cv::Mat mask(camera.height, camera.width, CV_8U, cv::Scalar(0));
  std::vector<cv::Point> points;
  for (int a = 0; a < 90; ++a)
    for (int e = 0; e <= 30; ++e) {
      const glm::dvec3 p = pose.rotation() * surface.point({.azimuth = -M_PI + 2 * M_PI * a / 90, .elevation = -M_PI / 2 + M_PI * e / 30}) +
                           pose.translation_mm;
      const glm::dvec2 q = camera.project(p);
      points.emplace_back(int(std::lround(q.x)), int(std::lround(q.y)));
    }
  std::vector<cv::Point> hull;
  cv::convexHull(points, hull);
  cv::fillConvexPoly(mask, hull, cv::Scalar(255));
  if (with_neck) {
    // 110 mm broad, from the ear canals' level down, turned with the head in the picture.
    std::vector<cv::Point> neck;
    for (const glm::dvec2 corner : {glm::dvec2(-55, 0), glm::dvec2(55, 0), glm::dvec2(55, -400), glm::dvec2(-55, -400)}) {
      const glm::dvec3 picture_up = glm::normalize(glm::dvec3(pose.rotation()[1].x, pose.rotation()[1].y, 0.0));
      const glm::dvec3 picture_right{-picture_up.y, picture_up.x, 0.0};
      const glm::dvec2 q = camera.project(pose.translation_mm + corner.x * picture_right + corner.y * picture_up);
      neck.emplace_back(int(std::lround(q.x)), int(std::lround(q.y)));
    }
    cv::fillConvexPoly(mask, neck, cv::Scalar(255));
  }
  return mask;
}

TEST(ViewFit, TheScalpIsFoundWhereAndHowLargeAndHowTiltedTheMaskShowsIt) {
  const ScalpSurface surface = fit_scalp(landmarks_of(face_model())).surface;
  const Intrinsics camera = Intrinsics::from_horizontal_fov(640, 640, 20.0);
  for (const PhotoView view : kAllViews)
    for (const double tilt : {-12.0, 0.0, 9.0}) {
      SCOPED_TRACE(std::string(view_name(view)) + " tilted " + std::to_string(tilt));
      // The head off centre and tilted in the picture; the lens known, so that the size is a distance.
      const glm::dmat3 turn = glm::dmat3(glm::dvec3(std::cos(glm::radians(tilt)), std::sin(glm::radians(tilt)), 0.0),
                                         glm::dvec3(-std::sin(glm::radians(tilt)), std::cos(glm::radians(tilt)), 0.0),
                                         glm::dvec3(0.0, 0.0, 1.0));
      const HeadPose truth = HeadPose::from_rotation(turn * view_angles(view).rotation(), {25.0, 30.0, 1100.0});
      const cv::Mat mask = mask_of(surface, truth, camera, view != PhotoView::kTop);
      const ViewFit fit = fit_view_to_mask(mask, view_angles(view), surface, camera, /*lens_known=*/true, 1000.0);
      const double head_px = surface.breadth_mm() * camera.fx / truth.translation_mm.z;
      const glm::dvec2 found = camera.project(fit.pose.translation_mm), expected = camera.project(truth.translation_mm);
      EXPECT_LT(glm::length(found - expected), 0.04 * head_px);
      EXPECT_NEAR(fit.pose.translation_mm.z / truth.translation_mm.z, 1.0, 0.05);
      EXPECT_NEAR(fit.tilt_deg, tilt, 5.0);
      EXPECT_GT(fit.inside_share, 0.98);
    }
}

TEST(ViewFit, WithoutALensTheHeadIsPutAtThePhotoDistanceAndTheFocalLengthFollows) {
  const ScalpSurface surface = fit_scalp(landmarks_of(face_model())).surface;
  const Intrinsics camera = Intrinsics::from_horizontal_fov(640, 640, 20.0);
  const HeadPose truth = HeadPose::from_rotation(view_angles(PhotoView::kTop).rotation(), {0.0, 0.0, 1500.0});
  Intrinsics unknown = camera;
  unknown.fx = unknown.fy = 123.0;  // not to be used
  const ViewFit fit = fit_view_to_mask(mask_of(surface, truth, camera, false), view_angles(PhotoView::kTop), surface,
                                       unknown, /*lens_known=*/false, 1000.0);
  EXPECT_DOUBLE_EQ(fit.pose.translation_mm.z, 1000.0);
  // The same size in the picture: the focal length over the distance as the truth's.
  EXPECT_NEAR((fit.camera.fx / 1000.0) / (camera.fx / 1500.0), 1.0, 0.05);
}

// A head-like picture: a skin-coloured egg with dark hair on top, before a plain wall.
RgbaImage head_before_a_wall(cv::Mat* truth) {
  cv::Mat bgr(480, 480, CV_8UC3, cv::Scalar(200, 205, 210));
  cv::Mat noise(bgr.size(), CV_8UC3);
  cv::randn(noise, 0, 5);
  *truth = cv::Mat(bgr.size(), CV_8U, cv::Scalar(0));
  cv::ellipse(*truth, {240, 250}, {130, 165}, 0, 0, 360, cv::Scalar(255), cv::FILLED);
  bgr.setTo(cv::Scalar(120, 150, 205), *truth);
  cv::Mat hair = *truth & (cv::Mat(bgr.size(), CV_8U, cv::Scalar(0)));
  cv::rectangle(hair, cv::Rect(0, 0, 480, 170), cv::Scalar(255), cv::FILLED);
  bgr.setTo(cv::Scalar(30, 35, 45), hair & *truth);
  bgr += noise;
  RgbaImage picture;
  rgba_from_bgr(bgr, picture);
  return picture;
}

TEST(HeadMask, AHeadBeforeAWallIsFoundSkinAndHairTogether) {
  cv::Mat truth;
  const RgbaImage picture = head_before_a_wall(&truth);
  std::string why_not;
  const std::optional<HeadMask> head = find_head_mask(picture, why_not);
  ASSERT_TRUE(head) << why_not;
  const double overlap = cv::countNonZero(head->mask & truth), either = cv::countNonZero(head->mask | truth);
  // Skin and hair apart would give about 0.6. The texture channel sees the drawn head's razor-sharp rim
  // as texture a few pixels wide (above 0.93 without it, 0.91 with it); on the labelled photos, whose rims
  // are soft, the masks' precision rose (0.949 to 0.952).
  EXPECT_GT(overlap / either, 0.89);
  EXPECT_NEAR(head->picture_share, double(cv::countNonZero(truth)) / truth.total(), 0.03);

  // The same head whatever this thread drew from OpenCV's generator before, and the caller's generator
  // given back where it stood.
  cv::theRNG() = cv::RNG(42);
  const std::uint64_t callers_next = cv::RNG(42).next();
  const std::optional<HeadMask> again = find_head_mask(picture, why_not);
  EXPECT_EQ(cv::theRNG().next(), callers_next);
  ASSERT_TRUE(again);
  EXPECT_EQ(cv::countNonZero(again->mask != head->mask), 0);
}

TEST(HeadMask, ABlankWallAndALandscapeHaveNoHeadAndSayWhy) {
  cv::Mat wall(480, 640, CV_8UC3, cv::Scalar(180, 190, 200)), noise(480, 640, CV_8UC3);
  cv::randn(noise, 0, 6);
  wall += noise;
  RgbaImage picture;
  rgba_from_bgr(wall, picture);
  std::string why_not;
  EXPECT_FALSE(find_head_mask(picture, why_not));
  EXPECT_NE(why_not.find("no head"), std::string::npos);

  // Sky over a green field with a wavy horizon.
  cv::Mat land(480, 640, CV_8UC3);
  for (int y = 0; y < land.rows; ++y)
    for (int x = 0; x < land.cols; ++x)
      land.at<cv::Vec3b>(y, x) = y < 200 + 20 * std::sin(x / 50.0) ? cv::Vec3b(230, uchar(180 - y / 4), 120)
                                                                    : cv::Vec3b(40, uchar(140 + (x * 7 + y * 3) % 30), 60);
  land += noise;
  rgba_from_bgr(land, picture);
  why_not.clear();
  EXPECT_FALSE(find_head_mask(picture, why_not));
  EXPECT_NE(why_not.find("no head"), std::string::npos);
}

}  // namespace
}  // namespace smp
