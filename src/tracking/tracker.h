#pragma once
// Following one face through a stream of frames: acquire with the detector, then track by predicting
// the landmarks from the box around the last frame's; re-detect when the landmarks stop fitting the face
// model (confidence drops), and every so often on a worker thread beside tracking to catch drift, so
// that a periodic detection never holds up a frame; solve the pose and smooth it.
#include <cstdint>
#include <functional>
#include <future>
#include <optional>
#include <string>

#include "capture/frame_source.h"
#include "tracking/face_landmarks.h"
#include "tracking/handover.h"
#include "tracking/head_motion.h"
#include "tracking/one_euro_filter.h"
#include "tracking/photo_view.h"
#include "tracking/pose_solver.h"
#include "tracking/scene_cut.h"

namespace smp {

// Where a frame's pose came from: the face's landmarks, or the head followed beyond them
// (head_motion.h: the face turned away, bowed or covered), which has no landmarks.
enum class PoseSource { kFace, kHead };

struct TrackedFace {
  std::uint64_t frame = 0;
  double t_ms = 0.0;
  bool found = false;
  PoseSource source = PoseSource::kFace;
  HeadPose pose;          // smoothed; head frame -> camera (mm), angles per shared/data/README.md
  Landmarks68 landmarks{};  // all zero when the pose came from the head
  // Not found: why TrackerSettings::place_head placed no head when it last tried (empty: not tried)
  std::string not_placed_why{};
  // 0..1: how well the landmarks fit a rigid face (1 perfectly); from the head, the share of the
  // followed points that agree on its motion
  double confidence = 0.0;
  // From a head placed by TrackerSettings::place_head and followed since: its placement's made_with,
  // once the ease from the pose followed before it is over (Tracker::kPlacedAnewEaseMs after it was
  // placed anew over a followed head). None otherwise.
  std::optional<std::uint64_t> placed_with{};
  bool has_landmarks() const { return found && source == PoseSource::kFace && landmarks != Landmarks68{}; }
};

// A head found in a frame without a face by other means than landmarks (app/second_view.cpp: by its
// outline, in the view the second camera shows).
struct PlacedHead {
  HeadPose pose;
  double confidence = 0.0;  // 0..1
};
struct HeadPlacement {
  std::optional<PlacedHead> head;
  std::string why_not;  // for the person, when there is none
  // What it was placed with, as its caller counts (the scalp fitted to the outline: app/second_view.cpp),
  // handed on in TrackedFace::placed_with, so that the caller knows when what it shows is placed with
  // what it handed over last.
  std::uint64_t made_with = 0;
};

struct TrackerSettings {
  Intrinsics camera;
  int detection_max_side_px = 640;
  int redetect_every_frames = 30;  // re-acquire this often even while tracking holds
  // Live: the periodic detection runs on a worker and is taken up whenever it is done, so no frame
  // waits for it. Files: it runs in the next frame instead, so that a video tracks the same way on
  // every run and on every machine, however fast the worker would have been.
  bool detect_beside_tracking = true;
  double min_confidence = 0.3;     // below it the face is lost and is searched for again
  bool smooth = true;              // off for photos: every frame is a different picture
  bool follow_head = true;  // beyond the face, once it was found (head_motion.h)
  // The person's head breadth, measured from their outline (src/scalp/outline_fit.h), for the head
  // follower's proxy; none: an unmeasured head's (HeadMotion::kUnmeasuredBreadthMm).
  std::optional<double> head_breadth_mm{};
  // For a frame with no face and nothing followed: the head placed from the picture alone, and followed
  // from there as beyond a face (needs follow_head). For a camera that never sees the face: the second
  // view, behind or above the patient. It may take half a second: with detect_beside_tracking it runs
  // on a worker beside tracking, as the periodic detection does, and the head is followed from the frame
  // it was placed in once it is done; otherwise the frame waits for it (the same on every run). After it
  // placed nothing, it is tried again only Tracker::kPlaceAgainMs later; a placed head followed for
  // Tracker::kPlaceAnewMs is placed anew (the follower drifts). None: such frames have no pose.
  std::function<HeadPlacement(const RgbaImage&)> place_head{};
  // The standard view this camera shows, when it is known: a face it cannot show (face_fits_view) is
  // not the patient's (the practitioner's, seen by a camera behind the patient) and is not followed.
  std::optional<PhotoView> view{};
  OneEuroSettings rotation_smoothing{};  // its speeds in degrees per second, about any axis
  OneEuroSettings position_smoothing{.min_cutoff_hz = 0.5, .speed_gain = 0.01, .derivative_cutoff_hz = 1.0};
};

class Tracker {
 public:
  Tracker(const LandmarkPredictor& predictor, const TrackerSettings& settings);
  ~Tracker();  // waits for a detection still running
  Tracker(const Tracker&) = delete;
  Tracker& operator=(const Tracker&) = delete;
  TrackedFace track(const CapturedFrame& frame);
  // A measurement that came after the tracker was made (the live fit); none: back to the default.
  void set_head_breadth_mm(std::optional<double> breadth_mm);
  // A head placed by settings.place_head is placed again from the next frame on (the scalp it is
  // fitted with changed); a placement still in flight is dropped, as it was fitted with the old scalp.
  void place_anew();
  static constexpr double kPlaceAgainMs = 2000.0;
  // Before HeadMotion::kMaxFollowMs, so that a slow placement is done before the follower gives up.
  static constexpr double kPlaceAnewMs = 8000.0;
  // A head placed anew over the one followed until then moves there over this time: the placement and
  // the follower's drift differ by up to about ten degrees, which the dots would otherwise jump.
  static constexpr double kPlacedAnewEaseMs = 1000.0;

 private:
  std::optional<Landmarks68> acquire(const cv::Mat& grey);
  // Where to look for the face in this frame: the box around the last landmarks, unless the periodic
  // detection that ran beside tracking has finished and found the face somewhere else; `detected` when
  // that detection, just finished, found the face (there, or where the box already was).
  struct FaceSearch {
    FaceBox box;
    bool detected = false;
  };
  // None when the detector, which should see a face turned this little, found none.
  std::optional<FaceSearch> tracking_box();
  static constexpr double kDetectorReachDeg = 30.0;  // |yaw| within which dlib's detector finds a face
  // Turned from the camera (turned_from_camera_deg: a turn or a bow) beyond this, the landmarks of the
  // demo head give way (at about 33 degrees), and landmarks carried from frame to frame are checked.
  static constexpr double kLandmarksHoldDeg = 30.0;
  // The most the pose of carried landmarks may differ from the head followed into the same frame from
  // the last one's pose, deg, where that head is turned beyond kLandmarksHoldDeg: frame to frame, on the
  // shared videos, the two differ by 0.6 at the median, 2.2 in the 99th percentile.
  static constexpr double kLandmarksStrayDeg = 8.0;
  void start_background_detection(const cv::Mat& grey);
  // Confidence from the RMS reprojection error, relative to the face's size in the picture.
  static double confidence_of(const PoseFit& fit, const Landmarks68& landmarks);
  static double eyes_px(const Landmarks68& landmarks);  // between the outer eye corners
  // A frame without a face: `head`, the head followed into it, or the head placed (settings_.place_head)
  // when that is due and done; none when neither has a pose.
  std::optional<HeadMotionFit> place_if_due(const CapturedFrame& frame, const cv::Mat& grey, std::optional<HeadMotionFit> head);
  void reset_smoothing();

  const LandmarkPredictor& predictor_;
  TrackerSettings settings_;
  FaceDetector detector_;
  std::optional<Landmarks68> last_landmarks_;
  std::optional<HeadPose> last_raw_pose_;
  std::uint64_t frames_since_detection_ = 0;
  double detected_eyes_px_ = 1.0;  // the face's size when the detector last found it
  bool confirm_size_ = false;      // the periodic detection agreed: take this frame's size as the reference
  OneEuroRotationFilter rotation_filter_;
  std::array<OneEuroFilter, 3> position_filters_;  // x, y, z
  HeadMotion head_;
  bool followed_last_frame_ = false;  // its pose came from the head: the face's return is a handover
  // settings_.place_head at work on a frame, beside tracking when live.
  struct Placing {
    std::future<HeadPlacement> placed;
    cv::Mat grey;
    double t_ms = 0.0;
    std::uint64_t era = 0;  // placing_era_ when it started
  };
  std::optional<Placing> placing_;
  // Counts the faces and scene cuts: a placement started before the last is out of date when it is done
  // (frame times start again when a camera is plugged in again, so they cannot tell).
  std::uint64_t placing_era_ = 0;
  std::optional<double> placed_ms_;          // the frame the head followed now was placed in
  std::uint64_t placed_with_ = 0;            // and its placement's made_with
  std::optional<double> placed_nothing_ms_;  // the last frame settings_.place_head found no head in
  std::string not_placed_why_;               // and why
  Handover handover_;
  Handover placed_anew_{kPlacedAnewEaseMs};  // from the pose followed to the head placed anew
  std::optional<double> last_t_ms_;          // the last frame's time
  SceneCut scene_cut_;
  // Declared after detector_, which it uses: destroyed (and so waited for) first.
  std::future<std::vector<FaceBox>> background_detection_;
};

}  // namespace smp
