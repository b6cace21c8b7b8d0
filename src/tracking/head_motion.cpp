#include "tracking/head_motion.h"

#include <array>

#include <algorithm>
#include <cmath>

#include <opencv2/calib3d.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/video/tracking.hpp>

#include "tracking/face_model.h"
#include "tracking/pose_solver.h"

namespace smp {
namespace {

// The proxy head (head frame, mm): chin to vertex, ear to ear, nose to the back of the skull. Its
// breadth is the person's where their outline measured it (HeadMotion::set_head_breadth_mm).
const glm::dvec3 kProxyCentre{0.0, 20.0, -5.0};
const glm::dvec3 kProxyRadii{0.5 * HeadMotion::kUnmeasuredBreadthMm, 130.0, 100.0};
// Points where the surface turns away from the camera lie on the outline, against the background.
constexpr double kFacingAtLeast = 0.1;  // cosine between the surface normal and the view ray
constexpr int kNearestLandmarks = 4;
// The flow's cost grows with the points: 160 took 2.3 ms a frame on cap12 at 640x480, 240 took 3.8 (bench
// track). From 150 to 240 points, the follower's errors on the demo head and cap12 spread the same way
// (tests/test_demo_turn.cpp): PnP has enough of them.
constexpr int kFewestPoints = 10, kWantedPoints = 160, kCellsAcross = 6;
const cv::Size kFlowWindow{21, 21};
constexpr int kFlowLevels = 3;  // above the picture itself: the most the flow uses
const cv::TermCriteria kFlowStop(cv::TermCriteria::COUNT | cv::TermCriteria::EPS, 30, 0.01);  // OpenCV's default
// Started from a prediction, the flow needs levels only until the head's radius is this small on the
// coarsest: one level above the picture for a head of 132 px (cap12 at 640x480). Its cost falls with
// each level left out (the same window at every level): on cap12 at 640x480 the follower took 3.8 ms
// instead of 5.6 without a prediction and with all levels, with 240 points (bench track; callgrind:
// 36% fewer instructions).
constexpr double kCoarsestHeadRadiusPx = 100.0;
// Fewer of the points coming back from a predicted start than this share: the head did not move as
// predicted, and the flow is done again with every level. A quick shake of the demo head came 6.4
// degrees from the truth on average without this, 4.6 with it (4.4 with no prediction at all; all three
// with 240 points).
constexpr double kPredictedAtLeast = 0.85;
constexpr float kRoundTripPx = 1.0f;   // forward and back again along the flow: a point that returns elsewhere slid
constexpr double kAgreeSharePx = 0.006;
// About where the head turns when it nods or shakes: the top of the neck, below and behind the ears.
const glm::dvec3 kNeck{0.0, -60.0, -10.0};
constexpr double kNeckShiftPxPerMm = 0.5;  // RANSAC's inlier distance, as a share of the picture's width
// Points on one side of the head tell its distance from the camera poorly, and each point placed on the
// head at a pose a little too near or far carries that on into the next: over the demo head's full turn
// the followed head crept up to 147 mm from its true distance of 600, and its turns came out wrong in
// proportion (a nearer head needs less turn to move its points as far). So the refinement holds the neck
// near the distance of the last frame whose pose the face or a placement gave, at this much reprojection
// error per millimetre away from it: the same turn then stayed within 21 mm. The points of a head that
// does come nearer all move apart together and outweigh it: leaning 170 mm towards the camera with the
// face turned away, the followed head stayed within 14 mm of the truth (tests/test_demo_turn.cpp). Twice
// this held that lean back by 123 mm. It is one residual against two for each point, so it weighs more
// when few points agree.
constexpr double kDistanceHoldPxPerMm = 0.5;
// The light stays where it is while the head turns under it, so its shading slides over the skin; flow
// on the raw picture follows the shading a little and the pose drifts with the turn. Flow runs on the
// picture less its blur at this scale (the skin's texture, without the shading). On cap12's 38-degree
// nod (240 points) the followed pose came 5.7 degrees from the landmarks' on average instead of 9.3; on the demo head
// given its exact shape, the turn to 36 degrees 0.4 degrees from the truth instead of 4.5.
constexpr double kShadingBlurPx = 3.0;
// How far beyond the head's region the flow may take a point from one frame to the next, as a share of
// the head's size.
constexpr double kFlowMargin = 0.25;

// The picture optical flow follows: the skin's texture without the light's shading, inside `head`
// (a flat grey elsewhere: blurring the whole picture took a third of the follower's time, and no
// point lies there).
std::vector<cv::Mat> flow_pyramid(const cv::Mat& grey, const cv::Rect& head) {
  cv::Mat shading, texture(grey.size(), CV_8U, cv::Scalar(128));
  if (!head.empty()) {
    cv::GaussianBlur(grey(head), shading, cv::Size(0, 0), kShadingBlurPx);
    cv::addWeighted(grey(head), 1.0, shading, -1.0, 128.0, texture(head));
  }
  std::vector<cv::Mat> pyramid;
  cv::buildOpticalFlowPyramid(texture, pyramid, kFlowWindow, kFlowLevels);
  return pyramid;
}

// The pyramid levels above the picture that flow started from a prediction needs for a head of
// `radius_px`.
int levels_for_predicted(double radius_px) {
  int levels = 1;
  while (levels < kFlowLevels && radius_px / double(1 << levels) > kCoarsestHeadRadiusPx) ++levels;
  return levels;
}

// Where optical flow takes points from the picture of one pyramid to that of another.
struct Flow {
  std::vector<cv::Point2f> moved;
  std::vector<bool> came_back;  // along the flow the other way, to where the point was
  int came_back_count = 0;
};

// The flow of `points` from `from` to `to`, starting from `start` (where they are expected), with
// `levels` pyramid levels above the picture.
Flow flow_there_and_back(const std::vector<cv::Mat>& from, const std::vector<cv::Mat>& to, const std::vector<cv::Point2f>& points,
                         const std::vector<cv::Point2f>& start, int levels) {
  Flow f{.moved = start, .came_back = std::vector<bool>(points.size(), false)};
  std::vector<cv::Point2f> back(points.size());
  std::vector<std::uint8_t> ok, ok_back;
  std::vector<float> error;
  cv::calcOpticalFlowPyrLK(from, to, points, f.moved, ok, error, kFlowWindow, levels, kFlowStop, cv::OPTFLOW_USE_INITIAL_FLOW);
  // The way back starts as far from where it should end as the way there ended from where it started,
  // so that it has as far to go: started at the point itself, it would stay there whether the flow slid
  // or not.
  for (size_t i = 0; i < points.size(); ++i) back[i] = points[i] + (f.moved[i] - start[i]);
  cv::calcOpticalFlowPyrLK(to, from, f.moved, back, ok_back, error, kFlowWindow, levels, kFlowStop, cv::OPTFLOW_USE_INITIAL_FLOW);
  for (size_t i = 0; i < points.size(); ++i) {
    f.came_back[i] = ok[i] && ok_back[i] && cv::norm(back[i] - points[i]) < kRoundTripPx;
    f.came_back_count += f.came_back[i];
  }
  return f;
}

// Where the proxy can be in the picture: around the projection of its centre, as far as its largest
// radius reaches.
struct HeadCircle {
  glm::dvec2 centre_px;
  double radius_px;
  cv::Rect square(double scale, cv::Size picture) const {
    const double r = scale * radius_px;
    return cv::Rect(int(centre_px.x - r), int(centre_px.y - r), int(2 * r), int(2 * r)) & cv::Rect(cv::Point(0, 0), picture);
  }
};
std::optional<HeadCircle> head_circle(const Intrinsics& camera, const HeadPose& pose, const glm::dvec3& radii) {
  const glm::dvec3 centre = pose.rotation() * kProxyCentre + pose.translation_mm;
  if (centre.z <= 1.0) return std::nullopt;
  return HeadCircle{camera.project(centre), std::max({radii.x, radii.y, radii.z}) * camera.fx / centre.z};
}

// The line of sight through `pixel`, in the head frame at `pose`.
struct HeadFrameRay {
  glm::dvec3 origin;     // the camera, mm
  glm::dvec3 direction;  // unit
};
HeadFrameRay ray_in_head_frame(const Intrinsics& camera, const HeadPose& pose, cv::Point2f pixel) {
  const glm::dmat3 to_head = glm::transpose(pose.rotation());
  const glm::dvec3 ray_camera((pixel.x - camera.cx) / camera.fx, (pixel.y - camera.cy) / camera.fy, 1.0);
  return {to_head * (-pose.translation_mm), glm::normalize(to_head * ray_camera)};
}

// The proxy's point seen along `ray`; none when the ray misses it or grazes it.
std::optional<glm::dvec3> on_proxy(const HeadFrameRay& ray, const glm::dvec3& radii) {
  // Scaled so that the proxy is the unit sphere.
  const glm::dvec3 origin = (ray.origin - kProxyCentre) / radii;
  const glm::dvec3 direction = ray.direction / radii;
  const double a = glm::dot(direction, direction), b = glm::dot(origin, direction), c = glm::dot(origin, origin) - 1.0;
  const double discriminant = b * b - a * c;
  if (discriminant <= 0.0) return std::nullopt;
  const double t = (-b - std::sqrt(discriminant)) / a;
  if (t <= 0.0) return std::nullopt;
  const glm::dvec3 unit = origin + t * direction;
  const glm::dvec3 normal = glm::normalize(unit / radii);
  if (glm::dot(normal, -ray.direction) < kFacingAtLeast) return std::nullopt;
  return kProxyCentre + unit * radii;
}

// Where the neck (kNeck) is in the camera's frame, mm.
glm::dvec3 neck_in_camera(const HeadPose& pose) { return pose.rotation() * kNeck + pose.translation_mm; }

// A head turns about the neck: points on one side of the head alone barely tell a turn from a shift
// (PnP on them trades pitch for height), so the refinement keeps the neck where it was unless the
// points insist, at kNeckShiftPxPerMm of reprojection error per millimetre it moves, and near
// `held_distance_mm` from the camera (kDistanceHoldPxPerMm).
HeadPose refine_about_neck(const std::vector<cv::Point3f>& object, const std::vector<cv::Point2f>& image, const HeadPose& last,
                           const Intrinsics& camera, double held_distance_mm) {
  const glm::dmat3 r0 = last.rotation();
  const glm::dvec3 neck_camera = neck_in_camera(last);
  const auto pose_of = [&](const cv::Vec6d& x) {
    cv::Matx33d turn;
    cv::Rodrigues(cv::Vec3d(x[0], x[1], x[2]), turn);
    const glm::dmat3 r = rotation_of(turn) * r0;
    return std::pair{r, neck_camera + glm::dvec3(x[3], x[4], x[5]) - r * kNeck};
  };
  const auto residuals = [&](const cv::Vec6d& x) {
    const auto [r, t] = pose_of(x);
    cv::Mat_<double> e(int(2 * object.size() + 4), 1);
    for (size_t i = 0; i < object.size(); ++i) {
      const glm::dvec2 p = camera.project(r * glm::dvec3(object[i].x, object[i].y, object[i].z) + t);
      e(int(2 * i)) = p.x - image[i].x;
      e(int(2 * i + 1)) = p.y - image[i].y;
    }
    for (int k = 0; k < 3; ++k) e(int(2 * object.size()) + k) = kNeckShiftPxPerMm * x[3 + k];
    e(int(2 * object.size()) + 3) = kDistanceHoldPxPerMm * (glm::length(neck_camera + glm::dvec3(x[3], x[4], x[5])) - held_distance_mm);
    return e;
  };
  cv::Vec6d x(0, 0, 0, 0, 0, 0);
  for (int iteration = 0; iteration < 8; ++iteration) {
    const cv::Mat_<double> e = residuals(x);
    cv::Mat_<double> jacobian(e.rows, 6);
    for (int k = 0; k < 6; ++k) {
      cv::Vec6d step = x;
      const double h = k < 3 ? 1e-5 : 1e-3;
      step[k] += h;
      jacobian.col(k) = (residuals(step) - e) / h;
    }
    cv::Mat_<double> delta;
    if (!cv::solve(jacobian.t() * jacobian, -(jacobian.t() * e), delta, cv::DECOMP_CHOLESKY)) break;
    for (int k = 0; k < 6; ++k) x[k] += delta(k);
    if (cv::norm(delta) < 1e-7) break;
  }
  const auto [r, t] = pose_of(x);
  return HeadPose::from_rotation(r, t);
}

}  // namespace

void HeadMotion::set_head_breadth_mm(std::optional<double> breadth_mm) {
  proxy_radii_ = kProxyRadii;
  if (breadth_mm) proxy_radii_.x = 0.5 * std::clamp(*breadth_mm, kNarrowestMm, kBroadestMm);
}

void HeadMotion::anchor(const cv::Mat& grey, const HeadPose& pose, const std::optional<Landmarks68>& landmarks, double t_ms) {
  // Followed into this same frame (the tracker follows every frame, to check the face's pose against
  // the head's motion): its points and pyramid serve again, each point placed on the head anew at the
  // anchor's pose, so that finding corners and building the pyramid are not paid twice.
  const bool followed_here = last_pose_ && last_ms_ == t_ms && !last_pyramid_.empty();
  if (followed_here) {
    last_pose_ = pose;  // the frame before stays the prediction's start
  } else {
    grey.copyTo(last_grey_);
    last_pyramid_.clear();  // built when following starts
    keep_as_last(pose, t_ms);
  }
  last_landmarks_ = landmarks;
  face_seen_ms_ = t_ms;
  anchored_neck_distance_mm_ = glm::length(neck_in_camera(pose));
  std::vector<cv::Point2f> kept;
  std::vector<cv::Point3f> kept_on_head;
  if (followed_here)
    for (const cv::Point2f& p : points_)
      if (const std::optional<glm::dvec3> h = on_head(p, pose)) {
        kept.push_back(p);
        kept_on_head.emplace_back(float(h->x), float(h->y), float(h->z));
      }
  points_ = std::move(kept);  // more are placed on the head from this frame when they are few
  on_head_ = std::move(kept_on_head);
}

void HeadMotion::reset() {
  last_pose_.reset();
  previous_pose_.reset();
  last_pyramid_.clear();
  last_landmarks_.reset();
  points_.clear();
  on_head_.clear();
}

std::optional<glm::dvec3> HeadMotion::on_head(cv::Point2f pixel, const HeadPose& pose) const {
  const HeadFrameRay ray = ray_in_head_frame(camera_, pose, pixel);
  if (!last_landmarks_) {
    // No landmarks say where the face is (turning back into view, covered, or never seen): where the pose
    // shows it, the face model's surface does.
    if (const std::optional<glm::dvec3> on_face = face_model_along_ray(ray.origin, ray.direction, kFacingAtLeast)) return on_face;
    return on_proxy(ray, proxy_radii_);
  }
  const Landmarks68& l = *last_landmarks_;
  std::vector<cv::Point2f> outline, hull;
  for (int i = 0; i <= 26; ++i) outline.emplace_back(float(l[size_t(i)].x), float(l[size_t(i)].y));
  cv::convexHull(outline, hull);
  if (cv::pointPolygonTest(hull, pixel, false) < 0) return on_proxy(ray, proxy_radii_);
  // On the face: the depth of the nearest landmarks' model points, weighted by nearness, along the pixel's ray.
  const glm::dmat3 r = pose.rotation();
  std::array<std::pair<double, double>, 68> by_distance;  // {distance px, depth mm}
  for (size_t i = 0; i < 68; ++i)
    by_distance[i] = {glm::length(l[i] - glm::dvec2(pixel.x, pixel.y)), (r * face_model()[i] + pose.translation_mm).z};
  std::partial_sort(by_distance.begin(), by_distance.begin() + kNearestLandmarks, by_distance.end());
  double weights = 0.0, depth = 0.0;
  for (int i = 0; i < kNearestLandmarks; ++i) {
    const double w = 1.0 / (by_distance[size_t(i)].first + 1.0);
    weights += w;
    depth += w * by_distance[size_t(i)].second;
  }
  depth /= weights;
  const glm::dvec3 camera_point((pixel.x - camera_.cx) / camera_.fx * depth, (pixel.y - camera_.cy) / camera_.fy * depth, depth);
  return glm::transpose(r) * (camera_point - pose.translation_mm);
}

void HeadMotion::add_points(const cv::Mat& grey, const HeadPose& pose) {
  const std::optional<HeadCircle> head = head_circle(camera_, pose, proxy_radii_);
  if (!head) return;
  const double reach = head->radius_px;
  const cv::Rect region = head->square(1.0, grey.size());
  if (region.area() < 64) return;
  // Corners cell by cell, each cell against its own strongest: over the hair, ears, cheeks and jaw
  // too, not only at the eyes and the mouth, which a hand or a turn hides first.
  const int spacing = std::max(4, int(reach / 20.0));
  cv::Mat taken = cv::Mat(grey.size(), CV_8U, cv::Scalar(255));
  for (const cv::Point2f& p : points_) cv::circle(taken, cv::Point(p), spacing, 0, -1);
  const int cell = (region.width + kCellsAcross - 1) / kCellsAcross;
  for (int y = region.y; y < region.y + region.height; y += cell)
    for (int x = region.x; x < region.x + region.width; x += cell) {
      const cv::Rect c = cv::Rect(x, y, cell, cell) & region;
      if (c.width < 8 || c.height < 8) continue;
      std::vector<cv::Point2f> found;
      cv::goodFeaturesToTrack(grey(c), found, kWantedPoints / (kCellsAcross * kCellsAcross) + 1, 0.02, spacing, taken(c));
      for (cv::Point2f p : found) {
        p += cv::Point2f(c.tl());
        if (const std::optional<glm::dvec3> h = on_head(p, pose)) {
          points_.push_back(p);
          on_head_.emplace_back(float(h->x), float(h->y), float(h->z));
        }
      }
    }
}

void HeadMotion::keep_as_last(const HeadPose& pose, double t_ms) {
  const bool recent = last_pose_ && t_ms > last_ms_ && t_ms - last_ms_ <= kPredictWithinMs;
  previous_pose_ = recent ? last_pose_ : std::nullopt;
  previous_ms_ = last_ms_;
  last_pose_ = pose;
  last_ms_ = t_ms;
}

std::vector<cv::Point2f> HeadMotion::predicted_points(double t_ms) const {
  if (!previous_pose_) return points_;
  // As far again as from the frame before to the last, for as long again (frames come unevenly live).
  const double ahead = std::clamp((t_ms - last_ms_) / (last_ms_ - previous_ms_), 0.0, 2.0);
  const glm::dmat3 r0 = previous_pose_->rotation(), r1 = last_pose_->rotation();
  std::vector<cv::Point2f> predicted(points_.size());
  for (size_t i = 0; i < points_.size(); ++i) {
    const glm::dvec3 x(on_head_[i].x, on_head_[i].y, on_head_[i].z);
    const glm::dvec3 before = r0 * x + previous_pose_->translation_mm, last = r1 * x + last_pose_->translation_mm;
    // The step its place on the head took, taken again from where the flow found it.
    const glm::dvec2 step = camera_.project(last + ahead * (last - before)) - camera_.project(last);
    predicted[i] = points_[i] + cv::Point2f(float(step.x), float(step.y));
  }
  return predicted;
}

std::optional<HeadMotionFit> HeadMotion::follow(const cv::Mat& grey, double t_ms) {
  if (!last_pose_ || last_grey_.empty() || last_grey_.size() != grey.size() || t_ms - face_seen_ms_ > kMaxFollowMs) {
    reset();
    return std::nullopt;
  }
  if (points_.size() < size_t(kWantedPoints) / 2) add_points(last_grey_, *last_pose_);
  if (int(points_.size()) < kFewestPoints) {
    reset();
    return std::nullopt;
  }
  // Each picture's pyramid is built once, for the flow there and back and for the next frame's.
  // The points, placed in the last frame's head region, and where this frame's flow can take them.
  const std::optional<HeadCircle> circle = head_circle(camera_, *last_pose_, proxy_radii_);
  const cv::Rect head = circle ? circle->square(1.0 + kFlowMargin, grey.size()) : cv::Rect(cv::Point(0, 0), grey.size());
  std::vector<cv::Mat> pyramid = flow_pyramid(grey, head);
  if (last_pyramid_.empty()) last_pyramid_ = flow_pyramid(last_grey_, head);
  // Each point starts where it would be if the head kept moving as it did between the last two frames,
  // and the flow only has to find the change from that, which fewer pyramid levels reach. When the head
  // did otherwise (it stopped short or turned back), many points fail the round trip: the flow is done
  // again with every level, from where the points were. (A head so large in the picture that it gets
  // every level anyway keeps the prediction's flow.)
  const int levels = previous_pose_ && circle ? levels_for_predicted(circle->radius_px) : kFlowLevels;
  Flow flow = flow_there_and_back(last_pyramid_, pyramid, points_, predicted_points(t_ms), levels);
  if (levels < kFlowLevels && flow.came_back_count < kPredictedAtLeast * double(points_.size()))
    flow = flow_there_and_back(last_pyramid_, pyramid, points_, points_, kFlowLevels);
  std::vector<cv::Point2f> image;
  std::vector<cv::Point3f> object;
  for (size_t i = 0; i < points_.size(); ++i)
    if (flow.came_back[i]) {
      image.push_back(flow.moved[i]);
      object.push_back(on_head_[i]);
    }
  if (int(image.size()) < kFewestPoints) {
    reset();
    return std::nullopt;
  }
  cv::Mat rvec, tvec;
  opencv_pose(*last_pose_, rvec, tvec);
  const cv::Mat_<double> distortion = distortion_of(camera_);
  std::vector<int> inliers;
  const float agree_px = float(std::max(1.5, kAgreeSharePx * grey.cols));
  if (!cv::solvePnPRansac(object, image, camera_matrix(camera_), distortion, rvec, tvec, true, 100, agree_px, 0.99, inliers,
                          cv::SOLVEPNP_ITERATIVE) ||
      int(inliers.size()) < kFewestPoints) {
    reset();
    return std::nullopt;
  }
  std::vector<cv::Point3f> agreeing_object;
  std::vector<cv::Point2f> agreeing_image;
  for (int i : inliers) {
    agreeing_object.push_back(object[size_t(i)]);
    agreeing_image.push_back(image[size_t(i)]);
  }
  HeadMotionFit fit;
  fit.pose = refine_about_neck(agreeing_object, agreeing_image, *last_pose_, camera_, anchored_neck_distance_mm_);
  fit.points = int(inliers.size());
  fit.confidence = double(inliers.size()) / double(image.size()) * std::min(1.0, double(inliers.size()) / (2.0 * kFewestPoints));

  // The agreeing points go on; new ones are added from this frame when they thin out.
  points_ = std::move(agreeing_image);
  on_head_ = std::move(agreeing_object);
  grey.copyTo(last_grey_);
  last_pyramid_ = std::move(pyramid);
  keep_as_last(fit.pose, t_ms);
  last_landmarks_.reset();  // they were the anchor frame's
  return fit;
}

}  // namespace smp
