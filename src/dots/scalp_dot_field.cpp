#include "dots/scalp_dot_field.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "dots/sample_elimination.h"
#include "shared.h"

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

// The chart is cut into cells of this size; each gets dots in proportion to its area on the skin.
constexpr int kAzimuthCells = 720;
constexpr double kCellAzimuth = 2.0 * M_PI / kAzimuthCells;
constexpr double kCellElevation = 0.25 * M_PI / 180.0;

// Visits the chart cells whose centre lies in the region grown by `margin_rad` of elevation, with the
// cell's area on the skin (mm^2).
template <typename Visit>
void for_each_cell(const FieldRegion& region, double margin_rad, Visit visit) {
  for (int i = 0; i < kAzimuthCells; ++i) {
    const double azimuth = -M_PI + (i + 0.5) * kCellAzimuth;
    for (double elevation = 0.5 * M_PI - 0.5 * kCellElevation; elevation > -0.5 * M_PI; elevation -= kCellElevation) {
      const ChartPoint centre{azimuth, elevation};
      if (!region.contains(centre, margin_rad)) break;  // the region is everything above its border
      visit(centre, region.surface.area_mm2_per_rad2(centre) * kCellAzimuth * kCellElevation);
    }
  }
}

struct Candidate {
  ChartPoint chart;
  glm::vec3 position_mm;
};

// Uniform random points over the region grown by `margin_rad`, `density_per_cm2` on average.
std::vector<Candidate> scatter(const FieldRegion& region, double density_per_cm2, double margin_rad, Random& random,
                               double& area_mm2_total) {
  std::vector<Candidate> points;
  area_mm2_total = 0.0;
  for_each_cell(region, margin_rad, [&](ChartPoint centre, double area_mm2) {
    area_mm2_total += area_mm2;
    // Expected count area x density, rounded up or down at random: exact on average, low variance.
    const double expected = area_mm2 / 100.0 * density_per_cm2;
    const int count = int(expected) + (random.uniform() < expected - std::floor(expected) ? 1 : 0);
    for (int k = 0; k < count; ++k) {
      const ChartPoint c{centre.azimuth + (random.uniform() - 0.5) * kCellAzimuth,
                         centre.elevation + (random.uniform() - 0.5) * kCellElevation};
      points.push_back({c, glm::vec3(region.surface.point(c))});
    }
  });
  return points;
}

Dot make_dot(const ScalpSurface& surface, const Candidate& c, Random& random) {
  Dot dot;
  dot.position_mm = c.position_mm;
  dot.normal = glm::vec3(surface.normal(c.chart));
  dot.diameter_jitter = float(random.uniform() * 2.0 - 1.0);
  dot.darkness_jitter = float(random.uniform() * 2.0 - 1.0);
  return dot;
}

}  // namespace

bool FieldRegion::contains(ChartPoint c, double margin_rad) const {
  // Linear between bin centres, as border_at() in shaders/scalp_design.h.
  const int bins = int(reach_elevations.size());
  const double s = (c.azimuth + M_PI) / (2.0 * M_PI) * bins - 0.5;
  const double below = std::floor(s);
  const int i = std::clamp(int(below), -1, bins - 1);
  const double a = reach_elevations[(i + bins) % bins], b = reach_elevations[(i + 1) % bins];
  return c.elevation >= a + (b - a) * (s - below) - margin_rad;
}

double FieldRegion::area_cm2() const {
  double area_mm2 = 0.0;
  for_each_cell(*this, 0.0, [&](ChartPoint, double cell_mm2) { area_mm2 += cell_mm2; });
  return area_mm2 / 100.0;
}

std::vector<Dot> build_scalp_dot_field(const FieldRegion& region, double density_per_cm2, std::uint64_t seed) {
  // Candidates: uniform random points, 8 times as many as the field keeps (fewer leave dots closer
  // together, see the spacing test); sample elimination keeps the best-spaced subset and ranks it.
  // They cover a band past the border too: dots at the edge of a candidate set have fewer neighbours,
  // survive more often and would draw the border as a dark line. The band is dropped afterwards.
  constexpr double kCandidatesPerDot = 8.0;
  const double margin_mm = 3.0 * ideal_spacing_mm(density_per_cm2 / 100.0);
  const double margin_rad = margin_mm / region.surface.shape().half_height_mm;  // ~mm per rad of a meridian
  Random random(seed);
  double area_mm2 = 0.0;
  const std::vector<Candidate> candidates = scatter(region, density_per_cm2 * kCandidatesPerDot, margin_rad, random, area_mm2);
  std::vector<glm::vec3> positions(candidates.size());
  for (size_t i = 0; i < candidates.size(); ++i) positions[i] = candidates[i].position_mm;
  const auto count = std::min(static_cast<std::size_t>(std::llround(area_mm2 / 100.0 * density_per_cm2)), positions.size());
  std::vector<Dot> dots;
  for (const std::uint32_t index : eliminate_to_blue_noise(positions, count, area_mm2)) {
    if (!region.contains(candidates[index].chart)) continue;
    dots.push_back(make_dot(region.surface, candidates[index], random));
    dots.back().rank = std::uint32_t(dots.size() - 1);  // any rank threshold leaves a well-spaced field
  }
  sort_spatially(dots);
  return dots;
}

std::vector<Dot> build_random_scalp_dot_field(const FieldRegion& region, double density_per_cm2, std::uint64_t seed) {
  Random random(seed);
  double area_mm2 = 0.0;
  std::vector<Dot> dots;
  for (const Candidate& c : scatter(region, density_per_cm2, 0.0, random, area_mm2))
    dots.push_back(make_dot(region.surface, c, random));
  sort_spatially(dots);
  std::vector<std::uint32_t> ranks(dots.size());
  std::iota(ranks.begin(), ranks.end(), 0u);
  for (size_t i = ranks.size(); i > 1; --i) std::swap(ranks[i - 1], ranks[random.next() % i]);
  for (size_t i = 0; i < dots.size(); ++i) dots[i].rank = ranks[i];
  return dots;
}

}  // namespace smp
