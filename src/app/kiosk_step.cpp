#include "app/kiosk_step.h"

#include "app/demo_scene.h"
#include "app/demo_source.h"
#include "app/photo_head.h"
#include "ui/before_after.h"

namespace smp {
namespace {

constexpr double kStaleTrackingS = 1.0;  // a tracked frame older than this says nothing about who is there now

double densest_look(const KioskConfig& config) {
  double density = 0.0;
  for (const KioskLook& look : config.looks) density = std::max(density, densest_per_cm2(look.design));
  return density;
}

bool ready(std::future<std::vector<Dot>>& future) {
  return future.valid() && future.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
}

}  // namespace

KioskStep::KioskStep(const KioskConfig& config, spdlog::logger& log)
    : config_(config),
      log_(log),
      density_per_cm2_(densest_look(config)),
      tracked_scalp_(Preview::tracked_scalp()),
      demo_scalp_(demo_scalp_fit()),
      session_(config) {
  field_ = std::async(std::launch::async, [this] { return Preview::build_field(density_per_cm2_, tracked_scalp_); });
  demo_field_ = std::async(std::launch::async, [this] { return Preview::build_field(density_per_cm2_, demo_scalp_); });
}

void KioskStep::start_camera(const Intrinsics& camera) {
  camera_ = camera;
  head_fit_.emplace(camera);
}

void KioskStep::update_fields(const Gpu& gpu, KioskPreviews& previews) {
  if (ready(field_)) field_dots_ = field_.get(), log_.info("the dots are placed: {} on the scalp", field_dots_.size());
  if (ready(demo_field_)) demo_dots_ = demo_field_.get();
  if (camera_ && !previews.preview && !field_dots_.empty()) {
    previews.preview.emplace(gpu, *camera_, field_dots_, density_per_cm2_, tracked_scalp_);
    if (fitted_.fitted) previews.preview->set_scalp(fitted_.fit);
  }
  if (std::optional<OutlineFit> f = head_fit_ ? head_fit_->take_fit() : std::nullopt) {
    fitted_ = std::move(*f);
    if (fitted_.fitted) log_.info("{}", fit_summary(fitted_));
    if (previews.preview) previews.preview->set_scalp(fitted_.fit);
  }
  if (demo_frame_ && !previews.demo_preview && !demo_dots_.empty())
    previews.demo_preview.emplace(gpu, demo_intrinsics(demo_frame_->picture.width, demo_frame_->picture.height), demo_dots_,
                                  density_per_cm2_, demo_scalp_);
}

void KioskStep::log_changes(const std::string& camera_problem) {
  if (camera_problem.empty() != camera_was_working_) {
    if (camera_problem.empty()) log_.info("the camera is back");
    else log_.warn("the camera stopped: {}", camera_problem);
    camera_was_working_ = camera_problem.empty();
  }
  if (session_.screen() != last_screen_) {
    if (session_.screen() == KioskScreen::kPreview) log_.info("a visitor's preview started (visitor {})", session_.visitors());
    else log_.info("nobody in view for {} s: back to the attract screen, the visitor forgotten", config_.forget_after_s);
    last_screen_ = session_.screen();
  }
}

const RgbaImage& KioskStep::step(KioskFrames frames, const Gpu& gpu, KioskPreviews& previews) {
  if (frames.camera) {
    if (head_fit_) head_fit_->offer(*frames.camera);
    frames.camera->face.pose = fitted_.corrected(frames.camera->face.pose);
    current_ = std::move(frames.camera);
  }
  if (frames.demo) demo_frame_ = std::move(frames.demo);
  update_fields(gpu, previews);

  // Who is there: only a recent frame from a working camera counts.
  const bool camera_working = frames.camera_problem.empty();
  const bool face_in_view = camera_working && current_ && current_->face.found &&
                            std::chrono::duration<double>(std::chrono::steady_clock::now() - current_->tracked_at).count() < kStaleTrackingS;
  session_.update(frames.now_s, face_in_view);
  log_changes(frames.camera_problem);

  const KioskChoices& choices = session_.choices();
  if (session_.screen() == KioskScreen::kPreview && current_) {  // the person at once; the dots as soon as placed
    if (needs_render(shown_from_, {.frame = current_->frame.index, .with_dots = previews.preview.has_value(), .design = session_.design(),
                                   .wipe = choices.wipe})) {
      const RgbaImage& after = previews.preview ? previews.preview->render(*current_, session_.design()) : current_->frame.picture;
      wipe(current_->frame.picture, after, choices.wipe, shown_);
    }
  } else if (demo_frame_) {
    if (needs_render(shown_from_, {.demo = true, .frame = demo_frame_->index, .with_dots = previews.demo_preview.has_value(),
                                   .design = config_.looks.front().design})) {
      const TrackedFace head{.frame = demo_frame_->index, .t_ms = demo_frame_->t_ms, .found = true, .pose = demo_source_pose(demo_frame_->t_ms)};
      shown_ = previews.demo_preview ? previews.demo_preview->render(demo_frame_->picture, head, config_.looks.front().design)
                                     : demo_frame_->picture;
    }
  }
  // A visitor turning to see the side or back of their head is told how to get the preview back.
  const std::string tracking = current_ ? tracking_message_.after(current_->face) : "";
  const bool turned_away = session_.screen() == KioskScreen::kPreview && tracking == TrackingMessage::kTurnBack;
  message_ = !camera_working ? "The camera is not available at the moment. It will be back shortly."
             : turned_away  ? tracking
                            : "";
  return shown_;
}

}  // namespace smp
