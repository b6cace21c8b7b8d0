#pragma once
// `smpview render`: one picture of SMP on a head.
#include <CLI/CLI.hpp>
#include <string>

#include "app/command_line.h"
#include "app/demo_scene.h"

namespace smp {

struct RenderOptions {
  std::string input = "demo";
  std::string output;
  double pitch_deg = 0.0, yaw_deg = 0.0, roll_deg = 0.0;
  DemoFieldOptions field;
  SplatSettings splat;
  std::string size = "1280x720";
  std::string device;
};

CLI::App* add_render_command(CLI::App& app, RenderOptions& options);
// Returns the process exit code; throws BadArgument for values CLI11 cannot check.
int run_render(const RenderOptions& options);

}  // namespace smp
