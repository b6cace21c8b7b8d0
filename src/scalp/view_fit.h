#pragma once
// Placing the scalp in a photo that shows no face, from the head's mask (src/tracking/head_mask.h) and
// the photo's view (src/tracking/photo_view.h): the view gives the head's turn; its tilt in the picture,
// its position and its size in the picture are chosen so that the scalp's projected silhouette fills as much of the
// mask as it can while hardly leaving it. Ink outside the head is what every eye sees, ink missing at
// the rim (seen edge-on, where dots fade anyway) is not, so leaving the mask costs several times what
// filling it gains. The face below the skull belongs to the mask too, which is why the fit is not a
// plain overlap.
#include <span>

#include <opencv2/core.hpp>

#include "scalp/scalp_surface.h"
#include "tracking/head_pose.h"

namespace smp {

struct ViewFit {
  HeadPose pose;
  Intrinsics camera;        // as given, or with the focal length that puts the head at the photo distance
  double tilt_deg = 0.0;    // the head's turn in the picture from the view's upright, > 0 clockwise
  double inside_share = 0.0;   // of the silhouette, inside the mask
  double covered_share = 0.0;  // of the mask, under the silhouette
};

// `angles`: the view's pitch and yaw (view_angles). `camera`: the photo's lens when it is known
// (`lens_known`); otherwise only its size and principal point are used, and the focal length returned
// is the one that puts the head `photo_distance_mm` from the camera.
// `face`: points of the face in the head's frame (the face model's landmarks), drawn into the
// silhouette with the skull in a profile, where the brow, nose and chin stand out of the mask's front
// and a bare skull would slide into the face.
ViewFit fit_view_to_mask(const cv::Mat& mask, const HeadPose& angles, const ScalpSurface& surface, Intrinsics camera,
                         bool lens_known, double photo_distance_mm, std::span<const glm::dvec3> face = {});

// Tilts in the picture tried either way from upright: a clinic photo is taken upright, give or take a
// tilted head.
inline constexpr double kMaxViewTiltDeg = 30.0;

}  // namespace smp
