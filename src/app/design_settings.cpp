#include "app/design_settings.h"

#include <algorithm>

namespace smp {

SplatSettings splat_settings_for(const SmpDesign& design, const ScalpFit& fit, const FieldSize& field) {
  const int session = std::clamp(design.session, 1, design_limits::kSessions) - 1;
  // Healed dots: pigment spreads a little and softens as water leaves it, and the body clears some of
  // it, so they read a little lighter (shared/smp-clinical.md, "The dots"): the same pigment, less
  // of it, over a larger dot.
  constexpr float kHealedGrowth = 1.15f, kHealedSoftness = 1.35f, kHealedPigmentKept = 0.85f;
  SplatSettings s;
  s.dot_diameter_mm = float(design.dot_diameter_mm) * (design.healed ? kHealedGrowth : 1.0f);
  s.softness = design.healed ? kHealedSoftness : 1.0f;
  s.pigment_per_area = design.healed ? kHealedPigmentKept / (kHealedGrowth * kHealedGrowth) : 1.0f;
  s.shade = float(design.shade * kSessionShadeScale[session]);
  s.design = design_params(design, fit, field);
  return s;
}

DrawnScalp drawn_scalp(const ScalpSurface& field, const ScalpSurface& drawn) {
  if (field.shape() == drawn.shape()) return {};
  return {field.chart_centre_taper(), field.chart_radii(), drawn.chart_centre_taper(), drawn.chart_radii()};
}

}  // namespace smp
