#pragma once
// Fitting the scalp surface to a patient from face landmarks: a pure function, with adult defaults for
// whatever was not measured. The skull cannot be seen under the skin, so its size follows the face
// through anthropometric proportions (Farkas, "Anthropometry of the Head and Face", adult means):
//   head breadth (eu-eu) ~ 1.10 x bizygomatic width (zy-zy),
//   head length (g-op)   ~ breadth / 0.78 (cephalic index ~78, mesocephalic),
//   vertex above the ear canals (v-po) ~ 1.05 x glabella-to-menton height,
// and its front passes through the glabella.
#include <optional>

#include "scalp/scalp_surface.h"
#include "tracking/face_model.h"

namespace smp {

// Landmarks in the head frame (src/tracking/head_pose.h), mm; "left" is the person's own left (+x).
struct FaceLandmarks3d {
  std::optional<glm::dvec3> glabella;          // between the eyebrows
  std::optional<glm::dvec3> outer_eye_corner_left, outer_eye_corner_right;  // lateral canthi
  std::optional<glm::dvec3> cheekbone_left, cheekbone_right;               // zygia: widest points
  std::optional<glm::dvec3> menton;            // lowest point of the chin
  // The skull itself, where the head's outline in a picture measured it (fit_scalp_to_outlines):
  // these replace the proportions above.
  std::optional<double> head_breadth_mm;       // eu-eu
  std::optional<double> vertex_height_mm;      // po-v: the vertex above the ear canals
  std::optional<double> skull_offset_mm;       // the skull's middle to the person's left (+x) of the face's
};

// Adult means where nothing is measured (both sexes; Farkas).
namespace adult_face {
inline constexpr glm::dvec3 kGlabella{0.0, 32.0, 96.0};
inline constexpr glm::dvec3 kOuterEyeCornerLeft{45.0, 14.0, 76.0};
inline constexpr double kBizygomaticWidthMm = 137.0;
inline constexpr double kGlabellaToMentonMm = 124.0;
}  // namespace adult_face

struct ScalpFit {
  ScalpSurface surface;
  // The landmarks the hairline design is placed from, measured or default.
  glm::dvec3 glabella;
  glm::dvec3 outer_eye_corner_left, outer_eye_corner_right;
};

ScalpFit fit_scalp(const FaceLandmarks3d& measured);

// The adult range every fit stays in, so that a bad measurement cannot make a freak head (Farkas:
// means +- about 3 standard deviations).
namespace skull_limits {
inline constexpr double kMinBreadthMm = 125.0, kMaxBreadthMm = 175.0;
inline constexpr double kMinVertexHeightMm = 110.0, kMaxVertexHeightMm = 150.0;
inline constexpr double kMaxOffsetMm = 12.0;
}  // namespace skull_limits

// The measurements a 3D face model (head frame) of dlib's 68 landmarks gives: the glabella between the
// inner brow ends and the outer eye corners. Not the breadth or height: the jaw line's top ends sit by
// the ears, wider than the zygia, and the chin and brow points make a taller face than anthropometry's
// glabella-menton, so the fit's proportions made the tracking model's head 161 mm broad and 142 mm tall
// (adult means: about 151 and 130) and put dots past the temples and above the crown in photos. The
// fit takes the adult means instead. Tracking poses every face as face_model(), so
// fit_scalp(landmarks_of(face_model())) is the scalp that pose carries.
FaceLandmarks3d landmarks_of(const FaceModel& face);

}  // namespace smp
