#pragma once
// The built-in demo wired together: the procedural head drawn by the raster pass as the camera
// picture, and the demo dot field splatted over it, in one command buffer per frame.
#include <cstdint>

#include "capture/demo_head.h"
#include "dots/demo_dot_field.h"
#include "gpu/head_raster_pass.h"
#include "gpu/splat_renderer.h"

namespace smp {

// A webcam-like camera (about 53 degrees across at 16:9) that frames the demo bust head and shoulders.
Intrinsics demo_intrinsics(int width, int height);
// The demo head at the given angles (shared/data/README.md convention), framed by demo_intrinsics.
HeadPose demo_pose(double pitch_deg, double yaw_deg, double roll_deg);

struct DemoFieldOptions {
  double density_per_cm2 = 80.0;  // middle of the clinical 20-150 range (shared/smp-clinical.md)
  std::uint64_t seed = 1;
};

class DemoScene {
 public:
  DemoScene(const Gpu& gpu, const TriangleMesh& head, int width, int height, const DemoFieldOptions& field,
            SplatTechnique technique = SplatTechnique::kComputeSplat);
  // Replaces the dot field (e.g. for the benchmark's dot counts); off the frame loop.
  void set_dots(std::span<const Dot> dots);
  const RgbaImage& render(const HeadPose& pose, const SplatSettings& settings);

  SplatRenderer& renderer() { return renderer_; }
  const Intrinsics& intrinsics() const { return intrinsics_; }

 private:
  Intrinsics intrinsics_;
  SplatRenderer renderer_;
  HeadRasterPass head_pass_;
};

}  // namespace smp
