#pragma once
// `smpview render`: SMP on the built-in head (a picture), or on a photo or a video of a real head.
#include <CLI/CLI.hpp>

#include "app/camera_options.h"
#include <string>
#include <utility>
#include <vector>

#include "app/command_line.h"
#include "app/demo_scene.h"
#include "scalp/design.h"

namespace smp {

struct RenderOptions {
  std::string input = "demo";
  std::string output;
  double pitch_deg = 0.0, yaw_deg = 0.0, roll_deg = 0.0;
  double distance_mm = kDemoDistanceMm;  // the demo head's from the camera
  std::string design_file;
  SmpDesign design_flags;  // the per-field flags; each overrides the design file only when given
  std::vector<std::pair<CLI::Option*, void (*)(SmpDesign&, const SmpDesign&)>> given_flags;
  std::uint64_t seed = 1;
  std::string size = "1280x720";
  std::string device;
  CameraOptions camera;       // a photo or video input: the lens that took it
  bool side_by_side = false;  // a photo or video input: before and after next to each other
  bool shade_from_skin = false;  // a photo: the shade suggested for the skin measured against white paper
  std::string view;           // a photo: its standard view (tracking/photo_view.h) when the practitioner gives it
  std::string points_file;    // a photo: points the practitioner marked on it (tracking/marked_points.h)
  double seconds = 12.0;      // the demo as a video (--output X.mp4): how long; 12 s is one whole turn
};

// The design a render uses: the design file (or the defaults), then the flags that were given.
// Throws BadArgument for a design file that cannot be used.
SmpDesign effective_design(const RenderOptions& options);

CLI::App* add_render_command(CLI::App& app, RenderOptions& options);
// Returns the process exit code; throws BadArgument for values CLI11 cannot check.
int run_render(const RenderOptions& options);

}  // namespace smp
