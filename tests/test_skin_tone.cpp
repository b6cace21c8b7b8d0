// The skin measured on the forehead against white paper held beside the face, and the panel's
// starting shade from it: on real portraits, under changed exposure and white balance, and with the
// same faces made much darker.
#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <random>

#include <opencv2/imgcodecs.hpp>

#include "capture/opencv_picture.h"
#include "dots/consultation_store.h"
#include "record/image_file.h"
#include "scalp/design.h"
#include "scalp/starting_shade.h"
#include "test_support.h"
#include "tracking/skin_tone.h"
#include "tracking/tracker.h"

namespace smp {
namespace {

const std::filesystem::path kPortraits = std::filesystem::path(SMP_DATA_DIR) / "faces/portraits";
const char* const kFaces[] = {"biden.jpg", "obama.jpg", "obama3.jpg"};

struct Face {
  RgbaImage picture;
  Landmarks68 landmarks{};
};

// A sheet of paper under this photo's light, as a camera records it: even, with a little noise; as
// bright as paper beside these faces' lit foreheads (Obama's reaches 0.75 in red).
constexpr double kPaperLinear = 0.9;

void paste_paper(RgbaImage& picture, const PixelBox& box, double linear, int seed = 1) {
  const double srgb = linear <= 0.0031308 ? 12.92 * linear : 1.055 * std::pow(linear, 1.0 / 2.4) - 0.055;
  std::mt19937 random(seed);
  std::uniform_int_distribution<int> noise(-2, 2);
  for (int y = std::max(box.y, 0); y < std::min(box.y + box.height, picture.height); ++y)
    for (int x = std::max(box.x, 0); x < std::min(box.x + box.width, picture.width); ++x) {
      const auto level = std::uint8_t(std::clamp(int(std::lround(255.0 * srgb)) + noise(random), 0, 255));
      picture.at(x, y) = pack_rgba(level, level, level);
    }
}

class SkinToneOnPortraits : public test::TempFolderTest {
 protected:
  static void SetUpTestSuite() {
    const LandmarkPredictor predictor;
    for (const char* name : kFaces) {
      Face face;
      rgba_from_bgr(cv::imread((kPortraits / name).string()), face.picture);
      TrackerSettings settings;
      settings.camera = Intrinsics::from_horizontal_fov(face.picture.width, face.picture.height, 30.0);
      settings.smooth = false;
      Tracker tracker(predictor, settings);
      CapturedFrame frame;
      frame.picture = face.picture;
      const TrackedFace tracked = tracker.track(frame);
      ASSERT_TRUE(tracked.found) << name;
      face.landmarks = tracked.landmarks;
      faces_[name] = std::move(face);
    }
  }
  static Face with_paper(const Face& face, double linear = kPaperLinear) {
    Face out = face;
    paste_paper(out.picture, white_card_boxes(face.landmarks)[1], linear);
    return out;
  }
  static SkinTone measured(const Face& face) {
    const SkinMeasurement m = measure_skin_tone(face.picture, face.landmarks);
    EXPECT_TRUE(m.tone) << m.problem;
    return m.tone.value_or(SkinTone{});
  }
  static inline std::map<std::string, Face> faces_;
};

// The clinic's light, the camera's exposure and its white balance change the picture, not the skin:
// the paper in the same picture changes with them, and the measured skin stays. A calibration kept
// from an earlier picture (the paper's colour fixed, the camera's automatic exposure and white balance
// moving) would not: it is measured too, to show what the paper in the picture is for.
TEST_F(SkinToneOnPortraits, WhitePaperInThePictureCancelsTheLightExposureAndWhiteBalance) {
  const std::pair<const char*, glm::dvec3> kCameras[] = {
      {"half the exposure", glm::dvec3(0.5)}, {"warm white balance", {1.0, 0.7, 0.42}}, {"cool white balance", {0.52, 0.7, 1.0}}};
  constexpr double kHeldDeg = 1.5;
  for (const char* name : kFaces) {
    const Face face = with_paper(faces_[name]);
    const SkinTone original = measured(face);
    // The paper's level is made up, so the ITA itself means nothing here: only whether it holds.
    std::printf("%-11s ITA with the made-up paper %5.1f deg\n", name, original.ita_deg);
    for (const auto& [camera, gain] : kCameras) {
      Face changed = face;
      changed.picture = test::times_linear_light(face.picture, gain);
      const SkinTone with_paper_seen = measured(changed);
      Face fixed_calibration = changed;
      paste_paper(fixed_calibration.picture, white_card_boxes(face.landmarks)[1], kPaperLinear);
      const SkinTone with_old_paper = measured(fixed_calibration);
      std::printf("  %-19s moves it by %+5.1f deg with the paper in the picture, %+5.1f with a calibration kept from before\n",
                  camera, with_paper_seen.ita_deg - original.ita_deg, with_old_paper.ita_deg - original.ita_deg);
      EXPECT_NEAR(with_paper_seen.ita_deg, original.ita_deg, kHeldDeg) << name << ", " << camera;
      EXPECT_NEAR(starting_shade(with_paper_seen.ita_deg), starting_shade(original.ita_deg), 0.02) << name << ", " << camera;
      EXPECT_GT(std::abs(with_old_paper.ita_deg - original.ita_deg), 1.5 * kHeldDeg) << name << ", " << camera;
    }
  }
}

// A known skin under the photo's light: the forehead's band painted with a reflectance lit as the
// paper is. The measured reflectance is the painted one, and darker skins fall into darker categories.
TEST_F(SkinToneOnPortraits, MeasuresAKnownReflectanceAndOrdersTheCategories) {
  // Forehead reflectances in linear RGB, from fair to very dark skin (ratios as melanin absorbs: most
  // in blue, least in red).
  const glm::dvec3 kSkins[] = {{0.62, 0.47, 0.40}, {0.50, 0.34, 0.26}, {0.38, 0.23, 0.16}, {0.22, 0.12, 0.08}, {0.10, 0.05, 0.032}};
  const Face& face = faces_["obama.jpg"];
  int previous_category = 0;
  double previous_shade = 0.0;
  for (const glm::dvec3& skin : kSkins) {
    Face painted = with_paper(face);
    // The band's pixels: every pixel above the brows up to the hairline's height, inside the face's width.
    const glm::dvec3 lit = skin * (kPaperLinear / kPaperReflectance);
    const double srgb[3] = {std::pow(lit.r, 1.0 / 2.4), std::pow(lit.g, 1.0 / 2.4), std::pow(lit.b, 1.0 / 2.4)};
    const Landmarks68& l = face.landmarks;
    const double eye_distance = glm::length(l[45] - l[36]);
    for (int y = int(l[19].y - eye_distance); y < int(std::min(l[19].y, l[24].y)); ++y)
      for (int x = int(l[17].x); x <= int(l[26].x); ++x)
        painted.picture.at(x, y) = pack_rgba(std::uint8_t(std::lround(255.0 * (1.055 * srgb[0] - 0.055))),
                                             std::uint8_t(std::lround(255.0 * (1.055 * srgb[1] - 0.055))),
                                             std::uint8_t(std::lround(255.0 * (1.055 * srgb[2] - 0.055))));
    const SkinTone tone = measured(painted);
    std::printf("skin %.2f %.2f %.2f: measured %.3f %.3f %.3f, ITA %5.1f deg, %s: starting shade %.2f\n", skin.r, skin.g, skin.b,
                tone.reflectance.r, tone.reflectance.g, tone.reflectance.b, tone.ita_deg, ita_category_name(tone.category),
                starting_shade(tone.ita_deg));
    for (int c = 0; c < 3; ++c) EXPECT_NEAR(tone.reflectance[c], skin[c], 0.03 * skin[c] + 0.002) << "channel " << c;
    EXPECT_GT(tone.category, previous_category);
    EXPECT_GT(starting_shade(tone.ita_deg), previous_shade);
    previous_category = tone.category;
    previous_shade = starting_shade(tone.ita_deg);
  }
  EXPECT_EQ(previous_category, 6) << "the darkest skin is in the darkest category";
}

// The same faces much darker (the paper unchanged): darker categories, and a darker starting shade.
TEST_F(SkinToneOnPortraits, DarkerSkinMeasuresDarkerAndStartsFromADarkerShade) {
  for (const char* name : kFaces) {
    const SkinTone light = measured(with_paper(faces_[name]));
    Face darker = faces_[name];
    darker.picture = test::times_linear_light(darker.picture, test::kDarkOverLightSkin);
    const SkinTone dark = measured(with_paper(darker));
    std::printf("%-11s much darker skin: ITA %+5.1f deg, %+d categories, starting shade %+.2f\n", name, dark.ita_deg - light.ita_deg,
                dark.category - light.category, starting_shade(dark.ita_deg) - starting_shade(light.ita_deg));
    EXPECT_LT(dark.ita_deg, light.ita_deg - 25.0) << name;
    EXPECT_GE(dark.category, std::min(6, light.category + 2)) << name;
    EXPECT_GT(starting_shade(dark.ita_deg), starting_shade(light.ita_deg) + 0.15) << name;
  }
}

// Without usable paper there is no measurement, and the practitioner is told why and what to do.
// Not obama3.jpg: a plain pale wall beside the face passes for paper there (its cream wall measures
// ITA 21), which is why the panel says where it measured.
TEST_F(SkinToneOnPortraits, SaysWhyWhenThereIsNoUsablePaper) {
  for (const char* name : {"biden.jpg", "obama.jpg"}) {
    const SkinMeasurement none = measure_skin_tone(faces_[name].picture, faces_[name].landmarks);
    EXPECT_FALSE(none.tone) << name << ": ITA " << none.tone.value_or(SkinTone{}).ita_deg;
    EXPECT_NE(none.problem.find("white paper"), std::string::npos) << name << ": " << none.problem;
  }
  const Face& face = faces_["obama.jpg"];
  const SkinMeasurement overexposed = measure_skin_tone(with_paper(face, 1.0).picture, face.landmarks);
  EXPECT_FALSE(overexposed.tone);
  EXPECT_NE(overexposed.problem.find("overexposed"), std::string::npos) << overexposed.problem;
  // Paper in the shade, darker than the forehead: its colour says nothing of the forehead's light.
  const SkinMeasurement shaded = measure_skin_tone(with_paper(face, 0.08).picture, face.landmarks);
  EXPECT_FALSE(shaded.tone);
  EXPECT_NE(shaded.problem.find("darker than the forehead"), std::string::npos) << shaded.problem;
  // The face's top cut off by the picture's edge.
  Landmarks68 raised = face.landmarks;
  const double top = raised[19].y - 5.0;
  for (glm::dvec2& p : raised) p.y -= top;
  const SkinMeasurement cut = measure_skin_tone(with_paper(face).picture, raised);
  EXPECT_FALSE(cut.tone);
  EXPECT_NE(cut.problem.find("forehead"), std::string::npos) << cut.problem;
}

// The practitioner's way: Measure skin in the mirror's panel, then Use shade, then Save: the saved
// design starts from the shade for the skin measured here. And the same from a photo on the command line.
TEST_F(SkinToneOnPortraits, ThePanelAndTheCommandLineStartFromTheSuggestedShade) {
  const Face face = with_paper(faces_["obama.jpg"]);
  const double expected = starting_shade(measured(face).ita_deg);
  const std::filesystem::path photo = folder_ / "with_paper.png", data = folder_ / "data";
  write_image(face.picture, photo);
  std::ofstream(folder_ / "script.txt") << "15 measure-skin\n17 use-shade\n18 save Skin Test\n19 quit\n";
  const test::CommandResult live = test::smpview_with_environment(
      "xvfb-run -a -s '-screen 0 640x480x24' env",
      "live --input " + photo.string() + " --max-density 20 --data-dir " + data.string() + " --script " + (folder_ / "script.txt").string());
  ASSERT_EQ(live.exit_code, 0) << live.output;
  const double saved = ConsultationStore(data).open_latest("Skin Test").shade;
  std::printf("suggested shade %.3f; saved from the panel %.3f\n", expected, saved);
  // Tracking the photo in the mirror may place the landmarks a pixel apart. (Measured at once, on
  // the first frames, the landmarks are still settling.)
  EXPECT_NEAR(saved, expected, 0.02) << live.output;
  EXPECT_GT(std::abs(saved - SmpDesign{}.shade), 0.1) << "the default shade was kept";

  const test::CommandResult render =
      test::smpview("render --input " + photo.string() + " --shade-from-skin --output " + (folder_ / "out.png").string());
  ASSERT_EQ(render.exit_code, 0) << render.output;
  EXPECT_NE(render.output.find("start from shade"), std::string::npos) << render.output;
  const test::CommandResult no_paper = test::smpview("render --input " + (kPortraits / "biden.jpg").string() +
                                                     " --shade-from-skin --output " + (folder_ / "out.png").string());
  ASSERT_EQ(no_paper.exit_code, 0) << no_paper.output;
  EXPECT_NE(no_paper.output.find("No white paper beside the face"), std::string::npos) << no_paper.output;
  EXPECT_NE(no_paper.output.find("shade is kept"), std::string::npos) << no_paper.output;
  EXPECT_EQ(test::smpview("render --input demo --shade-from-skin --output " + (folder_ / "out.png").string()).exit_code, 2);
}

TEST(StartingShade, DarkerSkinStartsDarkerAndTheDefaultSitsMidway) {
  double previous = 1.0;
  for (double ita = -60.0; ita <= 80.0; ita += 1.0) {
    const double shade = starting_shade(ita);
    EXPECT_LE(shade, previous) << "ITA " << ita;
    EXPECT_GE(shade, 0.2);
    EXPECT_LE(shade, 0.9);
    previous = shade;
  }
  for (int category = 1; category <= 6; ++category) {
    constexpr double kMiddles[] = {70.0, 48.0, 34.5, 19.0, -10.0, -45.0};
    std::printf("%-12s (about type %-3s): starting shade %.2f\n", ita_category_name(category), fitzpatrick_type(category),
                starting_shade(kMiddles[category - 1]));
  }
  EXPECT_NEAR(starting_shade(28.0), SmpDesign{}.shade, 0.05) << "the default design's shade: intermediate to tan skin";
}

}  // namespace
}  // namespace smp
