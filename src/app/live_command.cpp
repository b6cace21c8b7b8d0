#include "app/live_command.h"

#include <algorithm>
#include <cctype>
#include <future>
#include <iostream>
#include <optional>

#include <imgui.h>

#include "app/command_line.h"
#include "app/demo_source.h"
#include "app/exit_codes.h"
#include "app/live_head_fit.h"
#include "app/media_files.h"
#include "app/photo_head.h"
#include "app/point_marking.h"
#include "app/preview.h"
#include "app/consultation_panel.h"
#include "app/shade_suggestion.h"
#include "app/tracking_message.h"
#include "app/ui_script.h"
#include "capture/capture_thread.h"
#include "record/image_file.h"
#include "tracking/tracking_thread.h"
#include "ui/before_after.h"
#include "ui/imgui_layer.h"

namespace smp {
namespace {

using Clock = std::chrono::steady_clock;

// Where the live frames come from, and whether their poses are known (the demo) or tracked.
struct LiveInput {
  std::unique_ptr<Gpu> demo_gpu;  // the demo draws on its own device: a queue is not shared between threads
  std::unique_ptr<FrameSource> source;
  bool demo = false;
  bool camera = false;
  std::string banner;  // said over the picture for as long as it runs
};

LiveInput open_live_input(const LiveOptions& o) {
  LiveInput in;
  if (o.input == "demo") {
    in.demo = true;
  } else if (!o.input.empty()) {
    in.source = open_file(o.input, /*photo_repeat_fps=*/30.0);  // SourceError: exit 3
  } else {
    try {
      in.source = open_camera(webcam_settings(o.camera));
      in.camera = true;
    } catch (const SourceError& e) {
      std::cerr << "smpview: " << e.what() << "; showing the built-in demo instead\n";
      in.banner = "No camera found: showing the built-in demo head";
      in.demo = true;
    }
  }
  if (in.demo) {
    in.demo_gpu = std::make_unique<Gpu>(GpuOptions{});
    in.source = open_demo(*in.demo_gpu, {.width = 1280, .height = 720, .fps = 30.0});
  }
  return in;
}

// Where the first view's picture is in the picture shown: alone, or at the left of the second view
// (side_by_side), and whether it is mirrored there or by the presenter.
struct FirstViewPlace {
  int shown_width = 0, shown_height = 0;  // of the picture shown
  bool mirror = false;
};

// First view's pixel -> window position, through the fit-and-mirror of Presenter::draw_picture.
ImVec2 on_screen(const glm::dvec2& p, const PictureRect& rect, int picture_width, const FirstViewPlace& place) {
  const double x = place.mirror ? picture_width - 1 - p.x : p.x;
  return ImVec2(rect.x + float((x + 0.5) * rect.width / place.shown_width), rect.y + float((p.y + 0.5) * rect.height / place.shown_height));
}

// A marked point's place in marked_point_names() (the panel's list); -1 for any other name ("none").
int point_index(std::string_view name) {
  const std::span<const std::string_view> names = marked_point_names();
  const auto at = std::find(names.begin(), names.end(), name);
  return at == names.end() ? -1 : int(at - names.begin());
}

// A window position back to the first view's pixel: on_screen's inverse; nullopt off that picture.
std::optional<glm::dvec2> in_picture(ImVec2 at, const PictureRect& rect, int picture_width, int picture_height,
                                     const FirstViewPlace& place) {
  if (rect.width <= 0.0f || rect.height <= 0.0f || place.shown_width <= 0 || place.shown_height <= 0) return std::nullopt;
  const double x = (at.x - rect.x) * place.shown_width / rect.width - 0.5, y = (at.y - rect.y) * place.shown_height / rect.height - 0.5;
  const glm::dvec2 p(place.mirror ? picture_width - 1 - x : x, y);
  if (!(p.x >= -0.5 && p.y >= -0.5 && p.x < picture_width - 0.5 && p.y < picture_height - 0.5)) return std::nullopt;
  // The outer half of an edge pixel is that pixel (a --points file holds pixels inside the picture).
  return glm::clamp(p, glm::dvec2(0.0), glm::dvec2(picture_width - 1, picture_height - 1));
}

ImU32 colour_of(const float (&rgb)[3]) { return ImGui::ColorConvertFloat4ToU32(ImVec4(rgb[0], rgb[1], rgb[2], 1.0f)); }

// The silhouette of the scalp the dots are drawn on, seen at the frame's pose.
void draw_scalp_outline(const ScalpSurface& scalp, const TrackedFrame& t, const Intrinsics& camera, const PictureRect& rect,
                        const FirstViewPlace& place) {
  std::optional<HeadOutline> rays = outline_rays(t.face.pose, camera);
  if (!rays) return;
  rays->radius_px = silhouette_radii_px(scalp, {*rays, t.face.pose, camera});
  std::vector<ImVec2> line;
  for (std::size_t i = 0; i < rays->radius_px.size(); ++i)
    if (rays->radius_px[i] > 0.0)
      line.push_back(on_screen(rays->point(i), rect, t.frame.picture.width, place));
  ImGui::GetBackgroundDrawList()->AddPolyline(line.data(), int(line.size()), colour_of(kOutlineColour), ImDrawFlags_None, 2.5f);
}

// The photo's next frame under the pose and matte it already has (the matte is not copied per frame).
void repose(TrackedFrame& t, CapturedFrame frame) {
  t.frame = std::move(frame);
  t.face.frame = t.frame.index;
  t.face.t_ms = t.frame.t_ms;
  t.tracked_at = Clock::now();
}

// A frame of a photo whose head was found by its outline in the view given: its pose and matte.
TrackedFrame posed_as(const PhotoHead& head, CapturedFrame frame) {
  TrackedFrame t{.frame = {}, .face = head.face, .skin = head.matte.value_or(SkinMatte{})};
  repose(t, std::move(frame));
  return t;
}

// What the panel says of the scalp: fitted, or why not yet.
std::string scalp_line(const OutlineFit& fit, bool fitting) {
  if (!fitting) return "";
  if (!fit.fitted && fit.clear_share == 0.0) return "Scalp: an adult average until the head has been in view for two seconds";
  if (!fit.fitted)
    return "Scalp: an adult average, as the head's outline is unclear or follows no skull (hair, a hat, a busy "
           "background or the picture's edge?)";
  char line[160];
  std::snprintf(line, sizeof line, "Scalp fitted to the head: %.0f mm broad, %.0f mm above the ears",
                fit.fit.surface.breadth_mm(), fit.fit.surface.vertex_height_mm());
  return line;
}

constexpr const char* kNoFaceInPhoto = "no face found in this photo: choose its view, or mark points on it (This photo, in the panel)";
// A photo without a face whose view its colours do not surely suggest (app/photo_head.h): why, and
// what to do about it.
std::string no_face_in_photo(const PhotoHead& head) {
  return "no face found in this photo, and " + head.summary + ": choose its view, or mark points on it (This photo, in the panel)";
}

// A photo's head: what placed it, for the panel.
std::string photo_scalp_line(const PhotoHead& head, std::optional<PhotoView> view) {
  std::string line;
  if (head.placing_points > 0)
    line = "Scalp: an adult average placed by the " + std::to_string(head.placing_points) + " points marked on the photo";
  else if (head.face.source == PoseSource::kHead)
    line = "Scalp: an adult average placed in the head's outline, seen from the " +
           std::string(view_name(view.value_or(nearest_view(head.face.pose)))) +
           (!view && head.view_guess ? " as its colours suggest" : "") + " (the design's place is approximate)";
  else
    line = scalp_line(head.fit, /*fitting=*/true);
  return head.points_doubt.empty() ? line : line + "; " + head.points_doubt;
}

std::string capitalised(std::string sentence) {
  if (!sentence.empty()) sentence[0] = char(std::toupper(static_cast<unsigned char>(sentence[0])));
  return sentence;
}

// The practitioner's marked points (named rings) and, on a head found, where it puts each (a line to a
// dot): the longest line is the worst-fitted point, which the panel's doubt names when it lies far from
// where the others put it. Points that fit no head leave the head found without them, and the lines
// then show how far that head is from the marks.
void draw_marked_points(std::span<const MarkedPoint> marked, const TrackedFrame& t, const Intrinsics& camera,
                        const PictureRect& rect, const FirstViewPlace& place) {
  ImDrawList* draw = ImGui::GetBackgroundDrawList();
  const ImU32 colour = colour_of(kMarkedPointColour);
  const int w = t.frame.picture.width;
  for (const MarkedPoint& p : marked) {
    const ImVec2 at = on_screen(p.px, rect, w, place);
    draw->AddCircle(at, 6.0f, colour, 0, 2.0f);
    draw->AddText(ImVec2(at.x + 8.0f, at.y - 16.0f), colour, p.name.c_str());
    if (!t.face.found) continue;
    const glm::dvec3 on_head = t.face.pose.rotation() * *marked_point_on_head(p.name) + t.face.pose.translation_mm;
    if (on_head.z <= 0.0) continue;
    const ImVec2 placed = on_screen(camera.project(on_head), rect, w, place);
    draw->AddLine(at, placed, colour, 1.5f);
    draw->AddCircleFilled(placed, 3.0f, colour);
  }
}

void draw_overlays(const PanelState& s, const TrackedFrame& t, const Intrinsics& camera, const PictureRect& rect,
                   const FirstViewPlace& place, const ScalpSurface& scalp, std::span<const MarkedPoint> marked) {
  if (s.show_landmarks || s.marking >= 0) draw_marked_points(marked, t, camera, rect, place);
  if (!t.face.found) return;
  if (s.show_outline) draw_scalp_outline(scalp, t, camera, rect, place);
  ImDrawList* draw = ImGui::GetBackgroundDrawList();
  const int w = t.frame.picture.width;
  if (s.show_landmarks && t.face.landmarks != Landmarks68{})  // the demo's pose is known, not tracked: none
    for (const glm::dvec2& p : t.face.landmarks) draw->AddCircleFilled(on_screen(p, rect, w, place), 2.5f, IM_COL32(80, 255, 120, 255));
  if (s.show_axes) {
    const glm::dmat3 r = t.face.pose.rotation();
    const ImVec2 origin = on_screen(camera.project(t.face.pose.translation_mm), rect, w, place);
    const ImU32 colours[3] = {IM_COL32(255, 60, 60, 255), IM_COL32(60, 255, 60, 255), IM_COL32(80, 140, 255, 255)};
    for (int axis = 0; axis < 3; ++axis) {
      const glm::dvec3 tip = t.face.pose.translation_mm + r[axis] * 80.0;  // 8 cm along the head's own axis
      draw->AddLine(origin, on_screen(camera.project(tip), rect, w, place), colours[axis], 3.0f);
    }
  }
}

}  // namespace

CLI::App* add_live_command(CLI::App& app, LiveOptions& o) {
  CLI::App* live = app.add_subcommand("live", "The mirror: the camera picture with the design on the head (the default)");
  add_camera_options(live, o.camera, /*webcam=*/true);
  live->add_option("--input", o.input, "A video or photo instead of the camera, or 'demo'");
  add_view_option(live, o.view, "A photo (--input)");
  add_points_option(live, o.points_file);
  live->add_option("--second-camera", o.second.camera, "A second camera (/dev/videoN) behind or above the patient, shown beside the first")
      ->check(CLI::NonNegativeNumber);
  live->add_option("--second-input", o.second.input, "A video or photo for the second view, instead of a second camera")
      ->excludes("--second-camera");
  add_view_option(live, o.second.view, "The second view (a camera behind or above the patient sees no face)", "--second-view");
  live->add_option("--design", o.design_file, "Design file (JSON) to start from");
  live->add_flag("--fullscreen", o.fullscreen, "Start fullscreen (F toggles)");
  live->add_flag("--no-mirror", o.no_mirror, "Show the camera as it sees, not as a mirror");
  live->add_option("--max-density", o.field_density_per_cm2, "The density slider's top, dots per cm^2 (higher starts slower)")
      ->check(CLI::Range(design_limits::kMinDensityPerCm2, design_limits::kMaxDensityPerCm2))
      ->capture_default_str();
  live->add_option("--data-dir", o.data_folder, "Folder for saved consultations (default: $XDG_DATA_HOME/smpview)");
  live->add_option("--media-dir", o.media_folder, "Folder for snapshots and recordings")->capture_default_str();
  live->add_option("--script", o.script, "Timed UI actions (tests, demos): FRAME set NAME VALUE | screenshot FILE | snapshot | record | quit");
  return live;
}

int run_live(const LiveOptions& o) {
  PanelState state;
  state.max_density_per_cm2 = o.field_density_per_cm2;
  state.design = design_option(o.design_file);
  const CameraOptions lens = checked_camera_options(o.camera);  // the calibration file read once
  state.design.density_per_cm2 = std::min(state.design.density_per_cm2, state.max_density_per_cm2);
  const std::vector<UiAction> script = o.script.empty() ? std::vector<UiAction>{} : read_ui_script(o.script);
  const std::filesystem::path data_folder = o.data_folder.empty() ? default_data_folder() : std::filesystem::path(o.data_folder);
  const ConsultationStore consultations(data_folder);
  const std::filesystem::path media_folder(o.media_folder);
  if (!std::filesystem::is_directory(media_folder)) throw BadArgument("--media-dir: " + o.media_folder + " is not a folder");
  state.saved_patients = consultations.patients();

  const bool photo_input = !o.input.empty() && o.input != "demo" && is_photo_file(o.input);
  if (!o.view.empty() && !photo_input)
    throw BadArgument("--view: for a photo given with --input; a camera's, a video's or the demo's head is followed from its face");
  if (!o.second.view.empty() && !o.second.any())
    throw BadArgument("--second-view: for the second view's camera or file (--second-camera, --second-input)");
  std::vector<MarkedPoint> points;
  if (!o.points_file.empty()) {
    if (!photo_input) throw BadArgument("--points: for a photo given with --input; a camera's, a video's or the demo's head is followed from its face");
    CapturedFrame photo;  // its size, to check the points against before the window opens
    if (open_file(o.input)->read(photo) != SourceStatus::kFrame) throw SourceError(o.input + ": has no pictures in it");
    points = marked_points_option(o.points_file, photo.picture.width, photo.picture.height);
  }
  LiveInput input = open_live_input(o);
  // A mirror for a person in front of the camera; a file is shown as it was filmed.
  state.mirror = !o.no_mirror && (input.camera || input.demo);
  const bool paced_file = !input.camera && !input.demo && input.source->frames_per_second() > 0.0;
  const double capture_fps = input.source->frames_per_second() > 0.0 ? input.source->frames_per_second() : 30.0;
  CaptureThread capture(std::move(input.source), paced_file);
  const LandmarkPredictor predictor;
  // The photo's marked points, from --points and the practitioner's clicks.
  PointMarking marking(lens, predictor, parse_view(o.view), std::move(points));
  state.photo = photo_input;
  state.view = view_choice(marking.view());
  // Before the window opens: a second file that cannot be read stops the command (exit 3).
  std::unique_ptr<FrameSource> second_source = o.second.any() ? open_second_view(o.second, webcam_settings(o.camera)) : nullptr;
  // The dots are placed on a worker while the window already shows the camera.
  // The demo head's scalp is known exactly; a real one is the face model's.
  const ScalpFit scalp = input.demo ? demo_scalp_fit() : Preview::tracked_scalp();
  std::future<std::vector<Dot>> field =
      std::async(std::launch::async, [density = o.field_density_per_cm2, &scalp] { return Preview::build_field(density, scalp); });

  Window window("smpview: SMP preview", 1280, 720, o.fullscreen);
  GpuOptions gpu_options;
  gpu_options.instance_extensions = Window::required_instance_extensions();
  gpu_options.can_present = Window::can_present;
  const Gpu gpu(gpu_options);
  std::cerr << "smpview: live on " << gpu.device_name() << " from " << capture.description() << "\n";
  Presenter presenter(gpu, window);
  ImGuiLayer imgui(gpu, window, presenter);

  std::optional<TrackingThread> tracking;
  // A photo in the view given (--view) whose head was found by its outline, or placed by marked points
  // (--points): one pose and one matte for every frame of it, nothing to track.
  std::optional<PhotoHead> photo_head;
  std::string no_head;  // why a photo in the view given shows no dots
  std::optional<LiveHeadFit> head_fit;  // a tracked head's scalp, fitted to its outline (not the demo's)
  OutlineFit fitted = LiveHeadFit::unfitted();  // the newest fit it gave
  bool fit_came = false;  // head_fit has given one
  std::optional<Clock::time_point> fit_awaited_since;  // the first frame whose face waited for that fit
  std::vector<Dot> field_dots;
  std::optional<Preview> preview;
  std::optional<SecondView> second;
  if (second_source) second.emplace(std::move(second_source), o.second, predictor);
  SheetWriter sheets(data_folder);  // after the field and the scalp: a sheet being written uses them
  std::optional<Intrinsics> camera;
  std::optional<TrackedFrame> current;
  WindowRecording recording;
  double recording_start_ms = 0.0;  // the camera's clock when recording began
  std::uint64_t last_recorded = ~std::uint64_t(0);  // the camera frame recorded last
  RgbaImage shown, screenshot, black(1280, 720);
  RgbaImage before_both, after_both;  // with a second view: both views, without and with the dots
  std::optional<ShownFrom> shown_from;
  TrackingMessage tracking_message;
  bool quit = false;
  std::uint64_t frames_this_second = 0, frames_with_dots = 0;
  std::size_t next_action = 0;
  auto second_start = Clock::now();

  while (!quit && !window.should_close()) {
    window.poll_events();
    std::string screenshot_path;
    PanelRequests scripted;
    std::optional<ImVec2> click;  // on the picture: a script's, or the mouse's below
    // Script frames count from when the dots are placed and every view has been tracked, so a script
    // means the same on any machine, however slow its trackers.
    for (; preview && next_action < script.size() && script[next_action].frame <= frames_with_dots; ++next_action) {
      const UiAction& a = script[next_action];
      if (a.verb == "set") apply(a, state);
      else if (a.verb == "screenshot") screenshot_path = a.name;
      else if (a.verb == "snapshot") scripted.snapshot = true;
      else if (a.verb == "record") scripted.toggle_recording = !scripted.toggle_recording;
      else if (a.verb == "save") state.patient = a.name, scripted.save_design = true;
      else if (a.verb == "open") scripted.open_design = choose_saved_patient(state, a.name);
      else if (a.verb == "sheet") scripted.write_sheet = true;
      else if (a.verb == "measure-skin") scripted.measure_skin = true;
      else if (a.verb == "use-shade") use_suggested_shade(state);
      else if (a.verb == "resize") window.resize(size_of(a).width, size_of(a).height);
      else if (a.verb == "mark") state.marking = point_index(a.name);
      else if (a.verb == "click") click = ImVec2(float(a.value), float(a.y));
      else if (a.verb == "save-points") scripted.save_points = true;
      else if (a.verb == "clear-points") scripted.clear_points = true;
      else if (a.verb == "view") state.view = view_choice(parse_view(a.name)), scripted.view_changed = true;  // "face": none
      else if (a.verb == "quit") quit = true;
    }

    // The head placed again after the photo's view or points changed replaces the one shown, tracked or
    // placed before; one not found takes the dots off, and the message says why.
    if (std::optional<PhotoHead> head = marking.take_fit(); head && current) {
      if (!head->face.found && head->view_guess && marking.points().empty()) head->summary = no_face_in_photo(*head);
      std::cerr << "smpview: " << head->summary << "\n";
      tracking.reset();  // a photo's frames are all the same picture: the head placed stays
      head_fit.reset();
      fitted = LiveHeadFit::unfitted();
      no_head = head->face.found ? "" : capitalised(head->summary);
      if (head->face.found) camera = head->camera;  // the focal length that puts this head at a photo's distance
      if (preview) {
        preview->set_camera(*camera);
        preview->set_scalp(head->fit.fit);
      }
      photo_head = std::move(*head);
      current = posed_as(*photo_head, std::move(current->frame));
      shown_from.reset();
    }

    // The newest frame and its face; the last one stays on screen until a newer one comes.
    if (input.demo) {
      if (std::optional<CapturedFrame> f = capture.take_newest()) {
        TrackedFrame t;
        t.face = {.frame = f->index, .t_ms = f->t_ms, .found = true, .pose = demo_source_pose(f->t_ms)};
        t.frame = std::move(*f);
        t.tracked_at = Clock::now();
        current = std::move(t);
      }
    } else if (photo_head) {
      if (std::optional<CapturedFrame> f = capture.take_newest()) repose(*current, std::move(*f));
      if (no_head.empty()) state.scalp = photo_scalp_line(*photo_head, marking.view());
    } else {
      if (!tracking) {
        std::optional<CapturedFrame> first = capture.take_newest();
        std::optional<Intrinsics> face_photo_camera;  // a photo's face found: the lens it was placed with
        if (first && photo_input) {
          PhotoHead head = fit_photo_head(first->picture, lens, predictor, parse_view(o.view), marking.points());
          if (!head.face.found && head.view_guess && marking.points().empty()) head.summary = no_face_in_photo(head);
          std::cerr << "smpview: " << head.summary << "\n";
          // A face (that looks the given way) is tracked as any face is; a head found by its outline, or
          // none, is not: the photo then says why it has no dots.
          if (!head.face.found) no_head = capitalised(head.summary);  // the summary says why
          if (head.face.source == PoseSource::kHead || !head.face.found || !marking.points().empty()) {
            camera = head.camera;
            photo_head = std::move(head);
            current = posed_as(*photo_head, std::move(*first));
            first.reset();
          } else {
            face_photo_camera = head.camera;
          }
        }
        if (first) {
          TrackerSettings settings;
          settings.camera = face_photo_camera ? *face_photo_camera : live_input_camera(o.input, first->picture, lens, predictor);
          settings.smooth = true;
          camera = settings.camera;
          tracking.emplace(capture, predictor, settings);
          head_fit.emplace(settings.camera);
        }
      } else if (std::optional<TrackedFrame> t = tracking->take_newest()) {
        head_fit->offer(*t);
        t->face.pose = fitted.corrected(t->face.pose);
        current = std::move(*t);
      }
      if (std::optional<OutlineFit> f = head_fit ? head_fit->take_fit() : std::nullopt) {
        fitted = std::move(*f);
        fit_came = true;
        tracking->set_head_breadth_mm(fitted.measured.head_breadth_mm);  // none for a new person, until measured
        if (preview) preview->set_scalp(fitted.fit);
        if (second) second->set_head_fit(fitted);  // one skull, whichever camera sees it
      }
      state.scalp = scalp_line(fitted, head_fit.has_value());
    }
    if (current && !camera) camera = demo_intrinsics(current->frame.picture.width, current->frame.picture.height);
    if (current && !preview && field.wait_for(std::chrono::seconds(0)) == std::future_status::ready)
    {
      field_dots = field.get();
      preview.emplace(gpu, *camera, field_dots, o.field_density_per_cm2, scalp);
      if (fitted.fitted) preview->set_scalp(fitted.fit);
    }
    if (second) {
      second->update();
      if (preview) second->start_preview(gpu, field_dots, o.field_density_per_cm2, fitted.fitted ? fitted.fit : scalp);
    }

    std::string message = input.banner;
    const std::string tracking = current ? tracking_message.after(current->face) : "";
    if (capture.status() == SourceStatus::kFailed) message = capture.problem();
    else if (!current) message = "Starting " + capture.description() + " ...";
    else if (!no_head.empty()) message = no_head;
    else if (!preview) message = "Placing the dots ...";
    else if (photo_input && !photo_head && !current->face.found)
      message = capitalised(kNoFaceInPhoto);
    else if (!tracking.empty()) message = tracking;
    else if (second && !second->problem().empty()) message = second->problem();
    // Two views: the first is mirrored in the picture itself (side_by_side), the whole not.
    const bool mirror_whole = state.mirror && !second;
    if (current) {
      const TrackedFrame* other = second && second->current() ? &*second->current() : nullptr;
      if (needs_render(shown_from, {.frame = current->frame.index, .with_dots = preview.has_value(), .design = state.design, .wipe = state.wipe,
                                    .second_frame = other ? other->frame.index + 1 : 0, .second_with_dots = second && preview})) {
        const RgbaImage& after = preview ? preview->render(*current, state.design) : current->frame.picture;
        if (!second) {
          wipe(current->frame.picture, after, state.wipe, shown);
        } else {
          const RgbaImage no_picture;
          side_by_side(after, other ? second->render(state.design) : no_picture, state.mirror, after_both);
          side_by_side(current->frame.picture, other ? other->frame.picture : no_picture, state.mirror, before_both);
          wipe(before_both, after_both, state.wipe, shown);
        }
      }
    }

    if (!presenter.begin_frame()) {  // minimised: nothing to draw, and no hurry
      window.poll_events(0.1);
      continue;
    }
    presenter.draw_picture(current ? shown : black, mirror_whole);
    imgui.new_frame();
    PanelRequests requests = draw_panel(state);
    requests.toggle_recording = requests.toggle_recording != scripted.toggle_recording;
    requests.snapshot |= scripted.snapshot;
    requests.save_design |= scripted.save_design;
    requests.open_design |= scripted.open_design;
    requests.write_sheet |= scripted.write_sheet;
    requests.measure_skin |= scripted.measure_skin;
    requests.view_changed |= scripted.view_changed;
    requests.clear_points |= scripted.clear_points;
    requests.save_points |= scripted.save_points;
    draw_message(message);
    if (current && camera)
      draw_overlays(state, *current, *camera, presenter.picture_rect(), {shown.width, shown.height, state.mirror},
                    preview ? preview->fit().surface : scalp.surface, marking.points());  // points: only with a photo
    // While a point is being marked, a click on the photo places it (and leaves the before/after line).
    const bool clicks_mark = state.photo && state.marking >= 0;
    if (clicks_mark && !click && ImGui::IsMouseClicked(ImGuiMouseButton_Left) && !ImGui::GetIO().WantCaptureMouse)
      click = ImGui::GetIO().MousePos;
    if (clicks_mark && click && current) {
      const std::string name(marked_point_names()[size_t(state.marking)]);
      const int w = current->frame.picture.width, h = current->frame.picture.height;
      if (const auto px = in_picture(*click, presenter.picture_rect(), w, h, {shown.width, shown.height, state.mirror}))
        marking.place(name, *px, current->frame.picture);
      else
        state.status = "Click on the photo itself to place " + name;
    }
    if (requests.view_changed && current)
      marking.set_view(chosen_view(state.view), current->frame.picture);
    if (requests.clear_points && current) marking.clear(current->frame.picture);
    if (requests.save_points) state.status = save_marked_points(marking.points(), media_folder);
    state.points = marking.line();
    drag_wipe(state.wipe, mirror_whole, presenter.picture_rect(), /*draggable=*/!clicks_mark);
    presenter.begin_overlay();
    imgui.render(presenter.command_buffer());
    presenter.end_overlay();
    presenter.end_frame(screenshot_path.empty() ? nullptr : &screenshot);
    if (!screenshot_path.empty()) write_image(screenshot, screenshot_path);

    // Each camera frame once, on the camera's own clock (the screen may refresh faster than it).
    if (recording.active() && current && last_recorded != current->frame.index) {
      if (std::string stopped = recording.offer(shown, current->frame.t_ms - recording_start_ms); !stopped.empty())
        state.status = std::move(stopped);
      last_recorded = current->frame.index;
    }
    if (requests.snapshot && current) state.status = save_snapshot(shown, media_folder);
    if (requests.toggle_recording) {
      if (recording.active()) {
        state.status = recording.finish();
      } else if (current) {
        state.status = recording.start(media_folder, {.width = shown.width, .height = shown.height, .fps = capture_fps});
        recording_start_ms = current->frame.t_ms;
        last_recorded = ~std::uint64_t(0);
      }
    }
    state.recording = recording.active();
    save_or_open_design(requests, state, consultations);
    if (requests.write_sheet) {
      if (!preview || !current || !current->face.found) {
        state.status = "No sheet: no face in view";
      } else {
        const RgbaImage& after = preview->render(*current, state.design);
        // A photo's view as given, or as its marked points turned the head.
        const std::string label = marking.view() ? sheet_label(*marking.view())
                                  : photo_head    ? sheet_label(nearest_view(photo_head->face.pose))
                                                  : "Front";
        const std::optional<SkinMatte> head_region = photo_head ? photo_head->matte : std::nullopt;
        sheets.start({label, current->frame.picture, after, current->face, *camera, {}, head_region}, state.design,
                     state.patient, {field_dots, o.field_density_per_cm2, scalp, &preview->fit()}, state);
      }
    }
    sheets.poll(state);
    if (requests.measure_skin) {
      ShadeSuggestion suggestion = current ? suggest_shade(current->frame.picture, current->face)
                                           : ShadeSuggestion{std::nullopt, "No picture yet: the skin is measured on the forehead"};
      std::cerr << "smpview: " << suggestion.line << "\n";
      state.suggested_shade = suggestion.shade;
      state.skin = std::move(suggestion.line);
    }
    if (requests.toggle_fullscreen) window.set_fullscreen(!window.fullscreen());
    if (requests.quit) quit = true;

    // A script counts frames from when the dots lie as they will stay. The second view's head is placed
    // with the first view's fit: while a face in the first view still waits for its fit (a few seconds),
    // the second view's head is placed again when the fit comes. Not waited for beyond kFitWaitAtMost:
    // a head whose outline is never found gets none.
    constexpr auto kFitWaitAtMost = std::chrono::seconds(20);
    const bool fit_awaited = head_fit && !fit_came && current && current->face.has_landmarks();
    if (fit_awaited && !fit_awaited_since) fit_awaited_since = Clock::now();
    const bool fit_due = fit_awaited && Clock::now() - *fit_awaited_since < kFitWaitAtMost;
    frames_with_dots += preview && (!second || (second->settled() && !fit_due)) && !marking.fitting();
    ++frames_this_second;
    if (current) state.latency_ms = std::chrono::duration<double, std::milli>(Clock::now() - current->frame.captured_at).count();
    if (const double s = std::chrono::duration<double>(Clock::now() - second_start).count(); s >= 1.0) {
      state.fps = double(frames_this_second) / s;
      frames_this_second = 0;
      second_start = Clock::now();
    }
  }
  recording.finish();  // a recording still running when the window closes is kept
  return exit_code::after_validation(gpu);
}

}  // namespace smp
