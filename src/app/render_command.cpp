#include "app/render_command.h"

#include <iostream>

#include "app/exit_codes.h"
#include "record/image_file.h"

namespace smp {

CLI::App* add_render_command(CLI::App& app, RenderOptions& o) {
  CLI::App* render = app.add_subcommand("render", "Render a picture of SMP on a head");
  render->add_option("--input", o.input, "What to render: 'demo' (the built-in head)")->default_val("demo");
  render->add_option("--output", o.output, "Picture to write (.png or .jpg)")->required();
  render->add_option("--pitch", o.pitch_deg, "Head pitch, degrees; > 0 chin up")->check(CLI::Range(-60.0, 60.0));
  render->add_option("--yaw", o.yaw_deg, "Head yaw, degrees; > 0 face turned to the picture's left")
      ->check(CLI::Range(-180.0, 180.0));
  render->add_option("--roll", o.roll_deg, "Head roll, degrees; > 0 tilted clockwise in the picture")
      ->check(CLI::Range(-60.0, 60.0));
  render->add_option("--density", o.field.density_per_cm2, "Impressions per cm^2")
      ->check(CLI::Range(5.0, 400.0))
      ->capture_default_str();
  render->add_option("--dot-mm", o.splat.dot_diameter_mm, "Dot diameter, mm")
      ->check(CLI::Range(0.1, 2.0))
      ->capture_default_str();
  render->add_option("--shade", o.splat.shade, "Pigment shade, 0 lightest .. 1 darkest")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  render->add_option("--size", o.size, "Picture size WIDTHxHEIGHT")->capture_default_str();
  render->add_option("--seed", o.field.seed, "Seed of the dot field's randomness")->capture_default_str();
  render->add_option("--device", o.device, "Use the Vulkan device whose name contains this");
  return render;
}

int run_render(const RenderOptions& o) {
  if (o.input != "demo")
    throw BadArgument("--input: '" + o.input + "' is not supported yet; only 'demo' (the built-in head) is");
  const PictureSize size = parse_picture_size(o.size);
  check_output_picture_path(o.output);

  const Gpu gpu(GpuOptions{.device_name = o.device});
  std::cerr << "smpview: rendering on " << gpu.device_name() << "\n";
  const TriangleMesh head = build_demo_head_mesh();
  DemoScene scene(gpu, head, size.width, size.height, o.field);
  const RgbaImage& picture = scene.render(demo_pose(o.pitch_deg, o.yaw_deg, o.roll_deg), o.splat);
  write_image(picture, o.output);
  if (gpu.validation_log().count() > 0) {
    std::cerr << "smpview: " << gpu.validation_log().count() << " Vulkan validation message(s), see above\n";
    return exit_code::kFailure;
  }
  std::cout << "wrote " << std::filesystem::absolute(o.output).string() << " (" << size.width << "x" << size.height << ", "
            << scene.renderer().dot_count() << " dots)\n";
  return exit_code::kOk;
}

}  // namespace smp
