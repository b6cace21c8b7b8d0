#include "app/design_settings.h"

#include <algorithm>
#include <cmath>

namespace smp {

SplatSettings splat_settings_for(const SmpDesign& design, std::uint32_t dot_count) {
  const int session = std::clamp(design.session, 1, design_limits::kSessions) - 1;
  // Healed dots: pigment spreads a little and softens as water leaves it, and reads a little lighter
  // (shared/smp-clinical.md, "The dots").
  constexpr float kHealedGrowth = 1.15f, kHealedSoftness = 1.35f, kHealedLightening = 0.85f;
  SplatSettings s;
  s.dot_diameter_mm = float(design.dot_diameter_mm) * (design.healed ? kHealedGrowth : 1.0f);
  s.softness = design.healed ? kHealedSoftness : 1.0f;
  s.shade = float(design.shade * kSessionShadeScale[session]) * (design.healed ? kHealedLightening : 1.0f);
  // The ranked field keeps its spacing at any threshold, so an earlier session is the sparser prefix.
  s.visible_rank_limit = static_cast<std::uint32_t>(std::llround(dot_count * kSessionDotShare[session]));
  return s;
}

}  // namespace smp
