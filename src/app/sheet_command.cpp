#include "app/sheet_command.h"

#include <cmath>
#include <numeric>
#include <iostream>
#include <optional>

#include "app/command_line.h"
#include "app/exit_codes.h"
#include "app/photo_head.h"
#include "app/preview.h"
#include "app/sheet_content.h"
#include "capture/frame_source.h"

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
};

ChosenFrames choose_frames(FrameSource& source, CapturedFrame frame, const Intrinsics& camera, bool photo,
                           const LandmarkPredictor& predictor) {
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
    const TrackedFace face = tracker.track(frame);
    if (!face.has_landmarks()) continue;  // to the loop's condition: the next frame (the sheet crops to the face)
    const double yaw = face.pose.yaw_deg;  // > 0: the face turned towards the picture's left
    keep_if_nearer(chosen.front, frame, face, 0.0);
    if (yaw <= -kLeastSideYawDeg) keep_if_nearer(chosen.turned_left, frame, face, -kSideYawDeg);
    if (yaw >= kLeastSideYawDeg) keep_if_nearer(chosen.turned_right, frame, face, kSideYawDeg);
  } while (source.read(frame) == SourceStatus::kFrame);
  return chosen;
}

}  // namespace

CLI::App* add_sheet_command(CLI::App& app, SheetOptions& o) {
  CLI::App* sheet = app.add_subcommand("sheet", "A printable consultation sheet (PDF or PNG) from a photo or video and a design");
  sheet->add_option("--input", o.input, "Photo or video of the patient")->required();
  sheet->add_option("--design", o.design_file, "Design file (JSON); the default design without it");
  sheet->add_option("--output", o.output, "plan.pdf, or plan.png for the same page as a picture")->required();
  sheet->add_option("--patient", o.patient, "Patient name or ID, printed at the top");
  sheet->add_option("--device", o.device, "GPU to use (a part of its name)");
  add_camera_options(sheet, o.camera, /*webcam=*/false);
  return sheet;
}

int run_sheet(const SheetOptions& o) {
  const std::filesystem::path output(o.output);
  check_output_file_path(output);
  const CameraOptions lens = checked_camera_options(o.camera);  // the calibration file read once
  if (const std::string e = lowercase_extension(output); e != ".pdf" && e != ".png")
    throw BadArgument("--output: '" + o.output + "' must end in .pdf or .png");
  const SmpDesign design = design_option(o.design_file);
  const std::unique_ptr<FrameSource> source = open_file(o.input);  // SourceError: exit 3
  CapturedFrame first;
  if (source->read(first) != SourceStatus::kFrame) throw SourceError(o.input + ": has no pictures in it");
  Intrinsics camera = camera_intrinsics(lens, first.picture.width, first.picture.height);
  std::cerr << "smpview: looking for the patient's face in " << source->description() << " ...\n";
  const bool photo = source->frames_per_second() <= 0.0;
  const LandmarkPredictor predictor;
  // The scalp fitted to the head's outline, as render does (app/photo_head.h); its lens for a photo.
  OutlineFit fit;
  if (photo) {
    const PhotoHead head = fit_photo_head(first.picture, lens, predictor);
    camera = head.camera;
    fit = head.fit;
    if (head.face.found) std::cerr << "smpview: " << head.summary << "\n";
  } else {
    const std::unique_ptr<FrameSource> start = open_file(o.input);
    const VideoHead head = fit_video_head(*start, camera, predictor);
    fit = head.fit;
    std::cerr << "smpview: " << head.summary << "\n";
  }
  ChosenFrames chosen = choose_frames(*source, std::move(first), camera, photo, predictor);
  if (!chosen.front) {
    std::cerr << "smpview: no face found in " << o.input << "; the sheet needs a picture of the patient's face\n";
    return exit_code::kFailure;
  }
  for (std::optional<Candidate>* c : {&chosen.front, &chosen.turned_left, &chosen.turned_right})
    if (*c) (*c)->face.pose = fit.corrected((*c)->face.pose);

  const double field_density = densest_per_cm2(design);
  const std::vector<Dot> field = Preview::build_field(field_density, fit.fit);
  const Gpu gpu(GpuOptions{.device_name = o.device});
  Preview preview(gpu, camera, field, field_density, fit.fit);
  // Rendered in the video's order: the preview fades dots by the frames' own clock.
  std::vector<std::pair<std::string, const Candidate*>> chosen_views = {{"Front", &*chosen.front}};
  if (chosen.turned_left) chosen_views.emplace_back("Turned to their left", &*chosen.turned_left);
  if (chosen.turned_right) chosen_views.emplace_back("Turned to their right", &*chosen.turned_right);
  std::vector<PatientPicture> pictures(chosen_views.size());
  std::vector<size_t> order(chosen_views.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(),
            [&](size_t a, size_t b) { return chosen_views[a].second->face.frame < chosen_views[b].second->face.frame; });
  for (const size_t i : order) {
    const Candidate& c = *chosen_views[i].second;
    pictures[i] = {chosen_views[i].first, c.picture, preview.render(c.picture, c.face, design), c.face};
  }
  const ConsultationSheet sheet =
      consultation_sheet(pictures, design, o.patient, {.field = field, .density_per_cm2 = field_density, .fit = preview.fit()}, camera);
  write_consultation_sheet(sheet, output);
  std::cerr << "smpview: wrote " << output.string() << " (" << sheet.views.size() << " view(s))\n";
  return exit_code::after_validation(gpu);
}

}  // namespace smp
