#include "gpu/frame_targets.h"

namespace smp {
namespace {
constexpr auto kStorage = vk::BufferUsageFlagBits::eStorageBuffer;
constexpr auto kTransferSrc = vk::BufferUsageFlagBits::eTransferSrc;
constexpr auto kTransferDst = vk::BufferUsageFlagBits::eTransferDst;
}  // namespace

size_t FrameTargets::padded_pixel_count() const {
  const size_t group = shader::COMPOSITE_PIXELS_PER_THREAD;
  return (pixel_count() + group - 1) / group * group;
}

FrameTargets::FrameTargets(const Gpu& gpu, int w, int h)
    : width(w),
      height(h),
      params(gpu, sizeof(FrameParams), vk::BufferUsageFlagBits::eUniformBuffer, MemoryUse::kUpload),
      camera_upload(gpu, picture_bytes(), kTransferSrc, MemoryUse::kUpload),
      camera(gpu, padded_pixel_count() * 4, kStorage | kTransferDst | kTransferSrc, MemoryUse::kDevice),
      ink(gpu, 2 * ink_plane_b_offset() * 4, kStorage | kTransferDst | kTransferSrc, MemoryUse::kDevice),
      skin(gpu, padded_pixel_count(), kStorage, MemoryUse::kUpload),
      output_readback(gpu, picture_bytes(), kTransferDst, MemoryUse::kReadback) {}

}  // namespace smp
