#include "app/second_view.h"

#include <opencv2/imgproc.hpp>

#include "app/camera_options.h"
#include "app/photo_head.h"
#include "capture/opencv_picture.h"

namespace smp {
std::unique_ptr<FrameSource> open_second_view(const SecondViewOptions& o, CameraSettings webcam) {
  if (!o.input.empty()) return open_file(o.input, /*photo_repeat_fps=*/30.0);
  webcam.device = o.camera;
  return open_camera_when_ready(webcam);
}

SecondView::SecondView(std::unique_ptr<FrameSource> source, const SecondViewOptions& o, const LandmarkPredictor& predictor)
    : predictor_(predictor),
      input_(o.input),
      view_(parse_view(o.view)),
      scalp_(Preview::tracked_scalp().surface),
      capture_(std::move(source), /*pace_to_timestamps=*/!o.input.empty()) {}

void SecondView::update() {
  using namespace std::chrono_literals;
  if (!tracking_ && !lens_.valid()) {
    // Its lens from its first frame, as the first view's; a photo without a face's as `render` takes
    // it, which puts the head its outline shows at a photo's distance. Finding that takes most of a
    // second (the face searched for, the head placed by its outline): on a worker, with the photo shown
    // meanwhile, so that the window does not freeze.
    if (std::optional<CapturedFrame> first = capture_.take_newest()) {
      if (!input_.empty() && is_photo_file(input_))
        lens_ = std::async(std::launch::async, [this, picture = first->picture] {
          return fit_photo_head(picture, CameraOptions{}, predictor_, view_).camera;
        });
      else
        start_tracking(live_input_camera(input_, first->picture, CameraOptions{}, predictor_));
      current_.emplace();
      current_->frame = std::move(*first);  // shown until its first tracked frame
    }
  } else if (!tracking_) {
    if (lens_.wait_for(0s) == std::future_status::ready) start_tracking(lens_.get());
  } else if (std::optional<TrackedFrame> t = tracking_->take_newest()) {
    if (!waiting_since_ms_) waiting_since_ms_ = t->face.t_ms;
    current_ = std::move(*t);
    const TrackedFace& face = current_->face;
    found_by_face_ = found_by_face_ || (face.found && face.source == PoseSource::kFace);
    placed_ = placed_ || (face.found && face.source == PoseSource::kHead && face.placed_with == scalp_version_);
  }
}

void SecondView::start_tracking(const Intrinsics& camera) {
  TrackerSettings settings;
  settings.camera = camera_ = camera;
  settings.smooth = true;
  settings.head_breadth_mm = head_breadth_mm_;
  settings.view = view_;
  settings.place_head = [this, camera, view = view_](const RgbaImage& picture) {  // beside its tracking
    ScalpSurface scalp;
    std::uint64_t version = 0;
    {
      const std::lock_guard lock(scalp_mutex_);
      scalp = scalp_;
      version = scalp_version_;
    }
    OutlinePlacement placed = place_head_by_outline(picture, camera, view, scalp);
    placed.placement.made_with = version;
    if (!placed.placement.head)
      placed.placement.why_not = "Second view: no face, and " + placed.placement.why_not +
                                 (placed.view_unsure ? ": name its view with --second-view (back, top, ...)" : "");
    return placed.placement;
  };
  tracking_.emplace(capture_, predictor_, settings);
}

bool SecondView::settled() const {
  // A tracker that has neither found the head nor said why not after a while is taken as settled too,
  // so that a scripted run goes on.
  constexpr double kWaitAtMostMs = 10000.0;
  return found_by_face_ || placed_ || !problem().empty() ||
         (waiting_since_ms_ && current_ && current_->face.t_ms - *waiting_since_ms_ >= kWaitAtMostMs);
}

void SecondView::start_preview(const Gpu& gpu, std::span<const Dot> field, double field_density_per_cm2, const ScalpFit& scalp) {
  if (!tracking_ || preview_) return;  // its lens is needed
  preview_.emplace(gpu, camera_, field, field_density_per_cm2, scalp);
  use_scalp(scalp.surface);
}

void SecondView::set_head_fit(const OutlineFit& fit) {
  if (preview_) preview_->set_scalp(fit.fit);
  use_scalp(fit.fit.surface);
  head_breadth_mm_ = fit.measured.head_breadth_mm;
  if (tracking_) tracking_->set_head_breadth_mm(head_breadth_mm_);
}

void SecondView::use_scalp(const ScalpSurface& scalp) {
  // The same scalp again (the first view's fit came before the dots did, and start_preview hands it
  // over once more): the head placed with it stands.
  if (scalp.shape() == scalp_.shape()) return;
  {
    const std::lock_guard lock(scalp_mutex_);
    scalp_ = scalp;
    ++scalp_version_;
  }
  // A head placed by its outline was fitted with the scalp drawn until now: placed again with this one,
  // and the view settled again once it is.
  if (tracking_) tracking_->place_anew();
  placed_ = false;
  waiting_since_ms_.reset();
}

const RgbaImage& SecondView::render(const SmpDesign& design) {
  return preview_ ? preview_->render(*current_, design) : current_->frame.picture;
}

std::string SecondView::problem() const {
  if (capture_.status() == SourceStatus::kFailed) return "Second view: " + capture_.problem();
  return current_ && !current_->face.found ? current_->face.not_placed_why : "";
}

void side_by_side(const RgbaImage& first, const RgbaImage& second, bool mirror_first, RgbaImage& out) {
  // Every frame, twice (with and without the dots): the memory is kept while the size stays.
  if (out.width != 2 * first.width || out.height != first.height) out = RgbaImage(2 * first.width, first.height);
  cv::Mat both = rgba_view(out);
  both.setTo(cv::Scalar(0, 0, 0, 255));
  cv::Mat left = both.colRange(0, first.width);
  if (mirror_first) cv::flip(rgba_view(first), left, 1);
  else rgba_view(first).copyTo(left);
  if (second.width == 0 || second.height == 0) return;
  const double scale = std::min(double(first.width) / second.width, double(first.height) / second.height);
  const cv::Size size(std::max(1, int(second.width * scale + 0.5)), std::max(1, int(second.height * scale + 0.5)));
  const cv::Rect slot(first.width + (first.width - size.width) / 2, (first.height - size.height) / 2, size.width, size.height);
  cv::Mat target = both(slot);
  cv::resize(rgba_view(second), target, size, 0.0, 0.0, cv::INTER_AREA);
}

}  // namespace smp
