#pragma once
// The Vulkan instance, the chosen device and its one queue. Everything else on the GPU takes a
// `const Gpu&`. Works with no window and no surface.
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <vulkan/vulkan_raii.hpp>

namespace smp {

// No usable Vulkan 1.3 device, or the one asked for is not there. Exit code 1 at the command line.
struct NoGpuError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct GpuOptions {
  // Enable VK_LAYER_KHRONOS_validation. Defaults to on when SMPVIEW_VALIDATION=1 is set (every test run).
  bool validation = validation_requested_by_environment();
  // Case-insensitive part of the device name; empty: prefer a discrete GPU, then any Vulkan 1.3 device.
  std::string device_name;
  // For a window (src/ui): the instance extensions its surface needs, and whether a queue family of a
  // device can present to it. With `can_present` set, the chosen queue must present too, and the
  // device gets VK_KHR_swapchain.
  std::vector<std::string> instance_extensions{};
  std::function<bool(VkInstance, VkPhysicalDevice, uint32_t queue_family)> can_present{};

  static bool validation_requested_by_environment();
};

// Every message the validation layers sent; a test fails when this is not empty.
class ValidationLog {
 public:
  void add(std::string message);
  std::vector<std::string> messages() const;
  size_t count() const;

 private:
  mutable std::mutex mutex_;
  std::vector<std::string> messages_;
};

class Gpu {
 public:
  explicit Gpu(const GpuOptions& options = {});
  Gpu(const Gpu&) = delete;
  Gpu& operator=(const Gpu&) = delete;

  const vk::raii::Instance& instance() const { return instance_; }
  const vk::raii::Device& device() const { return device_; }
  const vk::raii::PhysicalDevice& physical_device() const { return physical_device_; }
  const vk::raii::Queue& queue() const { return queue_; }
  uint32_t queue_family() const { return queue_family_; }
  std::string device_name() const;
  const ValidationLog& validation_log() const { return *validation_log_; }
  // Nanoseconds per timestamp tick, or nullopt when the queue has no timestamps.
  std::optional<double> timestamp_period_ns() const;

  uint32_t memory_type(uint32_t allowed_types, vk::MemoryPropertyFlags required,
                       vk::MemoryPropertyFlags preferred = {}) const;

  // Records work with `record`, submits it and waits: for uploads and set-up, never per frame.
  void run_once(const std::function<void(const vk::raii::CommandBuffer&)>& record) const;

 private:
  std::unique_ptr<ValidationLog> validation_log_;  // stable address for the debug callback
  vk::raii::Context context_;
  vk::raii::Instance instance_{nullptr};
  vk::raii::DebugUtilsMessengerEXT messenger_{nullptr};
  vk::raii::PhysicalDevice physical_device_{nullptr};
  uint32_t queue_family_ = 0;
  vk::raii::Device device_{nullptr};
  vk::raii::Queue queue_{nullptr};
  vk::raii::CommandPool one_shot_pool_{nullptr};
};

}  // namespace smp
