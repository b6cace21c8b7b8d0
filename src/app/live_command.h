#pragma once
// `smpview live`: the mirror. Capture thread -> tracking thread -> this loop, which takes the newest
// tracked frame whenever it draws (never waiting for tracking), puts the design's dots on the head,
// and shows it in a window with the practitioner's panel. With no camera, the built-in demo runs. A
// second camera behind or above the patient is shown beside the first (app/second_view.h).
#include <CLI/CLI.hpp>

#include "app/camera_options.h"
#include "app/second_view.h"
#include <string>

namespace smp {

struct LiveOptions {
  CameraOptions camera;  // --camera, --camera-size, --camera-fps and the lens
  std::string input;  // a video, a photo, or "demo"; empty: the camera
  std::string view;   // a photo's standard view ("front", "left", ...: tracking/photo_view.h); empty: none given
  std::string points_file;  // a photo's marked points (tracking/marked_points.h); empty: none
  SecondViewOptions second;  // a second camera or file, shown beside the first (app/second_view.h)
  std::string design_file;
  bool fullscreen = false;
  bool no_mirror = false;
  std::string script;  // timed UI actions (app/ui_script.h), for tests and demos
  double field_density_per_cm2 = 120.0;  // the density slider's top; the field is built once per run
  std::string data_folder;  // saved consultations; empty: the XDG data folder (dots/consultation_store.h)
  std::string media_folder = ".";  // snapshots and recordings
};

CLI::App* add_live_command(CLI::App& app, LiveOptions& options);
// Returns the process exit code; throws BadArgument, SourceError (exit 3) or WindowError.
int run_live(const LiveOptions& options);

}  // namespace smp
