#include "app/impression_estimate.h"

#include "app/design_settings.h"
#include "scalp_design.h"

namespace smp {

ImpressionEstimate estimate_impressions(const SmpDesign& design, std::span<const Dot> field, const ScalpFit& fit,
                                        double field_density_per_cm2, const ScalpFit* drawn_on) {
  const ScalpFit& scalp = drawn_on ? *drawn_on : fit;
  const DrawnScalp moved = drawn_scalp(fit.surface, scalp.surface);
  const FieldSize size{.density_per_cm2 = field_density_per_cm2, .ranks = std::uint32_t(field.size())};
  ImpressionEstimate e;
  std::uint64_t before = 0, covered = 0;
  for (int session = 1; session <= design_limits::kSessions; ++session) {
    SmpDesign layer = design;
    layer.session = session;
    const shader::DesignParams params = splat_settings_for(layer, scalp, size).design;
    std::uint64_t drawn = 0;
    covered = 0;
    for (const Dot& dot : field) {
      const glm::vec2 choice = shader::dot_design(params, moved.place(dot.position_mm), dot.rank);
      drawn += shader::rank_drawn(dot.rank, params.mode.z, choice.x);
      covered += choice.x > 0.0f;
    }
    e.added_in_session[size_t(session - 1)] = drawn - std::min(drawn, before);
    before = drawn;
  }
  e.total = before;
  e.area_cm2 = double(covered) / field_density_per_cm2;
  e.recommended_sessions = 0;
  for (size_t s = 0; s < e.added_in_session.size(); ++s) {
    e.sittings_for_session[s] = std::max(1, int((e.added_in_session[s] + kMostImpressionsPerSession - 1) / kMostImpressionsPerSession));
    e.recommended_sessions += e.sittings_for_session[s];
  }
  return e;
}

}  // namespace smp
