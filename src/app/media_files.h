#pragma once
// The mirror's snapshots and recordings: where they go, under names that never replace an earlier
// one, and the line on screen that says what became of each. A file that cannot be written (a full
// disk, a folder that went away) is said on screen and in the terminal; the mirror goes on.
#include <filesystem>
#include <optional>
#include <span>
#include <string>

#include "capture/frame.h"
#include "record/recorder.h"
#include "tracking/marked_points.h"

namespace smp {

// folder/stem-YYYYmmdd-HHMMSS.extension, or with -2, -3 ... when that name is taken (two snapshots in
// one second).
std::filesystem::path unused_media_path(const std::filesystem::path& folder, const std::string& stem,
                                        const std::string& extension);

// Writes a snapshot; returns the status line (the absolute path, or why not).
std::string save_snapshot(const RgbaImage& picture, const std::filesystem::path& folder);

// Writes the photo's marked points as a --points file (smpview-points-...json); returns the status line.
std::string save_marked_points(std::span<const MarkedPoint> points, const std::filesystem::path& folder);

// A recording from the window, started and stopped by the practitioner.
class WindowRecording {
 public:
  bool active() const { return recorder_.has_value(); }
  // Each returns the status line.
  std::string start(const std::filesystem::path& folder, const VideoSettings& settings);
  std::string finish();
  // Hands a shown picture to the encoder. When encoding has failed, stops and returns why; else empty.
  std::string offer(const RgbaImage& picture, double t_ms);

 private:
  std::optional<Recorder> recorder_;
  std::filesystem::path path_;
};

}  // namespace smp
