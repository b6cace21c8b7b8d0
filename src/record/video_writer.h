#pragma once
// Preview videos a clinic can send to a patient: H.264 (High profile, yuv420p, BT.601) in MP4 with the
// index (moov atom) at the front, which is what phones and messaging apps play without re-encoding.
// Written under a temporary name beside the final one and renamed by finish(): a recording that is
// interrupted (crash, kill, power) never leaves a broken file under the final name.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <stdexcept>

#include "capture/frame.h"

namespace smp {

// The video cannot be written; the message names the file and says why, in one line.
struct RecordError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct VideoSettings {
  int width = 0, height = 0;  // of the pictures; an odd side loses its last row or column (H.264 4:2:0)
  double fps = 30.0;          // the nominal rate players show; each frame keeps its own timestamp
  int quality_crf = 20;       // x264's constant rate factor: 18 looks lossless, 23 is its default
};

class VideoWriter {
 public:
  // Throws RecordError when the file or the encoder cannot be opened.
  VideoWriter(const std::filesystem::path& output, const VideoSettings& settings);
  // Without finish(), the temporary file is removed and nothing appears under the final name.
  ~VideoWriter();
  VideoWriter(const VideoWriter&) = delete;
  VideoWriter& operator=(const VideoWriter&) = delete;

  // `t_ms`: the frame's time from the start of the video; kept strictly increasing.
  void write(const RgbaImage& picture, double t_ms);
  // Flushes the encoder, moves the index to the front and renames the file into place.
  void finish();

  std::uint64_t frames_written() const { return frames_; }
  const std::filesystem::path& temporary_path() const { return temporary_; }

 private:
  struct Codec;
  std::unique_ptr<Codec> codec_;
  std::filesystem::path output_, temporary_;
  std::uint64_t frames_ = 0;
  bool finished_ = false;
};

}  // namespace smp
