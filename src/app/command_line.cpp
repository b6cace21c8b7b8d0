#include "app/command_line.h"

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <optional>
#include <string_view>
#include <fcntl.h>
#include <unistd.h>

#include "capture/frame_source.h"
#include "dots/design_file.h"
#include "record/image_file.h"

namespace smp {

namespace {

const std::vector<std::string> kViewNames = {"front", "left", "right", "top", "back"};

std::string view_help(const std::string& for_what) {
  return for_what + ": which of a clinic's views it shows (front, left: the patient's left side, right, top: looking "
                    "down on the bowed head, forehead at the bottom, back), so that the head is found without a face";
}

}  // namespace

CLI::Option* add_view_option(CLI::App* command, std::string& view, const std::string& for_what, const std::string& name) {
  return command->add_option(name, view, view_help(for_what))->check(CLI::IsMember(kViewNames));
}

CLI::Option* add_view_option(CLI::App* command, std::vector<std::string>& views, const std::string& for_what) {
  return command->add_option("--view", views, view_help(for_what))->allow_extra_args(false)->check(CLI::IsMember(kViewNames));
}

std::string points_help() {
  std::string names;
  for (const std::string_view name : marked_point_names()) names += (names.empty() ? "" : ", ") + std::string(name);
  return "a JSON file of points marked on it, {\"nasion\": [x, y], ...} in pixels, at least 3 of " + names +
         " (the patient's own left and right); they pin the head's pose";
}

CLI::Option* add_points_option(CLI::App* command, std::string& file) {
  return command->add_option("--points", file, "A photo: " + points_help());
}

CLI::Option* add_points_option(CLI::App* command, std::vector<std::string>& files) {
  return command->add_option("--points", files, "Each photo, one per --input in the same order ('none' for a photo without): " + points_help())
      ->allow_extra_args(false);
}

std::vector<MarkedPoint> marked_points_option(const std::string& file, int width, int height) {
  if (!std::filesystem::is_regular_file(file)) throw BadArgument("--points " + file + ": cannot be read");
  std::ifstream in(file, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  if (!in) throw BadArgument("--points " + file + ": cannot be read");
  std::string why;
  std::optional<std::vector<MarkedPoint>> points = parse_marked_points(text.str(), width, height, why);
  if (!points) throw BadArgument("--points " + file + ": " + why);
  return std::move(*points);
}

void refuse_non_finite_numbers(CLI::App& app) {
  const CLI::Validator finite(
      [](const std::string& text) -> std::string {
        char* end = nullptr;
        const double value = std::strtod(text.c_str(), &end);
        if (end != text.c_str() && *end == '\0' && !std::isfinite(value)) return "must be a finite number, not " + text;
        return {};
      },
      "", "finite");
  for (CLI::Option* option : app.get_options())
    if (option->get_type_name().find("FLOAT") != std::string::npos) option->check(finite);
  for (CLI::App* command : app.get_subcommands({})) refuse_non_finite_numbers(*command);
}

SmpDesign design_option(const std::string& design_file) {
  if (design_file.empty()) return SmpDesign{};
  try {
    return read_design_file(design_file);
  } catch (const DesignFileError& e) {
    throw BadArgument(std::string("--design: ") + e.what());
  }
}

void check_output_picture_path(const std::filesystem::path& path) {
  if (!path.empty() && !is_supported_image_extension(path))
    throw BadArgument("--output: '" + path.string() + "' must end in .png or .jpg");
  check_output_file_path(path);
}

void check_output_video_path(const std::filesystem::path& path) {
  if (lowercase_extension(path) != ".mp4") throw BadArgument("--output: '" + path.string() + "' must end in .mp4 for a video input");
  check_output_file_path(path);
}

void check_output_file_path(const std::filesystem::path& path) {
  if (path.empty()) throw BadArgument("--output: no file name given");
  const std::filesystem::path folder = path.parent_path().empty() ? std::filesystem::path(".") : path.parent_path();
  std::error_code error;
  if (!std::filesystem::is_directory(folder, error))
    throw BadArgument("--output: folder '" + folder.string() + "' does not exist");
  // Tried, not asked: permissions say yes to root everywhere, and a read-only or virtual file system
  // (a full SD card remounted read-only, /proc) says no only when a file is created.
  const std::filesystem::path probe = folder / (".smpview-write-test-" + std::to_string(::getpid()));
  const int fd = ::open(probe.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd < 0) throw BadArgument("--output: folder '" + folder.string() + "' is not writable");
  ::close(fd);
  ::unlink(probe.c_str());
  if (std::filesystem::is_directory(path, error))
    throw BadArgument("--output: '" + path.string() + "' is a folder, not a file name");
}

}  // namespace smp
