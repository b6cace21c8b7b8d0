#include "tracking/tracking_thread.h"

namespace smp {

TrackingThread::TrackingThread(CaptureThread& capture, const LandmarkPredictor& predictor, const TrackerSettings& settings)
    : capture_(capture), predictor_(predictor), head_breadth_mm_(settings.head_breadth_mm.value_or(0.0)) {
  thread_ = std::thread([this, settings] { run(settings); });
}

TrackingThread::~TrackingThread() {
  stop_ = true;
  thread_.join();
}

void TrackingThread::run(TrackerSettings settings) {
  std::optional<Tracker> tracker;
  std::optional<SkinColour> skin_colour;  // the last face's, for the head followed beyond it
  while (!stop_) {
    // Short waits, so that stopping is prompt even when the source has ended.
    std::optional<CapturedFrame> frame = capture_.wait_newest(std::chrono::milliseconds(20));
    if (!frame) continue;
    if (!tracker) {
      if (settings.camera.width == 0)
        settings.camera = Intrinsics::from_horizontal_fov(frame->picture.width, frame->picture.height, kDefaultCameraFovDeg);
      tracker.emplace(predictor_, settings);
    }
    const double breadth_mm = head_breadth_mm_;
    tracker->set_head_breadth_mm(breadth_mm > 0.0 ? std::optional(breadth_mm) : std::nullopt);
    if (place_anew_.exchange(false)) tracker->place_anew();
    TrackedFrame out;
    const auto start = std::chrono::steady_clock::now();
    out.face = tracker->track(*frame);
    out.tracked_at = std::chrono::steady_clock::now();
    out.tracking_ms = std::chrono::duration<double, std::milli>(out.tracked_at - start).count();
    if (out.face.has_landmarks()) {
      find_skin_matte(frame->picture, out.face.landmarks, out.skin);
      skin_colour = out.skin.colour;
    } else if (out.face.found) {  // followed beyond the face: its skin as the face last showed it
      out.skin.colour = skin_colour;
      find_followed_head_matte(frame->picture, out.face.pose, settings.camera, out.skin);
    }
    out.skin_matte_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - out.tracked_at).count();
    out.frame = std::move(*frame);
    newest_.put(std::move(out));
  }
}

}  // namespace smp
