#pragma once
// `smpview bench splat`: our compute splat + composite against the point-primitive baseline, on the
// same dots, at several dot counts and resolutions. Prints a table, or JSON lines with --json.
#include <CLI/CLI.hpp>
#include <cstdint>
#include <string>
#include <vector>

namespace smp {

struct BenchOptions {
  bool json = false;
  int iterations = 10;
  std::vector<std::uint64_t> dot_counts{250'000, 1'000'000, 4'000'000, 16'000'000};
  std::vector<std::string> sizes{"1280x720", "1920x1080"};
  std::string device;
};

CLI::App* add_bench_command(CLI::App& app, BenchOptions& options);
int run_bench(const BenchOptions& options);

}  // namespace smp
