#include "app/media_files.h"

#include <ctime>
#include <functional>
#include <iostream>

#include "files/whole_file.h"
#include "record/image_file.h"

namespace smp {
namespace {

// Said on screen, and in the terminal for whoever reads the log later.
std::string said(const std::string& line) {
  std::cerr << "smpview: " << line << "\n";
  return line;
}

// stem-YYYYmmdd-HHMMSS.extension for the first file of a second, then -2, -3 ...
std::function<std::string(int)> media_names(const std::string& stem, const std::string& extension) {
  const std::time_t now = std::time(nullptr);
  char text[32];
  std::strftime(text, sizeof text, "%Y%m%d-%H%M%S", std::localtime(&now));
  const std::string base = stem + "-" + text;
  return [=](int n) { return base + (n == 0 ? "" : "-" + std::to_string(n + 1)) + extension; };
}

}  // namespace

std::filesystem::path unused_media_path(const std::filesystem::path& folder, const std::string& stem,
                                        const std::string& extension) {
  const auto names = media_names(stem, extension);
  int n = 0;
  while (std::filesystem::exists(folder / names(n))) ++n;
  return folder / names(n);
}

std::string save_snapshot(const RgbaImage& picture, const std::filesystem::path& folder) {
  try {
    // Linked under its name, not renamed: two programs saving in the same second keep both pictures.
    const std::filesystem::path path = write_new_file(std::filesystem::absolute(folder), media_names("smpview-snapshot", ".png"),
                                                      [&](const std::filesystem::path& hidden) { return encode_image(picture, hidden); });
    return said("Snapshot: " + path.string());
  } catch (const std::exception& e) {
    return said(std::string("Snapshot not saved: ") + e.what());
  }
}

std::string save_marked_points(std::span<const MarkedPoint> points, const std::filesystem::path& folder) {
  if (int(points.size()) < kFewestMarkedPoints)  // a --points file holds at least that many
    return "Points not saved: place at least " + std::to_string(kFewestMarkedPoints) + " (choose a name, then click on the photo)";
  try {
    const std::filesystem::path path = write_new_file(std::filesystem::absolute(folder), media_names("smpview-points", ".json"),
                                                      text_content(marked_points_json(points)));
    return said("Points: " + path.string() + " (for --points)");
  } catch (const std::exception& e) {
    return said(std::string("Points not saved: ") + e.what());
  }
}

std::string WindowRecording::start(const std::filesystem::path& folder, const VideoSettings& settings) {
  path_ = std::filesystem::absolute(unused_media_path(folder, "smpview-preview", ".mp4"));
  try {
    recorder_.emplace(path_, settings);
  } catch (const std::exception& e) {
    return said(std::string("Not recording: ") + e.what());
  }
  return said("Recording to " + path_.string());
}

std::string WindowRecording::finish() {
  if (!recorder_) return {};
  std::string line;
  try {
    recorder_->finish();
    line = "Recording saved: " + path_.string();
    if (const std::uint64_t dropped = recorder_->dropped(); dropped > 0)
      line += " (" + std::to_string(dropped) + " frames the encoder could not keep up with were left out)";
  } catch (const std::exception& e) {
    line = std::string("Recording lost: ") + e.what();
  }
  recorder_.reset();
  return said(line);
}

std::string WindowRecording::offer(const RgbaImage& picture, double t_ms) {
  if (!recorder_) return {};
  if (const std::string problem = recorder_->problem(); !problem.empty()) {
    recorder_.reset();  // nothing appears under the final name
    return said("Recording stopped: " + problem);
  }
  recorder_->offer(picture, t_ms);
  return {};
}

}  // namespace smp
