#include "dots/sample_elimination.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace smp {
namespace {

// Points hashed into cubic cells of one edge length, for "all points within r" queries. Flat arrays
// (members sorted by cell, and an open-addressing table from cell to its run) rather than a map of
// vectors: the queries are most of the elimination's time.
class PointGrid {
 public:
  PointGrid(std::span<const glm::vec3> points, std::span<const std::uint32_t> members, float cell_mm)
      : points_(points), cell_(cell_mm) {
    std::vector<std::pair<std::uint64_t, std::uint32_t>> keyed(members.size());
    for (size_t i = 0; i < members.size(); ++i) keyed[i] = {key(cell_of(points[members[i]])), members[i]};
    std::sort(keyed.begin(), keyed.end());
    sorted_.resize(keyed.size());
    size_t table_size = 16;
    while (table_size < 2 * keyed.size()) table_size *= 2;
    table_.assign(table_size, Run{kEmpty, 0, 0});
    for (size_t i = 0; i < keyed.size(); ++i) {
      sorted_[i] = keyed[i].second;
      if (i == 0 || keyed[i].first != keyed[i - 1].first) {
        size_t slot = hash(keyed[i].first);
        while (table_[slot].key != kEmpty) slot = (slot + 1) & (table_.size() - 1);
        table_[slot] = {keyed[i].first, std::uint32_t(i), 0};
      }
      ++find(keyed[i].first)->count;
    }
  }

  template <typename Visit>
  void for_each_within(const glm::vec3& p, float radius, Visit visit) const {
    const glm::ivec3 c = cell_of(p);
    const float r2 = radius * radius;
    for (int dz = -1; dz <= 1; ++dz)
      for (int dy = -1; dy <= 1; ++dy)
        for (int dx = -1; dx <= 1; ++dx) {
          const Run* run = find(key(c + glm::ivec3(dx, dy, dz)));
          if (!run) continue;
          for (std::uint32_t k = run->start; k < run->start + run->count; ++k) {
            const std::uint32_t j = sorted_[k];
            const glm::vec3 d = points_[j] - p;
            const float d2 = glm::dot(d, d);
            if (d2 < r2) visit(j, std::sqrt(d2));
          }
        }
  }

 private:
  struct Run {
    std::uint64_t key;
    std::uint32_t start, count;
  };
  static constexpr std::uint64_t kEmpty = ~std::uint64_t(0);

  glm::ivec3 cell_of(const glm::vec3& p) const { return glm::ivec3(glm::floor(p / cell_)); }
  static std::uint64_t key(const glm::ivec3& c) {
    return (std::uint64_t(std::uint32_t(c.x) & 0x1fffff) << 42) | (std::uint64_t(std::uint32_t(c.y) & 0x1fffff) << 21) |
           (std::uint64_t(std::uint32_t(c.z) & 0x1fffff));
  }
  size_t hash(std::uint64_t k) const { return (k * 0x9e3779b97f4a7c15ull >> 20) & (table_.size() - 1); }
  const Run* find(std::uint64_t k) const { return const_cast<PointGrid*>(this)->find(k); }
  Run* find(std::uint64_t k) {
    for (size_t slot = hash(k);; slot = (slot + 1) & (table_.size() - 1)) {
      if (table_[slot].key == k) return &table_[slot];
      if (table_[slot].key == kEmpty) return nullptr;
    }
  }

  std::span<const glm::vec3> points_;
  float cell_;
  std::vector<std::uint32_t> sorted_;
  std::vector<Run> table_;
};

// Max-heap of point weights that supports lowering any point's weight (an indexed binary heap).
class WeightHeap {
 public:
  explicit WeightHeap(std::vector<double> weights, std::span<const std::uint32_t> members)
      : weight_(std::move(weights)), slot_(weight_.size(), kAbsent), heap_(members.begin(), members.end()) {
    for (size_t s = 0; s < heap_.size(); ++s) slot_[heap_[s]] = s;
    for (size_t s = heap_.size() / 2; s-- > 0;) sift_down(s);
  }
  bool empty() const { return heap_.empty(); }
  size_t size() const { return heap_.size(); }
  bool contains(std::uint32_t i) const { return slot_[i] != kAbsent; }
  std::uint32_t pop() {
    const std::uint32_t top = heap_.front();
    move(heap_.size() - 1, 0);
    heap_.pop_back();
    slot_[top] = kAbsent;
    if (!heap_.empty()) sift_down(0);
    return top;
  }
  void lower(std::uint32_t i, double by) {
    weight_[i] -= by;
    sift_down(slot_[i]);
  }

 private:
  static constexpr size_t kAbsent = static_cast<size_t>(-1);
  // Ties break on the index, so the order does not depend on the standard library's heap.
  bool above(std::uint32_t a, std::uint32_t b) const {
    return weight_[a] > weight_[b] || (weight_[a] == weight_[b] && a < b);
  }
  void move(size_t from, size_t to) {
    heap_[to] = heap_[from];
    slot_[heap_[to]] = to;
  }
  void sift_down(size_t s) {
    const std::uint32_t item = heap_[s];
    for (;;) {
      size_t child = 2 * s + 1;
      if (child >= heap_.size()) break;
      if (child + 1 < heap_.size() && above(heap_[child + 1], heap_[child])) ++child;
      if (!above(heap_[child], item)) break;
      move(child, s);
      s = child;
    }
    heap_[s] = item;
    slot_[item] = s;
  }
  std::vector<double> weight_;
  std::vector<size_t> slot_;
  std::vector<std::uint32_t> heap_;
};

// Yuksel's weight of a neighbour at distance d, for r_max the Poisson radius of the target count;
// distances below 2 r_min count as 2 r_min (his "weight limiting", which evens out the result).
double weight(float d, double r_max, double r_min) {
  const double x = 1.0 - std::max<double>(d, 2.0 * r_min) / (2.0 * r_max);
  const double x2 = x * x, x4 = x2 * x2;
  return x4 * x4;  // alpha = 8, as in the paper
}

// The largest Poisson-disk radius for `count` points on `area_mm2` (hexagonal packing, Yuksel eq. 5):
// half the hexagonal spacing.
double max_radius(double area_mm2, std::size_t count) { return 0.5 * ideal_spacing_mm(double(count) / area_mm2); }

// Eliminates points from `members` down to `target`, appending the eliminated ones to `eliminated`
// in order; returns the survivors.
std::vector<std::uint32_t> eliminate(std::span<const glm::vec3> points, std::vector<std::uint32_t> members,
                                     std::size_t target, double area_mm2, std::vector<std::uint32_t>& eliminated) {
  if (members.size() <= target) return members;
  const double r_max = max_radius(area_mm2, std::max<std::size_t>(target, 1));
  const double r_min = r_max * 0.65 * (1.0 - std::pow(double(target) / double(members.size()), 1.5));
  const float reach = float(2.0 * r_max);
  const PointGrid grid(points, members, reach);
  std::vector<double> weights(points.size(), 0.0);
  for (const std::uint32_t i : members)
    grid.for_each_within(points[i], reach, [&](std::uint32_t j, float d) {
      if (j != i) weights[i] += weight(d, r_max, r_min);
    });
  WeightHeap heap(std::move(weights), members);
  while (heap.size() > target) {
    const std::uint32_t worst = heap.pop();
    eliminated.push_back(worst);
    grid.for_each_within(points[worst], reach, [&](std::uint32_t j, float d) {
      if (j != worst && heap.contains(j)) heap.lower(j, weight(d, r_max, r_min));
    });
  }
  std::vector<std::uint32_t> survivors;
  survivors.reserve(target);
  while (!heap.empty()) survivors.push_back(heap.pop());
  return survivors;
}

}  // namespace

double ideal_spacing_mm(double density_per_mm2) { return std::sqrt(2.0 / (std::sqrt(3.0) * density_per_mm2)); }

std::vector<std::uint32_t> eliminate_to_blue_noise(std::span<const glm::vec3> candidates, std::size_t keep,
                                                   double area_mm2) {
  std::vector<std::uint32_t> members(candidates.size());
  std::iota(members.begin(), members.end(), 0u);
  std::vector<std::uint32_t> order;  // filled last-ranked first
  members = eliminate(candidates, std::move(members), keep, area_mm2, order);
  order.clear();  // candidates beyond `keep` are dropped, not ranked
  // Progressive: thin the set again and again, each time for the density it leaves, so that the
  // points that remain at any stage are spaced for that stage's density (Yuksel 2015, section 5).
  // Steps of 0.7 rather than halving keep any threshold between two stages within sqrt(0.7) of a
  // stage's spacing.
  for (std::size_t count = keep * 7 / 10; !members.empty(); count = count * 7 / 10)
    members = eliminate(candidates, std::move(members), count, area_mm2, order);
  std::reverse(order.begin(), order.end());
  return order;
}

}  // namespace smp
