// Video files that do not look like what is stored in them, as a clinic's inbox brings them: a phone's
// portrait video stored sideways with a turn in its header, a variable frame rate, a file cut short by
// a broken copy or download, and an empty file. Each renders as a player shows it, or is refused or
// reported in one line. The files are made here from capture4.mp4's real frames with our own writer.
#include <gtest/gtest.h>

#include <fstream>
#include <opencv2/core.hpp>

#include "capture/frame_source.h"
#include "capture/opencv_picture.h"
#include "record/video_writer.h"
#include "test_support.h"
#include "video_probe.h"

namespace smp {
namespace {

namespace fs = std::filesystem;
using test::CommandResult;
using test::smpview;

constexpr int kFrames = 40;

RgbaImage turned(const RgbaImage& picture, int cv_rotate_code) {
  cv::Mat bgr;
  cv::rotate(bgr_from_rgba(picture), bgr, cv_rotate_code);
  RgbaImage out;
  rgba_from_bgr(bgr, out);
  return out;
}

double mean_difference(const RgbaImage& a, const RgbaImage& b) {
  double sum = 0.0;
  for (size_t i = 0; i < a.pixels.size(); ++i)
    for (int c = 0; c < 3; ++c) sum += std::abs(double(channel(a.pixels[i], c)) - double(channel(b.pixels[i], c)));
  return sum / (3.0 * double(a.pixels.size()));
}

// The face count render says: "a face in N of M frames".
int faces_found(const std::string& output) {
  const auto at = output.find("a face in ");
  return at == std::string::npos ? -1 : std::stoi(output.substr(at + 10));
}

class LyingVideos : public test::TempFolderTest {
 protected:
  static void SetUpTestSuite() {
    const auto source = open_video_file(fs::path(SMP_DATA_DIR) / "video/capture4.mp4");
    CapturedFrame frame;
    while (int(frames_.size()) < kFrames && source->read(frame) == SourceStatus::kFrame) frames_.push_back(frame.picture);
  }
  // capture4's first frames, written by our writer at `times_ms`, each turned by `cv_rotate_code` (-1: not).
  fs::path write_video(const std::string& name, const std::vector<double>& times_ms, int cv_rotate_code = -1) const {
    const fs::path path = folder_ / name;
    const RgbaImage first = cv_rotate_code < 0 ? frames_[0] : turned(frames_[0], cv_rotate_code);
    VideoWriter writer(path, {.width = first.width, .height = first.height, .fps = 20.0});
    for (size_t i = 0; i < times_ms.size(); ++i)
      writer.write(cv_rotate_code < 0 ? frames_[i] : turned(frames_[i], cv_rotate_code), times_ms[i]);
    writer.finish();
    return path;
  }
  static std::vector<double> steady_times() {
    std::vector<double> times;
    for (int i = 0; i < kFrames; ++i) times.push_back(50.0 * i);
    return times;
  }
  static inline std::vector<RgbaImage> frames_;
};

TEST_F(LyingVideos, APhoneVideoStoredSidewaysIsShownUprightAndTracked) {
  ASSERT_EQ(int(frames_.size()), kFrames);
  const fs::path sideways = write_video("sideways.mp4", steady_times(), cv::ROTATE_90_COUNTERCLOCKWISE);
  const fs::path phone = folder_ / "phone.mp4";
  ASSERT_TRUE(test::copy_with_rotation(sideways, phone, 90.0));

  const auto source = open_video_file(phone);
  CapturedFrame frame;
  ASSERT_EQ(source->read(frame), SourceStatus::kFrame);
  ASSERT_EQ(frame.picture.width, frames_[0].width) << source->description();
  ASSERT_EQ(frame.picture.height, frames_[0].height);
  const double upright = mean_difference(frame.picture, frames_[0]);
  const double upside_down = mean_difference(frame.picture, turned(frames_[0], cv::ROTATE_180));
  std::printf("phone video: first frame %.1f levels from the original, %.1f from it upside down; %s\n", upright, upside_down,
              source->description().c_str());
  EXPECT_LT(upright, 4.0);
  EXPECT_GT(upside_down, 3.0 * upright);
  EXPECT_NE(source->description().find("turned 90 deg upright"), std::string::npos) << source->description();

  // The preview follows the face as it is shown; the same file without the turn shows a face on its side.
  const CommandResult shown = smpview("render --input " + phone.string() + " --density 20 --output " + (folder_ / "a.mp4").string());
  ASSERT_EQ(shown.exit_code, 0) << shown.output;
  const CommandResult sideways_render =
      smpview("render --input " + sideways.string() + " --density 20 --output " + (folder_ / "b.mp4").string());
  ASSERT_EQ(sideways_render.exit_code, 0) << sideways_render.output;
  std::printf("faces found: %d of %d frames shown upright, %d with the turn ignored\n", faces_found(shown.output), kFrames,
              faces_found(sideways_render.output));
  EXPECT_GE(faces_found(shown.output), kFrames * 3 / 4);
  EXPECT_LT(faces_found(sideways_render.output), faces_found(shown.output) / 2);
  const test::VideoProbe preview = test::probe_video(folder_ / "a.mp4");
  EXPECT_EQ(preview.width, frames_[0].width);
  EXPECT_EQ(preview.height, frames_[0].height);
}

TEST_F(LyingVideos, AVariableFrameRateKeepsEveryFramesTime) {
  ASSERT_EQ(int(frames_.size()), kFrames);
  // A phone's camera slowing down in dim light and catching up: 20 to 100 ms between frames.
  std::vector<double> times{0.0};
  const double gaps[] = {20.0, 50.0, 33.0, 100.0, 41.0};
  for (int i = 1; i < kFrames; ++i) times.push_back(times.back() + gaps[i % 5]);
  const fs::path vfr = write_video("vfr.mp4", times);

  const auto source = open_video_file(vfr);
  CapturedFrame frame;
  std::vector<double> read;
  while (source->read(frame) == SourceStatus::kFrame) read.push_back(frame.t_ms);
  ASSERT_EQ(read.size(), times.size());
  EXPECT_TRUE(source->problem().empty()) << source->problem();
  for (size_t i = 0; i < times.size(); ++i) EXPECT_NEAR(read[i] - read[0], times[i], 1.0) << "frame " << i;

  const CommandResult render = smpview("render --input " + vfr.string() + " --density 20 --output " + (folder_ / "out.mp4").string());
  ASSERT_EQ(render.exit_code, 0) << render.output;
  const std::vector<double> written = test::frame_times_ms(folder_ / "out.mp4");
  ASSERT_EQ(written.size(), times.size());
  for (size_t i = 0; i < times.size(); ++i) EXPECT_NEAR(written[i] - written[0], times[i], 1.0) << "frame " << i;
}

TEST_F(LyingVideos, AFileCutShortRendersWhatItHasAndSaysSo) {
  ASSERT_EQ(int(frames_.size()), kFrames);
  const fs::path whole = write_video("whole.mp4", steady_times());
  const fs::path cut = folder_ / "cut.mp4";
  {
    std::ifstream in(whole, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), {});
    std::ofstream(cut, std::ios::binary) << bytes.substr(0, bytes.size() * 55 / 100);
  }
  std::uint64_t whole_frames = 0, cut_frames = 0;
  for (const auto& [path, count] : {std::pair{whole, &whole_frames}, std::pair{cut, &cut_frames}}) {
    const auto source = open_video_file(path);
    CapturedFrame frame;
    while (source->read(frame) == SourceStatus::kFrame) ++*count;
    if (path == whole) EXPECT_TRUE(source->problem().empty()) << source->problem();
    else EXPECT_NE(source->problem().find("is cut short"), std::string::npos) << "'" << source->problem() << "'";
  }
  std::printf("a file cut at 55%% of its bytes: %llu of %llu frames read\n", (unsigned long long)cut_frames,
              (unsigned long long)whole_frames);
  EXPECT_EQ(whole_frames, std::uint64_t(kFrames));
  EXPECT_GT(cut_frames, 0u);
  EXPECT_LT(cut_frames, whole_frames);

  const CommandResult render = smpview("render --input " + cut.string() + " --density 20 --output " + (folder_ / "out.mp4").string());
  ASSERT_EQ(render.exit_code, 0) << render.output;
  EXPECT_NE(render.output.find("cut short; the preview has the " + std::to_string(cut_frames) + " frames before the cut"),
            std::string::npos)
      << render.output;
  EXPECT_EQ(test::probe_video(folder_ / "out.mp4").frames, std::int64_t(cut_frames));
}

TEST_F(LyingVideos, AnEmptyFileIsRefusedInOneLine) {
  std::ofstream(folder_ / "empty.mp4").close();
  const CommandResult render = smpview("render --input " + (folder_ / "empty.mp4").string() + " --output " + (folder_ / "out.mp4").string());
  EXPECT_EQ(render.exit_code, 3) << render.output;
  EXPECT_NE(render.output.find("empty.mp4: is empty (0 bytes)"), std::string::npos) << render.output;
  EXPECT_FALSE(fs::exists(folder_ / "out.mp4"));
}

}  // namespace
}  // namespace smp
