#pragma once
// `smpview track`: head poses and landmarks of every frame of a video or photo, as JSON lines.
#include <CLI/CLI.hpp>
#include <string>

#include "tracking/head_pose.h"

namespace smp {

struct TrackOptions {
  std::string input;
  std::string output;
  double fov_deg = kDefaultCameraFovDeg;  // the camera's horizontal field of view, when its focal length is not known
  double focal_px = 0.0;    // the focal length in pixels (a calibrated camera); overrides --fov
  std::string calibration;  // an OpenCV camera calibration file; overrides both
};

CLI::App* add_track_command(CLI::App& app, TrackOptions& options);
// Returns the process exit code; throws BadArgument for values CLI11 cannot check, SourceError for an
// input that cannot be read.
int run_track(const TrackOptions& options);

}  // namespace smp
