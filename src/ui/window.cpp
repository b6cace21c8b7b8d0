#include "ui/window.h"

#include <cstdlib>

#define GLFW_INCLUDE_VULKAN
#include <GLFW/glfw3.h>

namespace smp {
namespace {

std::string glfw_error() {
  const char* text = nullptr;
  glfwGetError(&text);
  return text ? text : "unknown reason";
}

}  // namespace

bool display_available() {
  const char* x11 = std::getenv("DISPLAY");
  const char* wayland = std::getenv("WAYLAND_DISPLAY");
  return (x11 && *x11) || (wayland && *wayland);
}

Window::Window(const std::string& title, int width, int height, bool fullscreen) {
  if (!display_available()) throw WindowError("no display (DISPLAY and WAYLAND_DISPLAY are not set)");
  if (glfwInit() != GLFW_TRUE) throw WindowError("cannot open a window: " + glfw_error());
  if (glfwVulkanSupported() != GLFW_TRUE) {
    glfwTerminate();
    throw WindowError("this display cannot show Vulkan pictures (no VK_KHR_surface for it)");
  }
  glfwWindowHint(GLFW_CLIENT_API, GLFW_NO_API);  // Vulkan draws, not OpenGL
  window_ = glfwCreateWindow(width, height, title.c_str(), nullptr, nullptr);
  if (!window_) {
    const std::string why = glfw_error();
    glfwTerminate();
    throw WindowError("cannot open a window: " + why);
  }
  if (fullscreen) set_fullscreen(true);
}

Window::~Window() {
  glfwDestroyWindow(window_);
  glfwTerminate();
}

std::vector<std::string> Window::required_instance_extensions() {
  if (glfwInit() != GLFW_TRUE) throw WindowError("cannot open a window: " + glfw_error());
  std::uint32_t count = 0;
  const char** names = glfwGetRequiredInstanceExtensions(&count);
  if (!names) throw WindowError("this display cannot show Vulkan pictures: " + glfw_error());
  return {names, names + count};
}

bool Window::can_present(VkInstance instance, VkPhysicalDevice device, std::uint32_t queue_family) {
  return glfwGetPhysicalDevicePresentationSupport(instance, device, queue_family) == GLFW_TRUE;
}

vk::raii::SurfaceKHR Window::create_surface(const vk::raii::Instance& instance) const {
  VkSurfaceKHR surface = VK_NULL_HANDLE;
  if (glfwCreateWindowSurface(*instance, window_, nullptr, &surface) != VK_SUCCESS)
    throw WindowError("cannot draw into the window: " + glfw_error());
  return vk::raii::SurfaceKHR(instance, surface);
}

bool Window::should_close() const { return glfwWindowShouldClose(window_) == GLFW_TRUE; }
void Window::refuse_close() const { glfwSetWindowShouldClose(window_, GLFW_FALSE); }
void Window::request_close() const { glfwSetWindowShouldClose(window_, GLFW_TRUE); }
void Window::resize(int width, int height) const { glfwSetWindowSize(window_, width, height); }
void Window::hide_cursor() const { glfwSetInputMode(window_, GLFW_CURSOR, GLFW_CURSOR_HIDDEN); }

vk::Extent2D Window::framebuffer_size() const {
  int width = 0, height = 0;
  glfwGetFramebufferSize(window_, &width, &height);
  return {std::uint32_t(std::max(0, width)), std::uint32_t(std::max(0, height))};
}

void Window::set_fullscreen(bool on) {
  if (on == fullscreen_) return;
  if (on) {
    glfwGetWindowPos(window_, &windowed_x_, &windowed_y_);
    glfwGetWindowSize(window_, &windowed_width_, &windowed_height_);
    GLFWmonitor* monitor = glfwGetPrimaryMonitor();
    if (!monitor) return;  // no monitor to fill (a virtual display): stay windowed
    const GLFWvidmode* mode = glfwGetVideoMode(monitor);
    glfwSetWindowMonitor(window_, monitor, 0, 0, mode->width, mode->height, mode->refreshRate);
  } else {
    glfwSetWindowMonitor(window_, nullptr, windowed_x_, windowed_y_, windowed_width_, windowed_height_, 0);
  }
  fullscreen_ = on;
}

void Window::poll_events(double timeout_s) const {
  if (timeout_s > 0.0) glfwWaitEventsTimeout(timeout_s);
  else glfwPollEvents();
}

}  // namespace smp
