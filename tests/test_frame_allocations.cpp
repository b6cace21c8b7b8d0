// A frame of the splat engine allocates nothing on the host (STYLE.md: "The frame loop allocates
// nothing"): operator new calls asked for by our own code are counted while frames are rendered.
// Calls from the Vulkan driver and the validation layers (which track state per command) are theirs.
#include <link.h>
#include <execinfo.h>

#include <array>
#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <new>
#include <string_view>

#include "app/demo_scene.h"
#include "test_support.h"

namespace {

std::atomic<bool> counting{false};
std::atomic<long> our_allocations{0};

// True when the allocation being made was asked for by our code: no frame of the call stack lies in a
// Vulkan loader, layer or driver library. (Checking only the caller is not enough: the layers' string
// streams reach std::string code that the linker placed in this executable.)
// Address ranges of the loaded Vulkan loader, layer and driver libraries, found once before counting
// (dladdr per allocation would be far too slow: it searches symbol tables).
struct AddressRange {
  std::uintptr_t begin, end;
};
std::array<AddressRange, 256> vulkan_ranges;
std::size_t vulkan_range_count = 0;

void find_vulkan_libraries() {
  vulkan_range_count = 0;
  dl_iterate_phdr(
      [](dl_phdr_info* info, std::size_t, void*) {
        const std::string_view library = info->dlpi_name ? info->dlpi_name : "";
        bool theirs = false;
        for (const char* name : {"libvulkan", "VkLayer", "libLLVM"}) theirs |= library.find(name) != std::string_view::npos;
        for (int i = 0; theirs && i < info->dlpi_phnum && vulkan_range_count < vulkan_ranges.size(); ++i)
          if (info->dlpi_phdr[i].p_type == PT_LOAD) {
            const std::uintptr_t begin = info->dlpi_addr + info->dlpi_phdr[i].p_vaddr;
            vulkan_ranges[vulkan_range_count++] = {begin, begin + info->dlpi_phdr[i].p_memsz};
          }
        return 0;
      },
      nullptr);
}

bool in_vulkan_library(const void* address) {
  const auto a = reinterpret_cast<std::uintptr_t>(address);
  for (std::size_t i = 0; i < vulkan_range_count; ++i)
    if (a >= vulkan_ranges[i].begin && a < vulkan_ranges[i].end) return true;
  return false;
}

bool requested_by_our_code() {
  if (in_vulkan_library(__builtin_return_address(0))) return false;  // the common case, decided fast
  void* frames[8];  // the layers' detours through libstdc++ are a few frames deep; unwinding is slow
  const int depth = backtrace(frames, 8);
  for (int i = 0; i < depth; ++i)
    if (in_vulkan_library(frames[i])) return false;
  return true;
}

}  // namespace

// Replacement allocation functions for the whole test binary (they only count; malloc does the work).
// GCC cannot see that new and delete below are a matched pair.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
void* operator new(std::size_t size) {
  if (counting.load(std::memory_order_relaxed) && requested_by_our_code())
    our_allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(size ? size : 1)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { operator delete(p); }
#pragma GCC diagnostic pop

namespace smp {
namespace {

using FrameAllocations = test::GpuTest;

TEST_F(FrameAllocations, RenderingFramesAllocatesNothingOnTheHost) {
  DemoScene scene(gpu(), test::demo_head_mesh(), 320, 240, {});
  const RgbaImage camera(320, 240, pack_rgba(200, 160, 140));
  find_vulkan_libraries();  // after the device exists: the driver and layers are loaded by now
  requested_by_our_code();  // backtrace() loads its unwinder on first use
  counting = true;
  for (int frame = 0; frame < 3; ++frame) {
    scene.render(demo_pose(-10.0 * frame, 5.0 * frame, 0), {.shade = 0.2f * frame});
    scene.renderer().render(camera, demo_pose(0, 3.0 * frame, 0), scene.intrinsics(), {});
  }
  counting = false;
  EXPECT_EQ(our_allocations.load(), 0) << "operator new calls from our code during 6 frames";
  // The counter works: an allocation of ours is seen.
  counting = true;
  auto* probe = new std::vector<int>(1000);
  counting = false;
  delete probe;
  EXPECT_GE(our_allocations.load(), 1);
}

}  // namespace
}  // namespace smp
