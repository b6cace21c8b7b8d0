#include "tracking/landmark_forest.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>

#include <dlib/image_processing/shape_predictor.h>

namespace smp {
namespace {

constexpr std::size_t kCoordinates = 2 * 68;

struct DlibModel {
  dlib::matrix<float, 0, 1> mean_shape;
  std::vector<std::vector<dlib::impl::regression_tree>> forests;
  std::vector<std::vector<unsigned long>> anchors;
  std::vector<std::vector<dlib::vector<float, 2>>> offsets;
};

// The fields in the order dlib's serialize(const shape_predictor&) writes them.
DlibModel read_dlib_model(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw TrackingError(path.string() + ": cannot open the face landmark model (Debian package libdlib-data)");
  DlibModel m;
  try {
    int version = 0;
    dlib::deserialize(version, in);
    if (version != 1) throw TrackingError(path.string() + ": not a dlib shape predictor (version " + std::to_string(version) + ")");
    dlib::deserialize(m.mean_shape, in);
    dlib::deserialize(m.forests, in);
    dlib::deserialize(m.anchors, in);
    dlib::deserialize(m.offsets, in);
  } catch (const dlib::serialization_error&) {
    throw TrackingError(path.string() + ": cannot read the face landmark model (Debian package libdlib-data)");
  }
  if (std::size_t(m.mean_shape.size()) != kCoordinates)
    throw TrackingError(path.string() + ": not a 68-point face landmark model");
  return m;
}

// The 2x2 part of the least-squares similarity taking `from` to `to` (both centred on their means
// first): the closed form of what dlib's find_tform_between_shapes() computes by SVD.
glm::mat2 similarity_between(const float* from, const float* to) {
  glm::vec2 from_mean(0), to_mean(0);
  for (std::size_t i = 0; i < kCoordinates; i += 2) {
    from_mean += glm::vec2(from[i], from[i + 1]);
    to_mean += glm::vec2(to[i], to[i + 1]);
  }
  from_mean /= 68.0f, to_mean /= 68.0f;
  float dot = 0, cross = 0, norm = 0;
  for (std::size_t i = 0; i < kCoordinates; i += 2) {
    const glm::vec2 p = glm::vec2(from[i], from[i + 1]) - from_mean, q = glm::vec2(to[i], to[i + 1]) - to_mean;
    dot += p.x * q.x + p.y * q.y;
    cross += p.x * q.y - p.y * q.x;
    norm += p.x * p.x + p.y * p.y;
  }
  const float a = dot / norm, b = cross / norm;
  return glm::mat2(a, b, -b, a);  // columns: rotation by atan2(b, a), scaled by |(a, b)|
}

// Fixed length and no aliasing: compiles to packed 16-to-32-bit widening adds. Not inlined, because
// GCC's unroll-and-jam of the caller's loop over trees otherwise turns it back into scalar adds.
[[gnu::noinline]] void add_leaf(std::int32_t* __restrict sum, const std::int16_t* __restrict leaf) {
  for (std::size_t k = 0; k < kCoordinates; ++k) sum[k] += leaf[k];
}

// A leaf is 272 bytes picked at random from 65 MB: asking for it a few trees early hides most of
// the wait for memory.
constexpr std::size_t kPrefetchAhead = 8;
void prefetch_leaf(const std::int16_t* leaf) {
  for (std::size_t byte = 0; byte < kCoordinates * sizeof(std::int16_t); byte += 64) __builtin_prefetch(reinterpret_cast<const char*>(leaf) + byte);
}

}  // namespace

LandmarkForest::LandmarkForest(const std::filesystem::path& model) {
  const DlibModel m = read_dlib_model(model);
  const auto bad = [&](const char* why) { return TrackingError(model.string() + ": " + why); };
  if (m.forests.empty() || m.forests.size() != m.anchors.size() || m.forests.size() != m.offsets.size())
    throw bad("inconsistent cascades in the face landmark model");
  mean_shape_.assign(m.mean_shape.begin(), m.mean_shape.end());
  trees_per_cascade_ = m.forests[0].size();
  splits_per_tree_ = m.forests[0].at(0).splits.size();
  const std::size_t leaves_per_tree = splits_per_tree_ + 1;

  for (std::size_t c = 0; c < m.forests.size(); ++c) {
    const auto& forest = m.forests[c];
    Cascade cascade;
    if (m.anchors[c].size() != m.offsets[c].size() || m.offsets[c].size() > std::numeric_limits<std::uint16_t>::max())
      throw bad("inconsistent feature pixels in the face landmark model");
    for (std::size_t i = 0; i < m.anchors[c].size(); ++i) {
      if (m.anchors[c][i] >= 68) throw bad("a feature pixel anchored to a landmark that does not exist");
      cascade.anchor.push_back(std::uint32_t(m.anchors[c][i]));
      cascade.offset.push_back({m.offsets[c][i].x(), m.offsets[c][i].y()});
    }
    float largest = 0;
    for (const auto& tree : forest) {
      if (forest.size() != trees_per_cascade_ || tree.splits.size() != splits_per_tree_ ||
          tree.leaf_values.size() != leaves_per_tree)
        throw bad("the face landmark model's trees are not all the same full size");
      for (const auto& split : tree.splits) {
        if (split.idx1 >= cascade.anchor.size() || split.idx2 >= cascade.anchor.size())
          throw bad("a split reads a feature pixel that does not exist");
        cascade.splits.push_back({std::uint16_t(split.idx1), std::uint16_t(split.idx2), split.thresh});
      }
      for (const auto& leaf : tree.leaf_values) {
        if (std::size_t(leaf.size()) != kCoordinates) throw bad("a leaf of the wrong size");
        largest = std::max(largest, float(dlib::max(dlib::abs(leaf))));
      }
    }
    // One unit per cascade turns the leaf sums into exact integer adds; a 16-bit step of largest/32767
    // summed over 500 trees stays under a thousandth of a pixel on a 300 px face.
    cascade.leaf_unit = largest > 0 ? largest / 32767.0f : 1.0f;
    cascade.leaves.reserve(trees_per_cascade_ * leaves_per_tree * kCoordinates);
    for (const auto& tree : forest)
      for (const auto& leaf : tree.leaf_values)
        for (float v : leaf) cascade.leaves.push_back(std::int16_t(std::lround(v / cascade.leaf_unit)));
    cascades_.push_back(std::move(cascade));
  }
}

Landmarks68 LandmarkForest::predict(const cv::Mat& grey, const FaceBox& box) const {
  CV_Assert(grey.type() == CV_8UC1);
  // The unit face box maps onto the box's first and last pixel centres, as dlib's unnormalizing_tform.
  const glm::vec2 origin(float(box.left), float(box.top));
  const glm::vec2 extent(float(box.width - 1), float(box.height - 1));

  std::array<float, kCoordinates> shape;
  std::copy(mean_shape_.begin(), mean_shape_.end(), shape.begin());
  std::vector<float> values;
  std::vector<std::uint32_t> leaf_start(trees_per_cascade_);
  std::array<std::int32_t, kCoordinates> sum;

  for (const Cascade& cascade : cascades_) {
    const glm::mat2 similarity = similarity_between(mean_shape_.data(), shape.data());
    values.resize(cascade.anchor.size());
    for (std::size_t i = 0; i < values.size(); ++i) {
      const std::uint32_t a = cascade.anchor[i];
      const glm::vec2 p = origin + extent * (similarity * cascade.offset[i] + glm::vec2(shape[2 * a], shape[2 * a + 1]));
      const int x = int(std::floor(p.x + 0.5f)), y = int(std::floor(p.y + 0.5f));
      const bool inside = x >= 0 && y >= 0 && x < grey.cols && y < grey.rows;
      values[i] = inside ? float(grey.ptr<std::uint8_t>(y)[x]) : 0.0f;
    }

    // First every tree's leaf, then the sums: the leaf loads no longer wait behind the branches.
    for (std::size_t t = 0; t < trees_per_cascade_; ++t) {
      const Split* nodes = &cascade.splits[t * splits_per_tree_];
      std::size_t n = 0;
      while (n < splits_per_tree_) {
        const Split& s = nodes[n];
        n = values[s.pixel_a] - values[s.pixel_b] > s.threshold ? 2 * n + 1 : 2 * n + 2;
      }
      leaf_start[t] = std::uint32_t(((t * (splits_per_tree_ + 1)) + n - splits_per_tree_) * kCoordinates);
    }
    sum.fill(0);
    for (std::size_t t = 0; t < trees_per_cascade_; ++t) {
      if (t + kPrefetchAhead < trees_per_cascade_) prefetch_leaf(&cascade.leaves[leaf_start[t + kPrefetchAhead]]);
      add_leaf(sum.data(), &cascade.leaves[leaf_start[t]]);
    }
    for (std::size_t k = 0; k < kCoordinates; ++k) shape[k] += float(sum[k]) * cascade.leaf_unit;
  }

  Landmarks68 points;
  for (std::size_t i = 0; i < 68; ++i)
    points[i] = glm::dvec2(origin) + glm::dvec2(extent) * glm::dvec2(shape[2 * i], shape[2 * i + 1]);
  return points;
}

}  // namespace smp
