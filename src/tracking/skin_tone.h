#pragma once
// The patient's skin type, measured on the forehead, for the panel's starting shade.
//
// A camera's colours follow its light, exposure and white balance as much as the skin: in two official
// portraits in ../shared, the fairer man's warm, dim one measures darker than the darker man's bright
// one (ITA 0 against 45). So the skin is measured against a reference in the same picture: a sheet of
// white paper held flat beside the face, facing the camera. Paper reflects about kPaperReflectance of
// every colour; the forehead's linear RGB over the paper's, times that, is the skin's reflectance under
// any light, exposure or white balance, and the ITA of its CIELAB colour gives the skin's category.
//
// ITA, the individual typology angle (Chardon et al. 1991), in degrees: atan2(L* - 50, b*). Categories
// (Del Bino et al. 2006): > 55 very light, 41..55 light, 28..41 intermediate, 10..28 tan, -30..10 brown,
// < -30 dark; roughly Fitzpatrick types I to VI in that order.
#include <array>
#include <optional>
#include <string>

#include <glm/glm.hpp>

#include "capture/frame.h"
#include "tracking/face_landmarks.h"

namespace smp {

inline constexpr double kPaperReflectance = 0.85;  // office paper, across the visible range

struct PixelBox {
  int x = 0, y = 0, width = 0, height = 0;
};

struct SkinTone {
  glm::dvec3 reflectance{0.0};   // the forehead's linear RGB reflectance, 0..1
  double lightness = 0.0;        // CIELAB L* of that reflectance (D65), 0..100
  double yellowness = 0.0;       // CIELAB b*
  double ita_deg = 0.0;          // individual typology angle
  int category = 0;              // 1 very light .. 6 dark (the ITA categories above)
  PixelBox card;                 // where the white paper was measured
};

struct SkinMeasurement {
  std::optional<SkinTone> tone;
  std::string problem;  // when no tone: why, and what to do, in one line for the practitioner
};

// Looks for the paper in a box on either side of the face (the one that is a bright, even patch, not
// overexposed) and measures the forehead's band above the brows against it.
SkinMeasurement measure_skin_tone(const RgbaImage& picture, const Landmarks68& landmarks);

// Where the paper is looked for, on the picture's left and right of the face: beside the cheeks, from
// a third of the face's width outward.
std::array<PixelBox, 2> white_card_boxes(const Landmarks68& landmarks);

// The category's name ("intermediate"), and about which Fitzpatrick type it is ("III").
const char* ita_category_name(int category);
const char* fitzpatrick_type(int category);

}  // namespace smp
