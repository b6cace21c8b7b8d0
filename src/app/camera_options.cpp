#include "app/camera_options.h"

#include "app/command_line.h"
#include "tracking/camera_calibration.h"

namespace smp {

void add_camera_options(CLI::App* command, CameraOptions& o, bool webcam) {
  if (webcam) {
    command->add_option("--camera", o.device, "Webcam number (/dev/videoN)")->check(CLI::Range(0, 63))->capture_default_str();
    command->add_option("--camera-size", o.size, "Picture size to ask of the webcam, WxH")->capture_default_str();
    command->add_option("--camera-fps", o.fps, "Frame rate to ask of the webcam")->check(CLI::Range(1.0, 240.0))->capture_default_str();
  }
  command->add_option("--fov", o.fov_deg, "The camera's horizontal field of view, degrees")
      ->check(CLI::Range(10.0, 150.0))
      ->capture_default_str();
  command->add_option("--focal-px", o.focal_px, "The camera's focal length in pixels (overrides --fov)")->check(CLI::Range(1.0, 1e6));
  command->add_option("--calibration", o.calibration, "Camera calibration file (OpenCV YAML or XML, camera_matrix)");
}

CameraSettings webcam_settings(const CameraOptions& o) {
  const PictureSize size = parse_picture_size(o.size, "--camera-size");
  return {.device = o.device, .width = size.width, .height = size.height, .fps = o.fps};
}

CameraOptions checked_camera_options(const CameraOptions& o) {
  webcam_settings(o);
  CameraOptions checked = o;
  if (!o.calibration.empty() && !o.calibrated) {
    try {
      checked.calibrated = read_camera_calibration(o.calibration);
    } catch (const TrackingError& e) {
      throw BadArgument(std::string("--calibration: ") + e.what());
    }
  }
  return checked;
}

Intrinsics camera_intrinsics(const CameraOptions& o, int width, int height) {
  if (!o.calibration.empty()) return (o.calibrated ? o : checked_camera_options(o)).calibrated->at(width, height);
  Intrinsics camera = Intrinsics::from_horizontal_fov(width, height, o.fov_deg);
  if (o.focal_px > 0.0) camera.fx = camera.fy = o.focal_px;
  return camera;
}

}  // namespace smp
