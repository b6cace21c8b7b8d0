#include "app/smpview_command_line.h"

#include "app/command_line.h"
#include "app/exit_codes.h"

namespace smp {

SmpviewCommandLine::SmpviewCommandLine() {
  app.require_subcommand(0, 1);  // none: the live mirror
  render = add_render_command(app, render_options);
  live = add_live_command(app, live_options);
  track = add_track_command(app, track_options);
  kiosk = add_kiosk_command(app, kiosk_options);
  sheet = add_sheet_command(app, sheet_options);
  bench = add_bench_command(app, bench_options);
  bench_track = add_track_bench_command(*bench, track_bench_options);
  bench_live = add_live_bench_command(*bench, live_bench_options);
  refuse_non_finite_numbers(app);
}

std::optional<int> SmpviewCommandLine::parse(int argc, const char* const* argv, std::ostream& errors) {
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    errors << "smpview: " << e.what() << " (see smpview --help)\n";
    return exit_code::kBadArguments;
  }
  return std::nullopt;
}

}  // namespace smp
