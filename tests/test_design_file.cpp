// Design files: round trip, defaults, and one clear error per kind of broken file.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "app/design_settings.h"
#include "dots/design_file.h"

namespace smp {
namespace {

namespace fs = std::filesystem;

void expect_same(const SmpDesign& a, const SmpDesign& b) {
  EXPECT_EQ(a.density_per_cm2, b.density_per_cm2);
  EXPECT_EQ(a.dot_diameter_mm, b.dot_diameter_mm);
  EXPECT_EQ(a.shade, b.shade);
  EXPECT_EQ(a.session, b.session);
  EXPECT_EQ(a.healed, b.healed);
}

TEST(DesignFile, RoundTripKeepsEveryField) {
  const SmpDesign design{.density_per_cm2 = 123.5, .dot_diameter_mm = 0.65, .shade = 0.3, .session = 2, .healed = true};
  expect_same(parse_design(design_to_json(design)), design);
  const std::string text = design_to_json(design);
  for (const char* field : {"\"version\"", "\"density_per_cm2\"", "\"dot_diameter_mm\"", "\"shade\"", "\"session\"",
                            "\"healed\""})
    EXPECT_NE(text.find(field), std::string::npos) << field;
}

TEST(DesignFile, MissingFieldsTakeTheirDefaults) {
  expect_same(parse_design(R"({"version": 1})"), SmpDesign{});
  const SmpDesign d = parse_design(R"({"version": 1, "shade": 0.9})");
  EXPECT_EQ(d.shade, 0.9);
  EXPECT_EQ(d.density_per_cm2, SmpDesign{}.density_per_cm2);
}

TEST(DesignFile, EachBrokenFileNamesItsFieldAndProblem) {
  const std::vector<std::pair<std::string, std::string>> broken{
      {R"({"version": 1, "shade": "dark"})", "shade: must be a number"},
      {R"({"version": 1, "density_per_cm2": 1000})", "density_per_cm2: 1000 is outside 5..400"},
      {R"({"version": 1, "dot_diameter_mm": -0.5})", "dot_diameter_mm: -0.5 is outside"},
      {R"({"version": 1, "session": 4})", "session: must be 1, 2 or 3"},
      {R"({"version": 1, "healed": "yes"})", "healed: must be true or false"},
      {R"({"version": 2, "shade": 0.5})", "version: 2 is not a version this program reads"},
      {R"({"shade": 0.5})", "version: missing"},
      {R"({"version": 1, "densty_per_cm2": 80})", "densty_per_cm2: not a design field"},
      {R"({"version": 1, "shade": 0.5)", "not valid JSON"},
      {R"([1, 2])", "must be a JSON object"},
      {"", "not valid JSON"},
  };
  for (const auto& [text, message] : broken) {
    try {
      parse_design(text);
      ADD_FAILURE() << "accepted: " << text;
    } catch (const DesignFileError& e) {
      EXPECT_NE(std::string(e.what()).find(message), std::string::npos) << text << " -> " << e.what();
      EXPECT_EQ(std::string(e.what()).find('\n'), std::string::npos) << "one line: " << e.what();
    }
  }
}

TEST(DesignFile, FilesAreWrittenWholeAndReadBack) {
  const fs::path folder = fs::temp_directory_path() / ("smp-design-" + std::to_string(::getpid()));
  fs::create_directories(folder);
  const SmpDesign design{.density_per_cm2 = 60, .dot_diameter_mm = 0.4, .shade = 0.25, .session = 1, .healed = false};
  write_design_file(design, folder / "patient.json");
  expect_same(read_design_file(folder / "patient.json"), design);
  EXPECT_EQ(std::distance(fs::directory_iterator(folder), fs::directory_iterator()), 1) << "temporary file left";
  try {
    read_design_file(folder / "missing.json");
    ADD_FAILURE() << "read a missing file";
  } catch (const DesignFileError& e) {
    EXPECT_NE(std::string(e.what()).find("missing.json"), std::string::npos) << e.what();
  }
  fs::remove_all(folder);
}

TEST(DesignSettings, EarlierSessionsAreSparserAndLighter) {
  SmpDesign d;
  SplatSettings previous{.shade = -1.0f, .visible_rank_limit = 0};
  for (int session = 1; session <= 3; ++session) {
    d.session = session;
    const SplatSettings s = splat_settings_for(d, 10000);
    EXPECT_GT(s.visible_rank_limit, previous.visible_rank_limit) << "session " << session;
    EXPECT_GT(s.shade, previous.shade) << "session " << session;
    previous = s;
  }
  EXPECT_EQ(previous.visible_rank_limit, 10000u);  // the last session shows the whole design
  EXPECT_FLOAT_EQ(previous.shade, float(d.shade));
}

TEST(DesignSettings, HealedDotsAreLargerSofterAndLighter) {
  const SplatSettings fresh = splat_settings_for(SmpDesign{}, 100);
  const SplatSettings healed = splat_settings_for(SmpDesign{.healed = true}, 100);
  EXPECT_GT(healed.dot_diameter_mm, fresh.dot_diameter_mm);
  EXPECT_LT(healed.dot_diameter_mm, 1.3f * fresh.dot_diameter_mm);  // "slightly"
  EXPECT_GT(healed.softness, fresh.softness);
  EXPECT_LT(healed.shade, fresh.shade);
}

}  // namespace
}  // namespace smp
