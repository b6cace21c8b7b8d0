#include "tracking/pose_solver.h"

#include <cmath>

#include <opencv2/calib3d.hpp>

namespace smp {
namespace {

// Eyes, nose, and the jaw line's upper ends by the ears: what moves with the skull.
constexpr int kRigidLandmarks[] = {0,  1,  2,  14, 15, 16, 27, 28, 29, 30, 31, 32, 33, 34, 35,
                                   36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47};

}  // namespace

PoseFit solve_head_pose(const Landmarks68& landmarks, const Intrinsics& camera, const FaceModel& model,
                        const std::optional<HeadPose>& previous) {
  std::vector<cv::Point3d> object;
  std::vector<cv::Point2d> image;
  for (const int i : kRigidLandmarks) {
    object.emplace_back(model[size_t(i)].x, model[size_t(i)].y, model[size_t(i)].z);
    image.emplace_back(landmarks[size_t(i)].x, landmarks[size_t(i)].y);
  }
  const cv::Matx33d k(camera.fx, 0, camera.cx, 0, camera.fy, camera.cy, 0, 0, 1);
  const cv::Mat_<double> distortion(1, 5, const_cast<double*>(camera.distortion.data()));
  cv::Mat rvec, tvec;
  if (previous) {
    const glm::dmat3 r = previous->rotation();
    const cv::Matx33d r_cv(r[0][0], r[1][0], r[2][0], r[0][1], r[1][1], r[2][1], r[0][2], r[1][2], r[2][2]);
    cv::Rodrigues(r_cv, rvec);
    tvec = (cv::Mat_<double>(3, 1) << previous->translation_mm.x, previous->translation_mm.y, previous->translation_mm.z);
  } else {
    // No previous pose: EPnP's closed form gives the start for the iterative refinement.
    cv::solvePnP(object, image, k, distortion, rvec, tvec, false, cv::SOLVEPNP_EPNP);
  }
  cv::solvePnP(object, image, k, distortion, rvec, tvec, true, cv::SOLVEPNP_ITERATIVE);

  cv::Matx33d r_cv;
  cv::Rodrigues(rvec, r_cv);
  glm::dmat3 r;
  for (int row = 0; row < 3; ++row)
    for (int col = 0; col < 3; ++col) r[col][row] = r_cv(row, col);
  PoseFit fit;
  fit.pose = HeadPose::from_rotation(r, {tvec.at<double>(0), tvec.at<double>(1), tvec.at<double>(2)});
  std::vector<cv::Point2d> projected;
  cv::projectPoints(object, rvec, tvec, k, distortion, projected);
  double sum2 = 0.0;
  for (size_t i = 0; i < image.size(); ++i) sum2 += std::pow(cv::norm(projected[i] - image[i]), 2);
  fit.reprojection_px = std::sqrt(sum2 / double(image.size()));
  return fit;
}

}  // namespace smp
