#include "app/progress_line.h"

#include <cstdio>
#include <unistd.h>

namespace smp {

ProgressLine::ProgressLine(std::string label, std::uint64_t total)
    : label_(std::move(label)), total_(total), terminal_(::isatty(STDERR_FILENO) == 1),
      start_(std::chrono::steady_clock::now()) {}

ProgressLine::~ProgressLine() {
  if (drawn_) std::fputc('\n', stderr);
}

void ProgressLine::update(std::uint64_t done) {
  if (!terminal_) return;
  const auto now = std::chrono::steady_clock::now();
  if (drawn_ && now - last_draw_ < std::chrono::milliseconds(200) && done != total_) return;
  last_draw_ = now;
  drawn_ = true;
  const double seconds = std::chrono::duration<double>(now - start_).count();
  const double rate = seconds > 0.0 ? double(done) / seconds : 0.0;
  if (total_ == 0) {
    std::fprintf(stderr, "\r%s %llu frames, %.1f per second   ", label_.c_str(), (unsigned long long)done, rate);
    return;
  }
  constexpr int kWidth = 30;
  const double share = std::min(1.0, double(done) / double(total_));
  const std::string bar = std::string(std::size_t(share * kWidth), '#') + std::string(kWidth - std::size_t(share * kWidth), '.');
  const double left_s = rate > 0.0 ? double(total_ - std::min(done, total_)) / rate : 0.0;
  std::fprintf(stderr, "\r%s %3d%% [%s] %llu/%llu frames, %d:%02d left   ", label_.c_str(), int(share * 100.0), bar.c_str(),
               (unsigned long long)done, (unsigned long long)total_, int(left_s) / 60, int(left_s) % 60);
}

}  // namespace smp
