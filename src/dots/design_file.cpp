#include "dots/design_file.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include <nlohmann/json.hpp>

namespace smp {
namespace {

using nlohmann::json;

std::string number_text(double v) {
  std::ostringstream s;
  s << v;
  return s.str();
}

double read_number(const json& j, const char* field, double value, double min, double max) {
  if (!j.contains(field)) return value;
  const json& v = j.at(field);
  if (!v.is_number()) throw DesignFileError(std::string(field) + ": must be a number, not " + v.dump());
  const double x = v.get<double>();
  if (!(x >= min && x <= max))
    throw DesignFileError(std::string(field) + ": " + number_text(x) + " is outside " + number_text(min) + ".." +
                          number_text(max));
  return x;
}

}  // namespace

SmpDesign parse_design(std::string_view text) {
  json j;
  try {
    j = json::parse(text);
  } catch (const json::parse_error& e) {
    // nlohmann's message ends with the byte position and what it expected.
    throw DesignFileError(std::string("not valid JSON: ") + e.what());
  }
  if (!j.is_object()) throw DesignFileError("a design must be a JSON object { ... }");
  if (!j.contains("version")) throw DesignFileError("version: missing (this program writes version " +
                                                    std::to_string(kDesignFileVersion) + ")");
  if (!j.at("version").is_number_integer() || j.at("version").get<int>() != kDesignFileVersion)
    throw DesignFileError("version: " + j.at("version").dump() + " is not a version this program reads (" +
                          std::to_string(kDesignFileVersion) + ")");
  static const char* const kFields[] = {"version", "density_per_cm2", "dot_diameter_mm", "shade", "session",
                                        "healed"};
  for (const auto& [key, value] : j.items())
    if (std::find(std::begin(kFields), std::end(kFields), key) == std::end(kFields))
      throw DesignFileError(key + ": not a design field (a typo?)");

  namespace limits = design_limits;
  SmpDesign d;
  d.density_per_cm2 =
      read_number(j, "density_per_cm2", d.density_per_cm2, limits::kMinDensityPerCm2, limits::kMaxDensityPerCm2);
  d.dot_diameter_mm =
      read_number(j, "dot_diameter_mm", d.dot_diameter_mm, limits::kMinDotDiameterMm, limits::kMaxDotDiameterMm);
  d.shade = read_number(j, "shade", d.shade, limits::kMinShade, limits::kMaxShade);
  if (j.contains("session")) {
    const json& s = j.at("session");
    if (!s.is_number_integer() || s.get<int>() < 1 || s.get<int>() > limits::kSessions)
      throw DesignFileError("session: must be 1, 2 or 3, not " + s.dump());
    d.session = s.get<int>();
  }
  if (j.contains("healed")) {
    if (!j.at("healed").is_boolean()) throw DesignFileError("healed: must be true or false, not " + j.at("healed").dump());
    d.healed = j.at("healed").get<bool>();
  }
  return d;
}

std::string design_to_json(const SmpDesign& d) {
  const json j = {{"version", kDesignFileVersion}, {"density_per_cm2", d.density_per_cm2},
                  {"dot_diameter_mm", d.dot_diameter_mm}, {"shade", d.shade},
                  {"session", d.session}, {"healed", d.healed}};
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
  const std::filesystem::path temporary =
      path.parent_path() / ("." + path.filename().string() + ".partial-" + std::to_string(::getpid()));
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << design_to_json(design);
    if (!out.flush()) throw DesignFileError(path.string() + ": cannot be written");
  }
  std::error_code error;
  std::filesystem::rename(temporary, path, error);
  if (error) {
    std::filesystem::remove(temporary, error);
    throw DesignFileError(path.string() + ": cannot be written");
  }
}

}  // namespace smp
