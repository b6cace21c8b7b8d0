#pragma once
// One pigment impression, as the dot stages build it, and its 16-byte GPU form (shaders/shared.h).
#include <cstdint>
#include <span>
#include <vector>

#include <glm/glm.hpp>

#include "shared.h"

namespace smp {

struct Dot {
  glm::vec3 position_mm{0.0f};       // head frame (src/tracking/head_pose.h)
  glm::vec3 normal{0.0f, 1.0f, 0.0f};  // unit, outward from the scalp
  float diameter_jitter = 0.0f;      // -1..1, scaled by DOT_DIAMETER_JITTER_RANGE on the GPU
  float darkness_jitter = 0.0f;      // -1..1, scaled by DOT_DARKNESS_JITTER_RANGE
  std::uint8_t session = 0;          // 0-based treatment session that places this dot
  std::uint32_t rank = 0;            // drawn when rank < visible rank limit
};

shader::GpuDot pack_dot(const Dot& dot);
Dot unpack_dot(const shader::GpuDot& packed);
std::vector<shader::GpuDot> pack_dots(std::span<const Dot> dots);

// Reorders dots along a 3D Morton (Z-order) curve of their positions. Neighbours in memory are then
// neighbours on the head and on screen, which makes the splat pass's atomics hit the same cache lines
// (Schuetz et al. 2021: point order dominates software-rasterisation speed).
void sort_spatially(std::vector<Dot>& dots);

}  // namespace smp
