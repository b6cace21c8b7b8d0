#pragma once
// Where camera pictures come from: one interface for a webcam, a video file, a still photo and the
// built-in demo (which draws on the GPU, so it lives with the wiring: src/app/demo_source.h). Every frame carries its
// capture timestamp, so latency can be measured from the camera to the screen.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>

#include "capture/frame.h"

namespace smp {

struct CapturedFrame {
  RgbaImage picture;
  std::uint64_t index = 0;  // 0-based, in the order the source delivered them
  double t_ms = 0.0;        // a video's own timestamp; for cameras and photos, since the source opened
  std::chrono::steady_clock::time_point captured_at{};  // when it was read: latency is measured from here
};

enum class SourceStatus {
  kFrame,   // a new frame was read
  kEnded,   // a video file or a single photo has nothing more
  kFailed,  // the device stopped delivering; problem() says why (a camera may come back)
};

// A source that cannot be opened at all; the message names it and says why, in one line.
struct SourceError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class FrameSource {
 public:
  virtual ~FrameSource() = default;
  // Blocks until the next frame (a camera paces itself); reuses `frame`'s memory.
  virtual SourceStatus read(CapturedFrame& frame) = 0;
  virtual double frames_per_second() const = 0;
  // How many frames a file holds, as its header says; 0 when unknown or endless (cameras).
  virtual std::uint64_t expected_frames() const { return 0; }
  // What it is, for messages: "video capture4.mp4 (320x240, 20 fps)".
  virtual std::string description() const = 0;
  // Why the last read failed; empty after a good read.
  const std::string& problem() const { return problem_; }

 protected:
  std::string problem_;
};

// A photo: one frame, or the same frame forever at `repeat_fps` (a live preview of a still picture).
std::unique_ptr<FrameSource> open_photo(const std::filesystem::path& path, double repeat_fps = 0.0);
std::unique_ptr<FrameSource> open_video_file(const std::filesystem::path& path);
// A file's extension in lower case, with its dot (".mp4"): how every part of the program tells file kinds apart.
std::string lowercase_extension(const std::filesystem::path& path);
// True for the extensions read as photos: .jpg, .jpeg, .png, .bmp, .ppm (any case).
bool is_photo_file(const std::filesystem::path& path);
// A photo by its extension (is_photo_file), else a video file.
std::unique_ptr<FrameSource> open_file(const std::filesystem::path& path, double photo_repeat_fps = 0.0);
// A video played over and over like an endless camera (a kiosk fed from a file, soak tests): frame
// numbers and timestamps keep rising across the restarts.
std::unique_ptr<FrameSource> open_looping_video(const std::filesystem::path& path);

struct CameraSettings {
  int device = 0;  // /dev/videoN
  int width = 1280, height = 720;
  double fps = 30.0;
};
// A V4L2 webcam. Throws SourceError when there is none; once open, a camera that disappears makes
// read() report kFailed and is reopened when it comes back, without restarting the program.
std::unique_ptr<FrameSource> open_camera(const CameraSettings& settings);
// As open_camera, but a camera that is not there yet is not an error: read() reports kFailed until
// it is plugged in (an unattended kiosk that boots before its camera).
std::unique_ptr<FrameSource> open_camera_when_ready(const CameraSettings& settings);

// Wraps a source that can fail and be opened again (a webcam): after a failure it tries `open` again
// at most every `retry_interval`, reporting kFailed meanwhile (without blocking longer than that).
class ReopeningSource : public FrameSource {
 public:
  using Opener = std::function<std::unique_ptr<FrameSource>()>;  // throws SourceError when it cannot
  // `opened` may be null: then it is opened on the first read; `description` and `fps` stand in until then.
  ReopeningSource(std::unique_ptr<FrameSource> opened, Opener open, std::chrono::milliseconds retry_interval,
                  std::string description = "", double fps = 0.0);
  SourceStatus read(CapturedFrame& frame) override;
  double frames_per_second() const override;
  std::string description() const override;

 private:
  std::unique_ptr<FrameSource> source_;
  Opener open_;
  std::chrono::milliseconds retry_interval_;
  std::string description_;
  double fps_ = 0.0;
  std::uint64_t next_index_ = 0;
  std::chrono::steady_clock::time_point next_try_{};
};

}  // namespace smp
