#pragma once
// The shade the panel suggests to start from, for a skin measured by its ITA (src/tracking/skin_tone.h).
// Practice (shared/smp-clinical.md) starts light and matches the skin type: fair skin shows diluted
// pigment plainly and turns a dark shade into a harsh, bluish stipple; darker skin needs more pigment to
// read against its own melanin. The anchors are the middles of the six ITA categories; the slider's
// default, 0.5, sits between intermediate and tan skin. The practitioner adjusts from there.
#include <algorithm>
#include <array>
#include <utility>

namespace smp {

inline double starting_shade(double ita_deg) {
  // {ITA, shade}, from the darkest skin to the fairest.
  constexpr std::array<std::pair<double, double>, 6> kAnchors{{
      {-45.0, 0.85}, {-10.0, 0.7}, {19.0, 0.55}, {34.5, 0.45}, {48.0, 0.35}, {70.0, 0.25}}};
  if (ita_deg <= kAnchors.front().first) return kAnchors.front().second;
  for (size_t i = 1; i < kAnchors.size(); ++i)
    if (ita_deg <= kAnchors[i].first) {
      const auto [x0, y0] = kAnchors[i - 1];
      const auto [x1, y1] = kAnchors[i];
      return y0 + (y1 - y0) * (ita_deg - x0) / (x1 - x0);
    }
  return kAnchors.back().second;
}

}  // namespace smp
