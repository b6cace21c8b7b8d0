#include "app/demo_scene.h"

namespace smp {

Intrinsics demo_intrinsics(int width, int height) {
  // 340 mm of the scene's height fills the picture at the demo distance of 600 mm.
  Intrinsics k;
  k.width = width;
  k.height = height;
  k.fx = k.fy = height * 600.0 / 340.0;
  k.cx = 0.5 * (width - 1);
  k.cy = 0.5 * (height - 1);
  return k;
}

HeadPose demo_pose(double pitch_deg, double yaw_deg, double roll_deg) {
  HeadPose pose;
  pose.pitch_deg = pitch_deg;
  pose.yaw_deg = yaw_deg;
  pose.roll_deg = roll_deg;
  // The head origin (between the ear canals) sits 10 mm above the picture's centre, so the scalp
  // and face fill the frame with the neck and shoulders below.
  pose.translation_mm = {0.0, -10.0, 600.0};
  return pose;
}

DemoScene::DemoScene(const Gpu& gpu, const TriangleMesh& head, int width, int height, const DemoFieldOptions& field,
                     SplatTechnique technique)
    : intrinsics_(demo_intrinsics(width, height)),
      renderer_(gpu, width, height, technique),
      head_pass_(gpu, head, width, height) {
  set_dots(build_demo_dot_field(head, field.density_per_cm2, field.seed));
}

void DemoScene::set_dots(std::span<const Dot> dots) { renderer_.set_dots(pack_dots(dots)); }

const RgbaImage& DemoScene::render(const HeadPose& pose, const SplatSettings& settings) {
  head_pass_.set_view(pose, intrinsics_);
  return renderer_.render(head_pass_, pose, intrinsics_, settings);
}

}  // namespace smp
