#include "tracking/camera_calibration.h"

#include <opencv2/core/persistence.hpp>

namespace smp {

Intrinsics read_camera_calibration(const std::filesystem::path& path, int width, int height) {
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
  camera.width = width;
  camera.height = height;
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
  // Measured at another resolution of the same camera: scale to this one.
  const int measured_width = file["image_width"].empty() ? width : int(file["image_width"]);
  const int measured_height = file["image_height"].empty() ? height : int(file["image_height"]);
  if (measured_width <= 0 || measured_height <= 0) throw TrackingError(name + ": image_width and image_height must be positive");
  const double sx = double(width) / measured_width, sy = double(height) / measured_height;
  camera.fx *= sx, camera.cx *= sx;
  camera.fy *= sy, camera.cy *= sy;
  return camera;
}

}  // namespace smp
