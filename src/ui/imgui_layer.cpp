#include "ui/imgui_layer.h"

#include <imgui.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_vulkan.h>

namespace smp {
namespace {

void check_vulkan_result(VkResult result) {
  if (result < 0) throw std::runtime_error("the panel's GPU drawing failed (VkResult " + std::to_string(int(result)) + ")");
}

// The font atlas is the only texture the panel uses: one combined image sampler is enough.
vk::raii::DescriptorPool make_pool(const Gpu& gpu) {
  const vk::DescriptorPoolSize size{.type = vk::DescriptorType::eCombinedImageSampler, .descriptorCount = 1};
  return vk::raii::DescriptorPool(gpu.device(), {.flags = vk::DescriptorPoolCreateFlagBits::eFreeDescriptorSet,
                                                 .maxSets = 1,
                                                 .poolSizeCount = 1,
                                                 .pPoolSizes = &size});
}

}  // namespace

ImGuiLayer::ImGuiLayer(const Gpu& gpu, const Window& window, const Presenter& presenter) : gpu_(gpu), pool_(make_pool(gpu)) {
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // nothing written beside the program: no imgui.ini in the clinic's folders
  ImGui::StyleColorsDark();
  ImGui::GetStyle().ScaleAllSizes(1.25f);
  io.FontGlobalScale = 1.25f;  // read from a patient's chair as well as the practitioner's
  ImGui_ImplGlfw_InitForVulkan(window.handle(), true);
  ImGui_ImplVulkan_InitInfo info{};
  info.Instance = *gpu.instance();
  info.PhysicalDevice = *gpu.physical_device();
  info.Device = *gpu.device();
  info.QueueFamily = gpu.queue_family();
  info.Queue = *gpu.queue();
  info.DescriptorPool = *pool_;
  info.Subpass = 0;
  info.MinImageCount = presenter.min_image_count();
  info.ImageCount = std::max(presenter.image_count(), presenter.min_image_count());
  info.MSAASamples = VK_SAMPLE_COUNT_1_BIT;
  info.CheckVkResultFn = check_vulkan_result;
  ImGui_ImplVulkan_Init(&info, presenter.render_pass());
  gpu.run_once([](const vk::raii::CommandBuffer& cmd) { ImGui_ImplVulkan_CreateFontsTexture(*cmd); });
  ImGui_ImplVulkan_DestroyFontUploadObjects();
}

ImGuiLayer::~ImGuiLayer() {
  gpu_.device().waitIdle();  // its pipeline and font may still be in use by the last frame
  ImGui_ImplVulkan_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
}

void ImGuiLayer::new_frame() {
  ImGui_ImplVulkan_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  ImGui::NewFrame();
}

void ImGuiLayer::render(const vk::raii::CommandBuffer& cmd) {
  ImGui::Render();
  ImGui_ImplVulkan_RenderDrawData(ImGui::GetDrawData(), *cmd);
}

}  // namespace smp
