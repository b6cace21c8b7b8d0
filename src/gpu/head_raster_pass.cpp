#include "gpu/head_raster_pass.h"

#include <array>

#include "gpu/embedded_shaders.h"

namespace smp {
namespace {

using Stage = vk::PipelineStageFlagBits2;
using Access = vk::AccessFlagBits2;
constexpr auto kSamples = vk::SampleCountFlagBits::e4;
constexpr vk::Format kColour = vk::Format::eR8G8B8A8Unorm;
constexpr vk::Format kDepth = vk::Format::eD32Sfloat;

struct Vertex {
  glm::vec3 position;
  glm::vec3 normal;
};

Buffer upload_vertices(const Gpu& gpu, const TriangleMesh& mesh) {
  std::vector<Vertex> v(mesh.positions.size());
  for (size_t i = 0; i < v.size(); ++i) v[i] = {mesh.positions[i], mesh.normals[i]};
  return upload_to_device(gpu, std::as_bytes(std::span(v)), vk::BufferUsageFlagBits::eVertexBuffer);
}

}  // namespace

glm::mat4 camera_to_clip(const Intrinsics& k, float n, float f) {
  // x_ndc = 2 u / W - 1 with u = fx x / z + cx + 0.5 (pixel centres at integers, edges at -0.5).
  glm::mat4 m(0.0f);
  m[0][0] = float(2.0 * k.fx / k.width);
  m[2][0] = float(2.0 * (k.cx + 0.5) / k.width - 1.0);
  m[1][1] = float(2.0 * k.fy / k.height);
  m[2][1] = float(2.0 * (k.cy + 0.5) / k.height - 1.0);
  m[2][2] = f / (f - n);
  m[3][2] = -f * n / (f - n);
  m[2][3] = 1.0f;
  return m;
}

HeadRasterPass::HeadRasterPass(const Gpu& gpu, const TriangleMesh& mesh, int width, int height)
    : vertices_(upload_vertices(gpu, mesh)),
      indices_(upload_to_device(gpu, std::as_bytes(std::span(mesh.indices)), vk::BufferUsageFlagBits::eIndexBuffer)),
      index_count_(uint32_t(mesh.indices.size())),
      colour_msaa_(gpu, {uint32_t(width), uint32_t(height)}, kColour, vk::ImageUsageFlagBits::eColorAttachment, kSamples),
      depth_msaa_(gpu, {uint32_t(width), uint32_t(height)}, kDepth, vk::ImageUsageFlagBits::eDepthStencilAttachment,
                  kSamples),
      colour_(gpu, {uint32_t(width), uint32_t(height)}, kColour,
              vk::ImageUsageFlagBits::eColorAttachment | vk::ImageUsageFlagBits::eTransferSrc),
      pipeline_(gpu, {.vertex_spirv = spirv::head_vert,
                      .fragment_spirv = spirv::head_frag,
                      .vertex_bindings = {{.binding = 0, .stride = sizeof(Vertex), .inputRate = vk::VertexInputRate::eVertex}},
                      .vertex_attributes = {{.location = 0, .binding = 0, .format = vk::Format::eR32G32B32Sfloat,
                                             .offset = offsetof(Vertex, position)},
                                            {.location = 1, .binding = 0, .format = vk::Format::eR32G32B32Sfloat,
                                             .offset = offsetof(Vertex, normal)}},
                      .colour_format = kColour,
                      .depth_format = kDepth,
                      .samples = kSamples,
                      .push_constant_bytes = sizeof(HeadRasterParams)}) {}

void HeadRasterPass::set_view(const HeadPose& pose, const Intrinsics& intrinsics) {
  params_.head_to_camera = pose.head_to_camera();
  params_.head_to_clip = camera_to_clip(intrinsics, 50.0f, 5000.0f) * params_.head_to_camera;
}

void HeadRasterPass::record(const vk::raii::CommandBuffer& cmd, const FrameTargets& targets) const {
  // The previous frame's copy out of colour_ must be done before this frame resolves into it.
  for (const Image* image : {&colour_msaa_, &colour_})
    transition(cmd, *image, vk::ImageLayout::eUndefined, vk::ImageLayout::eColorAttachmentOptimal, Stage::eCopy,
               Access::eNone, Stage::eColorAttachmentOutput, Access::eColorAttachmentWrite);
  transition(cmd, depth_msaa_, vk::ImageLayout::eUndefined, vk::ImageLayout::eDepthAttachmentOptimal,
             Stage::eLateFragmentTests, Access::eNone, Stage::eEarlyFragmentTests | Stage::eLateFragmentTests,
             Access::eDepthStencilAttachmentWrite | Access::eDepthStencilAttachmentRead);
  // Studio backdrop: a neutral blue-grey that no skin tone or pigment shade is confused with.
  const vk::RenderingAttachmentInfo colour{
      .imageView = colour_msaa_.view(),
      .imageLayout = vk::ImageLayout::eColorAttachmentOptimal,
      .resolveMode = vk::ResolveModeFlagBits::eAverage,
      .resolveImageView = colour_.view(),
      .resolveImageLayout = vk::ImageLayout::eColorAttachmentOptimal,
      .loadOp = vk::AttachmentLoadOp::eClear,
      .storeOp = vk::AttachmentStoreOp::eDontCare,
      .clearValue = vk::ClearValue{.color = vk::ClearColorValue{std::array<float, 4>{0.36f, 0.40f, 0.45f, 1.0f}}}};
  const vk::RenderingAttachmentInfo depth{.imageView = depth_msaa_.view(),
                                          .imageLayout = vk::ImageLayout::eDepthAttachmentOptimal,
                                          .loadOp = vk::AttachmentLoadOp::eClear,
                                          .storeOp = vk::AttachmentStoreOp::eDontCare,
                                          .clearValue = vk::ClearValue{.depthStencil = {1.0f, 0}}};
  cmd.beginRendering(vk::RenderingInfo{.renderArea = {{0, 0}, colour_.extent()},
                                       .layerCount = 1,
                                       .colorAttachmentCount = 1,
                                       .pColorAttachments = &colour,
                                       .pDepthAttachment = &depth});
  set_viewport(cmd, colour_.extent());
  cmd.bindPipeline(vk::PipelineBindPoint::eGraphics, pipeline_.pipeline());
  cmd.pushConstants<HeadRasterParams>(pipeline_.layout(),
                                      vk::ShaderStageFlagBits::eVertex | vk::ShaderStageFlagBits::eFragment, 0, params_);
  cmd.bindVertexBuffers(0, vertices_.handle(), vk::DeviceSize{0});
  cmd.bindIndexBuffer(indices_.handle(), 0, vk::IndexType::eUint32);
  cmd.drawIndexed(index_count_, 1, 0, 0, 0);
  cmd.endRendering();
  transition(cmd, colour_, vk::ImageLayout::eColorAttachmentOptimal, vk::ImageLayout::eTransferSrcOptimal,
             Stage::eColorAttachmentOutput, Access::eColorAttachmentWrite, Stage::eCopy, Access::eTransferRead);
  copy_image_to_buffer(cmd, colour_, targets.camera.handle());
}

}  // namespace smp
