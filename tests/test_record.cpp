// Recording preview videos: the bounded hand-over queue, and MP4 files that phones play.
#include <gtest/gtest.h>

#include <cmath>
#include <thread>

#include "capture/bounded_queue.h"
#include "record/recorder.h"
#include "test_support.h"
#include "video_probe.h"

namespace smp {
namespace {

namespace fs = std::filesystem;

TEST(BoundedQueue, FirstInFirstOutAndNeverMoreThanItsCapacity) {
  BoundedQueue<int> queue(3);
  for (int i = 1; i <= 3; ++i) EXPECT_TRUE(queue.try_push(i));
  int fourth = 4;
  EXPECT_FALSE(queue.try_push(fourth)) << "full";
  EXPECT_EQ(fourth, 4) << "a value that did not fit is left with the caller";
  for (int i = 1; i <= 3; ++i) EXPECT_EQ(queue.try_pop(), i);
  EXPECT_FALSE(queue.try_pop().has_value());
}

TEST(BoundedQueue, AWaitingProducerGetsInWhenTheConsumerTakesAndCloseWakesEveryone) {
  BoundedQueue<int> queue(1);
  int first = 1, second = 2;
  ASSERT_TRUE(queue.push(first));
  std::thread producer([&] { EXPECT_TRUE(queue.push(second)); });  // waits for room
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_EQ(queue.pop(), 1);
  producer.join();
  EXPECT_EQ(queue.pop(), 2);
  std::thread consumer([&] { EXPECT_FALSE(queue.pop().has_value()); });  // waits, then is woken by close
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  queue.close();
  consumer.join();
}

// A picture that changes every frame: a gradient with a square moving across it.
RgbaImage moving_square(int width, int height, int frame) {
  RgbaImage picture(width, height);
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x) {
      const bool square = std::abs(x - (20 + 6 * frame)) < 20 && std::abs(y - height / 2) < 20;
      picture.at(x, y) = square ? pack_rgba(240, 40, 40) : pack_rgba(std::uint8_t(x * 255 / width), std::uint8_t(y * 255 / height), 128);
    }
  return picture;
}

double psnr(const RgbaImage& a, const RgbaImage& b, int width, int height) {
  double squared = 0.0;
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x)
      for (int c = 0; c < 3; ++c) {
        const double d = double(channel(a.at(x, y), c)) - double(channel(b.at(x, y), c));
        squared += d * d;
      }
  return 10.0 * std::log10(255.0 * 255.0 / (squared / (3.0 * width * height)));
}

using Recording = test::TempFolderTest;

TEST_F(Recording, AFinishedRecordingIsAnMp4ThatPhonesPlay) {
  // 321x241: an odd size loses its last column and row (4:2:0 needs even sides).
  const fs::path output = folder_ / "preview.mp4";
  std::vector<RgbaImage> pictures;
  {
    Recorder recorder(output, {.width = 321, .height = 241, .fps = 25.0});
    for (int i = 0; i < 30; ++i) {
      pictures.push_back(moving_square(321, 241, i));
      recorder.submit(pictures.back(), 40.0 * i);
    }
    EXPECT_FALSE(fs::exists(output)) << "nothing under the final name before it is complete";
    recorder.finish();
    EXPECT_EQ(recorder.dropped(), 0u);
  }
  const test::VideoProbe probe = test::probe_video(output);
  std::cout << "recorded " << probe.codec << " " << probe.pixel_format << " profile " << probe.profile << ", "
            << probe.width << "x" << probe.height << ", " << probe.frames << " frames at " << probe.fps << " fps, "
            << probe.duration_s << " s, index first: " << probe.index_before_data << "\n";
  EXPECT_EQ(probe.codec, "h264");
  EXPECT_EQ(probe.pixel_format, "yuv420p");
  EXPECT_EQ(probe.profile, FF_PROFILE_H264_HIGH);
  EXPECT_EQ(probe.width, 320);
  EXPECT_EQ(probe.height, 240);
  EXPECT_EQ(probe.frames, 30);
  EXPECT_NEAR(probe.fps, 25.0, 0.01);
  EXPECT_NEAR(probe.duration_s, 1.2, 0.05);
  EXPECT_TRUE(probe.index_before_data);
  const std::vector<RgbaImage> decoded = test::decode_frames(output);
  ASSERT_EQ(decoded.size(), 30u);
  for (size_t i = 0; i < decoded.size(); i += 7)
    EXPECT_GT(psnr(decoded[i], pictures[i], 320, 240), 32.0) << "frame " << i << " decodes to what was recorded";
  for (const auto& entry : fs::directory_iterator(folder_))
    EXPECT_EQ(entry.path(), output) << "left behind: " << entry.path();
}

TEST_F(Recording, AnUnfinishedRecordingLeavesNothingBehind) {
  const fs::path output = folder_ / "stopped.mp4";
  {
    Recorder recorder(output, {.width = 160, .height = 120, .fps = 30.0});
    for (int i = 0; i < 5; ++i) recorder.submit(moving_square(160, 120, i), 33.3 * i);
  }  // destroyed without finish(): a crash in the middle of a consultation, say
  EXPECT_TRUE(fs::is_empty(folder_));
}

TEST_F(Recording, ALiveRecorderDropsFramesInsteadOfWaitingWhenTheEncoderFallsBehind) {
  const fs::path output = folder_ / "live.mp4";
  Recorder recorder(output, {.width = 640, .height = 480, .fps = 30.0}, 2);
  const RgbaImage picture = moving_square(640, 480, 3);
  int taken = 0;
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < 200; ++i) taken += recorder.offer(picture, 33.3 * i);
  const double offered_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  recorder.finish();
  std::cout << "offered 200 frames in " << offered_ms << " ms: " << taken << " recorded, " << recorder.dropped() << " dropped\n";
  EXPECT_EQ(std::uint64_t(taken) + recorder.dropped(), 200u);
  EXPECT_GT(recorder.dropped(), 0u) << "200 frames at once cannot all be encoded in time";
  EXPECT_GE(taken, 2);
  EXPECT_EQ(test::probe_video(output).frames, taken);
}

TEST_F(Recording, AnUnwritableFolderIsOneClearError) {
  try {
    Recorder recorder(folder_ / "missing" / "x.mp4", {.width = 160, .height = 120});
    FAIL() << "opened a file in a folder that does not exist";
  } catch (const RecordError& e) {
    EXPECT_NE(std::string(e.what()).find("x.mp4: cannot be written"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace smp
