#pragma once
// A dot field over the top of the demo head, until the fitted scalp model and the designed hairline
// replace it: blue noise (well spaced, ranked so that any lower density is a rank threshold) at a
// given density over the scalp region of the mesh.
#include <cstdint>
#include <vector>

#include "capture/surface_nets.h"
#include "dots/dot.h"

namespace smp {

// True for head-frame points that the demo design covers: above a hairline ~75 mm over the glabella
// in front (the "conservative" end of shared/smp-clinical.md), and above the ears at the sides and back.
// `margin_mm` grows the region past its border.
bool in_demo_scalp_region(const glm::vec3& p_mm, float margin_mm = 0.0f);

// Dots on `head` inside the demo scalp region, `density_per_cm2` on average, sorted spatially,
// ranked progressively (each rank prefix well spaced). Same seed, same field.
std::vector<Dot> build_demo_dot_field(const TriangleMesh& head, double density_per_cm2, std::uint64_t seed);

// Uniform random dots instead of blue noise, at any count: for benchmarks of tens of millions of dots,
// where sample elimination would take minutes and the splat's cost is the same.
std::vector<Dot> build_random_demo_dot_field(const TriangleMesh& head, double density_per_cm2, std::uint64_t seed);

// Surface area of the demo scalp region, cm^2.
double demo_scalp_area_cm2(const TriangleMesh& head);

}  // namespace smp
