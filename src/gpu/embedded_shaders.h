#pragma once
// SPIR-V compiled from shaders/ at build time (cmake/shaders.cmake); one span per shader file.
#include <cstdint>
#include <span>

namespace smp::spirv {
extern const std::span<const std::uint32_t> select_comp;
extern const std::span<const std::uint32_t> cluster_bounds_comp;
extern const std::span<const std::uint32_t> cull_comp;
extern const std::span<const std::uint32_t> splat_comp;
extern const std::span<const std::uint32_t> composite_comp;
extern const std::span<const std::uint32_t> minimal_splat_comp;
extern const std::span<const std::uint32_t> head_vert;
extern const std::span<const std::uint32_t> head_frag;
extern const std::span<const std::uint32_t> points_vert;
extern const std::span<const std::uint32_t> points_frag;
}  // namespace smp::spirv
