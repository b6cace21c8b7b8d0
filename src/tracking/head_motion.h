#pragma once
// Following the head where the face's landmarks cannot (the face turned past the detector's reach,
// bowed, covered): points on the head (skin texture, ears, hair, what shows of the face) followed from
// frame to frame by optical flow. Each point's place on the skull comes from a proxy head, an ellipsoid
// in the head frame, at the pose of the frame it was first seen in; PnP on the followed points gives the
// pose. Points on the face itself take their place from the face model between the landmarks instead
// (an ellipsoid puts the eyes 30 mm too far forward, and the turns come out a quarter too small), and in
// any frame without landmarks from the face model's surface wherever the pose shows the face (a face
// turning back into view, a hand over it). The pose is held near the distance the last anchor gave
// unless the points insist (head_motion.cpp, kDistanceHoldPxPerMm). The flow starts each point where the
// last two poses say it goes next. It starts from the last frame whose pose the face gave, and hands
// back when the face returns.
// Each step adds a little error, so it gives up after kMaxFollowMs without the face, and whenever too
// few points agree on one rigid motion.
#include <optional>
#include <vector>

#include <opencv2/core.hpp>

#include "tracking/face_landmarks.h"
#include "tracking/head_pose.h"

namespace smp {

struct HeadMotionFit {
  HeadPose pose;
  double confidence = 0.0;  // 0..1: the share of followed points that agree, less when they are few
  int points = 0;           // that agree
};

class HeadMotion {
 public:
  static constexpr double kMaxFollowMs = 10000.0;
  // A pose this long before the last is still a guide to where the head moves next: three frames at
  // 30 fps, so that a dropped frame or two keeps the prediction. Slower than 10 fps, the flow runs
  // without one, on every pyramid level.
  static constexpr double kPredictWithinMs = 100.0;
  // The proxy's breadth (ear to ear, hair included) until the person's is measured: a man with short
  // hair (cap12's outline measured 172 mm). An adult's bare skull is about 151 (Farkas).
  static constexpr double kUnmeasuredBreadthMm = 170.0;
  // What a measurement may set it to: an adult's range (about 3 standard deviations), with hair.
  static constexpr double kNarrowestMm = 125.0, kBroadestMm = 185.0;

  explicit HeadMotion(const Intrinsics& camera, std::optional<double> head_breadth_mm = std::nullopt) : camera_(camera) {
    set_head_breadth_mm(head_breadth_mm);
  }
  // The person's head breadth, from their outline (src/scalp/outline_fit.h), or none for the default.
  // A proxy as broad as the head places the points on its sides nearer their true depth. On the demo
  // head (built 150 mm broad, measured 138), each quarter of a full turn came 5.4, 5.7, 11.1 and 12.9
  // degrees from the truth on average instead of 6.9, 11.5, 39.2 and 57.8, before the flow started
  // from a prediction (tests/test_demo_turn.cpp has the numbers now). It takes effect for the points
  // placed from then on.
  void set_head_breadth_mm(std::optional<double> breadth_mm);
  // A frame whose pose the face gave, with its landmarks: where following starts from. Without landmarks
  // (a head placed by its outline), every point takes its place from the face model's surface where the
  // pose shows the face, and from the proxy head elsewhere.
  // When the head was followed into this same frame (`follow`, then `anchor`), the points followed there
  // go on, placed on the head anew at this pose, and the frame's pyramid is kept.
  void anchor(const cv::Mat& grey, const HeadPose& pose, const std::optional<Landmarks68>& landmarks, double t_ms);
  // The pose from the points followed since the last frame, or none. The tracker follows every frame:
  // where the face gives no usable pose, and to check the face's pose where it does.
  std::optional<HeadMotionFit> follow(const cv::Mat& grey, double t_ms);
  void reset();

 private:
  void add_points(const cv::Mat& grey, const HeadPose& pose);
  // The head-frame point seen at `pixel` at `pose`: on the face model between the anchor's landmarks
  // (without them, on its surface), or on the proxy head; none off the head or at its outline.
  std::optional<glm::dvec3> on_head(cv::Point2f pixel, const HeadPose& pose) const;
  // `pose` at `t_ms` becomes last_pose_, and the last one previous_pose_ when it is recent enough.
  void keep_as_last(const HeadPose& pose, double t_ms);
  // Where points_ will be at `t_ms` if the head goes on moving as it did from previous_pose_ to
  // last_pose_; where they are without previous_pose_.
  std::vector<cv::Point2f> predicted_points(double t_ms) const;

  Intrinsics camera_;
  glm::dvec3 proxy_radii_{0.0};  // mm, head frame
  cv::Mat last_grey_;
  std::vector<cv::Mat> last_pyramid_;  // its optical flow pyramid, once following
  std::optional<HeadPose> last_pose_;
  std::optional<HeadPose> previous_pose_;  // of the frame before last_grey_, kPredictWithinMs before it at most
  double last_ms_ = 0.0, previous_ms_ = 0.0;  // their times
  std::optional<Landmarks68> last_landmarks_;  // of the anchor frame, until points are placed in it
  double face_seen_ms_ = 0.0;  // of the last anchor
  // From the camera, at the last anchor's pose; set by every anchor, which alone starts following.
  double anchored_neck_distance_mm_ = 0.0;
  std::vector<cv::Point2f> points_;    // in last_grey_
  std::vector<cv::Point3f> on_head_;   // the same points in the head frame, mm
};

}  // namespace smp
