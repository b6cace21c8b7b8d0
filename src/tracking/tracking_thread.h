#pragma once
// Tracking on its own thread, between capture and rendering: it takes the newest captured frame,
// tracks it, and hands over the frame with its face, newest wins. Rendering never waits for it, and
// the picture and the pose it gets belong together, so the dots stay glued to the head.
#include <atomic>
#include <thread>

#include "capture/capture_thread.h"
#include "tracking/skin_matte.h"
#include "tracking/tracker.h"

namespace smp {

struct TrackedFrame {
  CapturedFrame frame;
  TrackedFace face;
  // How much bare skin each pixel shows (empty when no face was found): found here, so that the render
  // loop, which puts hair in front of the dots with it, never waits for it.
  SkinMatte skin;
  std::chrono::steady_clock::time_point tracked_at{};  // capture-to-pose latency: tracked_at - frame.captured_at
  double tracking_ms = 0.0;                            // of which tracking this frame took
  double skin_matte_ms = 0.0;                          // and the skin matte after it
};

class TrackingThread {
 public:
  // `capture` and `predictor` must outlive this. The camera in `settings` may be left empty (width 0):
  // then a 60 degree field of view on the first frame's size.
  TrackingThread(CaptureThread& capture, const LandmarkPredictor& predictor, const TrackerSettings& settings);
  ~TrackingThread();  // stops and joins
  TrackingThread(const TrackingThread&) = delete;
  TrackingThread& operator=(const TrackingThread&) = delete;

  std::optional<TrackedFrame> take_newest() { return newest_.take(); }
  std::optional<TrackedFrame> wait_newest(std::chrono::milliseconds timeout) { return newest_.wait_take(timeout); }
  // The person's head breadth, measured while tracking ran (TrackerSettings::head_breadth_mm); the
  // tracker takes it from the next frame on.
  void set_head_breadth_mm(std::optional<double> breadth_mm) { head_breadth_mm_ = breadth_mm.value_or(0.0); }
  // Tracker::place_anew from the next frame on.
  void place_anew() { place_anew_ = true; }

 private:
  void run(TrackerSettings settings);

  CaptureThread& capture_;
  const LandmarkPredictor& predictor_;
  Mailbox<TrackedFrame> newest_;
  std::atomic<bool> stop_{false};
  std::atomic<double> head_breadth_mm_;  // 0: none
  std::atomic<bool> place_anew_{false};
  std::thread thread_;
};

}  // namespace smp
