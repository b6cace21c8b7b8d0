#include "capture/surface_nets.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace smp {

glm::vec3 sdf_normal(const SignedDistance& sdf, const glm::vec3& p, float h) {
  const glm::vec3 g(sdf(p + glm::vec3(h, 0, 0)) - sdf(p - glm::vec3(h, 0, 0)),
                    sdf(p + glm::vec3(0, h, 0)) - sdf(p - glm::vec3(0, h, 0)),
                    sdf(p + glm::vec3(0, 0, h)) - sdf(p - glm::vec3(0, 0, h)));
  const float length = glm::length(g);
  return length > 0.0f ? g / length : glm::vec3(0, 1, 0);
}

TriangleMesh build_surface_nets(const SignedDistance& sdf, const SurfaceNetsGrid& grid) {
  const glm::ivec3 n = glm::ivec3(glm::ceil((grid.max_corner_mm - grid.min_corner_mm) / grid.cell_mm)) + 1;
  auto corner = [&](int x, int y, int z) { return grid.min_corner_mm + glm::vec3(x, y, z) * grid.cell_mm; };
  auto index = [&](int x, int y, int z) { return (static_cast<size_t>(z) * n.y + y) * n.x + x; };

  // Sample the field at every grid corner, but only near the surface: the field is first sampled at the
  // centres of blocks of kBlock^3 cells, and a block whose centre is far from the surface (with a
  // safety factor of 2 for fields that are only approximate distances) holds no surface, so its corners
  // only need the right sign. No surface crosses an edge at such a corner, so no vertex moves.
  constexpr int kBlock = 4;
  const glm::ivec3 blocks = (n - 1 + kBlock - 1) / kBlock;
  const float far_mm = 2.0f * (0.5f * std::sqrt(3.0f) * kBlock + 1.0f) * grid.cell_mm;
  std::vector<float> block_centre(static_cast<size_t>(blocks.x) * blocks.y * blocks.z);
  auto block_index = [&](int x, int y, int z) { return (static_cast<size_t>(z) * blocks.y + y) * blocks.x + x; };
  for (int z = 0; z < blocks.z; ++z)
    for (int y = 0; y < blocks.y; ++y)
      for (int x = 0; x < blocks.x; ++x)
        block_centre[block_index(x, y, z)] = sdf(corner(x * kBlock, y * kBlock, z * kBlock) + 0.5f * kBlock * grid.cell_mm);
  // A corner on a block boundary belongs to up to two blocks per axis; it is sampled if any is near.
  auto near_surface = [&](int x, int y, int z) {
    for (int bz = std::max(0, (z - 1) / kBlock); bz <= std::min(blocks.z - 1, z / kBlock); ++bz)
      for (int by = std::max(0, (y - 1) / kBlock); by <= std::min(blocks.y - 1, y / kBlock); ++by)
        for (int bx = std::max(0, (x - 1) / kBlock); bx <= std::min(blocks.x - 1, x / kBlock); ++bx)
          if (std::abs(block_centre[block_index(bx, by, bz)]) <= far_mm) return true;
    return false;
  };
  std::vector<float> field(static_cast<size_t>(n.x) * n.y * n.z);
  for (int z = 0; z < n.z; ++z)
    for (int y = 0; y < n.y; ++y)
      for (int x = 0; x < n.x; ++x) {
        const float far_sign = block_centre[block_index(std::min(x / kBlock, blocks.x - 1), std::min(y / kBlock, blocks.y - 1),
                                                        std::min(z / kBlock, blocks.z - 1))] < 0.0f ? -far_mm : far_mm;
        field[index(x, y, z)] = near_surface(x, y, z) ? sdf(corner(x, y, z)) : far_sign;
      }

  // One vertex per cell with a sign change: the mean of its edges' zero crossings.
  constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();
  std::vector<std::uint32_t> cell_vertex(field.size(), kNone);
  TriangleMesh mesh;
  static constexpr std::array<std::array<int, 2>, 12> kEdges{{{0, 1}, {2, 3}, {4, 5}, {6, 7}, {0, 2}, {1, 3},
                                                              {4, 6}, {5, 7}, {0, 4}, {1, 5}, {2, 6}, {3, 7}}};
  for (int z = 0; z + 1 < n.z; ++z)
    for (int y = 0; y + 1 < n.y; ++y)
      for (int x = 0; x + 1 < n.x; ++x) {
        std::array<float, 8> d;
        int inside = 0;
        for (int c = 0; c < 8; ++c) {
          d[c] = field[index(x + (c & 1), y + ((c >> 1) & 1), z + ((c >> 2) & 1))];
          inside += d[c] < 0.0f;
        }
        if (inside == 0 || inside == 8) continue;
        glm::vec3 sum(0.0f);
        int crossings = 0;
        for (const auto& e : kEdges) {
          if ((d[e[0]] < 0.0f) == (d[e[1]] < 0.0f)) continue;
          const float t = d[e[0]] / (d[e[0]] - d[e[1]]);
          const glm::vec3 a(e[0] & 1, (e[0] >> 1) & 1, (e[0] >> 2) & 1);
          const glm::vec3 b(e[1] & 1, (e[1] >> 1) & 1, (e[1] >> 2) & 1);
          sum += glm::mix(a, b, t);
          ++crossings;
        }
        glm::vec3 p = corner(x, y, z) + (sum / float(crossings)) * grid.cell_mm;
        // Two Newton steps onto the zero set, so the mesh lies on the surface rather than near it.
        for (int step = 0; step < 2; ++step) p -= sdf_normal(sdf, p) * sdf(p);
        cell_vertex[index(x, y, z)] = static_cast<std::uint32_t>(mesh.positions.size());
        mesh.positions.push_back(p);
        mesh.normals.push_back(sdf_normal(sdf, p));
      }

  // One quad per grid edge with a sign change, joining the four cells that share the edge.
  auto quad = [&](size_t a, size_t b, size_t c, size_t d2, bool flip) {
    const std::uint32_t v[4] = {cell_vertex[a], cell_vertex[b], cell_vertex[c], cell_vertex[d2]};
    if (v[0] == kNone || v[1] == kNone || v[2] == kNone || v[3] == kNone) return;
    if (flip)
      mesh.indices.insert(mesh.indices.end(), {v[0], v[2], v[1], v[1], v[2], v[3]});
    else
      mesh.indices.insert(mesh.indices.end(), {v[0], v[1], v[2], v[1], v[3], v[2]});
  };
  for (int z = 1; z + 1 < n.z; ++z)
    for (int y = 1; y + 1 < n.y; ++y)
      for (int x = 1; x + 1 < n.x; ++x) {
        const bool inside = field[index(x, y, z)] < 0.0f;
        if (x + 1 < n.x && inside != (field[index(x + 1, y, z)] < 0.0f))  // edge along +x
          quad(index(x, y - 1, z - 1), index(x, y, z - 1), index(x, y - 1, z), index(x, y, z), !inside);
        if (y + 1 < n.y && inside != (field[index(x, y + 1, z)] < 0.0f))  // edge along +y
          quad(index(x - 1, y, z - 1), index(x - 1, y, z), index(x, y, z - 1), index(x, y, z), !inside);
        if (z + 1 < n.z && inside != (field[index(x, y, z + 1)] < 0.0f))  // edge along +z
          quad(index(x - 1, y - 1, z), index(x, y - 1, z), index(x - 1, y, z), index(x, y, z), !inside);
      }
  return mesh;
}

}  // namespace smp
