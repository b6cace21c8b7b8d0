#include "dots/demo_dot_field.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "dots/sample_elimination.h"

namespace smp {
namespace {

// splitmix64 (Steele et al. 2014): tiny, fast, and the same numbers on every platform and compiler.
class Random {
 public:
  explicit Random(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  double uniform() { return double(next() >> 11) * (1.0 / 9007199254740992.0); }  // [0, 1)

 private:
  std::uint64_t state_;
};

// Triangles of the scalp region grown by `margin_mm` past its border.
template <typename Visit>
void for_each_scalp_triangle(const TriangleMesh& head, float margin_mm, Visit visit) {
  for (size_t t = 0; t + 2 < head.indices.size(); t += 3) {
    const std::uint32_t* corner = &head.indices[t];
    const glm::vec3& a = head.positions[corner[0]];
    const glm::vec3& b = head.positions[corner[1]];
    const glm::vec3& c = head.positions[corner[2]];
    if (in_demo_scalp_region((a + b + c) / 3.0f, margin_mm)) visit(corner, 0.5 * glm::length(glm::cross(b - a, c - a)));
  }
}

}  // namespace

bool in_demo_scalp_region(const glm::vec3& p, float margin_mm) {
  // Hairline height rises from 45 mm above the ear canals at the sides to 107 mm at the front
  // (glabella at 32 mm + 75 mm); behind the ears it stays at the ear tops.
  const float front = glm::smoothstep(20.0f, 80.0f, p.z);
  const float hairline_y = 45.0f + (107.0f - 45.0f) * front;
  return p.y > hairline_y - margin_mm;
}

double demo_scalp_area_cm2(const TriangleMesh& head) {
  double area_mm2 = 0.0;
  for_each_scalp_triangle(head, 0.0f, [&](const std::uint32_t*, double area) { area_mm2 += area; });
  return area_mm2 / 100.0;
}

namespace {

// Uniform random dots over the demo scalp region grown by `margin_mm`, `density_per_cm2` on average,
// with random jitter; `area_mm2` receives the area they cover.
std::vector<Dot> scatter_on_demo_scalp(const TriangleMesh& head, double density_per_cm2, float margin_mm,
                                       Random& random, double& area_mm2_total) {
  std::vector<Dot> dots;
  area_mm2_total = 0.0;
  for_each_scalp_triangle(head, margin_mm, [&](const std::uint32_t* corner, double area_mm2) {
    area_mm2_total += area_mm2;
    // Expected count area x density, rounded up or down at random: exact on average, low variance.
    const double expected = area_mm2 / 100.0 * density_per_cm2;
    const int count = int(expected) + (random.uniform() < expected - std::floor(expected) ? 1 : 0);
    for (int i = 0; i < count; ++i) {
      double u = random.uniform(), v = random.uniform();
      if (u + v > 1.0) u = 1.0 - u, v = 1.0 - v;  // uniform over the triangle
      // The mesh's vertices lie on the skin and its facets are ~2 mm: between them the facet is
      // within a few hundredths of a millimetre of the skin, and the interpolated normal is smooth.
      const float w1 = float(u), w2 = float(v), w0 = 1.0f - w1 - w2;
      Dot dot;
      dot.position_mm = w0 * head.positions[corner[0]] + w1 * head.positions[corner[1]] + w2 * head.positions[corner[2]];
      dot.normal = glm::normalize(w0 * head.normals[corner[0]] + w1 * head.normals[corner[1]] + w2 * head.normals[corner[2]]);
      dot.diameter_jitter = float(random.uniform() * 2.0 - 1.0);
      dot.darkness_jitter = float(random.uniform() * 2.0 - 1.0);
      dots.push_back(dot);
    }
  });
  return dots;
}

}  // namespace

std::vector<Dot> build_demo_dot_field(const TriangleMesh& head, double density_per_cm2, std::uint64_t seed) {
  // Candidates: uniform random dots, 8 times as many as the field keeps (fewer leave dots closer
  // together, see the spacing test); sample elimination keeps the best-spaced subset and ranks it.
  // They cover a band past the border too: dots at the edge of a candidate set have fewer neighbours,
  // survive more often and would draw the border as a dark line. The band is dropped afterwards.
  constexpr double kCandidatesPerDot = 8.0;
  const float margin_mm = 3.0f * float(ideal_spacing_mm(density_per_cm2 / 100.0));
  Random random(seed);
  double area_mm2 = 0.0;
  const std::vector<Dot> candidates =
      scatter_on_demo_scalp(head, density_per_cm2 * kCandidatesPerDot, margin_mm, random, area_mm2);
  std::vector<glm::vec3> positions(candidates.size());
  for (size_t i = 0; i < candidates.size(); ++i) positions[i] = candidates[i].position_mm;
  const auto count = std::min(static_cast<std::size_t>(std::llround(area_mm2 / 100.0 * density_per_cm2)), positions.size());
  std::vector<Dot> dots;
  for (const std::uint32_t index : eliminate_to_blue_noise(positions, count, area_mm2)) {
    if (!in_demo_scalp_region(candidates[index].position_mm)) continue;
    dots.push_back(candidates[index]);
    dots.back().rank = std::uint32_t(dots.size() - 1);  // any rank threshold leaves a well-spaced field
  }
  sort_spatially(dots);
  return dots;
}

std::vector<Dot> build_random_demo_dot_field(const TriangleMesh& head, double density_per_cm2, std::uint64_t seed) {
  Random random(seed);
  double area_mm2 = 0.0;
  std::vector<Dot> dots = scatter_on_demo_scalp(head, density_per_cm2, 0.0f, random, area_mm2);
  sort_spatially(dots);
  // Ranks in random order: any threshold thins the field evenly, though not to blue noise.
  std::vector<std::uint32_t> ranks(dots.size());
  std::iota(ranks.begin(), ranks.end(), 0u);
  for (size_t i = ranks.size(); i > 1; --i) std::swap(ranks[i - 1], ranks[random.next() % i]);
  for (size_t i = 0; i < dots.size(); ++i) dots[i].rank = ranks[i];
  return dots;
}

}  // namespace smp
