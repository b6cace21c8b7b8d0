#include "app/live_head_fit.h"

#include "tracking/pose_solver.h"

namespace smp {

LiveHeadFit::LiveHeadFit(const Intrinsics& camera)
    : camera_(camera), worker_([this](const std::stop_token& stop) { work(stop); }) {}

LiveHeadFit::~LiveHeadFit() {
  worker_.request_stop();
  worker_.join();
}

OutlineFit LiveHeadFit::unfitted() { return fit_scalp_to_outlines(landmarks_of(face_model()), {}); }

void LiveHeadFit::offer(const TrackedFrame& tracked) {
  if (tracked.frame.index == last_frame_) return;
  last_frame_ = tracked.frame.index;
  const double t_ms = tracked.frame.t_ms;
  if (!tracked.face.found) {
    if (last_seen_ms_ && t_ms - *last_seen_ms_ >= kNewPersonAfterMs) {
      ++person_;
      last_seen_ms_.reset();
      last_view_ms_.reset();
    }
    return;
  }
  last_seen_ms_ = t_ms;
  if (!tracked.face.has_landmarks()) return;  // the head followed beyond the face: still this person, no view
  if (last_view_ms_ && t_ms - *last_view_ms_ < kViewEveryMs) return;
  last_view_ms_ = t_ms;
  views_.put({tracked.frame, tracked.face, person_});
}

void LiveHeadFit::work(const std::stop_token& stop) {
  const FaceLandmarks3d landmarks = landmarks_of(face_model());
  std::vector<OutlineView> views;
  std::uint64_t person = 0;
  while (!stop.stop_requested()) {
    std::optional<View> v = views_.wait_take(std::chrono::milliseconds(50));
    if (!v) continue;
    if (v->person != person) {
      person = v->person;
      views.clear();
      fits_.put(unfitted());
    }
    if (int(views.size()) >= kViews) continue;  // this person's fit is final
    // The loop's pose is smoothed and lags a moving head; the outline is fitted with this frame's own.
    const HeadPose pose = solve_head_pose(v->face.landmarks, camera_, face_model(), v->face.pose).pose;
    std::optional<HeadOutline> outline = find_head_outline(v->frame.picture, pose, camera_, v->face.landmarks);
    if (!outline) continue;
    views.push_back({std::move(*outline), pose, camera_});
    // One change per person, once every view is in: a scalp refined view by view would make the dots
    // move a little, several times, while the person looks at them. Unclear views count too: when most
    // are, the fit says so (OutlineFit::clear_share) and the adult-mean scalp stays.
    if (int(views.size()) == kViews) fits_.put(fit_scalp_to_outlines(landmarks, views));
  }
}

}  // namespace smp
