// The procedural demo bust: adult proportions, a closed outward-facing skin.
#include <gtest/gtest.h>

#include "capture/demo_head.h"
#include "test_support.h"

namespace smp {
namespace {

class DemoHeadMesh : public ::testing::Test {
 protected:
  const TriangleMesh* mesh_ = &test::demo_head_mesh();
};

TEST_F(DemoHeadMesh, HasAdultHeadProportions) {
  // Breadth: widest point of the skull above the ears; length: glabella level, front to back.
  float max_breadth = 0, front = -1e9f, back = 1e9f, top = -1e9f;
  for (const glm::vec3& p : mesh_->positions) {
    if (p.y > 25 && p.y < 90 && std::abs(p.x) < 72) max_breadth = std::max(max_breadth, 2 * std::abs(p.x));
    if (std::abs(p.x) < 3 && p.y > 25 && p.y < 40) front = std::max(front, p.z), back = std::min(back, p.z);
    top = std::max(top, p.y);
  }
  EXPECT_NEAR(max_breadth, demo_head::kHeadBreadthMm, 8.0);
  EXPECT_NEAR(front - back, demo_head::kHeadLengthMm, 8.0);
  EXPECT_NEAR(top, demo_head::kVertex.y, 5.0);
}

TEST_F(DemoHeadMesh, VerticesLieOnTheSkin) {
  // Within a tenth of a millimetre: the tapered cranium's distance is a bound, not exact, off the skin.
  for (size_t i = 0; i < mesh_->positions.size(); i += 97)
    ASSERT_NEAR(demo_head_distance(mesh_->positions[i]), 0.0f, 0.1f) << "vertex " << i;
}

TEST_F(DemoHeadMesh, TrianglesAndNormalsFaceOutwards) {
  size_t agree = 0, total = 0;
  for (size_t t = 0; t < mesh_->indices.size(); t += 3) {
    const glm::vec3 a = mesh_->positions[mesh_->indices[t]], b = mesh_->positions[mesh_->indices[t + 1]],
                    c = mesh_->positions[mesh_->indices[t + 2]];
    const glm::vec3 face = glm::cross(b - a, c - a);
    if (glm::length(face) < 1e-6f) continue;
    const glm::vec3 centre = (a + b + c) / 3.0f;
    // The field grows outwards, so an outward face normal points up its gradient.
    agree += glm::dot(face, sdf_normal(demo_head_distance, centre)) > 0;
    ++total;
  }
  ASSERT_GT(total, 10000u);
  EXPECT_GT(double(agree) / total, 0.999);
}

TEST_F(DemoHeadMesh, HasAFaceNotASphere) {
  // The nose tip stands out of the face, the ears out of the sides, the eyes sit in sockets.
  EXPECT_LT(demo_head_distance({0, -14, 118}), 0.0f);   // nose tip inside
  EXPECT_GT(demo_head_distance({0, -14, 125}), 0.0f);
  EXPECT_LT(demo_head_distance({76, 5, -12}), 0.0f);    // ear
  EXPECT_GT(demo_head_distance({90, 5, -12}), 0.0f);
  EXPECT_GT(demo_head_distance({32, 12, 90}), 0.0f);    // in front of the eyeball: air, not skin
}

}  // namespace
}  // namespace smp
