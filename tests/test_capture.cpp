// Capture: the newest-value mailbox, frame sources (video file, photo, camera, reopening), and the
// capture thread that hands over only the newest frame. Reads ../shared/data.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include <opencv2/videoio.hpp>

#include "capture/capture_thread.h"

namespace smp {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
const fs::path kData = SMP_DATA_DIR;

TEST(Mailbox, TheNewestValueWinsAndOlderOnesAreCountedAsDropped) {
  Mailbox<int> box;
  EXPECT_FALSE(box.take());
  box.put(1);
  box.put(2);
  box.put(3);
  EXPECT_EQ(box.take(), 3);
  EXPECT_FALSE(box.take()) << "taken values are gone";
  EXPECT_EQ(box.dropped(), 2u);
  const auto start = std::chrono::steady_clock::now();
  EXPECT_FALSE(box.wait_take(30ms));
  EXPECT_GE(std::chrono::steady_clock::now() - start, 30ms);
}

TEST(Mailbox, AConsumerOnAnotherThreadOnlyEverSeesNewerValues) {
  Mailbox<int> box;
  std::thread producer([&] {
    for (int i = 1; i <= 20000; ++i) box.put(i);
  });
  int last = 0, seen = 0;
  while (last < 20000) {
    if (const auto v = box.wait_take(1000ms)) {
      EXPECT_GT(*v, last);
      last = *v;
      ++seen;
    } else {
      break;
    }
  }
  producer.join();
  EXPECT_EQ(last, 20000) << "the last value always arrives";
  EXPECT_EQ(box.dropped() + seen, 20000u);
}

TEST(FrameSources, AVideoFileGivesEveryFrameWithItsTimestampThenEnds) {
  const fs::path path = kData / "video/capture4.mp4";
  const auto video = open_video_file(path);
  EXPECT_NE(video->description().find("capture4.mp4 (320x240"), std::string::npos) << video->description();
  const double frame_count = cv::VideoCapture(path.string(), cv::CAP_FFMPEG).get(cv::CAP_PROP_FRAME_COUNT);
  CapturedFrame frame;
  std::uint64_t frames = 0;
  double first_t = -1.0, last_t = -1.0;
  while (video->read(frame) == SourceStatus::kFrame) {
    ASSERT_EQ(frame.index, frames);
    ASSERT_EQ(frame.picture.width, 320);
    ASSERT_EQ(frame.picture.height, 240);
    ASSERT_GT(frame.t_ms, last_t) << "frame " << frames;
    if (frames == 0) first_t = frame.t_ms;
    last_t = frame.t_ms;
    ++frames;
  }
  std::cout << "capture4.mp4: " << frames << " frames, " << video->frames_per_second() << " fps, "
            << (last_t - first_t) / 1000.0 << " s\n";
  EXPECT_NEAR(double(frames), frame_count, 2.0);
  EXPECT_NEAR((last_t - first_t) / double(frames - 1), 1000.0 / video->frames_per_second(), 5.0) << "ms per frame";
  EXPECT_EQ(video->read(frame), SourceStatus::kEnded) << "and stays ended";
}

TEST(FrameSources, APhotoIsOneFrameOrTheSameFrameAtAPace) {
  const fs::path path = kData / "faces/aflw2000/image00050.jpg";
  const auto once = open_photo(path);
  CapturedFrame frame;
  ASSERT_EQ(once->read(frame), SourceStatus::kFrame);
  EXPECT_EQ(frame.picture.width, 450);
  EXPECT_EQ(frame.picture.height, 450);
  const RgbaImage first = frame.picture;
  EXPECT_EQ(once->read(frame), SourceStatus::kEnded);

  const auto repeated = open_photo(path, 50.0);
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < 5; ++i) {
    ASSERT_EQ(repeated->read(frame), SourceStatus::kFrame);
    EXPECT_EQ(frame.index, std::uint64_t(i));
    EXPECT_DOUBLE_EQ(frame.t_ms, 20.0 * i);
    EXPECT_EQ(frame.picture.pixels, first.pixels);
  }
  EXPECT_GE(std::chrono::steady_clock::now() - start, 75ms) << "paced like a 50 fps camera";
}

TEST(FrameSources, FilesThatCannotBeReadSaySoInOneLineNamingThem) {
  const fs::path folder = fs::temp_directory_path() / ("smp-capture-" + std::to_string(::getpid()));
  fs::create_directories(folder);
  std::ofstream(folder / "notes.mp4") << "not a video\n";
  std::ofstream(folder / "notes.jpg") << "not a picture\n";
  const std::vector<std::pair<fs::path, std::string>> cases{
      {folder / "missing.mp4", "missing.mp4: no such file"},
      {folder / "missing.png", "missing.png: no such file"},
      {folder / "notes.mp4", "notes.mp4: not a video this program can read"},
      {folder / "notes.jpg", "notes.jpg: not a picture this program can read"},
  };
  for (const auto& [path, message] : cases) {
    try {
      open_file(path);
      ADD_FAILURE() << "opened " << path;
    } catch (const SourceError& e) {
      EXPECT_NE(std::string(e.what()).find(message), std::string::npos) << e.what();
      EXPECT_EQ(std::string(e.what()).find('\n'), std::string::npos) << e.what();
    }
  }
  fs::remove_all(folder);
}

TEST(FrameSources, AMissingCameraSaysWhichOne) {
  try {
    open_camera({.device = 63});
    ADD_FAILURE() << "opened camera 63";
  } catch (const SourceError& e) {
    EXPECT_NE(std::string(e.what()).find("camera 63: not found"), std::string::npos) << e.what();
  }
}

// A camera stand-in: delivers `frames` pictures, then fails as an unplugged webcam does.
class FlakyCamera : public FrameSource {
 public:
  explicit FlakyCamera(int frames) : left_(frames) {}
  SourceStatus read(CapturedFrame& frame) override {
    if (left_-- <= 0) {
      problem_ = "camera unplugged";
      return SourceStatus::kFailed;
    }
    frame.picture = RgbaImage(4, 4);
    frame.index = served_++;
    return SourceStatus::kFrame;
  }
  double frames_per_second() const override { return 30.0; }
  std::string description() const override { return "flaky camera"; }

 private:
  int left_;
  std::uint64_t served_ = 0;
};

TEST(FrameSources, ACameraThatGoesAwayIsOpenedAgainWhenItComesBack) {
  int attempts = 0;
  ReopeningSource camera(std::make_unique<FlakyCamera>(2), [&]() -> std::unique_ptr<FrameSource> {
    if (++attempts < 3) throw SourceError("camera 0: not found");  // still unplugged twice
    return std::make_unique<FlakyCamera>(2);
  }, 5ms);
  std::vector<SourceStatus> seen;
  std::vector<std::uint64_t> indices;
  CapturedFrame frame;
  for (int i = 0; i < 8; ++i) {
    seen.push_back(camera.read(frame));
    if (seen.back() == SourceStatus::kFrame) indices.push_back(frame.index);
    else EXPECT_NE(camera.problem().find("again"), std::string::npos) << camera.problem();
  }
  using S = SourceStatus;
  EXPECT_EQ(seen, (std::vector<S>{S::kFrame, S::kFrame, S::kFailed, S::kFailed, S::kFailed, S::kFrame, S::kFrame, S::kFailed}));
  EXPECT_EQ(indices, (std::vector<std::uint64_t>{0, 1, 2, 3})) << "one numbering across reopenings";
  EXPECT_EQ(attempts, 3);
}

TEST(CaptureThread, AVideoPlayedLiveHandsOverOnlyTheNewestFrame) {
  CaptureThread capture(open_video_file(kData / "video/capture4.mp4"), /*pace_to_timestamps=*/true);
  const auto start = std::chrono::steady_clock::now();
  ASSERT_TRUE(capture.wait_newest(2000ms)) << "the first frame arrives";
  std::this_thread::sleep_for(400ms);
  const auto newest = capture.take_newest();
  const double elapsed_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  ASSERT_TRUE(newest);
  // Frames come at the video's own pace (~20 fps): never ahead of the clock, and the ones the consumer
  // was too slow for were dropped rather than queued.
  EXPECT_GE(newest->index, 2u);
  EXPECT_LE(newest->t_ms - 0.0, elapsed_ms + 60.0);
  EXPECT_GT(capture.dropped(), 0u);
  EXPECT_EQ(capture.status(), SourceStatus::kFrame);
}

TEST(CaptureThread, ASinglePhotoEndsAndSaysSo) {
  CaptureThread capture(open_photo(kData / "faces/aflw2000/image00050.jpg"));
  ASSERT_TRUE(capture.wait_newest(2000ms));
  for (int i = 0; i < 100 && capture.status() != SourceStatus::kEnded; ++i) std::this_thread::sleep_for(10ms);
  EXPECT_EQ(capture.status(), SourceStatus::kEnded);
  EXPECT_FALSE(capture.take_newest()) << "nothing more after the one frame";
}

}  // namespace
}  // namespace smp
