#pragma once
// Blue-noise ordering of points on a surface by weighted sample elimination (Cem Yuksel, "Sample
// Elimination for Generating Poisson Disk Sample Sets", Eurographics 2015), in its progressive form:
// every prefix of the returned order is itself well spaced, so a lower density is a rank threshold.
#include <cstdint>
#include <span>
#include <vector>

#include <glm/glm.hpp>

namespace smp {

// Picks `keep` of `candidates` (3D points on a surface of `area_mm2`; 4-6 times as many candidates as
// kept work best) and orders them: the returned indices, best spaced prefix first. Distances are
// straight-line (chords), which on a scalp differ from distances along the skin by far less than a
// dot spacing.
std::vector<std::uint32_t> eliminate_to_blue_noise(std::span<const glm::vec3> candidates, std::size_t keep,
                                                   double area_mm2);

// The spacing of a hexagonal packing at `density_per_mm2`: the ideal that blue noise approaches.
double ideal_spacing_mm(double density_per_mm2);

}  // namespace smp
