#include "tracking/face_landmarks.h"

#include <algorithm>

#include <dlib/image_processing/frontal_face_detector.h>
#include <opencv2/imgproc.hpp>

#include "capture/opencv_picture.h"

#include "tracking/landmark_forest.h"

namespace smp {
namespace {

// dlib's own image type, filled from an 8-bit grey cv::Mat (dlib's OpenCV glue is not in Debian).
dlib::array2d<unsigned char> to_dlib(const cv::Mat& grey) {
  dlib::array2d<unsigned char> image(grey.rows, grey.cols);
  for (int y = 0; y < grey.rows; ++y) std::copy_n(grey.ptr<unsigned char>(y), grey.cols, &image[y][0]);
  return image;
}

}  // namespace

cv::Mat grey_of(const RgbaImage& picture) {
  const cv::Mat rgba = rgba_view(picture);
  cv::Mat grey;
  cv::cvtColor(rgba, grey, cv::COLOR_RGBA2GRAY);
  return grey;
}

struct FaceDetector::Impl {
  dlib::frontal_face_detector detector = dlib::get_frontal_face_detector();
};

FaceDetector::FaceDetector(int max_side_px) : impl_(std::make_unique<Impl>()), max_side_px_(max_side_px) {}
FaceDetector::~FaceDetector() = default;

std::vector<FaceBox> FaceDetector::detect(const cv::Mat& grey) const {
  const double scale = std::min(1.0, double(max_side_px_) / std::max(grey.cols, grey.rows));
  cv::Mat small = grey;
  if (scale < 1.0) cv::resize(grey, small, cv::Size(), scale, scale, cv::INTER_AREA);
  std::vector<dlib::rect_detection> found;
  impl_->detector(to_dlib(small), found);
  std::vector<FaceBox> faces;
  for (const dlib::rect_detection& d : found)
    faces.push_back({double(d.rect.left()) / scale, double(d.rect.top()) / scale, double(d.rect.width()) / scale,
                     double(d.rect.height()) / scale, d.detection_confidence});
  std::sort(faces.begin(), faces.end(), [](const FaceBox& a, const FaceBox& b) { return a.score > b.score; });
  return faces;
}

struct LandmarkPredictor::Impl {
  LandmarkForest forest;
};

LandmarkPredictor::LandmarkPredictor(const std::filesystem::path& model)
    : impl_(std::make_unique<Impl>(Impl{LandmarkForest(model)})) {}
LandmarkPredictor::~LandmarkPredictor() = default;

Landmarks68 LandmarkPredictor::predict(const cv::Mat& grey, const FaceBox& face) const {
  return impl_->forest.predict(grey, face);
}

FaceBox box_around(const Landmarks68& landmarks) {
  glm::dvec2 lo(1e18), hi(-1e18);
  for (const glm::dvec2& p : landmarks) lo = glm::min(lo, p), hi = glm::max(hi, p);
  // The box the predictor was trained on, dlib's detector's: on the 43 faces of dlib's own
  // *_with_face_landmarks.xml it is 1.06-1.09 times the landmarks' larger extent and centred 6-9% of
  // that above their middle. Given any other box, the landmarks come back shifted, and a still face
  // tracked from frame to frame walks away (tests/test_tracking.cpp, LandmarksFromTheirOwnBoxStayPut).
  const double side = 1.07 * std::max(hi.x - lo.x, hi.y - lo.y);
  const glm::dvec2 centre = 0.5 * (lo + hi) - glm::dvec2(0.0, 0.07 * side);
  return {centre.x - 0.5 * side, centre.y - 0.5 * side, side, side, 0.0};
}

}  // namespace smp
