// Dots: 16-byte packing, spatial order, the demo field's density and ranks.
#include <gtest/gtest.h>

#include <algorithm>
#include <iostream>
#include <set>

#include "capture/demo_head.h"
#include "dots/demo_dot_field.h"
#include "dots/sample_elimination.h"
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

class DemoField : public ::testing::Test {
 protected:
  const TriangleMesh* head_ = &test::demo_head_mesh();
};

TEST_F(DemoField, DensityIsDotsPerSquareCentimetreInEveryPatch) {
  const double area = demo_scalp_area_cm2(*head_);
  EXPECT_GT(area, 250.0);  // the top of an adult head; the whole scalp is ~600 cm^2
  EXPECT_LT(area, 650.0);
  // Patches of 20 mm radius well inside the covered region: crown, vertex, front, both sides.
  const std::vector<glm::vec3> centres{{0, 110, -60}, {0, 132, -5}, {0, 122, 45}, {52, 100, -15}, {-52, 100, -15}};
  constexpr float kRadius = 20.0f;
  for (double density : {40.0, 80.0, 120.0}) {
    const auto dots = build_demo_dot_field(*head_, density, 3);
    for (const glm::vec3& centre : centres) {
      const glm::vec3 on_skin = centre - sdf_normal(demo_head_distance, centre) * demo_head_distance(centre);
      double patch_mm2 = 0.0;
      for (size_t t = 0; t < head_->indices.size(); t += 3) {
        const glm::vec3 a = head_->positions[head_->indices[t]], b = head_->positions[head_->indices[t + 1]],
                        c = head_->positions[head_->indices[t + 2]];
        if (glm::length((a + b + c) / 3.0f - on_skin) < kRadius) patch_mm2 += 0.5 * glm::length(glm::cross(b - a, c - a));
      }
      const auto inside = std::count_if(dots.begin(), dots.end(), [&](const Dot& d) {
        return glm::length(d.position_mm - on_skin) < kRadius;
      });
      const double measured = inside / (patch_mm2 / 100.0);
      std::cout << "density " << density << " per cm^2, patch at (" << centre.x << ", " << centre.y << ", "
                << centre.z << "): " << measured << "\n";
      EXPECT_NEAR(measured, density, 0.05 * density) << "patch at " << centre.x << ", " << centre.y << ", " << centre.z;
    }
  }
}

TEST_F(DemoField, DotsSitOnTheSkinInsideTheScalpRegion) {
  const auto dots = build_demo_dot_field(*head_, 40.0, 5);
  for (size_t i = 0; i < dots.size(); i += 13) {
    EXPECT_NEAR(demo_head_distance(dots[i].position_mm), 0.0f, 0.1f);
    EXPECT_GT(glm::dot(dots[i].normal, sdf_normal(demo_head_distance, dots[i].position_mm)), 0.99f);
    EXPECT_GT(dots[i].position_mm.y, 44.0f);  // never on the face or the ears
  }
}

TEST_F(DemoField, RanksArePermutationAndSameSeedSameField) {
  const auto a = build_demo_dot_field(*head_, 60.0, 11);
  const auto b = build_demo_dot_field(*head_, 60.0, 11);
  const auto c = build_demo_dot_field(*head_, 60.0, 12);
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

TEST_F(DemoField, BlueNoiseKeepsAMinimumSpacingAtFullAndQuarterDensity) {
  // Ideal: the spacing of a hexagonal packing at that density. No two dots may come closer than 0.7
  // of it, nor closer than 0.6 of the quarter density's ideal once thresholded to a quarter.
  for (const auto& [density_per_cm2, seed] : {std::pair{40.0, 8ull}, std::pair{120.0, 21ull}}) {
    const auto dots = build_demo_dot_field(*head_, density_per_cm2, seed);
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

TEST_F(DemoField, SpatialOrderKeepsNeighboursClose) {
  // Consecutive dots in memory are close on the head (median step ~ dot spacing), unlike random order.
  const auto dots = build_demo_dot_field(*head_, 80.0, 2);
  std::vector<float> steps;
  for (size_t i = 1; i < dots.size(); ++i) steps.push_back(glm::length(dots[i].position_mm - dots[i - 1].position_mm));
  std::nth_element(steps.begin(), steps.begin() + steps.size() / 2, steps.end());
  EXPECT_LT(steps[steps.size() / 2], 3.0f);  // mm; a random order would give ~100 mm
}

}  // namespace
}  // namespace smp
