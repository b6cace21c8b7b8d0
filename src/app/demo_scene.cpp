#include "app/demo_scene.h"

#include "app/design_settings.h"

namespace smp {

Intrinsics demo_intrinsics(int width, int height) {
  // 340 mm of the scene's height fills the picture at the demo distance of 600 mm.
  Intrinsics k;
  k.width = width;
  k.height = height;
  k.fx = k.fy = height * kDemoDistanceMm / 340.0;
  k.cx = 0.5 * (width - 1);
  k.cy = 0.5 * (height - 1);
  return k;
}

HeadPose demo_pose(double pitch_deg, double yaw_deg, double roll_deg, double distance_mm) {
  HeadPose pose;
  pose.pitch_deg = pitch_deg;
  pose.yaw_deg = yaw_deg;
  pose.roll_deg = roll_deg;
  // The head origin (between the ear canals) sits 10 mm above the picture's centre, so the scalp
  // and face fill the frame with the neck and shoulders below.
  pose.translation_mm = {0.0, -10.0, distance_mm};
  return pose;
}

ScalpFit demo_scalp_fit() {
  using namespace demo_head;
  ScalpShape shape{.centre_mm = kCraniumCentre,
                   .half_breadth_mm = kCraniumRadii.x,
                   .half_height_mm = kCraniumRadii.y,
                   .front_length_mm = kCraniumRadii.z,
                   .back_length_mm = kCraniumRadii.z,
                   .taper = kCraniumTaper};
  const glm::dvec3 left_eye(kOuterEyeCornerLeft);
  return {.surface = ScalpSurface(shape),
          .glabella = glm::dvec3(kGlabella),
          .outer_eye_corner_left = left_eye,
          .outer_eye_corner_right = left_eye * glm::dvec3(-1.0, 1.0, 1.0)};
}

DemoScene::DemoScene(const Gpu& gpu, const TriangleMesh& head, int width, int height, const DemoFieldOptions& field,
                     SplatTechnique technique)
    : intrinsics_(demo_intrinsics(width, height)),
      fit_(demo_scalp_fit()),
      reach_(reach_elevations(fit_)),
      renderer_(gpu, width, height, technique),
      head_pass_(gpu, head, width, height) {
  set_dots(build_scalp_dot_field(region(), field.density_per_cm2, field.seed), field.density_per_cm2);
}

void DemoScene::set_dots(std::span<const Dot> dots, double density_per_cm2) {
  renderer_.set_dots(pack_dots(dots));
  field_ = {.density_per_cm2 = density_per_cm2, .ranks = std::uint32_t(dots.size())};
}

SplatSettings DemoScene::settings_for(const SmpDesign& design) const { return splat_settings_for(design, fit_, field_); }

const RgbaImage& DemoScene::render(const HeadPose& pose, const SplatSettings& settings) {
  head_pass_.set_view(pose, intrinsics_);
  return renderer_.render(head_pass_, pose, intrinsics_, settings);
}

}  // namespace smp
