#include <algorithm>
#include <cmath>

#include "dots/dot.h"

namespace smp {
namespace {

using shader::DOT_POSITION_STEP_MM;

std::uint32_t to_int16_bits(float mm) {
  const float steps = std::round(mm / DOT_POSITION_STEP_MM);
  return std::uint32_t(std::int32_t(std::clamp(steps, -32768.0f, 32767.0f))) & 0xffffu;
}
float from_int16_bits(std::uint32_t bits) { return float(std::int16_t(bits & 0xffffu)) * DOT_POSITION_STEP_MM; }

std::uint32_t to_snorm8(float v) { return std::uint32_t(std::int32_t(std::round(std::clamp(v, -1.0f, 1.0f) * 127.0f))) & 0xffu; }
float from_snorm8(std::uint32_t bits) { return std::max(float(std::int8_t(bits & 0xffu)) / 127.0f, -1.0f); }

// -1..1 as 1..255 with 0 at exactly 128, so "no jitter" stays exact; the GPU decodes in dot_jitter().
std::uint32_t to_jitter_byte(float v) { return std::uint32_t(std::lround(std::clamp(v, -1.0f, 1.0f) * 127.0f) + 128); }
float from_jitter_byte(std::uint32_t bits) { return (float(bits & 0xffu) - 128.0f) / 127.0f; }

// Octahedral encoding (Cigolle et al. 2014); the decoder is dot_normal() in shaders/dot_common.glsl.
glm::vec2 octahedral(glm::vec3 n) {
  n /= std::abs(n.x) + std::abs(n.y) + std::abs(n.z);
  glm::vec2 e(n.x, n.y);
  if (n.z < 0.0f)
    e = (1.0f - glm::abs(glm::vec2(n.y, n.x))) * glm::vec2(n.x >= 0.0f ? 1.0f : -1.0f, n.y >= 0.0f ? 1.0f : -1.0f);
  return e;
}
glm::vec3 from_octahedral(glm::vec2 e) {
  glm::vec3 n(e, 1.0f - std::abs(e.x) - std::abs(e.y));
  if (n.z < 0.0f) {
    const glm::vec2 folded = (1.0f - glm::abs(glm::vec2(n.y, n.x))) *
                             glm::vec2(n.x >= 0.0f ? 1.0f : -1.0f, n.y >= 0.0f ? 1.0f : -1.0f);
    n.x = folded.x;
    n.y = folded.y;
  }
  return glm::normalize(n);
}

std::uint64_t spread_bits_3d(std::uint64_t v) {  // 21 bits -> every third bit
  v &= 0x1fffff;
  v = (v | v << 32) & 0x1f00000000ffffull;
  v = (v | v << 16) & 0x1f0000ff0000ffull;
  v = (v | v << 8) & 0x100f00f00f00f00full;
  v = (v | v << 4) & 0x10c30c30c30c30c3ull;
  v = (v | v << 2) & 0x1249249249249249ull;
  return v;
}

}  // namespace

shader::GpuDot pack_dot(const Dot& d) {
  const glm::vec2 e = octahedral(d.normal);
  return {{to_int16_bits(d.position_mm.x) | to_int16_bits(d.position_mm.y) << 16,
           to_int16_bits(d.position_mm.z) | to_snorm8(e.x) << 16 | to_snorm8(e.y) << 24, d.rank,
           to_jitter_byte(d.diameter_jitter) | to_jitter_byte(d.darkness_jitter) << 8 | std::uint32_t(d.session) << 16}};
}

Dot unpack_dot(const shader::GpuDot& p) {
  Dot d;
  d.position_mm = {from_int16_bits(p.words[0]), from_int16_bits(p.words[0] >> 16), from_int16_bits(p.words[1])};
  d.normal = from_octahedral({from_snorm8(p.words[1] >> 16), from_snorm8(p.words[1] >> 24)});
  d.rank = p.words[2];
  d.diameter_jitter = from_jitter_byte(p.words[3]);
  d.darkness_jitter = from_jitter_byte(p.words[3] >> 8);
  d.session = std::uint8_t(p.words[3] >> 16);
  return d;
}

std::vector<shader::GpuDot> pack_dots(std::span<const Dot> dots) {
  std::vector<shader::GpuDot> packed(dots.size());
  std::transform(dots.begin(), dots.end(), packed.begin(), pack_dot);
  return packed;
}

void sort_spatially(std::vector<Dot>& dots) {
  // 0.25 mm cells over a 1 m cube centred on the head origin: finer than any dot spacing.
  auto key = [](const Dot& d) {
    const glm::u64vec3 q(glm::clamp((d.position_mm + 512.0f) * 4.0f, 0.0f, 2097151.0f));
    return spread_bits_3d(q.x) | spread_bits_3d(q.y) << 1 | spread_bits_3d(q.z) << 2;
  };
  std::vector<std::pair<std::uint64_t, std::uint32_t>> keys(dots.size());
  for (std::uint32_t i = 0; i < dots.size(); ++i) keys[i] = {key(dots[i]), i};
  std::sort(keys.begin(), keys.end());
  std::vector<Dot> sorted(dots.size());
  for (size_t i = 0; i < keys.size(); ++i) sorted[i] = dots[keys[i].second];
  dots.swap(sorted);
}

}  // namespace smp
