#include "app/render_camera_input.h"

#include <algorithm>
#include <atomic>
#include <csignal>
#include <iostream>

#include "app/exit_codes.h"
#include "app/photo_head.h"
#include "app/preview.h"
#include "app/progress_line.h"
#include "app/shade_suggestion.h"
#include "capture/frame_source.h"
#include "record/image_file.h"
#include "record/recorder.h"

namespace smp {
namespace {

volatile std::sig_atomic_t stop_requested = 0;
extern "C" void request_stop(int) { stop_requested = 1; }

}  // namespace

void side_by_side(const RgbaImage& before, const RgbaImage& after, RgbaImage& out) {
  out.width = 2 * before.width;
  out.height = before.height;
  out.pixels.resize(std::size_t(out.width) * out.height);
  for (int y = 0; y < before.height; ++y) {
    const auto row = before.pixels.begin() + std::ptrdiff_t(y) * before.width;
    std::copy_n(row, before.width, out.pixels.begin() + std::ptrdiff_t(y) * out.width);
    std::copy_n(after.pixels.begin() + std::ptrdiff_t(y) * after.width, after.width,
                out.pixels.begin() + std::ptrdiff_t(y) * out.width + before.width);
  }
}

int render_camera_input(const RenderOptions& o, SmpDesign design) {
  const bool photo = is_photo_file(o.input);
  if (photo) check_output_picture_path(o.output);
  else check_output_video_path(o.output);
  if (o.shade_from_skin && !photo)
    throw BadArgument("--shade-from-skin: for a photo with white paper beside the face; a video keeps the design's shade");
  if (!o.view.empty() && !photo) throw BadArgument("--view: for a photo; a video's head is followed from its face");
  if (!o.points_file.empty() && !photo) throw BadArgument("--points: for a photo; a video's head is followed from its face");
  const CameraOptions lens = checked_camera_options(o.camera);  // the calibration file read once
  const std::unique_ptr<FrameSource> source = open_file(o.input);  // SourceError: exit 3
  CapturedFrame frame;
  if (source->read(frame) != SourceStatus::kFrame) throw SourceError(o.input + ": has no pictures in it");
  const std::vector<MarkedPoint> points =
      o.points_file.empty() ? std::vector<MarkedPoint>{}
                            : marked_points_option(o.points_file, frame.picture.width, frame.picture.height);

  const Gpu gpu(GpuOptions{.device_name = o.device});
  std::cerr << "smpview: " << source->description() << ", rendering on " << gpu.device_name() << "\n";
  const LandmarkPredictor predictor;
  RgbaImage combined;
  const auto with_before = [&](const RgbaImage& after) -> const RgbaImage& {
    if (!o.side_by_side) return after;
    side_by_side(frame.picture, after, combined);
    return combined;
  };
  const auto picture_of = [&](Preview& preview, const TrackedFace& face) -> const RgbaImage& {
    return with_before(preview.render(frame.picture, face, design));
  };
  const std::string no_face = "smpview: no face found in " + source->description() + "; ";

  if (photo) {
    const PhotoHead head = fit_photo_head(frame.picture, lens, predictor, parse_view(o.view), points);
    if (head.face.found) std::cerr << "smpview: " << head.summary << "\n";
    else if (!o.view.empty() || !points.empty()) std::cerr << no_face << head.summary << "; the picture is written without dots\n";
    else
      std::cerr << no_face << head.summary << "; the picture is written without dots; give its view "
                   "(--view front|left|right|top|back) or mark points on it (--points)\n";
    if (o.shade_from_skin) {
      const ShadeSuggestion suggestion = suggest_shade(frame.picture, head.face);
      std::cerr << "smpview: " << suggestion.line << (suggestion.shade ? "" : "; the design's shade is kept") << "\n";
      if (suggestion.shade) design.shade = *suggestion.shade;
    }
    const double density = densest_per_cm2(design);
    Preview preview(gpu, head.camera, Preview::build_field(density, head.fit.fit, o.seed), density, head.fit.fit);
    write_image(with_before(render_photo_head(preview, frame.picture, head, design)), o.output);
    std::cout << "wrote " << std::filesystem::absolute(o.output).string() << "\n";
    return exit_code::after_validation(gpu);
  }

  TrackerSettings tracking;
  tracking.camera = camera_intrinsics(lens, frame.picture.width, frame.picture.height);
  tracking.detect_beside_tracking = false;  // the same preview from the same video, every time
  const VideoHead head = fit_video_head(o.input, tracking.camera, predictor);
  std::cerr << "smpview: " << head.summary << "\n";
  tracking.head_breadth_mm = head.fit.measured.head_breadth_mm;
  Tracker tracker(predictor, tracking);
  const double density = densest_per_cm2(design);
  Preview preview(gpu, tracking.camera, Preview::build_field(density, head.fit.fit, o.seed), density, head.fit.fit);
  const int width = frame.picture.width * (o.side_by_side ? 2 : 1);
  Recorder recorder(o.output, {.width = width, .height = frame.picture.height, .fps = source->frames_per_second()});
  std::signal(SIGINT, request_stop);
  std::signal(SIGTERM, request_stop);
  const double first_t_ms = frame.t_ms;
  std::uint64_t frames = 0, found = 0;
  {
    ProgressLine progress("rendering", source->expected_frames());
    do {
      TrackedFace face = tracker.track(frame);
      face.pose = head.fit.corrected(face.pose);
      recorder.submit(picture_of(preview, face), frame.t_ms - first_t_ms);
      ++frames;
      found += face.found;
      progress.update(frames);
    } while (!stop_requested && source->read(frame) == SourceStatus::kFrame);
  }
  if (stop_requested) {
    std::cerr << "smpview: stopped after " << frames << " frames; nothing written to " << o.output << "\n";
    return exit_code::kFailure;  // the recorder removes its temporary file
  }
  recorder.finish();
  if (!source->problem().empty())
    std::cerr << "smpview: " << o.input << ": " << source->problem() << "; the preview has the " << frames << " frames before the cut\n";
  std::cerr << "smpview: a face in " << found << " of " << frames << " frames\n";
  if (found == 0) std::cerr << no_face << "the preview shows the video unchanged\n";
  std::cout << "wrote " << std::filesystem::absolute(o.output).string() << " (" << frames << " frames"
            << (o.side_by_side ? ", before | after" : "") << ")\n";
  return exit_code::after_validation(gpu);
}

}  // namespace smp
