#pragma once
// `smpview track`: head poses and landmarks of every frame of a video or photo, as JSON lines.
#include <CLI/CLI.hpp>
#include <string>

#include "app/camera_options.h"

namespace smp {

struct TrackOptions {
  std::string input;
  std::string output;
  CameraOptions camera;  // its lens: --fov, --focal-px, --calibration
};

CLI::App* add_track_command(CLI::App& app, TrackOptions& options);
// Returns the process exit code; throws BadArgument for values CLI11 cannot check, SourceError for an
// input that cannot be read.
int run_track(const TrackOptions& options);

}  // namespace smp
