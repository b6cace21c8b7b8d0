#include "tracking/camera_calibration.h"

#include <algorithm>
#include <cmath>
#include <fstream>

#include "tracking/opencv_storage.h"

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

namespace {

bool all_finite(const std::vector<double>& numbers) {
  return std::all_of(numbers.begin(), numbers.end(), [](double x) { return std::isfinite(x); });
}

CameraCalibration read_fields(const OpenCvStorage& file) {
  if (!file.has("camera_matrix")) throw StorageError("camera_matrix: missing, or not a 3x3 matrix");
  const StoredMatrix k = file.matrix("camera_matrix", 9);
  if (k.rows != 3 || k.cols != 3) throw StorageError("camera_matrix: missing, or not a 3x3 matrix");
  // YAML writes .nan and .inf, which are numbers to a reader.
  if (!all_finite(k.data)) throw StorageError("camera_matrix: holds NaN or infinity");
  Intrinsics camera;
  camera.width = camera.height = 0;
  camera.fx = k.data[0];
  camera.cx = k.data[2];
  camera.fy = k.data[4];
  camera.cy = k.data[5];
  if (!(camera.fx > 0.0 && camera.fy > 0.0)) throw StorageError("camera_matrix: focal lengths must be positive");
  // Distortion acts on normalised coordinates, so it needs no scaling with the resolution.
  if (file.has("distortion_coefficients")) {
    const std::vector<double> d = file.matrix("distortion_coefficients", 14).data;  // OpenCV's models have at most 14
    if (d.size() < 4) throw StorageError("distortion_coefficients: needs at least k1 k2 p1 p2");
    if (!all_finite(d)) throw StorageError("distortion_coefficients: holds NaN or infinity");
    for (size_t i = 5; i < d.size(); ++i)
      if (d[i] != 0.0)
        throw StorageError("distortion_coefficients: only k1 k2 p1 p2 k3 are supported, not the rational or thin-prism terms");
    for (size_t i = 0; i < std::min<size_t>(5, d.size()); ++i) camera.distortion[i] = d[i];
  }
  // The size it was measured at, so that another resolution of the same camera can be scaled to.
  for (const auto& [field, side] : {std::pair{"image_width", &camera.width}, std::pair{"image_height", &camera.height}}) {
    if (!file.has(field)) continue;
    const double value = file.number(field);
    if (!(value >= 1.0 && value <= 100000.0 && value == std::floor(value)))
      throw StorageError(std::string(field) + ": must be a whole number of pixels, 1 to 100000");
    *side = int(value);
  }
  return {camera};
}

}  // namespace

CameraCalibration parse_camera_calibration(std::string_view text, const std::string& name) {
  if (text.size() > kMaxCalibrationBytes) throw TrackingError(name + ": too large for a camera calibration (over 1 MiB)");
  try {
    return read_fields(OpenCvStorage(text));
  } catch (const StorageError& e) {
    throw TrackingError(name + ": " + e.what());
  }
}

CameraCalibration read_camera_calibration(const std::filesystem::path& path) {
  const std::string name = path.string();
  std::ifstream in(path, std::ios::binary);
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error) || !in)
    throw TrackingError(name + ": cannot be read as a camera calibration (OpenCV YAML or XML)");
  std::string text(kMaxCalibrationBytes + 1, '\0');
  text.resize(size_t(in.read(text.data(), std::streamsize(text.size())).gcount()));
  return parse_camera_calibration(text, name);
}

}  // namespace smp
