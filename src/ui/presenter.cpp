#include "ui/presenter.h"

#include <algorithm>

namespace smp {
namespace {

using Stage = vk::PipelineStageFlagBits2;
using Access = vk::AccessFlagBits2;
constexpr vk::ImageAspectFlags kColour = vk::ImageAspectFlagBits::eColor;

// Our pictures hold sRGB-encoded values already: a UNORM swapchain shows them as they are (an sRGB
// one would encode them a second time in the blit).
vk::SurfaceFormatKHR choose_format(const std::vector<vk::SurfaceFormatKHR>& formats) {
  for (const vk::Format wanted : {vk::Format::eB8G8R8A8Unorm, vk::Format::eR8G8B8A8Unorm})
    for (const auto& f : formats)
      if (f.format == wanted && f.colorSpace == vk::ColorSpaceKHR::eSrgbNonlinear) return f;
  return formats.front();
}

}  // namespace

Presenter::Presenter(const Gpu& gpu, const Window& window)
    : gpu_(gpu), window_(window), surface_(window.create_surface(gpu.instance())) {
  format_ = choose_format(gpu.physical_device().getSurfaceFormatsKHR(*surface_));
  // The picture is blitted in before the pass; the panel draws over it (load, not clear), and the
  // pass leaves the image ready to be copied (a screenshot) and then presented.
  const vk::AttachmentDescription colour{.format = format_.format,
                                         .samples = vk::SampleCountFlagBits::e1,
                                         .loadOp = vk::AttachmentLoadOp::eLoad,
                                         .storeOp = vk::AttachmentStoreOp::eStore,
                                         .stencilLoadOp = vk::AttachmentLoadOp::eDontCare,
                                         .stencilStoreOp = vk::AttachmentStoreOp::eDontCare,
                                         .initialLayout = vk::ImageLayout::eColorAttachmentOptimal,
                                         .finalLayout = vk::ImageLayout::eTransferSrcOptimal};
  const vk::AttachmentReference reference{.attachment = 0, .layout = vk::ImageLayout::eColorAttachmentOptimal};
  const vk::SubpassDescription subpass{.pipelineBindPoint = vk::PipelineBindPoint::eGraphics,
                                       .colorAttachmentCount = 1,
                                       .pColorAttachments = &reference};
  render_pass_ = vk::raii::RenderPass(gpu.device(), vk::RenderPassCreateInfo{.attachmentCount = 1,
                                                                             .pAttachments = &colour,
                                                                             .subpassCount = 1,
                                                                             .pSubpasses = &subpass});
  acquired_ = vk::raii::Semaphore(gpu.device(), vk::SemaphoreCreateInfo{});
  frame_done_ = vk::raii::Fence(gpu.device(), vk::FenceCreateInfo{.flags = vk::FenceCreateFlagBits::eSignaled});
  pool_ = vk::raii::CommandPool(gpu.device(), {.flags = vk::CommandPoolCreateFlagBits::eResetCommandBuffer,
                                               .queueFamilyIndex = gpu.queue_family()});
  command_buffers_ = vk::raii::CommandBuffers(
      gpu.device(), {.commandPool = *pool_, .level = vk::CommandBufferLevel::ePrimary, .commandBufferCount = 1});
  create_swapchain();
}

Presenter::~Presenter() { gpu_.device().waitIdle(); }

void Presenter::create_swapchain() {
  gpu_.device().waitIdle();
  const auto caps = gpu_.physical_device().getSurfaceCapabilitiesKHR(*surface_);
  extent_ = caps.currentExtent.width != 0xffffffffu ? caps.currentExtent : window_.framebuffer_size();
  if (extent_.width == 0 || extent_.height == 0) return;  // minimised
  min_image_count_ = std::max(2u, caps.minImageCount);
  std::uint32_t count = caps.minImageCount + 1;
  if (caps.maxImageCount > 0) count = std::min(count, caps.maxImageCount);
  vk::raii::SwapchainKHR old = std::move(swapchain_);
  swapchain_ = vk::raii::SwapchainKHR(
      gpu_.device(),
      vk::SwapchainCreateInfoKHR{.surface = *surface_,
                                 .minImageCount = count,
                                 .imageFormat = format_.format,
                                 .imageColorSpace = format_.colorSpace,
                                 .imageExtent = extent_,
                                 .imageArrayLayers = 1,
                                 // Blitted into, drawn on by the panel, copied out for screenshots.
                                 .imageUsage = vk::ImageUsageFlagBits::eColorAttachment | vk::ImageUsageFlagBits::eTransferDst |
                                               vk::ImageUsageFlagBits::eTransferSrc,
                                 .imageSharingMode = vk::SharingMode::eExclusive,
                                 .preTransform = caps.currentTransform,
                                 .compositeAlpha = vk::CompositeAlphaFlagBitsKHR::eOpaque,
                                 .presentMode = vk::PresentModeKHR::eFifo,  // vsync; every device has it
                                 .clipped = VK_TRUE,
                                 .oldSwapchain = *old});
  images_ = swapchain_.getImages();
  views_.clear();
  framebuffers_.clear();
  rendered_.clear();
  for (const vk::Image image : images_) {
    views_.emplace_back(gpu_.device(), vk::ImageViewCreateInfo{.image = image,
                                                               .viewType = vk::ImageViewType::e2D,
                                                               .format = format_.format,
                                                               .subresourceRange = {kColour, 0, 1, 0, 1}});
    const vk::ImageView view = *views_.back();
    framebuffers_.emplace_back(gpu_.device(), vk::FramebufferCreateInfo{.renderPass = *render_pass_,
                                                                        .attachmentCount = 1,
                                                                        .pAttachments = &view,
                                                                        .width = extent_.width,
                                                                        .height = extent_.height,
                                                                        .layers = 1});
    rendered_.emplace_back(gpu_.device(), vk::SemaphoreCreateInfo{});
  }
  needs_recreate_ = false;
}

bool Presenter::begin_frame() {
  const vk::Extent2D size = window_.framebuffer_size();
  if (size.width == 0 || size.height == 0) return false;
  if (needs_recreate_ || !*swapchain_ || size != extent_) create_swapchain();
  if (!*swapchain_) return false;
  if (gpu_.device().waitForFences(*frame_done_, VK_TRUE, UINT64_MAX) != vk::Result::eSuccess)
    throw std::runtime_error("the GPU did not finish the last frame");
  // vulkan.hpp throws on out-of-date; then the swapchain is made again for the new size.
  try {
    const auto [result, index] = swapchain_.acquireNextImage(UINT64_MAX, *acquired_);
    if (result == vk::Result::eSuboptimalKHR) needs_recreate_ = true;
    image_index_ = index;
  } catch (const vk::OutOfDateKHRError&) {
    needs_recreate_ = true;
    return false;
  }
  gpu_.device().resetFences(*frame_done_);
  const auto& cmd = command_buffer();
  cmd.reset();
  cmd.begin({.flags = vk::CommandBufferUsageFlagBits::eOneTimeSubmit});
  // Black everywhere the picture does not cover.
  transition(cmd, images_[image_index_], kColour, vk::ImageLayout::eUndefined, vk::ImageLayout::eTransferDstOptimal,
             Stage::eAllTransfer, {}, Stage::eClear | Stage::eBlit, Access::eTransferWrite);  // after the acquire wait
  cmd.clearColorImage(images_[image_index_], vk::ImageLayout::eTransferDstOptimal,
                      vk::ClearColorValue{std::array<float, 4>{0.0f, 0.0f, 0.0f, 1.0f}},
                      vk::ImageSubresourceRange{kColour, 0, 1, 0, 1});
  return true;
}

void Presenter::draw_picture(const RgbaImage& picture, bool mirror) {
  const auto& cmd = command_buffer();
  const vk::Extent2D size{std::uint32_t(picture.width), std::uint32_t(picture.height)};
  if (!picture_ || picture_->extent() != size) {
    gpu_.device().waitIdle();  // the old picture may still be read by a frame in flight
    picture_.emplace(gpu_, size, vk::Format::eR8G8B8A8Unorm,
                     // Sampled only because every Image has a view; the picture is copied and blitted.
                     vk::ImageUsageFlagBits::eTransferDst | vk::ImageUsageFlagBits::eTransferSrc | vk::ImageUsageFlagBits::eSampled);
    upload_.emplace(gpu_, vk::DeviceSize(picture.pixels.size() * 4), vk::BufferUsageFlagBits::eTransferSrc,
                    MemoryUse::kUpload);
  }
  upload_->write(std::span<const std::uint32_t>(picture.pixels));
  transition(cmd, *picture_, vk::ImageLayout::eUndefined, vk::ImageLayout::eTransferDstOptimal, Stage::eTopOfPipe, {},
             Stage::eCopy, Access::eTransferWrite);
  cmd.copyBufferToImage(upload_->handle(), picture_->handle(), vk::ImageLayout::eTransferDstOptimal,
                        vk::BufferImageCopy{.imageSubresource = {kColour, 0, 0, 1}, .imageExtent = {size.width, size.height, 1}});
  transition(cmd, *picture_, vk::ImageLayout::eTransferDstOptimal, vk::ImageLayout::eTransferSrcOptimal, Stage::eCopy,
             Access::eTransferWrite, Stage::eBlit, Access::eTransferRead);

  // Fit inside the window, keeping the picture's proportions.
  const float scale = std::min(float(extent_.width) / size.width, float(extent_.height) / size.height);
  picture_rect_ = {0.5f * (extent_.width - scale * size.width), 0.5f * (extent_.height - scale * size.height),
                   scale * size.width, scale * size.height};
  const auto x0 = std::int32_t(picture_rect_.x), y0 = std::int32_t(picture_rect_.y);
  const auto x1 = std::int32_t(picture_rect_.x + picture_rect_.width), y1 = std::int32_t(picture_rect_.y + picture_rect_.height);
  // A blit with its source corners swapped mirrors the picture, for free.
  const std::array<vk::Offset3D, 2> from{vk::Offset3D{mirror ? std::int32_t(size.width) : 0, 0, 0},
                                         vk::Offset3D{mirror ? 0 : std::int32_t(size.width), std::int32_t(size.height), 1}};
  const vk::ImageBlit blit{.srcSubresource = {kColour, 0, 0, 1},
                           .srcOffsets = from,
                           .dstSubresource = {kColour, 0, 0, 1},
                           .dstOffsets = std::array<vk::Offset3D, 2>{vk::Offset3D{x0, y0, 0}, vk::Offset3D{x1, y1, 1}}};
  cmd.blitImage(picture_->handle(), vk::ImageLayout::eTransferSrcOptimal, images_[image_index_],
                vk::ImageLayout::eTransferDstOptimal, blit, vk::Filter::eLinear);
}

void Presenter::begin_overlay() {
  const auto& cmd = command_buffer();
  transition(cmd, images_[image_index_], kColour, vk::ImageLayout::eTransferDstOptimal,
             vk::ImageLayout::eColorAttachmentOptimal, Stage::eClear | Stage::eBlit, Access::eTransferWrite,
             Stage::eColorAttachmentOutput, Access::eColorAttachmentRead | Access::eColorAttachmentWrite);
  cmd.beginRenderPass(vk::RenderPassBeginInfo{.renderPass = *render_pass_,
                                              .framebuffer = *framebuffers_[image_index_],
                                              .renderArea = {{0, 0}, extent_}},
                      vk::SubpassContents::eInline);
}

void Presenter::end_overlay() { command_buffer().endRenderPass(); }

void Presenter::end_frame(RgbaImage* screenshot) {
  const auto& cmd = command_buffer();
  const vk::Image image = images_[image_index_];
  if (screenshot) {
    const vk::DeviceSize bytes = vk::DeviceSize(extent_.width) * extent_.height * 4;
    if (!screenshot_ || screenshot_->size() < bytes)
      screenshot_.emplace(gpu_, bytes, vk::BufferUsageFlagBits::eTransferDst, MemoryUse::kReadback);
    // The render pass left the image in TransferSrcOptimal with its writes made available.
    transition(cmd, image, kColour, vk::ImageLayout::eTransferSrcOptimal, vk::ImageLayout::eTransferSrcOptimal,
               Stage::eColorAttachmentOutput, Access::eColorAttachmentWrite, Stage::eCopy, Access::eTransferRead);
    cmd.copyImageToBuffer(image, vk::ImageLayout::eTransferSrcOptimal, screenshot_->handle(),
                          vk::BufferImageCopy{.imageSubresource = {kColour, 0, 0, 1},
                                              .imageExtent = {extent_.width, extent_.height, 1}});
  }
  transition(cmd, image, kColour, vk::ImageLayout::eTransferSrcOptimal, vk::ImageLayout::ePresentSrcKHR,
             Stage::eColorAttachmentOutput | Stage::eCopy, Access::eColorAttachmentWrite | Access::eTransferRead,
             Stage::eBottomOfPipe, {});
  cmd.end();
  const vk::CommandBuffer handle = *cmd;
  const vk::PipelineStageFlags wait_stage = vk::PipelineStageFlagBits::eTransfer;
  const vk::Semaphore wait = *acquired_, signal = *rendered_[image_index_];
  gpu_.queue().submit(vk::SubmitInfo{.waitSemaphoreCount = 1,
                                     .pWaitSemaphores = &wait,
                                     .pWaitDstStageMask = &wait_stage,
                                     .commandBufferCount = 1,
                                     .pCommandBuffers = &handle,
                                     .signalSemaphoreCount = 1,
                                     .pSignalSemaphores = &signal},
                      *frame_done_);
  const vk::SwapchainKHR swapchain = *swapchain_;
  try {
    const vk::Result result = gpu_.queue().presentKHR(vk::PresentInfoKHR{.waitSemaphoreCount = 1,
                                                                         .pWaitSemaphores = &signal,
                                                                         .swapchainCount = 1,
                                                                         .pSwapchains = &swapchain,
                                                                         .pImageIndices = &image_index_});
    if (result == vk::Result::eSuboptimalKHR) needs_recreate_ = true;
  } catch (const vk::OutOfDateKHRError&) {
    needs_recreate_ = true;
  }
  if (screenshot) {
    if (gpu_.device().waitForFences(*frame_done_, VK_TRUE, UINT64_MAX) != vk::Result::eSuccess)
      throw std::runtime_error("the GPU did not finish the screenshot");
    screenshot->width = int(extent_.width);
    screenshot->height = int(extent_.height);
    screenshot->pixels.resize(std::size_t(extent_.width) * extent_.height);
    std::memcpy(screenshot->pixels.data(), screenshot_->mapped(), screenshot->pixels.size() * 4);
    if (format_.format == vk::Format::eB8G8R8A8Unorm)  // BGRA in memory: swap red and blue
      for (std::uint32_t& p : screenshot->pixels) p = (p & 0xff00ff00u) | (p & 0xffu) << 16 | (p >> 16 & 0xffu);
  }
}

}  // namespace smp
