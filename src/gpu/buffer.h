#pragma once
// A VkBuffer with its own memory. Host-visible buffers stay mapped for their whole life.
#include <cstring>
#include <span>

#include "gpu/gpu.h"
#include "gpu/live_objects.h"

namespace smp {

enum class MemoryUse {
  kDevice,    // only the GPU touches it; device-local
  kUpload,    // the host writes, the GPU reads; coherent, so no flushes
  kReadback,  // the GPU writes, the host reads; cached where possible
};

class Buffer {
 public:
  Buffer(const Gpu& gpu, vk::DeviceSize size, vk::BufferUsageFlags usage, MemoryUse use);

  vk::Buffer handle() const { return *buffer_; }
  vk::DeviceSize size() const { return size_; }
  // Host pointer of an upload or readback buffer.
  std::byte* mapped() const { return mapped_; }

  template <typename T>
  void write(std::span<const T> values, vk::DeviceSize offset_bytes = 0) const {
    if (!values.empty()) std::memcpy(mapped_ + offset_bytes, values.data(), values.size_bytes());
  }

 private:
  vk::DeviceSize size_;
  vk::raii::Buffer buffer_;
  vk::raii::DeviceMemory memory_{nullptr};
  std::byte* mapped_ = nullptr;
  LiveGpuObject counted_;
};

// Copies `bytes` into a new device-local buffer through a temporary upload buffer.
Buffer upload_to_device(const Gpu& gpu, std::span<const std::byte> bytes, vk::BufferUsageFlags usage);

}  // namespace smp
