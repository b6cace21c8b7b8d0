#include "gpu/image.h"

namespace smp {
namespace {
bool is_depth(vk::Format f) { return f == vk::Format::eD32Sfloat || f == vk::Format::eD24UnormS8Uint || f == vk::Format::eD16Unorm; }
}  // namespace

Image::Image(const Gpu& gpu, vk::Extent2D extent, vk::Format format, vk::ImageUsageFlags usage,
             vk::SampleCountFlagBits samples)
    : extent_(extent),
      aspect_(is_depth(format) ? vk::ImageAspectFlagBits::eDepth : vk::ImageAspectFlagBits::eColor),
      image_(gpu.device(), vk::ImageCreateInfo{.imageType = vk::ImageType::e2D,
                                               .format = format,
                                               .extent = {extent.width, extent.height, 1},
                                               .mipLevels = 1,
                                               .arrayLayers = 1,
                                               .samples = samples,
                                               .tiling = vk::ImageTiling::eOptimal,
                                               .usage = usage,
                                               .sharingMode = vk::SharingMode::eExclusive,
                                               .initialLayout = vk::ImageLayout::eUndefined}) {
  const auto requirements = image_.getMemoryRequirements();
  memory_ = vk::raii::DeviceMemory(
      gpu.device(), {.allocationSize = requirements.size,
                     .memoryTypeIndex = gpu.memory_type(requirements.memoryTypeBits, vk::MemoryPropertyFlagBits::eDeviceLocal)});
  image_.bindMemory(*memory_, 0);
  view_ = vk::raii::ImageView(gpu.device(), vk::ImageViewCreateInfo{.image = *image_,
                                                                    .viewType = vk::ImageViewType::e2D,
                                                                    .format = format,
                                                                    .subresourceRange = {aspect_, 0, 1, 0, 1}});
}

void transition(const vk::raii::CommandBuffer& cmd, const Image& image, vk::ImageLayout from, vk::ImageLayout to,
                vk::PipelineStageFlags2 src_stage, vk::AccessFlags2 src_access, vk::PipelineStageFlags2 dst_stage,
                vk::AccessFlags2 dst_access) {
  transition(cmd, image.handle(), image.aspect(), from, to, src_stage, src_access, dst_stage, dst_access);
}

void transition(const vk::raii::CommandBuffer& cmd, vk::Image image, vk::ImageAspectFlags aspect, vk::ImageLayout from,
                vk::ImageLayout to, vk::PipelineStageFlags2 src_stage, vk::AccessFlags2 src_access,
                vk::PipelineStageFlags2 dst_stage, vk::AccessFlags2 dst_access) {
  const vk::ImageMemoryBarrier2 barrier{.srcStageMask = src_stage,
                                        .srcAccessMask = src_access,
                                        .dstStageMask = dst_stage,
                                        .dstAccessMask = dst_access,
                                        .oldLayout = from,
                                        .newLayout = to,
                                        .srcQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED,
                                        .dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED,
                                        .image = image,
                                        .subresourceRange = {aspect, 0, 1, 0, 1}};
  cmd.pipelineBarrier2(vk::DependencyInfo{.imageMemoryBarrierCount = 1, .pImageMemoryBarriers = &barrier});
}

void copy_image_to_buffer(const vk::raii::CommandBuffer& cmd, const Image& image, vk::Buffer buffer) {
  const vk::BufferImageCopy region{.bufferOffset = 0,
                                   .bufferRowLength = 0,
                                   .bufferImageHeight = 0,
                                   .imageSubresource = {vk::ImageAspectFlagBits::eColor, 0, 0, 1},
                                   .imageOffset = {0, 0, 0},
                                   .imageExtent = {image.extent().width, image.extent().height, 1}};
  cmd.copyImageToBuffer(image.handle(), vk::ImageLayout::eTransferSrcOptimal, buffer, region);
}

}  // namespace smp
