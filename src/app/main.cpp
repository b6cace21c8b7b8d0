// smpview: real-time AR preview of scalp micropigmentation. See README.md for the commands.
#include <exception>
#include <iostream>

#include "app/exit_codes.h"
#include "app/smpview_command_line.h"
#include "capture/frame_source.h"
#include "gpu/gpu.h"
#include "record/image_file.h"
#include "ui/window.h"

int main(int argc, char** argv) {
  using namespace smp;
  SmpviewCommandLine commands;
  if (const std::optional<int> stop = commands.parse(argc, argv, std::cerr)) return *stop;

  try {
    if (commands.render->parsed()) return run_render(commands.render_options);
    if (commands.live->parsed()) return run_live(commands.live_options);
    if (commands.track->parsed()) return run_track(commands.track_options);
    if (commands.sheet->parsed()) return run_sheet(commands.sheet_options);
    if (commands.kiosk->parsed())
      return commands.kiosk_options.set_pin ? set_kiosk_pin(commands.kiosk_options) : run_kiosk(commands.kiosk_options);
    if (commands.bench_track->parsed()) return run_track_bench(commands.track_bench_options);
    if (commands.bench_live->parsed()) return run_live_bench(commands.live_bench_options);
    if (commands.bench->parsed()) return run_bench(commands.bench_options);
    // No command: the mirror where there is a screen; without one, a demo preview video to look at.
    if (display_available()) return run_live(commands.live_options);
    std::cerr << "smpview: no display for the live mirror; rendering a demo preview video instead\n";
    commands.render_options.output = "smpview-demo.mp4";
    commands.render_options.seconds = 6.0;
    commands.render_options.size = "960x540";
    return run_render(commands.render_options);
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
