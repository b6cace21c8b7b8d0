#pragma once
// From the practitioner's design to the splat engine's per-frame settings: sessions and the healed
// look are rank thresholds and shader values, so changing them takes effect on the next frame.
#include <cstdint>

#include "gpu/splat_renderer.h"
#include "scalp/design.h"

namespace smp {

// `dot_count`: the dots of the full design (all sessions), ranked.
SplatSettings splat_settings_for(const SmpDesign& design, std::uint32_t dot_count);

}  // namespace smp
