#include "app/preview.h"

#include <algorithm>
#include <stdexcept>

#include "app/design_settings.h"

namespace smp {

ScalpFit Preview::tracked_scalp() { return fit_scalp(landmarks_of(face_model())); }

Preview::Preview(const Gpu& gpu, const Intrinsics& camera, double field_density_per_cm2, std::uint64_t seed)
    : Preview(gpu, camera, build_field(field_density_per_cm2, tracked_scalp(), seed), field_density_per_cm2) {}

Preview::Preview(const Gpu& gpu, const Intrinsics& camera, std::span<const Dot> field, double field_density_per_cm2,
                 const ScalpFit& fit)
    : camera_(camera), field_fit_(fit), fit_(fit), reach_(reach_elevations(fit)), renderer_(gpu, camera.width, camera.height) {
  set_dots(field, field_density_per_cm2);
}

std::vector<Dot> Preview::build_field(double density_per_cm2, const ScalpFit& fit, std::uint64_t seed) {
  return build_scalp_dot_field({fit.surface, reach_elevations(fit)}, density_per_cm2, seed);
}

void Preview::set_dots(std::span<const Dot> dots, double density_per_cm2) {
  renderer_.set_dots(pack_dots(dots));
  field_ = {.density_per_cm2 = density_per_cm2, .ranks = std::uint32_t(dots.size())};
}

void Preview::set_scalp(const ScalpFit& fit) { fit_ = fit; }

void Preview::set_camera(const Intrinsics& camera) {
  if (camera.width != camera_.width || camera.height != camera_.height)
    throw std::invalid_argument("Preview::set_camera: the picture's size changed");
  camera_ = camera;
}

SplatSettings Preview::settings_for(const SmpDesign& design) const {
  SplatSettings settings = splat_settings_for(design, fit_, field_);
  settings.scalp = drawn_scalp(field_fit_.surface, fit_.surface);
  return settings;
}

const RgbaImage& Preview::render(const RgbaImage& camera, const TrackedFace& face, const SmpDesign& design) {
  return render(camera, face, settings_for(design));
}

const RgbaImage& Preview::render(const RgbaImage& camera, const TrackedFace& face, SplatSettings settings) {
  if (face.has_landmarks()) {
    find_head_matte(camera, face, camera_, matte_);
  } else if (face.found && face.source == PoseSource::kHead) {
    find_followed_head_matte(camera, face.pose, camera_, matte_);  // with the last face's skin colour
  } else {
    matte_.skin.clear();  // a pose given without landmarks (the demo head, a benchmark): all skin
  }
  return render_with(camera, face, settings, matte_);
}

const RgbaImage& Preview::render(const TrackedFrame& tracked, const SmpDesign& design) {
  return render(tracked, settings_for(design));
}

const RgbaImage& Preview::render(const TrackedFrame& tracked, SplatSettings settings) {
  return render_with(tracked.frame.picture, tracked.face, settings, tracked.skin);
}

const RgbaImage& Preview::render_with(const RgbaImage& camera, const TrackedFace& face, SplatSettings settings,
                                      const SkinMatte& skin) {
  if (face.found) {
    last_pose_ = face.pose;
    renderer_.set_skin_matte(skin.skin);  // the last face's stays while the dots fade out where it was
  }
  if (!last_t_ms_) {
    opacity_ = face.found ? 1.0 : 0.0;  // a head in the very first frame (a photo) shows at once
  } else {
    const double step = std::max(0.0, face.t_ms - *last_t_ms_) / kFadeMs;
    opacity_ = face.found ? std::min(1.0, opacity_ + step) : std::max(0.0, opacity_ - step);
  }
  last_t_ms_ = face.t_ms;
  if (opacity_ == 0.0 || !last_pose_) return camera;
  settings.opacity = float(opacity_);
  return renderer_.render(camera, *last_pose_, camera_, settings);
}

}  // namespace smp
