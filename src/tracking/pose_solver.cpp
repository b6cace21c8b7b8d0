#include "tracking/pose_solver.h"

#include <cmath>

#include <opencv2/calib3d.hpp>

namespace smp {
namespace {

// Eyes, nose, and the jaw line's upper ends by the ears: what moves with the skull.
constexpr int kRigidLandmarks[] = {0,  1,  2,  14, 15, 16, 27, 28, 29, 30, 31, 32, 33, 34, 35,
                                   36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47};

}  // namespace

cv::Matx33d camera_matrix(const Intrinsics& c) { return {c.fx, 0, c.cx, 0, c.fy, c.cy, 0, 0, 1}; }

cv::Mat_<double> distortion_of(const Intrinsics& camera) {
  return cv::Mat_<double>(1, 5, const_cast<double*>(camera.distortion.data()));
}

glm::dmat3 rotation_of(const cv::Matx33d& r) {
  glm::dmat3 out;  // glm is column-major: out[col][row]
  for (int row = 0; row < 3; ++row)
    for (int col = 0; col < 3; ++col) out[col][row] = r(row, col);
  return out;
}

cv::Matx33d opencv_rotation(const glm::dmat3& r) {
  return {r[0][0], r[1][0], r[2][0], r[0][1], r[1][1], r[2][1], r[0][2], r[1][2], r[2][2]};
}

void opencv_pose(const HeadPose& pose, cv::Mat& rvec, cv::Mat& tvec) {
  cv::Rodrigues(opencv_rotation(pose.rotation()), rvec);
  tvec = (cv::Mat_<double>(3, 1) << pose.translation_mm.x, pose.translation_mm.y, pose.translation_mm.z);
}

HeadPose pose_of(const cv::Mat& rvec, const cv::Mat& tvec) {
  cv::Matx33d r;
  cv::Rodrigues(rvec, r);
  return HeadPose::from_rotation(rotation_of(r), {tvec.at<double>(0), tvec.at<double>(1), tvec.at<double>(2)});
}

PoseFit solve_head_pose(const Landmarks68& landmarks, const Intrinsics& camera, const FaceModel& model,
                        const std::optional<HeadPose>& previous) {
  std::vector<cv::Point3d> object;
  std::vector<cv::Point2d> image;
  for (const int i : kRigidLandmarks) {
    object.emplace_back(model[size_t(i)].x, model[size_t(i)].y, model[size_t(i)].z);
    image.emplace_back(landmarks[size_t(i)].x, landmarks[size_t(i)].y);
  }
  const cv::Matx33d k = camera_matrix(camera);
  const cv::Mat_<double> distortion = distortion_of(camera);
  cv::Mat rvec, tvec;
  if (previous) {
    opencv_pose(*previous, rvec, tvec);
  } else {
    // No previous pose: EPnP's closed form gives the start for the iterative refinement.
    cv::solvePnP(object, image, k, distortion, rvec, tvec, false, cv::SOLVEPNP_EPNP);
  }
  cv::solvePnP(object, image, k, distortion, rvec, tvec, true, cv::SOLVEPNP_ITERATIVE);

  PoseFit fit;
  fit.pose = pose_of(rvec, tvec);
  std::vector<cv::Point2d> projected;
  cv::projectPoints(object, rvec, tvec, k, distortion, projected);
  double sum2 = 0.0;
  for (size_t i = 0; i < image.size(); ++i) sum2 += std::pow(cv::norm(projected[i] - image[i]), 2);
  fit.reprojection_px = std::sqrt(sum2 / double(image.size()));
  return fit;
}

}  // namespace smp
