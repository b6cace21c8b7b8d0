#pragma once
// A photo's head: the face tracked, the head's outline found around it (src/tracking/head_outline.h),
// and the scalp fitted to that outline (src/scalp/outline_fit.h), so that the design lands on this
// person's skull rather than on an adult-mean one placed from the face alone.
#include <filesystem>
#include <string>

#include "app/camera_options.h"
#include "app/preview.h"
#include "scalp/outline_fit.h"
#include "tracking/marked_points.h"
#include "tracking/photo_view.h"
#include "tracking/skin_matte.h"
#include "tracking/tracker.h"
#include "tracking/view_guess.h"

namespace smp {

// A photo's lens is rarely known. Unless the practitioner gives one (--fov, --focal-px, --calibration),
// the face is taken to be this far from the camera: a portrait's or a clinic photo's distance. The
// webcam's 60 degrees would put a head that fills a photo 30 cm from the lens, and at that distance
// perspective hides the back of the skull behind the face: the fitted scalp comes out too small.
inline constexpr double kPhotoFaceDistanceMm = 1000.0;

struct PhotoHead {
  TrackedFace face;      // found by its landmarks, or (source kHead) by its outline in a given view
  Intrinsics camera;     // the one the pose and the fit were solved with
  OutlineFit fit;        // fit.fitted false: no usable outline, the landmarks' adult-mean scalp
  // The head found without a face: where ink may go (its mask, kept a little inside the rim). Without
  // it, the skin matte is found around the face as in every other frame.
  std::optional<SkinMatte> matte;
  std::string summary;   // one line for the person: what was found and fitted, or why not
  // Marked points that do not fit one head well (or none): why, for the screen; empty when they fit.
  std::string points_doubt;
  int placing_points = 0;  // the marked points that placed the head; 0: its face or its outline did
  // Without a face or a view given: the view its colours suggest (placed when sure, else not at all).
  std::optional<ViewGuess> view_guess;
};

// The picture's own lens (`lens` given) or kPhotoFaceDistanceMm's. With the photo's `view` (the
// practitioner's word), a photo whose face cannot be found or does not face that way is fitted from
// the head's outline instead (src/tracking/head_mask.h, src/scalp/view_fit.h) on the adult-mean scalp;
// without one, a photo without a face is fitted so in the view its colours surely suggest
// (src/tracking/view_guess.h), and not at all when the guess is unsure.
// With the practitioner's marked `points` (at least kFewestMarkedPoints), they pin the pose instead, on
// the adult-mean scalp, searched from the outline's fit in the view, the face's pose, or each standard
// view; points that fit no head leave the photo fitted without them, and the summary says so.
PhotoHead fit_photo_head(const RgbaImage& picture, const CameraOptions& lens, const LandmarkPredictor& predictor,
                         std::optional<PhotoView> view = std::nullopt, std::span<const MarkedPoint> points = {});

// The photo with the design on its head: within the head's mask where it was found without a face,
// within the skin matte found around the face otherwise. `preview` draws with head.camera.
const RgbaImage& render_photo_head(Preview& preview, const RgbaImage& picture, const PhotoHead& head,
                                   const SmpDesign& design);

// The lens of the mirror's or the kiosk's input (`input` empty: a camera), from its first frame: a
// photo's as fit_photo_head takes it (the webcam's 60 degrees would put a portrait's face a hand's
// breadth from the lens, and the skull fitted around it would come out far too small); a camera's or
// a video's from `lens` (camera_intrinsics).
Intrinsics live_input_camera(const std::string& input, const RgbaImage& first, const CameraOptions& lens,
                             const LandmarkPredictor& predictor);

// A frame without a face of a camera that may never see one (the live second view, behind or above the
// patient): the head placed by its outline as fit_photo_head places a photo's, in `view` or the view its
// colours surely suggest, through the camera's lens, with `scalp`'s silhouette (the one the dots are
// drawn on: the person's fitted skull, or the adult mean's) fitted to it. No head, and why, when none
// stands out or its view is unsure. About half a second at 640x640 on one core.
struct OutlinePlacement {
  HeadPlacement placement;
  bool view_unsure = false;  // its colours suggest no view surely: naming it would place the head
};
OutlinePlacement place_head_by_outline(const RgbaImage& picture, const Intrinsics& camera, std::optional<PhotoView> view,
                                       const ScalpSurface& scalp);

// A video's head, fitted once before it is rendered (a skull does not change during a consultation):
// the outlines of up to kVideoFitViews frames that show the face, spread over its first
// kVideoFitFrames frames, fitted together. `source` is read from where it stands; `camera` is its lens.
inline constexpr int kVideoFitViews = 8;
inline constexpr int kVideoFitFrames = 250;
struct VideoHead {
  OutlineFit fit;
  int views = 0;          // frames whose outline was clear enough to be fitted
  std::string summary;    // one line for the person
};
VideoHead fit_video_head(FrameSource& source, const Intrinsics& camera, const LandmarkPredictor& predictor);
// The same, from the start of the video file `video`, opened anew (throws SourceError as open_file).
VideoHead fit_video_head(const std::filesystem::path& video, const Intrinsics& camera, const LandmarkPredictor& predictor);

// One line: what was fitted, or why the adult-mean scalp is used.
std::string fit_summary(const OutlineFit& fit);

}  // namespace smp
