#pragma once
// `smpview sheet`: the printable consultation sheet (record/consultation_sheet.h) from a photo or a
// video of the patient and a design: the front view, and from a video the views turned to each side; or
// from a clinic's photo set (one photo per view, each with its view when it shows no face), every view.
#include <CLI/CLI.hpp>

#include "app/camera_options.h"
#include <string>
#include <vector>

namespace smp {

// A photo set: one photo per view at most.
inline constexpr size_t kMostPhotos = 5;

struct SheetOptions {
  std::vector<std::string> inputs;  // one video, or up to kMostPhotos photos
  std::vector<std::string> views;   // empty, or one per input: "front", "left", ... (photo_view.h)
  std::vector<std::string> points_files;  // empty, or one per input: marked points (marked_points.h) or "none"
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
