#pragma once
// The program's one window (GLFW): created for Vulkan (no OpenGL context), resizable, with a
// fullscreen toggle on the monitor it is on. Throws WindowError when there is no display.
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <vulkan/vulkan_raii.hpp>

struct GLFWwindow;

namespace smp {

struct WindowError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// True when a window can be opened here (an X11 or Wayland display is reachable).
bool display_available();

class Window {
 public:
  Window(const std::string& title, int width, int height, bool fullscreen);
  ~Window();
  Window(const Window&) = delete;
  Window& operator=(const Window&) = delete;

  // The instance extensions a surface needs, and whether a queue family can present to it: for GpuOptions.
  static std::vector<std::string> required_instance_extensions();
  static bool can_present(VkInstance instance, VkPhysicalDevice device, std::uint32_t queue_family);
  vk::raii::SurfaceKHR create_surface(const vk::raii::Instance& instance) const;

  GLFWwindow* handle() const { return window_; }
  bool should_close() const;
  // Takes back a close request (the close button, Alt+F4): a kiosk stays open.
  void refuse_close() const;
  // Asks to close, as the window manager would (tests of the kiosk's lock).
  void request_close() const;
  // No pointer over the picture (a touch screen, a kiosk); clicks and touches still arrive.
  void hide_cursor() const;
  // In pixels of the framebuffer; 0 x 0 while minimised.
  vk::Extent2D framebuffer_size() const;
  void set_fullscreen(bool fullscreen);
  // As a person dragging the window's corner would (tests of the swapchain's re-creation).
  void resize(int width, int height) const;
  bool fullscreen() const { return fullscreen_; }
  // Handles pending events without waiting; while minimised, waits up to `timeout_s` for one.
  void poll_events(double timeout_s = 0.0) const;

 private:
  GLFWwindow* window_ = nullptr;
  bool fullscreen_ = false;
  int windowed_x_ = 0, windowed_y_ = 0, windowed_width_ = 0, windowed_height_ = 0;
};

}  // namespace smp
