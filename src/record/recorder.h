#pragma once
// A recording that encodes on its own thread: the frame loop hands a picture over and goes on. Frames
// wait in a bounded queue of preallocated pictures, so recording allocates nothing per frame and
// memory cannot grow; when the encoder falls behind, the live preview drops a frame from the
// recording (counted) rather than stutter, and an offline render waits instead.
#include <atomic>
#include <mutex>
#include <string>
#include <thread>

#include "capture/bounded_queue.h"
#include "record/video_writer.h"

namespace smp {

class Recorder {
 public:
  // Throws RecordError when the file or the encoder cannot be opened.
  Recorder(const std::filesystem::path& output, const VideoSettings& settings, std::size_t queued_frames = 8);
  // Without finish(), nothing appears under the final name.
  ~Recorder();
  Recorder(const Recorder&) = delete;
  Recorder& operator=(const Recorder&) = delete;

  // Live: never waits. False (and counted in dropped()) when every queued picture is still waiting.
  bool offer(const RgbaImage& picture, double t_ms);
  // Offline: waits for room, so no frame is lost. Throws RecordError once encoding has failed.
  void submit(const RgbaImage& picture, double t_ms);
  // Encodes what is queued and puts the file in place. Throws RecordError when encoding failed.
  void finish();

  std::uint64_t dropped() const { return dropped_; }
  // Empty while encoding goes well; else why it stopped (a full disk, say), in one line.
  std::string problem() const;

 private:
  struct Frame {
    RgbaImage picture;
    double t_ms = 0.0;
  };
  void hand_over(Frame& slot, const RgbaImage& picture, double t_ms);
  void encode_until_closed();

  VideoWriter writer_;
  BoundedQueue<Frame> empty_, full_;  // the same preallocated frames go round: empty -> full -> empty
  std::atomic<std::uint64_t> dropped_{0};
  mutable std::mutex problem_mutex_;
  std::string problem_;
  std::thread encoder_;
};

}  // namespace smp
