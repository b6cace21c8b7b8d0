#pragma once
// The built-in demo as a frame source: the demo head turning slowly in front of a webcam-like camera
// (demo_intrinsics), drawn on the GPU. Its true pose at every frame is demo_source_pose(t_ms): the
// live loop uses that instead of tracking (dlib finds the synthetic face, but its landmarks on it are
// too rough for a steady pose).
#include <memory>

#include "app/demo_scene.h"
#include "capture/frame_source.h"

namespace smp {

struct DemoSourceOptions {
  int width = 1280, height = 720;
  double fps = 30.0;
  std::uint64_t frames = 0;  // 0: forever, like a camera
  bool paced = true;         // deliver frames in real time; false: as fast as they are drawn
};

// One slow turn every 12 s: yaw +-30 deg, pitch and roll a few degrees (shared/data/README.md).
HeadPose demo_source_pose(double t_ms);

// Draws with `gpu`, which must outlive the source. A source read on the capture thread needs a Gpu
// of its own: a Vulkan queue is not shared between threads.
std::unique_ptr<FrameSource> open_demo(const Gpu& gpu, const DemoSourceOptions& options);

}  // namespace smp
