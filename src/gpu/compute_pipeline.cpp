#include "gpu/compute_pipeline.h"

namespace smp {

vk::raii::ShaderModule make_shader_module(const Gpu& gpu, std::span<const uint32_t> spirv) {
  return vk::raii::ShaderModule(gpu.device(), {.codeSize = spirv.size_bytes(), .pCode = spirv.data()});
}

namespace {

vk::raii::DescriptorSetLayout make_layout(const Gpu& gpu, std::span<const BufferBinding> bindings,
                                          vk::ShaderStageFlags stages) {
  std::vector<vk::DescriptorSetLayoutBinding> layout_bindings;
  for (const auto& b : bindings)
    layout_bindings.push_back({.binding = b.binding, .descriptorType = b.type, .descriptorCount = 1, .stageFlags = stages});
  return vk::raii::DescriptorSetLayout(
      gpu.device(), {.bindingCount = uint32_t(layout_bindings.size()), .pBindings = layout_bindings.data()});
}

vk::raii::DescriptorPool make_pool(const Gpu& gpu, std::span<const BufferBinding> bindings) {
  std::vector<vk::DescriptorPoolSize> sizes;
  for (const auto& b : bindings) sizes.push_back({.type = b.type, .descriptorCount = 1});
  return vk::raii::DescriptorPool(gpu.device(), {.flags = vk::DescriptorPoolCreateFlagBits::eFreeDescriptorSet,
                                                 .maxSets = 1,
                                                 .poolSizeCount = uint32_t(sizes.size()),
                                                 .pPoolSizes = sizes.data()});
}

}  // namespace

BufferDescriptorSet::BufferDescriptorSet(const Gpu& gpu, std::span<const BufferBinding> bindings,
                                         vk::ShaderStageFlags stages)
    : bindings_(bindings.begin(), bindings.end()),
      layout_(make_layout(gpu, bindings, stages)),
      pool_(make_pool(gpu, bindings)) {
  const vk::DescriptorSetLayout layout = *layout_;
  set_ = std::move(vk::raii::DescriptorSets(gpu.device(), {.descriptorPool = *pool_,
                                                          .descriptorSetCount = 1,
                                                          .pSetLayouts = &layout})
                       .front());
}

void BufferDescriptorSet::bind(const Gpu& gpu, uint32_t binding, vk::Buffer buffer) const {
  vk::DescriptorType type = vk::DescriptorType::eStorageBuffer;
  for (const auto& b : bindings_)
    if (b.binding == binding) type = b.type;
  const vk::DescriptorBufferInfo info{.buffer = buffer, .offset = 0, .range = VK_WHOLE_SIZE};
  gpu.device().updateDescriptorSets(vk::WriteDescriptorSet{.dstSet = *set_,
                                                           .dstBinding = binding,
                                                           .descriptorCount = 1,
                                                           .descriptorType = type,
                                                           .pBufferInfo = &info},
                                    nullptr);
}

ComputePipeline::ComputePipeline(const Gpu& gpu, std::span<const uint32_t> spirv,
                                 std::span<const BufferBinding> bindings,
                                 const vk::SpecializationInfo* specialization)
    : descriptors_(gpu, bindings, vk::ShaderStageFlagBits::eCompute),
      layout_(gpu.device(), vk::PipelineLayoutCreateInfo{.setLayoutCount = 1,
                                                         .pSetLayouts = &*descriptors_.layout()}) {
  const auto module = make_shader_module(gpu, spirv);
  pipeline_ = vk::raii::Pipeline(gpu.device(), nullptr,
                                 vk::ComputePipelineCreateInfo{
                                     .stage = {.stage = vk::ShaderStageFlagBits::eCompute,
                                               .module = *module,
                                               .pName = "main",
                                               .pSpecializationInfo = specialization},
                                     .layout = *layout_});
}

void ComputePipeline::dispatch(const vk::raii::CommandBuffer& cmd, uint32_t groups_x, uint32_t groups_y) const {
  cmd.bindPipeline(vk::PipelineBindPoint::eCompute, *pipeline_);
  cmd.bindDescriptorSets(vk::PipelineBindPoint::eCompute, *layout_, 0, descriptors_.set(), nullptr);
  cmd.dispatch(groups_x, groups_y, 1);
}

void ComputePipeline::dispatch_indirect(const vk::raii::CommandBuffer& cmd, vk::Buffer groups, vk::DeviceSize offset) const {
  cmd.bindPipeline(vk::PipelineBindPoint::eCompute, *pipeline_);
  cmd.bindDescriptorSets(vk::PipelineBindPoint::eCompute, *layout_, 0, descriptors_.set(), nullptr);
  cmd.dispatchIndirect(groups, offset);
}

void buffer_memory_barrier(const vk::raii::CommandBuffer& cmd, vk::PipelineStageFlags2 src_stage,
                           vk::AccessFlags2 src_access, vk::PipelineStageFlags2 dst_stage,
                           vk::AccessFlags2 dst_access) {
  const vk::MemoryBarrier2 barrier{
      .srcStageMask = src_stage, .srcAccessMask = src_access, .dstStageMask = dst_stage, .dstAccessMask = dst_access};
  cmd.pipelineBarrier2(vk::DependencyInfo{.memoryBarrierCount = 1, .pMemoryBarriers = &barrier});
}

}  // namespace smp
