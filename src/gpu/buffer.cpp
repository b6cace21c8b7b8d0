#include "gpu/buffer.h"

#include <algorithm>

namespace smp {

Buffer::Buffer(const Gpu& gpu, vk::DeviceSize size, vk::BufferUsageFlags usage, MemoryUse use)
    : size_(std::max<vk::DeviceSize>(size, 4)),
      buffer_(gpu.device(), vk::BufferCreateInfo{.size = size_, .usage = usage, .sharingMode = vk::SharingMode::eExclusive}) {
  const auto requirements = buffer_.getMemoryRequirements();
  using Mem = vk::MemoryPropertyFlagBits;
  uint32_t type = 0;
  switch (use) {
    case MemoryUse::kDevice: type = gpu.memory_type(requirements.memoryTypeBits, Mem::eDeviceLocal); break;
    case MemoryUse::kUpload:
      type = gpu.memory_type(requirements.memoryTypeBits, Mem::eHostVisible | Mem::eHostCoherent);
      break;
    case MemoryUse::kReadback:
      type = gpu.memory_type(requirements.memoryTypeBits, Mem::eHostVisible | Mem::eHostCoherent, Mem::eHostCached);
      break;
  }
  memory_ = vk::raii::DeviceMemory(gpu.device(), {.allocationSize = requirements.size, .memoryTypeIndex = type});
  buffer_.bindMemory(*memory_, 0);
  if (use != MemoryUse::kDevice) mapped_ = static_cast<std::byte*>(memory_.mapMemory(0, VK_WHOLE_SIZE));
}

Buffer upload_to_device(const Gpu& gpu, std::span<const std::byte> bytes, vk::BufferUsageFlags usage) {
  Buffer staging(gpu, bytes.size(), vk::BufferUsageFlagBits::eTransferSrc, MemoryUse::kUpload);
  staging.write(bytes);
  Buffer target(gpu, bytes.size(), usage | vk::BufferUsageFlagBits::eTransferDst, MemoryUse::kDevice);
  gpu.run_once([&](const vk::raii::CommandBuffer& cmd) {
    cmd.copyBuffer(staging.handle(), target.handle(), vk::BufferCopy{.size = std::max<size_t>(bytes.size(), 4)});
  });
  return target;
}

}  // namespace smp
