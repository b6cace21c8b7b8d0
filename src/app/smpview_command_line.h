#pragma once
// smpview's whole command line: every command, the options each one fills, and the parse that refuses a
// bad value before anything runs. main() runs the command parsed; tests parse in the same way, in process.
#include <CLI/CLI.hpp>
#include <optional>
#include <ostream>

#include "app/kiosk_command.h"
#include "app/live_command.h"
#include "app/render_command.h"
#include "app/sheet_command.h"
#include "app/track_command.h"
#include "bench/live_benchmark.h"
#include "bench/splat_benchmark.h"
#include "bench/track_benchmark.h"

namespace smp {

// Holds pointers into itself (each command's options are filled in place), so it is neither copied nor moved.
struct SmpviewCommandLine {
  SmpviewCommandLine();
  SmpviewCommandLine(const SmpviewCommandLine&) = delete;
  SmpviewCommandLine& operator=(const SmpviewCommandLine&) = delete;

  // Parses `argv` (argv[0] the program). Returns the exit code when the process stops here: 0 after
  // --help printed the help on stdout, 2 (exit_code::kBadArguments) after one line on `errors` naming the
  // option and what is wrong with it. nullopt: the command parsed runs.
  std::optional<int> parse(int argc, const char* const* argv, std::ostream& errors);

  CLI::App app{"smpview: scalp micropigmentation preview"};
  RenderOptions render_options;
  LiveOptions live_options;
  TrackOptions track_options;
  KioskOptions kiosk_options;
  SheetOptions sheet_options;
  BenchOptions bench_options;
  TrackBenchOptions track_bench_options;
  LiveBenchOptions live_bench_options;
  CLI::App* render = nullptr;
  CLI::App* live = nullptr;
  CLI::App* track = nullptr;
  CLI::App* kiosk = nullptr;
  CLI::App* sheet = nullptr;
  CLI::App* bench = nullptr;
  CLI::App* bench_track = nullptr;
  CLI::App* bench_live = nullptr;
};

}  // namespace smp
