// The demo head turned a full circle and bowed 60 degrees, with its true pose at every frame (issue 17):
// the head follower (src/tracking/head_motion.h), started from the true pose of the first frame, with
// the head's breadth measured from its outline as the mirror measures it, against the truth over the
// whole motion. The demo's skin is mottled and freckled (shaders/head.frag), so there is something to
// follow on the sides and the back, as on a real head.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <functional>
#include <numbers>

#include "app/demo_scene.h"
#include "app/photo_head.h"
#include "app/preview.h"
#include "capture/demo_head.h"
#include "rotation_angle.h"
#include "scalp/outline_fit.h"
#include "test_support.h"
#include "tracking/face_model.h"
#include "tracking/head_motion.h"
#include "tracking/head_outline.h"
#include "tracking/photo_view.h"
#include "tracking/tracker.h"

namespace smp {
namespace {

constexpr double kFps = 30.0;

struct Errors {
  int frames = 0, followed = 0;
  double mean = 0.0, worst = 0.0;  // in the unit of the errors added: degrees, mm or px
  void add(std::optional<double> error) {
    ++frames;
    if (!error) return;
    ++followed;
    mean += (*error - mean) / followed;
    worst = std::max(worst, *error);
  }
};

class DemoTurn : public test::GpuTest {
 protected:
  // The follower's pose against the truth at each of `frames` frames; the errors of the frames in each
  // of `parts` equal parts of the motion. `each_frame`, when given, sees every frame rendered (frame 0,
  // the anchor's, too), so that another test of the same motion needs no rendering of its own.
  using EachFrame = std::function<void(int frame, double t_ms, const RgbaImage& picture, const HeadPose& truth)>;
  // `distances`, when given, gets the errors of the followed head's distance from the camera, in mm, in
  // the same parts.
  std::vector<Errors> follow(const std::function<HeadPose(double t_ms)>& truth_at, int frames, int parts,
                             const EachFrame& each_frame = nullptr, std::vector<Errors>* distances = nullptr) {
    DemoScene scene(gpu(), test::demo_head_mesh(), 640, 480, {.density_per_cm2 = 5.0});
    SplatSettings no_dots;
    no_dots.visible_rank_limit = 0;
    // Anchored as the tracker anchors it on a face frame, with the face model's landmarks at the true pose.
    const HeadPose first = truth_at(0.0);
    Landmarks68 landmarks;
    for (size_t i = 0; i < landmarks.size(); ++i)
      landmarks[i] = scene.intrinsics().project(first.rotation() * face_model()[i] + first.translation_mm);
    const RgbaImage& first_picture = scene.render(first, no_dots);
    if (each_frame) each_frame(0, 0.0, first_picture, first);
    // The head's breadth measured from its outline in that frame, by the fit the mirror (LiveHeadFit)
    // runs on several frames and whose breadth it hands to the tracker.
    std::optional<HeadOutline> outline = find_head_outline(first_picture, first, scene.intrinsics(), landmarks);
    EXPECT_TRUE(outline);
    const OutlineView view{.outline = outline.value_or(HeadOutline{}), .pose = first, .camera = scene.intrinsics()};
    const OutlineFit skull = fit_scalp_to_outlines(landmarks_of(face_model()), std::span(&view, outline ? 1 : 0));
    EXPECT_TRUE(skull.fitted) << fit_summary(skull);
    const double breadth_mm = skull.fit.surface.breadth_mm();
    std::printf("the demo head's breadth measured from its outline: %.0f mm (built %.0f)\n", breadth_mm, demo_head::kHeadBreadthMm);
    // The fit measures the scalp's silhouette above the ears from the front: 138 mm when this was written.
    EXPECT_NEAR(breadth_mm, demo_head::kHeadBreadthMm, 15.0);
    HeadMotion motion(scene.intrinsics(), breadth_mm);
    motion.anchor(grey_of(first_picture), first, landmarks, 0.0);
    std::vector<Errors> errors(static_cast<size_t>(parts));
    if (distances) distances->assign(static_cast<size_t>(parts), Errors{});
    for (int f = 1; f <= frames; ++f) {
      const double t_ms = 1000.0 * f / kFps;
      const HeadPose truth = truth_at(t_ms);
      const RgbaImage& picture = scene.render(truth, no_dots);
      const std::optional<HeadMotionFit> fit = motion.follow(grey_of(picture), t_ms);
      if (each_frame) each_frame(f, t_ms, picture, truth);
      const size_t part = size_t((f - 1) * parts / frames);
      errors[part].add(fit ? std::optional(test::rotation_angle_deg(fit->pose, truth)) : std::nullopt);
      if (distances)
        (*distances)[part].add(fit ? std::optional(std::abs(glm::length(fit->pose.translation_mm) - glm::length(truth.translation_mm)))
                                   : std::nullopt);
    }
    return errors;
  }

  static void print(const char* motion, const char* part, const Errors& e) {
    std::printf("%s, %s: followed in %d of %d frames, %.1f deg from the true pose on average, %.1f at worst\n", motion, part,
                e.followed, e.frames, e.mean, e.worst);
  }
};

// 360 degrees of yaw in 8 s, 1.5 degrees a frame at 30 fps: each quarter on its own line. The same frames
// go through the follower alone, anchored at the true pose, and through the tracker as the mirror runs
// it (rendered once for both: 240 frames on lavapipe are most of this test's time).
TEST_F(DemoTurn, AFullTurnIsFollowedAndTrackedAllTheWayRound) {
  // Through the tracker: the face's landmarks where they hold, the head followed beyond, the face taking
  // over again when the detector finds it, the pose smoothed.
  // Past about 30 degrees the landmarks on the demo head go on returning a face whose pose slides back
  // while the head turns on (to yaw -17 when it is at 44), at a confidence that looks fine: before they
  // were checked against the head's own motion, the follower was anchored on that pose and the quarters
  // came 38.5 and 117.3 degrees from the truth on average, the head lost from yaw 150 to 310.
  const LandmarkPredictor predictor;
  TrackerSettings settings{.camera = demo_intrinsics(640, 480), .detect_beside_tracking = false};
  settings.head_breadth_mm = 138.0;  // as the outline measures it (printed below)
  Tracker tracker(predictor, settings);
  constexpr int kFrames = 240, kParts = 4;
  std::vector<Errors> tracked(kParts);
  std::vector<int> by_face(kParts, 0);
  const auto track = [&](int f, double t_ms, const RgbaImage& picture, const HeadPose& truth) {
    if (f >= kFrames) return;
    const TrackedFace face = tracker.track({.picture = picture, .index = std::uint64_t(f), .t_ms = t_ms});
    const size_t q = size_t(f * kParts / kFrames);
    tracked[q].add(face.found ? std::optional(test::rotation_angle_deg(face.pose, truth)) : std::nullopt);
    by_face[q] += face.found && face.source == PoseSource::kFace;
  };
  std::vector<Errors> distances;
  const std::vector<Errors> quarters =
      follow([](double t_ms) { return demo_pose(-3.0, 360.0 * t_ms / 8000.0, 0.0); }, kFrames, kParts, track, &distances);
  const char* names[] = {"yaw 0 to 90", "90 to 180", "180 to 270", "270 to 360"};
  for (size_t q = 0; q < quarters.size(); ++q) {
    print("demo head turned a full circle", names[q], quarters[q]);
    std::printf("  its distance %.0f mm off on average, %.0f at worst\n", distances[q].mean, distances[q].worst);
  }
  // Issue 17's target is 5 degrees on average and 10 at worst over the whole turn. With the breadth
  // measured and 160 points followed, the quarters came 6.1, 6.1, 6.4 and 17.1 degrees from the truth on
  // average when this was written (10.8, 8.2, 11.6 and 26.9 at worst); with the unmeasured proxy, 170 mm
  // broad, 6.9, 11.5, 39.2 and 57.8 (with 240 points, before the flow started from a prediction). The
  // back half drifts: each step's error stays in the points placed after it, and nothing shows the back
  // of the head at a known pose (see the closing notes).
  // The follower is chaotic: before the distance was held, the number of points followed, from 150 to
  // 240 in steps of 10 to 40, moved the last quarter's mean between 7.9 and 29.3 degrees, and the first's
  // between 5.0 and 7.9. The bounds sit above that spread, so that they catch a follower that got worse,
  // not one that drew other points; the back half's catch only a collapse (78 degrees with the unmeasured
  // proxy). The follower held near the distance the anchor gave (head_motion.cpp, kDistanceHoldPxPerMm):
  // 7.0, 3.5, 5.8 and 6.4 degrees (13.5, 7.0, 9.2 and 10.7 at worst), the distance within 21 mm of the
  // truth all the way round, which its bound catches: without the hold, the head crept up to 147 mm from
  // its true distance (at a fifth of the hold, 120), and the last quarter came 17.1 degrees off.
  for (const Errors& q : quarters) EXPECT_EQ(q.followed, q.frames);
  EXPECT_LT(quarters[0].mean, 9.0);
  EXPECT_LT(quarters[0].worst, 14.0);
  EXPECT_LT(quarters[1].mean, 8.5);
  EXPECT_LT(quarters[1].worst, 13.0);
  EXPECT_LT(std::max(quarters[2].mean, quarters[3].mean), 35.0);
  EXPECT_LT(std::max(quarters[2].worst, quarters[3].worst), 45.0);
  for (const Errors& d : distances) EXPECT_LT(d.worst, 60.0) << "the followed head keeps its distance (mm)";

  for (size_t q = 0; q < tracked.size(); ++q) {
    print("demo head turned a full circle, tracked", names[q], tracked[q]);
    std::printf("  of which %d frames from the face\n", by_face[q]);
  }
  // 7.6, 6.6, 17.3 and 18.2 degrees on average when this was written (29.8, 12.0, 26.6 and 29.2 at
  // worst); 7.2, 5.8, 15.1 and 18.7 before the follower held the face's distance and placed points on the
  // face model's surface: the third quarter's change is within the follower's spread (above). The face's own pose on the demo head is 9 degrees off
  // before the turn (its pitch: the demo's eyes sit 9 mm lower in its face than the face model's), and
  // the follower takes that error into the back half. The worst of the first quarter is the face at yaw 33: its landmarks give way there (yaw 10,
  // pitch -22) while the head followed from them is still within their reach, where they are trusted.
  for (const Errors& q : tracked) EXPECT_EQ(q.followed, q.frames) << "every frame has a pose";
  EXPECT_LT(tracked[0].mean, 10.0);
  EXPECT_LT(tracked[0].worst, 35.0);
  EXPECT_LT(tracked[1].mean, 10.0);
  EXPECT_LT(tracked[1].worst, 20.0);
  EXPECT_LT(std::max(tracked[2].mean, tracked[3].mean), 25.0);
  EXPECT_GE(by_face[3], 15) << "the face takes over again when it comes back";
}

// Bowed to 60 degrees and back up in 4 s, as a patient bows to show the crown: 1.6 and 4.6 degrees on the
// way down when this was written, 4.0 and 9.3 on the way up (the target: 5 and 10; 1.6 and 3.0, 5.6 and
// 10.2 before the distance was held); with the unmeasured
// proxy and 240 points, 5.4 and 8.7, 5.9 and 16.1. From 150 to 240 points: 1.1 to 2.1 on average going
// down, 4.2 to 6.6 coming up, 13.6 at worst.
TEST_F(DemoTurn, ABowToShowTheCrownIsFollowed) {
  const std::vector<Errors> halves =
      follow([](double t_ms) { return demo_pose(-60.0 * std::sin(std::numbers::pi * t_ms / 4000.0), 0.0, 0.0); }, 120, 2);
  print("demo head bowed 60 degrees", "going down", halves[0]);
  print("demo head bowed 60 degrees", "coming up", halves[1]);
  for (const Errors& h : halves) EXPECT_EQ(h.followed, h.frames);
  EXPECT_LT(halves[0].mean, 3.5);
  EXPECT_LT(halves[0].worst, 9.0);
  EXPECT_LT(halves[1].mean, 8.0);
  EXPECT_LT(std::max(halves[0].worst, halves[1].worst), 18.0);
}

// A quick shake of the head, 25 degrees to each side and back in 0.6 s (up to 9 degrees a frame), as
// when a patient says no: the follower predicts each frame's motion from the last one's, and a shake
// turns back against that prediction every 0.3 s. 3.7 and 7.3 degrees from the truth in the first
// second when this was written, 4.7 and 6.2 in the second (6.1 and 10.5, 6.8 and 11.6 before the
// distance was held). From 150 to 240 points: 4.5 to 7.0 on
// average, 12.5 at worst, so the bound on the worst has half a degree of room. With 240 points and
// without the flow done again where the prediction failed, 6.4 and 13.6 in the first second.
TEST_F(DemoTurn, AQuickShakeIsFollowed) {
  const std::vector<Errors> seconds =
      follow([](double t_ms) { return demo_pose(-3.0, 25.0 * std::sin(2.0 * std::numbers::pi * t_ms / 600.0), 0.0); }, 60, 2);
  print("demo head shaken", "first second", seconds[0]);
  print("demo head shaken", "second second", seconds[1]);
  for (const Errors& s : seconds) {
    EXPECT_EQ(s.followed, s.frames);
    EXPECT_LT(s.mean, 7.5);
    EXPECT_LT(s.worst, 13.0);
  }
}

// A patient turns to see the side of the head in the mirror and leans towards it: turned to 100 degrees in
// 1.5 s, then brought from 600 to 430 mm in 1.5 s, the face away from the camera all the while. The
// followed head must come nearer with it, and its turn stay right.
TEST_F(DemoTurn, AHeadTurnedAwayThatLeansTowardsTheMirrorIsFollowedNearer) {
  const auto truth_at = [](double t_ms) {
    const double turn = std::min(1.0, t_ms / 1500.0), lean = std::clamp((t_ms - 1500.0) / 1500.0, 0.0, 1.0);
    const double ease = 0.5 - 0.5 * std::cos(std::numbers::pi * lean);
    return demo_pose(-3.0, 100.0 * (0.5 - 0.5 * std::cos(std::numbers::pi * turn)), 0.0, kDemoDistanceMm - 170.0 * ease);
  };
  std::vector<Errors> distances;
  const std::vector<Errors> halves = follow(truth_at, 90, 2, nullptr, &distances);
  print("demo head turned away", "turning", halves[0]);
  print("demo head turned away", "leaning in", halves[1]);
  std::printf("its distance %.1f mm off on average while turning (%.1f at worst), %.1f while leaning in (%.1f at worst)\n",
              distances[0].mean, distances[0].worst, distances[1].mean, distances[1].worst);
  // When this was written: 5.7 and 4.6 degrees off on average (11.7 and 5.5 at worst), the distance 9.3
  // and 7.3 mm off (20.8 and 13.7 at worst). With the distance held twice as hard, the lean was held back
  // by up to 123 mm and the pose came 24 degrees off.
  for (const Errors& h : halves) {
    EXPECT_EQ(h.followed, h.frames);
    EXPECT_LT(h.mean, 8.0);
  }
  EXPECT_LT(distances[1].mean, 20.0) << "mm";
  EXPECT_LT(distances[1].worst, 40.0) << "mm: the followed head comes nearer with the head";
}

// The second view's case: a camera behind the patient, which never sees the face. The head is placed by
// its outline in the back view (app/photo_head.h, as `live --second-view back` places it) and followed
// from there while it turns 20 degrees either way and back, twice in 4 s, leaning back 3 degrees as a
// patient sits (the view's typical pose is bowed 8 degrees forward). What the patient sees is the ink
// staying where it was put on the skin: points of the back of the skull, placed in the first frame where
// the placed pose puts them, are projected in each frame with the followed pose and with the truth.
TEST_F(DemoTurn, SeenFromBehindTheHeadIsPlacedByItsOutlineAndItsTurnsFollowed) {
  DemoScene scene(gpu(), test::demo_head_mesh(), 640, 480, {.density_per_cm2 = 5.0});
  SplatSettings no_dots;
  no_dots.visible_rank_limit = 0;
  const auto truth_at = [](double t_ms) { return demo_pose(-3.0, 180.0 + 20.0 * std::sin(std::numbers::pi * t_ms / 1000.0), 0.0); };
  const HeadPose first = truth_at(0.0);
  const RgbaImage first_picture = scene.render(first, no_dots);
  const HeadPlacement placement =
      place_head_by_outline(first_picture, scene.intrinsics(), PhotoView::kBack, Preview::tracked_scalp().surface).placement;
  ASSERT_TRUE(placement.head) << placement.why_not;
  const PlacedHead* placed = &*placement.head;
  HeadMotion motion(scene.intrinsics());
  motion.anchor(grey_of(first_picture), placed->pose, std::nullopt, 0.0);

  // The back of the demo's cranium (capture/demo_head.h) facing the camera in the first frame, in the
  // true head frame, and where the placed pose has those places of the skin: in its own head frame.
  std::vector<glm::dvec3> skin_true, skin_placed;
  const glm::dvec3 centre(demo_head::kCraniumCentre), radii(demo_head::kCraniumRadii);
  for (double a = 0.0; a < 2.0 * std::numbers::pi; a += 0.2)
    for (double b = -1.2; b <= 1.2; b += 0.2) {
      const glm::dvec3 unit(std::cos(b) * std::sin(a), std::sin(b), std::cos(b) * std::cos(a));
      const glm::dvec3 x = centre + unit * radii;
      const glm::dvec3 normal_camera = first.rotation() * glm::normalize(unit / radii);
      const glm::dvec3 at_camera = first.rotation() * x + first.translation_mm;
      if (glm::dot(normal_camera, glm::normalize(at_camera)) > -0.5) continue;  // seen from well in front only
      skin_true.push_back(x);
      skin_placed.push_back(glm::transpose(placed->pose.rotation()) * (at_camera - placed->pose.translation_mm));
    }
  ASSERT_GT(skin_true.size(), 20u);
  const auto apart_px = [&](const HeadPose& shown, const HeadPose& truth) {
    double sum = 0.0;
    for (size_t i = 0; i < skin_true.size(); ++i)
      sum += glm::length(scene.intrinsics().project(shown.rotation() * skin_placed[i] + shown.translation_mm) -
                         scene.intrinsics().project(truth.rotation() * skin_true[i] + truth.translation_mm));
    return sum / double(skin_true.size());
  };
  const double skull_px = 2.0 * radii.x * scene.intrinsics().fx / first.translation_mm.z;

  Errors turn, glued, unfollowed;  // glued and unfollowed in px, not degrees
  for (int f = 1; f <= 120; ++f) {
    const double t_ms = 1000.0 * f / kFps;
    const HeadPose truth = truth_at(t_ms);
    const std::optional<HeadMotionFit> fit = motion.follow(grey_of(scene.render(truth, no_dots)), t_ms);
    unfollowed.add(apart_px(placed->pose, truth));
    if (!fit) {
      turn.add(std::nullopt);
      glued.add(std::nullopt);
      continue;
    }
    // The turn since the first frame, in the camera's frame: the placed pose's own error left out.
    const HeadPose followed_turn = HeadPose::from_rotation(fit->pose.rotation() * glm::transpose(placed->pose.rotation()), {});
    const HeadPose true_turn = HeadPose::from_rotation(truth.rotation() * glm::transpose(first.rotation()), {});
    turn.add(test::rotation_angle_deg(followed_turn, true_turn));
    glued.add(apart_px(fit->pose, truth));
  }
  std::printf("demo head seen from behind: placed by its outline %.1f deg from its true pose; its turns of 20 degrees either "
              "way followed in %d of %d frames, the turn %.1f deg from the true turn on average (%.1f at worst); the skin "
              "%.1f px from where it was placed on average, %.1f at worst (the skull %.0f px broad); left where it was placed, "
              "%.1f and %.1f px\n",
              test::rotation_angle_deg(placed->pose, first), turn.followed, turn.frames, turn.mean, turn.worst,
              glued.mean, glued.worst, skull_px, unfollowed.mean, unfollowed.worst);
  // When this was written: the turn 5.5 degrees off on average (12.9 at worst), the skin 15.2 px from its
  // place (28.4 left unfollowed); 4.2 degrees and 15.1 px before the distance was held; with the turn's period from 1.6 to 2.4 s instead of 2, 3.8 to 7.2 degrees and 13.4 to
  // 15.7 px (the follower is chaotic). The placed pose is off, so its points' depths are: with the truth's translation
  // the turn came 4.4 degrees off; with the placement's, the turns come out a third to a half too small.
  EXPECT_EQ(turn.followed, turn.frames) << "followed in every frame";
  EXPECT_LT(turn.mean, 9.0);
  EXPECT_LT(glued.mean, 0.65 * unfollowed.mean) << "the skin followed, not left behind";
}
}  // namespace
}  // namespace smp
