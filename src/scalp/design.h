#pragma once
// What the practitioner designs, in the units of shared/smp-clinical.md, whose numbers are the defaults
// and the ranges. Places on the scalp are given in the scalp chart of src/scalp/scalp_surface.h.
#include <algorithm>
#include <vector>

namespace smp {

enum class Coverage {
  kHairline,         // a front hairline, and borders above the ears and at the nape (Norwood patterns)
  kDiffuseThinning,  // density added over one area and no hairline (women, early thinning)
};

enum class HairlineShape { kStraight, kRounded, kRecededTemples, kFrontalPeak };

// An elliptical area of the scalp: the diffuse-thinning area, or a scar (a transplant strip across the
// back, a burn, any patch) with its own density and shade.
struct ScalpPatch {
  double azimuth_deg = 180.0;   // centre, chart azimuth: 0 front, 90 over the left ear, 180 back
  double elevation_deg = 10.0;  // centre, chart elevation: ~0 at brow level, 90 at the top
  double across_mm = 150.0;     // extent along the skin around the head (along the parallel)
  double along_mm = 15.0;       // extent along the skin from front to back or up and down (meridian)
  double feather_mm = 4.0;      // the soft rim, inside the extent
  double density_scale = 1.3;   // x the design density inside (scars take denser pigment)
  double shade_scale = 1.0;     // x the ink of each dot inside (> 1 darker)

  bool operator==(const ScalpPatch&) const = default;
};

struct SmpDesign {
  Coverage coverage = Coverage::kHairline;
  // Mid-frontal point above the glabella along the forehead: ~70 aggressive or young, 100 conservative;
  // 80 is one published method's mark.
  double hairline_height_mm = 80.0;
  HairlineShape hairline_shape = HairlineShape::kRounded;
  double softness_mm = 10.0;    // depth of the transition zone from sparse to full density
  double irregularity = 0.5;    // 0 a ruled line .. 1 strong waves and scattered single dots
  // The top of the head from behind the hairline to the crown (a Ludwig pattern); the hairline stays.
  ScalpPatch diffuse_area{.azimuth_deg = 0.0, .elevation_deg = 85.0, .across_mm = 110.0, .along_mm = 120.0,
                          .feather_mm = 25.0, .density_scale = 1.0, .shade_scale = 1.0};
  std::vector<ScalpPatch> scars{};

  double density_per_cm2 = 80.0;  // impressions per cm^2 after the last session; clinical range ~20-150
  double dot_diameter_mm = 0.5;   // healed impressions are ~0.3-0.8 mm
  double shade = 0.5;             // 0 lightest (most diluted) .. 1 darkest
  int session = 3;                // show the result after session 1, 2 or 3
  bool healed = false;            // healed dots: slightly larger, softer and lighter than fresh ones

  bool operator==(const SmpDesign&) const = default;
};

// The most impressions per cm^2 the design asks for anywhere (scars and the diffuse area may be
// denser than the rest): the density a dot field must have to show it.
inline double densest_per_cm2(const SmpDesign& design) {
  double densest = design.density_per_cm2;
  if (design.coverage == Coverage::kDiffuseThinning) densest = std::max(densest, design.density_per_cm2 * design.diffuse_area.density_scale);
  for (const ScalpPatch& scar : design.scars) densest = std::max(densest, design.density_per_cm2 * scar.density_scale);
  return densest;
}

// The ranges every way of setting a design (flags, files, sliders) accepts.
namespace design_limits {
inline constexpr double kMinDensityPerCm2 = 5.0, kMaxDensityPerCm2 = 400.0;
inline constexpr double kMinDotDiameterMm = 0.1, kMaxDotDiameterMm = 2.0;
inline constexpr double kMinShade = 0.0, kMaxShade = 1.0;
inline constexpr int kSessions = 3;
inline constexpr double kMinHairlineHeightMm = 55.0, kMaxHairlineHeightMm = 120.0;
inline constexpr double kMinSoftnessMm = 1.0, kMaxSoftnessMm = 30.0;
inline constexpr double kMinPatchMm = 5.0, kMaxPatchMm = 400.0;
inline constexpr double kMaxDensityScale = 3.0, kMaxShadeScale = 3.0;
inline constexpr unsigned kMaxScars = 4;  // shaders/shared.h MAX_SCAR_PATCHES
}  // namespace design_limits

// Sessions (shared/smp-clinical.md: start light, then darken and densify): the share of the designed
// dots placed by the end of each session, and how dark the pigment reads then.
inline constexpr double kSessionDotShare[design_limits::kSessions] = {0.5, 0.8, 1.0};
inline constexpr double kSessionShadeScale[design_limits::kSessions] = {0.6, 0.85, 1.0};

}  // namespace smp
