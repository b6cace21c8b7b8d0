#pragma once
// Capture on its own thread: reads a FrameSource as fast as it delivers and hands over only the newest
// frame (capture/mailbox.h), so a slow consumer never builds up a queue and latency stays at one frame.
#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "capture/frame_source.h"
#include "capture/mailbox.h"

namespace smp {

class CaptureThread {
 public:
  // `pace_to_timestamps`: hold each frame of a file until its timestamp comes round, as a camera would
  // deliver it (a video played as a live preview); cameras and repeated photos pace themselves.
  explicit CaptureThread(std::unique_ptr<FrameSource> source, bool pace_to_timestamps = false);
  ~CaptureThread();  // stops the source and joins; returns within about a frame
  CaptureThread(const CaptureThread&) = delete;
  CaptureThread& operator=(const CaptureThread&) = delete;

  // The newest frame not yet taken; older ones were dropped.
  std::optional<CapturedFrame> take_newest() { return newest_.take(); }
  std::optional<CapturedFrame> wait_newest(std::chrono::milliseconds timeout) { return newest_.wait_take(timeout); }
  std::uint64_t dropped() const { return newest_.dropped(); }

  // kFrame while frames come, kEnded once a file or single photo is done, kFailed while the source
  // is failing (a camera that went away; it is being reopened), with problem() saying why.
  SourceStatus status() const { return status_.load(); }
  std::string problem() const;
  const std::string& description() const { return description_; }

 private:
  void run(bool pace_to_timestamps);

  std::unique_ptr<FrameSource> source_;
  std::string description_;
  Mailbox<CapturedFrame> newest_;
  std::atomic<SourceStatus> status_{SourceStatus::kFrame};
  mutable std::mutex problem_mutex_;
  std::string problem_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace smp
