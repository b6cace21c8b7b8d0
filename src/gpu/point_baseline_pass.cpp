#include "gpu/point_baseline_pass.h"

#include <array>
#include <stdexcept>

#include "gpu/embedded_shaders.h"
#include "gpu/shader_layout.h"

namespace smp {
namespace {

using Stage = vk::PipelineStageFlagBits2;
using Access = vk::AccessFlagBits2;
constexpr vk::Format kInkFormat = vk::Format::eR32Sfloat;
constexpr std::array<BufferBinding, 2> kBindings{{{shader::BINDING_FRAME_PARAMS, vk::DescriptorType::eUniformBuffer},
                                                  {shader::BINDING_DOTS, vk::DescriptorType::eStorageBuffer}}};

const Gpu& require_float_blending(const Gpu& gpu) {
  const auto features = gpu.physical_device().getFormatProperties(kInkFormat).optimalTilingFeatures;
  if (!(features & vk::FormatFeatureFlagBits::eColorAttachmentBlend))
    throw std::runtime_error("this GPU cannot blend into R32_SFLOAT, which the point baseline needs");
  return gpu;
}

}  // namespace

PointBaselinePass::PointBaselinePass(const Gpu& gpu, const FrameTargets& t)
    : ink_image_(require_float_blending(gpu), {uint32_t(t.width), uint32_t(t.height)}, kInkFormat,
                 vk::ImageUsageFlagBits::eColorAttachment | vk::ImageUsageFlagBits::eTransferSrc),
      descriptors_(gpu, kBindings, vk::ShaderStageFlagBits::eVertex),
      pipeline_(gpu, {.vertex_spirv = spirv::points_vert,
                      .fragment_spirv = spirv::points_frag,
                      .topology = vk::PrimitiveTopology::ePointList,
                      .vertex_bindings = {},
                      .vertex_attributes = {},
                      .colour_format = kInkFormat,
                      .additive_blend = true,
                      .descriptor_set_layout = *descriptors_.layout()}) {}

void PointBaselinePass::bind(const Gpu& gpu, const FrameTargets& t, vk::Buffer dots) const {
  descriptors_.bind(gpu, shader::BINDING_FRAME_PARAMS, t.params.handle());
  descriptors_.bind(gpu, shader::BINDING_DOTS, dots);
}

void PointBaselinePass::record(const vk::raii::CommandBuffer& cmd, const FrameTargets& t, uint32_t dot_count) const {
  // Last frame's copy must finish reading before this frame clears the image.
  transition(cmd, ink_image_, vk::ImageLayout::eUndefined, vk::ImageLayout::eColorAttachmentOptimal, Stage::eCopy,
             Access::eNone, Stage::eColorAttachmentOutput,
             Access::eColorAttachmentWrite | Access::eColorAttachmentRead);
  const vk::RenderingAttachmentInfo colour{.imageView = ink_image_.view(),
                                           .imageLayout = vk::ImageLayout::eColorAttachmentOptimal,
                                           .loadOp = vk::AttachmentLoadOp::eClear,
                                           .storeOp = vk::AttachmentStoreOp::eStore,
                                           .clearValue = vk::ClearValue{.color = vk::ClearColorValue{std::array<float, 4>{}}}};
  cmd.beginRendering(vk::RenderingInfo{.renderArea = {{0, 0}, ink_image_.extent()},
                                       .layerCount = 1,
                                       .colorAttachmentCount = 1,
                                       .pColorAttachments = &colour});
  set_viewport(cmd, ink_image_.extent());
  cmd.bindPipeline(vk::PipelineBindPoint::eGraphics, pipeline_.pipeline());
  cmd.bindDescriptorSets(vk::PipelineBindPoint::eGraphics, pipeline_.layout(), 0, descriptors_.set(), nullptr);
  cmd.draw(dot_count, 1, 0, 0);
  cmd.endRendering();
  transition(cmd, ink_image_, vk::ImageLayout::eColorAttachmentOptimal, vk::ImageLayout::eTransferSrcOptimal,
             Stage::eColorAttachmentOutput, Access::eColorAttachmentWrite, Stage::eCopy, Access::eTransferRead);
  copy_image_to_buffer(cmd, ink_image_, t.ink.handle());
}

}  // namespace smp
