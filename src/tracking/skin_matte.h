#pragma once
// Skin or hair: how much bare skin each pixel around a tracked head shows. Pigment lies in the skin,
// under any hair, so the composite lets the dots show only in that share of a pixel: fully on bald or
// shaved skin, partly through thinning hair, not at all through a full head of hair.
//
// Classical, seeded by the face: the bare skin of the upper cheeks and the nose's bridge (never hair)
// gives this person's skin colour under this light. A pixel is skin when it has that colour's hue
// and saturation (chromaticity, which shading does not change) and is not much darker than it; hair,
// black, brown, grey or white, is less saturated or much darker. A bald head's highlights are less
// saturated too, but as bright as the face and smooth: they count as skin, while pale hair is rough
// (its strands), and so is dark hair, unlike a shadow on skin. Rough pixels must be nearly as saturated
// as the face to count as skin: grey hair with skin between its strands (a temple) is half as saturated.
// Where hair meets skin, every pixel is classified, so that the skin does not spread into the hair.
// Limits, measured on labelled portraits (tests/test_head_outline.cpp): black and grey curls keep about
// 5% of the ink they would get without the matte, mostly within a pixel or two of the hairline; white
// hair as smooth and warm as the skin (biden.jpg) counts as skin; blond or red hair too; buzzed stubble
// counts partly as hair, and so does a deeply lined forehead (it keeps about 97% of its dots).
#include <cstdint>
#include <optional>
#include <vector>

#include "capture/frame.h"
#include "tracking/face_landmarks.h"
#include "tracking/head_outline.h"
#include "tracking/tracker.h"

namespace smp {

// This person's skin under this light: the median brightness (the largest channel, 0..1) and tint
// (chromaticity's offset from grey) over the upper cheeks and the nose's bridge.
struct SkinColour {
  float brightness = 0.0f;
  glm::vec2 tint{0.0f};
};

// One byte per pixel, row by row: 255 bare skin .. 0 hair.
struct SkinMatte {
  int width = 0, height = 0;
  std::vector<std::uint8_t> skin;
  std::optional<SkinColour> colour;  // the face's, that it was found with; none: all skin
};

// Fills `matte` for `picture`, where the scalp of the face with `landmarks` can be: above the nose's
// tip, up to well above the head; elsewhere 255 (the composite then changes nothing there). Reuses
// `matte`'s storage from frame to frame.
void find_skin_matte(const RgbaImage& picture, const Landmarks68& landmarks, SkinMatte& matte);

// Beyond the head's outline lies the background, however skin-like its colour (a wooden door, a beige
// wall): where a ray of `outline` met a clear edge, `matte` is cleared from a margin beyond it (the edge
// found may lie inside the true one), anti-aliased over a pixel. A scalp that does not fit the head (the
// adult-mean one, where no outline could be fitted) then shows no dots in the air beside it.
// A ray without a clear edge, or one whose edge would cut deep into an adult skull (a highlight or a
// shadow on the scalp, not its rim), clears nothing.
void clear_beyond_outline(const HeadOutline& outline, SkinMatte& matte);

// Both, for a tracked face in `picture` seen with `camera`: the skin matte, cleared beyond the head's
// outline found there. The outline costs about as much as the matte again (bench track), and on the two
// cores lavapipe shares with tracking that cost would come out of the frame rate: renders of photos
// and videos use it, the live mirror's tracking thread finds the skin matte alone.
void find_head_matte(const RgbaImage& picture, const TrackedFace& face, const Intrinsics& camera, SkinMatte& matte);

// The same for a head followed beyond its face (PoseSource::kHead: turned away, bowed, covered), which
// has no landmarks to learn the skin from: `matte.colour`, the last face's skin, classifies the pixels
// where the face model at the head's pose puts the scalp, and the outline found there clears beyond
// the head. The followed pose drifts a few degrees, and without this the dots would stand in the air
// beside the skull and over hair. Without a colour, all skin within the outline.
void find_followed_head_matte(const RgbaImage& picture, const HeadPose& pose, const Intrinsics& camera, SkinMatte& matte);

}  // namespace smp
