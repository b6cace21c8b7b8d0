#pragma once
// A graphics pipeline for dynamic rendering (Vulkan 1.3: no VkRenderPass), viewport and scissor dynamic.
#include <span>
#include <vector>

#include "gpu/gpu.h"

namespace smp {

struct GraphicsPipelineDescription {
  std::span<const uint32_t> vertex_spirv;
  std::span<const uint32_t> fragment_spirv;
  vk::PrimitiveTopology topology = vk::PrimitiveTopology::eTriangleList;
  std::vector<vk::VertexInputBindingDescription> vertex_bindings;
  std::vector<vk::VertexInputAttributeDescription> vertex_attributes;
  vk::Format colour_format = vk::Format::eR8G8B8A8Unorm;
  vk::Format depth_format = vk::Format::eUndefined;  // eUndefined: no depth test
  vk::SampleCountFlagBits samples = vk::SampleCountFlagBits::e1;
  bool additive_blend = false;
  vk::DescriptorSetLayout descriptor_set_layout = nullptr;  // optional
  uint32_t push_constant_bytes = 0;                         // vertex + fragment stages
};

class GraphicsPipeline {
 public:
  GraphicsPipeline(const Gpu& gpu, const GraphicsPipelineDescription& description);
  vk::Pipeline pipeline() const { return *pipeline_; }
  vk::PipelineLayout layout() const { return *layout_; }

 private:
  vk::raii::PipelineLayout layout_;
  vk::raii::Pipeline pipeline_{nullptr};
};

// Sets a full-target viewport and scissor.
void set_viewport(const vk::raii::CommandBuffer& cmd, vk::Extent2D extent);

}  // namespace smp
