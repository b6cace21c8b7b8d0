#pragma once
// From the practitioner's design and the fitted scalp to the numbers the shaders evaluate per dot
// (shaders/scalp_design.h): the coverage border per azimuth (front hairline with its shape, temple
// points from the outer eye corners, borders above the ears and at the nape), patches, shares of the
// ranked field. Building them takes well under a millisecond, so every slider works on the next frame.
#include <cstdint>
#include <vector>

#include "scalp/design.h"
#include "scalp/scalp_fit.h"
#include "shared.h"

namespace smp {

// The ranked dot field the design draws from: its density (the most any slider may ask for) and size.
struct FieldSize {
  double density_per_cm2 = 0.0;
  std::uint32_t ranks = 0;
};

shader::DesignParams design_params(const SmpDesign& design, const ScalpFit& fit, const FieldSize& field);

// The chart azimuth (radians) at the centre of border bin `bin` (shaders/shared.h, BORDER_BINS).
double border_bin_azimuth(int bin);

// Per azimuth bin, the lowest elevation that any design within design_limits can cover: the dot field
// must reach this far so that no slider ever needs a new field.
std::vector<double> reach_elevations(const ScalpFit& fit);

// The fronto-temporal points (where the front hairline turns back into the temple recession), chart
// azimuth of the person's left and right one: on the meridians through the outer eye corners, the
// egg's own "vertical through the lateral canthus" (shared/smp-clinical.md). The egg is narrower than
// a skull at the front of its top, so at the hairline the point lies ~13 mm inside the corner's
// breadth (x ~32 mm on the adult mean, against 45 at the corner).
struct TemplePoints {
  double left_azimuth = 0.0, right_azimuth = 0.0;
};
TemplePoints fronto_temporal_points(const ScalpFit& fit);

// Elevation of the mid-frontal point: `hairline_height_mm` above the glabella along the forehead.
double mid_frontal_elevation(const ScalpFit& fit, double hairline_height_mm);

}  // namespace smp
