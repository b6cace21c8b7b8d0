#pragma once
// The second view of `live`: a camera (or a file) behind or above the patient, for the crown and the
// back of the head. It is captured and tracked on its own threads, drawn with the same design, the
// same dot field and the same fitted scalp as the first view (a skull is one shape, whichever camera
// sees it), and shown beside the first view in one picture, which the recording and the snapshot take.
// Such a camera mostly sees no face: its head is then placed by its outline, as a clinic photo's is
// (app/photo_head.h: place_head_by_outline), and followed from there frame by frame
// (tracking/head_motion.h) until the followed points give out, when it is placed again.
#include <cstdint>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "app/preview.h"
#include "capture/capture_thread.h"
#include "scalp/outline_fit.h"
#include "tracking/photo_view.h"
#include "tracking/tracking_thread.h"

namespace smp {

struct SecondViewOptions {
  std::string input;  // a video or a photo; empty: the camera
  int camera = -1;    // /dev/videoN, when `input` is empty; -1 with no input: no second view
  // The standard view it shows ("back", "top", ...: tracking/photo_view.h); empty: the one its colours
  // surely suggest. Without a face in its picture, its head is placed by its outline in this view.
  std::string view;
  bool any() const { return !input.empty() || camera >= 0; }
};

// Its frames: the file, or the camera asked for `webcam`'s size and rate. Throws SourceError (exit 3)
// for a file that cannot be read; a camera that is not there yet is waited for (SecondView::problem).
std::unique_ptr<FrameSource> open_second_view(const SecondViewOptions& options, CameraSettings webcam);

class SecondView {
 public:
  // `source` from open_second_view with the same options. Its lens is taken to be a webcam's
  // (kDefaultCameraFovDeg), a file's as the first view's would be. Must go before the Gpu its dots are
  // drawn with.
  SecondView(std::unique_ptr<FrameSource> source, const SecondViewOptions& options, const LandmarkPredictor& predictor);

  // Takes the newest tracked frame, if a newer one came.
  void update();
  // The dots, once the field is built; the head's fit (its scalp, and its breadth for the tracker),
  // whenever the first view's fit changes.
  void start_preview(const Gpu& gpu, std::span<const Dot> field, double field_density_per_cm2, const ScalpFit& scalp);
  void set_head_fit(const OutlineFit& fit);

  // Its newest frame: none before the first one.
  const std::optional<TrackedFrame>& current() const { return current_; }
  // Whether its tracker has found the head yet (placed with the scalp handed over last, when found by its
  // outline), or says why not, or its camera has failed; a script counts its frames from then.
  bool settled() const;
  // The picture with the design on the head (as it is, before the dots are placed).
  const RgbaImage& render(const SmpDesign& design);
  // Why it shows nothing (a camera that failed, no head placed without a face), or empty.
  std::string problem() const;

 private:
  const LandmarkPredictor& predictor_;
  std::string input_;
  std::optional<PhotoView> view_;
  Intrinsics camera_;  // its lens, from its first frame
  // A photo's, being found beside the loop (with predictor_ and view_, declared before it: its
  // destructor waits for the worker).
  std::future<Intrinsics> lens_;
  // The scalp its dots are drawn on, whose silhouette the placement (TrackerSettings::place_head) fits,
  // beside its tracking.
  std::mutex scalp_mutex_;
  ScalpSurface scalp_;
  // How often a scalp was handed over: written by the loop only, read by the placement under scalp_mutex_,
  // which tags what it places with it (HeadPlacement::made_with).
  std::uint64_t scalp_version_ = 0;
  CaptureThread capture_;
  std::optional<TrackingThread> tracking_;
  std::optional<double> head_breadth_mm_;  // for its tracker, made with the first frame
  std::optional<Preview> preview_;
  std::optional<TrackedFrame> current_;
  // For settled(): the head found by its face in any frame; placed by its outline with the scalp drawn
  // now (a head placed with an older scalp is placed again: not what the view settles on); the first
  // frame tracked since the scalp was handed over.
  bool found_by_face_ = false, placed_ = false;
  std::optional<double> waiting_since_ms_;
  // Draws on `scalp` from now on, and has the head placed again with it.
  void use_scalp(const ScalpSurface& scalp);
  void start_tracking(const Intrinsics& camera);
};

// The two views side by side in `out`: `first` as it is, at the left, then `second` scaled to fit a
// slot of the first's size, centred on black. Mirrored: the first view only, left for right (a mirror
// facing the patient); the second stays as filmed, so that a turn of the head moves both the same way.
// `second` may be empty (width 0): its slot is black.
void side_by_side(const RgbaImage& first, const RgbaImage& second, bool mirror_first, RgbaImage& out);

}  // namespace smp
