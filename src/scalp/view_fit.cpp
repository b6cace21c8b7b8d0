#include "scalp/view_fit.h"

#include <algorithm>
#include <array>
#include <cmath>

#include <opencv2/imgproc.hpp>

namespace smp {
namespace {

// The mask is compared at this size: a silhouette drawn on 160 px is within a percent of the head.
constexpr int kWorkingSide = 160;
// Beyond the picture the mask continues as at its edge (a head cut off by the frame goes on), over this
// share of the picture on every side.
constexpr double kBorderShare = 0.5;
// Leaving the mask costs this many times what covering it gains.
constexpr double kOutsideCost = 6.0;
// The tilt as far as kMaxViewTiltDeg costs this share of the mask.
constexpr double kTiltCost = 0.05;

// The whole egg, from below the ear canals to the vertex, all the way round.
std::vector<glm::dvec3> silhouette_samples(const ScalpSurface& surface, std::span<const glm::dvec3> face) {
  constexpr int kAzimuths = 48, kElevations = 16;
  std::vector<glm::dvec3> points;
  for (int a = 0; a < kAzimuths; ++a)
    for (int e = 0; e <= kElevations; ++e)
      points.push_back(surface.point({.azimuth = -M_PI + 2.0 * M_PI * a / kAzimuths,
                                      .elevation = -M_PI / 2.0 + M_PI * e / kElevations}));
  points.insert(points.end(), face.begin(), face.end());
  return points;
}

// Seen from the side, the brow, nose and chin stand out of the skull's silhouette. From the front they
// lie inside it, and from behind or above the chin would hang below the skull where the mask holds the
// neck (the back views' ink rose off the nape with it).
bool is_profile(const HeadPose& angles) {
  return std::abs(std::abs(angles.yaw_deg) - 90.0) < 45.0 && std::abs(angles.pitch_deg) < 45.0;
}

// A turn about the camera's axis, clockwise in the picture (its y runs down) for degrees > 0: a tilt
// of the whole head as the picture shows it, whatever the view (the head's own roll axis points
// sideways in a profile and downwards from above).
glm::dmat3 in_picture_turn(double degrees) {
  const double a = glm::radians(degrees), c = std::cos(a), s = std::sin(a);
  glm::dmat3 turn(1.0);
  turn[0] = {c, s, 0.0};
  turn[1] = {-s, c, 0.0};
  return turn;
}

struct Placement {
  double u = 0.0, v = 0.0;  // where the head frame's origin lands, working pixels (border included)
  double px_per_mm = 1.0;   // at the head's origin, working pixels
  double turn_deg = 0.0;  // in_picture_turn
};

class MaskScore {
 public:
  // `fx_px`: the lens's focal length in the picture's pixels (0: unknown, the head at `distance_mm`).
  MaskScore(const cv::Mat& mask, const HeadPose& angles, const ScalpSurface& surface, std::span<const glm::dvec3> face,
            double fx_px, double distance_mm)
      : rotation_(angles.rotation()),
        samples_(silhouette_samples(surface, is_profile(angles) ? face : std::span<const glm::dvec3>{})),
        distance_mm_(distance_mm),
        whole_mask_is_skull_(std::abs(angles.pitch_deg) > 45.0) {
    const double scale = double(kWorkingSide) / std::max(mask.cols, mask.rows);
    fx_ = fx_px * scale;
    cv::Mat small;
    cv::resize(mask, small, {}, scale, scale, cv::INTER_AREA);
    border_ = int(std::lround(kBorderShare * kWorkingSide));
    cv::copyMakeBorder(small, padded_, border_, border_, border_, border_, cv::BORDER_REPLICATE);
    cv::threshold(padded_, padded_, 127, 1, cv::THRESH_BINARY);
    scale_ = scale;
    drawn_ = cv::Mat(padded_.size(), CV_8U);
    above_ = cv::Mat(padded_.size(), CV_8U);
    mask_area_ = cv::countNonZero(picture_part());
  }

  // The head frame origin's distance from the camera at this size in the picture.
  double depth_mm(double px_per_mm) const { return fx_ > 0.0 ? fx_ / px_per_mm : distance_mm_; }

  // In perspective: the near half of a head seen from above is several percent larger than its middle.
  std::vector<cv::Point> silhouette(const Placement& p) const {
    const glm::dmat3 r = in_picture_turn(p.turn_deg) * rotation_;
    const double z = depth_mm(p.px_per_mm);
    std::vector<cv::Point> projected;
    projected.reserve(samples_.size());
    for (const glm::dvec3& s : samples_) {
      const glm::dvec3 c = r * s;
      const double k = p.px_per_mm * z / std::max(0.1 * z, z + c.z);
      projected.emplace_back(int(std::lround(p.u + k * c.x)), int(std::lround(p.v + k * c.y)));
    }
    std::vector<cv::Point> hull;
    cv::convexHull(projected, hull);
    return hull;
  }

  struct Counts {
    double inside = 0.0, outside = 0.0;
  };
  Counts counts(const Placement& p) {
    drawn_.setTo(0);
    cv::fillConvexPoly(drawn_, silhouette(p), cv::Scalar(1));
    const double drawn = cv::countNonZero(drawn_);
    const double inside = cv::countNonZero(drawn_ & padded_);
    return {inside, drawn - inside};
  }
  // Seen from the front, a side or the back, the mask holds the face, the jaw or the neck below the
  // skull as well: only the head above the ear canals' level (the head frame's origin) rewards
  // covering, so that the scalp rises to the skull's top rather than sinking into the jaw. From above,
  // all of the head is skull.
  // A tilt costs a little: a nearly round head seen from above or in front says little about it, and
  // a clinic photo is taken upright.
  double score(const Placement& p) {
    const Counts c = counts(p);
    const double tilt_cost = kTiltCost * mask_area_ * std::pow(p.turn_deg / kMaxViewTiltDeg, 2.0);
    if (whole_mask_is_skull_) return c.inside - kOutsideCost * c.outside - tilt_cost;
    // The half of the picture above the ear canals' level, turned with the head.
    const double a = glm::radians(p.turn_deg), far = 4.0 * drawn_.cols;
    const cv::Point2d along{std::cos(a), std::sin(a)}, up{std::sin(a), -std::cos(a)}, origin{p.u, p.v};
    const std::array<cv::Point, 4> above{origin - far * along, origin + far * along, origin + far * along + far * up,
                                         origin - far * along + far * up};
    above_.setTo(0);
    cv::fillConvexPoly(above_, above.data(), 4, cv::Scalar(1));
    const double inside_above = cv::countNonZero(drawn_ & padded_ & above_);
    return inside_above - kOutsideCost * c.outside - tilt_cost;
  }

  cv::Mat picture_part() const { return padded_(cv::Rect(border_, border_, padded_.cols - 2 * border_, padded_.rows - 2 * border_)); }
  double mask_area() const { return mask_area_; }
  cv::Point2d mask_centroid() const {
    const cv::Moments m = cv::moments(picture_part(), true);
    return {border_ + m.m10 / std::max(1.0, m.m00), border_ + m.m01 / std::max(1.0, m.m00)};
  }
  double scale() const { return scale_; }  // working pixels per picture pixel
  int border() const { return border_; }

 private:
  glm::dmat3 rotation_;
  std::vector<glm::dvec3> samples_;
  double fx_ = 0.0, distance_mm_ = 0.0, mask_area_ = 0.0;
  bool whole_mask_is_skull_ = false;
  cv::Mat padded_, drawn_, above_;
  double scale_ = 1.0;
  int border_ = 0;
};

// Coordinate search with shrinking steps: the score is a count of pixels, flat between them, which
// rules out gradients.
Placement best_placement(MaskScore& score, const Placement& first) {
  Placement start = first;
  std::array<double, 4> step{8.0, 8.0, 0.1 * start.px_per_mm, 4.0};
  double best = score.score(start);
  for (int round = 0; round < 7; ++round) {
    bool moved = true;
    while (moved) {
      moved = false;
      for (int k = 0; k < 4; ++k)
        for (const double sign : {-1.0, 1.0}) {
          Placement p = start;
          double* fields[] = {&p.u, &p.v, &p.px_per_mm, &p.turn_deg};
          *fields[k] += sign * step[k];
          p.turn_deg = std::clamp(p.turn_deg, -kMaxViewTiltDeg, kMaxViewTiltDeg);
          // A head that fills the frame would otherwise grow into the mask continued beyond it.
          p.px_per_mm = std::clamp(p.px_per_mm, 0.2 * first.px_per_mm, 2.0 * first.px_per_mm);
          const double s = score.score(p);
          if (s > best) best = s, start = p, moved = true;
        }
    }
    for (double& s : step) s *= 0.5;
  }
  return start;
}

}  // namespace

ViewFit fit_view_to_mask(const cv::Mat& mask, const HeadPose& angles, const ScalpSurface& surface, Intrinsics camera,
                         bool lens_known, double photo_distance_mm, std::span<const glm::dvec3> face) {
  MaskScore score(mask, angles, surface, face, lens_known ? camera.fx : 0.0, photo_distance_mm);
  // Start: the egg's area equal to the mask's, on the mask's centroid.
  Placement start;
  const cv::Point2d centroid = score.mask_centroid();
  start.u = centroid.x, start.v = centroid.y;
  const double unit_area = cv::contourArea(score.silhouette({.u = 0.0, .v = 0.0, .px_per_mm = 1.0, .turn_deg = 0.0}));
  start.px_per_mm = std::sqrt(std::max(1.0, score.mask_area()) / std::max(1.0, unit_area));
  // From several tilts, and from a smaller scalp higher up in case the search settles on the face or
  // the neck below the skull: the score has many local optima.
  Placement best = start;
  double best_score = score.score(start);
  for (const double tilt : {-20.0, -10.0, 0.0, 10.0, 20.0})
    for (const bool smaller : {false, true}) {
      Placement from = start;
      from.turn_deg = tilt;
      if (smaller) from.px_per_mm *= 0.7, from.v -= 0.2 * std::sqrt(score.mask_area());
      const Placement found = best_placement(score, from);
      if (const double s = score.score(found); s > best_score) best_score = s, best = found;
    }

  ViewFit fit;
  const MaskScore::Counts counts = score.counts(best);
  fit.inside_share = counts.inside / std::max(1.0, counts.inside + counts.outside);
  fit.covered_share = counts.inside / std::max(1.0, score.mask_area());
  // Back to the picture's pixels, and to a camera.
  const double u = (best.u - score.border()) / score.scale(), v = (best.v - score.border()) / score.scale();
  const double px_per_mm = best.px_per_mm / score.scale();
  if (!lens_known) camera.fx = camera.fy = px_per_mm * photo_distance_mm;
  const double z = score.depth_mm(best.px_per_mm);
  fit.pose = HeadPose::from_rotation(in_picture_turn(best.turn_deg) * angles.rotation(),
                                     {(u - camera.cx) * z / camera.fx, (v - camera.cy) * z / camera.fy, z});
  fit.camera = camera;
  fit.tilt_deg = best.turn_deg;
  return fit;
}

}  // namespace smp
