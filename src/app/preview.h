#pragma once
// The "after" picture: one camera frame in, the same frame with the design's dots on the tracked head
// out. Shared by the live mirror and by preview videos. Every tracked face is posed as the tracking
// face model, so one scalp (fit_scalp(landmarks_of(face_model()))) and one dot field serve every
// frame; the field is built once, before the first frame.
#include <optional>

#include "dots/scalp_dot_field.h"
#include "gpu/splat_renderer.h"
#include "scalp/coverage.h"
#include "scalp/design.h"
#include "tracking/skin_matte.h"
#include "tracking/tracker.h"
#include "tracking/tracking_thread.h"

namespace smp {

// What a picture on screen was made from. The window loops run at the display's rate, faster than most
// cameras deliver, and on lavapipe a render takes most of a refresh: a frame already shown with the
// same design and wipe is not rendered again.
struct ShownFrom {
  bool demo = false;  // the kiosk's attract loop, not the camera
  std::uint64_t frame = 0;
  bool with_dots = false;
  SmpDesign design;
  float wipe = 1.0f;
  std::uint64_t second_frame = 0;  // the live mirror's second view (app/second_view.h): its frame + 1, 0 for none
  bool second_with_dots = false;
  bool operator==(const ShownFrom&) const = default;
};

// True, and remembers `now` in `last`, when the picture on screen must be made again from `now`.
inline bool needs_render(std::optional<ShownFrom>& last, ShownFrom now) {
  if (last == now) return false;
  last = std::move(now);
  return true;
}

class Preview {
 public:
  // Builds the dot field at `field_density_per_cm2` (densest_per_cm2 of the densest design that will
  // be shown): about 3 s at 80 per cm^2, so never on the frame loop.
  Preview(const Gpu& gpu, const Intrinsics& camera, double field_density_per_cm2, std::uint64_t seed = 1);
  // With a field built beforehand (build_field, on a worker thread: the window stays responsive), on
  // `fit` (the demo head's own scalp, say).
  Preview(const Gpu& gpu, const Intrinsics& camera, std::span<const Dot> field, double field_density_per_cm2,
          const ScalpFit& fit = tracked_scalp());
  // Draws the field on `fit` from the next frame on: a scalp refitted to the head's outline, or the
  // field's own again. The dots keep their chart coordinates (FrameParams), so nothing is rebuilt and
  // the design stays where it was on the skin.
  void set_scalp(const ScalpFit& fit);
  // Draws through `camera` from the next frame on (a photo's head placed again, with the focal length
  // that puts it at a photo's distance); the picture's size stays.
  void set_camera(const Intrinsics& camera);
  // The dot field on `fit`: CPU only, safe on any thread.
  static std::vector<Dot> build_field(double density_per_cm2, const ScalpFit& fit = tracked_scalp(), std::uint64_t seed = 1);
  // The scalp that tracking's face model carries.
  static ScalpFit tracked_scalp();

  // The frame with dots, or `camera` itself while no dot shows. Hair and the background stay in front of
  // the dots: each frame with a face finds its skin matte and the head's outline
  // (src/tracking/skin_matte.h, find_head_matte) here. When tracking loses the
  // head the dots fade out where it was last seen (over kFadeMs of the frames' own time) instead of
  // hanging in the air, and fade back in when it is found.
  const RgbaImage& render(const RgbaImage& camera, const TrackedFace& face, const SmpDesign& design);
  // As above with the splat settings given directly (benchmarks draw the whole field).
  const RgbaImage& render(const RgbaImage& camera, const TrackedFace& face, SplatSettings settings);
  // A frame from the tracking thread, which found its skin matte already: the render loop does not.
  const RgbaImage& render(const TrackedFrame& tracked, const SmpDesign& design);
  const RgbaImage& render(const TrackedFrame& tracked, SplatSettings settings);
  SplatSettings settings_for(const SmpDesign& design) const;
  // Replaces the dot field (benchmarks: a million random dots); off the frame loop.
  void set_dots(std::span<const Dot> dots, double density_per_cm2);
  FieldRegion region() const { return {field_fit_.surface, reach_}; }  // of the field, as built
  std::optional<double> last_splat_ms() const { return renderer_.last_splat_ms(); }
  float dot_opacity() const { return float(opacity_); }
  const ScalpFit& fit() const { return fit_; }  // the scalp the dots are drawn on

  static constexpr double kFadeMs = 300.0;

 private:
  Intrinsics camera_;
  ScalpFit field_fit_;          // the scalp the field was built on
  ScalpFit fit_;                // the one it is drawn on
  std::vector<double> reach_;  // the field region's border, kept here: FieldRegion only refers to it
  FieldSize field_;
  SplatRenderer renderer_;
  std::optional<HeadPose> last_pose_;
  // With `skin`, the skin matte of `face` in `camera` (empty: all skin).
  const RgbaImage& render_with(const RgbaImage& camera, const TrackedFace& face, SplatSettings settings, const SkinMatte& skin);

  SkinMatte matte_;  // found for the last face given without one
  double opacity_ = 0.0;
  std::optional<double> last_t_ms_;
};

}  // namespace smp
