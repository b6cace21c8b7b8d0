#include "tracking/scene_cut.h"

#include <cmath>

#include <opencv2/imgproc.hpp>

namespace smp {
namespace {

// The frames compared at 16x12: a head moving as fast as heads do, even a quarter of a second apart (a
// busy machine drops frames), keeps the correlation above 0.35 on the shared videos; a cut to another
// scene brings it to about 0 (0.05 at most between those videos and an unrelated photo).
const cv::Size kThumbnail{16, 12};
constexpr double kSameSceneAtLeast = 0.25;  // normalized cross-correlation
constexpr double kFlatGreyLevels = 2.0;     // standard deviation: a black frame, a covered camera
constexpr double kFlatSameWithin = 20.0;    // grey levels between the means of two flat frames

}  // namespace

bool SceneCut::between_last_and(const cv::Mat& grey) {
  cv::Mat thumbnail;
  cv::resize(grey, thumbnail, kThumbnail, 0, 0, cv::INTER_AREA);
  thumbnail.convertTo(thumbnail, CV_64F);
  const cv::Mat last = last_;
  last_ = thumbnail;
  if (last.empty()) return false;
  cv::Scalar mean_a, deviation_a, mean_b, deviation_b;
  cv::meanStdDev(last, mean_a, deviation_a);
  cv::meanStdDev(thumbnail, mean_b, deviation_b);
  const bool flat_a = deviation_a[0] < kFlatGreyLevels, flat_b = deviation_b[0] < kFlatGreyLevels;
  if (flat_a || flat_b) return !(flat_a && flat_b && std::abs(mean_a[0] - mean_b[0]) < kFlatSameWithin);
  const double correlation = cv::mean((last - mean_a[0]).mul(thumbnail - mean_b[0]))[0] / (deviation_a[0] * deviation_b[0]);
  return correlation < kSameSceneAtLeast;
}

}  // namespace smp
