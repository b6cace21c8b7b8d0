#pragma once
// One frame of the kiosk without its window: the newest camera and demo frames in; who is there,
// which screen, whose look, and the picture to show out. The kiosk's loop (kiosk_command.cpp) and its
// soak test run this same step, so the days-long run is tested as it runs.
#include <future>
#include <optional>
#include <string>
#include <vector>

#include <spdlog/logger.h>

#include "app/kiosk_config.h"
#include "app/kiosk_session.h"
#include "app/live_head_fit.h"
#include "app/preview.h"
#include "app/tracking_message.h"

namespace smp {

struct KioskFrames {
  std::optional<TrackedFrame> camera;  // the newest tracked camera frame, when a newer one came
  std::optional<CapturedFrame> demo;   // the newest demo frame, likewise
  std::string camera_problem;          // why the camera delivers no frames; empty while it does
  double now_s = 0.0;                  // on a steady clock since the kiosk started
};

// The previews on one GPU device: made again, with the device, after a device loss.
struct KioskPreviews {
  std::optional<Preview> preview, demo_preview;  // made when their dot fields are ready
};

class KioskStep {
 public:
  // Starts building both dot fields, on workers. `config` and `log` must outlive this.
  KioskStep(const KioskConfig& config, spdlog::logger& log);

  // The camera's lens, from its first frame: tracked frames may come, and the head's fit starts.
  void start_camera(const Intrinsics& camera);
  // The picture to show (empty before the first frame), its previews drawn on `gpu`.
  const RgbaImage& step(KioskFrames frames, const Gpu& gpu, KioskPreviews& previews);

  KioskSession& session() { return session_; }
  // What to say over the picture (the camera gone, or how to get the preview back), or empty.
  const std::string& message() const { return message_; }
  bool dots_placed() const { return !field_dots_.empty(); }
  // The visitor's head breadth, once their outline measured it: for the tracker's head follower.
  std::optional<double> head_breadth_mm() const { return fitted_.measured.head_breadth_mm; }

 private:
  void update_fields(const Gpu& gpu, KioskPreviews& previews);
  void log_changes(const std::string& camera_problem);

  const KioskConfig& config_;
  spdlog::logger& log_;
  double density_per_cm2_ = 0.0;
  ScalpFit tracked_scalp_, demo_scalp_;
  std::future<std::vector<Dot>> field_, demo_field_;
  std::vector<Dot> field_dots_, demo_dots_;

  KioskSession session_;
  TrackingMessage tracking_message_;
  std::optional<Intrinsics> camera_;
  std::optional<LiveHeadFit> head_fit_;  // each visitor's scalp, fitted to their head's outline
  OutlineFit fitted_ = LiveHeadFit::unfitted();  // the newest fit
  std::optional<TrackedFrame> current_;
  std::optional<CapturedFrame> demo_frame_;
  RgbaImage shown_;
  std::optional<ShownFrom> shown_from_;
  std::string message_;
  KioskScreen last_screen_ = KioskScreen::kAttract;
  bool camera_was_working_ = true;
};

}  // namespace smp
