// smp_splat_bench: `smpview bench splat` alone, with the same options
// (smp_splat_bench bench splat --dots ... --sizes ... --device NAME). Built without the libraries the
// rest of smpview needs, so that it can be copied to a GPU machine that has only a Vulkan driver.
#include <CLI/CLI.hpp>
#include <exception>
#include <iostream>

#include "app/command_line.h"
#include "app/exit_codes.h"
#include "bench/splat_benchmark.h"

int main(int argc, char** argv) {
  using namespace smp;
  CLI::App app{"smp_splat_bench: the splat engine's benchmark (smpview bench splat)"};
  app.require_subcommand(1);
  BenchOptions options;
  add_bench_command(app, options);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "smp_splat_bench: " << e.what() << " (see smp_splat_bench bench splat --help)\n";
    return exit_code::kBadArguments;
  }
  try {
    return run_bench(options);
  } catch (const BadArgument& e) {
    std::cerr << "smp_splat_bench: " << e.what() << "\n";
    return exit_code::kBadArguments;
  } catch (const std::exception& e) {  // no GPU, or a GPU error
    std::cerr << "smp_splat_bench: " << e.what() << "\n";
    return exit_code::kFailure;
  }
}
