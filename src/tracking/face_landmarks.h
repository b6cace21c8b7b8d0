#pragma once
// Finding a face and its 68 landmarks in a picture, with dlib: the HOG frontal face detector (run on a
// downscaled copy, it is the slow part) and the 68-point shape predictor from Debian's libdlib-data,
// evaluated by our LandmarkForest (landmark_forest.h: about 3x faster than dlib's, sub-pixel output).
// Landmarks are in the iBUG 300-W order (dlib's): 0-16 jaw, 17-26 brows, 27-35 nose, 36-47 eyes,
// 48-67 mouth; pixel coordinates with pixel centres at integers.
#include <array>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <vector>

#include <glm/glm.hpp>
#include <opencv2/core.hpp>

#include "capture/frame.h"

namespace smp {

inline const std::filesystem::path kDefaultLandmarkModel = "/usr/share/dlib/shape_predictor_68_face_landmarks.dat";

struct TrackingError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct FaceBox {
  double left = 0, top = 0, width = 0, height = 0;  // pixels of the full picture
  double score = 0;                                 // the detector's confidence; higher is surer
};

using Landmarks68 = std::array<glm::dvec2, 68>;

// The grey picture the detector and the predictor work on.
cv::Mat grey_of(const RgbaImage& picture);

class FaceDetector {
 public:
  // Pictures are shrunk so their longer side is at most `max_side_px` before detection: dlib finds
  // faces from about 80 px across, so 640 suits a face filling a webcam picture; a group photo needs more.
  explicit FaceDetector(int max_side_px = 640);
  ~FaceDetector();
  // Faces found, the surest first.
  std::vector<FaceBox> detect(const cv::Mat& grey) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  int max_side_px_;
};

class LandmarkPredictor {
 public:
  // Throws TrackingError naming the file when the model cannot be read (~1 s to load: do it once).
  explicit LandmarkPredictor(const std::filesystem::path& model = kDefaultLandmarkModel);
  ~LandmarkPredictor();
  Landmarks68 predict(const cv::Mat& grey, const FaceBox& face) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The box around a set of landmarks, as the detector would draw it: where tracking looks next frame.
FaceBox box_around(const Landmarks68& landmarks);

}  // namespace smp
