#pragma once
// How many GPU buffers and images (each with its own device memory) are alive in the program: a soak
// test runs the kiosk for hours' worth of frames and checks that this does not grow.
#include <atomic>

namespace smp {

class LiveGpuObject {
 public:
  LiveGpuObject() { ++count_; }
  LiveGpuObject(const LiveGpuObject&) { ++count_; }
  LiveGpuObject(LiveGpuObject&&) noexcept { ++count_; }
  LiveGpuObject& operator=(const LiveGpuObject&) = default;
  LiveGpuObject& operator=(LiveGpuObject&&) noexcept = default;
  ~LiveGpuObject() { --count_; }
  // Buffers and images alive now (moved-from husks included until they are destroyed).
  static long alive() { return count_.load(); }

 private:
  static inline std::atomic<long> count_{0};
};

}  // namespace smp
