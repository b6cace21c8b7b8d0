#pragma once
// The built-in demo wired together: the procedural head drawn by the raster pass as the camera
// picture, and a dot field on its scalp splatted over it, in one command buffer per frame.
#include <cstdint>

#include "capture/demo_head.h"
#include "dots/scalp_dot_field.h"
#include "gpu/head_raster_pass.h"
#include "gpu/splat_renderer.h"
#include "scalp/coverage.h"
#include "scalp/design.h"

namespace smp {

// A webcam-like camera (about 53 degrees across at 16:9) that frames the demo bust head and shoulders.
Intrinsics demo_intrinsics(int width, int height);
// The demo head at the given angles (shared/data/README.md convention), framed by demo_intrinsics at
// kDemoDistanceMm; nearer, a close-up of the same camera.
inline constexpr double kDemoDistanceMm = 600.0;
HeadPose demo_pose(double pitch_deg, double yaw_deg, double roll_deg, double distance_mm = kDemoDistanceMm);
// The demo head's scalp, known exactly (its cranium is the scalp surface's egg), and its landmarks.
ScalpFit demo_scalp_fit();

struct DemoFieldOptions {
  double density_per_cm2 = 80.0;  // the most the design may ask for
  std::uint64_t seed = 1;
};

class DemoScene {
 public:
  DemoScene(const Gpu& gpu, const TriangleMesh& head, int width, int height, const DemoFieldOptions& field,
            SplatTechnique technique = SplatTechnique::kComputeSplat);
  // Replaces the dot field (e.g. for the benchmark's dot counts); off the frame loop.
  void set_dots(std::span<const Dot> dots, double density_per_cm2);
  const RgbaImage& render(const HeadPose& pose, const SplatSettings& settings);
  // The per-frame settings that show `design` on this scene's field.
  SplatSettings settings_for(const SmpDesign& design) const;

  SplatRenderer& renderer() { return renderer_; }
  const Intrinsics& intrinsics() const { return intrinsics_; }
  const ScalpFit& fit() const { return fit_; }
  // Where any design can reach on the demo scalp: the region the field covers.
  FieldRegion region() const { return {fit_.surface, reach_}; }
  FieldSize field() const { return field_; }

 private:
  Intrinsics intrinsics_;
  ScalpFit fit_;
  std::vector<double> reach_;
  FieldSize field_;
  SplatRenderer renderer_;
  HeadRasterPass head_pass_;
};

}  // namespace smp
