#include "app/sheet_command.h"

#include <cmath>
#include <ctime>
#include <iostream>
#include <optional>

#include "app/command_line.h"
#include "app/exit_codes.h"
#include "app/impression_estimate.h"
#include "app/preview.h"
#include "capture/frame_source.h"
#include "dots/design_file.h"
#include "record/consultation_sheet.h"
#include "scalp_design.h"

namespace smp {
namespace {

// A side view is turned this far, or as near to it as the video gets (and at least kLeastSideYawDeg).
constexpr double kSideYawDeg = 30.0, kLeastSideYawDeg = 15.0;

struct Candidate {
  RgbaImage picture;
  TrackedFace face;
};

// The frames the sheet shows: the one facing the camera most squarely, and those turned nearest
// kSideYawDeg to each side.
struct ChosenFrames {
  std::optional<Candidate> front, turned_left, turned_right;
  std::uint64_t frames = 0;
};

ChosenFrames choose_frames(FrameSource& source, CapturedFrame frame, const Intrinsics& camera, bool photo) {
  const LandmarkPredictor predictor;
  TrackerSettings settings;
  settings.camera = camera;
  settings.smooth = !photo;
  settings.detect_beside_tracking = false;  // the same sheet from the same video, every time
  Tracker tracker(predictor, settings);
  ChosenFrames chosen;
  const auto keep_if_nearer = [](std::optional<Candidate>& slot, const CapturedFrame& frame, const TrackedFace& face,
                                 double target_yaw) {
    if (slot && std::abs(slot->face.pose.yaw_deg - target_yaw) <= std::abs(face.pose.yaw_deg - target_yaw)) return;
    slot = Candidate{frame.picture, face};
  };
  do {
    ++chosen.frames;
    const TrackedFace face = tracker.track(frame);
    if (!face.found) continue;  // to the loop's condition: the next frame
    const double yaw = face.pose.yaw_deg;  // > 0: the face turned towards the picture's left
    keep_if_nearer(chosen.front, frame, face, 0.0);
    if (yaw <= -kLeastSideYawDeg) keep_if_nearer(chosen.turned_left, frame, face, -kSideYawDeg);
    if (yaw >= kLeastSideYawDeg) keep_if_nearer(chosen.turned_right, frame, face, kSideYawDeg);
  } while (source.read(frame) == SourceStatus::kFrame);
  return chosen;
}

// The part of the picture the sheet shows: the head with room above it for the scalp, 4:5 upright.
struct Crop {
  int x = 0, y = 0, width = 0, height = 0;
};

Crop head_crop(const Landmarks68& l, int picture_width, int picture_height) {
  double left = 1e9, right = -1e9, brows = 1e9;
  for (int i = 0; i <= 16; ++i) left = std::min(left, l[i].x), right = std::max(right, l[i].x);
  for (int i = 17; i <= 26; ++i) brows = std::min(brows, l[i].y);
  const double face = right - left;
  Crop c;
  c.width = std::min(picture_width, int(std::lround(2.0 * face)));
  c.height = std::min(picture_height, int(std::lround(2.5 * face)));
  c.x = std::clamp(int(std::lround(0.5 * (left + right) - 0.5 * c.width)), 0, picture_width - c.width);
  c.y = std::clamp(int(std::lround(brows - 1.3 * face)), 0, picture_height - c.height);  // the crown is ~1 face above the brows
  return c;
}

RgbaImage cropped(const RgbaImage& picture, const Crop& c) {
  RgbaImage out(c.width, c.height);
  for (int y = 0; y < c.height; ++y)
    for (int x = 0; x < c.width; ++x) out.at(x, y) = picture.at(c.x + x, c.y + y);
  return out;
}

// The design's coverage border in the picture: the stretches of it on the side of the head that faces
// the camera, in the pixels of the crop.
std::vector<std::vector<glm::dvec2>> hairline_in_picture(const shader::DesignParams& params, const ScalpFit& fit,
                                                         const HeadPose& pose, const Intrinsics& camera, const Crop& crop) {
  const glm::dmat3 r = pose.rotation();
  std::vector<std::vector<glm::dvec2>> stretches(1);
  constexpr int kSteps = 720;
  for (int i = 0; i <= kSteps; ++i) {
    const double azimuth = -M_PI + 2.0 * M_PI * i / kSteps;
    const ChartPoint on_border{azimuth, shader::border_at(params, float(azimuth)).x};
    const glm::dvec3 p = r * fit.surface.point(on_border) + pose.translation_mm;
    const bool faces_camera = glm::dot(r * fit.surface.normal(on_border), -p) > 0.0;
    if (!faces_camera) {
      if (!stretches.back().empty()) stretches.emplace_back();
      continue;
    }
    stretches.back().push_back(camera.project(p) - glm::dvec2(crop.x, crop.y));
  }
  std::erase_if(stretches, [](const auto& s) { return s.size() < 2; });
  return stretches;
}

SheetView view_of(const std::string& label, const Candidate& c, Preview& preview, const SmpDesign& design,
                  const Intrinsics& camera) {
  const Crop crop = head_crop(c.face.landmarks, c.picture.width, c.picture.height);
  SheetView v;
  v.label = label;
  v.before = cropped(c.picture, crop);
  v.after = cropped(preview.render(c.picture, c.face, design), crop);
  if (design.coverage != Coverage::kHairline) return v;
  const shader::DesignParams params = preview.settings_for(design).design;
  v.hairline = hairline_in_picture(params, preview.fit(), c.face.pose, camera, crop);
  const glm::dmat3 r = c.face.pose.rotation();
  const auto in_crop = [&](const glm::dvec3& head_point) {
    return camera.project(r * head_point + c.face.pose.translation_mm) - glm::dvec2(crop.x, crop.y);
  };
  const ChartPoint mid_frontal{0.0, mid_frontal_elevation(preview.fit(), design.hairline_height_mm)};
  v.height_marker = {in_crop(preview.fit().glabella), in_crop(preview.fit().surface.point(mid_frontal))};
  v.height_text = std::to_string(int(std::lround(design.hairline_height_mm))) + " mm";
  return v;
}

// "12,400": estimates to the nearest hundred, with thousands separated.
std::string about(std::uint64_t count) {
  std::string digits = std::to_string((count + 50) / 100 * 100);
  for (int i = int(digits.size()) - 3; i > 0; i -= 3) digits.insert(size_t(i), ",");
  return digits;
}

std::string number(double value, int decimals) {
  char text[32];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

std::vector<std::string> design_in_words(const SmpDesign& d) {
  static const char* shapes[] = {"straight", "rounded", "slightly receded at the temples", "with a small frontal peak"};
  const std::string shade = d.shade < 0.35 ? "light" : d.shade < 0.7 ? "medium" : "dark";
  std::vector<std::string> lines;
  if (d.coverage == Coverage::kHairline)
    lines.push_back("Hairline: " + number(d.hairline_height_mm, 0) + " mm above the point between the eyebrows, " +
                    shapes[int(d.hairline_shape)] + "; a " + number(d.softness_mm, 0) +
                    " mm soft transition from sparse to full density.");
  else
    lines.push_back("Diffuse thinning: density added over the thinning area, no hairline drawn.");
  lines.push_back("Density: " + number(d.density_per_cm2, 0) + " impressions per square centimetre after the last session.");
  lines.push_back("Dots: " + number(d.dot_diameter_mm, 2) + " mm across; shade " + number(d.shade, 2) + " (" + shade +
                  " grey), the first session lighter.");
  if (!d.scars.empty())
    lines.push_back("Scars: " + std::to_string(d.scars.size()) + " area(s) with their own density and shade.");
  return lines;
}

std::string today() {
  const std::time_t now = std::time(nullptr);
  char text[64];
  std::strftime(text, sizeof text, "%d %B %Y", std::localtime(&now));
  return text;
}

}  // namespace

CLI::App* add_sheet_command(CLI::App& app, SheetOptions& o) {
  CLI::App* sheet = app.add_subcommand("sheet", "A printable consultation sheet (PDF or PNG) from a photo or video and a design");
  sheet->add_option("--input", o.input, "Photo or video of the patient")->required();
  sheet->add_option("--design", o.design_file, "Design file (JSON); the default design without it");
  sheet->add_option("--output", o.output, "plan.pdf, or plan.png for the same page as a picture")->required();
  sheet->add_option("--patient", o.patient, "Patient name or ID, printed at the top");
  sheet->add_option("--device", o.device, "GPU to use (a part of its name)");
  return sheet;
}

int run_sheet(const SheetOptions& o) {
  const std::filesystem::path output(o.output);
  check_output_file_path(output);
  if (const std::string e = lowercase_extension(output); e != ".pdf" && e != ".png")
    throw BadArgument("--output: '" + o.output + "' must end in .pdf or .png");
  SmpDesign design;
  if (!o.design_file.empty()) {
    try {
      design = read_design_file(o.design_file);
    } catch (const DesignFileError& e) {
      throw BadArgument(std::string("--design: ") + e.what());
    }
  }
  const std::unique_ptr<FrameSource> source = open_file(o.input);  // SourceError: exit 3
  CapturedFrame first;
  if (source->read(first) != SourceStatus::kFrame) throw SourceError(o.input + ": has no pictures in it");
  const Intrinsics camera = Intrinsics::from_horizontal_fov(first.picture.width, first.picture.height, kDefaultCameraFovDeg);
  std::cerr << "smpview: looking for the patient's face in " << source->description() << " ...\n";
  const bool photo = source->frames_per_second() <= 0.0;
  const ChosenFrames chosen = choose_frames(*source, std::move(first), camera, photo);
  if (!chosen.front) {
    std::cerr << "smpview: no face found in " << o.input << "; the sheet needs a picture of the patient's face\n";
    return exit_code::kFailure;
  }

  const double field_density = densest_per_cm2(design);
  const std::vector<Dot> field = Preview::build_field(field_density);
  const Gpu gpu(GpuOptions{.device_name = o.device});
  Preview preview(gpu, camera, field, field_density);
  ConsultationSheet sheet;
  sheet.patient = o.patient;
  sheet.date = today();
  sheet.design_lines = design_in_words(design);
  // Rendered in the video's order: the preview fades dots by the frames' own clock.
  std::vector<std::pair<std::string, const Candidate*>> views = {{"Front", &*chosen.front}};
  if (chosen.turned_left) views.emplace_back("Turned to their left", &*chosen.turned_left);
  if (chosen.turned_right) views.emplace_back("Turned to their right", &*chosen.turned_right);
  std::vector<size_t> order(views.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return views[a].second->face.frame < views[b].second->face.frame; });
  sheet.views.resize(views.size());
  for (const size_t i : order) sheet.views[i] = view_of(views[i].first, *views[i].second, preview, design, camera);

  const ImpressionEstimate e = estimate_impressions(design, field, preview.fit(), field_density);
  std::string split_layers;
  for (int s = 0; s < design_limits::kSessions; ++s) {
    const int sittings = e.sittings_for_session[size_t(s)];
    sheet.impressions.emplace_back("Session " + std::to_string(s + 1) + (sittings > 1 ? " (in " + std::to_string(sittings) + " sittings)" : ""),
                                   "about " + about(e.added_in_session[size_t(s)]));
    if (sittings > 1) split_layers += (split_layers.empty() ? "" : ", ") + std::string("layer ") + std::to_string(s + 1) + " in " + std::to_string(sittings);
  }
  sheet.impressions.emplace_back("In total", "about " + about(e.total));
  sheet.impressions.emplace_back("Area covered", number(e.area_cm2, 0) + " cm\xC2\xB2");
  sheet.recommendation = "Recommended: " + std::to_string(e.recommended_sessions) +
                         " sessions about a week apart, of at most " + about(kMostImpressionsPerSession) +
                         " impressions each" + (split_layers.empty() ? "" : " (" + split_layers + ")") +
                         "; a touch-up after 3 to 5 years.";
  write_consultation_sheet(sheet, output);
  std::cerr << "smpview: wrote " << output.string() << " (" << sheet.views.size() << " view(s), about "
            << about(e.total) << " impressions)\n";
  return exit_code::after_validation(gpu);
}

}  // namespace smp
