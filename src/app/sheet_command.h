#pragma once
// `smpview sheet`: the printable consultation sheet (record/consultation_sheet.h) from a photo or a
// video of the patient and a design: the front view, and from a video the views turned to each side.
#include <CLI/CLI.hpp>

#include "app/camera_options.h"
#include <string>

namespace smp {

struct SheetOptions {
  std::string input;
  std::string design_file;  // empty: the default design
  std::string output;       // .pdf or .png
  std::string patient;      // printed at the top when given
  std::string device;
  CameraOptions camera;  // the lens that took the input
};

CLI::App* add_sheet_command(CLI::App& app, SheetOptions& options);
// Returns the process exit code; throws BadArgument, SourceError (exit 3).
int run_sheet(const SheetOptions& options);

}  // namespace smp
