#pragma once
// Benchmark baseline (issue 19): the least work a compute splat can do per dot on this device, to say
// how far the engine is from it. The same dots, projected and culled on the host, stored in screen-tile
// order, each added to its 2x2 nearest pixels with bilinear weights (shaders/minimal_splat.comp); the
// same ink buffer and composite as the engine. Its picture is not ours (no footprints, no design).
#include <optional>
#include <span>
#include <vector>

#include "dots/dot.h"
#include "gpu/compute_pipeline.h"
#include "gpu/frame_targets.h"
#include "tracking/head_pose.h"

namespace smp {

class MinimalSplatPass {
 public:
  MinimalSplatPass(const Gpu& gpu, const FrameTargets& targets);
  void set_dots(std::span<const shader::GpuDot> dots);
  // Projects the dots on the host and uploads them, when the pose or the camera changed since the last
  // call (a benchmark renders one pose): outside the frame's timed commands.
  void prepare(const HeadPose& pose, const Intrinsics& intrinsics, float dot_diameter_mm);
  void record(const vk::raii::CommandBuffer& cmd) const;

 private:
  const Gpu& gpu_;
  const FrameTargets& targets_;
  ComputePipeline pipeline_;
  std::vector<Dot> dots_;
  std::optional<Buffer> projected_;
  std::uint32_t projected_count_ = 0;
  struct Projection {
    glm::mat4 head_to_camera;
    glm::dvec4 intrinsics;
    float dot_diameter_mm;
    bool operator==(const Projection&) const = default;
  };
  std::optional<Projection> prepared_for_;  // what projected_ was made for
};

}  // namespace smp
