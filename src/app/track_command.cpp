#include "app/track_command.h"

#include <cmath>
#include <fstream>
#include <iostream>

#include <nlohmann/json.hpp>

#include "app/command_line.h"
#include "app/exit_codes.h"
#include "app/photo_head.h"
#include "capture/frame_source.h"
#include "files/whole_file.h"
#include "tracking/head_motion.h"
#include "tracking/tracker.h"

namespace smp {
namespace {

// Keys in the order the issue lists them (ordered_json keeps insertion order).
nlohmann::ordered_json frame_json(const TrackedFace& face) {
  using json = nlohmann::ordered_json;
  json j = {{"frame", face.frame}, {"t_ms", face.t_ms}, {"found", face.found}};
  if (!face.found) {
    for (const char* key : {"pitch", "yaw", "roll", "tx_mm", "ty_mm", "tz_mm"}) j[key] = nullptr;
    j["confidence"] = 0.0;
    j["landmarks"] = json::array();
    return j;
  }
  j["pitch"] = face.pose.pitch_deg;
  j["yaw"] = face.pose.yaw_deg;
  j["roll"] = face.pose.roll_deg;
  j["tx_mm"] = face.pose.translation_mm.x;
  j["ty_mm"] = face.pose.translation_mm.y;
  j["tz_mm"] = face.pose.translation_mm.z;
  j["confidence"] = face.confidence;
  j["source"] = face.source == PoseSource::kFace ? "face" : "head";
  json points = json::array();
  if (face.has_landmarks())
    for (const glm::dvec2& p : face.landmarks) points.push_back({p.x, p.y});
  j["landmarks"] = points;
  return j;
}

// The head's breadth from the outlines of a video's first frames, as render measures it, so that the
// head is followed where the face is not seen with the proxy its preview uses; none where the outlines
// gave no measurement (app/photo_head.h).
std::optional<double> measured_breadth_mm(const std::string& video, const Intrinsics& camera, const LandmarkPredictor& predictor) {
  const std::optional<double> breadth_mm = fit_video_head(video, camera, predictor).fit.measured.head_breadth_mm;
  if (breadth_mm)
    std::cerr << "smpview: the head measured " << std::lround(*breadth_mm)
              << " mm broad from its outline; where the face is not seen, the head is followed as that broad\n";
  else
    std::cerr << "smpview: no head breadth measured from the outlines of the first frames; where the face is not seen, the head is "
                 "followed as "
              << std::lround(HeadMotion::kUnmeasuredBreadthMm) << " mm broad\n";
  return breadth_mm;
}

}  // namespace

CLI::App* add_track_command(CLI::App& app, TrackOptions& o) {
  CLI::App* track = app.add_subcommand("track", "Head pose and landmarks of every frame, as JSON lines");
  track->add_option("--input", o.input, "Video or photo to track")->required();
  track->add_option("--output", o.output, "JSON lines file to write, one object per frame")->required();
  add_camera_options(track, o.camera, /*webcam=*/false);
  return track;
}

int run_track(const TrackOptions& o) {
  const std::filesystem::path output(o.output);
  check_output_file_path(output);
  const CameraOptions lens = checked_camera_options(o.camera);  // the calibration file read once

  const std::unique_ptr<FrameSource> source = open_file(o.input);  // throws SourceError: exit 3
  const LandmarkPredictor predictor;
  std::optional<Tracker> tracker;
  std::uint64_t frames = 0, found = 0;
  const auto track_into = [&](const std::filesystem::path& file) {
    std::ofstream out(file, std::ios::trunc);
    CapturedFrame frame;
    while (source->read(frame) == SourceStatus::kFrame) {
      if (!tracker) {
        TrackerSettings settings;
        // A photo's own lens, as render takes it: the webcam's 60 degrees would put a portrait's face a
        // hand's breadth from the lens.
        settings.camera = live_input_camera(o.input, frame.picture, lens, predictor);
        settings.smooth = source->frames_per_second() > 0.0;  // a photo is one picture, not a moving head
        settings.detect_beside_tracking = false;  // the same poses from the same file, every time
        if (!is_photo_file(o.input)) settings.head_breadth_mm = measured_breadth_mm(o.input, settings.camera, predictor);
        tracker.emplace(predictor, settings);
      }
      const TrackedFace face = tracker->track(frame);
      out << frame_json(face).dump() << "\n";
      ++frames;
      found += face.found;
    }
    return bool(out.flush());
  };
  try {
    write_whole_file(output, track_into);  // never half a file under the final name
  } catch (const FileWriteError& e) {
    std::cerr << "smpview: " << e.what() << "\n";
    return exit_code::kFailure;
  }
  if (!source->problem().empty()) std::cerr << "smpview: " << o.input << ": " << source->problem() << "\n";
  std::cerr << "smpview: " << source->description() << ": a face in " << found << " of " << frames << " frames\n";
  if (found == 0) std::cerr << "smpview: no face found; the file lists every frame with \"found\": false\n";
  std::cout << "wrote " << std::filesystem::absolute(output).string() << "\n";
  return exit_code::kOk;
}

}  // namespace smp
