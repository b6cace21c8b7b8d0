#pragma once
// From the practitioner's design to the splat engine's per-frame settings: coverage, density, sessions
// and the healed look are shader values, so changing any of them takes effect on the next frame.
#include "gpu/splat_renderer.h"
#include "scalp/coverage.h"
#include "scalp/design.h"

namespace smp {

// `field`: the ranked dot field on `fit`'s scalp that the design draws from.
SplatSettings splat_settings_for(const SmpDesign& design, const ScalpFit& fit, const FieldSize& field);

// A dot field built on `field`'s scalp, drawn on `drawn`'s (a scalp refitted to the head's outline);
// the default DrawnScalp, which moves nothing, when they are the same.
DrawnScalp drawn_scalp(const ScalpSurface& field, const ScalpSurface& drawn);

}  // namespace smp
