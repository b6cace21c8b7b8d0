#pragma once
// The few timing helpers every benchmark table uses.
#include <algorithm>
#include <chrono>
#include <vector>

namespace smp::bench {

using Clock = std::chrono::steady_clock;

inline double ms_between(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double, std::milli>(b - a).count();
}

// The value below which `share` of them lie (0.5: the median); 0 for none.
inline double percentile(std::vector<double> values, double share) {
  if (values.empty()) return 0.0;
  const auto at = values.begin() + std::ptrdiff_t(share * double(values.size() - 1) + 0.5);
  std::nth_element(values.begin(), at, values.end());
  return *at;
}

inline double median(std::vector<double> values) { return percentile(std::move(values), 0.5); }

}  // namespace smp::bench
