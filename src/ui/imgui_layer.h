#pragma once
// Dear ImGui (Debian's 1.86) on our window and GPU: its GLFW backend for input, its Vulkan backend
// drawing into the Presenter's render pass. Owns the ImGui context; one per program.
#include "ui/presenter.h"

namespace smp {

class ImGuiLayer {
 public:
  ImGuiLayer(const Gpu& gpu, const Window& window, const Presenter& presenter);
  ~ImGuiLayer();
  ImGuiLayer(const ImGuiLayer&) = delete;
  ImGuiLayer& operator=(const ImGuiLayer&) = delete;

  // Before the frame's widgets.
  void new_frame();
  // Finishes the widgets and records their drawing (inside Presenter::begin_overlay/end_overlay).
  void render(const vk::raii::CommandBuffer& cmd);

 private:
  const Gpu& gpu_;
  vk::raii::DescriptorPool pool_;
};

}  // namespace smp
