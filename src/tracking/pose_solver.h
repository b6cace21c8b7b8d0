#pragma once
// Head pose from 68 landmarks: perspective-n-point against the face model's points that stay rigid
// when the patient talks or smiles (eyes, nose, the jaw's upper ends; not the mouth, chin or brows).
#include <optional>

#include <opencv2/core.hpp>

#include "tracking/face_model.h"

namespace smp {

struct PoseFit {
  HeadPose pose;                  // head frame -> camera, mm; angles per shared/data/README.md
  double reprojection_px = 0.0;   // RMS distance between the landmarks and the model's projection
};

// `previous`: the last frame's pose, where the search starts (steadier, and faster).
PoseFit solve_head_pose(const Landmarks68& landmarks, const Intrinsics& camera, const FaceModel& model = face_model(),
                        const std::optional<HeadPose>& previous = std::nullopt);

// Between our types and OpenCV's perspective-n-point ones (a camera matrix, lens distortion, a Rodrigues
// rotation vector and a translation in mm), for every solver that calls it.
cv::Matx33d camera_matrix(const Intrinsics& camera);
cv::Mat_<double> distortion_of(const Intrinsics& camera);  // shares the camera's numbers: keep it alive
glm::dmat3 rotation_of(const cv::Matx33d& r);
cv::Matx33d opencv_rotation(const glm::dmat3& r);
// rvec and tvec as solvePnP takes and gives them.
void opencv_pose(const HeadPose& pose, cv::Mat& rvec, cv::Mat& tvec);
HeadPose pose_of(const cv::Mat& rvec, const cv::Mat& tvec);

}  // namespace smp
