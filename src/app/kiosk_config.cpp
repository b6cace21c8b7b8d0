#include "app/kiosk_config.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "dots/design_file.h"
#include "files/whole_file.h"

namespace smp {
namespace {

using json = nlohmann::json;

[[noreturn]] void fail(const std::string& field, const std::string& problem) { throw KioskConfigError(field + ": " + problem); }

const json& only_known_fields(const json& j, const std::string& where, std::initializer_list<const char*> known) {
  if (!j.is_object()) fail(where, "must be a JSON object { ... }, not " + j.dump());
  for (const auto& item : j.items())
    if (std::find(known.begin(), known.end(), std::string_view(item.key())) == known.end())
      fail(where.empty() ? item.key() : where + "." + item.key(), "not a kiosk setting (a typo?)");
  return j;
}

std::string text(const json& j, const std::string& field) {
  if (!j.is_string() || j.get<std::string>().empty()) fail(field, "must be a non-empty text in quotes, not " + j.dump());
  return j.get<std::string>();
}

double number(const json& j, const std::string& field, double min, double max) {
  if (!j.is_number()) fail(field, "must be a number, not " + j.dump());
  const double x = j.get<double>();
  if (!(x >= min && x <= max)) fail(field, j.dump() + " is outside " + json(min).dump() + ".." + json(max).dump());
  return x;
}

const json& list(const json& j, const std::string& field) {
  if (!j.is_array() || j.empty() || j.size() > 8) fail(field, "must be a list of 1 to 8 entries [ {...}, ... ]");
  return j;
}

}  // namespace

KioskConfig default_kiosk_config() {
  // Hairlines from shared/smp-clinical.md: ~100 mm conservative, 80 one published mark, ~70 defined.
  KioskConfig c;
  c.looks = {{"Conservative", SmpDesign{.hairline_height_mm = 92.0, .hairline_shape = HairlineShape::kRecededTemples}},
             {"Natural", SmpDesign{.hairline_height_mm = 82.0, .hairline_shape = HairlineShape::kRounded}},
             {"Defined", SmpDesign{.hairline_height_mm = 72.0, .hairline_shape = HairlineShape::kStraight,
                                   .softness_mm = 6.0, .density_per_cm2 = 95.0}}};
  c.shades = {{"Light", 0.35}, {"Medium", 0.55}, {"Dark", 0.8}};
  return c;
}

KioskConfig parse_kiosk_config(std::string_view json_text) {
  json j;
  try {
    j = json::parse(json_text);
  } catch (const json::exception& e) {
    throw KioskConfigError(std::string("not valid JSON: ") + e.what());
  }
  only_known_fields(j, "", {"looks", "shades", "forget_after_s", "face_confirm_s", "invitation", "pin_hash"});
  KioskConfig c = default_kiosk_config();
  if (j.contains("looks")) {
    c.looks.clear();
    const json& looks = list(j.at("looks"), "looks");
    for (size_t i = 0; i < looks.size(); ++i) {
      const std::string where = "looks[" + std::to_string(i) + "]";
      only_known_fields(looks[i], where, {"name", "design"});
      KioskLook look{.name = text(looks[i].value("name", json()), where + ".name"), .design = {}};
      if (looks[i].contains("design")) {
        json design = looks[i].at("design");
        if (design.is_object() && !design.contains("version")) design["version"] = kDesignFileVersion;
        try {
          look.design = parse_design(design.dump());
        } catch (const DesignFileError& e) {
          throw KioskConfigError(where + ".design." + e.what());
        }
      }
      c.looks.push_back(look);
    }
  }
  if (j.contains("shades")) {
    c.shades.clear();
    const json& shades = list(j.at("shades"), "shades");
    for (size_t i = 0; i < shades.size(); ++i) {
      const std::string where = "shades[" + std::to_string(i) + "]";
      only_known_fields(shades[i], where, {"name", "shade"});
      c.shades.push_back({text(shades[i].value("name", json()), where + ".name"),
                          number(shades[i].value("shade", json()), where + ".shade", design_limits::kMinShade, design_limits::kMaxShade)});
    }
  }
  if (j.contains("forget_after_s")) c.forget_after_s = number(j.at("forget_after_s"), "forget_after_s", 1.0, 600.0);
  if (j.contains("face_confirm_s")) c.face_confirm_s = number(j.at("face_confirm_s"), "face_confirm_s", 0.0, 10.0);
  if (j.contains("invitation")) c.invitation = text(j.at("invitation"), "invitation");
  if (j.contains("pin_hash")) c.pin_hash = text(j.at("pin_hash"), "pin_hash");
  return c;
}

std::string kiosk_config_to_json(const KioskConfig& c) {
  json looks = json::array(), shades = json::array();
  for (const KioskLook& l : c.looks) looks.push_back({{"name", l.name}, {"design", json::parse(design_to_json(l.design))}});
  for (const KioskShade& s : c.shades) shades.push_back({{"name", s.name}, {"shade", s.shade}});
  json j = {{"looks", looks}, {"shades", shades}, {"forget_after_s", c.forget_after_s},
            {"face_confirm_s", c.face_confirm_s}, {"invitation", c.invitation}};
  if (!c.pin_hash.empty()) j["pin_hash"] = c.pin_hash;
  return j.dump(2) + "\n";
}

KioskConfig read_kiosk_config(const std::filesystem::path& path) {
  std::error_code error;
  if (!std::filesystem::exists(path, error)) return default_kiosk_config();
  std::ifstream in(path);
  if (!in) throw KioskConfigError(path.string() + ": cannot be read");
  std::stringstream text;
  text << in.rdbuf();
  try {
    return parse_kiosk_config(text.str());
  } catch (const KioskConfigError& e) {
    throw KioskConfigError(path.string() + ": " + e.what());
  }
}

void write_kiosk_config(const KioskConfig& config, const std::filesystem::path& path) {
  std::error_code error;
  if (!path.parent_path().empty()) std::filesystem::create_directories(path.parent_path(), error);
  try {
    write_whole_file(path, text_content(kiosk_config_to_json(config)));
  } catch (const FileWriteError& e) {
    throw KioskConfigError(e.what());
  }
}

std::filesystem::path default_kiosk_config_path() {
  if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg && *xdg == '/') return std::filesystem::path(xdg) / "smpview/kiosk.json";
  if (const char* home = std::getenv("HOME"); home && *home) return std::filesystem::path(home) / ".config/smpview/kiosk.json";
  return "kiosk.json";
}

}  // namespace smp
