// The live mirror in a real window, on a virtual display (xvfb-run): it opens, presents frames, and a
// screenshot shows the picture and the panel; a scripted slider move changes the picture where the
// scalp is and nowhere else, and so does the before/after wipe; designs are saved and opened, and the sheet written, from the panel.
#include <gtest/gtest.h>

#include <fstream>
#include <optional>
#include <sstream>

#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "app/second_view.h"
#include "app/ui_script.h"
#include "dots/consultation_store.h"
#include "record/image_file.h"
#include "scalp_photos.h"
#include "test_support.h"
#include "video_probe.h"
#include "tracking/face_landmarks.h"
#include "tracking/head_mask.h"
#include "tracking/marked_points.h"
#include "ui/panel.h"

namespace smp {
namespace {

namespace fs = std::filesystem;
using test::CommandResult;
using test::smpview_with_environment;

constexpr int kWindowWidth = 1280, kWindowHeight = 720;
// The panel's fixed place (src/ui/panel.cpp), with a margin: its numbers change every frame.
constexpr int kPanelRight = 470, kPanelBottom = 560;

struct Crop {
  fs::path photo;
  cv::Size size;
};

// A bald head from faces/dlib/bald_guys.jpg, the one facing the camera most squarely (its nose tip
// nearest the middle of its eyes) among the large ones, with room above it for the scalp.
Crop bald_head(const fs::path& folder) {
  const cv::Mat bgr = cv::imread((fs::path(SMP_DATA_DIR) / "faces/dlib/bald_guys.jpg").string());
  cv::Mat grey;
  cv::cvtColor(bgr, grey, cv::COLOR_BGR2GRAY);
  const LandmarkPredictor predictor;
  std::optional<FaceBox> best;
  double best_turn = 1e9;
  for (const FaceBox& f : FaceDetector(2000).detect(grey)) {
    if (f.width < 150) continue;
    const Landmarks68 l = predictor.predict(grey, f);
    const double turn = std::abs(l[30].x - 0.5 * (l[36].x + l[45].x)) / glm::length(l[45] - l[36]);
    if (turn < best_turn) best_turn = turn, best = f;
  }
  const FaceBox& f = best.value();
  const cv::Rect crop = cv::Rect(int(f.left - f.width), int(f.top - 1.2 * f.height), int(3 * f.width), int(2.8 * f.height)) &
                        cv::Rect(0, 0, bgr.cols, bgr.rows);
  Crop c{folder / "bald.png", crop.size()};
  cv::imwrite(c.photo.string(), bgr(crop));
  return c;
}

using LiveWindow = test::TempFolderTest;

TEST_F(LiveWindow, ShowsThePictureAndThePanelAndASliderChangesOnlyTheScalp) {
  const Crop head = bald_head(folder_);
  const fs::path script = folder_ / "script.txt", before = folder_ / "before.png", after = folder_ / "after.png",
                 wiped = folder_ / "wiped.png";
  std::ofstream(script) << "# frames count from the first one with the dots placed\n"
                           "3 screenshot " << before.string() << "\n"
                           "4 set hairline_mm 60\n4 set shade 1\n4 set density 60\n"
                           "12 screenshot " << after.string() << "\n"
                           "13 set wipe 0\n"
                           "21 screenshot " << wiped.string() << "\n"
                           "22 quit\n";
  const CommandResult run = smpview_with_environment(
      "xvfb-run -a -s '-screen 0 " + std::to_string(kWindowWidth) + "x" + std::to_string(kWindowHeight) + "x24' env",
      "live --input " + head.photo.string() + " --max-density 60 --script " + script.string());
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const RgbaImage a = read_image(before), b = read_image(after);
  ASSERT_EQ(a.width, kWindowWidth);
  ASSERT_EQ(a.height, kWindowHeight);

  // Where the photo sits in the window: scaled to fit, centred (not mirrored: a file is shown as filmed).
  const double scale = std::min(double(kWindowWidth) / head.size.width, double(kWindowHeight) / head.size.height);
  const double left = 0.5 * (kWindowWidth - scale * head.size.width), top = 0.5 * (kWindowHeight - scale * head.size.height);
  const cv::Mat photo = cv::imread(head.photo.string());
  // The picture: a pixel right of the panel, on the photo's background, is the photo's own colour.
  const int px = int(head.size.width * 0.92), py = int(head.size.height * 0.5);
  const auto shown = a.at(int(left + (px + 0.5) * scale), int(top + (py + 0.5) * scale));
  const cv::Vec3b expected = photo.at<cv::Vec3b>(py, px);
  for (int c = 0; c < 3; ++c) EXPECT_NEAR(channel(shown, c), expected[2 - c], 20) << "channel " << c;
  // The panel: ImGui's title bar colour across its top, where the photo shows something else.
  const auto title = a.at(200, 22);
  EXPECT_GT(channel(title, 2), channel(title, 0) + 40) << "the panel's blue title bar";

  // The slider move: pixels change on the scalp and nowhere else (the region test_preview.cpp uses,
  // from the landmarks `smpview track` finds on the photo).
  ASSERT_EQ(test::smpview("track --input " + head.photo.string() + " --output " + (folder_ / "face.jsonl").string()).exit_code, 0);
  std::ifstream track(folder_ / "face.jsonl");
  const auto found = nlohmann::json::parse(std::string((std::istreambuf_iterator<char>(track)), {}));
  ASSERT_TRUE(found["found"].get<bool>());
  Landmarks68 landmarks;
  for (size_t i = 0; i < 68; ++i) landmarks[i] = {found["landmarks"][i][0].get<double>(), found["landmarks"][i][1].get<double>()};
  struct Change {
    int pixels = 0, astray = 0;
    double lighter = 0.0;  // summed over the changed pixels: how much lighter the second picture is
  };
  const auto change = [&](const RgbaImage& first, const RgbaImage& second) {
    Change c;
    for (int y = 0; y < kWindowHeight; ++y)
      for (int x = 0; x < kWindowWidth; ++x) {
        if (x < kPanelRight && y < kPanelBottom) continue;
        if (first.at(x, y) == second.at(x, y)) continue;
        ++c.pixels;
        c.astray += !test::on_the_scalp_seen_from_the_front(landmarks, (x + 0.5) / scale - left / scale - 0.5,
                                                            (y + 0.5) / scale - top / scale - 0.5);
        for (int k = 0; k < 3; ++k) c.lighter += channel(second.at(x, y), k) - channel(first.at(x, y), k);
      }
    return c;
  };
  const Change slider = change(a, b);
  std::cout << "slider move: " << slider.pixels << " pixels changed, " << slider.astray << " outside the scalp\n";
  EXPECT_GT(slider.pixels, 300);
  EXPECT_EQ(slider.astray, 0);
  // The before/after wipe moved all the way to "before": the dots go, on the scalp only, and it is lighter.
  const Change wipe = change(b, read_image(wiped));
  EXPECT_GT(wipe.pixels, 300);
  EXPECT_EQ(wipe.astray, 0);
  EXPECT_GT(wipe.lighter, 0.0);
}

struct DotsOnHead {
  int changed = 0;  // window pixels the wipe to "before" changed, outside the panel
  int astray = 0;   // of them, off the traced head
  int head = 0;     // the traced head's area in window pixels
};

// A photo opened in the mirror, screenshot with the design and wiped to "before": where the dots were.
// The photo is scaled to fit the window, centred, not mirrored (a file is shown as it was taken).
DotsOnHead dots_on_traced_head(const test::ScalpPhoto& photo, const fs::path& with, const fs::path& without) {
  const double scale = std::min(double(kWindowWidth) / photo.picture.width, double(kWindowHeight) / photo.picture.height);
  const double left = 0.5 * (kWindowWidth - scale * photo.picture.width);
  const double top_edge = 0.5 * (kWindowHeight - scale * photo.picture.height);
  const cv::Mat head = test::polygon_mask({photo.picture.width, photo.picture.height}, photo.head);
  const RgbaImage a = read_image(with), b = read_image(without);
  DotsOnHead dots{.head = int(cv::countNonZero(head) * scale * scale)};
  for (int y = 0; y < kWindowHeight; ++y)
    for (int x = 0; x < kWindowWidth; ++x) {
      if ((x < kPanelRight && y < kPanelBottom) || a.at(x, y) == b.at(x, y)) continue;
      const int px = int((x + 0.5 - left) / scale), py = int((y + 0.5 - top_edge) / scale);
      ++dots.changed;
      dots.astray += px < 0 || py < 0 || px >= head.cols || py >= head.rows || !head.at<uchar>(py, px);
    }
  return dots;
}

test::ScalpPhoto scalp_photo_named(const std::string& name) {
  for (test::ScalpPhoto& p : test::scalp_photos())
    if (p.name == name) return std::move(p);
  return {};
}

// Where the mirror shows a photo's pixel `px` in the window: the photo scaled to fill the window's
// height, centred, mirrored or not (Presenter::draw_picture).
cv::Point2d window_point(const test::ScalpPhoto& photo, glm::dvec2 px, bool mirrored) {
  const double scale = std::min(double(kWindowWidth) / photo.picture.width, double(kWindowHeight) / photo.picture.height);
  const double left = 0.5 * (kWindowWidth - scale * photo.picture.width), top = 0.5 * (kWindowHeight - scale * photo.picture.height);
  const double column = mirrored ? photo.picture.width - 1 - px.x : px.x;
  return {left + (column + 0.5) * scale, top + (px.y + 0.5) * scale};
}

// `live --input PHOTO` with `extra` options, screenshot with the design and wiped to "before", after
// `first` actions (frames 1 and 2).
CommandResult run_photo_in_mirror(const test::ScalpPhoto& photo, const std::string& extra, const fs::path& folder,
                                  fs::path& with, fs::path& without, const std::string& first = "") {
  const fs::path script = folder / "script.txt";
  with = folder / "with.png", without = folder / "without.png";
  std::ofstream(script) << first << "3 screenshot " << with.string() << "\n4 set wipe 0\n12 screenshot " << without.string() << "\n13 quit\n";
  const std::string display = "xvfb-run -a -s '-screen 0 " + std::to_string(kWindowWidth) + "x" + std::to_string(kWindowHeight) + "x24' env";
  return smpview_with_environment(display, "live --input " + (test::kData / photo.source).string() + " " + extra +
                                               " --script " + script.string());
}

// A clinic's top view, which shows no face, opened in the mirror with its view (--view, or chosen in the
// panel): the design is on the head we traced, and the wipe to "before" takes it off there and nowhere
// else. Without a view, a sure guess of it is drawn in and an unsure one is not. A view for what is not
// a photo is refused.
TEST_F(LiveWindow, APhotoWithoutAFaceShowsTheDesignInTheViewGiven) {
  const test::ScalpPhoto top = scalp_photo_named("21-Top-Down_2d7b1f");
  ASSERT_EQ(top.view, PhotoView::kTop);
  fs::path with, without;
  const CommandResult run = run_photo_in_mirror(top, "--view top", folder_, with, without);
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("seen from the top as given"), std::string::npos) << run.output;
  const DotsOnHead dots = dots_on_traced_head(top, with, without);
  std::printf("top view in the mirror: %d pixels with dots, %d of them off the traced head\n", dots.changed, dots.astray);
  EXPECT_GT(dots.changed, int(0.2 * dots.head)) << "the design covers much of a top view";
  EXPECT_LT(dots.astray, int(0.02 * dots.changed));

  // The same photo opened without its view, and its view chosen in the panel.
  fs::path chosen, chosen_without;
  const CommandResult panel = run_photo_in_mirror(top, "", folder_, chosen, chosen_without, "1 view top\n");
  ASSERT_EQ(panel.exit_code, 0) << panel.output;
  EXPECT_NE(panel.output.find("seen from the top as given"), std::string::npos) << panel.output;
  const DotsOnHead in_panel = dots_on_traced_head(top, chosen, chosen_without);
  std::printf("top view chosen in the panel: %d pixels with dots, %d of them off the traced head\n", in_panel.changed,
              in_panel.astray);
  EXPECT_GT(in_panel.changed, int(0.2 * in_panel.head));
  EXPECT_LT(in_panel.astray, int(0.02 * in_panel.changed));

  // A profile opened without its view is drawn on in the view its colours surely suggest; a back view,
  // whose colours do not surely say so, shows no dots and asks for its view.
  const test::ScalpPhoto profile = scalp_photo_named("29-Left_8f92a4");
  fs::path guessed, guessed_without;
  const CommandResult left = run_photo_in_mirror(profile, "", folder_, guessed, guessed_without);
  ASSERT_EQ(left.exit_code, 0) << left.output;
  EXPECT_NE(left.output.find("seen from the left (sure"), std::string::npos) << left.output;
  const DotsOnHead on_profile = dots_on_traced_head(profile, guessed, guessed_without);
  std::printf("a profile's view guessed in the mirror: %d pixels with dots, %d of them off the traced head\n",
              on_profile.changed, on_profile.astray);
  EXPECT_GT(on_profile.changed, int(0.1 * on_profile.head));
  EXPECT_LT(on_profile.astray, int(0.02 * on_profile.changed));
  const test::ScalpPhoto back = scalp_photo_named("31-Back_81fc8b");
  fs::path unsure, unsure_without;
  const CommandResult asks = run_photo_in_mirror(back, "", folder_, unsure, unsure_without);
  ASSERT_EQ(asks.exit_code, 0) << asks.output;
  EXPECT_NE(asks.output.find("not sure from its colours"), std::string::npos) << asks.output;
  EXPECT_NE(asks.output.find("choose its view"), std::string::npos) << asks.output;
  EXPECT_EQ(dots_on_traced_head(back, unsure, unsure_without).changed, 0);

  const CommandResult refused = test::smpview("live --input demo --view top");
  EXPECT_EQ(refused.exit_code, 2) << refused.output;
  EXPECT_NE(refused.output.find("--view: for a photo"), std::string::npos) << refused.output;
}

// A side view opened with the points the practitioner marked on it (--points, no view): the head is
// placed by them and the design drawn on it. Points for what is not a photo, or that cannot pin a
// pose, are refused before the window opens.
TEST_F(LiveWindow, APhotoWithMarkedPointsShowsTheDesignWhereTheyPlaceTheHead) {
  const test::ScalpPhoto side = scalp_photo_named("16-Left_2bf885");
  ASSERT_EQ(side.points.size(), 6u);
  nlohmann::json marked;
  for (const auto& [name, px] : side.points) marked[name] = {px.x, px.y};
  const fs::path points = folder_ / "points.json";
  std::ofstream(points) << marked.dump();
  fs::path with, without;
  const CommandResult run = run_photo_in_mirror(side, "--points " + points.string(), folder_, with, without);
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("placed by 6 marked points"), std::string::npos) << run.output;
  const DotsOnHead dots = dots_on_traced_head(side, with, without);
  std::printf("side view placed by its points in the mirror: %d pixels with dots, %d of them off the traced head\n",
              dots.changed, dots.astray);
  EXPECT_GT(dots.changed, int(0.1 * dots.head));
  EXPECT_LT(dots.astray, int(0.02 * dots.changed));

  const CommandResult demo = test::smpview("live --input demo --points " + points.string());
  EXPECT_EQ(demo.exit_code, 2) << demo.output;
  EXPECT_NE(demo.output.find("--points: for a photo"), std::string::npos) << demo.output;
  const fs::path two = folder_ / "two.json";
  std::ofstream(two) << R"({"nasion": [100, 100], "chin": [100, 300]})";
  const CommandResult few = test::smpview("live --input " + (test::kData / side.source).string() + " --points " + two.string());
  EXPECT_EQ(few.exit_code, 2) << few.output;
  EXPECT_NE(few.output.find("at least 3"), std::string::npos) << few.output;
}

// Pixels of `rgb` (0..1, within 40 grey levels per channel) in `box`, outside the panel.
int pixels_of_colour(const RgbaImage& image, const float (&rgb)[3], cv::Rect box = {0, 0, kWindowWidth, kWindowHeight}) {
  box &= cv::Rect(0, 0, kWindowWidth, kWindowHeight);
  int n = 0;
  for (int y = box.y; y < box.y + box.height; ++y)
    for (int x = box.x; x < box.x + box.width; ++x) {
      if (x < kPanelRight && y < kPanelBottom) continue;
      const auto p = image.at(x, y);
      n += std::abs(channel(p, 0) - int(255 * rgb[0])) < 40 && std::abs(channel(p, 1) - int(255 * rgb[1])) < 40 &&
           std::abs(channel(p, 2) - int(255 * rgb[2])) < 40;
    }
  return n;
}

// With Landmarks shown, each marked point is drawn where it was marked (a ring in kMarkedPointColour),
// mirrored with the picture, with a line to where the head placed by the points puts it; without, none
// of that colour. The panel covers the face's points unmirrored and the nape mirrored: the rings beside
// it are checked.
TEST_F(LiveWindow, TheMarkedPointsAreShownWithTheLandmarks) {
  const test::ScalpPhoto side = scalp_photo_named("16-Left_2bf885");
  nlohmann::json marked;
  for (const auto& [name, px] : side.points) marked[name] = {px.x, px.y};
  const fs::path points = folder_ / "points.json", script = folder_ / "script.txt";
  std::ofstream(points) << marked.dump();
  const fs::path as_filmed = folder_ / "as_filmed.png", mirrored = folder_ / "mirrored.png", hidden = folder_ / "hidden.png";
  std::ofstream(script) << "1 set landmarks 1\n3 screenshot " << as_filmed.string() << "\n4 set mirror 1\n6 screenshot "
                        << mirrored.string() << "\n7 set landmarks 0\n9 screenshot " << hidden.string() << "\n10 quit\n";
  const CommandResult run = smpview_with_environment(
      "xvfb-run -a -s '-screen 0 " + std::to_string(kWindowWidth) + "x" + std::to_string(kWindowHeight) + "x24' env",
      "live --input " + (test::kData / side.source).string() + " --points " + points.string() + " --script " +
          script.string());
  ASSERT_EQ(run.exit_code, 0) << run.output;
  int beside_the_panel = 0, rings = 0;
  for (const bool mirror : {false, true}) {
    const RgbaImage shown = read_image(mirror ? mirrored : as_filmed);
    for (const auto& [name, px] : side.points) {
      const cv::Point2d at = window_point(side, px, mirror);
      const int x = int(at.x), y = int(at.y);
      if (x < kPanelRight + 10 && y < kPanelBottom + 10) continue;
      const int around = pixels_of_colour(shown, kMarkedPointColour, {x - 9, y - 9, 19, 19});
      std::printf("marked point %-16s %-9s at (%d, %d) in the window: %d pixels of its colour around it\n", name.c_str(),
                  mirror ? "mirrored" : "as filmed", x, y, around);
      ++beside_the_panel;
      rings += around >= 8;
    }
  }
  const int all_hidden = pixels_of_colour(read_image(hidden), kMarkedPointColour);
  std::printf("marked points: %d pixels of their colour with the landmarks shown, %d without\n",
              pixels_of_colour(read_image(as_filmed), kMarkedPointColour), all_hidden);
  EXPECT_GE(beside_the_panel, 7) << "of the 12 rings, in the two screenshots";
  EXPECT_EQ(rings, beside_the_panel) << "a ring where each point was marked";
  EXPECT_LT(all_hidden, 30);
}

// The practitioner marks the points by clicking on the photo (the panel's "Click places" list, then a
// click), three as filmed and three mirrored: the head is placed after the third and again after
// each further point, on a worker, and in the end where the same points read from a file place it.
// A click beside the photo places nothing; the panel's Save writes the points clicked as a --points
// file, and its Clear takes them off.
TEST_F(LiveWindow, PointsClickedOnThePhotoPlaceTheHeadAsAPointsFileDoes) {
  const test::ScalpPhoto side = scalp_photo_named("16-Left_2bf885");
  ASSERT_EQ(side.points.size(), 6u);
  const fs::path script = folder_ / "script.txt", points = folder_ / "points.json";
  std::ofstream out(script);
  nlohmann::json marked;
  int frame = 1, clicked = 0;
  const auto action = [&](const std::string& what) { out << frame++ << " " << what << "\n"; };
  action("mark right_ear_top");  // not labelled on this photo: hidden behind the head
  action("click 150 650");       // left of the photo, below the panel: places nothing
  for (const auto& [name, px] : side.points) {
    const bool mirrored = clicked++ >= 3;
    if (clicked == 4) action("set mirror 1");
    const cv::Point2d at = window_point(side, px, mirrored);
    action("mark " + name);
    action("click " + std::to_string(at.x) + " " + std::to_string(at.y));
    marked[name] = {px.x, px.y};
  }
  action("save-points");
  action("clear-points");
  out << frame + 2 << " quit\n";
  out.close();
  fs::create_directory(folder_ / "media");
  std::ofstream(points) << marked.dump();
  const std::string photo = (test::kData / side.source).string();
  const CommandResult run = smpview_with_environment(
      "xvfb-run -a -s '-screen 0 " + std::to_string(kWindowWidth) + "x" + std::to_string(kWindowHeight) + "x24' env",
      "live --input " + photo + " --media-dir " + (folder_ / "media").string() + " --script " + script.string());
  ASSERT_EQ(run.exit_code, 0) << run.output;
  // The Save button's file holds the clicked points, as a --points file.
  std::vector<fs::path> saved;
  for (const auto& entry : fs::directory_iterator(folder_ / "media")) saved.push_back(entry.path());
  ASSERT_EQ(saved.size(), 1u) << run.output;
  EXPECT_TRUE(saved.front().filename().string().starts_with("smpview-points-")) << saved.front();
  std::ifstream file(saved.front());
  std::string why;
  const auto reread =
      parse_marked_points(std::string(std::istreambuf_iterator<char>(file), {}), side.picture.width, side.picture.height, why);
  ASSERT_TRUE(reread) << why;
  ASSERT_EQ(reread->size(), side.points.size());
  for (const MarkedPoint& p : *reread) EXPECT_LT(glm::length(p.px - side.points.at(p.name)), 0.01) << p.name;
  const CommandResult from_file = test::smpview("render --input " + photo + " --points " + points.string() + " --output " +
                                                (folder_ / "placed.png").string());
  ASSERT_EQ(from_file.exit_code, 0) << from_file.output;
  // "the head placed by N marked points (names), seen from the left (pitch P, yaw Y, roll R degrees): the
  // points lie A px from the adult head's on average, W px at most (name)": P, Y, R, A, W; none without.
  struct Placed {
    std::string line;
    double numbers[5] = {};
  };
  const auto placed_by = [](const std::string& output, int n) -> std::optional<Placed> {
    const size_t at = output.find("placed by " + std::to_string(n) + " marked points");
    const size_t pitch = at == std::string::npos ? at : output.find("(pitch", at);
    if (pitch == std::string::npos) return std::nullopt;
    Placed p{output.substr(at, output.find('\n', at) - at)};
    double* v = p.numbers;
    if (std::sscanf(output.c_str() + pitch, "(pitch %lf, yaw %lf, roll %lf degrees): the points lie %lf px from the adult head's "
                    "on average, %lf px at most", &v[0], &v[1], &v[2], &v[3], &v[4]) != 5)
      return std::nullopt;
    return p;
  };
  for (int n = 3; n <= 6; ++n) EXPECT_TRUE(placed_by(run.output, n)) << n << " points\n" << run.output;
  const std::optional<Placed> clicked_pose = placed_by(run.output, 6), file_pose = placed_by(from_file.output, 6);
  ASSERT_TRUE(clicked_pose && file_pose) << run.output << from_file.output;
  std::printf("six points clicked: %s\nthe same from a file: %s\n", clicked_pose->line.c_str(), file_pose->line.c_str());
  const double tolerance[5] = {1.0, 1.0, 1.0, 0.2, 0.2};  // degrees, px: the printed digits, give or take one
  for (int i = 0; i < 5; ++i)
    EXPECT_NEAR(clicked_pose->numbers[i], file_pose->numbers[i], tolerance[i]) << "the clicks land on the marked pixels";
  EXPECT_EQ(run.output.find("right_ear_top"), std::string::npos) << "the click beside the photo placed nothing\n" << run.output;
  // Cleared, the photo (no face, no view) shows no head again, and says so.
  const size_t last = run.output.rfind("placed by 6 marked points");
  EXPECT_NE(run.output.find("no face", last), std::string::npos) << run.output.substr(last);
}

TEST_F(LiveWindow, TheScalpOutlineIsDrawnOverTheHeadWhenAskedFor) {
  const Crop head = bald_head(folder_);
  const fs::path script = folder_ / "script.txt", with = folder_ / "with.png", without = folder_ / "without.png";
  std::ofstream(script) << "1 set outline 1\n3 screenshot " << with.string() << "\n4 set outline 0\n6 screenshot "
                        << without.string() << "\n7 quit\n";
  const CommandResult run = smpview_with_environment(
      "xvfb-run -a -s '-screen 0 " + std::to_string(kWindowWidth) + "x" + std::to_string(kWindowHeight) + "x24' env",
      "live --input " + head.photo.string() + " --max-density 20 --script " + script.string());
  ASSERT_EQ(run.exit_code, 0) << run.output;
  // Pixels of the outline's colour, right of the panel, around the head's top.
  const cv::Rect right_of_the_panel(kPanelRight, 0, kWindowWidth - kPanelRight, kWindowHeight);
  const int shown = pixels_of_colour(read_image(with), kOutlineColour, right_of_the_panel);
  const int hidden = pixels_of_colour(read_image(without), kOutlineColour, right_of_the_panel);
  std::cout << "scalp outline: " << shown << " pixels of its colour when shown, " << hidden << " when not\n";
  EXPECT_GT(shown, 300) << "a line over the skull from ear to ear";
  EXPECT_LT(hidden, 30);
}

TEST_F(LiveWindow, RecordingFromTheWindowWritesAVideoOfWhatWasShown) {
  std::ofstream(folder_ / "script.txt") << "2 record\n32 record\n33 quit\n";
  const CommandResult run = smpview_with_environment(
      "cd " + folder_.string() + " && xvfb-run -a -s '-screen 0 640x480x24' env",
      "live --input " + (fs::path(SMP_DATA_DIR) / "faces/aflw2000/image00050.jpg").string() +
          " --max-density 20 --script script.txt");
  ASSERT_EQ(run.exit_code, 0) << run.output;
  std::vector<fs::path> videos;
  for (const auto& entry : fs::directory_iterator(folder_))
    if (entry.path().extension() == ".mp4") videos.push_back(entry.path());
  ASSERT_EQ(videos.size(), 1u) << "one recording, under a name with the date and time";
  EXPECT_EQ(videos[0].filename().string().rfind("smpview-preview-", 0), 0u) << videos[0];
  const test::VideoProbe probe = test::probe_video(videos[0]);
  std::cout << "recorded from the window: " << probe.frames << " frames of " << probe.width << "x" << probe.height << "\n";
  EXPECT_EQ(probe.codec, "h264");
  EXPECT_EQ(probe.width, 450) << "the picture, without the panel";
  EXPECT_GE(probe.frames, 5);
}

TEST_F(LiveWindow, ASecondViewIsShownBesideTheFirstWithTheDesignOnBothAndRecordedWithIt) {
  // Two bald heads (hair would hide most dots): the crop, and the crop mirrored as a second picture.
  const Crop head = bald_head(folder_);
  const fs::path first = head.photo, second = folder_ / "mirrored.png";
  cv::Mat flipped;
  cv::flip(cv::imread(first.string()), flipped, 1);
  cv::imwrite(second.string(), flipped);
  const fs::path media = folder_ / "media";
  fs::create_directory(media);
  std::ofstream(folder_ / "script.txt") << "2 record\n30 snapshot\n31 set wipe 0\n40 snapshot\n41 record\n42 quit\n";
  const CommandResult run = smpview_with_environment(
      "cd " + folder_.string() + " && xvfb-run -a -s '-screen 0 1280x720x24' env",
      "live --input " + first.string() + " --second-input " + second.string() + " --max-density 40 --media-dir " + media.string() +
          " --script script.txt");
  ASSERT_EQ(run.exit_code, 0) << run.output;
  std::vector<fs::path> snapshots, videos;
  for (const auto& entry : fs::directory_iterator(media))
    (entry.path().extension() == ".mp4" ? videos : snapshots).push_back(entry.path());
  // Named by the second they were taken in, the second one in the same second "-2": by stem, "X" comes
  // before "X-2", where the whole names put "X-2.png" first ('-' sorts before '.').
  std::sort(snapshots.begin(), snapshots.end(), [](const fs::path& a, const fs::path& b) { return a.stem() < b.stem(); });
  ASSERT_EQ(snapshots.size(), 2u) << run.output;

  // The snapshot holds both views, each in a slot of the first picture's size (files are shown as
  // filmed: neither is mirrored).
  const RgbaImage after = read_image(snapshots[0]), before = read_image(snapshots[1]);
  const int w = head.size.width, h = head.size.height;
  ASSERT_EQ(after.width, 2 * w);
  ASSERT_EQ(after.height, h);
  const cv::Mat one = cv::imread(first.string()), other = cv::imread(second.string());
  const auto near = [](std::uint32_t shown, cv::Vec3b bgr) {
    return std::abs(channel(shown, 0) - bgr[2]) + std::abs(channel(shown, 1) - bgr[1]) + std::abs(channel(shown, 2) - bgr[0]) <= 6;
  };
  int same[2] = {0, 0};
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      same[0] += near(before.at(x, y), one.at<cv::Vec3b>(y, x));
      same[1] += near(before.at(w + x, y), other.at<cv::Vec3b>(y, x));
    }
  EXPECT_GT(same[0], 0.99 * w * h) << "the first view, before the dots";
  EXPECT_GT(same[1], 0.99 * w * h) << "the second view, before the dots";

  // The design on both heads: the wipe to "before" takes the dots away in each slot, and nothing else.
  int changed[2] = {0, 0};
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < 2 * w; ++x) changed[x >= w] += after.at(x, y) != before.at(x, y);
  std::cout << "second view: the dots cover " << changed[0] << " pixels of the first view, " << changed[1] << " of the second\n";
  EXPECT_GT(changed[0], 1000) << "dots on the first view's head";
  EXPECT_GT(changed[1], 1000) << "dots on the second view's head";
  EXPECT_NEAR(changed[1], changed[0], 0.2 * changed[0]) << "the same head mirrored, with the same design";

  // The recording holds both views (the encoder takes even sizes).
  ASSERT_EQ(videos.size(), 1u);
  const test::VideoProbe probe = test::probe_video(videos[0]);
  EXPECT_EQ(probe.width, 2 * w & ~1) << "both views";
  EXPECT_EQ(probe.height, h & ~1);
  EXPECT_GE(probe.frames, 5);
}

// A second camera behind the patient sees no face: its head is placed by its outline in the view
// named (--second-view) and followed, and the design lies on the back of the head, not beside it.
TEST_F(LiveWindow, ASecondViewOfTheBackOfTheHeadShowsTheDesignOnIt) {
  const Crop head = bald_head(folder_);
  const fs::path back = fs::path(SMP_DATA_DIR) / "scalps/31-Back_jpg.rf.81fc8b45bc5a3cfda71a8cb1f6d1f9f4.jpg";
  const fs::path media = folder_ / "media";
  fs::create_directory(media);
  // Late enough for the placement, which runs beside the second view's tracking.
  std::ofstream(folder_ / "script.txt") << "60 snapshot\n61 set wipe 0\n70 snapshot\n71 quit\n";
  const CommandResult run = smpview_with_environment(
      "cd " + folder_.string() + " && xvfb-run -a -s '-screen 0 1280x720x24' env",
      "live --input " + head.photo.string() + " --second-input " + back.string() +
          " --second-view back --max-density 40 --media-dir " + media.string() + " --script script.txt");
  ASSERT_EQ(run.exit_code, 0) << run.output;
  std::vector<fs::path> snapshots;
  for (const auto& entry : fs::directory_iterator(media)) snapshots.push_back(entry.path());
  std::sort(snapshots.begin(), snapshots.end(), [](const fs::path& a, const fs::path& b) { return a.stem() < b.stem(); });
  ASSERT_EQ(snapshots.size(), 2u) << run.output;
  const RgbaImage after = read_image(snapshots[0]), before = read_image(snapshots[1]);
  const int w = head.size.width, h = head.size.height;
  ASSERT_EQ(after.width, 2 * w);

  // The back photo's head, as its outline finds it, where side_by_side puts the photo in its slot.
  const RgbaImage photo = read_image(back);
  std::string why_not;
  const std::optional<HeadMask> mask = find_head_mask(photo, why_not);
  ASSERT_TRUE(mask) << why_not;
  // Its outline is a few pixels out here and there (hair against a light wall): beside the head is
  // beyond 1% of the photo's width from it.
  cv::Mat near_head;
  const int reach = photo.width / 100;
  cv::dilate(mask->mask, near_head, cv::getStructuringElement(cv::MORPH_ELLIPSE, {2 * reach + 1, 2 * reach + 1}));
  const double scale = std::min(double(w) / photo.width, double(h) / photo.height);
  const cv::Rect slot(w + (w - int(photo.width * scale + 0.5)) / 2, (h - int(photo.height * scale + 0.5)) / 2,
                      int(photo.width * scale + 0.5), int(photo.height * scale + 0.5));
  int inked = 0, beside = 0;
  for (int y = slot.y; y < slot.y + slot.height; ++y)
    for (int x = slot.x; x < slot.x + slot.width; ++x) {
      if (after.at(x, y) == before.at(x, y)) continue;
      ++inked;
      const int px = std::min(photo.width - 1, int((x - slot.x) / scale)), py = std::min(photo.height - 1, int((y - slot.y) / scale));
      beside += near_head.at<std::uint8_t>(py, px) == 0;
    }
  std::cout << "the back of the head in the second view: " << inked << " pixels inked, " << beside
            << " of them beside the head (of " << slot.area() << " in its slot)\n";
  EXPECT_GT(inked, slot.area() / 10) << "the design on the back of the head";
  EXPECT_LT(beside, inked / 50) << "none beside it";
}

TEST_F(LiveWindow, ASecondInputThatCannotBeReadStopsBeforeTheWindowOpens) {
  const CommandResult run = smpview_with_environment("", "live --input demo --second-input " + (folder_ / "nothing.mp4").string());
  EXPECT_EQ(run.exit_code, 3) << run.output;
  EXPECT_NE(run.output.find("nothing.mp4"), std::string::npos) << run.output;
}

TEST(SideBySide, MirrorsTheFirstViewOnlyAndFitsTheSecondIntoItsSlot) {
  RgbaImage first(4, 2), second(2, 4), out;
  first.at(0, 0) = pack_rgba(255, 0, 0);   // top left
  second.at(0, 0) = pack_rgba(0, 255, 0);  // top left, scaled by half into the 4x2 slot: 1x2, centred
  second.at(0, 1) = pack_rgba(0, 255, 0);
  side_by_side(first, second, /*mirror_first=*/true, out);
  ASSERT_EQ(out.width, 8);
  ASSERT_EQ(out.height, 2);
  EXPECT_EQ(out.at(3, 0), pack_rgba(255, 0, 0)) << "the first view mirrored";
  EXPECT_EQ(out.at(0, 0), pack_rgba(0, 0, 0));
  EXPECT_EQ(channel(out.at(5, 0), 1), 128) << "the second view as filmed, half its width, in the middle of its slot";
  EXPECT_EQ(out.at(4, 0), pack_rgba(0, 0, 0)) << "black beside it";
  EXPECT_EQ(out.at(7, 1), pack_rgba(0, 0, 0));
  side_by_side(first, RgbaImage(), false, out);
  EXPECT_EQ(out.at(0, 0), pack_rgba(255, 0, 0)) << "not mirrored";
  EXPECT_EQ(out.at(6, 1), pack_rgba(0, 0, 0)) << "no second picture yet: a black slot";
}

TEST_F(LiveWindow, ADesignSavedForAPatientOpensAgainInTheNextSession) {
  const fs::path photo = fs::path(SMP_DATA_DIR) / "faces/aflw2000/image00050.jpg";
  const fs::path data = folder_ / "data", saved = folder_ / "saved.png", changed = folder_ / "changed.png",
                 reopened = folder_ / "reopened.png";
  const auto run_live = [&](const std::string& script) {
    std::ofstream(folder_ / "script.txt") << script;
    return smpview_with_environment("xvfb-run -a -s '-screen 0 640x480x24' env",
                                    "live --input " + photo.string() + " --max-density 40 --data-dir " + data.string() +
                                        " --script " + (folder_ / "script.txt").string());
  };
  CommandResult run = run_live("1 set hairline_mm 55\n1 set shade 1\n1 set density 40\n3 save Zoë \"Z\" O'Brien/2\n4 screenshot " +
                               saved.string() + "\n5 quit\n");
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const ConsultationStore store(data);
  ASSERT_EQ(store.patients(), std::vector<std::string>{"Zoë \"Z\" O'Brien/2"});
  EXPECT_EQ(store.open_latest("Zoë \"Z\" O'Brien/2").hairline_height_mm, 55.0);

  // The next session starts with the default design, and the practitioner opens the saved one.
  run = run_live("1 screenshot " + changed.string() + "\n3 open Zoë \"Z\" O'Brien/2\n6 screenshot " +
                 reopened.string() + "\n7 sheet\n8 quit\n");
  ASSERT_EQ(run.exit_code, 0) << run.output;
  // The Sheet button wrote the plan of the opened design into the data folder, under the patient's name.
  std::vector<fs::path> sheets;
  for (const auto& entry : fs::directory_iterator(data / "sheets")) sheets.push_back(entry.path());
  ASSERT_EQ(sheets.size(), 1u);
  EXPECT_EQ(sheets[0].filename().string().rfind(ConsultationStore::folder_name_of("Zoë \"Z\" O'Brien/2"), 0), 0u) << sheets[0];
  const CommandResult text = test::shell("pdftotext " + sheets[0].string() + " -");
  EXPECT_NE(text.output.find("55 mm above"), std::string::npos) << text.output;
  EXPECT_NE(text.output.find("Zoë \"Z\" O'Brien/2"), std::string::npos) << text.output;
  // Tracking a still photo wobbles by a pixel between runs, so the pictures are compared by how much
  // pigment they show: the sum of the brightness right of the panel.
  const auto brightness = [](const fs::path& screenshot) {
    const RgbaImage image = read_image(screenshot);
    double sum = 0.0;
    for (int y = 0; y < image.height; ++y)
      for (int x = kPanelRight; x < image.width; ++x) sum += channel(image.at(x, y), 0) + channel(image.at(x, y), 1);
    return sum;
  };
  const double pigment_saved = brightness(changed) - brightness(saved);
  const double pigment_reopened = brightness(changed) - brightness(reopened);
  std::cout << "darker than the default design: " << pigment_saved << " when saved, " << pigment_reopened
            << " after opening it again\n";
  EXPECT_GT(pigment_saved, 2000.0);
  EXPECT_NEAR(pigment_reopened, pigment_saved, 0.05 * pigment_saved);
}

TEST_F(LiveWindow, AResizedWindowIsFilledAgainAtItsNewSize) {
  const fs::path before = folder_ / "before.png", after = folder_ / "after.png";
  std::ofstream(folder_ / "script.txt") << "2 screenshot " << before.string() << "\n3 resize 800x600\n12 screenshot "
                                        << after.string() << "\n13 quit\n";
  const CommandResult run = smpview_with_environment(
      "xvfb-run -a -s '-screen 0 1280x720x24' env",
      "live --input " + (fs::path(SMP_DATA_DIR) / "faces/aflw2000/image00050.jpg").string() + " --max-density 20 --script " +
          (folder_ / "script.txt").string());
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const RgbaImage a = read_image(before), b = read_image(after);
  EXPECT_EQ(a.width, kWindowWidth);
  EXPECT_EQ(b.width, 800) << "the swapchain follows the window";
  EXPECT_EQ(b.height, 600);
  // The square photo fits the new height: centred, 600 px tall, so columns 100..699 show it.
  const auto lit = [&](int x, int y) { return channel(b.at(x, y), 0) + channel(b.at(x, y), 1) + channel(b.at(x, y), 2) > 60; };
  EXPECT_TRUE(lit(650, 300)) << "the picture, right of the panel";
  EXPECT_TRUE(lit(650, 590)) << "down to the bottom";
  EXPECT_FALSE(lit(50, 590)) << "the bars beside a square picture in a wide window";
}

TEST_F(LiveWindow, EscClosesTheMirror) {
  // A real key press in the window (smp_send_key), with no script to end it: only Esc can, within
  // the two minutes `timeout` gives it.
  const CommandResult run = test::shell("xvfb-run -a -s '-screen 0 1280x720x24' sh -c 'SMPVIEW_VALIDATION=1 timeout 120 " +
                                        std::string(SMPVIEW_BINARY) + " live --input " +
                                        (fs::path(SMP_DATA_DIR) / "faces/aflw2000/image00050.jpg").string() + " --max-density 20 & pid=$!; " +
                                        SMP_SEND_KEY_BINARY + " \"smpview: SMP preview\" Escape 60; wait $pid; echo \"live exit $?\"'");
  EXPECT_NE(run.output.find("live exit 0"), std::string::npos) << run.output;
}

TEST_F(LiveWindow, ABadScriptIsABadArgumentNamingTheLine) {
  std::ofstream(folder_ / "bad.txt") << "5 screenshot a.png\n7 jump 3\n";
  const CommandResult run = smpview_with_environment("", "live --input demo --script " + (folder_ / "bad.txt").string());
  EXPECT_EQ(run.exit_code, 2) << run.output;
  EXPECT_NE(run.output.find("bad.txt:2: unknown action 'jump'"), std::string::npos) << run.output;
}

TEST(UiScript, ThePhotosVerbsTakeAKnownPointAViewAndAWindowPixel) {
  const auto parsed = [](const std::string& text) {
    std::istringstream in(text);
    return parse_ui_script(in, "s.txt", ScriptFor::kLive);
  };
  const std::vector<UiAction> ok = parsed("1 mark nape\n2 click 12.5 40\n3 view left\n4 view face\n5 mark none\n");
  ASSERT_EQ(ok.size(), 5u);
  EXPECT_EQ(ok[0].name, "nape");
  EXPECT_DOUBLE_EQ(ok[1].value, 12.5);
  EXPECT_DOUBLE_EQ(ok[1].y, 40.0);
  EXPECT_EQ(ok[2].name, "left");
  for (const char* bad : {"1 mark forehead\n", "1 mark\n", "1 click 3\n", "1 click nan 4\n", "1 view sideways\n"})
    EXPECT_THROW(parsed(bad), BadArgument) << bad;
  std::istringstream kiosk("1 click 3 4\n");
  EXPECT_THROW(parse_ui_script(kiosk, "k.txt", ScriptFor::kKiosk), BadArgument) << "the kiosk has no photo to click on";
}

}  // namespace
}  // namespace smp
