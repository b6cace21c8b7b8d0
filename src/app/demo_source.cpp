#include "app/demo_source.h"

#include <cmath>
#include <numbers>
#include <thread>

namespace smp {
namespace {

using Clock = std::chrono::steady_clock;

double swing(double t_ms, double period_s, double amplitude) {
  return amplitude * std::sin(2.0 * std::numbers::pi * t_ms / (1000.0 * period_s));
}

class DemoSource : public FrameSource {
 public:
  DemoSource(const Gpu& gpu, const DemoSourceOptions& o)
      : options_(o),
        head_(build_demo_head_mesh()),
        // The sparsest field: the demo's camera picture is the bare head; dots are the frame loop's job.
        scene_(gpu, head_, o.width, o.height, {.density_per_cm2 = 5.0}) {
    no_dots_.visible_rank_limit = 0;
  }

  SourceStatus read(CapturedFrame& frame) override {
    if (options_.frames > 0 && next_index_ >= options_.frames) return SourceStatus::kEnded;
    if (next_index_ == 0) start_ = Clock::now();
    const double t_ms = 1000.0 * double(next_index_) / options_.fps;
    if (options_.paced) std::this_thread::sleep_until(start_ + std::chrono::duration<double, std::milli>(t_ms));
    frame.picture = scene_.render(demo_source_pose(t_ms), no_dots_);
    frame.index = next_index_++;
    frame.t_ms = t_ms;
    problem_.clear();
    return SourceStatus::kFrame;
  }
  double frames_per_second() const override { return options_.fps; }
  std::string description() const override {
    return "built-in demo head (" + std::to_string(options_.width) + "x" + std::to_string(options_.height) + ")";
  }

 private:
  DemoSourceOptions options_;
  TriangleMesh head_;
  DemoScene scene_;
  SplatSettings no_dots_;
  std::uint64_t next_index_ = 0;
  Clock::time_point start_;
};

}  // namespace

HeadPose demo_source_pose(double t_ms) {
  return demo_pose(swing(t_ms, 9.0, 6.0) - 3.0, swing(t_ms, 12.0, 30.0), swing(t_ms, 7.0, 4.0));
}

std::unique_ptr<FrameSource> open_demo(const Gpu& gpu, const DemoSourceOptions& options) {
  return std::make_unique<DemoSource>(gpu, options);
}

}  // namespace smp
