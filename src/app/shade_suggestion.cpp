#include "app/shade_suggestion.h"

#include <cstdio>

#include "scalp/starting_shade.h"
#include "tracking/skin_tone.h"

namespace smp {

ShadeSuggestion suggest_shade(const RgbaImage& picture, const TrackedFace& face) {
  if (!face.found) return {std::nullopt, "No face in view: the skin is measured on the forehead"};
  if (face.source == PoseSource::kHead) return {std::nullopt, "The face is turned away: measure with the face to the camera"};
  // The demo's pose is known, not tracked: it has no landmarks, and no skin of its own.
  if (face.landmarks == Landmarks68{}) return {std::nullopt, "The demo head has no skin to measure"};
  const SkinMeasurement measured = measure_skin_tone(picture, face.landmarks);
  if (!measured.tone) return {std::nullopt, measured.problem};
  const SkinTone& tone = *measured.tone;
  const double shade = starting_shade(tone.ita_deg);
  // The camera faces the patient: the picture's left is the patient's right.
  const bool patients_right = tone.card.x + tone.card.width / 2 < face.landmarks[30].x;  // left of the nose
  char line[240];
  std::snprintf(line, sizeof line, "Skin: ITA %.0f deg, %s (about type %s), against the paper beside the patient's %s cheek: start from shade %.2f",
                tone.ita_deg, ita_category_name(tone.category), fitzpatrick_type(tone.category), patients_right ? "right" : "left", shade);
  return {shade, line};
}

}  // namespace smp
