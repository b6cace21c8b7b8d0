#include "app/photo_head.h"

#include <cstdio>

#include "tracking/face_model.h"

namespace smp {
namespace {

bool lens_given(const CameraOptions& o) {
  return !o.calibration.empty() || o.focal_px > 0.0 || o.fov_deg != kDefaultCameraFovDeg;
}

// Tracking for a fit: the same on every run (detection in-line), and unsmoothed, so each picture's
// pose is where that picture shows the head (smoothing lets the pose lag a moving head, and the skull
// would be fitted beside it).
TrackerSettings fit_tracking(const Intrinsics& camera) {
  TrackerSettings settings;
  settings.camera = camera;
  settings.smooth = false;
  settings.detect_beside_tracking = false;
  return settings;
}

TrackedFace track_photo(const RgbaImage& picture, const Intrinsics& camera, const LandmarkPredictor& predictor) {
  Tracker tracker(predictor, fit_tracking(camera));
  return tracker.track({.picture = picture, .index = 0, .t_ms = 0.0});
}

}  // namespace

std::string fit_summary(const OutlineFit& f) {
  char line[256];
  if (!f.fitted && f.clear_share >= kMinClearShare) {
    std::snprintf(line, sizeof line,
                  "the head's outline does not follow a skull (off by %.1f%% of the head's width at best: hair or a hat "
                  "around it?): the design sits on an adult-mean scalp placed from the face",
                  100.0 * f.mean_error_share);
  } else if (!f.fitted) {
    std::snprintf(line, sizeof line,
                  "the head's outline is clear on only %.0f%% of the skull (a busy background, a hat, the picture's "
                  "edge?): the design sits on an adult-mean scalp placed from the face",
                  100.0 * f.clear_share);
  } else {
    std::snprintf(line, sizeof line,
                  "scalp fitted to the head's outline (clear on %.0f%% of the skull, off by %.1f%% of the head's width on "
                  "average): %.0f mm broad, vertex %.0f mm above the ears",
                  100.0 * f.clear_share, 100.0 * f.mean_error_share, f.fit.surface.breadth_mm(),
                  f.fit.surface.vertex_height_mm());
  }
  return line;
}

PhotoHead fit_photo_head(const RgbaImage& picture, const CameraOptions& lens, const LandmarkPredictor& predictor) {
  PhotoHead head;
  head.camera = camera_intrinsics(lens, picture.width, picture.height);
  head.face = track_photo(picture, head.camera, predictor);
  const FaceLandmarks3d landmarks = landmarks_of(face_model());
  head.fit = fit_scalp_to_outlines(landmarks, {});  // the landmarks' own scalp, until an outline is fitted
  if (!head.face.found) return head;
  if (!lens_given(lens)) {
    // The landmarks do not depend on the lens; the pose does: solve it again at the photo distance.
    const FaceModel& model = face_model();
    const double eyes_mm = glm::length(model[36] - model[45]);
    const double eyes_px = glm::length(head.face.landmarks[36] - head.face.landmarks[45]);
    head.camera.fx = head.camera.fy = kPhotoFaceDistanceMm * eyes_px / eyes_mm;
    head.face = track_photo(picture, head.camera, predictor);
    if (!head.face.found) return head;
  }
  const std::optional<HeadOutline> outline =
      find_head_outline(picture, head.face.pose, head.camera, head.face.landmarks, OutlineMethod::kEdgeRays);
  if (outline) {
    const OutlineView view{*outline, head.face.pose, head.camera};
    head.fit = fit_scalp_to_outlines(landmarks, std::span(&view, 1));
    head.face.pose = head.fit.corrected(head.face.pose);
  }
  head.summary = fit_summary(head.fit);
  return head;
}

Intrinsics live_input_camera(const std::string& input, const RgbaImage& first, const CameraOptions& lens,
                             const LandmarkPredictor& predictor) {
  if (!input.empty() && is_photo_file(input)) return fit_photo_head(first, lens, predictor).camera;
  return camera_intrinsics(lens, first.width, first.height);
}

VideoHead fit_video_head(FrameSource& source, const Intrinsics& camera, const LandmarkPredictor& predictor) {
  Tracker tracker(predictor, fit_tracking(camera));
  std::vector<OutlineView> views;
  // Every few frames, so the views differ (the head turns, moves closer) rather than repeat one moment.
  constexpr int kEvery = kVideoFitFrames / kVideoFitViews;
  CapturedFrame frame;
  for (int i = 0; i < kVideoFitFrames && int(views.size()) < kVideoFitViews; ++i) {
    if (source.read(frame) != SourceStatus::kFrame) break;
    const TrackedFace face = tracker.track(frame);
    if (!face.has_landmarks() || i % kEvery != 0) continue;
    std::optional<HeadOutline> outline = find_head_outline(frame.picture, face.pose, camera, face.landmarks);
    if (outline && outline->clear_share() >= kMinClearShare) views.push_back({std::move(*outline), face.pose, camera});
  }
  VideoHead head;
  head.views = int(views.size());
  const FaceLandmarks3d landmarks = landmarks_of(face_model());
  head.fit = fit_scalp_to_outlines(landmarks, views);
  head.summary = fit_summary(head.fit);
  if (head.fit.fitted) head.summary += " (from " + std::to_string(head.views) + " frames)";
  else if (views.empty()) head.summary = "no frame near the start shows the head's outline clearly: the design sits on an adult-mean scalp placed from the face";
  return head;
}

}  // namespace smp
