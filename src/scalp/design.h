#pragma once
// What the practitioner designs, in the units of shared/smp-clinical.md. The scalp shape, the
// hairline and coverage regions join this as they are built.
namespace smp {

struct SmpDesign {
  double density_per_cm2 = 80.0;  // impressions per cm^2 after the last session; clinical range ~20-150
  double dot_diameter_mm = 0.5;   // healed impressions are ~0.3-0.8 mm
  double shade = 0.5;             // 0 lightest (most diluted) .. 1 darkest
  int session = 3;                // show the result after session 1, 2 or 3
  bool healed = false;            // healed dots: slightly larger, softer and lighter than fresh ones
};

// The ranges every way of setting a design (flags, files, sliders) accepts.
namespace design_limits {
inline constexpr double kMinDensityPerCm2 = 5.0, kMaxDensityPerCm2 = 400.0;
inline constexpr double kMinDotDiameterMm = 0.1, kMaxDotDiameterMm = 2.0;
inline constexpr double kMinShade = 0.0, kMaxShade = 1.0;
inline constexpr int kSessions = 3;
}  // namespace design_limits

// Sessions (shared/smp-clinical.md: start light, then darken and densify): the share of the designed
// dots placed by the end of each session, and how dark the pigment reads then.
inline constexpr double kSessionDotShare[design_limits::kSessions] = {0.5, 0.8, 1.0};
inline constexpr double kSessionShadeScale[design_limits::kSessions] = {0.6, 0.85, 1.0};

}  // namespace smp
