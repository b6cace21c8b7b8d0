#pragma once
// The dot field: blue noise (no two dots closer than a minimum spacing) over everything the design can
// reach on the fitted scalp, at the highest density any slider may ask for, ranked so that any lower
// density is a rank threshold and the dots that remain are still well spaced. Built only when the head
// model changes, off the frame loop; the design then chooses dots by rank in the shader.
#include <cstdint>
#include <span>
#include <vector>

#include "dots/dot.h"
#include "scalp/scalp_surface.h"

namespace smp {

// Where the field lies: the scalp, above `reach_elevations` (one per border bin, shaders/shared.h,
// interpolated between bin centres as the shaders do).
struct FieldRegion {
  const ScalpSurface& surface;
  std::span<const double> reach_elevations;

  bool contains(ChartPoint c, double margin_rad = 0.0) const;
  double area_cm2() const;
};

// `density_per_cm2` on average, sorted spatially, ranked progressively. Same seed, same field.
std::vector<Dot> build_scalp_dot_field(const FieldRegion& region, double density_per_cm2, std::uint64_t seed);

// Uniform random dots instead of blue noise, at any count, ranked in random order: for benchmarks of
// tens of millions of dots, where sample elimination would take minutes and the splat costs the same.
std::vector<Dot> build_random_scalp_dot_field(const FieldRegion& region, double density_per_cm2, std::uint64_t seed);

}  // namespace smp
