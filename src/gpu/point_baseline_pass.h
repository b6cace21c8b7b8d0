#pragma once
// Benchmark baseline (issue: "the way most people would first do it"): the dots drawn through the
// graphics pipeline as one-pixel point primitives, additively blended into a float image that is then
// copied into the ink buffer. Same dots, same placement code (shaders/dot_common.glsl), same composite.
#include "gpu/compute_pipeline.h"
#include "gpu/frame_targets.h"
#include "gpu/graphics_pipeline.h"
#include "gpu/image.h"

namespace smp {

class PointBaselinePass {
 public:
  PointBaselinePass(const Gpu& gpu, const FrameTargets& targets);
  void bind(const Gpu& gpu, const FrameTargets& targets, vk::Buffer dots) const;
  void record(const vk::raii::CommandBuffer& cmd, const FrameTargets& targets, uint32_t dot_count) const;

 private:
  Image ink_image_;
  BufferDescriptorSet descriptors_;
  GraphicsPipeline pipeline_;
};

}  // namespace smp
