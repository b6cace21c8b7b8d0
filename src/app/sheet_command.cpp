#include "app/sheet_command.h"

#include <algorithm>
#include <cmath>
#include <iostream>
#include <numeric>
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

ChosenFrames choose_frames(FrameSource& source, CapturedFrame frame, const Intrinsics& camera,
                           const LandmarkPredictor& predictor) {
  TrackerSettings settings;
  settings.camera = camera;
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

// A video's sheet: the front and the frames turned to each side, on the head fitted to its first frames.
int sheet_of_video(const SheetOptions& o, FrameSource& source, CapturedFrame first, const CameraOptions& lens,
                   const SmpDesign& design) {
  const Intrinsics camera = camera_intrinsics(lens, first.picture.width, first.picture.height);
  std::cerr << "smpview: looking for the patient's face in " << source.description() << " ...\n";
  const LandmarkPredictor predictor;
  // The scalp fitted to the head's outline in the first frames, as render does (app/photo_head.h).
  const VideoHead head = fit_video_head(o.inputs.front(), camera, predictor);
  std::cerr << "smpview: " << head.summary << "\n";
  ChosenFrames chosen = choose_frames(source, std::move(first), camera, predictor);
  if (!chosen.front) {
    std::cerr << "smpview: no face found in " << o.inputs.front() << "; the sheet needs a picture of the patient's face\n";
    return exit_code::kFailure;
  }
  for (std::optional<Candidate>* c : {&chosen.front, &chosen.turned_left, &chosen.turned_right})
    if (*c) (*c)->face.pose = head.fit.corrected((*c)->face.pose);

  const double field_density = densest_per_cm2(design);
  const std::vector<Dot> field = Preview::build_field(field_density, head.fit.fit);
  const Gpu gpu(GpuOptions{.device_name = o.device});
  Preview preview(gpu, camera, field, field_density, head.fit.fit);
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
    pictures[i] = {chosen_views[i].first, c.picture, preview.render(c.picture, c.face, design), c.face, camera, {}, {}};
  }
  const ConsultationSheet sheet =
      consultation_sheet(pictures, design, o.patient, {.field = field, .density_per_cm2 = field_density, .fit = preview.fit()});
  write_consultation_sheet(sheet, o.output);
  std::cerr << "smpview: wrote " << o.output << " (" << sheet.views.size() << " view(s))\n";
  return exit_code::after_validation(gpu);
}

struct PhotoOfTheSet {
  RgbaImage picture;
  PhotoHead head;
  PhotoView view;  // given, or the face's nearest
};

// A photo set's sheet: the design on each photo in which a head is found, the front first; one dot
// field, built on the first photo's scalp, so the impressions are one count for the whole head.
int sheet_of_photos(const SheetOptions& o, std::vector<CapturedFrame> firsts, const CameraOptions& lens,
                    const SmpDesign& design) {
  // Every file checked before the slow part starts: a bad one is refused at once.
  std::vector<std::vector<MarkedPoint>> points(firsts.size());
  for (size_t i = 0; i < o.points_files.size(); ++i)
    if (o.points_files[i] != kNoPointsFile)
      points[i] = marked_points_option(o.points_files[i], firsts[i].picture.width, firsts[i].picture.height);
  const LandmarkPredictor predictor;
  std::vector<PhotoOfTheSet> photos;
  for (size_t i = 0; i < firsts.size(); ++i) {
    const std::string& path = o.inputs[i];
    const std::optional<PhotoView> view = o.views.empty() ? std::nullopt : parse_view(o.views[i]);
    std::cerr << "smpview: looking for the patient's head in " << path << (view ? " (" + std::string(view_name(*view)) + ")" : "") << " ...\n";
    PhotoHead head = fit_photo_head(firsts[i].picture, lens, predictor, view, points[i]);
    if (!head.face.found) {
      std::cerr << "smpview: no face found in " << path << "; "
                << head.summary
                << (view || !points[i].empty() ? "" : "; give its view (--view front|left|right|top|back, one per --input) or mark points on it (--points)")
                << "; left out of the sheet\n";
      continue;
    }
    std::cerr << "smpview: " << head.summary << "\n";
    const PhotoView shows = view ? *view : nearest_view(head.face.pose);
    photos.push_back({std::move(firsts[i].picture), std::move(head), shows});
  }
  if (photos.empty()) {
    std::cerr << "smpview: no head found in " << (o.inputs.size() > 1 ? "any of the photos" : o.inputs.front())
              << "; the sheet needs a picture of the patient's head\n";
    return exit_code::kFailure;
  }
  std::stable_partition(photos.begin(), photos.end(), [](const PhotoOfTheSet& p) { return p.view == PhotoView::kFront; });

  const double field_density = densest_per_cm2(design);
  const ScalpFit& field_scalp = photos.front().head.fit.fit;
  const std::vector<Dot> field = Preview::build_field(field_density, field_scalp);
  const Gpu gpu(GpuOptions{.device_name = o.device});
  std::vector<PatientPicture> pictures;
  for (const PhotoOfTheSet& p : photos) {
    // Each photo has its own lens and its own scalp; the dots keep their place on the skin.
    Preview preview(gpu, p.head.camera, field, field_density, field_scalp);
    preview.set_scalp(p.head.fit.fit);
    RgbaImage after = render_photo_head(preview, p.picture, p.head, design);
    pictures.push_back(
        {sheet_label(p.view), p.picture, std::move(after), p.head.face, p.head.camera, p.head.fit.fit, p.head.matte});
  }
  ConsultationSheet sheet =
      consultation_sheet(pictures, design, o.patient, {.field = field, .density_per_cm2 = field_density, .fit = field_scalp});
  sheet.further_views_title = "The other views";
  write_consultation_sheet(sheet, o.output);
  std::cerr << "smpview: wrote " << o.output << " (" << sheet.views.size() << " view(s))\n";
  return exit_code::after_validation(gpu);
}

}  // namespace

CLI::App* add_sheet_command(CLI::App& app, SheetOptions& o) {
  CLI::App* sheet = app.add_subcommand("sheet", "A printable consultation sheet (PDF or PNG) from a photo or video and a design");
  sheet->add_option("--input", o.inputs,
                    "A photo or video of the patient; or up to five photos of the head (repeat --input)")
      ->required()
      ->allow_extra_args(false);
  add_view_option(sheet, o.views, "Each photo, one per --input in the same order");
  add_points_option(sheet, o.points_files);
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
  if (o.inputs.size() > kMostPhotos)
    throw BadArgument("--input: at most " + std::to_string(kMostPhotos) + " photos (a clinic's set: front, left, right, top, back)");
  if (!o.views.empty() && o.views.size() != o.inputs.size())
    throw BadArgument("--view: one per --input, in the same order (" + std::to_string(o.inputs.size()) + " inputs, " +
                      std::to_string(o.views.size()) + " views)");
  if (!o.points_files.empty() && o.points_files.size() != o.inputs.size())
    throw BadArgument("--points: one per --input, in the same order, 'none' for a photo without (" +
                      std::to_string(o.inputs.size()) + " inputs, " + std::to_string(o.points_files.size()) + " files)");
  const SmpDesign design = design_option(o.design_file);
  std::vector<CapturedFrame> firsts(o.inputs.size());
  std::unique_ptr<FrameSource> video;
  for (size_t i = 0; i < o.inputs.size(); ++i) {
    std::unique_ptr<FrameSource> source = open_file(o.inputs[i]);  // SourceError: exit 3
    if (source->read(firsts[i]) != SourceStatus::kFrame) throw SourceError(o.inputs[i] + ": has no pictures in it");
    if (source->frames_per_second() <= 0.0) continue;
    if (!o.views.empty()) throw BadArgument("--view: for photos; " + o.inputs[i] + " is a video, whose head is followed from its face");
    if (!o.points_files.empty()) throw BadArgument("--points: for photos; " + o.inputs[i] + " is a video, whose head is followed from its face");
    if (o.inputs.size() > 1)
      throw BadArgument("--input: " + o.inputs[i] + " is a video, which makes a sheet on its own (its frames facing front "
                        "and turned to each side); a photo set is photos only");
    video = std::move(source);
  }
  if (video) return sheet_of_video(o, *video, std::move(firsts.front()), lens, design);
  return sheet_of_photos(o, std::move(firsts), lens, design);
}

}  // namespace smp
