#include "dots/design_file.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "files/whole_file.h"

namespace smp {
namespace {

using nlohmann::json;
namespace limits = design_limits;

std::string number_text(double v) {
  std::ostringstream s;
  s << v;
  return s.str();
}

// The names a file uses for the enumerations, in the order of their values.
constexpr const char* kCoverageNames[] = {"hairline", "diffuse_thinning"};
constexpr const char* kShapeNames[] = {"straight", "rounded", "receded_temples", "frontal_peak"};

// Reads the fields of one JSON object, naming each by its path ("scars[1].across_mm") in errors and
// refusing fields it does not know, so that a typo is never silently ignored.
class FieldReader {
 public:
  FieldReader(const json& object, std::string path, std::initializer_list<const char*> known) : j_(object), path_(std::move(path)) {
    if (!j_.is_object()) fail("", "must be a JSON object { ... }, not " + j_.dump());
    for (const auto& item : j_.items())
      if (std::find(known.begin(), known.end(), std::string_view(item.key())) == known.end()) fail(item.key(), "not a design field (a typo?)");
  }

  void number(const char* field, double& value, double min, double max) const {
    if (!j_.contains(field)) return;
    const json& v = j_.at(field);
    if (!v.is_number()) fail(field, "must be a number, not " + v.dump());
    const double x = v.get<double>();
    if (!(x >= min && x <= max)) fail(field, number_text(x) + " is outside " + number_text(min) + ".." + number_text(max));
    value = x;
  }

  void boolean(const char* field, bool& value) const {
    if (!j_.contains(field)) return;
    if (!j_.at(field).is_boolean()) fail(field, "must be true or false, not " + j_.at(field).dump());
    value = j_.at(field).get<bool>();
  }

  template <typename Enum, size_t N>
  void name(const char* field, Enum& value, const char* const (&names)[N]) const {
    if (!j_.contains(field)) return;
    const json& v = j_.at(field);
    for (size_t i = 0; i < N; ++i)
      if (v.is_string() && v.get<std::string>() == names[i]) {
        value = Enum(i);
        return;
      }
    std::string choices;
    for (size_t i = 0; i < N; ++i) choices += std::string(i ? ", " : "") + names[i];
    fail(field, "must be one of " + choices + ", not " + v.dump());
  }

  [[noreturn]] void fail(const std::string& field, const std::string& problem) const {
    const std::string where = path_.empty() ? field : field.empty() ? path_ : path_ + "." + field;
    throw DesignFileError(where + ": " + problem);
  }

 private:
  const json& j_;
  std::string path_;
};

ScalpPatch read_patch(const json& j, const std::string& path, ScalpPatch p) {
  const FieldReader r(j, path, {"azimuth_deg", "elevation_deg", "across_mm", "along_mm", "feather_mm", "density_scale",
                                "shade_scale"});
  r.number("azimuth_deg", p.azimuth_deg, -360.0, 360.0);
  r.number("elevation_deg", p.elevation_deg, -60.0, 90.0);
  r.number("across_mm", p.across_mm, limits::kMinPatchMm, limits::kMaxPatchMm);
  r.number("along_mm", p.along_mm, limits::kMinPatchMm, limits::kMaxPatchMm);
  r.number("feather_mm", p.feather_mm, 0.0, limits::kMaxPatchMm);
  r.number("density_scale", p.density_scale, 0.0, limits::kMaxDensityScale);
  r.number("shade_scale", p.shade_scale, 0.0, limits::kMaxShadeScale);
  return p;
}

json patch_json(const ScalpPatch& p) {
  return {{"azimuth_deg", p.azimuth_deg},     {"elevation_deg", p.elevation_deg}, {"across_mm", p.across_mm},
          {"along_mm", p.along_mm},           {"feather_mm", p.feather_mm},       {"density_scale", p.density_scale},
          {"shade_scale", p.shade_scale}};
}

}  // namespace

SmpDesign parse_design(std::string_view text) {
  json j;
  try {
    j = json::parse(text);
  } catch (const json::exception& e) {
    // Bad syntax, or a number no double holds (1e999). nlohmann's message ends with the byte position
    // and what it expected.
    throw DesignFileError(std::string("not valid JSON: ") + e.what());
  }
  if (!j.is_object()) throw DesignFileError("a design must be a JSON object { ... }");
  if (!j.contains("version")) throw DesignFileError("version: missing (this program writes version " +
                                                    std::to_string(kDesignFileVersion) + ")");
  if (!j.at("version").is_number_integer() || j.at("version").get<int>() != kDesignFileVersion)
    throw DesignFileError("version: " + j.at("version").dump() + " is not a version this program reads (" +
                          std::to_string(kDesignFileVersion) + ")");
  const FieldReader r(j, "", {"version", "coverage", "hairline_height_mm", "hairline_shape", "softness_mm",
                              "irregularity", "diffuse_area", "scars", "density_per_cm2", "dot_diameter_mm", "shade",
                              "session", "healed"});
  SmpDesign d;
  r.name("coverage", d.coverage, kCoverageNames);
  r.number("hairline_height_mm", d.hairline_height_mm, limits::kMinHairlineHeightMm, limits::kMaxHairlineHeightMm);
  r.name("hairline_shape", d.hairline_shape, kShapeNames);
  r.number("softness_mm", d.softness_mm, limits::kMinSoftnessMm, limits::kMaxSoftnessMm);
  r.number("irregularity", d.irregularity, 0.0, 1.0);
  if (j.contains("diffuse_area")) d.diffuse_area = read_patch(j.at("diffuse_area"), "diffuse_area", d.diffuse_area);
  if (j.contains("scars")) {
    const json& scars = j.at("scars");
    if (!scars.is_array()) r.fail("scars", "must be a list [ {...}, ... ], not " + scars.dump());
    if (scars.size() > limits::kMaxScars) r.fail("scars", "at most " + std::to_string(limits::kMaxScars) + " regions");
    for (size_t i = 0; i < scars.size(); ++i) d.scars.push_back(read_patch(scars[i], "scars[" + std::to_string(i) + "]", {}));
  }
  r.number("density_per_cm2", d.density_per_cm2, limits::kMinDensityPerCm2, limits::kMaxDensityPerCm2);
  r.number("dot_diameter_mm", d.dot_diameter_mm, limits::kMinDotDiameterMm, limits::kMaxDotDiameterMm);
  r.number("shade", d.shade, limits::kMinShade, limits::kMaxShade);
  if (j.contains("session")) {
    const json& s = j.at("session");
    if (!s.is_number_integer() || s.get<int>() < 1 || s.get<int>() > limits::kSessions)
      r.fail("session", "must be 1, 2 or 3, not " + s.dump());
    d.session = s.get<int>();
  }
  r.boolean("healed", d.healed);
  return d;
}

std::string design_to_json(const SmpDesign& d) {
  json scars = json::array();
  for (const ScalpPatch& p : d.scars) scars.push_back(patch_json(p));
  const json j = {{"version", kDesignFileVersion},
                  {"coverage", kCoverageNames[int(d.coverage)]},
                  {"hairline_height_mm", d.hairline_height_mm},
                  {"hairline_shape", kShapeNames[int(d.hairline_shape)]},
                  {"softness_mm", d.softness_mm},
                  {"irregularity", d.irregularity},
                  {"diffuse_area", patch_json(d.diffuse_area)},
                  {"scars", scars},
                  {"density_per_cm2", d.density_per_cm2},
                  {"dot_diameter_mm", d.dot_diameter_mm},
                  {"shade", d.shade},
                  {"session", d.session},
                  {"healed", d.healed}};
  return j.dump(2) + "\n";
}

SmpDesign read_design_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw DesignFileError(path.string() + ": cannot be read");
  std::ostringstream text;
  text << in.rdbuf();
  try {
    return parse_design(text.str());
  } catch (const DesignFileError& e) {
    throw DesignFileError(path.string() + ": " + e.what());
  }
}

void write_design_file(const SmpDesign& design, const std::filesystem::path& path) {
  try {
    write_whole_file(path, text_content(design_to_json(design)));
  } catch (const FileWriteError& e) {
    throw DesignFileError(e.what());
  }
}

}  // namespace smp
