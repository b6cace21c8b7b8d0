// The head frame and the pose convention of ../shared/data/README.md.
#include <cmath>

#include <gtest/gtest.h>

#include "tracking/head_pose.h"

namespace smp {
namespace {

constexpr glm::dvec3 kNoseTip{0, -14, 120};
constexpr glm::dvec3 kLeftEye{32, 12, 85};    // the person's own left eye: on the image's right
constexpr glm::dvec3 kRightEye{-32, 12, 85};

glm::dvec2 project(const HeadPose& pose, const glm::dvec3& head_point) {
  const Intrinsics k = Intrinsics::from_horizontal_fov(640, 480, 60.0);
  return k.project(pose.rotation() * head_point + pose.translation_mm);
}

HeadPose pose(double pitch, double yaw, double roll) {
  HeadPose p;
  p.pitch_deg = pitch;
  p.yaw_deg = yaw;
  p.roll_deg = roll;
  return p;
}

TEST(HeadPose, AllZeroLooksIntoTheCameraUpright) {
  const HeadPose p = pose(0, 0, 0);
  EXPECT_NEAR((p.rotation() * glm::dvec3(0, 0, 1)).z, -1.0, 1e-12);  // face towards the camera
  EXPECT_LT(project(p, {0, 100, 0}).y, project(p, {0, 0, 0}).y);     // vertex above in the image
  EXPECT_GT(project(p, kLeftEye).x, project(p, kRightEye).x);         // a mirror image, not a photo of a back
}

TEST(HeadPose, PositiveYawTurnsTheFaceTowardsTheImageLeft) {
  EXPECT_LT(project(pose(0, 20, 0), kNoseTip).x, project(pose(0, 0, 0), kNoseTip).x - 10);
}

TEST(HeadPose, PositivePitchLiftsTheChin) {
  EXPECT_LT(project(pose(20, 0, 0), kNoseTip).y, project(pose(0, 0, 0), kNoseTip).y - 10);
}

TEST(HeadPose, PositiveRollTiltsClockwiseInTheImage) {
  const HeadPose p = pose(0, 0, 15);
  const glm::dvec2 image_left_eye = project(p, kRightEye), image_right_eye = project(p, kLeftEye);
  const double slope_deg = glm::degrees(std::atan2(image_right_eye.y - image_left_eye.y, image_right_eye.x - image_left_eye.x));
  EXPECT_NEAR(slope_deg, 15.0, 0.5);  // eye line slopes down to the right by the roll angle
}

TEST(HeadPose, AnglesSurviveTheRoundTripThroughARotationMatrix) {
  for (double pitch : {-50.0, -10.0, 0.0, 25.0})
    for (double yaw : {-80.0, -30.0, 0.0, 45.0})
      for (double roll : {-40.0, 0.0, 12.0}) {
        const HeadPose p = pose(pitch, yaw, roll);
        const HeadPose back = HeadPose::from_rotation(p.rotation(), p.translation_mm);
        EXPECT_NEAR(back.pitch_deg, pitch, 1e-9);
        EXPECT_NEAR(back.yaw_deg, yaw, 1e-9);
        EXPECT_NEAR(back.roll_deg, roll, 1e-9);
      }
}

TEST(HeadPose, RotationIsOrthonormal) {
  const glm::dmat3 r = pose(12, -33, 7).rotation();
  const glm::dmat3 should_be_identity = glm::transpose(r) * r;
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j) EXPECT_NEAR(should_be_identity[i][j], i == j ? 1.0 : 0.0, 1e-12);
  EXPECT_NEAR(glm::determinant(r), 1.0, 1e-12);
}

// The tracker trusts landmarks only this little turned from the camera: a bow counts as a turn does, a
// tilt does not, and a head at the picture's side that looks into the lens is not turned at all.
TEST(HeadPose, TurnedFromCameraIsOneAngleForATurnOrABowWhereverTheHeadIs) {
  EXPECT_NEAR(turned_from_camera_deg(pose(0, 0, 0)), 0.0, 1e-9);
  EXPECT_NEAR(turned_from_camera_deg(pose(0, 40, 0)), 40.0, 1e-9);
  EXPECT_NEAR(turned_from_camera_deg(pose(0, -90, 0)), 90.0, 1e-9);
  EXPECT_NEAR(turned_from_camera_deg(pose(-35, 0, 0)), 35.0, 1e-9);
  EXPECT_NEAR(turned_from_camera_deg(pose(0, 0, 50)), 0.0, 1e-9);
  EXPECT_NEAR(turned_from_camera_deg(pose(180, 0, 180)), 180.0, 1e-6);  // seen from behind
  HeadPose aside = pose(0, 0, 0);
  aside.translation_mm = {300.0, 0.0, 600.0};
  EXPECT_NEAR(turned_from_camera_deg(aside), glm::degrees(std::atan(0.5)), 1e-9);
  aside.yaw_deg = glm::degrees(std::atan(0.5));  // towards the image's left: to the lens
  EXPECT_NEAR(turned_from_camera_deg(aside), 0.0, 1e-6);
}

TEST(Intrinsics, FieldOfViewSetsTheFocalLength) {
  const Intrinsics k = Intrinsics::from_horizontal_fov(1280, 720, 90.0);
  EXPECT_NEAR(k.fx, 640.0, 1e-9);
  EXPECT_NEAR(k.project({1.0, 0.0, 1.0}).x, k.cx + 640.0, 1e-9);
}

}  // namespace
}  // namespace smp
