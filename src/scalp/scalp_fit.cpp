#include "scalp/scalp_fit.h"

#include <algorithm>
#include <cmath>

namespace smp {

ScalpFit fit_scalp(const FaceLandmarks3d& m) {
  namespace adult = adult_face;
  const glm::dvec3 mirror{-1.0, 1.0, 1.0};
  ScalpFit fit;
  fit.glabella = m.glabella.value_or(adult::kGlabella);
  fit.outer_eye_corner_left = m.outer_eye_corner_left.value_or(
      m.outer_eye_corner_right ? *m.outer_eye_corner_right * mirror : adult::kOuterEyeCornerLeft);
  fit.outer_eye_corner_right = m.outer_eye_corner_right.value_or(fit.outer_eye_corner_left * mirror);

  double bizygomatic = adult::kBizygomaticWidthMm;
  if (m.cheekbone_left && m.cheekbone_right) bizygomatic = glm::length(*m.cheekbone_left - *m.cheekbone_right);
  else if (m.cheekbone_left || m.cheekbone_right) bizygomatic = 2.0 * std::abs((m.cheekbone_left ? *m.cheekbone_left : *m.cheekbone_right).x);
  const double face_height = m.menton ? fit.glabella.y - m.menton->y : adult::kGlabellaToMentonMm;

  // Measured, or from the proportions; kept inside the adult range.
  namespace limits = skull_limits;
  const double breadth =
      std::clamp(m.head_breadth_mm.value_or(1.10 * bizygomatic), limits::kMinBreadthMm, limits::kMaxBreadthMm);
  const double length = std::clamp(breadth / 0.78, 165.0, 215.0);
  const double vertex_height = std::clamp(m.vertex_height_mm.value_or(1.05 * face_height), limits::kMinVertexHeightMm,
                                          limits::kMaxVertexHeightMm);
  const double offset = std::clamp(m.skull_offset_mm.value_or(0.0), -limits::kMaxOffsetMm, limits::kMaxOffsetMm);

  ScalpShape shape;
  // The equator just above the brow, so the forehead rises from it; the centre over the ear canals.
  shape.centre_mm = glm::vec3(float(offset), float(fit.glabella.y + 8.0), -2.0f);
  shape.half_height_mm = float(vertex_height - shape.centre_mm.y);
  // The front passes through the glabella at its elevation; the back takes the rest of the length.
  const double glabella_elevation = std::asin(std::clamp((fit.glabella.y - shape.centre_mm.y) / shape.half_height_mm, -0.9, 0.9));
  shape.front_length_mm = float((fit.glabella.z - shape.centre_mm.z) / std::cos(glabella_elevation));
  shape.back_length_mm = float(std::max(length - shape.front_length_mm, 0.4 * length));
  // Breadth is linear in the half breadth: scale a unit one to the wanted breadth.
  shape.half_breadth_mm = 1.0f;
  shape.half_breadth_mm = float(breadth / ScalpSurface(shape).breadth_mm());
  fit.surface = ScalpSurface(shape);
  return fit;
}

FaceLandmarks3d landmarks_of(const FaceModel& face) {
  // iBUG 68 numbering: 21/22 inner brow ends, 36/45 outer eye corners (36 is the patient's right, on
  // the picture's left).
  glm::dvec3 glabella = 0.5 * (face[21] + face[22]);
  glabella.x = 0.0;  // on the midline
  return {.glabella = glabella,
          .outer_eye_corner_left = face[45],
          .outer_eye_corner_right = face[36],
          .cheekbone_left = std::nullopt,  // the adult means instead: see scalp_fit.h
          .cheekbone_right = std::nullopt,
          .menton = std::nullopt,
          .head_breadth_mm = std::nullopt,  // from the head's outline, where one is found (outline_fit.h)
          .vertex_height_mm = std::nullopt,
          .skull_offset_mm = std::nullopt};
}

}  // namespace smp
