// Dots: 16-byte packing, spatial order, and the ranked blue-noise field on the scalp: density in real
// dots per cm^2, minimum spacing at full and thinned density.
#include <gtest/gtest.h>

#include <algorithm>
#include <iostream>

#include "app/demo_scene.h"
#include "dots/sample_elimination.h"
#include "dots/scalp_dot_field.h"
#include "test_support.h"

namespace smp {
namespace {

TEST(DotPacking, RoundTripKeepsPositionNormalAndJitter) {
  Dot d;
  d.position_mm = {-73.4f, 121.9f, 88.01f};
  d.normal = glm::normalize(glm::vec3(-0.3f, 0.8f, -0.5f));
  d.diameter_jitter = -0.62f;
  d.darkness_jitter = 0.31f;
  d.session = 2;
  d.rank = 123456789u;
  const Dot back = unpack_dot(pack_dot(d));
  EXPECT_LT(glm::length(back.position_mm - d.position_mm), shader::DOT_POSITION_STEP_MM);
  EXPECT_GT(glm::dot(back.normal, d.normal), std::cos(glm::radians(1.5f)));
  EXPECT_NEAR(back.diameter_jitter, d.diameter_jitter, 1.0f / 254);
  EXPECT_NEAR(back.darkness_jitter, d.darkness_jitter, 1.0f / 254);
  EXPECT_EQ(back.session, 2);
  EXPECT_EQ(back.rank, 123456789u);
}

TEST(DotPacking, NoJitterStaysExactlyNone) {
  const Dot back = unpack_dot(pack_dot(Dot{}));
  EXPECT_EQ(back.diameter_jitter, 0.0f);
  EXPECT_EQ(back.darkness_jitter, 0.0f);
}

TEST(DotPacking, NormalsInEveryOctantSurvive) {
  for (float x : {-1.f, 0.f, 1.f})
    for (float y : {-1.f, 0.f, 1.f})
      for (float z : {-1.f, -0.2f, 0.7f}) {
        Dot d;
        d.normal = glm::normalize(glm::vec3(x, y, z));
        EXPECT_GT(glm::dot(unpack_dot(pack_dot(d)).normal, d.normal), std::cos(glm::radians(1.5f)))
            << x << "," << y << "," << z;
      }
}

class ScalpField : public ::testing::Test {
 protected:
  const ScalpFit fit_ = demo_scalp_fit();
  const std::vector<double> reach_ = reach_elevations(fit_);
  FieldRegion region() const { return {fit_.surface, reach_}; }
};

// A patch of the chart, an azimuth x elevation rectangle, and its area on the skin by the chart's area
// element (the parameterisation's known area).
struct ChartPatch {
  double azimuth_deg, elevation_deg, half_size_deg;
  bool contains(const ChartPoint& c) const {
    const double azimuth_off = std::remainder(glm::degrees(c.azimuth) - azimuth_deg, 360.0);  // across +-180
    return std::abs(azimuth_off) < half_size_deg &&
           std::abs(glm::degrees(c.elevation) - elevation_deg) < half_size_deg;
  }
  double area_cm2(const ScalpSurface& s) const {
    constexpr int kSteps = 200;
    const double step = glm::radians(2.0 * half_size_deg) / kSteps;
    double area_mm2 = 0.0;
    for (int i = 0; i < kSteps; ++i)
      for (int j = 0; j < kSteps; ++j)
        area_mm2 += s.area_mm2_per_rad2({glm::radians(azimuth_deg - half_size_deg) + (i + 0.5) * step,
                                         glm::radians(elevation_deg - half_size_deg) + (j + 0.5) * step}) * step * step;
    return area_mm2 / 100.0;
  }
};

TEST_F(ScalpField, DensityIsDotsPerSquareCentimetreInEveryPatch) {
  // Patches inside the coverage: crown, top, front, both sides, back.
  const std::vector<ChartPatch> patches{{180, 40, 10}, {0, 62, 15}, {0, 45, 10}, {80, 35, 10}, {-80, 35, 10}, {150, 15, 10}};
  for (double density : {40.0, 80.0, 120.0}) {
    const auto dots = build_scalp_dot_field(region(), density, 3);
    std::cout << density << " per cm^2: " << dots.size() << " dots over the whole scalp the design can reach ("
              << region().area_cm2() << " cm^2)\n";
    for (const ChartPatch& patch : patches) {
      const auto inside = std::count_if(dots.begin(), dots.end(), [&](const Dot& d) {
        return patch.contains(fit_.surface.chart(glm::dvec3(d.position_mm)));
      });
      const double measured = inside / patch.area_cm2(fit_.surface);
      std::cout << "  patch at azimuth " << patch.azimuth_deg << ", elevation " << patch.elevation_deg << ": "
                << measured << " per cm^2\n";
      EXPECT_NEAR(measured, density, 0.05 * density) << "patch at " << patch.azimuth_deg << ", " << patch.elevation_deg;
    }
  }
}

TEST_F(ScalpField, DotsSitOnTheScalpWithItsNormal) {
  const auto dots = build_scalp_dot_field(region(), 30.0, 5);
  ASSERT_GT(dots.size(), 10000u);
  for (size_t i = 0; i < dots.size(); i += 7) {
    const ChartPoint c = fit_.surface.chart(glm::dvec3(dots[i].position_mm));
    EXPECT_LT(glm::length(fit_.surface.point(c) - glm::dvec3(dots[i].position_mm)), 0.01);
    EXPECT_GT(glm::dot(glm::dvec3(dots[i].normal), fit_.surface.normal(c)), 0.9999);
    EXPECT_TRUE(region().contains(c));
  }
}

TEST_F(ScalpField, RanksArePermutationAndSameSeedSameField) {
  const auto a = build_scalp_dot_field(region(), 30.0, 11);
  const auto b = build_scalp_dot_field(region(), 30.0, 11);
  const auto c = build_scalp_dot_field(region(), 30.0, 12);
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) ASSERT_EQ(pack_dot(a[i]).words[0], pack_dot(b[i]).words[0]);
  EXPECT_NE(pack_dot(a[0]).words[0], pack_dot(c[0]).words[0]);
  std::vector<std::uint32_t> ranks;
  for (const Dot& d : a) ranks.push_back(d.rank);
  std::sort(ranks.begin(), ranks.end());
  for (size_t i = 0; i < ranks.size(); ++i) ASSERT_EQ(ranks[i], i);
}

// The smallest distance between any two of `points` (sweep along x, O(n log n) for spread points).
float min_spacing(std::vector<glm::vec3> points) {
  std::sort(points.begin(), points.end(), [](const glm::vec3& a, const glm::vec3& b) { return a.x < b.x; });
  float best = 1e9f;
  for (size_t i = 0; i < points.size(); ++i)
    for (size_t j = i + 1; j < points.size() && points[j].x - points[i].x < best; ++j)
      best = std::min(best, glm::length(points[j] - points[i]));
  return best;
}

std::vector<glm::vec3> positions_ranked_below(const std::vector<Dot>& dots, std::uint32_t limit) {
  std::vector<glm::vec3> p;
  for (const Dot& d : dots)
    if (d.rank < limit) p.push_back(d.position_mm);
  return p;
}

TEST_F(ScalpField, BlueNoiseKeepsAMinimumSpacingAtFullAndQuarterDensity) {
  // Ideal: the spacing of a hexagonal packing at that density. No two dots may come closer than 0.7
  // of it, nor closer than 0.6 of the quarter density's ideal once thresholded to a quarter.
  for (const auto& [density_per_cm2, seed] : {std::pair{40.0, 8ull}, std::pair{120.0, 21ull}}) {
    const auto dots = build_scalp_dot_field(region(), density_per_cm2, seed);
    const double full = ideal_spacing_mm(density_per_cm2 / 100.0);
    const double quarter = ideal_spacing_mm(density_per_cm2 / 400.0);
    const float at_full = min_spacing(positions_ranked_below(dots, std::uint32_t(dots.size())));
    const float at_quarter = min_spacing(positions_ranked_below(dots, std::uint32_t(dots.size() / 4)));
    std::cout << "min spacing / ideal: " << at_full / full << " at " << density_per_cm2 << " per cm^2, "
              << at_quarter / quarter << " at a quarter of it\n";
    EXPECT_GE(at_full, 0.7 * full) << density_per_cm2;
    EXPECT_GE(at_quarter, 0.6 * quarter) << density_per_cm2;
  }
}

TEST_F(ScalpField, SpatialOrderKeepsNeighboursClose) {
  // Consecutive dots in memory are close on the head (median step ~ dot spacing), unlike random order.
  const auto dots = build_scalp_dot_field(region(), 30.0, 2);
  std::vector<float> steps;
  for (size_t i = 1; i < dots.size(); ++i) steps.push_back(glm::length(dots[i].position_mm - dots[i - 1].position_mm));
  std::nth_element(steps.begin(), steps.begin() + steps.size() / 2, steps.end());
  EXPECT_LT(steps[steps.size() / 2], 4.0f);  // mm; a random order would give ~100 mm
}

}  // namespace
}  // namespace smp
