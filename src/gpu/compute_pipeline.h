#pragma once
// A compute shader with its one descriptor set of buffers: the shape every compute pass here shares.
#include <cstdint>
#include <span>
#include <vector>

#include "gpu/gpu.h"

namespace smp {

vk::raii::ShaderModule make_shader_module(const Gpu& gpu, std::span<const uint32_t> spirv);

struct BufferBinding {
  uint32_t binding;
  vk::DescriptorType type;  // eStorageBuffer or eUniformBuffer
};

// Descriptor set layout + pool + the single set, for passes whose resources are plain buffers.
class BufferDescriptorSet {
 public:
  BufferDescriptorSet(const Gpu& gpu, std::span<const BufferBinding> bindings, vk::ShaderStageFlags stages);
  const vk::raii::DescriptorSetLayout& layout() const { return layout_; }
  vk::DescriptorSet set() const { return *set_; }
  // Points `binding` at a whole buffer; only outside command recording (buffers change on resize).
  void bind(const Gpu& gpu, uint32_t binding, vk::Buffer buffer) const;

 private:
  std::vector<BufferBinding> bindings_;
  vk::raii::DescriptorSetLayout layout_;
  vk::raii::DescriptorPool pool_;
  vk::raii::DescriptorSet set_{nullptr};
};

class ComputePipeline {
 public:
  ComputePipeline(const Gpu& gpu, std::span<const uint32_t> spirv, std::span<const BufferBinding> bindings,
                  const vk::SpecializationInfo* specialization = nullptr);
  const BufferDescriptorSet& descriptors() const { return descriptors_; }
  // Binds pipeline and set, then dispatches `groups`.
  void dispatch(const vk::raii::CommandBuffer& cmd, uint32_t groups_x, uint32_t groups_y = 1) const;
  // As dispatch, with the group counts a GPU pass wrote (a VkDispatchIndirectCommand at `offset`).
  void dispatch_indirect(const vk::raii::CommandBuffer& cmd, vk::Buffer groups, vk::DeviceSize offset) const;

 private:
  BufferDescriptorSet descriptors_;
  vk::raii::PipelineLayout layout_;
  vk::raii::Pipeline pipeline_{nullptr};
};

// Barrier between two passes that communicate through buffers (compute/transfer writes -> later reads).
void buffer_memory_barrier(const vk::raii::CommandBuffer& cmd, vk::PipelineStageFlags2 src_stage,
                           vk::AccessFlags2 src_access, vk::PipelineStageFlags2 dst_stage,
                           vk::AccessFlags2 dst_access);

}  // namespace smp
