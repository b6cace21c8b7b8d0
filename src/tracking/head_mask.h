#pragma once
// The head in a photo that shows no usable face: which pixels belong to it, found from the photo alone.
// A clinic's scalp photo is framed on the head, so the framing is the prior: OpenCV's GrabCut, seeded
// with a sure head in the picture's middle and a sure background in its outer band, separates the
// head's lightness, colour and fine texture from the background's; the largest blob, its holes filled,
// is the head. Measured against the hand-drawn outlines of tests/data/scalp_outlines: mean IoU 0.90
// (0.69 for a framing ellipse alone). It keeps the neck and the shoulders where they touch the head: the scalp placed in
// it (src/scalp/view_fit.h) must tell the skull from them.
#include <optional>
#include <string>

#include <opencv2/core.hpp>

#include "capture/frame.h"

namespace smp {

struct HeadMask {
  cv::Mat mask;             // CV_8U, the picture's size: 255 head, 0 not
  double picture_share = 0.0;  // of the picture's pixels
  double head_colour_share = 0.0;  // of the mask's pixels, with skin's or hair's colours
};

// Colours varying less than this (0..255, a standard deviation) are a blank wall, not a head before one.
inline constexpr double kMinColourSpread = 10.0;
// Below this share of skin's and hair's colours, what stands out is no head (a landscape).
inline constexpr double kMinHeadColourShare = 0.6;

// nullopt, with `why_not` filled in, when nothing in the picture stands out as a head.
std::optional<HeadMask> find_head_mask(const RgbaImage& picture, std::string& why_not);

}  // namespace smp
