#include "capture/capture_thread.h"

#include <algorithm>

namespace smp {

CaptureThread::CaptureThread(std::unique_ptr<FrameSource> source, bool pace_to_timestamps)
    : source_(std::move(source)), description_(source_->description()) {
  thread_ = std::thread([this, pace_to_timestamps] { run(pace_to_timestamps); });
}

CaptureThread::~CaptureThread() {
  stop_ = true;
  thread_.join();
}

std::string CaptureThread::problem() const {
  const std::lock_guard lock(problem_mutex_);
  return problem_;
}

void CaptureThread::run(bool pace_to_timestamps) {
  using Clock = std::chrono::steady_clock;
  std::optional<Clock::time_point> start;
  double first_t_ms = 0.0;
  while (!stop_) {
    CapturedFrame frame;
    const SourceStatus status = source_->read(frame);
    {
      const std::lock_guard lock(problem_mutex_);
      problem_ = source_->problem();
    }
    status_ = status;
    if (status == SourceStatus::kEnded) return;
    if (status == SourceStatus::kFailed) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));  // a reopening source waits itself
      continue;
    }
    if (pace_to_timestamps) {
      if (!start) start = Clock::now(), first_t_ms = frame.t_ms;
      const auto due = *start + std::chrono::duration_cast<Clock::duration>(
                                    std::chrono::duration<double, std::milli>(frame.t_ms - first_t_ms));
      // In small steps, so that stopping never waits for a long gap between frames.
      while (!stop_ && Clock::now() < due)
        std::this_thread::sleep_for(std::min<Clock::duration>(due - Clock::now(), std::chrono::milliseconds(10)));
    }
    frame.captured_at = Clock::now();
    newest_.put(std::move(frame));
  }
}

}  // namespace smp
