#pragma once
// Between OpenCV's BGR pictures (what cameras, video files and photos decode to) and our RgbaImage.
#include <opencv2/core.hpp>

#include "capture/frame.h"

namespace smp {

// Converts into `out`, reusing its memory when the size is unchanged.
void rgba_from_bgr(const cv::Mat& bgr, RgbaImage& out);
cv::Mat bgr_from_rgba(const RgbaImage& image);

}  // namespace smp
