#pragma once
// From the practitioner's design to the splat engine's per-frame settings: coverage, density, sessions
// and the healed look are shader values, so changing any of them takes effect on the next frame.
#include "gpu/splat_renderer.h"
#include "scalp/coverage.h"
#include "scalp/design.h"

namespace smp {

// `field`: the ranked dot field on `fit`'s scalp that the design draws from.
SplatSettings splat_settings_for(const SmpDesign& design, const ScalpFit& fit, const FieldSize& field);

}  // namespace smp
