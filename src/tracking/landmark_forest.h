#pragma once
// dlib's 68-point shape predictor (a cascade of regression forests, Kazemi & Sullivan 2014), re-packed
// so that one frame's landmarks take well under the 3 ms the tracking budget allows.
//
// Why not dlib's own evaluator: it is memory-bound. Each frame walks 15 cascades x 500 trees and adds
// one 136-float leaf per tree, 4 MB picked at random from a 130 MB model, with a data-dependent branch
// before every load. Here the leaves are 16-bit integers in a per-cascade unit (half the memory, and
// the sums are exact integer adds), the split nodes are 8 bytes, all of a cascade's leaves are chosen
// before any is read (so the loads overlap), and the picture is read in place as a cv::Mat.
// The result also keeps sub-pixel precision, where dlib rounds every landmark to a whole pixel.
#include <cstdint>
#include <filesystem>
#include <vector>

#include <glm/glm.hpp>
#include <opencv2/core.hpp>

#include "tracking/face_landmarks.h"

namespace smp {

class LandmarkForest {
 public:
  // Reads a dlib shape_predictor file with dlib's own deserialisers; throws TrackingError naming the
  // file when it is not one, or not a 68-point model.
  explicit LandmarkForest(const std::filesystem::path& model);

  // Landmarks of the face in `box` (a detector box, or box_around() the previous frame's landmarks).
  Landmarks68 predict(const cv::Mat& grey, const FaceBox& box) const;

 private:
  struct Split {
    std::uint16_t pixel_a, pixel_b;  // go to the left child when value[a] - value[b] > threshold
    float threshold;
  };
  struct Cascade {
    // Feature pixels, each at an offset from one landmark of the mean shape (unit face box), carried
    // along by the similarity that takes the mean shape to the current estimate.
    std::vector<std::uint32_t> anchor;
    std::vector<glm::vec2> offset;
    std::vector<Split> splits;         // tree after tree, each a full binary tree stored breadth-first
    std::vector<std::int16_t> leaves;  // tree after tree, leaf after leaf: a shape update in `leaf_unit`
    float leaf_unit = 0;
  };

  std::vector<float> mean_shape_;  // x0, y0, x1, y1, ... in the unit face box
  std::vector<Cascade> cascades_;
  std::size_t splits_per_tree_ = 0;
  std::size_t trees_per_cascade_ = 0;
};

}  // namespace smp
