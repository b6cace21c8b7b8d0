#pragma once
// Camera intrinsics from a calibration file in OpenCV's FileStorage formats (YAML, XML or JSON, read by
// tracking/opencv_storage.h), as OpenCV's calibration tools write it: `camera_matrix` (3x3) and,
// optionally, `image_width` and `image_height` of the pictures it was measured on, so that it can be
// scaled to another resolution of the same camera.
// Lens distortion, `distortion_coefficients` (k1 k2 p1 p2 [k3], OpenCV's model), is optional.
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

#include "tracking/face_landmarks.h"
#include "tracking/head_pose.h"

namespace smp {

// A calibration as the file gives it, read once and used for any picture size.
struct CameraCalibration {
  Intrinsics measured;  // its width or height 0 where the file does not give it: then the picture's own
  // For pictures of this size: the measured intrinsics scaled to it (the same camera at another resolution).
  Intrinsics at(int width, int height) const;
};

// Throws TrackingError naming the file and the field when it cannot be used.
CameraCalibration read_camera_calibration(const std::filesystem::path& path);
// The same from a file's text (at most kMaxCalibrationBytes); `name` names it in the messages.
CameraCalibration parse_camera_calibration(std::string_view text, const std::string& name);
constexpr std::size_t kMaxCalibrationBytes = 1 << 20;  // calibration tools write a few kilobytes

}  // namespace smp
