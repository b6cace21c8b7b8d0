#pragma once
// Turns a signed distance function into a smooth triangle mesh (naive surface nets: one vertex per
// grid cell that the surface crosses, one quad per grid edge that it crosses). Needs no lookup tables,
// and normals come from the field's gradient, so a coarse grid still shades smoothly.
#include <cstdint>
#include <functional>
#include <vector>

#include <glm/glm.hpp>

namespace smp {

struct TriangleMesh {
  std::vector<glm::vec3> positions;  // mm
  std::vector<glm::vec3> normals;    // unit, outward
  std::vector<std::uint32_t> indices;  // counter-clockwise seen from outside
};

// Negative inside, positive outside, in millimetres (an approximate distance is fine).
using SignedDistance = std::function<float(const glm::vec3&)>;

struct SurfaceNetsGrid {
  glm::vec3 min_corner_mm;
  glm::vec3 max_corner_mm;
  float cell_mm;
};

TriangleMesh build_surface_nets(const SignedDistance& sdf, const SurfaceNetsGrid& grid);

// Outward unit normal of the field at p (central differences).
glm::vec3 sdf_normal(const SignedDistance& sdf, const glm::vec3& p, float step_mm = 0.25f);

}  // namespace smp
