#pragma once
// How many impressions a design takes, counted on the same ranked dot field and with the same
// per-dot choice (shaders/scalp_design.h) that the preview draws: session by session, and how many
// sessions that makes at 10,000-15,000 impressions each (shared/smp-clinical.md, "The dots").
#include <array>
#include <cstdint>
#include <span>

#include "dots/dot.h"
#include "scalp/coverage.h"
#include "scalp/design.h"

namespace smp {

inline constexpr std::uint64_t kMostImpressionsPerSession = 15000;

struct ImpressionEstimate {
  std::array<std::uint64_t, design_limits::kSessions> added_in_session{};  // session 1, 2, 3
  std::uint64_t total = 0;
  double area_cm2 = 0.0;  // skin the design covers at all
  // Each session's layer in sittings of at most kMostImpressionsPerSession: the first, largest layer
  // of a whole scalp may need two.
  std::array<int, design_limits::kSessions> sittings_for_session{};
  int recommended_sessions = design_limits::kSessions;
};

// `field`: the ranked dots on `fit`'s scalp, at `field_density_per_cm2` (densest_per_cm2(design) or more).
// `drawn_on`: the scalp refitted to the head's outline that the preview draws the field on
// (Preview::set_scalp), when there is one: the dots are counted where it puts them. The field's density
// there differs from its own by the two scalps' ratio of skin area, a few percent.
ImpressionEstimate estimate_impressions(const SmpDesign& design, std::span<const Dot> field, const ScalpFit& fit,
                                        double field_density_per_cm2, const ScalpFit* drawn_on = nullptr);

}  // namespace smp
