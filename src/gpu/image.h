#pragma once
// A 2D VkImage with its own device memory and one view: render targets of the raster passes.
#include "gpu/gpu.h"
#include "gpu/live_objects.h"

namespace smp {

class Image {
 public:
  Image(const Gpu& gpu, vk::Extent2D extent, vk::Format format, vk::ImageUsageFlags usage,
        vk::SampleCountFlagBits samples = vk::SampleCountFlagBits::e1);
  vk::Image handle() const { return *image_; }
  vk::ImageView view() const { return *view_; }
  vk::Extent2D extent() const { return extent_; }
  vk::ImageAspectFlags aspect() const { return aspect_; }

 private:
  vk::Extent2D extent_;
  vk::ImageAspectFlags aspect_;
  vk::raii::Image image_;
  vk::raii::DeviceMemory memory_{nullptr};
  vk::raii::ImageView view_{nullptr};
  LiveGpuObject counted_;
};

// Layout transition of a whole image; the stages and accesses say which work must finish before and
// which must wait after.
void transition(const vk::raii::CommandBuffer& cmd, const Image& image, vk::ImageLayout from, vk::ImageLayout to,
                vk::PipelineStageFlags2 src_stage, vk::AccessFlags2 src_access, vk::PipelineStageFlags2 dst_stage,
                vk::AccessFlags2 dst_access);
// The same for an image owned elsewhere (a swapchain's).
void transition(const vk::raii::CommandBuffer& cmd, vk::Image image, vk::ImageAspectFlags aspect, vk::ImageLayout from,
                vk::ImageLayout to, vk::PipelineStageFlags2 src_stage, vk::AccessFlags2 src_access,
                vk::PipelineStageFlags2 dst_stage, vk::AccessFlags2 dst_access);

// Copies a single-sampled colour image (in TransferSrcOptimal) into a tightly packed buffer.
void copy_image_to_buffer(const vk::raii::CommandBuffer& cmd, const Image& image, vk::Buffer buffer);

}  // namespace smp
