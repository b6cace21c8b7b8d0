#include "bench/splat_benchmark.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>

#include "bench/timing.h"
#include "app/command_line.h"
#include "app/demo_scene.h"
#include "app/exit_codes.h"

namespace smp {
namespace {

using bench::median;

struct FrameTimes {
  double ms;
  SplatRenderer::PassTimes passes;  // zero when the device has no timestamps
};

struct Row {
  std::uint64_t dots;
  int width, height;
  double ms, design_ms, baseline_ms;
  SplatRenderer::PassTimes passes;  // of `ms`, median per pass
  FrameTimes minimal;               // the minimal splat's frame (src/gpu/minimal_splat_pass.h)
};

// Median frame time of `iterations` frames after two warm-up frames: GPU timestamps around ink clear +
// accumulate + composite when the device has them, else wall time of the whole frame; and the median
// of each pass. `settings(i)` gives frame i's settings.
template <typename Settings>
FrameTimes median_frame_ms(DemoScene& scene, const HeadPose& pose, Settings settings, int iterations) {
  std::vector<double> times, accumulate, composite;
  for (int i = 0; i < iterations + 2; ++i) {
    const auto start = std::chrono::steady_clock::now();
    scene.render(pose, settings(i));
    const double wall_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    if (i < 2) continue;
    times.push_back(scene.renderer().last_splat_ms().value_or(wall_ms));
    const auto passes = scene.renderer().last_passes_ms().value_or(SplatRenderer::PassTimes{});
    accumulate.push_back(passes.accumulate);
    composite.push_back(passes.composite);
  }
  return {median(times), {median(accumulate), median(composite)}};
}

// A practitioner dragging the hairline slider: a new height, so new design parameters, every frame.
SmpDesign moving_slider_design(int frame) {
  SmpDesign design;
  design.hairline_height_mm = 75.0 + 10.0 * (frame % 2);
  return design;
}

// Host time to turn a design into shader parameters, the CPU side of a slider move (ms, median).
double design_params_ms(const DemoScene& scene) {
  std::vector<double> times;
  for (int i = 0; i < 21; ++i) {
    const auto start = std::chrono::steady_clock::now();
    scene.settings_for(moving_slider_design(i));  // in another translation unit: never optimised away
    times.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
  }
  return median(times);
}

void print_row(const Row& r, bool json) {
  const double mdots_per_s = r.dots / (r.ms * 1e3);
  const double ratio = r.baseline_ms / r.ms;
  const double vs_minimal = r.ms / r.minimal.ms;
  const double splat_vs_minimal = r.passes.accumulate / std::max(r.minimal.passes.accumulate, 1e-6);
  if (json)
    std::printf("{\"dots\": %llu, \"width\": %d, \"height\": %d, \"ms\": %.3f, \"mdots_per_s\": %.2f, "
                "\"splat_ms\": %.3f, \"composite_ms\": %.3f, \"design_slider_ms\": %.3f, \"minimal_ms\": %.3f, "
                "\"minimal_splat_ms\": %.3f, \"vs_minimal\": %.2f, \"splat_vs_minimal\": %.2f, "
                "\"baseline_ms\": %.3f, \"ratio\": %.2f}\n",
                static_cast<unsigned long long>(r.dots), r.width, r.height, r.ms, mdots_per_s, r.passes.accumulate,
                r.passes.composite, r.design_ms, r.minimal.ms, r.minimal.passes.accumulate, vs_minimal,
                splat_vs_minimal, r.baseline_ms, ratio);
  else
    std::printf("%10llu  %5dx%-5d  %9.2f  %6.2f  %6.2f  %9.1f  %9.2f  %10.2f  %8.2fx  %10.2fx  %11.2f  %6.2fx\n",
                static_cast<unsigned long long>(r.dots), r.width, r.height, r.ms, r.passes.accumulate,
                r.passes.composite, mdots_per_s, r.design_ms, r.minimal.ms, vs_minimal, splat_vs_minimal,
                r.baseline_ms, ratio);
  std::fflush(stdout);
}

}  // namespace

CLI::App* add_bench_command(CLI::App& app, BenchOptions& o) {
  CLI::App* bench = app.add_subcommand("bench", "Benchmarks that print tables");
  bench->require_subcommand(1);
  CLI::App* splat = bench->add_subcommand("splat", "Splat + composite vs point primitives");
  splat->add_flag("--json", o.json, "One JSON object per row");
  splat->add_option("--iterations", o.iterations, "Timed frames per row (median is reported)")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  splat->add_option("--dots", o.dot_counts, "Dot counts to measure")->check(CLI::Range(1ull, 64'000'000ull));
  splat->add_option("--sizes", o.sizes, "Picture sizes WIDTHxHEIGHT");
  splat->add_option("--device", o.device, "Use the Vulkan device whose name contains this");
  return bench;
}

int run_bench(const BenchOptions& o) {
  std::vector<PictureSize> sizes;
  for (const auto& s : o.sizes) sizes.push_back(parse_picture_size(s));
  const Gpu gpu(GpuOptions{.device_name = o.device});
  const TriangleMesh head = build_demo_head_mesh();
  const HeadPose pose = demo_pose(-30.0, 20.0, 0.0);  // head bowed and turned: most of the scalp faces the camera
  auto whole_field = [](int) { return SplatSettings{}; };
  for (const std::uint64_t count : o.dot_counts) {
    std::vector<Dot> dots;
    double density_per_cm2 = 0.0;
    for (const PictureSize& size : sizes) {
      Row row{0, size.width, size.height, 0.0, 0.0, 0.0, {}, {}};
      {
        DemoScene scene(gpu, head, size.width, size.height, {.density_per_cm2 = 1.0}, SplatTechnique::kComputeSplat);
        if (dots.empty()) {
          const double area_cm2 = scene.region().area_cm2();
          density_per_cm2 = double(count) / area_cm2;
          dots = build_random_scalp_dot_field(scene.region(), density_per_cm2, 7);
          if (!o.json && count == o.dot_counts.front()) {
            std::printf("splat + composite on %s, %d timed frames per row (median), random dots over the demo scalp "
                        "(%.0f cm^2); design ms: the default hairline design with its slider moving every frame, "
                        "whose parameters take %.2f ms to rebuild on the CPU\n",
                        gpu.device_name().c_str(), o.iterations, area_cm2, design_params_ms(scene));
            std::printf("%10s  %-11s  %9s  %6s  %6s  %9s  %9s  %10s  %9s  %11s  %11s  %7s\n", "dots", "resolution",
                        "ms/frame", "splat", "comp.", "Mdots/s", "design ms", "minimal ms", "x minimal", "splat x min",
                        "baseline ms", "ratio");
          }
        }
        row.dots = dots.size();
        scene.set_dots(dots, density_per_cm2);
        const FrameTimes whole = median_frame_ms(scene, pose, whole_field, o.iterations);
        row.ms = whole.ms;
        row.passes = whole.passes;
        row.design_ms = median_frame_ms(
            scene, pose, [&](int i) { return scene.settings_for(moving_slider_design(i)); }, o.iterations).ms;
      }
      {
        DemoScene minimal(gpu, head, size.width, size.height, {.density_per_cm2 = 1.0}, SplatTechnique::kMinimalSplat);
        minimal.set_dots(dots, density_per_cm2);
        row.minimal = median_frame_ms(minimal, pose, whole_field, o.iterations);
      }
      {
        DemoScene baseline(gpu, head, size.width, size.height, {.density_per_cm2 = 1.0}, SplatTechnique::kPointPrimitives);
        baseline.set_dots(dots, density_per_cm2);
        row.baseline_ms = median_frame_ms(baseline, pose, whole_field, o.iterations).ms;
      }
      print_row(row, o.json);
    }
  }
  if (gpu.validation_log().count() > 0) {
    std::cerr << "smpview: " << gpu.validation_log().count() << " Vulkan validation message(s), see above\n";
    return exit_code::kFailure;
  }
  return exit_code::kOk;
}

}  // namespace smp
