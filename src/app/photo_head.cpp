#include "app/photo_head.h"

#include <algorithm>
#include <cstdio>

#include <opencv2/imgproc.hpp>

#include "capture/opencv_picture.h"
#include "scalp/view_fit.h"
#include "tracking/face_model.h"
#include "tracking/head_mask.h"
#include "tracking/view_guess.h"

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

// The head of a picture without a usable face, in the practitioner's `view`, or without one in the view
// its colours suggest (tracking/view_guess.h) when that guess is sure; an unsure guess places nothing
// and the summary names the likeliest views. Through `camera`, or without `lens_known` only its size and
// principal point, with the focal length that puts the head at a photo's distance. `surface`: the scalp
// whose silhouette is fitted to the head's (the one the dots will be drawn on).
PhotoHead fit_head_in_view(const RgbaImage& picture, const Intrinsics& camera, bool lens_known, std::optional<PhotoView> given,
                           const ScalpSurface& surface) {
  PhotoHead head;
  head.camera = camera;
  head.fit = fit_scalp_to_outlines(landmarks_of(face_model()), {});
  std::string why_not;
  const std::optional<HeadMask> mask = find_head_mask(picture, why_not);
  if (!mask) {
    head.summary = why_not;
    return head;
  }
  if (!given) {
    head.view_guess = guess_view(colour_layout(bgr_from_rgba(picture), mask->mask));
    if (!head.view_guess->is_sure()) {
      head.summary = "its view is not sure from its colours: it looks most like a " +
                     std::string(view_name(head.view_guess->view)) + " view, else a " +
                     std::string(view_name(head.view_guess->runner_up)) + " view";
      return head;
    }
  }
  const PhotoView view = given ? *given : head.view_guess->view;
  const ViewFit fitted = fit_view_to_mask(mask->mask, view_angles(view), surface, head.camera, lens_known,
                                          kPhotoFaceDistanceMm, face_model());
  head.camera = fitted.camera;
  head.face.found = true;
  head.face.source = PoseSource::kHead;
  head.face.pose = fitted.pose;
  head.face.confidence = fitted.inside_share;
  head.matte = matte_inside(mask->mask);
  const std::string seen_from =
      given ? std::string(view_name(view)) + " as given"
            : head.view_guess->line() + " as its colours suggest, without a view given (give it if it is wrong)";
  char line[600];
  std::snprintf(line, sizeof line,
                "no face to fit: the head found by its outline (%.0f%% of the picture), seen from the %s, "
                "tilted %.0f degrees %s in the picture (pitch %.0f, yaw %.0f, roll %.0f degrees); an adult-mean "
                "scalp placed in it covers %.0f%% of it (the pose is the view's typical one: the design's place is "
                "approximate)",
                100.0 * mask->picture_share, seen_from.c_str(), std::abs(fitted.tilt_deg),
                fitted.tilt_deg >= 0.0 ? "clockwise" : "anticlockwise", fitted.pose.pitch_deg, fitted.pose.yaw_deg,
                fitted.pose.roll_deg, 100.0 * fitted.covered_share);
  head.summary = line;
  return head;
}

PhotoHead fit_head_in_view(const RgbaImage& picture, const CameraOptions& lens, std::optional<PhotoView> given) {
  return fit_head_in_view(picture, camera_intrinsics(lens, picture.width, picture.height), lens_given(lens), given,
                          fit_scalp_to_outlines(landmarks_of(face_model()), {}).fit.surface);  // the adult mean's
}

// The starts of the search for the pose the marked points pin, most likely first: the outline's fit in
// the practitioner's view (its bow and tilt come from the whole head's shape, which a few face points
// hardly pin: a bowed front's eyes and nose fit a head looking straight ahead almost as well), the
// face's pose where dlib found one facing that way, the view's typical angles; without a view, the
// face's pose and each standard view.
std::vector<HeadPose> point_pose_starts(const PhotoHead& face_fit, const PhotoHead& view_fit,
                                        std::optional<PhotoView> view) {
  std::vector<HeadPose> starts;
  if (view && view_fit.face.found) starts.push_back(view_fit.face.pose);
  if (face_fit.face.found && (!view || nearest_view(face_fit.face.pose) == *view)) starts.push_back(face_fit.face.pose);
  if (view) {
    starts.push_back(view_angles(*view));
  } else {
    for (const PhotoView v : kAllViews)
      starts.push_back(view_angles(v));
  }
  return starts;
}

std::string joined(const std::vector<std::string>& parts, const char* between) {
  std::string text;
  for (const std::string& part : parts) text += (text.empty() ? "" : between) + part;
  return text;
}

constexpr double kMisplacedShare = 0.15;
// A marked set that turns the head this far from where its search started (the outline's fit in the
// view, the face, or a standard view) is more likely misnamed than a photo taken that way.
constexpr double kFarTurnDeg = 60.0;
constexpr const char* kCheckPoints = "is each point where its name says (the patient's own left and right)?";

// The head placed by the practitioner's marked points. The face's fit or the outline's gives the lens
// (unless given) and the matte; the pose is the points'.
PhotoHead fit_head_to_points(const RgbaImage& picture, const CameraOptions& lens, const LandmarkPredictor& predictor,
                             std::optional<PhotoView> view, std::span<const MarkedPoint> points) {
  const PhotoHead face_fit = fit_face_photo(picture, lens, predictor);
  const PhotoHead view_fit = fit_head_in_view(picture, lens, view.value_or(PhotoView::kFront));
  PhotoHead head;
  head.fit = fit_scalp_to_outlines(landmarks_of(face_model()), {});  // the points sit on an adult-mean head
  head.camera = face_fit.face.found ? face_fit.camera : view_fit.camera;
  const std::vector<HeadPose> starts = point_pose_starts(face_fit, view_fit, view);
  std::optional<PointPose> fit;
  // Without a lens, the focal length that puts the head at the photo distance: solved, rescaled, solved.
  for (int round = 0; round < (lens_given(lens) ? 1 : 3); ++round) {
    if (fit) head.camera.fx = head.camera.fy = head.camera.fx * kPhotoFaceDistanceMm / fit->pose.translation_mm.z;
    fit = solve_pose_from_points(points, head.camera, starts);
    if (!fit) break;
  }
  if (!fit) {
    head.points_doubt = "they fit no head in front of the camera: " + std::string(kCheckPoints);
    head.summary = "the marked points (" + names_of(points) + ") fit no head in front of the camera: " + kCheckPoints;
    return head;
  }
  head.face = face_fit.face.has_landmarks() ? face_fit.face : TrackedFace{};  // its landmarks find the skin
  head.face.found = true;
  if (!head.face.has_landmarks()) head.face.source = PoseSource::kHead;
  head.face.pose = fit->pose;
  head.placing_points = int(points.size());
  head.matte = view_fit.matte;
  // A marked point that lies further than kMisplacedShare of the points' spread from where the head puts
  // it was misplaced or misnamed (the patient's left and right are easy to swap). On our photos none of
  // the 18 labelled sets is doubted, and each of the five fronts with its eye corners swapped is.
  double spread_px = 0.0;
  for (const MarkedPoint& a : points)
    for (const MarkedPoint& b : points) spread_px = std::max(spread_px, glm::length(a.px - b.px));
  std::vector<std::string> doubts;
  if (fit->worst_px > kMisplacedShare * spread_px) doubts.push_back(fit->worst_name + " lies far from where the others put it");
  if (!fit->hidden.empty()) doubts.push_back(joined(fit->hidden, ", ") + " would lie on the far side of the head");
  if (fit->turn_from_start_deg > kFarTurnDeg)
    doubts.push_back("they turn the head " + std::to_string(std::lround(fit->turn_from_start_deg)) + " degrees from " +
                     (view ? "where its outline in the " + std::string(view_name(*view)) + " view puts it"
                           : "the nearest of the face's pose and the standard views"));
  head.face.confidence = std::clamp(1.0 - fit->worst_px / std::max(spread_px, 1.0), 0.0, 1.0);
  char line[400];
  std::snprintf(line, sizeof line,
                "the head placed by %zu marked points (%s), seen from the %s (pitch %.0f, yaw %.0f, roll %.0f degrees): "
                "the points lie %.1f px from the adult head's on average, %.1f px at most (%s)",
                points.size(), names_of(points).c_str(), std::string(view_name(nearest_view(fit->pose))).c_str(),
                fit->pose.pitch_deg, fit->pose.yaw_deg, fit->pose.roll_deg, fit->rms_px, fit->worst_px,
                fit->worst_name.c_str());
  head.summary = line;
  if (!doubts.empty()) {
    head.points_doubt = "they do not fit one head well (" + joined(doubts, "; ") + "): " + kCheckPoints;
    head.summary += "; " + head.points_doubt;
  }
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
                         std::optional<PhotoView> view, std::span<const MarkedPoint> points) {
  if (!points.empty()) {
    PhotoHead placed = fit_head_to_points(picture, lens, predictor, view, points);
    if (placed.face.found) return placed;
    // Points that fit no head do not hide the face or the outline found without them.
    PhotoHead head = fit_photo_head(picture, lens, predictor, view);
    head.summary = placed.summary + (head.face.found ? " Placed without them: " + head.summary : "");
    head.points_doubt = placed.points_doubt;
    return head;
  }
  PhotoHead head = fit_face_photo(picture, lens, predictor);
  // A face (without a view given) or a face that looks the practitioner's way (a front view found any
  // face dlib can see) pins the pose far better than an outline does.
  if (head.face.found && (!view || *view == PhotoView::kFront || nearest_view(head.face.pose) == *view)) return head;
  return fit_head_in_view(picture, lens, view);
}

const RgbaImage& render_photo_head(Preview& preview, const RgbaImage& picture, const PhotoHead& head,
                                   const SmpDesign& design) {
  if (!head.matte) return preview.render(picture, head.face, design);
  return preview.render(TrackedFrame{.frame = {.picture = picture}, .face = head.face, .skin = *head.matte}, design);
}

Intrinsics live_input_camera(const std::string& input, const RgbaImage& first, const CameraOptions& lens,
                             const LandmarkPredictor& predictor) {
  if (!input.empty() && is_photo_file(input)) return fit_face_photo(first, lens, predictor).camera;
  return camera_intrinsics(lens, first.width, first.height);
}

OutlinePlacement place_head_by_outline(const RgbaImage& picture, const Intrinsics& camera, std::optional<PhotoView> view,
                                       const ScalpSurface& scalp) {
  const PhotoHead head = fit_head_in_view(picture, camera, /*lens_known=*/true, view, scalp);
  if (!head.face.found) return {.placement = {.head = std::nullopt, .why_not = head.summary}, .view_unsure = head.view_guess.has_value()};
  return {.placement = {.head = PlacedHead{.pose = head.face.pose, .confidence = head.face.confidence}, .why_not = ""}};
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

VideoHead fit_video_head(const std::filesystem::path& video, const Intrinsics& camera, const LandmarkPredictor& predictor) {
  const std::unique_ptr<FrameSource> start = open_file(video);
  return fit_video_head(*start, camera, predictor);
}

}  // namespace smp
