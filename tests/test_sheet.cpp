// The printable consultation sheet, read back with poppler's tools (pdftotext, pdfinfo, pdfimages):
// the hairline height and the impression estimate are there as text, and the pictures embedded in it
// differ between before and after only on the scalp.
#include <gtest/gtest.h>

#include <fstream>

#include <opencv2/imgproc.hpp>

#include "record/image_file.h"
#include "scalp_photos.h"
#include "test_support.h"
#include "tracking/face_landmarks.h"

namespace smp {
namespace {

namespace fs = std::filesystem;
using test::CommandResult;
using Sheet = test::TempFolderTest;

const fs::path kData(SMP_DATA_DIR);

fs::path low_dark_design(const fs::path& folder) {
  const fs::path file = folder / "design.json";
  std::ofstream(file) << R"({"version": 1, "hairline_height_mm": 66, "shade": 1.0, "density_per_cm2": 100, "dot_diameter_mm": 0.7})";
  return file;
}

int pages_of(const fs::path& pdf) {
  const CommandResult info = test::shell("pdfinfo " + pdf.string());
  const auto at = info.output.find("Pages:");
  return at == std::string::npos ? -1 : std::stoi(info.output.substr(at + 6));
}

// The number after `label` in pdftotext's output ("about 12,400" -> 12400); -1 when absent.
long number_after(const std::string& text, const std::string& label) {
  const auto at = text.find(label);
  if (at == std::string::npos) return -1;
  const auto first = text.find_first_of("0123456789", at + label.size());
  std::string digits;
  for (auto i = first; i < text.size() && (std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == ','); ++i)
    if (text[i] != ',') digits += text[i];
  return digits.empty() ? -1 : std::stol(digits);
}

TEST_F(Sheet, AVideoGivesTwoPagesWithTheHairlineHeightAndTheImpressionsAsText) {
  const fs::path pdf = folder_ / "plan.pdf";
  const CommandResult run = test::smpview("sheet --input " + (kData / "video/capture4.mp4").string() + " --design " +
                                          low_dark_design(folder_).string() + " --patient 'Zoë O'\\''Brien' --output " +
                                          pdf.string());
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_EQ(pages_of(pdf), 2) << "the front, then the head turned to each side";
  const CommandResult text = test::shell("pdftotext -layout " + pdf.string() + " -");
  ASSERT_EQ(text.exit_code, 0) << text.output;
  std::cout << text.output.substr(0, 1600) << "\n";
  EXPECT_NE(text.output.find("Zoë O'Brien"), std::string::npos);
  EXPECT_NE(text.output.find("66 mm above the point between the eyebrows"), std::string::npos);
  EXPECT_NE(text.output.find("Turned to their left"), std::string::npos);
  EXPECT_NE(text.output.find("Turned to their right"), std::string::npos);

  const long total = number_after(text.output, "In total"), area = number_after(text.output, "Area covered");
  long sessions = 0;
  for (const char* s : {"Session 1", "Session 2", "Session 3"}) {
    const std::string line = text.output.substr(text.output.find(s), 60);
    ASSERT_GT(number_after(line, "about"), 0) << line;
    sessions += number_after(line, "about");
  }
  ASSERT_GT(total, 0);
  ASSERT_GT(area, 0);
  EXPECT_NEAR(double(sessions), double(total), 200.0) << "the sessions add up to the total (each rounded to 100)";
  // Every covered square centimetre at 100 per cm^2, less the sparse transition zone at the hairline.
  EXPECT_GT(double(total), 0.8 * 100.0 * double(area));
  EXPECT_LT(double(total), 1.02 * 100.0 * double(area));
  const long recommended = number_after(text.output, "Recommended:");
  EXPECT_GE(recommended, 3);
  EXPECT_GE(recommended * 15000, total) << "no session over 15,000 impressions";
}

TEST_F(Sheet, BeforeAndAfterDifferOnlyOnTheScalp) {
  const fs::path pdf = folder_ / "plan.pdf";
  const CommandResult run = test::smpview("sheet --input " + (kData / "faces/aflw2000/image00050.jpg").string() +
                                          " --design " + low_dark_design(folder_).string() + " --output " + pdf.string());
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_EQ(pages_of(pdf), 1) << "a photo has only the front view";
  ASSERT_EQ(test::shell("pdfimages -png " + pdf.string() + " " + (folder_ / "picture").string()).exit_code, 0);
  const RgbaImage before = read_image(folder_ / "picture-000.png"), after = read_image(folder_ / "picture-001.png");
  ASSERT_EQ(before.width, after.width);
  ASSERT_EQ(before.height, after.height);
  EXPECT_GT(before.width, 300) << "the photo at its own resolution, not a thumbnail";

  // Where the scalp is, from the landmarks of the before picture as the sheet shows it.
  const cv::Mat rgba(before.height, before.width, CV_8UC4, const_cast<std::uint32_t*>(before.pixels.data()));
  cv::Mat grey;
  cv::cvtColor(rgba, grey, cv::COLOR_RGBA2GRAY);
  const std::vector<FaceBox> faces = FaceDetector(1000).detect(grey);
  ASSERT_EQ(faces.size(), 1u);
  const Landmarks68 landmarks = LandmarkPredictor().predict(grey, faces[0]);
  int changed = 0, astray = 0;
  for (int y = 0; y < before.height; ++y)
    for (int x = 0; x < before.width; ++x) {
      if (before.at(x, y) == after.at(x, y)) continue;
      ++changed;
      astray += !test::on_the_scalp_seen_from_the_front(landmarks, x, y);
    }
  std::cout << "sheet pictures: " << changed << " pixels differ, " << astray << " of them off the scalp\n";
  // This 450 px photo shows about 700 px of the design's scalp (about 1000 before the tracked scalp
  // took an adult's size; see scalp_fit.h).
  EXPECT_GT(changed, 500);
  EXPECT_EQ(astray, 0);
}

// A clinic's photo set without a face in it: each photo with its view. Every view is on the sheet with
// the design inside the traced head, two to a page after the first, and the impressions stay the count
// of one head: the same as the sheet of the front photo alone.
TEST_F(Sheet, APhotoSetWithoutAFaceShowsTheDesignOnEveryViewAndCountsOneHead) {
  std::vector<test::ScalpPhoto> set;
  for (const char* stem : {"31-Back_81fc8b", "21-Front_1fbb25", "21-Top-Down_2d7b1f"})
    for (test::ScalpPhoto& p : test::scalp_photos())
      if (p.name == stem) set.push_back(std::move(p));
  ASSERT_EQ(set.size(), 3u);
  std::string arguments, front_only;
  for (const test::ScalpPhoto& p : set) {
    const std::string one = " --input " + (kData / p.source).string() + " --view " + std::string(view_name(p.view));
    arguments += one;
    if (p.view == PhotoView::kFront) front_only = one;
  }
  const fs::path pdf = folder_ / "plan.pdf", front_pdf = folder_ / "front.pdf";
  const CommandResult run = test::smpview("sheet" + arguments + " --output " + pdf.string());
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_EQ(pages_of(pdf), 2) << "the front, then the two other views";
  const CommandResult text = test::shell("pdftotext -layout " + pdf.string() + " -");
  for (const char* heading : {"Front", "Top", "Back", "The other views"})
    EXPECT_NE(text.output.find(heading), std::string::npos) << heading << " missing in:\n" << text.output;
  EXPECT_LT(text.output.find("Front"), text.output.find("Back")) << "the front comes first, whatever the order given";

  // Pictures in the order shown: the front, the back (given first of the others), the top; each before, then after.
  ASSERT_EQ(test::shell("pdfimages -png " + pdf.string() + " " + (folder_ / "picture").string()).exit_code, 0);
  const std::vector<const test::ScalpPhoto*> shown = {&set[1], &set[0], &set[2]};
  for (size_t i = 0; i < shown.size(); ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "picture-%03zu.png", 2 * i);
    const RgbaImage before = read_image(folder_ / name);
    std::snprintf(name, sizeof name, "picture-%03zu.png", 2 * i + 1);
    const RgbaImage after = read_image(folder_ / name);
    ASSERT_EQ(before.width, shown[i]->picture.width) << "without a face, the whole photo at its own size";
    ASSERT_EQ(before.height, shown[i]->picture.height);
    const test::Ink ink = test::ink_of(before, after, shown[i]->head);
    const double head_area = cv::countNonZero(test::polygon_mask({before.width, before.height}, shown[i]->head));
    std::printf("photo set sheet: %-20s ink %.0f per head pixel, %.2f%% of it inside the traced head\n",
                shown[i]->name.c_str(), ink.total / head_area, 100.0 * ink.share());
    EXPECT_GT(ink.total / head_area, 5.0) << shown[i]->name << ": the design shows";
    EXPECT_GE(ink.share(), 0.98) << shown[i]->name;
  }

  const CommandResult front = test::smpview("sheet" + front_only + " --output " + front_pdf.string());
  ASSERT_EQ(front.exit_code, 0) << front.output;
  EXPECT_EQ(pages_of(front_pdf), 1);
  const long total = number_after(text.output, "In total");
  EXPECT_GT(total, 0);
  EXPECT_EQ(number_after(test::shell("pdftotext -layout " + front_pdf.string() + " -").output, "In total"), total)
      << "one head, one count: the other views show the same design, they do not add to it";
}

TEST_F(Sheet, APngIsTheSamePageAsAPicture) {
  const fs::path png = folder_ / "plan.png";
  const CommandResult run = test::smpview("sheet --input " + (kData / "faces/aflw2000/image00050.jpg").string() +
                                          " --output " + png.string());
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const RgbaImage page = read_image(png);
  EXPECT_EQ(page.width, 1190) << "A4 at 144 dpi";
  EXPECT_EQ(page.height, 1684);
  EXPECT_EQ(page.at(10, 10), pack_rgba(255, 255, 255)) << "white paper";
  int dark = 0;  // the title and the text
  for (int y = 0; y < 200; ++y)
    for (int x = 0; x < page.width; ++x) dark += channel(page.at(x, y), 1) < 60;
  EXPECT_GT(dark, 2000);
}

TEST_F(Sheet, BadInputsSayWhy) {
  const fs::path out = folder_ / "plan.pdf";
  CommandResult run = test::smpview("sheet --input " + (kData / "faces/dlib/dogs.jpg").string() + " --output " + out.string());
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_NE(run.output.find("no face found"), std::string::npos) << run.output;
  run = test::smpview("sheet --input " + (folder_ / "missing.mp4").string() + " --output " + out.string());
  EXPECT_EQ(run.exit_code, 3) << run.output;
  run = test::smpview("sheet --input " + (kData / "faces/dlib/dogs.jpg").string() + " --output " + (folder_ / "plan.docx").string());
  EXPECT_EQ(run.exit_code, 2) << run.output;
  EXPECT_NE(run.output.find(".pdf or .png"), std::string::npos) << run.output;
  // A photo set: one view per photo, photos only, five at most.
  const std::string photo = " --input " + (kData / "faces/dlib/dogs.jpg").string();
  run = test::smpview("sheet" + photo + photo + " --view front --output " + out.string());
  EXPECT_EQ(run.exit_code, 2) << run.output;
  EXPECT_NE(run.output.find("one per --input"), std::string::npos) << run.output;
  run = test::smpview("sheet" + photo + " --input " + (kData / "video/capture4.mp4").string() + " --output " + out.string());
  EXPECT_EQ(run.exit_code, 2) << run.output;
  EXPECT_NE(run.output.find("is a video"), std::string::npos) << run.output;
  run = test::smpview("sheet" + photo + photo + photo + photo + photo + photo + " --output " + out.string());
  EXPECT_EQ(run.exit_code, 2) << run.output;
  EXPECT_NE(run.output.find("at most 5 photos"), std::string::npos) << run.output;
  // Marked points: one file (or none) per photo, and each file able to pin a pose on its photo.
  run = test::smpview("sheet" + photo + photo + " --points none --output " + out.string());
  EXPECT_EQ(run.exit_code, 2) << run.output;
  EXPECT_NE(run.output.find("--points: one per --input"), std::string::npos) << run.output;
  const fs::path two = folder_ / "two.json";
  std::ofstream(two) << R"({"nasion": [10, 10], "chin": [10, 30]})";
  run = test::smpview("sheet" + photo + photo + " --points none --points " + two.string() + " --output " + out.string());
  EXPECT_EQ(run.exit_code, 2) << run.output;
  EXPECT_NE(run.output.find("at least 3"), std::string::npos) << run.output;
  fs::remove(two);
  EXPECT_FALSE(fs::exists(out));
  for (const auto& entry : fs::directory_iterator(folder_)) EXPECT_NE(entry.path().filename().string().front(), '.') << "no leftovers";
}

}  // namespace
}  // namespace smp
