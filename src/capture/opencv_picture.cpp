#include "capture/opencv_picture.h"

#include <opencv2/imgproc.hpp>

namespace smp {

void rgba_from_bgr(const cv::Mat& bgr, RgbaImage& out) {
  if (out.width != bgr.cols || out.height != bgr.rows) out = RgbaImage(bgr.cols, bgr.rows);
  // The RGBA words are R,G,B,A bytes in memory: OpenCV's RGBA order, written straight into our pixels.
  cv::Mat rgba(bgr.rows, bgr.cols, CV_8UC4, out.pixels.data());
  cv::cvtColor(bgr, rgba, bgr.channels() == 1 ? cv::COLOR_GRAY2RGBA : cv::COLOR_BGR2RGBA);
}

cv::Mat bgr_from_rgba(const RgbaImage& image) {
  const cv::Mat rgba(image.height, image.width, CV_8UC4, const_cast<std::uint32_t*>(image.pixels.data()));
  cv::Mat bgr;
  cv::cvtColor(rgba, bgr, cv::COLOR_RGBA2BGR);
  return bgr;
}

}  // namespace smp
