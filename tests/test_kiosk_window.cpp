// The kiosk on a virtual display (xvfb-run), fed a video cut by the test: a stretch with nobody (a
// photo of dogs), a stretch with a face (capture4.mp4), nobody again, looped. It shows the attract
// screen, starts the preview when the face has been there a second, forgets the person after the
// timeout; refuses to close, and stays open on a real Esc key press; opens only to the right PIN; stops with status 0 on SIGTERM; and writes
// nothing but its log.
#include <gtest/gtest.h>

#include <cstring>
#include <fstream>
#include <sstream>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "app/kiosk_pin.h"
#include "capture/frame_source.h"
#include "record/image_file.h"
#include "record/video_writer.h"
#include "test_support.h"

namespace smp {
namespace {

namespace fs = std::filesystem;
using test::CommandResult;

constexpr double kFps = 20.0;

RgbaImage dogs_picture(int width, int height) {
  cv::Mat bgr = cv::imread((fs::path(SMP_DATA_DIR) / "faces/dlib/dogs.jpg").string()), sized, rgba;
  cv::resize(bgr, sized, cv::Size(width, height), 0, 0, cv::INTER_AREA);
  cv::cvtColor(sized, rgba, cv::COLOR_BGR2RGBA);
  RgbaImage out(width, height);
  std::memcpy(out.pixels.data(), rgba.data, out.pixels.size() * 4);
  return out;
}

// 1.5 s nobody, 6 s a face, 5 s nobody: 12.5 s, played in a loop by the kiosk.
fs::path visit_video(const fs::path& folder) {
  const fs::path path = folder / "visit.mp4";
  const auto face = open_video_file(fs::path(SMP_DATA_DIR) / "video/capture4.mp4");
  CapturedFrame frame;
  EXPECT_EQ(face->read(frame), SourceStatus::kFrame);
  const RgbaImage nobody = dogs_picture(frame.picture.width, frame.picture.height);
  VideoWriter video(path, {.width = frame.picture.width, .height = frame.picture.height, .fps = kFps});
  int n = 0;
  const auto put = [&](const RgbaImage& picture) { video.write(picture, 1000.0 * n++ / kFps); };
  for (int i = 0; i < 30; ++i) put(nobody);
  for (int i = 0; i < 120 && face->read(frame) == SourceStatus::kFrame; ++i) put(frame.picture);
  for (int i = 0; i < 100; ++i) put(nobody);
  video.finish();
  return path;
}

class KioskWindow : public test::TempFolderTest {
 protected:
  void SetUp() override {
    TempFolderTest::SetUp();
    video_ = visit_video(folder_);
    std::ofstream(folder_ / "kiosk.json") << R"({"forget_after_s": 2, "face_confirm_s": 1, "pin_hash": ")" << hash_pin("4711") << "\"}";
  }
  // Runs the kiosk with a fresh home folder (no XDG variables) from the test's folder; `then` runs
  // beside it in the same shell, with $pid the kiosk's.
  CommandResult run_kiosk(const std::string& script, const std::string& then) {
    std::ofstream(folder_ / "script.txt") << script;
    std::ostringstream command;  // (an ostringstream: GCC 12 warns falsely on long chains of string +)
    command << "cd " << folder_.string() << " && env -u XDG_CONFIG_HOME -u XDG_STATE_HOME -u XDG_DATA_HOME HOME="
            << (folder_ / "home").string() << " xvfb-run -a -s '-screen 0 1280x720x24' sh -c 'SMPVIEW_VALIDATION=1 "
            << SMPVIEW_BINARY << " kiosk --config kiosk.json --input visit.mp4 --script script.txt & pid=$!; " << then
            << "; wait $pid; echo \"kiosk exit $?\"'";
    return test::shell(command.str());
  }
  std::string log() const {
    std::ifstream in(folder_ / "home/.local/state/smpview/kiosk.log");
    return std::string(std::istreambuf_iterator<char>(in), {});
  }
  // Files the kiosk wrote: everything here but the test's own inputs and the log folder.
  std::vector<fs::path> written() const {
    std::vector<fs::path> files;
    for (const auto& e : fs::recursive_directory_iterator(folder_)) {
      const std::string name = e.path().filename().string();
      if (!e.is_regular_file() || name == "visit.mp4" || name == "kiosk.json" || name == "script.txt" || name == "sockets.txt")
        continue;
      if (e.path().parent_path() == folder_ / "home/.local/state/smpview") continue;
      files.push_back(e.path());
    }
    return files;
  }
  fs::path video_;
};

TEST_F(KioskWindow, AttractPreviewForgetAndRefusesToCloseThenStopsOnSigterm) {
  // SIGTERM once the visitor has been forgotten (or after two minutes: a slow machine, a sanitizer).
  const CommandResult run = run_kiosk("10 close\n12 pin 0000\n",
                                      "for i in $(seq 240); do grep -qs \"the visitor forgotten\" home/.local/state/smpview/kiosk.log && "
                                      "break; sleep 0.5; done; ss -Htuanp > sockets.txt && echo sockets listed; kill -TERM $pid");
  std::cout << run.output << log();
  EXPECT_NE(run.output.find("kiosk exit 0"), std::string::npos) << "SIGTERM stops it cleanly";
  const std::string events = log();
  const auto at = [&](const std::string& what) { return events.find(what); };
  ASSERT_NE(at("kiosk started"), std::string::npos);
  EXPECT_NE(at("a request to close the window was refused"), std::string::npos);
  EXPECT_NE(at("a wrong staff PIN was typed"), std::string::npos);
  ASSERT_NE(at("a visitor's preview started (visitor 1)"), std::string::npos);
  ASSERT_NE(at("back to the attract screen, the visitor forgotten"), std::string::npos);
  EXPECT_LT(at("visitor 1"), at("the visitor forgotten"));
  EXPECT_NE(at("stopped by signal 15"), std::string::npos);
  EXPECT_EQ(at("landmark"), std::string::npos) << "nothing about the person in the log";
  EXPECT_TRUE(written().empty()) << written().front();
  EXPECT_NE(run.output.find("sockets listed"), std::string::npos) << "ss ran";
  std::ifstream sockets(folder_ / "sockets.txt");  // every TCP and UDP socket on the machine, with its program
  const std::string network((std::istreambuf_iterator<char>(sockets)), {});
  EXPECT_EQ(network.find("smpview"), std::string::npos) << "no network socket, listening or not:\n" << network;
}

TEST_F(KioskWindow, ACameraThatStopsIsReportedAndPickedUpAgainByItself) {
  // The "camera" (the looped video) goes away while a visitor is there, and comes back.
  const std::string log_file = "home/.local/state/smpview/kiosk.log";
  const auto wait_for = [&](const std::string& what) {
    return "for i in $(seq 240); do grep -qs \"" + what + "\" " + log_file + " && break; sleep 0.5; done";
  };
  const CommandResult run = run_kiosk("", wait_for("preview started") + "; mv visit.mp4 away.mp4; " + wait_for("the camera stopped") +
                                              "; sleep 1; mv away.mp4 visit.mp4; " + wait_for("the camera is back") + "; kill -TERM $pid");
  std::cout << log();
  EXPECT_NE(run.output.find("kiosk exit 0"), std::string::npos) << run.output;
  const std::string events = log();
  const auto stopped = events.find("the camera stopped"), back = events.find("the camera is back");
  ASSERT_NE(stopped, std::string::npos);
  ASSERT_NE(back, std::string::npos);
  EXPECT_LT(events.find("visitor 1"), stopped);
  EXPECT_LT(stopped, back);
  EXPECT_NE(events.find("visit.mp4: no such file", stopped), std::string::npos) << "the log says why";
}

TEST_F(KioskWindow, EscIsReadAndTheKioskStaysOpen) {
  // A real key press in the window (smp_send_key), through GLFW and the panel: the kiosk says it
  // was pressed, and is still there to be stopped by SIGTERM.
  const std::string log_file = "home/.local/state/smpview/kiosk.log";
  std::ostringstream then;  // (an ostringstream: GCC 12 warns falsely on long chains of string +)
  then << SMP_SEND_KEY_BINARY << " \"smpview kiosk\" Escape 20 & for i in $(seq 120); do grep -qs \"Esc was pressed\" " << log_file
       << " && break; sleep 0.5; done; sleep 1; kill -TERM $pid";
  const CommandResult run = run_kiosk("", then.str());
  EXPECT_NE(run.output.find("kiosk exit 0"), std::string::npos) << run.output;
  const std::string events = log();
  const auto esc = events.find("Esc was pressed: the kiosk stays open"), stopped = events.find("stopped by signal 15");
  ASSERT_NE(esc, std::string::npos) << run.output << events;
  ASSERT_NE(stopped, std::string::npos) << "running until SIGTERM\n" << events;
  EXPECT_LT(esc, stopped);
}

TEST_F(KioskWindow, TheStaffPinOpensTheExitAndALostDeviceIsMadeAgain) {
  const CommandResult run = run_kiosk("5 lose-device\n10 pin 4711\n12 screenshot after-loss.png\n13 exit\n", "sleep 0");
  EXPECT_NE(run.output.find("kiosk exit 0"), std::string::npos) << run.output;
  EXPECT_NE(log().find("staff PIN accepted"), std::string::npos) << log();
  EXPECT_NE(log().find("closed from the staff menu"), std::string::npos) << log();
  EXPECT_NE(log().find("the GPU device was lost (the script lost the device"), std::string::npos) << log();
  // The new device draws: the attract screen's invitation band, not a black window.
  const RgbaImage screen = read_image(folder_ / "after-loss.png");
  EXPECT_EQ(screen.width, 1280);
  EXPECT_GT(test::total_brightness(screen), 1280.0 * 720.0 * 3 * 40) << "a picture on the screen";
  fs::remove(folder_ / "after-loss.png");  // the test's own screenshot
  EXPECT_TRUE(written().empty());
}

}  // namespace
}  // namespace smp
