#pragma once
// What the window shows, on the GPU: a swapchain (FIFO, so presenting waits for the display's vsync),
// the picture blitted into it to fill the window at its own proportions (mirrored when asked), and a
// render pass on top where the Dear ImGui panel draws (Debian's ImGui 1.86 Vulkan backend needs a
// VkRenderPass). A resized window recreates the swapchain; a minimised one draws nothing.
// One frame in flight: the picture shown is always the newest, at the cost of a little GPU overlap.
#include <cstdint>
#include <optional>

#include "capture/frame.h"
#include "gpu/buffer.h"
#include "gpu/image.h"
#include "ui/window.h"

namespace smp {

struct PictureRect {
  float x = 0, y = 0, width = 0, height = 0;  // framebuffer pixels
};

class Presenter {
 public:
  Presenter(const Gpu& gpu, const Window& window);
  ~Presenter();  // waits for the GPU
  Presenter(const Presenter&) = delete;
  Presenter& operator=(const Presenter&) = delete;

  // Starts a frame; false when there is nothing to draw into (minimised; try again next time).
  bool begin_frame();
  // Puts the picture into the frame: scaled to fit, centred, black bars around, mirrored left-right.
  void draw_picture(const RgbaImage& picture, bool mirror);
  // The panel's render pass: record ImGui's draw data into command_buffer() between these two.
  void begin_overlay();
  void end_overlay();
  // Submits and presents; with `screenshot`, the finished frame (panel included) is copied into it.
  void end_frame(RgbaImage* screenshot = nullptr);

  const vk::raii::CommandBuffer& command_buffer() const { return command_buffers_.front(); }
  vk::RenderPass render_pass() const { return *render_pass_; }
  std::uint32_t image_count() const { return std::uint32_t(images_.size()); }
  std::uint32_t min_image_count() const { return min_image_count_; }
  const PictureRect& picture_rect() const { return picture_rect_; }

 private:
  void create_swapchain();

  const Gpu& gpu_;
  const Window& window_;
  vk::raii::SurfaceKHR surface_;
  vk::SurfaceFormatKHR format_{};
  vk::raii::RenderPass render_pass_{nullptr};
  vk::raii::SwapchainKHR swapchain_{nullptr};
  vk::Extent2D extent_{};
  std::uint32_t min_image_count_ = 2;
  std::vector<vk::Image> images_;
  std::vector<vk::raii::ImageView> views_;
  std::vector<vk::raii::Framebuffer> framebuffers_;
  std::vector<vk::raii::Semaphore> rendered_;  // one per swapchain image: presenting waits on it
  vk::raii::Semaphore acquired_{nullptr};
  vk::raii::Fence frame_done_{nullptr};
  vk::raii::CommandPool pool_{nullptr};
  vk::raii::CommandBuffers command_buffers_{nullptr};
  std::optional<Buffer> upload_;
  std::optional<Image> picture_;
  std::optional<Buffer> screenshot_;
  std::uint32_t image_index_ = 0;
  bool needs_recreate_ = false;
  PictureRect picture_rect_;
};

}  // namespace smp
