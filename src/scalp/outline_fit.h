#pragma once
// Fitting the scalp to the head's outline in one or more pictures: the skull's breadth, the vertex's
// height above the ear canals and its sideways offset from the face (FaceLandmarks3d's skull
// measurements) chosen so that the projected silhouette of fit_scalp's surface meets the outline
// found in the pictures (src/tracking/head_outline.h). A person's skull does not change during a
// consultation: several views of it are fitted together, and the fit changes only when asked again.
#include <span>

#include "scalp/scalp_fit.h"
#include "tracking/head_outline.h"

namespace smp {

// One picture of the head: its outline, and the pose and camera it was seen with.
struct OutlineView {
  HeadOutline outline;
  HeadPose pose;
  Intrinsics camera;
};

struct OutlineFit {
  ScalpFit fit;
  FaceLandmarks3d measured;  // the landmarks given, with the skull's measurements filled in
  // The face's landmarks pin its pitch only loosely (a few degrees on AFLW2000, more with a smile or a
  // bowed head), and the skull's top shows every degree: the fit also turns the head about the
  // glabella's left-right axis, which leaves the face where the landmarks put it.
  // corrected() turns a view's pose into the fitted one.
  double pitch_correction_deg = 0.0;  // > 0: chin up (shared/data/README.md)
  HeadPose corrected(const HeadPose& pose) const;
  // false: too little clear outline, or none that a skull follows; `fit` is fit_scalp(landmarks) unchanged
  bool fitted = false;
  double clear_share = 0.0;  // of the rays, over all views: a clear edge inside the picture
  // Over the clear rays, after the fit: mean and largest distance between silhouette and outline, as a
  // share of the head's width in the picture.
  double mean_error_share = 0.0, max_error_share = 0.0;
};

// Rays whose projected silhouette this fit cannot be judged on (none reaches them) stay at 0.
std::vector<double> silhouette_radii_px(const ScalpSurface& surface, const OutlineView& view);

// `pose` turned chin up by `degrees` about the head frame's left-right axis through `pivot_mm`.
HeadPose pitched_about(const HeadPose& pose, double degrees, const glm::dvec3& pivot_mm);

// How far inside the outline the fit puts the silhouette, as a share of the head's width, on the ray at
// `angle_rad` from up: 1% over the vertex, rising to 3% at the ear tops. Skin seen edge-on shows
// no ink anyway (the dots fade out towards the silhouette), while a scalp a little too large puts dots
// in the air beside the head, which every eye sees; lowest down, where the skull narrows to the ears
// below the rays' reach, the egg is broadest.
double outline_inset_share(double angle_rad);

// Needs a clear edge on at least kMinClearShare of the rays (summed over the views), and a skull that
// follows the outline to within kMaxMeanErrorShare of the head's width on average: hair or a hat make an
// outline no skull fits (hair stands 5-15 mm off the scalp), and the adult-mean scalp inside it is the
// safer guess until the hair is told from the skin.
inline constexpr double kMinClearShare = 0.4;
inline constexpr double kMaxMeanErrorShare = 0.035;
OutlineFit fit_scalp_to_outlines(const FaceLandmarks3d& landmarks, std::span<const OutlineView> views);

}  // namespace smp
