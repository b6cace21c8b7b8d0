#pragma once
// The head's silhouette in a picture: the outer edge of the skull's top and sides above the ears, skin
// or hair against the background, found around a tracked face. The face's landmarks say where the
// face is; nothing in them says how large this person's skull is or where its top lies, and the scalp
// fit (src/scalp/scalp_fit.h) takes both from this outline.
//
// The outline is sampled along rays from a point inside the head: ray i leaves `centre_px` at
// `angle_rad[i]` from `up_px` (the picture direction of the head frame's +y, src/tracking/head_pose.h),
// positive angles turning towards the picture's right, and meets the silhouette at `radius_px[i]`.
// The rays span the skull from one ear top over the vertex to the other.
#include <optional>
#include <vector>

#include <glm/glm.hpp>

#include "capture/frame.h"
#include "tracking/head_pose.h"
#include "tracking/face_landmarks.h"

namespace smp {

struct HeadOutline {
  glm::dvec2 centre_px{0.0};
  glm::dvec2 up_px{0.0, -1.0};     // unit
  std::vector<double> angle_rad;   // per ray, from up_px; > 0 towards the picture's right
  std::vector<double> radius_px;   // per ray: from centre_px to the silhouette
  std::vector<double> strength;    // per ray, 0..1: how clear the edge is there (0: none, the shape prior)
  std::vector<bool> cut_off;       // per ray: the silhouette lies beyond the picture's edge
  double expected_radius_scale_px = 0.0;  // px per mm at the head's centre: the rays' search scale

  // The picture direction a quarter turn clockwise from up_px (up (0, -1) -> right (1, 0): the
  // picture's y runs down), towards which the angles grow.
  glm::dvec2 right_px() const { return {-up_px.y, up_px.x}; }
  glm::dvec2 direction(std::size_t ray) const;  // unit, in the picture
  glm::dvec2 point(std::size_t ray) const { return centre_px + radius_px[ray] * direction(ray); }
  // The ray met a clear edge inside the picture.
  bool clear(std::size_t ray) const { return strength[ray] >= 0.5 && !cut_off[ray]; }
  double clear_share() const;  // of the rays
};

enum class OutlineMethod {
  kEdgeRays,  // colour edges along the rays, chosen together by dynamic programming (smooth outline)
  kGrabCut,   // OpenCV's GrabCut, seeded with the face (head) and the far surroundings (background)
};

// Rays from one ear top over the vertex to the other: +-105 degrees from up, every 2.5 degrees.
inline constexpr int kOutlineRays = 85;
inline constexpr double kOutlineHalfSpanRad = 105.0 * 3.14159265358979 / 180.0;

// The rays around a head at `pose`, with nothing found along them yet (radius 0, strength 0): where a
// scalp's silhouette can be measured (silhouette_radii_px), say to draw it. nullopt: behind the camera.
std::optional<HeadOutline> outline_rays(const HeadPose& pose, const Intrinsics& camera);

// The outline around a tracked face (`pose` from its landmarks, the picture's `camera`); nullopt when
// the head lies too far outside the picture to say anything.
std::optional<HeadOutline> find_head_outline(const RgbaImage& picture, const HeadPose& pose, const Intrinsics& camera,
                                             const Landmarks68& landmarks, OutlineMethod method = OutlineMethod::kEdgeRays);

}  // namespace smp
