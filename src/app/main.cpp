// smpview: real-time AR preview of scalp micropigmentation. See README.md for the commands.
#include <CLI/CLI.hpp>
#include <exception>
#include <iostream>

#include "app/exit_codes.h"
#include "app/kiosk_command.h"
#include "app/live_command.h"
#include "app/render_command.h"
#include "app/sheet_command.h"
#include "app/track_command.h"
#include "bench/live_benchmark.h"
#include "bench/splat_benchmark.h"
#include "bench/track_benchmark.h"
#include "capture/frame_source.h"
#include "gpu/gpu.h"
#include "record/image_file.h"
#include "ui/window.h"

int main(int argc, char** argv) {
  using namespace smp;
  CLI::App app{"smpview: scalp micropigmentation preview"};
  app.require_subcommand(0, 1);  // none: the live mirror
  RenderOptions render_options;
  CLI::App* render = add_render_command(app, render_options);
  LiveOptions live_options;
  CLI::App* live = add_live_command(app, live_options);
  TrackOptions track_options;
  CLI::App* track = add_track_command(app, track_options);
  KioskOptions kiosk_options;
  CLI::App* kiosk = add_kiosk_command(app, kiosk_options);
  SheetOptions sheet_options;
  CLI::App* sheet = add_sheet_command(app, sheet_options);
  BenchOptions bench_options;
  CLI::App* bench = add_bench_command(app, bench_options);
  TrackBenchOptions track_bench_options;
  CLI::App* bench_track = add_track_bench_command(*bench, track_bench_options);
  LiveBenchOptions live_bench_options;
  CLI::App* bench_live = add_live_bench_command(*bench, live_bench_options);
  refuse_non_finite_numbers(app);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "smpview: " << e.what() << " (see smpview --help)\n";
    return exit_code::kBadArguments;
  }

  try {
    if (render->parsed()) return run_render(render_options);
    if (live->parsed()) return run_live(live_options);
    if (track->parsed()) return run_track(track_options);
    if (sheet->parsed()) return run_sheet(sheet_options);
    if (kiosk->parsed()) return kiosk_options.set_pin ? set_kiosk_pin(kiosk_options) : run_kiosk(kiosk_options);
    if (bench_track->parsed()) return run_track_bench(track_bench_options);
    if (bench_live->parsed()) return run_live_bench(live_bench_options);
    if (bench->parsed()) return run_bench(bench_options);
    // No command: the mirror where there is a screen; without one, a demo preview video to look at.
    if (display_available()) return run_live(live_options);
    std::cerr << "smpview: no display for the live mirror; rendering a demo preview video instead\n";
    render_options.output = "smpview-demo.mp4";
    render_options.seconds = 6.0;
    render_options.size = "960x540";
    return run_render(render_options);
  } catch (const BadArgument& e) {
    std::cerr << "smpview: " << e.what() << "\n";
    return exit_code::kBadArguments;
  } catch (const SourceError& e) {
    std::cerr << "smpview: " << e.what() << "\n";
    return exit_code::kUnreadableInput;
  } catch (const WindowError& e) {
    std::cerr << "smpview: " << e.what() << "\n";
    return exit_code::kFailure;
  } catch (const NoGpuError& e) {
    std::cerr << "smpview: " << e.what() << "\n";
    return exit_code::kFailure;
  } catch (const vk::SystemError& e) {
    std::cerr << "smpview: GPU error: " << e.what() << "\n";
    return exit_code::kFailure;
  } catch (const std::exception& e) {
    std::cerr << "smpview: " << e.what() << "\n";
    return exit_code::kFailure;
  }
  return exit_code::kFailure;
}
