#pragma once
// A simple dot field over the top of the demo head, until the fitted scalp model and the designed
// hairline replace it: uniform random dots at a given density over the scalp region of the mesh.
#include <cstdint>
#include <vector>

#include "capture/surface_nets.h"
#include "dots/dot.h"

namespace smp {

// True for head-frame points that the demo design covers: above a hairline ~75 mm over the glabella
// in front (the "conservative" end of shared/smp-clinical.md), and above the ears at the sides and back.
bool in_demo_scalp_region(const glm::vec3& p_mm);

// Dots on `head` inside the demo scalp region, `density_per_cm2` on average, sorted spatially,
// ranked in random order. Same seed, same field.
std::vector<Dot> build_demo_dot_field(const TriangleMesh& head, double density_per_cm2, std::uint64_t seed);

// Surface area of the demo scalp region, cm^2.
double demo_scalp_area_cm2(const TriangleMesh& head);

}  // namespace smp
