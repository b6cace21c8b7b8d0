#include "scalp/outline_fit.h"

#include <algorithm>
#include <cmath>

namespace smp {
namespace {

// The surface is sampled from the ear canals' level (elevation -0.5 rad lies below them) to the vertex;
// 128 x 64 points put several in every ray's 2.5 degrees on any head that fills a fifth of a picture.
constexpr int kAzimuthSamples = 128, kElevationSamples = 64;
constexpr double kLowestElevation = -0.5;

// Beyond this the landmarks' pitch is not loose but wrong, and the face would not match either.
constexpr double kMaxPitchCorrectionDeg = 15.0;

struct Measurement {
  double breadth_mm, vertex_height_mm, offset_mm, pitch_deg;
};

FaceLandmarks3d with(const FaceLandmarks3d& landmarks, const Measurement& m) {
  FaceLandmarks3d out = landmarks;
  out.head_breadth_mm = m.breadth_mm;
  out.vertex_height_mm = m.vertex_height_mm;
  out.skull_offset_mm = m.offset_mm;
  return out;
}

// Huber's loss: squares near zero, linear beyond `delta`, so that a ray that caught a wrong edge (a
// collar, a shadow) pulls the fit less than the many that caught the head.
double huber(double x, double delta) {
  const double a = std::abs(x);
  return a <= delta ? 0.5 * x * x : delta * (a - 0.5 * delta);
}

double head_width_px(const ScalpSurface& surface, const OutlineView& v) {
  return surface.breadth_mm() * v.outline.expected_radius_scale_px;
}

bool usable(const HeadOutline& o, std::size_t ray) { return !o.cut_off[ray] && o.strength[ray] > 0.25; }

// Sum over the views' usable rays of the strength-weighted loss, in shares of the head's width.
double mismatch(const ScalpFit& fit, double pitch_deg, std::span<const OutlineView> views) {
  const ScalpSurface& surface = fit.surface;
  double total = 0.0;
  for (OutlineView v : views) {
    v.pose = pitched_about(v.pose, pitch_deg, fit.glabella);
    const std::vector<double> radii = silhouette_radii_px(surface, v);
    const double width = head_width_px(surface, v);
    for (std::size_t i = 0; i < radii.size(); ++i)
      if (usable(v.outline, i) && radii[i] > 0.0)
        total += v.outline.strength[i] *
                 huber((radii[i] - v.outline.radius_px[i]) / width + outline_inset_share(v.outline.angle_rad[i]), 0.03);
  }
  return total;
}

}  // namespace

double outline_inset_share(double angle_rad) {
  const double towards_ears = std::min(std::abs(angle_rad) / kOutlineHalfSpanRad, 1.0);
  return 0.01 + 0.02 * towards_ears * towards_ears;
}

HeadPose pitched_about(const HeadPose& pose, double degrees, const glm::dvec3& pivot_mm) {
  if (degrees == 0.0) return pose;
  // Chin up is a turn about the head's +x by -pitch (head_pose.h): Rx(-degrees) after the pose's own.
  const double a = -glm::radians(degrees), c = std::cos(a), s = std::sin(a);
  const glm::dmat3 turn(1, 0, 0, 0, c, s, 0, -s, c);
  const glm::dmat3 r = pose.rotation() * turn;
  // The pivot stays where it was: r * pivot + t' = R * pivot + t.
  const glm::dvec3 t = pose.translation_mm + pose.rotation() * pivot_mm - r * pivot_mm;
  return HeadPose::from_rotation(r, t);
}

HeadPose OutlineFit::corrected(const HeadPose& pose) const { return pitched_about(pose, pitch_correction_deg, fit.glabella); }

std::vector<double> silhouette_radii_px(const ScalpSurface& surface, const OutlineView& v) {
  const HeadOutline& o = v.outline;
  std::vector<double> radii(o.angle_rad.size(), 0.0);
  if (radii.size() < 2) return radii;
  const glm::dmat3 r = v.pose.rotation();
  const glm::dvec2 right = o.right_px();
  const double first = o.angle_rad.front(), step = (o.angle_rad.back() - first) / double(radii.size() - 1);
  for (int e = 0; e < kElevationSamples; ++e) {
    const double elevation = kLowestElevation + (0.5 * M_PI - kLowestElevation) * e / (kElevationSamples - 1);
    for (int a = 0; a < kAzimuthSamples; ++a) {
      const glm::dvec3 p = r * surface.point({-M_PI + 2.0 * M_PI * a / kAzimuthSamples, elevation}) + v.pose.translation_mm;
      if (p.z < 1.0) continue;
      const glm::dvec2 d = v.camera.project(p) - o.centre_px;
      const double angle = std::atan2(glm::dot(d, right), glm::dot(d, o.up_px));
      const long ray = std::lround((angle - first) / step);
      if (ray < 0 || ray >= long(radii.size())) continue;
      // The silhouette of a convex head along a ray from inside it is its farthest point there.
      radii[std::size_t(ray)] = std::max(radii[std::size_t(ray)], glm::dot(d, o.direction(std::size_t(ray))));
    }
  }
  return radii;
}

OutlineFit fit_scalp_to_outlines(const FaceLandmarks3d& landmarks, std::span<const OutlineView> views) {
  OutlineFit out;
  out.measured = landmarks;
  out.fit = fit_scalp(landmarks);
  std::size_t rays = 0, clear = 0;
  for (const OutlineView& v : views)
    for (std::size_t i = 0; i < v.outline.strength.size(); ++i) rays += 1, clear += usable(v.outline, i);
  out.clear_share = rays ? double(clear) / double(rays) : 0.0;
  if (out.clear_share < kMinClearShare) return out;

  // Pattern search from the landmarks' own fit, halving the steps: the loss is smooth in all four.
  namespace limits = skull_limits;
  const ScalpSurface& start = out.fit.surface;
  Measurement best{start.breadth_mm(), start.vertex_height_mm(), 0.0, 0.0};
  double best_loss = mismatch(out.fit, 0.0, views);
  // Steps in mm for the sizes, half that for the offset, and degrees for the pitch.
  for (double step = 8.0; step >= 0.25; step *= 0.5) {
    bool moved = true;
    while (moved) {
      moved = false;
      for (int parameter = 0; parameter < 4; ++parameter)
        for (double sign : {-1.0, 1.0}) {
          Measurement m = best;
          double* values[] = {&m.breadth_mm, &m.vertex_height_mm, &m.offset_mm, &m.pitch_deg};
          *values[parameter] += sign * (parameter == 2 ? 0.5 * step : step);
          m.breadth_mm = std::clamp(m.breadth_mm, limits::kMinBreadthMm, limits::kMaxBreadthMm);
          m.vertex_height_mm = std::clamp(m.vertex_height_mm, limits::kMinVertexHeightMm, limits::kMaxVertexHeightMm);
          m.offset_mm = std::clamp(m.offset_mm, -limits::kMaxOffsetMm, limits::kMaxOffsetMm);
          m.pitch_deg = std::clamp(m.pitch_deg, -kMaxPitchCorrectionDeg, kMaxPitchCorrectionDeg);
          const double loss = mismatch(fit_scalp(with(landmarks, m)), m.pitch_deg, views);
          if (loss < best_loss - 1e-12) best_loss = loss, best = m, moved = true;
        }
    }
  }
  out.measured = with(landmarks, best);
  out.fit = fit_scalp(out.measured);
  out.pitch_correction_deg = best.pitch_deg;
  out.fitted = true;

  double sum = 0.0;
  std::size_t counted = 0;
  for (OutlineView v : views) {
    v.pose = out.corrected(v.pose);
    const std::vector<double> radii = silhouette_radii_px(out.fit.surface, v);
    const double width = head_width_px(out.fit.surface, v);
    for (std::size_t i = 0; i < radii.size(); ++i) {
      if (!usable(v.outline, i) || radii[i] <= 0.0) continue;
      const double error = std::abs(radii[i] - v.outline.radius_px[i]) / width;
      sum += error, ++counted;
      out.max_error_share = std::max(out.max_error_share, error);
    }
  }
  out.mean_error_share = counted ? sum / double(counted) : 0.0;
  if (out.mean_error_share > kMaxMeanErrorShare) {
    out.fitted = false;
    out.measured = landmarks;
    out.fit = fit_scalp(landmarks);
    out.pitch_correction_deg = 0.0;
  }
  return out;
}

}  // namespace smp
