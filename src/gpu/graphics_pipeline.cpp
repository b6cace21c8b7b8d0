#include "gpu/graphics_pipeline.h"

#include "gpu/compute_pipeline.h"

namespace smp {
namespace {

vk::raii::PipelineLayout make_layout(const Gpu& gpu, const GraphicsPipelineDescription& d) {
  const vk::PushConstantRange push{.stageFlags = vk::ShaderStageFlagBits::eVertex | vk::ShaderStageFlagBits::eFragment,
                                   .offset = 0,
                                   .size = d.push_constant_bytes};
  return vk::raii::PipelineLayout(gpu.device(),
                                  vk::PipelineLayoutCreateInfo{.setLayoutCount = d.descriptor_set_layout ? 1u : 0u,
                                                               .pSetLayouts = &d.descriptor_set_layout,
                                                               .pushConstantRangeCount = d.push_constant_bytes ? 1u : 0u,
                                                               .pPushConstantRanges = &push});
}

}  // namespace

GraphicsPipeline::GraphicsPipeline(const Gpu& gpu, const GraphicsPipelineDescription& d) : layout_(make_layout(gpu, d)) {
  const auto vertex = make_shader_module(gpu, d.vertex_spirv);
  const auto fragment = make_shader_module(gpu, d.fragment_spirv);
  const std::array<vk::PipelineShaderStageCreateInfo, 2> stages{
      {{.stage = vk::ShaderStageFlagBits::eVertex, .module = *vertex, .pName = "main"},
       {.stage = vk::ShaderStageFlagBits::eFragment, .module = *fragment, .pName = "main"}}};
  const vk::PipelineVertexInputStateCreateInfo vertex_input{
      .vertexBindingDescriptionCount = uint32_t(d.vertex_bindings.size()),
      .pVertexBindingDescriptions = d.vertex_bindings.data(),
      .vertexAttributeDescriptionCount = uint32_t(d.vertex_attributes.size()),
      .pVertexAttributeDescriptions = d.vertex_attributes.data()};
  const vk::PipelineInputAssemblyStateCreateInfo assembly{.topology = d.topology};
  const vk::PipelineViewportStateCreateInfo viewport{.viewportCount = 1, .scissorCount = 1};
  const vk::PipelineRasterizationStateCreateInfo raster{.polygonMode = vk::PolygonMode::eFill,
                                                        .cullMode = vk::CullModeFlagBits::eNone,
                                                        .frontFace = vk::FrontFace::eCounterClockwise,
                                                        .lineWidth = 1.0f};
  const vk::PipelineMultisampleStateCreateInfo multisample{.rasterizationSamples = d.samples};
  const bool depth = d.depth_format != vk::Format::eUndefined;
  const vk::PipelineDepthStencilStateCreateInfo depth_state{.depthTestEnable = depth,
                                                            .depthWriteEnable = depth,
                                                            .depthCompareOp = vk::CompareOp::eLess};
  using Color = vk::ColorComponentFlagBits;
  const vk::PipelineColorBlendAttachmentState blend_attachment{
      .blendEnable = d.additive_blend,
      .srcColorBlendFactor = vk::BlendFactor::eOne,
      .dstColorBlendFactor = vk::BlendFactor::eOne,
      .colorBlendOp = vk::BlendOp::eAdd,
      .srcAlphaBlendFactor = vk::BlendFactor::eOne,
      .dstAlphaBlendFactor = vk::BlendFactor::eOne,
      .alphaBlendOp = vk::BlendOp::eAdd,
      .colorWriteMask = Color::eR | Color::eG | Color::eB | Color::eA};
  const vk::PipelineColorBlendStateCreateInfo blend{.attachmentCount = 1, .pAttachments = &blend_attachment};
  const std::array<vk::DynamicState, 2> dynamic{vk::DynamicState::eViewport, vk::DynamicState::eScissor};
  const vk::PipelineDynamicStateCreateInfo dynamic_state{.dynamicStateCount = 2, .pDynamicStates = dynamic.data()};
  const vk::PipelineRenderingCreateInfo rendering{.colorAttachmentCount = 1,
                                                  .pColorAttachmentFormats = &d.colour_format,
                                                  .depthAttachmentFormat = d.depth_format};
  pipeline_ = vk::raii::Pipeline(gpu.device(), nullptr,
                                 vk::GraphicsPipelineCreateInfo{.pNext = &rendering,
                                                                .stageCount = uint32_t(stages.size()),
                                                                .pStages = stages.data(),
                                                                .pVertexInputState = &vertex_input,
                                                                .pInputAssemblyState = &assembly,
                                                                .pViewportState = &viewport,
                                                                .pRasterizationState = &raster,
                                                                .pMultisampleState = &multisample,
                                                                .pDepthStencilState = &depth_state,
                                                                .pColorBlendState = &blend,
                                                                .pDynamicState = &dynamic_state,
                                                                .layout = *layout_});
}

void set_viewport(const vk::raii::CommandBuffer& cmd, vk::Extent2D extent) {
  cmd.setViewport(0, vk::Viewport{.x = 0, .y = 0, .width = float(extent.width), .height = float(extent.height),
                                  .minDepth = 0, .maxDepth = 1});
  cmd.setScissor(0, vk::Rect2D{.offset = {0, 0}, .extent = extent});
}

}  // namespace smp
