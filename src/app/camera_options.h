#pragma once
// The camera options every command that looks at a person shares: which webcam and what it is asked
// for (live, kiosk), and what is known of its lens (all of them). One reading, so that `track`, `render`,
// `sheet`, `live` and `kiosk` place the head the same way for the same camera.
#include <CLI/CLI.hpp>
#include <string>

#include "capture/frame_source.h"
#include <optional>

#include "tracking/camera_calibration.h"
#include "tracking/head_pose.h"

namespace smp {

struct CameraOptions {
  int device = 0;                // /dev/videoN
  std::string size = "1280x720";  // asked of a webcam; it may give another size, which is then used
  double fps = 30.0;             // asked of a webcam
  double fov_deg = kDefaultCameraFovDeg;  // horizontal field of view, when the focal length is not known
  double focal_px = 0.0;         // focal length in pixels (a calibrated camera); overrides fov_deg
  std::string calibration;       // an OpenCV calibration file; overrides both
  std::optional<CameraCalibration> calibrated;  // the file, read by checked_camera_options
};

// --fov, --focal-px and --calibration; with `webcam` also --camera, --camera-size and --camera-fps.
void add_camera_options(CLI::App* command, CameraOptions& options, bool webcam);
// Checks what CLI11 cannot: the size's form and the calibration file, which it reads once for the
// whole command: the options returned carry it. Throws BadArgument naming the option, so that a bad
// value stops the command before a window opens.
CameraOptions checked_camera_options(const CameraOptions& options);
CameraSettings webcam_settings(const CameraOptions& options);
// The intrinsics for pictures of this size, from the calibration, the focal length or the field of
// view, in that order. Throws BadArgument for a calibration file that cannot be used.
Intrinsics camera_intrinsics(const CameraOptions& options, int width, int height);

}  // namespace smp
