#include "app/photo_head.h"

#include <cstdio>

#include <opencv2/imgproc.hpp>

#include "scalp/view_fit.h"
#include "tracking/face_model.h"
#include "tracking/head_mask.h"

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

// The photo fitted from its face, as far as one can be found.
PhotoHead fit_face_photo(const RgbaImage& picture, const CameraOptions& lens, const LandmarkPredictor& predictor) {
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

// Where the ink may go on a head found by its mask: the mask drawn in a little from its rim (the mask's
// edge can lie a few pixels into the background) and softened over a pixel or two.
SkinMatte matte_inside(const cv::Mat& mask) {
  const int margin = std::max(1, int(std::lround(0.008 * std::max(mask.cols, mask.rows))));
  cv::Mat inside;
  cv::erode(mask, inside, cv::getStructuringElement(cv::MORPH_ELLIPSE, {2 * margin + 1, 2 * margin + 1}));
  cv::GaussianBlur(inside, inside, {0, 0}, 1.0);
  SkinMatte matte{.width = mask.cols, .height = mask.rows, .skin = {}, .colour = std::nullopt};
  matte.skin.assign(inside.begin<std::uint8_t>(), inside.end<std::uint8_t>());
  return matte;
}

// The head of a photo without a usable face, in the practitioner's `view`.
PhotoHead fit_head_in_view(const RgbaImage& picture, const CameraOptions& lens, PhotoView view) {
  PhotoHead head;
  head.camera = camera_intrinsics(lens, picture.width, picture.height);
  head.fit = fit_scalp_to_outlines(landmarks_of(face_model()), {});
  std::string why_not;
  const std::optional<HeadMask> mask = find_head_mask(picture, why_not);
  if (!mask) {
    head.summary = why_not;
    return head;
  }
  const ViewFit fitted = fit_view_to_mask(mask->mask, view_angles(view), head.fit.fit.surface, head.camera,
                                          lens_given(lens), kPhotoFaceDistanceMm, face_model());
  head.camera = fitted.camera;
  head.face.found = true;
  head.face.source = PoseSource::kHead;
  head.face.pose = fitted.pose;
  head.face.confidence = fitted.inside_share;
  head.matte = matte_inside(mask->mask);
  char line[400];
  std::snprintf(line, sizeof line,
                "no face to fit: the head found by its outline (%.0f%% of the picture), seen from the %s as given, "
                "tilted %.0f degrees %s in the picture; an adult-mean scalp placed in it covers %.0f%% of it "
                "(the pose is the view's typical one: the design's place is approximate)",
                100.0 * mask->picture_share, std::string(view_name(view)).c_str(), std::abs(fitted.tilt_deg),
                fitted.tilt_deg >= 0.0 ? "clockwise" : "anticlockwise", 100.0 * fitted.covered_share);
  head.summary = line;
  return head;
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

PhotoHead fit_photo_head(const RgbaImage& picture, const CameraOptions& lens, const LandmarkPredictor& predictor,
                         std::optional<PhotoView> view) {
  PhotoHead head = fit_face_photo(picture, lens, predictor);
  // A face that looks the practitioner's way (a front view found any face dlib can see) pins the pose
  // far better than an outline does.
  if (!view || (head.face.found && (*view == PhotoView::kFront || nearest_view(head.face.pose) == *view)))
    return head;
  return fit_head_in_view(picture, lens, *view);
}

const RgbaImage& render_photo_head(Preview& preview, const RgbaImage& picture, const PhotoHead& head,
                                   const SmpDesign& design) {
  if (!head.matte) return preview.render(picture, head.face, design);
  return preview.render(TrackedFrame{.frame = {.picture = picture}, .face = head.face, .skin = *head.matte}, design);
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
