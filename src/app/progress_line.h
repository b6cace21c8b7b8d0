#pragma once
// A progress bar with the time left, redrawn in place on a terminal (at most 5 times a second) and
// silent when stderr is a file or a pipe, so logs stay readable.
#include <chrono>
#include <cstdint>
#include <string>

namespace smp {

class ProgressLine {
 public:
  // `total`: the expected count, 0 when unknown (then only the count and the rate show).
  ProgressLine(std::string label, std::uint64_t total);
  ~ProgressLine();  // ends the line
  void update(std::uint64_t done);

 private:
  std::string label_;
  std::uint64_t total_;
  bool terminal_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_, last_draw_;
};

}  // namespace smp
