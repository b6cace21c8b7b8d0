#include "app/render_command.h"

#include <algorithm>
#include <iostream>
#include <map>

#include "app/demo_source.h"
#include "app/design_settings.h"
#include "app/exit_codes.h"
#include "app/progress_line.h"
#include "app/render_camera_input.h"
#include "capture/frame_source.h"
#include "record/image_file.h"
#include "record/recorder.h"

namespace smp {

namespace {

// Adds a design flag bound to `flags.*field`, and remembers how to copy it over a design when given.
template <typename T, T SmpDesign::*field>
CLI::Option* add_design_flag(CLI::App* app, RenderOptions& o, const std::string& name, const std::string& help) {
  CLI::Option* option = app->add_option(name, o.design_flags.*field, help)->capture_default_str();
  o.given_flags.emplace_back(option, [](SmpDesign& d, const SmpDesign& flags) { d.*field = flags.*field; });
  return option;
}

}  // namespace

CLI::App* add_render_command(CLI::App& app, RenderOptions& o) {
  namespace limits = design_limits;
  CLI::App* render = app.add_subcommand("render", "Render a picture of SMP on a head");
  render->add_option("--input", o.input, "'demo' (the built-in head), a photo, or a video")->default_val("demo");
  render->add_option("--output", o.output, "Picture to write (.png or .jpg); for a video input, an .mp4")->required();
  render->add_flag("--side-by-side", o.side_by_side, "Before and after next to each other (not for the demo as a video)");
  render->add_option("--seconds", o.seconds, "The demo as a video (--output X.mp4): its length (12 s: one whole turn)")
      ->check(CLI::Range(0.1, 600.0))
      ->capture_default_str();
  render->add_option("--pitch", o.pitch_deg, "Head pitch, degrees; > 0 chin up")->check(CLI::Range(-60.0, 60.0));
  render->add_option("--yaw", o.yaw_deg, "Head yaw, degrees; > 0 face turned to the picture's left")
      ->check(CLI::Range(-180.0, 180.0));
  render->add_option("--roll", o.roll_deg, "Head roll, degrees; > 0 tilted clockwise in the picture")
      ->check(CLI::Range(-60.0, 60.0));
  render->add_option("--distance-mm", o.distance_mm, "The demo head's distance from the camera, mm (nearer: a close-up)")
      ->check(CLI::Range(150.0, 3000.0))
      ->capture_default_str();
  render->add_option("--design", o.design_file, "Design file (JSON); the flags below override its fields");
  add_design_flag<double, &SmpDesign::hairline_height_mm>(render, o, "--hairline-mm",
                                                          "Mid-frontal point above the glabella along the forehead, mm")
      ->check(CLI::Range(limits::kMinHairlineHeightMm, limits::kMaxHairlineHeightMm));
  add_design_flag<double, &SmpDesign::softness_mm>(render, o, "--softness-mm", "Depth of the hairline's transition zone, mm")
      ->check(CLI::Range(limits::kMinSoftnessMm, limits::kMaxSoftnessMm));
  add_design_flag<HairlineShape, &SmpDesign::hairline_shape>(render, o, "--hairline-shape", "Shape of the front hairline")
      ->transform(CLI::CheckedTransformer(std::map<std::string, HairlineShape>{
          {"straight", HairlineShape::kStraight}, {"rounded", HairlineShape::kRounded},
          {"receded", HairlineShape::kRecededTemples}, {"peak", HairlineShape::kFrontalPeak}}));
  add_design_flag<Coverage, &SmpDesign::coverage>(render, o, "--coverage", "hairline, or diffuse (thinning, no hairline)")
      ->transform(CLI::CheckedTransformer(std::map<std::string, Coverage>{{"hairline", Coverage::kHairline},
                                                                          {"diffuse", Coverage::kDiffuseThinning}}));
  add_design_flag<double, &SmpDesign::density_per_cm2>(render, o, "--density", "Impressions per cm^2")
      ->check(CLI::Range(limits::kMinDensityPerCm2, limits::kMaxDensityPerCm2));
  add_design_flag<double, &SmpDesign::dot_diameter_mm>(render, o, "--dot-mm", "Dot diameter, mm")
      ->check(CLI::Range(limits::kMinDotDiameterMm, limits::kMaxDotDiameterMm));
  add_design_flag<double, &SmpDesign::shade>(render, o, "--shade", "Pigment shade, 0 lightest .. 1 darkest")
      ->check(CLI::Range(limits::kMinShade, limits::kMaxShade));
  add_design_flag<int, &SmpDesign::session>(render, o, "--session", "Show the result after session 1, 2 or 3")
      ->check(CLI::Range(1, limits::kSessions));
  add_design_flag<bool, &SmpDesign::healed>(render, o, "--healed", "Healed dots: larger, softer, lighter")
      ->expected(0, 1);
  render->add_flag("--shade-from-skin", o.shade_from_skin,
                   "A photo: measure the forehead against white paper held beside the face and start from the shade "
                   "suggested for that skin (overrides --shade)");
  add_view_option(render, o.view, "A photo");
  add_points_option(render, o.points_file);
  render->add_option("--size", o.size, "Picture size WIDTHxHEIGHT")->capture_default_str();
  render->add_option("--seed", o.seed, "Seed of the dot field's randomness")->capture_default_str();
  render->add_option("--device", o.device, "Use the Vulkan device whose name contains this");
  add_camera_options(render, o.camera, /*webcam=*/false);
  return render;
}

SmpDesign effective_design(const RenderOptions& o) {
  SmpDesign design = design_option(o.design_file);
  for (const auto& [option, copy] : o.given_flags)
    if (option->count() > 0) copy(design, o.design_flags);
  return design;
}

namespace {

// The demo head turning (demo_source_pose) with the design on it, as a preview video.
int render_demo_video(const RenderOptions& o, const SmpDesign& design, const PictureSize& size) {
  check_output_video_path(o.output);
  const Gpu gpu(GpuOptions{.device_name = o.device});
  std::cerr << "smpview: rendering on " << gpu.device_name() << "\n";
  const TriangleMesh head = build_demo_head_mesh();
  DemoScene scene(gpu, head, size.width, size.height, {.density_per_cm2 = densest_per_cm2(design), .seed = o.seed});
  const SplatSettings settings = scene.settings_for(design);
  constexpr double kFps = 30.0;
  const auto frames = std::uint64_t(std::max(1.0, std::round(o.seconds * kFps)));
  Recorder recorder(o.output, {.width = size.width, .height = size.height, .fps = kFps});
  {
    ProgressLine progress("rendering", frames);
    for (std::uint64_t i = 0; i < frames; ++i) {
      const double t_ms = 1000.0 * double(i) / kFps;
      recorder.submit(scene.render(demo_source_pose(t_ms), settings), t_ms);
      progress.update(i + 1);
    }
  }
  recorder.finish();
  if (const int code = exit_code::after_validation(gpu); code != exit_code::kOk) return code;
  std::cout << "wrote " << std::filesystem::absolute(o.output).string() << " (" << frames << " frames, " << size.width << "x"
            << size.height << ", the demo head turning)\n";
  return exit_code::kOk;
}

}  // namespace

int run_render(const RenderOptions& o) {
  if (o.input != "demo") return render_camera_input(o, effective_design(o));
  if (o.shade_from_skin) throw BadArgument("--shade-from-skin: the demo head has no skin to measure; give a photo");
  if (!o.view.empty()) throw BadArgument("--view: for a photo; the demo head takes --pitch, --yaw and --roll");
  if (!o.points_file.empty()) throw BadArgument("--points: for a photo; the demo head takes --pitch, --yaw and --roll");
  if (lowercase_extension(o.output) == ".mp4") {
    if (o.side_by_side) throw BadArgument("--side-by-side: the demo as a video shows the design only; render a picture for before and after");
    return render_demo_video(o, effective_design(o), parse_picture_size(o.size));
  }
  const PictureSize size = parse_picture_size(o.size);
  check_output_picture_path(o.output);
  const SmpDesign design = effective_design(o);

  const Gpu gpu(GpuOptions{.device_name = o.device});
  std::cerr << "smpview: rendering on " << gpu.device_name() << "\n";
  const TriangleMesh head = build_demo_head_mesh();
  // One picture of one design: the field needs only the density this design asks for anywhere.
  DemoScene scene(gpu, head, size.width, size.height, {.density_per_cm2 = densest_per_cm2(design), .seed = o.seed});
  const HeadPose pose = demo_pose(o.pitch_deg, o.yaw_deg, o.roll_deg, o.distance_mm);
  const SplatSettings settings = scene.settings_for(design);
  if (o.side_by_side) {
    SplatSettings no_dots = settings;
    no_dots.opacity = 0.0f;
    const RgbaImage before = scene.render(pose, no_dots);
    RgbaImage both;
    side_by_side(before, scene.render(pose, settings), both);
    write_image(both, o.output);
  } else {
    write_image(scene.render(pose, settings), o.output);
  }
  if (const int code = exit_code::after_validation(gpu); code != exit_code::kOk) return code;
  std::cout << "wrote " << std::filesystem::absolute(o.output).string() << " (" << size.width * (o.side_by_side ? 2 : 1)
            << "x" << size.height << (o.side_by_side ? ", before | after" : "") << ", hairline " << design.hairline_height_mm << " mm, " << design.density_per_cm2 << " dots per cm^2, session "
            << design.session << ")\n";
  return exit_code::kOk;
}

}  // namespace smp
