// The look up close and far away (issue: healed SMP as real stubble). Up close, at the scale of a 4K
// camera at arm's length, the dots are single, round-ish, slightly irregular impressions, never a
// regular pattern and never a flat grey cap; at phone size the hairline is a soft transition, not a
// ruled edge. Measured on the demo head, before against after; the golden pictures of both scales are in
// test_golden.cpp.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include "app/demo_scene.h"
#include "test_support.h"

namespace smp {
namespace {

// How much darker each pixel of `after` is than of `before`, in grey levels (Rec. 709 luma of sRGB).
cv::Mat darkening(const RgbaImage& before, const RgbaImage& after) {
  cv::Mat out(before.height, before.width, CV_32F);
  const auto grey = [](std::uint32_t c) { return 0.2126f * channel(c, 0) + 0.7152f * channel(c, 1) + 0.0722f * channel(c, 2); };
  for (int y = 0; y < before.height; ++y)
    for (int x = 0; x < before.width; ++x) out.at<float>(y, x) = grey(before.at(x, y)) - grey(after.at(x, y));
  return out;
}

// The strongest single spatial frequency of `map` (mean removed) against the mean power of all
// frequencies as fine as it: a lattice of dots puts its power into a few peaks (ratios in the
// hundreds), scattered dots spread it over a ring (a few tens at most, from chance).
double strongest_frequency_ratio(const cv::Mat& map) {
  cv::Mat centred = map - cv::mean(map)[0], spectrum;
  cv::dft(centred, spectrum, cv::DFT_COMPLEX_OUTPUT);
  const int w = spectrum.cols, h = spectrum.rows;
  double peak = 0.0, ring_power = 0.0;
  int peak_radius = 0;
  std::vector<double> power_at(std::size_t(std::max(w, h)), 0.0);
  std::vector<int> count_at(power_at.size(), 0);
  for (int v = 0; v < h; ++v)
    for (int u = 0; u < w; ++u) {
      const int fu = u <= w / 2 ? u : u - w, fv = v <= h / 2 ? v : v - h;
      const int radius = int(std::lround(std::hypot(fu, fv)));
      if (radius <= 3 || radius >= int(power_at.size())) continue;  // the design's own shape, not its dots
      const cv::Vec2f c = spectrum.at<cv::Vec2f>(v, u);
      const double power = double(c[0]) * c[0] + double(c[1]) * c[1];
      power_at[std::size_t(radius)] += power, ++count_at[std::size_t(radius)];
      if (power > peak) peak = power, peak_radius = radius;
    }
  ring_power = power_at[std::size_t(peak_radius)] / std::max(count_at[std::size_t(peak_radius)], 1);
  return peak / std::max(ring_power, 1e-9);
}

// The impressions one by one: each is a strict local maximum of the darkening over 5x5 pixels, at least
// kFaintShare of its 99th percentile; their dark cores are the connected areas above kCoreShare of it.
// A flat cap of pigment has no maxima inside it, and cores that merge into one.
constexpr float kFaintShare = 0.2f, kCoreShare = 0.8f;
struct Impressions {
  int count = 0;                // local maxima
  int cores = 0;
  double core_variation = 0.0;  // standard deviation over mean of single dots' core areas
  double elongation = 0.0;      // mean ratio of the principal axes of single dots' cores (1: round)
};

Impressions impressions_in(const cv::Mat& map) {
  std::vector<float> values(map.begin<float>(), map.end<float>());
  const auto p99 = values.begin() + std::ptrdiff_t(0.99 * double(values.size()));
  std::nth_element(values.begin(), p99, values.end());
  // Smoothed a little: a dot's core is flat where its pigment saturates, and its maximum a tie.
  cv::Mat smoothed, ring = cv::Mat::ones(5, 5, CV_8U), around;
  cv::GaussianBlur(map, smoothed, cv::Size(), 1.0);
  ring.at<std::uint8_t>(2, 2) = 0;
  cv::dilate(smoothed, around, ring);
  Impressions r{.count = cv::countNonZero((smoothed > around) & (smoothed > kFaintShare * *p99))};
  cv::Mat labels, stats, centroids;
  const int n = cv::connectedComponentsWithStats(map > kCoreShare * *p99, labels, stats, centroids, 8);
  double sum = 0.0, sum_of_squares = 0.0, elongation = 0.0;
  int shapes = 0;
  std::vector<double> areas;
  for (int i = 1; i < n; ++i) areas.push_back(stats.at<int>(i, cv::CC_STAT_AREA));
  std::vector<double> sorted = areas;
  std::sort(sorted.begin(), sorted.end());
  const double median_area = sorted.empty() ? 0.0 : sorted[sorted.size() / 2];
  for (int i = 1; i < n; ++i) {
    const double area = areas[std::size_t(i - 1)];
    ++r.cores;
    // One dot's core: not a speck of a few pixels, nor two cores run together.
    if (area < 6.0 || area > 1.5 * median_area) continue;
    sum += area, sum_of_squares += area * area;
    const cv::Moments m = cv::moments(labels == i, true);
    const double a = m.mu20 / m.m00, b = m.mu02 / m.m00, c = m.mu11 / m.m00;
    const double spread = std::sqrt((a - b) * (a - b) + 4 * c * c);
    elongation += std::sqrt((a + b + spread) / std::max(a + b - spread, 1e-6)), ++shapes;
  }
  if (shapes == 0) return r;
  const double mean = sum / shapes;
  r.core_variation = std::sqrt(std::max(sum_of_squares / shapes - mean * mean, 0.0)) / mean;
  r.elongation = elongation / shapes;
  return r;
}

class LookAtScales : public test::GpuTest {
 protected:
  // Before and after of `design` on the demo head at `pitch_deg`, `distance_mm` from the camera.
  std::pair<RgbaImage, RgbaImage> before_after(int width, int height, const SmpDesign& design, double pitch_deg,
                                               double distance_mm) {
    DemoScene scene(gpu(), test::demo_head_mesh(), width, height, {.density_per_cm2 = densest_per_cm2(design)});
    const HeadPose pose = demo_pose(pitch_deg, 0.0, 0.0, distance_mm);
    SplatSettings none = scene.settings_for(design);
    none.opacity = 0.0f;
    RgbaImage before = scene.render(pose, none);
    return {before, scene.render(pose, scene.settings_for(design))};
  }
};

// The close-up (test_support.h): 1280x720 at 250 mm has the 5 px per mm of a 4K camera at 750 mm.
const cv::Rect kCloseUpCrop(test::kCloseUpCropX, test::kCloseUpCropY, test::kCloseUpCropWidth, test::kCloseUpCropHeight);
using test::kCloseUpDistanceMm, test::kCloseUpPitchDeg;

TEST_F(LookAtScales, UpCloseTheDotsAreSingleRoundIrregularImpressionsNotAPatternOrAFlatCap) {
  const SmpDesign healed{.healed = true};
  const auto [before, after] = before_after(test::kCloseUpWidth, test::kCloseUpHeight, healed, kCloseUpPitchDeg, kCloseUpDistanceMm);
  const cv::Mat map = darkening(before, after)(kCloseUpCrop).clone();
  cv::Scalar mean, deviation;
  cv::meanStdDev(map, mean, deviation);
  const Impressions dots = impressions_in(map);
  const double pattern = strongest_frequency_ratio(map);
  std::printf("close-up (5-8 px/mm), default healed design: %d impressions, %d dark cores; single dots' cores round "
              "to %.2f (axes), their areas vary by %.0f%%; darkening %.1f +- %.1f levels; strongest frequency %.1fx its ring\n",
              dots.count, dots.cores, dots.elongation, 100 * dots.core_variation, mean[0], deviation[0], pattern);
  EXPECT_GT(mean[0], 10.0) << "the crop lies inside the design";
  EXPECT_GT(deviation[0], 0.25 * mean[0]) << "dots with skin between them, not a flat grey cap";
  // 80 per cm^2 about 1.1 mm apart: 800-1600 in the crop, whose scale grows towards the crown.
  EXPECT_GE(dots.count, 400) << "single impressions, each its own";
  EXPECT_LT(dots.elongation, 1.5) << "round-ish";
  EXPECT_GT(dots.core_variation, 0.1) << "slightly irregular, not stamped";
  EXPECT_LT(pattern, 40.0) << "no regular pattern";

  // What the measures say of what must fail them: dots on a lattice, and a flat cap of large, dense dots.
  SmpDesign flat = healed;
  flat.dot_diameter_mm = 2.0, flat.density_per_cm2 = 150.0;
  const auto [flat_before, flat_after] = before_after(test::kCloseUpWidth, test::kCloseUpHeight, flat, kCloseUpPitchDeg, kCloseUpDistanceMm);
  const cv::Mat flat_map = darkening(flat_before, flat_after)(kCloseUpCrop).clone();
  cv::meanStdDev(flat_map, mean, deviation);
  const Impressions merged = impressions_in(flat_map);
  std::printf("close-up, a flat cap (2 mm dots, 150 per cm^2): %d impressions; darkening %.1f +- %.1f levels\n",
              merged.count, mean[0], deviation[0]);
  EXPECT_LT(deviation[0], 0.25 * mean[0]);
  EXPECT_LT(merged.count, 400);
  cv::Mat lattice(map.size(), CV_32F, cv::Scalar(0));
  for (int y = 4; y < lattice.rows; y += 9)
    for (int x = 4; x < lattice.cols; x += 9) cv::circle(lattice, {x, y}, 2, cv::Scalar(40), cv::FILLED);
  std::printf("close-up, dots on a 9 px lattice: strongest frequency %.0fx its ring\n", strongest_frequency_ratio(lattice));
  EXPECT_GT(strongest_frequency_ratio(lattice), 40.0);
}

// The darkening down the middle of the head at phone size: rows from the top of the head down.
std::vector<double> midline_profile(const cv::Mat& map) {
  std::vector<double> rows;
  for (int y = 0; y < map.rows; ++y) rows.push_back(cv::mean(map(cv::Rect(map.cols / 2 - 8, y, 17, 1)))[0]);
  return rows;
}

// Rows from the last one at 80% of the profile's plateau to the first below 20% of it, going down
// across the front hairline.
int hairline_rise_px(const std::vector<double>& profile) {
  const double plateau = *std::max_element(profile.begin(), profile.end());
  int high = -1;
  for (int y = 0; y < int(profile.size()); ++y)
    if (profile[std::size_t(y)] >= 0.8 * plateau) high = y;
  for (int y = high; y < int(profile.size()); ++y)
    if (profile[std::size_t(y)] < 0.2 * plateau) return y - high;
  return -1;
}

TEST_F(LookAtScales, AtPhoneSizeTheHairlineIsSoftNotARuledEdge) {
  // A 640x360 preview video on a phone, the head a little bowed.
  const SmpDesign healed{.healed = true};
  const auto [before, after] = before_after(640, 360, healed, -30.0, kDemoDistanceMm);
  const int soft = hairline_rise_px(midline_profile(darkening(before, after)));
  SmpDesign ruled = healed;
  ruled.softness_mm = design_limits::kMinSoftnessMm, ruled.irregularity = 0.0;
  const auto [ruled_before, ruled_after] = before_after(640, 360, ruled, -30.0, kDemoDistanceMm);
  const int hard = hairline_rise_px(midline_profile(darkening(ruled_before, ruled_after)));
  std::printf("phone size (640x360), the hairline from 80%% to 20%% of full darkness: %d px with the default 10 mm "
              "softness, %d px with 1 mm and no irregularity\n", soft, hard);
  EXPECT_GE(soft, 4) << "a soft transition";
  EXPECT_LT(hard, soft);
}

}  // namespace
}  // namespace smp
