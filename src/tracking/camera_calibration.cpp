#include "tracking/camera_calibration.h"

#include <opencv2/core/persistence.hpp>

namespace smp {

Intrinsics CameraCalibration::at(int width, int height) const {
  Intrinsics camera = measured;
  camera.width = width;
  camera.height = height;
  const double sx = measured.width > 0 ? double(width) / measured.width : 1.0;
  const double sy = measured.height > 0 ? double(height) / measured.height : 1.0;
  camera.fx *= sx, camera.cx *= sx;
  camera.fy *= sy, camera.cy *= sy;
  return camera;
}

CameraCalibration read_camera_calibration(const std::filesystem::path& path) {
  const std::string name = path.string();
  cv::FileStorage file;
  try {
    if (!std::filesystem::is_regular_file(path) || !file.open(name, cv::FileStorage::READ))
      throw TrackingError(name + ": cannot be read as a camera calibration (OpenCV YAML or XML)");
  } catch (const cv::Exception&) {
    throw TrackingError(name + ": not a camera calibration OpenCV can read (YAML or XML)");
  }
  cv::Mat k;
  file["camera_matrix"] >> k;
  if (k.rows != 3 || k.cols != 3) throw TrackingError(name + ": camera_matrix: missing, or not a 3x3 matrix");
  k.convertTo(k, CV_64F);
  Intrinsics camera;
  camera.width = camera.height = 0;
  camera.fx = k.at<double>(0, 0);
  camera.fy = k.at<double>(1, 1);
  camera.cx = k.at<double>(0, 2);
  camera.cy = k.at<double>(1, 2);
  // YAML writes .nan and .inf, which OpenCV reads back as numbers.
  if (!cv::checkRange(k)) throw TrackingError(name + ": camera_matrix: holds NaN or infinity");
  if (!(camera.fx > 0.0 && camera.fy > 0.0)) throw TrackingError(name + ": camera_matrix: focal lengths must be positive");
  // Distortion acts on normalised coordinates, so it needs no scaling with the resolution.
  cv::Mat distortion;
  file["distortion_coefficients"] >> distortion;
  if (!distortion.empty()) {
    distortion.convertTo(distortion, CV_64F);
    distortion = distortion.reshape(1, 1);
    if (distortion.cols < 4) throw TrackingError(name + ": distortion_coefficients: needs at least k1 k2 p1 p2");
    if (!cv::checkRange(distortion)) throw TrackingError(name + ": distortion_coefficients: holds NaN or infinity");
    for (int i = 5; i < distortion.cols; ++i)
      if (distortion.at<double>(i) != 0.0)
        throw TrackingError(name + ": distortion_coefficients: only k1 k2 p1 p2 k3 are supported, not the rational or thin-prism terms");
    for (int i = 0; i < std::min(5, distortion.cols); ++i) camera.distortion[size_t(i)] = distortion.at<double>(i);
  }
  // The size it was measured at, so that another resolution of the same camera can be scaled to.
  if (!file["image_width"].empty()) camera.width = int(file["image_width"]);
  if (!file["image_height"].empty()) camera.height = int(file["image_height"]);
  if ((!file["image_width"].empty() && camera.width <= 0) || (!file["image_height"].empty() && camera.height <= 0))
    throw TrackingError(name + ": image_width and image_height must be positive");
  return {camera};
}

}  // namespace smp
