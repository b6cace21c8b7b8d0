// Dots: 16-byte packing, spatial order, the demo field's density and ranks.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "capture/demo_head.h"
#include "dots/demo_dot_field.h"
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

TEST_F(DemoField, DensityIsDotsPerSquareCentimetre) {
  const double area = demo_scalp_area_cm2(*head_);
  EXPECT_GT(area, 250.0);  // the top of an adult head; the whole scalp is ~600 cm^2
  EXPECT_LT(area, 650.0);
  for (double density : {20.0, 80.0, 150.0}) {
    const auto dots = build_demo_dot_field(*head_, density, 3);
    EXPECT_NEAR(dots.size() / area, density, density * 0.01) << "requested " << density << " per cm^2";
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
