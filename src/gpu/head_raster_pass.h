#pragma once
// Draws the demo head mesh, lit and skin-toned, as the camera picture of the demo (4x MSAA so the
// silhouette does not stair-step), straight into FrameTargets::camera within the frame's command buffer.
#include <optional>

#include "capture/surface_nets.h"
#include "gpu/buffer.h"
#include "gpu/graphics_pipeline.h"
#include "gpu/image.h"
#include "gpu/splat_renderer.h"

namespace smp {

class HeadRasterPass : public CameraPicturePass {
 public:
  HeadRasterPass(const Gpu& gpu, const TriangleMesh& mesh, int width, int height);
  // The pose and camera of the next record().
  void set_view(const HeadPose& pose, const Intrinsics& intrinsics);
  void record(const vk::raii::CommandBuffer& cmd, const FrameTargets& targets) const override;

 private:
  Buffer vertices_;
  Buffer indices_;
  uint32_t index_count_;
  Image colour_msaa_;
  Image depth_msaa_;
  Image colour_;
  GraphicsPipeline pipeline_;
  HeadRasterParams params_{};
};

// Perspective projection from OpenCV intrinsics to Vulkan clip space (y down, depth 0..1).
glm::mat4 camera_to_clip(const Intrinsics& k, float near_mm, float far_mm);

}  // namespace smp
