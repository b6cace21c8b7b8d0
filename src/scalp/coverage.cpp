#include "scalp/coverage.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "scalp_design.h"

namespace smp {
namespace {

constexpr double kFrontShare = 0.2;               // of the full density, at the front edge of the zone
constexpr double kMicroMmAtFullIrregularity = 2.0;  // each dot's own depth offset, up to +- this
constexpr double kMacroMmAtFullIrregularity = 1.2;  // waves along the line, times ~2.5 peak to peak
constexpr double kAsymmetryMmAtFullIrregularity = 2.0;  // one temple corner higher than the other
constexpr double kSideSoftnessMm = 6.0;           // the borders above the ears and at the nape blend quickly
// The lower border of a shaved head's hair around the ears and at the back, in the head frame (mm; the
// ear canals at its origin). An adult's ear reaches about 1 cm in front of the canal, 3 cm above it and
// 3 cm behind it, leaning back 15 degrees. From the sideburn (Border: in front of the ear, 5 mm above the
// outer eye corner's height) the border rises to pass about 1.5 cm over the ear's top, falls behind it
// towards the mastoid, and runs on to the nape, where the skull meets the neck (on the demo head).
struct EarBorderPoint {
  double y_mm, z_mm;  // height above the ear canals; in front of them
};
constexpr EarBorderPoint kOverEarFront{48.0, -6.0}, kOverEarBack{48.0, -38.0}, kBehindEar{-5.0, -52.0};
constexpr double kNapeYMm = -20.0;
// A small skull's egg does not reach those heights and depths at the back (its underside curves in
// above the neck): its border stays on the side and back of the egg, not under it.
constexpr double kLowestSideElevationRad = -45.0 * M_PI / 180.0;

// How far the front line rises above the mid-frontal point towards the fronto-temporal points
// (t: 0 at the centre, 1 at a fronto-temporal point), mm.
double front_rise_mm(HairlineShape shape, double t) {
  switch (shape) {
    case HairlineShape::kStraight: return 0.0;
    case HairlineShape::kRounded: return 10.0 * t * t;
    case HairlineShape::kRecededTemples: return 4.0 * t * t + 14.0 * t * t * t * t;
    case HairlineShape::kFrontalPeak: return 8.0 * t * t + 7.0 * std::min(1.0, t / 0.2);  // a small V at the centre
  }
  return 0.0;
}

// How far the temple recession behind a fronto-temporal point reaches up, mm. It is never filled
// completely (shared/smp-clinical.md: "do not fill the fronto-temporal angle").
double recession_mm(HairlineShape shape) {
  switch (shape) {
    case HairlineShape::kStraight: return 6.0;
    case HairlineShape::kRecededTemples: return 16.0;
    default: return 8.0;
  }
}

// Small waves along the border, different on the two sides, zero at the mid-frontal point (the
// practitioner's mark), mm.
double macro_wave_mm(double azimuth, double irregularity) {
  const double a = std::abs(azimuth);
  const double p1 = azimuth >= 0.0 ? 0.7 : 4.1, p2 = azimuth >= 0.0 ? 2.9 : 1.3;
  auto wave = [&](double x) { return 1.6 * std::sin(18.0 * x + p1) + 0.9 * std::sin(41.0 * x + p2); };
  return irregularity * kMacroMmAtFullIrregularity * (wave(a) - wave(0.0));
}

double elevation_at_height_y(const ScalpSurface& s, double y_mm) {
  return std::asin(std::clamp((y_mm - s.shape().centre_mm.y) / s.shape().half_height_mm, -0.99, 0.99));
}

// Azimuth in [lo, hi] where `f` (monotonic) crosses `target`.
template <typename F>
double solve_azimuth(F f, double target, double lo, double hi) {
  const bool rising = f(hi) > f(lo);
  for (int i = 0; i < 50; ++i) {
    const double mid = 0.5 * (lo + hi);
    ((f(mid) < target) == rising ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

struct ControlPoint {
  double azimuth, elevation, softness_mm;
};

struct BorderDesign {
  double hairline_height_mm;
  HairlineShape shape;
  double softness_mm;
  double irregularity;
};

// The coverage border of one design on one fitted scalp: elevation and softness at any azimuth,
// before the macro waves. The landmarks' points are placed once; each azimuth then costs a few
// integrations along its meridian.
class Border {
 public:
  Border(const ScalpFit& fit, const BorderDesign& d) : fit_(fit), d_(d) {
    const ScalpSurface& s = fit.surface;
    glabella_elevation_ = s.chart(fit.glabella).elevation;
    const TemplePoints ft = fronto_temporal_points(fit);
    for (int side = 0; side < 2; ++side) {
      const double sign = side == 0 ? 1.0 : -1.0;
      const double ft_azimuth = std::abs(side == 0 ? ft.left_azimuth : ft.right_azimuth);
      const glm::dvec3 canthus = side == 0 ? fit.outer_eye_corner_left : fit.outer_eye_corner_right;
      const double ft_elevation = front_elevation(sign * ft_azimuth, front_height_mm(sign, 1.0));
      const glm::dvec3 ft_point = s.point({sign * ft_azimuth, ft_elevation});
      // The temporal peak: about 5 cm lower, pointing at the eye, well in front of the ear, straight
      // below the fronto-temporal point; the recession between them is never filled
      // (shared/smp-clinical.md). Below it the temple hair runs down to the sideburn.
      const double peak_elevation = elevation_at_height_y(s, std::max(ft_point.y - 45.0, canthus.y + 30.0));
      const double peak_azimuth = std::max(
          solve_azimuth([&](double a) { return s.point({a, peak_elevation}).z; }, ft_point.z, 0.0, M_PI),
          ft_azimuth + 0.05);
      const double recession_azimuth = ft_azimuth + 0.35 * (peak_azimuth - ft_azimuth);
      // The sideburn, just in front of the ear; then over and behind the ear. Each point behind the
      // last, before the nape's azimuth; where the egg is too small for a height or a depth, as near it
      // as it goes (kept a twentieth of its length from its front and back).
      const auto side_elevation = [&](double y_mm) { return std::max(elevation_at_height_y(s, y_mm), kLowestSideElevationRad); };
      const auto azimuth_at = [&](const EarBorderPoint& e, double after) {
        const double elevation = side_elevation(e.y_mm);
        const auto z_at = [&](double a) { return s.point({a, elevation}).z; };
        const double margin_mm = 0.05 * (z_at(0.0) - z_at(M_PI));
        const double a = solve_azimuth(z_at, std::clamp(e.z_mm, z_at(M_PI) + margin_mm, z_at(0.0) - margin_mm), 0.0, M_PI);
        return ControlPoint{std::min(std::max(a, after + 0.05), M_PI - 0.1), elevation, kSideSoftnessMm};
      };
      const ControlPoint sideburn = azimuth_at({canthus.y + 5.0, 12.0}, peak_azimuth);
      const ControlPoint over_ear_front = azimuth_at(kOverEarFront, sideburn.azimuth);
      const ControlPoint over_ear_back = azimuth_at(kOverEarBack, over_ear_front.azimuth);
      const ControlPoint behind_ear = azimuth_at(kBehindEar, over_ear_back.azimuth);
      points_[side] = {{
          {ft_azimuth, ft_elevation, d.softness_mm},
          {recession_azimuth,
           front_elevation(sign * recession_azimuth, front_height_mm(sign, 1.0) + recession_mm(d.shape)), d.softness_mm},
          {peak_azimuth, peak_elevation, kSideSoftnessMm},
          sideburn,
          over_ear_front,
          over_ear_back,
          behind_ear,
          {M_PI, side_elevation(kNapeYMm), kSideSoftnessMm},  // the nape
      }};
    }
  }

  // x: elevation (rad), y: softness (mm).
  std::array<double, 2> at(double azimuth) const {
    const int side = azimuth >= 0.0 ? 0 : 1;
    const double sign = side == 0 ? 1.0 : -1.0, a = std::abs(azimuth);
    const auto& points = points_[side];
    if (a <= points[0].azimuth) return {front_elevation(azimuth, front_height_mm(sign, a / points[0].azimuth)), d_.softness_mm};
    size_t i = 1;
    while (i + 1 < points.size() && a > points[i].azimuth) ++i;
    const ControlPoint &p = points[i - 1], &q = points[i];
    const double t = std::clamp((a - p.azimuth) / std::max(q.azimuth - p.azimuth, 1e-6), 0.0, 1.0);
    return {p.elevation + (q.elevation - p.elevation) * t * t * (3.0 - 2.0 * t),
            p.softness_mm + (q.softness_mm - p.softness_mm) * t};
  }

 private:
  // Height of the front line above the glabella (t: 0 at the centre, 1 at a fronto-temporal point).
  double front_height_mm(double sign, double t) const {
    const double asymmetry_mm = sign * 0.5 * d_.irregularity * kAsymmetryMmAtFullIrregularity;
    return d_.hairline_height_mm + front_rise_mm(d_.shape, t) + asymmetry_mm * t;
  }
  double front_elevation(double azimuth, double height_mm) const {
    return fit_.surface.elevation_at_distance(azimuth, glabella_elevation_, height_mm);
  }

  const ScalpFit& fit_;
  BorderDesign d_;
  double glabella_elevation_ = 0.0;
  std::array<std::array<ControlPoint, 8>, 2> points_{};  // person's left side, right side
};

// A patch as the shaders take it (PatchParams in shaders/shared.h): its centre's direction and tangents
// in normalised egg coordinates, and its extents as angles, from the skin's mm per rad at its centre.
shader::PatchParams patch_params(const ScalpSurface& s, const ScalpPatch& patch) {
  const double az = glm::radians(patch.azimuth_deg), el = glm::radians(patch.elevation_deg);
  const glm::dvec3 centre{std::cos(el) * std::sin(az), std::sin(el), std::cos(el) * std::cos(az)};
  const glm::dvec3 across{std::cos(az), 0.0, -std::sin(az)};
  const glm::dvec3 along = glm::cross(centre, across);  // up the meridian (towards the top)
  // Skin per radian of turning the direction towards each tangent.
  auto mm_per_rad = [&](const glm::dvec3& tangent) {
    constexpr double kAngle = 1e-4;
    auto point_towards = [&](const glm::dvec3& q) {
      const glm::vec2 c = shader::chart_of_direction(glm::vec3(q));
      return s.point({c.x, c.y});
    };
    return glm::length(point_towards(centre * std::cos(kAngle) + tangent * std::sin(kAngle)) -
                       point_towards(centre * std::cos(kAngle) - tangent * std::sin(kAngle))) / (2.0 * kAngle);
  };
  const double half_across_rad = 0.5 * patch.across_mm / mm_per_rad(across);
  const double half_along_rad = 0.5 * patch.along_mm / mm_per_rad(along);
  const double feather = std::clamp(patch.feather_mm / (0.5 * std::min(patch.across_mm, patch.along_mm)), 0.02, 1.0);
  return {.centre = glm::vec4(glm::vec3(centre), 1.0 / half_across_rad),
          .across = glm::vec4(glm::vec3(across), 1.0 / half_along_rad),
          .along = glm::vec4(glm::vec3(along), feather),
          .effect = glm::vec4(patch.density_scale, patch.shade_scale, 0.0f, 0.0f)};
}

}  // namespace

double border_bin_azimuth(int bin) { return -M_PI + (bin + 0.5) * 2.0 * M_PI / shader::BORDER_BINS; }

double mid_frontal_elevation(const ScalpFit& fit, double hairline_height_mm) {
  return fit.surface.elevation_at_distance(0.0, fit.surface.chart(fit.glabella).elevation, hairline_height_mm);
}

TemplePoints fronto_temporal_points(const ScalpFit& fit) {
  // 28 to 53 degrees over the fits skull_limits allows; kept within reach of the front and well ahead
  // of the ears, where the border's later points (temporal peak, sideburn, over the ear) follow it.
  const auto azimuth_of = [&](const glm::dvec3& corner, double side) {
    return side * std::clamp(std::abs(fit.surface.chart(corner).azimuth), glm::radians(15.0), glm::radians(70.0));
  };
  return {azimuth_of(fit.outer_eye_corner_left, 1.0), azimuth_of(fit.outer_eye_corner_right, -1.0)};
}

shader::DesignParams design_params(const SmpDesign& design, const ScalpFit& fit, const FieldSize& field) {
  const ScalpSurface& s = fit.surface;
  shader::DesignParams p{};
  p.chart_centre_taper = s.chart_centre_taper();
  p.chart_radii = s.chart_radii();
  const int session = std::clamp(design.session, 1, design_limits::kSessions) - 1;
  // Sessions are prefixes of the ranked field: each later session adds dots between the earlier ones.
  const double base_share = design.density_per_cm2 * kSessionDotShare[session] / std::max(field.density_per_cm2, 1e-9);
  p.shares = glm::vec4(base_share, kFrontShare, kMicroMmAtFullIrregularity * design.irregularity, 0.0f);
  p.mode = glm::uvec4(design.coverage == Coverage::kHairline ? shader::COVERAGE_HAIRLINE : shader::COVERAGE_DIFFUSE,
                      std::min<std::size_t>(design.scars.size(), shader::MAX_SCAR_PATCHES), field.ranks, 0u);
  p.diffuse_area = patch_params(s, design.diffuse_area);
  for (unsigned i = 0; i < p.mode.y; ++i) p.scars[i] = patch_params(s, design.scars[i]);
  if (design.coverage == Coverage::kHairline) {
    const Border border(fit, {design.hairline_height_mm, design.hairline_shape, design.softness_mm, design.irregularity});
    for (int i = 0; i < shader::BORDER_BINS; ++i) {
      const double azimuth = border_bin_azimuth(i);
      const auto [elevation, softness_mm] = border.at(azimuth);
      const double mm_per_rad = s.meridian_mm_per_rad({azimuth, elevation});
      p.border[i] = glm::vec4(elevation - macro_wave_mm(azimuth, design.irregularity) / mm_per_rad, mm_per_rad,
                              softness_mm, 0.0f);
    }
  }
  return p;
}

std::vector<double> reach_elevations(const ScalpFit& fit) {
  // The lowest border: the lowest hairline, straight; then room for the most irregular line.
  const Border lowest(fit, {design_limits::kMinHairlineHeightMm, HairlineShape::kStraight, 1.0, 0.0});
  constexpr double kIrregularityRoomMm = kMicroMmAtFullIrregularity + 2.5 * kMacroMmAtFullIrregularity +
                                         kAsymmetryMmAtFullIrregularity + 1.0;
  std::vector<double> border(shader::BORDER_BINS);
  for (int i = 0; i < shader::BORDER_BINS; ++i) {
    const double azimuth = border_bin_azimuth(i);
    const double elevation = lowest.at(azimuth)[0];
    border[i] = elevation - kIrregularityRoomMm / fit.surface.meridian_mm_per_rad({azimuth, elevation});
  }
  // The border falls steeply from the front line to the temporal peak, just past the fronto-temporal
  // points, whose azimuths follow the eye corners: 40.7 degrees on the adult mean, 28.5 to 52.8 over
  // the fits skull_limits allows. A field built on one scalp and moved to another fit
  // (Preview::set_scalp) must still reach that fit's temples, so each bin reaches as low as its
  // neighbours within kAzimuthRoomDeg.
  constexpr double kAzimuthRoomDeg = 13.0;
  const int room = int(std::ceil(kAzimuthRoomDeg * shader::BORDER_BINS / 360.0));
  std::vector<double> reach(shader::BORDER_BINS);
  for (int i = 0; i < shader::BORDER_BINS; ++i) {
    reach[i] = border[i];
    for (int k = -room; k <= room; ++k) reach[i] = std::min(reach[i], border[(i + k + shader::BORDER_BINS) % shader::BORDER_BINS]);
  }
  return reach;
}

}  // namespace smp
