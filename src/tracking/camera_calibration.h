#pragma once
// Camera intrinsics from a calibration file: OpenCV's FileStorage format (YAML or XML), as OpenCV's
// calibration tools write it: `camera_matrix` (3x3) and, optionally, `image_width` and `image_height`
// of the pictures it was measured on, so that it can be scaled to another resolution of the same camera.
// Lens distortion, `distortion_coefficients` (k1 k2 p1 p2 [k3], OpenCV's model), is optional.
#include <filesystem>

#include "tracking/face_landmarks.h"
#include "tracking/head_pose.h"

namespace smp {

// Throws TrackingError naming the file and the field when it cannot be used.
Intrinsics read_camera_calibration(const std::filesystem::path& path, int width, int height);

}  // namespace smp
