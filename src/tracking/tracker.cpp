#include "tracking/tracker.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <opencv2/imgproc.hpp>

namespace smp {

Tracker::Tracker(const LandmarkPredictor& predictor, const TrackerSettings& settings)
    : predictor_(predictor),
      settings_(settings),
      detector_(settings.detection_max_side_px),
      rotation_filter_(settings.rotation_smoothing),
      head_(settings.camera, settings.head_breadth_mm) {
  position_filters_.fill(OneEuroFilter(settings.position_smoothing));
}

void Tracker::reset_smoothing() {
  rotation_filter_.reset();
  for (OneEuroFilter& f : position_filters_) f.reset();
}

void Tracker::set_head_breadth_mm(std::optional<double> breadth_mm) {
  if (breadth_mm == settings_.head_breadth_mm) return;
  settings_.head_breadth_mm = breadth_mm;
  head_.set_head_breadth_mm(breadth_mm);
}

Tracker::~Tracker() {
  if (background_detection_.valid()) background_detection_.wait();
  if (placing_) placing_->placed.wait();
}

namespace {

const FaceBox& largest(const std::vector<FaceBox>& faces) {
  // The patient in front of the mirror, not someone passing behind.
  return *std::max_element(faces.begin(), faces.end(), [](const FaceBox& a, const FaceBox& b) { return a.width < b.width; });
}

double overlap(const FaceBox& a, const FaceBox& b) {  // intersection over union
  const double w = std::max(0.0, std::min(a.left + a.width, b.left + b.width) - std::max(a.left, b.left));
  const double h = std::max(0.0, std::min(a.top + a.height, b.top + b.height) - std::max(a.top, b.top));
  return w * h / (a.width * a.height + b.width * b.height - w * h);
}

// A face has brows and eyes: where the landmarks put them is never one flat grey. The predictor, given
// a box with nothing in it (the camera covered, a black frame, a face hidden), still returns a face
// shape, and from that shape's own box it returns the same again: without this, tracking would hold on
// to a face that is not there. Each eye's box on its own too: a hand over the face leaves skin above
// it, which the brows' box reaches into, and then the head is followed from a face shape on the hand.
bool featureless(const cv::Mat& grey, const Landmarks68& landmarks) {
  // Standard deviation of grey: an eye's box on the shared videos has 6 or more (320x240, blurred),
  // 12-30 typically.
  constexpr double kFlatGreyLevels = 3.0;
  const auto flat = [&](std::initializer_list<std::pair<int, int>> ranges) {
    std::vector<cv::Point2f> points;
    for (const auto& [first, last] : ranges)
      for (int i = first; i <= last; ++i) points.emplace_back(float(landmarks[size_t(i)].x), float(landmarks[size_t(i)].y));
    const cv::Rect box = cv::boundingRect(points) & cv::Rect(0, 0, grey.cols, grey.rows);
    if (box.area() == 0) return true;
    cv::Scalar mean, deviation;
    cv::meanStdDev(grey(box), mean, deviation);
    return deviation[0] < kFlatGreyLevels;
  };
  return flat({{17, 26}, {36, 47}}) || flat({{36, 41}}) || flat({{42, 47}});
}

}  // namespace

void Tracker::start_background_detection(const cv::Mat& grey) {
  // The worker gets its own copy of the picture; the detector is used by one thread at a time, since
  // acquire() waits for this detection before it detects itself.
  const auto policy = settings_.detect_beside_tracking ? std::launch::async : std::launch::deferred;
  background_detection_ = std::async(policy, [this, picture = grey.clone()] { return detector_.detect(picture); });
}

std::optional<Tracker::FaceSearch> Tracker::tracking_box() {
  const FaceBox tracked = box_around(*last_landmarks_);
  using namespace std::chrono_literals;
  if (!background_detection_.valid() || background_detection_.wait_for(0s) == std::future_status::timeout)
    return FaceSearch{tracked};
  const std::vector<FaceBox> faces = background_detection_.get();
  if (faces.empty()) {
    // Turned beyond the detector's reach: keep tracking. A face the detector would see but does not is
    // a face shape the predictor keeps returning where there is none (the person left, something else
    // fills the box): drop it.
    const bool within_reach = last_raw_pose_ && std::abs(last_raw_pose_->yaw_deg) < kDetectorReachDeg;
    return within_reach ? std::nullopt : std::optional(FaceSearch{tracked});
  }
  const FaceBox& found = largest(faces);
  // Tracking drifted off the face: start from the detector's box.
  if (overlap(found, tracked) < 0.3) return FaceSearch{found, true};
  confirm_size_ = true;
  return FaceSearch{tracked, true};
}

std::optional<Landmarks68> Tracker::acquire(const cv::Mat& grey) {
  if (background_detection_.valid()) background_detection_.get();  // one detection at a time; that one is stale
  const std::vector<FaceBox> faces = detector_.detect(grey);
  if (faces.empty()) return std::nullopt;
  return predictor_.predict(grey, largest(faces));
}

double Tracker::eyes_px(const Landmarks68& landmarks) { return glm::length(landmarks[36] - landmarks[45]); }

double Tracker::confidence_of(const PoseFit& fit, const Landmarks68& landmarks) {
  // A good fit leaves a few percent of the eye distance; a face that is not there, a quarter of it.
  return std::clamp(1.0 - fit.reprojection_px / (0.25 * std::max(eyes_px(landmarks), 1.0)), 0.0, 1.0);
}

void Tracker::place_anew() {
  if (placed_ms_) placed_ms_ = -std::numeric_limits<double>::infinity();
  placed_nothing_ms_.reset();
  // Else the first placement, started before the scalp was handed over, would be taken when it lands
  // and kept until the next placement is due, kPlaceAnewMs later.
  ++placing_era_;
}

std::optional<HeadMotionFit> Tracker::place_if_due(const CapturedFrame& frame, const cv::Mat& grey, std::optional<HeadMotionFit> head) {
  if (!settings_.place_head || !settings_.follow_head) return head;
  // Placed when nothing is followed, and anew once a placed head has been followed for long; not again
  // for a while after a placement found nothing.
  const bool resting = placed_nothing_ms_ && std::abs(frame.t_ms - *placed_nothing_ms_) < kPlaceAgainMs;
  const bool due = !resting && (!head || (placed_ms_ && std::abs(frame.t_ms - *placed_ms_) >= kPlaceAnewMs));
  if (due && !placing_) {
    const auto policy = settings_.detect_beside_tracking ? std::launch::async : std::launch::deferred;
    placing_ = Placing{.placed = std::async(policy, settings_.place_head, frame.picture),
                       .grey = grey.clone(),
                       .t_ms = frame.t_ms,
                       .era = placing_era_};
  }
  using namespace std::chrono_literals;
  if (!placing_ || placing_->placed.wait_for(0s) == std::future_status::timeout) return head;
  const HeadPlacement placed = placing_->placed.get();  // a deferred one runs here
  const Placing done = std::move(*placing_);
  placing_.reset();
  if (done.era != placing_era_) return head;
  if (!placed.head) {
    placed_nothing_ms_ = done.t_ms;
    not_placed_why_ = placed.why_not;
    return head;
  }
  // Followed from the frame it was placed in into this one (the head may have moved meanwhile), by a
  // follower of its own: if that fails, the head followed until now goes on.
  HeadMotion from_placed(settings_.camera, settings_.head_breadth_mm);
  from_placed.anchor(done.grey, placed.head->pose, std::nullopt, done.t_ms);
  const std::optional<HeadMotionFit> fit = done.t_ms == frame.t_ms
                                               ? HeadMotionFit{.pose = placed.head->pose, .confidence = placed.head->confidence}
                                               : from_placed.follow(grey, frame.t_ms);
  if (!fit) {
    placed_nothing_ms_ = done.t_ms;
    return head;
  }
  head_ = std::move(from_placed);
  // From the pose shown last (a placement still easing in included) to the new one; a head placed
  // because none was followed has nothing to ease from.
  if (head) placed_anew_.start(placed_anew_.eased(head->pose, frame.t_ms), fit->pose, frame.t_ms);
  else placed_anew_.reset();
  placed_ms_ = done.t_ms;
  placed_with_ = placed.made_with;
  placed_nothing_ms_.reset();
  not_placed_why_.clear();
  return fit;
}

TrackedFace Tracker::track(const CapturedFrame& frame) {
  TrackedFace out;
  out.frame = frame.index;
  out.t_ms = frame.t_ms;
  const cv::Mat grey = grey_of(frame.picture);
  if (last_t_ms_ && frame.t_ms < *last_t_ms_) {  // a camera plugged in again: no easing from before holds
    handover_.reset();
    placed_anew_.reset();
  }
  last_t_ms_ = frame.t_ms;
  if (scene_cut_.between_last_and(grey)) {  // nothing from the scene before holds here: detect afresh
    last_landmarks_.reset();
    last_raw_pose_.reset();
    head_.reset();
    handover_.reset();
    placed_anew_.reset();
    placed_nothing_ms_.reset();
    placed_ms_.reset();
    ++placing_era_;
    reset_smoothing();  // another person's pose is no start for this one's
  }

  std::optional<Landmarks68> landmarks;
  bool carried = false;  // the landmarks were predicted from the last frame's, not from a detection
  if (last_landmarks_) {
    if (const std::optional<FaceSearch> search = tracking_box()) {
      landmarks = predictor_.predict(grey, search->box);
      carried = !search->detected;
    }
    else head_.reset();  // its last frames were no face either: nothing to follow from
    if (++frames_since_detection_ >= std::uint64_t(settings_.redetect_every_frames) && !background_detection_.valid()) {
      frames_since_detection_ = 0;
      start_background_detection(grey);
    }
  }
  std::optional<PoseFit> fit;
  if (landmarks) {
    fit = solve_head_pose(*landmarks, settings_.camera, face_model(), last_raw_pose_);
    // Search again when the landmarks no longer fit a rigid face, or when the face's size has drifted
    // from what the detector last saw: given a box with no face in it (a hand over the face), the
    // predictor still returns a face shape, and following it frame by frame shrinks it to nothing.
    const double size_ratio = eyes_px(*landmarks) / detected_eyes_px_;
    if (confidence_of(*fit, *landmarks) < settings_.min_confidence || size_ratio < 0.75 || size_ratio > 1.33 ||
        featureless(grey, *landmarks))
      landmarks.reset();
    else if (confirm_size_)  // the detector agrees: this is the face's size now (it moved closer or away)
      detected_eyes_px_ = std::max(eyes_px(*landmarks), 1.0);
    confirm_size_ = false;
  }
  if (!landmarks) {
    frames_since_detection_ = 0;
    carried = false;
    landmarks = acquire(grey);
    if (landmarks) {
      fit = solve_head_pose(*landmarks, settings_.camera, face_model(), std::nullopt);
      detected_eyes_px_ = std::max(eyes_px(*landmarks), 1.0);
    }
  }
  // A face this camera's view does not show is someone else's (the practitioner, behind the patient).
  if (landmarks && settings_.view && !face_fits_view(*settings_.view, fit->pose)) landmarks.reset();
  // The head followed from the last frame's pose into this one, face or not. It checks landmarks carried
  // from the last frame's: past their reach the predictor goes on returning a face shape, at a confidence
  // that looks fine, whose pose gives way (on the demo head at 33 degrees it jumps 20 degrees back while
  // the head turns on). Where the head followed into this frame is turned beyond kLandmarksHoldDeg, a
  // face pose that far from it is not taken: the head is followed instead, until the detector finds the
  // face again. As every face frame anchors the follower anew, this catches a pose that jumps away from
  // the head's motion, not one that slides back a little every frame. Within their reach the landmarks
  // are trusted over the follower (on a small face, as a 320x240 camera sees it, the follower has few
  // points and lags a turn by 20 to 40 degrees), and a face the detector found in this frame always is.
  const std::optional<HeadMotionFit> moved = settings_.follow_head ? head_.follow(grey, frame.t_ms) : std::nullopt;
  if (landmarks && carried && moved && turned_from_camera_deg(moved->pose) > kLandmarksHoldDeg &&
      rotation_between_deg(moved->pose, fit->pose) > kLandmarksStrayDeg)
    landmarks.reset();
  if (!landmarks || confidence_of(*fit, *landmarks) < settings_.min_confidence) {
    last_landmarks_.reset();
    last_raw_pose_.reset();
    const std::optional<HeadMotionFit> head = place_if_due(frame, grey, moved);
    followed_last_frame_ = head.has_value();
    handover_.reset();
    if (!head) {
      placed_anew_.reset();
      reset_smoothing();
      out.not_placed_why = not_placed_why_;
      return out;
    }
    out.found = true;
    out.source = PoseSource::kHead;
    out.confidence = head->confidence;
    out.pose = placed_anew_.eased(head->pose, frame.t_ms);
    if (placed_ms_ && !placed_anew_.easing(frame.t_ms)) out.placed_with = placed_with_;
  } else {
    out.found = true;
    out.landmarks = *landmarks;
    out.confidence = confidence_of(*fit, *landmarks);
    last_landmarks_ = landmarks;
    last_raw_pose_ = fit->pose;
    // The face back after the head was followed: the head followed into this frame too, so that the
    // difference eased out is the drift alone, not the motion since the last frame.
    if (followed_last_frame_ && moved)
      handover_.start(placed_anew_.eased(moved->pose, frame.t_ms), fit->pose, frame.t_ms);  // as shown last
    followed_last_frame_ = false;
    placed_ms_.reset();  // followed from the face from now on
    placed_anew_.reset();
    ++placing_era_;
    not_placed_why_.clear();
    out.pose = handover_.eased(fit->pose, frame.t_ms);
    if (settings_.follow_head) head_.anchor(grey, fit->pose, *landmarks, frame.t_ms);
  }
  if (settings_.smooth) {
    const double t_s = frame.t_ms / 1000.0;
    glm::dvec3 position = out.pose.translation_mm;
    for (int axis = 0; axis < 3; ++axis) position[axis] = position_filters_[size_t(axis)].filter(position[axis], t_s);
    out.pose = HeadPose::from_rotation(rotation_filter_.filter(out.pose.rotation(), t_s), position);
  }
  return out;
}

}  // namespace smp
