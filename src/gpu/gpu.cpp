#include "gpu/gpu.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <mutex>

namespace smp {
namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

VKAPI_ATTR VkBool32 VKAPI_CALL on_validation_message(VkDebugUtilsMessageSeverityFlagBitsEXT,
                                                     VkDebugUtilsMessageTypeFlagsEXT,
                                                     const VkDebugUtilsMessengerCallbackDataEXT* data,
                                                     void* user) {
  std::string message = data->pMessage ? data->pMessage : "(no text)";
  std::cerr << "vulkan validation: " << message << "\n";
  static_cast<ValidationLog*>(user)->add(std::move(message));
  return VK_FALSE;
}

const std::string kNoDeviceHelp =
    "no Vulkan 1.3 device found; install a GPU driver, or Mesa's lavapipe for the CPU (scripts/setup.sh does)";

int device_type_preference(vk::PhysicalDeviceType type) {
  switch (type) {
    case vk::PhysicalDeviceType::eDiscreteGpu: return 0;
    case vk::PhysicalDeviceType::eIntegratedGpu: return 1;
    case vk::PhysicalDeviceType::eVirtualGpu: return 2;
    case vk::PhysicalDeviceType::eCpu: return 3;
    default: return 4;
  }
}

// The splat pass adds ink to two pixels at once with 64-bit buffer atomics (shaders/shared.h, INK).
bool has_int64_buffer_atomics(const vk::raii::PhysicalDevice& device) {
  const auto chain = device.getFeatures2<vk::PhysicalDeviceFeatures2, vk::PhysicalDeviceVulkan12Features>();
  return chain.get<vk::PhysicalDeviceFeatures2>().features.shaderInt64 &&
         chain.get<vk::PhysicalDeviceVulkan12Features>().shaderBufferInt64Atomics;
}

// One queue does everything (compute, graphics, transfer, and presenting when there is a window).
std::optional<uint32_t> compute_graphics_family(const vk::raii::Instance& instance, const vk::raii::PhysicalDevice& device,
                                                const GpuOptions& options) {
  const auto families = device.getQueueFamilyProperties();
  for (uint32_t i = 0; i < families.size(); ++i) {
    const auto flags = families[i].queueFlags;
    if (!(flags & vk::QueueFlagBits::eCompute) || !(flags & vk::QueueFlagBits::eGraphics)) continue;
    if (options.can_present && !options.can_present(*instance, *device, i)) continue;
    return i;
  }
  return std::nullopt;
}

}  // namespace

bool GpuOptions::validation_requested_by_environment() {
  const char* value = std::getenv("SMPVIEW_VALIDATION");
  return value && std::strcmp(value, "0") != 0 && *value;
}

void ValidationLog::add(std::string message) {
  std::lock_guard lock(mutex_);
  messages_.push_back(std::move(message));
}

size_t ValidationLog::count() const {
  std::lock_guard lock(mutex_);
  return messages_.size();
}

std::vector<std::string> ValidationLog::messages() const {
  std::lock_guard lock(mutex_);
  return messages_;
}

Gpu::Gpu(const GpuOptions& options) : validation_log_(std::make_unique<ValidationLog>()) {
  const vk::ApplicationInfo app{
      .pApplicationName = "smpview", .applicationVersion = 1, .pEngineName = "smpview", .apiVersion = VK_API_VERSION_1_3};
  std::vector<const char*> layers, extensions;
  for (const std::string& name : options.instance_extensions) extensions.push_back(name.c_str());
  if (options.validation) {
    const auto available = context_.enumerateInstanceLayerProperties();
    const bool found = std::any_of(available.begin(), available.end(), [](const vk::LayerProperties& l) {
      return std::strcmp(l.layerName, "VK_LAYER_KHRONOS_validation") == 0;
    });
    if (!found) throw NoGpuError("validation was asked for but VK_LAYER_KHRONOS_validation is not installed "
                                 "(Debian package vulkan-validationlayers)");
    layers.push_back("VK_LAYER_KHRONOS_validation");
    extensions.push_back(VK_EXT_DEBUG_UTILS_EXTENSION_NAME);
  }
  try {
    instance_ = vk::raii::Instance(context_, vk::InstanceCreateInfo{
                                                 .pApplicationInfo = &app,
                                                 .enabledLayerCount = uint32_t(layers.size()),
                                                 .ppEnabledLayerNames = layers.data(),
                                                 .enabledExtensionCount = uint32_t(extensions.size()),
                                                 .ppEnabledExtensionNames = extensions.data()});
  } catch (const vk::IncompatibleDriverError&) {  // the loader found no driver at all
    throw NoGpuError(kNoDeviceHelp);
  }
  if (options.validation) {
    using Severity = vk::DebugUtilsMessageSeverityFlagBitsEXT;
    using Type = vk::DebugUtilsMessageTypeFlagBitsEXT;
    messenger_ = vk::raii::DebugUtilsMessengerEXT(
        instance_, vk::DebugUtilsMessengerCreateInfoEXT{
                       .messageSeverity = Severity::eWarning | Severity::eError,
                       .messageType = Type::eGeneral | Type::eValidation | Type::ePerformance,
                       .pfnUserCallback = on_validation_message,
                       .pUserData = validation_log_.get()});
  }

  // Choose: the named device, else the most capable type (discrete first); Vulkan 1.3 required.
  std::vector<vk::raii::PhysicalDevice> candidates;
  std::string seen;
  for (auto& device : vk::raii::PhysicalDevices(instance_)) {
    const auto props = device.getProperties();
    seen += std::string(seen.empty() ? "" : ", ") + props.deviceName.data();
    if (props.apiVersion < VK_API_VERSION_1_3 || !compute_graphics_family(instance_, device, options) ||
        !has_int64_buffer_atomics(device))
      continue;
    if (!options.device_name.empty() &&
        lower(props.deviceName.data()).find(lower(options.device_name)) == std::string::npos)
      continue;
    candidates.push_back(std::move(device));
  }
  if (candidates.empty()) {
    if (!options.device_name.empty())
      throw NoGpuError("no Vulkan 1.3 device with 64-bit buffer atomics matches --device '" + options.device_name + "' (found: " +
                       (seen.empty() ? "none" : seen) + ")");
    throw NoGpuError(seen.empty() ? kNoDeviceHelp : "no Vulkan 1.3 device with 64-bit buffer atomics among: " + seen + "; " + kNoDeviceHelp);
  }
  std::stable_sort(candidates.begin(), candidates.end(), [](const auto& a, const auto& b) {
    return device_type_preference(a.getProperties().deviceType) < device_type_preference(b.getProperties().deviceType);
  });
  physical_device_ = std::move(candidates.front());
  queue_family_ = *compute_graphics_family(instance_, physical_device_, options);

  const float priority = 1.0f;
  const vk::DeviceQueueCreateInfo queue_info{.queueFamilyIndex = queue_family_, .queueCount = 1, .pQueuePriorities = &priority};
  // maintenance4 (required of every 1.3 device) lets shaders take their work-group size from shared.h constants.
  vk::PhysicalDeviceVulkan13Features features13{
      .synchronization2 = VK_TRUE, .dynamicRendering = VK_TRUE, .maintenance4 = VK_TRUE};
  vk::PhysicalDeviceVulkan12Features features12{.pNext = &features13, .shaderBufferInt64Atomics = VK_TRUE};
  const vk::PhysicalDeviceFeatures2 features{.pNext = &features12, .features = {.shaderInt64 = VK_TRUE}};
  const char* swapchain = VK_KHR_SWAPCHAIN_EXTENSION_NAME;
  const bool window = bool(options.can_present);
  device_ = vk::raii::Device(physical_device_, vk::DeviceCreateInfo{.pNext = &features,
                                                                     .queueCreateInfoCount = 1,
                                                                     .pQueueCreateInfos = &queue_info,
                                                                     .enabledExtensionCount = window ? 1u : 0u,
                                                                     .ppEnabledExtensionNames = &swapchain});
  queue_ = vk::raii::Queue(device_, queue_family_, 0);
  one_shot_pool_ = vk::raii::CommandPool(
      device_, {.flags = vk::CommandPoolCreateFlagBits::eTransient, .queueFamilyIndex = queue_family_});
}

std::string Gpu::device_name() const { return physical_device_.getProperties().deviceName.data(); }

std::optional<double> Gpu::timestamp_period_ns() const {
  const auto families = physical_device_.getQueueFamilyProperties();
  if (families[queue_family_].timestampValidBits == 0) return std::nullopt;
  return physical_device_.getProperties().limits.timestampPeriod;
}

uint32_t Gpu::memory_type(uint32_t allowed_types, vk::MemoryPropertyFlags required,
                          vk::MemoryPropertyFlags preferred) const {
  const auto memory = physical_device_.getMemoryProperties();
  std::optional<uint32_t> fallback;
  for (uint32_t i = 0; i < memory.memoryTypeCount; ++i) {
    if (!(allowed_types & (1u << i))) continue;
    const auto flags = memory.memoryTypes[i].propertyFlags;
    if ((flags & required) != required) continue;
    if ((flags & preferred) == preferred) return i;
    if (!fallback) fallback = i;
  }
  if (!fallback) throw std::runtime_error("the GPU has no memory type with the properties a buffer needs");
  return *fallback;
}

void Gpu::run_once(const std::function<void(const vk::raii::CommandBuffer&)>& record) const {
  vk::raii::CommandBuffers buffers(device_, {.commandPool = *one_shot_pool_,
                                             .level = vk::CommandBufferLevel::ePrimary,
                                             .commandBufferCount = 1});
  const auto& cmd = buffers.front();
  cmd.begin({.flags = vk::CommandBufferUsageFlagBits::eOneTimeSubmit});
  record(cmd);
  cmd.end();
  vk::raii::Fence fence(device_, vk::FenceCreateInfo{});
  const vk::CommandBuffer handle = *cmd;
  queue_.submit(vk::SubmitInfo{.commandBufferCount = 1, .pCommandBuffers = &handle}, *fence);
  if (device_.waitForFences(*fence, VK_TRUE, UINT64_MAX) != vk::Result::eSuccess)
    throw std::runtime_error("GPU work did not finish");
}

}  // namespace smp
