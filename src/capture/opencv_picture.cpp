#include "capture/opencv_picture.h"

#include <opencv2/imgproc.hpp>

namespace smp {

cv::Mat rgba_view(RgbaImage& image) { return cv::Mat(image.height, image.width, CV_8UC4, image.pixels.data()); }
cv::Mat rgba_view(const RgbaImage& image) { return rgba_view(const_cast<RgbaImage&>(image)); }

void rgba_from_bgr(const cv::Mat& bgr, RgbaImage& out) {
  if (out.width != bgr.cols || out.height != bgr.rows) out = RgbaImage(bgr.cols, bgr.rows);
  // The RGBA words are R,G,B,A bytes in memory: OpenCV's RGBA order, written straight into our pixels.
  cv::Mat rgba = rgba_view(out);
  cv::cvtColor(bgr, rgba, bgr.channels() == 1 ? cv::COLOR_GRAY2RGBA : cv::COLOR_BGR2RGBA);
}

cv::Mat bgr_from_rgba(const RgbaImage& image) {
  cv::Mat bgr;
  cv::cvtColor(rgba_view(image), bgr, cv::COLOR_RGBA2BGR);
  return bgr;
}

}  // namespace smp
