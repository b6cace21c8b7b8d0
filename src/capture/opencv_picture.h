#pragma once
// Between OpenCV's BGR pictures (what cameras, video files and photos decode to) and our RgbaImage.
#include <opencv2/core.hpp>

#include "capture/frame.h"

namespace smp {

// The picture's own pixels as an OpenCV RGBA matrix (no copy): it must outlive the matrix and keep its
// size. The const one must not be written through.
cv::Mat rgba_view(RgbaImage& image);
cv::Mat rgba_view(const RgbaImage& image);
// Converts into `out`, reusing its memory when the size is unchanged.
void rgba_from_bgr(const cv::Mat& bgr, RgbaImage& out);
cv::Mat bgr_from_rgba(const RgbaImage& image);

}  // namespace smp
