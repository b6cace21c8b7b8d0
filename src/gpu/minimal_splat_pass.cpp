#include "gpu/minimal_splat_pass.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>

#include "gpu/embedded_shaders.h"

namespace smp {
namespace {

constexpr std::array<BufferBinding, 3> kBindings{{{shader::BINDING_FRAME_PARAMS, vk::DescriptorType::eUniformBuffer},
                                                  {shader::BINDING_DOTS, vk::DescriptorType::eStorageBuffer},
                                                  {shader::BINDING_INK, vk::DescriptorType::eStorageBuffer}}};
constexpr int kTilePx = 16;  // screen tiles of the dots' order

}  // namespace

MinimalSplatPass::MinimalSplatPass(const Gpu& gpu, const FrameTargets& targets)
    : gpu_(gpu), targets_(targets), pipeline_(gpu, spirv::minimal_splat_comp, kBindings) {
  pipeline_.descriptors().bind(gpu, shader::BINDING_FRAME_PARAMS, targets.params.handle());
  pipeline_.descriptors().bind(gpu, shader::BINDING_INK, targets.ink.handle());
}

void MinimalSplatPass::set_dots(std::span<const shader::GpuDot> dots) {
  dots_.clear();
  for (const shader::GpuDot& packed : dots) dots_.push_back(unpack_dot(packed));
  prepared_for_.reset();
}

void MinimalSplatPass::prepare(const HeadPose& pose, const Intrinsics& k, float dot_diameter_mm) {
  const Projection key{pose.head_to_camera(), glm::dvec4(k.fx, k.fy, k.cx, k.cy), dot_diameter_mm};
  if (prepared_for_ == key) return;
  struct Projected {
    int tile;
    glm::vec4 dot;  // x, y px; ink; unused
  };
  std::vector<Projected> projected;
  const glm::dmat3 rotation = pose.rotation();
  const int tiles_x = (targets_.width + kTilePx - 1) / kTilePx;
  for (const Dot& d : dots_) {
    const glm::dvec3 camera = rotation * glm::dvec3(d.position_mm) + pose.translation_mm;
    if (camera.z < shader::NEAR_PLANE_MM) continue;
    const double facing = glm::dot(rotation * glm::dvec3(d.normal), -glm::normalize(camera));
    if (facing <= 0.0) continue;  // the far side of the head, as the engine culls it
    const glm::dvec2 pixel = k.project(camera);
    if (pixel.x < -1.0 || pixel.y < -1.0 || pixel.x >= targets_.width || pixel.y >= targets_.height) continue;
    const double radius_px = k.fx * 0.5 * dot_diameter_mm / camera.z;
    const double ink = std::numbers::pi * radius_px * radius_px * facing * shader::INK_ONE;
    const int tile = int(std::floor(pixel.y + 1.0)) / kTilePx * tiles_x + int(std::floor(pixel.x + 1.0)) / kTilePx;
    projected.push_back({tile, glm::vec4(glm::dvec2(pixel), ink, 0.0)});
  }
  std::stable_sort(projected.begin(), projected.end(), [](const Projected& a, const Projected& b) { return a.tile < b.tile; });
  std::vector<glm::vec4> words(std::max<size_t>(projected.size(), 1), glm::vec4(-10.0f, -10.0f, 0.0f, 0.0f));
  for (size_t i = 0; i < projected.size(); ++i) words[i] = projected[i].dot;
  projected_.reset();
  projected_.emplace(upload_to_device(gpu_, std::as_bytes(std::span<const glm::vec4>(words)),
                                      vk::BufferUsageFlagBits::eStorageBuffer));
  projected_count_ = std::uint32_t(words.size());
  pipeline_.descriptors().bind(gpu_, shader::BINDING_DOTS, projected_->handle());
  prepared_for_ = key;
}

void MinimalSplatPass::record(const vk::raii::CommandBuffer& cmd) const {
  if (projected_) pipeline_.dispatch(cmd, (projected_count_ + shader::SPLAT_GROUP_SIZE - 1) / shader::SPLAT_GROUP_SIZE);
}

}  // namespace smp
