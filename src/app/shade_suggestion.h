#pragma once
// The starting shade from the patient's skin (issue 16): the forehead measured against white paper
// held beside the face (src/tracking/skin_tone.h), and the shade for that skin
// (src/scalp/starting_shade.h), with one line for the practitioner. The panel's Measure button and
// `render --shade-from-skin` both use it; the practitioner may always move the slider from there.
#include <optional>
#include <string>

#include "capture/frame.h"
#include "tracking/tracker.h"

namespace smp {

struct ShadeSuggestion {
  std::optional<double> shade;  // none: nothing measured
  std::string line;             // what was measured and the shade, or why nothing, and what to do
};

ShadeSuggestion suggest_shade(const RgbaImage& picture, const TrackedFace& face);

}  // namespace smp
