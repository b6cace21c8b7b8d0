// Design files: round trip, defaults, and one clear error per kind of broken file.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "app/design_settings.h"
#include "dots/design_file.h"

namespace smp {
namespace {

namespace fs = std::filesystem;

void expect_same(const ScalpPatch& a, const ScalpPatch& b) {
  EXPECT_EQ(a.azimuth_deg, b.azimuth_deg);
  EXPECT_EQ(a.elevation_deg, b.elevation_deg);
  EXPECT_EQ(a.across_mm, b.across_mm);
  EXPECT_EQ(a.along_mm, b.along_mm);
  EXPECT_EQ(a.feather_mm, b.feather_mm);
  EXPECT_EQ(a.density_scale, b.density_scale);
  EXPECT_EQ(a.shade_scale, b.shade_scale);
}

void expect_same(const SmpDesign& a, const SmpDesign& b) {
  EXPECT_EQ(a.coverage, b.coverage);
  EXPECT_EQ(a.hairline_height_mm, b.hairline_height_mm);
  EXPECT_EQ(a.hairline_shape, b.hairline_shape);
  EXPECT_EQ(a.softness_mm, b.softness_mm);
  EXPECT_EQ(a.irregularity, b.irregularity);
  expect_same(a.diffuse_area, b.diffuse_area);
  ASSERT_EQ(a.scars.size(), b.scars.size());
  for (size_t i = 0; i < a.scars.size(); ++i) expect_same(a.scars[i], b.scars[i]);
  EXPECT_EQ(a.density_per_cm2, b.density_per_cm2);
  EXPECT_EQ(a.dot_diameter_mm, b.dot_diameter_mm);
  EXPECT_EQ(a.shade, b.shade);
  EXPECT_EQ(a.session, b.session);
  EXPECT_EQ(a.healed, b.healed);
}

TEST(DesignFile, RoundTripKeepsEveryField) {
  const SmpDesign design{.coverage = Coverage::kDiffuseThinning,
                         .hairline_height_mm = 92.5,
                         .hairline_shape = HairlineShape::kFrontalPeak,
                         .softness_mm = 14.0,
                         .irregularity = 0.8,
                         .diffuse_area = {.azimuth_deg = 10, .elevation_deg = 60, .across_mm = 90, .along_mm = 140},
                         .scars = {ScalpPatch{.azimuth_deg = 175, .elevation_deg = 5, .density_scale = 1.6},
                                   ScalpPatch{.across_mm = 30, .along_mm = 25, .shade_scale = 0.8}},
                         .density_per_cm2 = 123.5,
                         .dot_diameter_mm = 0.65,
                         .shade = 0.3,
                         .session = 2,
                         .healed = true};
  expect_same(parse_design(design_to_json(design)), design);
  const std::string text = design_to_json(design);
  for (const char* field : {"\"version\"", "\"hairline_height_mm\"", "\"softness_mm\"", "\"density_per_cm2\"",
                            "\"dot_diameter_mm\"", "\"shade\"", "\"session\"", "\"healed\"", "\"across_mm\""})
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
      {R"({"version": 1, "hairline_height_mm": 30})", "hairline_height_mm: 30 is outside 55..120"},
      {R"({"version": 1, "softness_mm": null})", "softness_mm: must be a number, not null"},
      {R"({"version": 1, "hairline_shape": "wavy"})", "hairline_shape: must be one of straight, rounded"},
      {R"({"version": 1, "coverage": 2})", "coverage: must be one of hairline, diffuse_thinning"},
      {R"({"version": 1, "scars": {"across_mm": 20}})", "scars: must be a list"},
      {R"({"version": 1, "scars": [{}, {"along_mm": "wide"}]})", "scars[1].along_mm: must be a number"},
      {R"({"version": 1, "scars": [{"radius_mm": 3}]})", "scars[0].radius_mm: not a design field"},
      {R"({"version": 1, "scars": [{}, {}, {}, {}, {}]})", "scars: at most 4 regions"},
      {R"({"version": 1, "diffuse_area": {"density_scale": 9}})", "diffuse_area.density_scale: 9 is outside 0..3"},
      {R"({"version": 1, "diffuse_area": 5})", "diffuse_area: must be a JSON object"},
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
  const FieldSize field{.density_per_cm2 = 100.0, .ranks = 10000};
  SplatSettings previous{.shade = -1.0f};
  previous.design.shares.x = 0.0f;
  for (int session = 1; session <= 3; ++session) {
    d.session = session;
    const SplatSettings s = splat_settings_for(d, fit_scalp({}), field);
    EXPECT_GT(s.design.shares.x, previous.design.shares.x) << "session " << session;
    EXPECT_GT(s.shade, previous.shade) << "session " << session;
    previous = s;
  }
  // Session 1 places half the dots; the last shows the whole design density (80 of the field's 100).
  EXPECT_FLOAT_EQ(splat_settings_for(SmpDesign{.session = 1}, fit_scalp({}), field).design.shares.x, 0.4f);
  EXPECT_FLOAT_EQ(previous.design.shares.x, 0.8f);
  EXPECT_FLOAT_EQ(previous.shade, float(d.shade));
}

TEST(DesignSettings, HealedDotsAreLargerSofterAndLighter) {
  const FieldSize field{.density_per_cm2 = 100.0, .ranks = 100};
  const SplatSettings fresh = splat_settings_for(SmpDesign{}, fit_scalp({}), field);
  const SplatSettings healed = splat_settings_for(SmpDesign{.healed = true}, fit_scalp({}), field);
  EXPECT_GT(healed.dot_diameter_mm, fresh.dot_diameter_mm);
  EXPECT_LT(healed.dot_diameter_mm, 1.3f * fresh.dot_diameter_mm);  // "slightly"
  EXPECT_GT(healed.softness, fresh.softness);
  EXPECT_EQ(healed.shade, fresh.shade);
  // Less pigment per dot (its area times the pigment per area), and less still per area.
  const auto pigment = [](const SplatSettings& s) { return s.pigment_per_area * s.dot_diameter_mm * s.dot_diameter_mm; };
  EXPECT_LT(pigment(healed), 0.9f * pigment(fresh));
  EXPECT_LT(healed.pigment_per_area, fresh.pigment_per_area);
}

}  // namespace
}  // namespace smp
