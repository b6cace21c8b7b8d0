// `smpview render` end to end, as a person runs it: exit codes, messages, output files.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "app/demo_scene.h"
#include "record/image_file.h"
#include "labelled_heads.h"
#include "test_support.h"

namespace smp {
namespace {

namespace fs = std::filesystem;
using test::CommandResult;
using test::smpview;
using test::smpview_with_environment;

std::string read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

using RenderCommand = test::TempFolderTest;

TEST_F(RenderCommand, WritesTheDemoPictureAndSaysWhere) {
  const fs::path out = folder_ / "demo.png";
  // From the filesystem root: the shaders are inside the binary, nothing is looked up beside it.
  const CommandResult run = smpview_with_environment(
      "cd / &&", "render --input demo --output " + out.string() + " --size 320x180 --yaw 20 --pitch -25");
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("wrote " + out.string()), std::string::npos) << run.output;
  EXPECT_EQ(run.output.find("validation"), std::string::npos) << run.output;
  const RgbaImage picture = read_image(out);
  EXPECT_EQ(picture.width, 320);
  EXPECT_EQ(picture.height, 180);
}

TEST_F(RenderCommand, SameArgumentsSameBytes) {
  const std::string args = " --size 200x150 --density 100 --dot-mm 0.6 --shade 0.8 --roll 10";
  ASSERT_EQ(smpview("render --output " + (folder_ / "a.png").string() + args + " --seed 3").exit_code, 0);
  ASSERT_EQ(smpview("render --output " + (folder_ / "b.png").string() + args + " --seed 3").exit_code, 0);
  const std::string a = read_bytes(folder_ / "a.png");
  EXPECT_GT(a.size(), 1000u);
  EXPECT_EQ(a, read_bytes(folder_ / "b.png"));
  // And a different seed is a different field.
  ASSERT_EQ(smpview("render --output " + (folder_ / "c.png").string() + args + " --seed 4").exit_code, 0);
  EXPECT_NE(a, read_bytes(folder_ / "c.png"));
}

TEST_F(RenderCommand, DesignFileGivesTheSamePictureAsItsFlags) {
  const fs::path design = folder_ / "patient.json";
  std::ofstream(design) << R"({"version": 1, "density_per_cm2": 40, "shade": 0.8, "session": 2,
                               "hairline_height_mm": 72, "softness_mm": 6, "hairline_shape": "frontal_peak"})";
  const std::string common = " --size 160x120 --pitch -30";
  ASSERT_EQ(smpview("render --output " + (folder_ / "file.png").string() + common + " --design " + design.string()).exit_code, 0);
  ASSERT_EQ(smpview("render --output " + (folder_ / "flags.png").string() + common +
                    " --density 40 --shade 0.8 --session 2 --hairline-mm 72 --softness-mm 6 --hairline-shape peak")
                .exit_code,
            0);
  EXPECT_EQ(read_bytes(folder_ / "file.png"), read_bytes(folder_ / "flags.png"));
  // A flag overrides the file's field; the file's other fields stay.
  ASSERT_EQ(smpview("render --output " + (folder_ / "override.png").string() + common + " --design " +
                    design.string() + " --shade 0.2").exit_code, 0);
  ASSERT_EQ(smpview("render --output " + (folder_ / "override_flags.png").string() + common +
                    " --density 40 --shade 0.2 --session 2 --hairline-mm 72 --softness-mm 6 --hairline-shape peak")
                .exit_code,
            0);
  EXPECT_EQ(read_bytes(folder_ / "override.png"), read_bytes(folder_ / "override_flags.png"));
  EXPECT_NE(read_bytes(folder_ / "override.png"), read_bytes(folder_ / "file.png"));
}

TEST_F(RenderCommand, TheDemoSideBySideIsTheHeadWithoutDotsThenTheSamePicture) {
  const std::string common = " --size 200x150 --pitch -30 --shade 1";
  ASSERT_EQ(smpview("render --output " + (folder_ / "after.png").string() + common).exit_code, 0);
  const CommandResult run = smpview("render --side-by-side --output " + (folder_ / "both.png").string() + common);
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("400x150, before | after"), std::string::npos) << run.output;
  const RgbaImage after = read_image(folder_ / "after.png"), both = read_image(folder_ / "both.png");
  ASSERT_EQ(both.width, 400);
  ASSERT_EQ(both.height, 150);
  size_t differ = 0;
  for (int y = 0; y < after.height; ++y)
    for (int x = 0; x < after.width; ++x) {
      ASSERT_EQ(both.at(200 + x, y), after.at(x, y)) << "the right half is the picture itself";
      const std::uint32_t before = both.at(x, y), inked = after.at(x, y);
      differ += before != inked;
      for (int c = 0; c < 3; ++c) ASSERT_GE(channel(before, c), channel(inked, c)) << "the left half has no ink";
    }
  EXPECT_GT(differ, 200u) << "the dots show on the right only";
  // The demo as a video has no before.
  EXPECT_EQ(smpview("render --side-by-side --output " + (folder_ / "x.mp4").string()).exit_code, 2);
}

TEST_F(RenderCommand, ANearerDemoHeadIsACloseUp) {
  // The head's skin (not the backdrop, the picture's corner colour) fills more of a nearer camera's picture.
  const auto skin_share = [&](const std::string& distance) {
    const fs::path out = folder_ / ("at" + distance + ".png");
    EXPECT_EQ(smpview("render --size 160x90 --pitch -30 --distance-mm " + distance + " --output " + out.string()).exit_code, 0);
    const RgbaImage picture = read_image(out);
    size_t skin = 0;
    for (const std::uint32_t p : picture.pixels) skin += p != picture.pixels.front();
    return double(skin) / double(picture.pixels.size());
  };
  const double near = skin_share("300"), usual = skin_share("600");
  EXPECT_GT(near, 1.5 * usual);
  EXPECT_EQ(smpview("render --distance-mm 50 --output " + (folder_ / "x.png").string()).exit_code, 2);
}

TEST_F(RenderCommand, HairlineHeightMovesTheLineUpTheForeheadOnly) {
  // From the front, head slightly bowed: a lower hairline inks more forehead, and nothing else changes.
  const std::string common = " --size 320x240 --pitch -20 --shade 1";
  ASSERT_EQ(smpview("render --output " + (folder_ / "low.png").string() + common + " --hairline-mm 65").exit_code, 0);
  ASSERT_EQ(smpview("render --output " + (folder_ / "high.png").string() + common + " --hairline-mm 95").exit_code, 0);
  const RgbaImage low = read_image(folder_ / "low.png"), high = read_image(folder_ / "high.png");
  const HeadPose pose = demo_pose(-20, 0, 0);
  const Intrinsics camera = demo_intrinsics(320, 240);
  auto row_of = [&](const glm::vec3& head_point) {
    return camera.project(pose.rotation() * glm::dvec3(head_point) + pose.translation_mm).y;
  };
  const double brow_row = row_of(demo_head::kGlabella), top_row = row_of(demo_head::kVertex);
  size_t changed = 0, changed_elsewhere = 0;
  for (int y = 0; y < low.height; ++y)
    for (int x = 0; x < low.width; ++x) {
      if (low.at(x, y) == high.at(x, y)) continue;
      ++changed;
      changed_elsewhere += y > brow_row || y < top_row - 2;
      for (int c = 0; c < 3; ++c) ASSERT_LE(channel(low.at(x, y), c), channel(high.at(x, y), c)) << "more ink, never less";
    }
  EXPECT_GT(changed, 300u);
  EXPECT_EQ(changed_elsewhere, 0u) << "only between the eyebrows and the top of the head";
}

TEST_F(RenderCommand, BadDesignFileIsABadArgumentNamingTheField) {
  const fs::path design = folder_ / "broken.json";
  std::ofstream(design) << R"({"version": 1, "shade": 7})";
  const CommandResult run = smpview("render --output " + (folder_ / "x.png").string() + " --design " + design.string());
  EXPECT_EQ(run.exit_code, 2) << run.output;
  EXPECT_NE(run.output.find("shade: 7 is outside 0..1"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("broken.json"), std::string::npos) << run.output;
  EXPECT_FALSE(fs::exists(folder_ / "x.png"));
  EXPECT_EQ(smpview("render --output " + (folder_ / "x.png").string() + " --design " + (folder_ / "none.json").string())
                .exit_code,
            2);
}

TEST_F(RenderCommand, MissingOutputFolderIsABadArgument) {
  const CommandResult run = smpview("render --output " + (folder_ / "no/such/folder/x.png").string());
  EXPECT_EQ(run.exit_code, 2) << run.output;
  EXPECT_NE(run.output.find("does not exist"), std::string::npos) << run.output;
}

TEST_F(RenderCommand, UnknownOptionIsABadArgument) {
  const CommandResult run = smpview("render --output " + (folder_ / "x.png").string() + " --colour red");
  EXPECT_EQ(run.exit_code, 2) << run.output;
  EXPECT_NE(run.output.find("--colour"), std::string::npos) << run.output;
}

TEST_F(RenderCommand, ImpossibleSizesAreBadArguments) {
  for (const std::string size : {"0x0", "99999x100", "640", "wide", "640x-1", "8x8"}) {
    const CommandResult run = smpview("render --output " + (folder_ / "x.png").string() + " --size " + size);
    EXPECT_EQ(run.exit_code, 2) << size << ": " << run.output;
    EXPECT_NE(run.output.find("--size"), std::string::npos) << run.output;
    EXPECT_FALSE(fs::exists(folder_ / "x.png"));
  }
}

TEST_F(RenderCommand, OutOfRangeDesignValuesAreBadArguments) {
  for (const std::string option : {"--density 0", "--density 5000", "--dot-mm 0", "--dot-mm 9", "--shade 1.5",
                                   "--shade -1", "--pitch 100", "--density lots", "--hairline-mm 30",
                                   "--softness-mm 0", "--hairline-shape wavy", "--coverage none"}) {
    const CommandResult run = smpview("render --output " + (folder_ / "x.png").string() + " " + option);
    EXPECT_EQ(run.exit_code, 2) << option << ": " << run.output;
  }
}

TEST_F(RenderCommand, UnwritableOrWrongOutputIsABadArgument) {
  EXPECT_EQ(smpview("render --output " + (folder_ / "x.gif").string()).exit_code, 2);
  EXPECT_EQ(smpview("render --output " + folder_.string() + "/").exit_code, 2);
  EXPECT_EQ(smpview("render").exit_code, 2);  // --output is required
}

TEST_F(RenderCommand, UnknownDeviceFailsWithOneClearLine) {
  const CommandResult run = smpview("render --output " + (folder_ / "x.png").string() + " --device NoSuchGpu9000");
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_NE(run.output.find("NoSuchGpu9000"), std::string::npos) << run.output;
  EXPECT_FALSE(fs::exists(folder_ / "x.png"));
}

TEST_F(RenderCommand, NoVulkanDeviceFailsWithOneClearLine) {
  // Point the Vulkan loader at a driver list that does not exist: the machine has no device at all.
  const CommandResult run =
      smpview_with_environment("VK_ICD_FILENAMES=/nonexistent/icd.json VK_DRIVER_FILES=/nonexistent/icd.json",
                               "render --output " + (folder_ / "x.png").string());
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_NE(run.output.find("no Vulkan 1.3 device"), std::string::npos) << run.output;
  EXPECT_FALSE(fs::exists(folder_ / "x.png"));
}

TEST_F(RenderCommand, AVideoInputNeedsAnMp4Output) {
  const CommandResult run = smpview("render --input /tmp/nothing.mp4 --output " + (folder_ / "x.png").string());
  EXPECT_EQ(run.exit_code, 2) << run.output;
  EXPECT_NE(run.output.find("--output: '" + (folder_ / "x.png").string() + "' must end in .mp4"), std::string::npos) << run.output;
}


}  // namespace
}  // namespace smp

namespace smp {
namespace {

// The first of the clinic's scalp photos whose file name has `view_word` ("Back", "Top-Down", ...).
fs::path scalp_photo(const std::string& view_word) {
  std::vector<fs::path> photos;
  for (const auto& entry : fs::directory_iterator(fs::path(SMP_DATA_DIR) / "scalps"))
    if (entry.path().filename().string().find("-" + view_word + "_") != std::string::npos) photos.push_back(entry.path());
  std::sort(photos.begin(), photos.end());
  return photos.empty() ? fs::path() : photos.front();
}

double share_changed(const RgbaImage& a, const RgbaImage& b) {
  std::size_t changed = 0;
  for (std::size_t i = 0; i < a.pixels.size(); ++i) changed += a.pixels[i] != b.pixels[i];
  return double(changed) / double(a.pixels.size());
}

// A back view's colours do not surely say it is one (view_guess.h): without --view it is written without
// dots, and the line asks for the view; a profile's do, and it is drawn on in that view.
TEST_F(RenderCommand, APhotoWithoutAFaceIsDrawnOnInTheViewGivenOrSurelyGuessedAndAsksForItOtherwise) {
  const fs::path photo = scalp_photo("Back");
  ASSERT_FALSE(photo.empty());
  const RgbaImage input = read_image(photo);
  const fs::path plain = folder_ / "plain.png", back = folder_ / "back.png";
  const CommandResult without_view = smpview("render --input " + photo.string() + " --output " + plain.string());
  ASSERT_EQ(without_view.exit_code, 0) << without_view.output;
  EXPECT_NE(without_view.output.find("no face found"), std::string::npos) << without_view.output;
  EXPECT_NE(without_view.output.find("--view"), std::string::npos) << without_view.output;
  EXPECT_EQ(share_changed(read_image(plain), input), 0.0);
  EXPECT_NE(without_view.output.find("not sure"), std::string::npos) << without_view.output;

  const CommandResult with_view = smpview("render --input " + photo.string() + " --view back --output " + back.string());
  ASSERT_EQ(with_view.exit_code, 0) << with_view.output;
  EXPECT_NE(with_view.output.find("seen from the back as given"), std::string::npos) << with_view.output;
  EXPECT_EQ(with_view.output.find("no face found"), std::string::npos) << with_view.output;
  EXPECT_GT(share_changed(read_image(back), input), 0.1);

  const fs::path profile = scalp_photo("Left"), guessed = folder_ / "guessed.png";
  ASSERT_FALSE(profile.empty());
  const CommandResult left = smpview("render --input " + profile.string() + " --output " + guessed.string());
  ASSERT_EQ(left.exit_code, 0) << left.output;
  EXPECT_NE(left.output.find("seen from the left (sure"), std::string::npos) << left.output;
  EXPECT_NE(left.output.find("as its colours suggest"), std::string::npos) << left.output;
  EXPECT_GT(share_changed(read_image(guessed), read_image(profile)), 0.1);
}

TEST_F(RenderCommand, APictureWithNoHeadInItSaysSoAndIsWrittenWithoutDots) {
  // Sky over a field: no skin, no hair.
  RgbaImage landscape(320, 240);
  for (int y = 0; y < landscape.height; ++y)
    for (int x = 0; x < landscape.width; ++x)
      landscape.at(x, y) = y < 100 + 10 * std::sin(x / 25.0) ? 0xffe6b478u - 0x100u * std::uint32_t(y / 4) : 0xff3c8c28u + 0x100u * std::uint32_t((x * 7 + y * 3) % 30);
  const fs::path input = folder_ / "landscape.png", output = folder_ / "out.png";
  write_image(landscape, input);
  const CommandResult run = smpview("render --input " + input.string() + " --view top --output " + output.string());
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("no head found"), std::string::npos) << run.output;
  EXPECT_EQ(share_changed(read_image(output), landscape), 0.0);
}

TEST_F(RenderCommand, TheViewIsOneOfTheFiveAndOnlyForAPhoto) {
  const fs::path out = folder_ / "x.png";
  const CommandResult demo = smpview("render --view top --output " + out.string());
  EXPECT_EQ(demo.exit_code, 2);
  EXPECT_NE(demo.output.find("--view"), std::string::npos) << demo.output;
  const CommandResult video = smpview("render --input " + (folder_ / "in.mp4").string() + " --view top --output " + (folder_ / "x.mp4").string());
  EXPECT_EQ(video.exit_code, 2);
  EXPECT_NE(video.output.find("--view"), std::string::npos) << video.output;
  const CommandResult side = smpview("render --input " + scalp_photo("Left").string() + " --view side --output " + out.string());
  EXPECT_EQ(side.exit_code, 2);
  EXPECT_NE(side.output.find("front,left,right,top,back"), std::string::npos) << side.output;
  EXPECT_FALSE(fs::exists(out));
}


// The practitioner's marked points (--points) place the head in a photo without a view; a file that
// cannot pin a pose is refused with the reason, and nothing is written.
TEST_F(RenderCommand, MarkedPointsPlaceAPhotosHeadAndBadOnesAreRefused) {
  const nlohmann::json label = test::read_json(fs::path(SMP_SOURCE_DIR) / "tests/data/scalp_outlines/16-Left_2bf885.json");
  const fs::path photo = fs::path(SMP_DATA_DIR) / label.at("source").get<std::string>();
  const RgbaImage input = read_image(photo);
  const auto points_file = [&](const std::string& name, const std::string& text) {
    const fs::path file = folder_ / name;
    std::ofstream(file) << text;
    return file;
  };
  const fs::path marked = points_file("marked.json", label.at("points").dump()), out = folder_ / "marked.png";
  const CommandResult run = smpview("render --input " + photo.string() + " --points " + marked.string() + " --output " + out.string());
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("placed by 6 marked points"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("seen from the left"), std::string::npos) << run.output;
  EXPECT_GT(share_changed(read_image(out), input), 0.05);

  const std::pair<std::string, std::string> refused[] = {
      {R"({"nasion": [100, 100], "forehead": [120, 80], "chin": [100, 300]})", "\"forehead\" is not a point we know"},
      {R"({"nasion": [100, 100], "chin": [100, 300]})", "at least 3"},
      {R"({"nasion": [100, 100], "chin": [100, 300], "nape": [700, 300]})", "lies outside the picture (640x640)"},
  };
  const fs::path none = folder_ / "none.png";
  for (const auto& [text, reason] : refused) {
    const CommandResult bad = smpview("render --input " + photo.string() + " --points " +
                                      points_file("bad.json", text).string() + " --output " + none.string());
    EXPECT_EQ(bad.exit_code, 2) << bad.output;
    EXPECT_NE(bad.output.find("--points"), std::string::npos) << bad.output;
    EXPECT_NE(bad.output.find(reason), std::string::npos) << bad.output;
  }
  const CommandResult demo = smpview("render --points " + marked.string() + " --output " + none.string());
  EXPECT_EQ(demo.exit_code, 2) << demo.output;
  EXPECT_NE(demo.output.find("--points: for a photo"), std::string::npos) << demo.output;
  const CommandResult video = smpview("render --input " + (fs::path(SMP_DATA_DIR) / "video/capture4.mp4").string() +
                                      " --points " + marked.string() + " --output " + (folder_ / "x.mp4").string());
  EXPECT_EQ(video.exit_code, 2) << video.output;
  EXPECT_NE(video.output.find("--points: for a photo"), std::string::npos) << video.output;
  for (const fs::path& unreadable : {folder_ / "missing.json", folder_}) {
    const CommandResult missing = smpview("render --input " + photo.string() + " --points " + unreadable.string() +
                                          " --output " + none.string());
    EXPECT_EQ(missing.exit_code, 2) << missing.output;
    EXPECT_NE(missing.output.find("cannot be read"), std::string::npos) << missing.output;
  }
  EXPECT_FALSE(fs::exists(none));
  EXPECT_FALSE(fs::exists(folder_ / "x.mp4"));
}

}  // namespace
}  // namespace smp
