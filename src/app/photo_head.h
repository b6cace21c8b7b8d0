#pragma once
// A photo's head: the face tracked, the head's outline found around it (src/tracking/head_outline.h),
// and the scalp fitted to that outline (src/scalp/outline_fit.h), so that the design lands on this
// person's skull rather than on an adult-mean one placed from the face alone.
#include <string>

#include "app/camera_options.h"
#include "scalp/outline_fit.h"
#include "tracking/tracker.h"

namespace smp {

// A photo's lens is rarely known. Unless the practitioner gives one (--fov, --focal-px, --calibration),
// the face is taken to be this far from the camera: a portrait's or a clinic photo's distance. The
// webcam's 60 degrees would put a head that fills a photo 30 cm from the lens, and at that distance
// perspective hides the back of the skull behind the face: the fitted scalp comes out too small.
inline constexpr double kPhotoFaceDistanceMm = 1000.0;

struct PhotoHead {
  TrackedFace face;
  Intrinsics camera;     // the one the pose and the fit were solved with
  OutlineFit fit;        // fit.fitted false: no usable outline, the landmarks' adult-mean scalp
  std::string summary;   // one line for the person: what was found and fitted, or why not
};

// The picture's own lens (`lens` given) or kPhotoFaceDistanceMm's.
PhotoHead fit_photo_head(const RgbaImage& picture, const CameraOptions& lens, const LandmarkPredictor& predictor);

}  // namespace smp
