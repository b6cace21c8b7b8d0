#include "gpu/splat_renderer.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstring>
#include <limits>
#include <stdexcept>

#include "dots/dot.h"
#include "gpu/embedded_shaders.h"
#include "gpu/minimal_splat_pass.h"
#include "gpu/point_baseline_pass.h"
#include "scalp_design.h"

namespace smp {
namespace {

using Stage = vk::PipelineStageFlagBits2;
using Access = vk::AccessFlagBits2;
constexpr auto kStorage = vk::BufferUsageFlagBits::eStorageBuffer;
constexpr auto kTransferDst = vk::BufferUsageFlagBits::eTransferDst;

constexpr auto kStorageBinding = vk::DescriptorType::eStorageBuffer;
// A uniform buffer, not a storage buffer: lavapipe loads a storage buffer's value lane by lane, even
// where every thread reads the same address, and the splat reads about 30 parameters per dot.
constexpr auto kParamsBinding = vk::DescriptorType::eUniformBuffer;
constexpr std::array<BufferBinding, 4> kSelectBindings{{{shader::BINDING_FRAME_PARAMS, kParamsBinding},
                                                        {shader::BINDING_DOTS, kStorageBinding},
                                                        {shader::BINDING_DRAWN_DOTS, kStorageBinding},
                                                        {shader::BINDING_CLUSTERS, kStorageBinding}}};
constexpr std::array<BufferBinding, 3> kClusterBoundsBindings{{{shader::BINDING_FRAME_PARAMS, kParamsBinding},
                                                               {shader::BINDING_DRAWN_DOTS, kStorageBinding},
                                                               {shader::BINDING_CLUSTERS, kStorageBinding}}};
constexpr std::array<BufferBinding, 4> kCullBindings{{{shader::BINDING_FRAME_PARAMS, kParamsBinding},
                                                      {shader::BINDING_CLUSTERS, kStorageBinding},
                                                      {shader::BINDING_SPLAT_WORK, kStorageBinding},
                                                      {shader::BINDING_SPLAT_CHUNKS, kStorageBinding}}};
constexpr std::array<BufferBinding, 6> kSplatBindings{{{shader::BINDING_FRAME_PARAMS, kParamsBinding},
                                                       {shader::BINDING_DRAWN_DOTS, kStorageBinding},
                                                       {shader::BINDING_SPLAT_CHUNKS, kStorageBinding},
                                                       {shader::BINDING_INK, kStorageBinding},
                                                       {shader::BINDING_WIDE_DOTS, kStorageBinding},
                                                       {shader::BINDING_WIDE_WORK, kStorageBinding}}};
constexpr std::array<BufferBinding, 4> kCompositeBindings{{{shader::BINDING_FRAME_PARAMS, kParamsBinding},
                                                           {shader::BINDING_INK, kStorageBinding},
                                                           {shader::BINDING_CAMERA, kStorageBinding},
                                                           {shader::BINDING_SKIN, kStorageBinding}}};

// A pipeline whose shader has one bool specialisation constant, constant_id 0.
ComputePipeline make_specialised(const Gpu& gpu, std::span<const uint32_t> spirv, std::span<const BufferBinding> bindings,
                                 bool constant_0) {
  const VkBool32 value = constant_0;
  const vk::SpecializationMapEntry entry{.constantID = 0, .offset = 0, .size = sizeof(VkBool32)};
  const vk::SpecializationInfo info{.mapEntryCount = 1, .pMapEntries = &entry, .dataSize = sizeof(VkBool32), .pData = &value};
  return ComputePipeline(gpu, spirv, bindings, &info);
}

enum class SplatPass { kSmallDots, kAnyDots, kWideDots };

// One of shaders/splat.comp's pipelines: LARGE_FOOTPRINTS (constant 0), the group size (constant 1:
// the splat pass's threads take two dots each, the wide dots' pass's one) and WIDE_DOTS (constant 2).
ComputePipeline make_splat(const Gpu& gpu, SplatPass pass) {
  struct Constants {
    VkBool32 large_footprints;
    std::uint32_t group_size;
    VkBool32 wide_dots;
  } values{pass != SplatPass::kSmallDots, pass == SplatPass::kWideDots ? shader::SPLAT_GROUP_SIZE : shader::SPLAT_GROUP_SIZE / 2,
           pass == SplatPass::kWideDots};
  const std::array<vk::SpecializationMapEntry, 3> entries{
      {{.constantID = 0, .offset = offsetof(Constants, large_footprints), .size = sizeof(VkBool32)},
       {.constantID = 1, .offset = offsetof(Constants, group_size), .size = sizeof(std::uint32_t)},
       {.constantID = 2, .offset = offsetof(Constants, wide_dots), .size = sizeof(VkBool32)}}};
  const vk::SpecializationInfo info{.mapEntryCount = std::uint32_t(entries.size()), .pMapEntries = entries.data(),
                                    .dataSize = sizeof(values), .pData = &values};
  return ComputePipeline(gpu, spirv::splat_comp, kSplatBindings, &info);
}

// Timestamps: before the ink's clear, after the splat, after the composite. Not between the clear and
// the splat: lavapipe takes a timestamp only at its next flush, which there comes after the splat.
constexpr std::uint32_t kTimestamps = 3;

constexpr double kNearPlaneMm = shader::NEAR_PLANE_MM;

uint32_t groups(uint32_t items, uint32_t group_size) { return (items + group_size - 1) / group_size; }

// Copies the host picture that render() placed in camera_upload.
class HostPicturePass : public CameraPicturePass {
 public:
  void record(const vk::raii::CommandBuffer& cmd, const FrameTargets& t) const override {
    cmd.copyBuffer(t.camera_upload.handle(), t.camera.handle(), vk::BufferCopy{.size = t.picture_bytes()});
  }
};

}  // namespace

glm::vec3 pigment_optical_depth(float shade) {
  // Calibrated against real stubble (tests/test_look.cpp, tests/data/stubble_regions/): the default
  // healed design darkens a real scalp about as much as dark stubble darkens the skin beside it, and
  // the darkest shade reaches the darkest stubble. Shades are spaced evenly in the log of the depth, as
  // dilutions are (each step the same ratio of water). Carbon absorbs all colours alike; the greying
  // under the dermis is the composite's (PIGMENT_DESATURATION). A blue tint was tried: it turned the
  // skin's hue further than any real stubble does.
  constexpr float kLightestDepth = 4.5f, kDarkestDepth = 27.0f;
  return glm::vec3(kLightestDepth * std::pow(kDarkestDepth / kLightestDepth, glm::clamp(shade, 0.0f, 1.0f)));
}

shader::DesignParams whole_field_design() {
  shader::DesignParams d{};
  d.mode.x = shader::COVERAGE_EVERYWHERE;
  d.shares.x = 1.0f;
  return d;
}

glm::vec3 DrawnScalp::place(const glm::vec3& field_mm) const {
  if (!moved()) return field_mm;
  return shader::moved_to_egg(field_mm, field_centre_taper, field_radii, scalp_centre_taper, scalp_radii);
}

FrameParams make_frame_params(const HeadPose& pose, const Intrinsics& camera, const SplatSettings& settings,
                              std::uint32_t dot_count) {
  FrameParams p{};
  p.head_to_camera = pose.head_to_camera();
  p.intrinsics = glm::vec4(camera.fx, camera.fy, camera.cx, camera.cy);
  p.pigment = glm::vec4(pigment_optical_depth(settings.shade) * settings.pigment_per_area, settings.opacity);
  // Dots fade out over the last ~25 degrees before the silhouette (cos 65 deg = 0.42).
  p.dot_shape = glm::vec4(settings.dot_diameter_mm, settings.softness, 0.42f, float(kNearPlaneMm));
  p.counts = glm::uvec4(camera.width, camera.height, dot_count, settings.visible_rank_limit);
  p.field_centre_taper = settings.scalp.field_centre_taper;
  p.field_radii = settings.scalp.field_radii;
  p.scalp_centre_taper = settings.scalp.scalp_centre_taper;
  p.scalp_radii = settings.scalp.scalp_radii;
  p.design = settings.design;
  return p;
}

SplatRenderer::SplatRenderer(const Gpu& gpu, int width, int height, SplatTechnique technique)
    : gpu_(gpu),
      technique_(technique),
      targets_(gpu, width, height),
      select_(gpu, spirv::select_comp, kSelectBindings),
      cluster_bounds_(gpu, spirv::cluster_bounds_comp, kClusterBoundsBindings),
      cull_(gpu, spirv::cull_comp, kCullBindings),
      splat_(make_splat(gpu, SplatPass::kAnyDots)),
      splat_small_dots_(make_splat(gpu, SplatPass::kSmallDots)),
      splat_wide_dots_(make_splat(gpu, SplatPass::kWideDots)),
      // The baseline's ink is float (blended in a float image); ours is fixed point.
      composite_(make_specialised(gpu, spirv::composite_comp, kCompositeBindings,
                                  technique == SplatTechnique::kPointPrimitives)),
      splat_work_(gpu, sizeof(shader::SplatWork),
                  kStorage | kTransferDst | vk::BufferUsageFlagBits::eTransferSrc | vk::BufferUsageFlagBits::eIndirectBuffer,
                  MemoryUse::kDevice),
      splat_work_readback_(gpu, sizeof(shader::SplatWork), kTransferDst, MemoryUse::kReadback),
      wide_work_(gpu, sizeof(shader::SplatWork), kStorage | kTransferDst | vk::BufferUsageFlagBits::eIndirectBuffer,
                 MemoryUse::kDevice),
      pool_(gpu.device(), {.flags = vk::CommandPoolCreateFlagBits::eResetCommandBuffer, .queueFamilyIndex = gpu.queue_family()}),
      fence_(gpu.device(), vk::FenceCreateInfo{}),
      timestamps_(gpu.device(), {.queryType = vk::QueryType::eTimestamp, .queryCount = kTimestamps}),
      timestamp_period_ns_(gpu.timestamp_period_ns()),
      output_(width, height) {
  if (width <= 0 || height <= 0) throw std::invalid_argument("picture size must be positive");
  cmd_ = std::move(vk::raii::CommandBuffers(gpu.device(), {.commandPool = *pool_,
                                                            .level = vk::CommandBufferLevel::ePrimary,
                                                            .commandBufferCount = 1})
                       .front());
  if (technique_ == SplatTechnique::kPointPrimitives) baseline_ = std::make_unique<PointBaselinePass>(gpu, targets_);
  if (technique_ == SplatTechnique::kMinimalSplat) minimal_ = std::make_unique<MinimalSplatPass>(gpu, targets_);
  set_skin_matte({});
  set_dots({});
}

void SplatRenderer::set_skin_matte(std::span<const std::uint8_t> skin) {
  if (skin.empty()) {
    if (!all_skin_) std::memset(targets_.skin.mapped(), 255, targets_.padded_pixel_count());
    all_skin_ = true;
    return;
  }
  if (skin.size() != targets_.pixel_count()) throw std::invalid_argument("the skin matte's size does not match the renderer");
  targets_.skin.write(skin);
  all_skin_ = false;
}

SplatRenderer::~SplatRenderer() = default;

void SplatRenderer::bind_targets() {
  const auto& select = select_.descriptors();
  select.bind(gpu_, shader::BINDING_FRAME_PARAMS, targets_.params.handle());
  select.bind(gpu_, shader::BINDING_DOTS, dots_->handle());
  select.bind(gpu_, shader::BINDING_DRAWN_DOTS, drawn_dots_->handle());
  select.bind(gpu_, shader::BINDING_CLUSTERS, clusters_->handle());
  const auto& bounds = cluster_bounds_.descriptors();
  bounds.bind(gpu_, shader::BINDING_FRAME_PARAMS, targets_.params.handle());
  bounds.bind(gpu_, shader::BINDING_DRAWN_DOTS, drawn_dots_->handle());
  bounds.bind(gpu_, shader::BINDING_CLUSTERS, clusters_->handle());
  const auto& cull = cull_.descriptors();
  cull.bind(gpu_, shader::BINDING_FRAME_PARAMS, targets_.params.handle());
  cull.bind(gpu_, shader::BINDING_CLUSTERS, clusters_->handle());
  cull.bind(gpu_, shader::BINDING_SPLAT_WORK, splat_work_.handle());
  cull.bind(gpu_, shader::BINDING_SPLAT_CHUNKS, splat_chunks_->handle());
  for (const ComputePipeline* splat : {&splat_, &splat_small_dots_, &splat_wide_dots_}) {
    const auto& s = splat->descriptors();
    s.bind(gpu_, shader::BINDING_FRAME_PARAMS, targets_.params.handle());
    s.bind(gpu_, shader::BINDING_DRAWN_DOTS, drawn_dots_->handle());
    s.bind(gpu_, shader::BINDING_SPLAT_CHUNKS, splat_chunks_->handle());
    s.bind(gpu_, shader::BINDING_INK, targets_.ink.handle());
    s.bind(gpu_, shader::BINDING_WIDE_DOTS, wide_dots_->handle());
    s.bind(gpu_, shader::BINDING_WIDE_WORK, wide_work_.handle());
  }
  const auto& c = composite_.descriptors();
  c.bind(gpu_, shader::BINDING_FRAME_PARAMS, targets_.params.handle());
  c.bind(gpu_, shader::BINDING_INK, targets_.ink.handle());
  c.bind(gpu_, shader::BINDING_CAMERA, targets_.camera.handle());
  c.bind(gpu_, shader::BINDING_SKIN, targets_.skin.handle());
  if (baseline_) baseline_->bind(gpu_, targets_, dots_->handle());
}

void SplatRenderer::set_dots(std::span<const GpuDot> dots) {
  // Free the old field and its drawn list before allocating the new ones.
  dots_.reset();
  drawn_dots_.reset();
  clusters_.reset();
  splat_chunks_.reset();
  wide_dots_.reset();
  const vk::DeviceSize clusters = std::max<vk::DeviceSize>(groups(std::uint32_t(dots.size()), shader::DOT_CLUSTER_SIZE), 1);
  dots_.emplace(upload_to_device(gpu_, std::as_bytes(dots), kStorage));
  // A cluster's drawn dots stay in its own slots, so the drawn list is as long as the field.
  drawn_dots_.emplace(gpu_, clusters * shader::DOT_CLUSTER_SIZE * sizeof(GpuDot), kStorage, MemoryUse::kDevice);
  clusters_.emplace(gpu_, clusters * sizeof(shader::DotCluster), kStorage | kTransferDst, MemoryUse::kDevice);
  splat_chunks_.emplace(gpu_, clusters * (shader::DOT_CLUSTER_SIZE / shader::SPLAT_GROUP_SIZE) * sizeof(glm::uvec2), kStorage,
                        MemoryUse::kDevice);
  wide_dots_.emplace(gpu_, clusters * shader::DOT_CLUSTER_SIZE * sizeof(std::uint32_t), kStorage, MemoryUse::kDevice);
  dot_count_ = static_cast<std::uint32_t>(dots.size());
  selected_for_.reset();
  if (minimal_) minimal_->set_dots(dots);
  dots_min_mm_ = glm::vec3(std::numeric_limits<float>::max());
  dots_max_mm_ = glm::vec3(std::numeric_limits<float>::lowest());
  for (const GpuDot& packed : dots) {
    const glm::vec3 p = unpack_dot(packed).position_mm;
    dots_min_mm_ = glm::min(dots_min_mm_, p);
    dots_max_mm_ = glm::max(dots_max_mm_, p);
  }
  bind_targets();
}

std::array<glm::dvec3, 8> SplatRenderer::field_box_in_camera(const HeadPose& pose, const DrawnScalp& scalp) const {
  // On a refitted scalp the box's corners move with the dots; the egg's taper bends x a little with z
  // between the corners, which the margin covers.
  const float margin_mm = scalp.moved() ? 5.0f : 0.0f;
  glm::vec3 low(std::numeric_limits<float>::max()), high(std::numeric_limits<float>::lowest());
  for (int corner = 0; corner < 8; ++corner) {
    const glm::vec3 p = scalp.place({corner & 1 ? dots_max_mm_.x : dots_min_mm_.x, corner & 2 ? dots_max_mm_.y : dots_min_mm_.y,
                                     corner & 4 ? dots_max_mm_.z : dots_min_mm_.z});
    low = glm::min(low, p - margin_mm);
    high = glm::max(high, p + margin_mm);
  }
  const glm::dmat3 rotation = pose.rotation();
  std::array<glm::dvec3, 8> corners;
  for (int corner = 0; corner < 8; ++corner) {
    const glm::dvec3 head(corner & 1 ? high.x : low.x, corner & 2 ? high.y : low.y, corner & 4 ? high.z : low.z);
    corners[size_t(corner)] = rotation * head + pose.translation_mm;
  }
  return corners;
}

bool SplatRenderer::footprints_may_be_large(const HeadPose& pose, const FrameParams& params, const DrawnScalp& scalp) const {
  // Depth is linear, so no dot in the field's box is nearer than the box's nearest corner; dots nearer
  // than the near plane are not drawn.
  double nearest_mm = std::numeric_limits<double>::max();
  for (const glm::dvec3& camera : field_box_in_camera(pose, scalp)) nearest_mm = std::min(nearest_mm, camera.z);
  nearest_mm = std::max(nearest_mm, kNearPlaneMm);
  // The widest square splat.comp could make (its radius_px and square_side), with room for rounding.
  const double widest_diameter_mm = params.dot_shape.x * (1.0 + shader::DOT_DIAMETER_JITTER_RANGE);
  const double widest_shade_mm = std::hypot(widest_diameter_mm * params.dot_shape.y, shader::SKIN_LIGHT_SPREAD_MM);
  const double widest_side_px =
      std::hypot(params.intrinsics.x * 0.5 * widest_shade_mm / nearest_mm, shader::CAMERA_BLUR_RADIUS_PX) * std::sqrt(M_PI);
  return widest_side_px * 1.001 > shader::SQUARE_FOOTPRINT_MAX_PX;
}

glm::uvec2 SplatRenderer::composite_span(const HeadPose& pose, const Intrinsics& k, const DrawnScalp& scalp) const {
  const std::uint64_t group = shader::COMPOSITE_PIXELS_PER_THREAD;
  const glm::uvec2 everything(0, std::uint32_t(targets_.padded_pixel_count() / group));
  if (dot_count_ == 0) return {0, 0};
  double top = std::numeric_limits<double>::max(), bottom = std::numeric_limits<double>::lowest();
  for (const glm::dvec3& camera : field_box_in_camera(pose, scalp)) {
    if (camera.z < kNearPlaneMm) return everything;  // a box through the camera plane projects unbounded
    const double y = k.project(camera).y;
    top = std::min(top, y);
    bottom = std::max(bottom, y);
  }
  // Within the box, every dot centre projects between the corners' rows (perspective keeps convexity
  // in front of the camera); footprints reach at most half their largest width beyond their centre.
  const double margin = 0.5 * shader::FOOTPRINT_MAX_PIXELS + 1.0;
  const auto first_row = std::int64_t(std::clamp(std::floor(top - margin), 0.0, double(targets_.height)));
  const auto end_row = std::int64_t(std::clamp(std::ceil(bottom + margin) + 1.0, 0.0, double(targets_.height)));
  if (end_row <= first_row) return {0, 0};
  const std::uint64_t first_group = std::uint64_t(first_row) * targets_.width / group;
  const std::uint64_t end_group = (std::uint64_t(end_row) * targets_.width + group - 1) / group;
  return {std::uint32_t(first_group), std::uint32_t(end_group - first_group)};
}

const RgbaImage& SplatRenderer::render(const RgbaImage& camera, const HeadPose& pose, const Intrinsics& intrinsics,
                                       const SplatSettings& settings) {
  if (camera.width != targets_.width || camera.height != targets_.height)
    throw std::invalid_argument("camera picture size does not match the renderer");
  targets_.camera_upload.write(std::span<const std::uint32_t>(camera.pixels));
  static const HostPicturePass host_picture;
  return render(host_picture, pose, intrinsics, settings);
}

bool SplatRenderer::selection_is_current(const FrameParams& params, const DrawnScalp& scalp) const {
  return selected_for_ && selected_for_->rank_limit == params.counts.w && selected_for_->scalp == scalp &&
         std::memcmp(&selected_for_->design, &params.design, sizeof(params.design)) == 0;
}

void SplatRenderer::record_accumulate(const vk::raii::CommandBuffer& cmd, bool select, bool large_footprints) const {
  if (baseline_) {
    baseline_->record(cmd, targets_, dot_count_);
    return;
  }
  if (minimal_) {
    minimal_->record(cmd);
    return;
  }
  const std::uint32_t clusters = groups(dot_count_, shader::DOT_CLUSTER_SIZE);
  if (select) {
    cmd.fillBuffer(clusters_->handle(), 0, VK_WHOLE_SIZE, 0);  // every cluster's count starts at zero
    buffer_memory_barrier(cmd, Stage::eTransfer, Access::eTransferWrite, Stage::eComputeShader,
                          Access::eShaderStorageRead | Access::eShaderStorageWrite);
    select_.dispatch(cmd, groups(dot_count_, shader::SELECT_GROUP_SIZE));
    buffer_memory_barrier(cmd, Stage::eComputeShader, Access::eShaderStorageWrite, Stage::eComputeShader,
                          Access::eShaderStorageRead | Access::eShaderStorageWrite);
    cluster_bounds_.dispatch(cmd, groups(clusters, shader::CULL_GROUP_SIZE));
    buffer_memory_barrier(cmd, Stage::eComputeShader, Access::eShaderStorageWrite, Stage::eComputeShader, Access::eShaderStorageRead);
  }
  // The live clusters' chunks, counted on the GPU: the splat pass's groups come from splat_work_.
  static constexpr shader::SplatWork kNoWork{.groups_x = 0, .groups_y = 1, .groups_z = 1, .items = 0};
  cmd.updateBuffer<shader::SplatWork>(splat_work_.handle(), 0, kNoWork);
  if (large_footprints) cmd.updateBuffer<shader::SplatWork>(wide_work_.handle(), 0, kNoWork);
  buffer_memory_barrier(cmd, Stage::eTransfer, Access::eTransferWrite, Stage::eComputeShader,
                        Access::eShaderStorageRead | Access::eShaderStorageWrite);
  cull_.dispatch(cmd, groups(clusters, shader::CULL_GROUP_SIZE));
  buffer_memory_barrier(cmd, Stage::eComputeShader, Access::eShaderStorageWrite, Stage::eDrawIndirect | Stage::eComputeShader,
                        Access::eIndirectCommandRead | Access::eShaderStorageRead);
  (large_footprints ? splat_ : splat_small_dots_).dispatch_indirect(cmd, splat_work_.handle(), 0);
  if (large_footprints) {
    // The dots too wide for a square, which the splat pass listed and counted; their ink adds to its.
    buffer_memory_barrier(cmd, Stage::eComputeShader, Access::eShaderStorageWrite, Stage::eDrawIndirect | Stage::eComputeShader,
                          Access::eIndirectCommandRead | Access::eShaderStorageRead | Access::eShaderStorageWrite);
    splat_wide_dots_.dispatch_indirect(cmd, wide_work_.handle(), 0);
  }
}

const RgbaImage& SplatRenderer::render(const CameraPicturePass& camera, const HeadPose& pose,
                                       const Intrinsics& intrinsics, const SplatSettings& settings) {
  FrameParams params = make_frame_params(pose, intrinsics, settings, dot_count_);
  const glm::uvec2 span = composite_span(pose, intrinsics, settings.scalp);
  params.composite_span = glm::uvec4(span, targets_.ink_plane_b_offset(), 0);
  targets_.params.write(std::span<const FrameParams>(&params, 1));
  const bool select = !selection_is_current(params, settings.scalp);
  if (minimal_) minimal_->prepare(pose, intrinsics, settings.dot_diameter_mm);

  const auto& cmd = cmd_;
  cmd.reset();
  cmd.begin({.flags = vk::CommandBufferUsageFlagBits::eOneTimeSubmit});
  cmd.resetQueryPool(*timestamps_, 0, kTimestamps);
  camera.record(cmd, targets_);
  cmd.writeTimestamp2(Stage::eAllCommands, *timestamps_, 0);
  // The ink buffer starts every frame at zero; the splat pass only adds to it.
  cmd.fillBuffer(targets_.ink.handle(), 0, VK_WHOLE_SIZE, 0);
  buffer_memory_barrier(cmd, Stage::eTransfer, Access::eTransferWrite,
                        Stage::eComputeShader | Stage::eFragmentShader | Stage::eCopy,
                        Access::eShaderStorageRead | Access::eShaderStorageWrite | Access::eTransferWrite);
  record_accumulate(cmd, select, footprints_may_be_large(pose, params, settings.scalp));
  cmd.writeTimestamp2(Stage::eAllCommands, *timestamps_, 1);
  // Composite reads every pixel's ink only after every dot has added to it, and rewrites the camera
  // picture in place only after the camera pass has finished writing it.
  buffer_memory_barrier(cmd, Stage::eComputeShader | Stage::eTransfer, Access::eShaderStorageWrite | Access::eTransferWrite,
                        Stage::eComputeShader, Access::eShaderStorageRead | Access::eShaderStorageWrite);
  if (span.y > 0) composite_.dispatch(cmd, groups(span.y, shader::COMPOSITE_GROUP_SIZE));
  cmd.writeTimestamp2(Stage::eComputeShader, *timestamps_, 2);
  buffer_memory_barrier(cmd, Stage::eComputeShader, Access::eShaderStorageWrite, Stage::eCopy, Access::eTransferRead);
  cmd.copyBuffer(targets_.camera.handle(), targets_.output_readback.handle(),
                 vk::BufferCopy{.size = targets_.picture_bytes()});
  cmd.copyBuffer(splat_work_.handle(), splat_work_readback_.handle(), vk::BufferCopy{.size = sizeof(shader::SplatWork)});
  // Make the copy visible to the host's reads of the mapped readback buffer.
  buffer_memory_barrier(cmd, Stage::eCopy, Access::eTransferWrite, Stage::eHost, Access::eHostRead);
  cmd.end();

  const vk::CommandBuffer handle = *cmd;
  gpu_.queue().submit(vk::SubmitInfo{.commandBufferCount = 1, .pCommandBuffers = &handle}, *fence_);
  if (gpu_.device().waitForFences(*fence_, VK_TRUE, UINT64_MAX) != vk::Result::eSuccess)
    throw std::runtime_error("the GPU did not finish the frame");
  gpu_.device().resetFences(*fence_);

  if (timestamp_period_ns_) {
    // The C entry point writes into our array; the raii wrapper would allocate a vector every frame.
    std::array<std::uint64_t, kTimestamps> ticks{};
    if (gpu_.device().getDispatcher()->vkGetQueryPoolResults(*gpu_.device(), *timestamps_, 0, kTimestamps, sizeof(ticks),
                                                              ticks.data(), sizeof(std::uint64_t),
                                                              VK_QUERY_RESULT_64_BIT) == VK_SUCCESS) {
      auto ms = [&](size_t from) { return double(ticks[from + 1] - ticks[from]) * *timestamp_period_ns_ * 1e-6; };
      last_passes_ms_ = PassTimes{ms(0), ms(1)};
    }
  }
  if (select && !baseline_ && !minimal_) selected_for_ = Selection{params.design, params.counts.w, settings.scalp};
  std::memcpy(output_.pixels.data(), targets_.output_readback.mapped(), targets_.picture_bytes());
  shader::SplatWork work{};
  std::memcpy(&work, splat_work_readback_.mapped(), sizeof(work));
  last_splat_dot_slots_ = baseline_ || minimal_ ? 0 : work.groups_x * shader::SPLAT_GROUP_SIZE;
  return output_;
}

std::vector<double> SplatRenderer::read_coverage() const {
  Buffer readback(gpu_, targets_.ink.size(), kTransferDst, MemoryUse::kReadback);
  gpu_.run_once([&](const vk::raii::CommandBuffer& cmd) {
    cmd.copyBuffer(targets_.ink.handle(), readback.handle(), vk::BufferCopy{.size = targets_.ink.size()});
    buffer_memory_barrier(cmd, Stage::eCopy, Access::eTransferWrite, Stage::eHost, Access::eHostRead);
  });
  std::vector<double> coverage(targets_.pixel_count());
  const auto* words = reinterpret_cast<const std::uint32_t*>(readback.mapped());
  for (size_t i = 0; i < coverage.size(); ++i) {
    if (baseline_) {
      float f;
      std::memcpy(&f, &words[i], 4);
      coverage[i] = f;
    } else {
      coverage[i] = (words[i] + words[targets_.ink_plane_b_offset() + i + 1]) / double(shader::INK_ONE);
    }
  }
  return coverage;
}

}  // namespace smp
