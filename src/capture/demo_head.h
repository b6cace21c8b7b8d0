#pragma once
// The built-in demo head: a procedural adult head-and-shoulders bust in the head frame
// (src/tracking/head_pose.h), for showing the product with no camera and no data.
// Proportions follow adult male means (Farkas, "Anthropometry of the Head and Face"): head breadth
// ~150 mm, head length glabella-opisthocranion ~195 mm, nasion-menton ~120 mm, vertex ~130 mm above
// the ear canals.
#include "capture/surface_nets.h"

namespace smp {

namespace demo_head {
// Landmarks of the demo head, head frame, mm.
inline constexpr glm::vec3 kGlabella{0.0f, 32.0f, 96.0f};
inline constexpr glm::vec3 kVertex{0.0f, 132.0f, -2.0f};
inline constexpr glm::vec3 kOuterEyeCornerLeft{45.0f, 13.0f, 78.0f};  // lateral canthus; the right one mirrors it
// The cranium is an egg: an ellipsoid whose width tapers by kCraniumTaper towards the forehead (as a
// skull narrows from the parietal bones to the frontal bone), the form of the scalp surface in
// src/scalp/scalp_surface.h, so the demo's scalp is known exactly.
inline constexpr glm::vec3 kCraniumCentre{0.0f, 40.0f, -2.0f};
inline constexpr glm::vec3 kCraniumRadii{72.0f, 92.0f, 96.0f};
inline constexpr float kCraniumTaper = 0.08f;
inline constexpr float kHeadBreadthMm = 150.0f;
inline constexpr float kHeadLengthMm = 195.0f;
}  // namespace demo_head

// Signed distance to the demo head's skin, mm (negative inside).
float demo_head_distance(const glm::vec3& p_mm);

// The mesh the raster pass draws; `cell_mm` trades detail for build time.
TriangleMesh build_demo_head_mesh(float cell_mm = 2.0f);

}  // namespace smp
