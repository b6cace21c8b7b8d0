#pragma once
// Shared checks for command-line values: each failure is one line naming the option and the problem.
#include <filesystem>

#include <CLI/CLI.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "app/picture_size.h"
#include "scalp/design.h"
#include "tracking/marked_points.h"

namespace smp {

// A value a person typed that cannot be used; exit code 2.
struct BadArgument : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

// The design a --design option names; the default design when `design_file` is empty. Throws
// BadArgument naming the file's bad field.
SmpDesign design_option(const std::string& design_file);

// Every floating-point option of `app` and its subcommands, added so far, refuses NaN and infinities
// ("--yaw nan"): CLI11's range checks let NaN through (no comparison with it is true), and a NaN angle
// or length would draw nothing, or garbage, and still exit 0.
void refuse_non_finite_numbers(CLI::App& app);

// A photo's standard view (tracking/photo_view.h), in the clinic's words: `--view` of render, live and
// sheet (a vector: one per --input), and live's `--second-view`. `for_what` starts the help text ("A photo", ...).
CLI::Option* add_view_option(CLI::App* command, std::string& view, const std::string& for_what,
                             const std::string& name = "--view");
CLI::Option* add_view_option(CLI::App* command, std::vector<std::string>& views, const std::string& for_what);

// The practitioner's marked points on a photo (tracking/marked_points.h): `--points FILE.json` of render
// and live (sheet: one per --input, `none` for a photo without), and their check against the photo's
// size. A BadArgument (exit 2) names the file and says what is wrong: unreadable, not such an object, an
// unknown name, a point outside, fewer than three.
inline constexpr const char* kNoPointsFile = "none";
CLI::Option* add_points_option(CLI::App* command, std::string& file);
CLI::Option* add_points_option(CLI::App* command, std::vector<std::string>& files);
std::vector<MarkedPoint> marked_points_option(const std::string& file, int width, int height);

// The output's folder must exist and be writable, and the name must not be a folder.
void check_output_file_path(const std::filesystem::path& path);
// As check_output_file_path, and its extension one we can write.
void check_output_picture_path(const std::filesystem::path& path);
// As check_output_file_path, and ending in .mp4.
void check_output_video_path(const std::filesystem::path& path);

}  // namespace smp
