// The camera options every command shares (app/camera_options.h): which lens setting wins, and one
// clear line with exit code 2 from each command for a calibration or webcam size that cannot be used.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "app/camera_options.h"
#include "app/command_line.h"
#include "test_support.h"

namespace smp {
namespace {

namespace fs = std::filesystem;
using test::CommandResult;
using test::smpview;
const fs::path kData = SMP_DATA_DIR;

using CameraOptionsTest = test::TempFolderTest;

TEST_F(CameraOptionsTest, CalibrationThenFocalLengthThenFieldOfView) {
  CameraOptions o;
  const Intrinsics by_fov = camera_intrinsics(o, 450, 450);
  EXPECT_NEAR(by_fov.fx, Intrinsics::from_horizontal_fov(450, 450, kDefaultCameraFovDeg).fx, 1e-9);
  o.fov_deg = 90.0;
  EXPECT_NEAR(camera_intrinsics(o, 450, 450).fx, 225.0, 1e-9) << "a 90 degree view is twice the focal length wide";
  o.focal_px = 800.0;
  EXPECT_EQ(camera_intrinsics(o, 450, 450).fx, 800.0);
  EXPECT_EQ(camera_intrinsics(o, 450, 450).fy, 800.0);
  o.calibration = (folder_ / "camera.yml").string();
  test::write_calibration(o.calibration);
  EXPECT_NEAR(camera_intrinsics(o, 450, 450).fx, 600.0, 1e-9) << "the calibration, scaled to the picture, wins";
}

TEST_F(CameraOptionsTest, TheCalibrationFileIsReadOnceWhenTheOptionsAreCheckedAndCarriedOn) {
  CameraOptions o;
  o.calibration = (folder_ / "camera.yml").string();
  test::write_calibration(o.calibration);
  const CameraOptions checked = checked_camera_options(o);
  ASSERT_TRUE(checked.calibrated.has_value());
  // Changed on disk after the check (a person editing it while the mirror runs): the command goes on
  // with the lens it checked, at every picture size.
  std::ofstream(o.calibration) << "not a calibration any more\n";
  EXPECT_NEAR(camera_intrinsics(checked, 450, 450).fx, 600.0, 1e-9);
  EXPECT_NEAR(camera_intrinsics(checked, 900, 900).fx, 1200.0, 1e-9);
  EXPECT_THROW(checked_camera_options(o), BadArgument) << "read again, it is refused";
}

TEST_F(CameraOptionsTest, AWebcamIsAskedForTheGivenSizeAndRate) {
  CameraOptions o;
  o.device = 2;
  o.size = "1920x1080";
  o.fps = 60.0;
  const CameraSettings s = webcam_settings(o);
  EXPECT_EQ(s.device, 2);
  EXPECT_EQ(s.width, 1920);
  EXPECT_EQ(s.height, 1080);
  EXPECT_EQ(s.fps, 60.0);
  o.size = "1920by1080";
  try {
    webcam_settings(o);
    ADD_FAILURE() << "a size that is not WxH was taken";
  } catch (const BadArgument& e) {
    EXPECT_NE(std::string(e.what()).find("--camera-size"), std::string::npos) << e.what();
  }
}

// Every command that looks at a person takes the lens options, and stops at a broken calibration with
// exit 2 and the file named, before it opens a window or writes anything.
TEST_F(CameraOptionsTest, EveryCommandRefusesABrokenCalibrationByName) {
  const fs::path broken = folder_ / "broken.yml";
  std::ofstream(broken) << "%YAML:1.0\n---\nfocal: 3\n";
  const std::string photo = (kData / "faces/aflw2000/image00081.jpg").string();
  const std::string out = (folder_ / "out").string();
  const std::string lens = " --calibration " + broken.string();
  for (const std::string& command :
       {"track --input " + photo + " --output " + out + ".jsonl", "render --input " + photo + " --output " + out + ".png",
        "sheet --input " + photo + " --output " + out + ".pdf", "live --input " + photo,
        "kiosk --windowed --input " + photo + " --log-dir " + folder_.string()}) {
    const CommandResult run = smpview(command + lens);
    EXPECT_EQ(run.exit_code, 2) << command << "\n" << run.output;
    EXPECT_NE(run.output.find("--calibration: " + broken.string() + ": camera_matrix: missing"), std::string::npos)
        << command << "\n" << run.output;
  }
  for (const auto& entry : fs::directory_iterator(folder_))
    EXPECT_EQ(entry.path().filename().string().rfind("out", 0), std::string::npos) << "written: " << entry.path();
  const CommandResult size = smpview("live --input " + photo + " --camera-size 1280");
  EXPECT_EQ(size.exit_code, 2) << size.output;
  EXPECT_NE(size.output.find("--camera-size: '1280' is not WIDTHxHEIGHT"), std::string::npos) << size.output;
}

}  // namespace
}  // namespace smp
