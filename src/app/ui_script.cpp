#include "app/ui_script.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

#include "app/command_line.h"
#include "tracking/marked_points.h"
#include "tracking/photo_view.h"

namespace smp {
namespace {

const std::vector<std::string> kSettable = {"hairline_mm", "shade", "density", "dot_mm", "softness_mm", "session", "wipe", "mirror", "landmarks", "outline"};

}  // namespace

std::vector<UiAction> read_ui_script(const std::filesystem::path& path, ScriptFor which) {
  std::ifstream in(path);
  if (!in) throw BadArgument("--script: cannot read '" + path.string() + "'");
  return parse_ui_script(in, path.string(), which);
}

std::vector<UiAction> parse_ui_script(std::istream& in, const std::string& name, ScriptFor which) {
  const std::vector<std::string> verbs = which == ScriptFor::kLive
                                             ? std::vector<std::string>{"set", "screenshot", "snapshot", "record", "save", "open", "sheet", "measure-skin", "use-shade", "resize", "mark", "click", "save-points", "clear-points", "view", "quit"}
                                             : std::vector<std::string>{"screenshot", "close", "pin", "exit", "lose-device"};
  std::vector<UiAction> actions;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (const auto hash = line.find('#'); hash != std::string::npos) line.erase(hash);
    std::istringstream words(line);
    UiAction a;
    if (!(words >> a.frame)) {
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;  // blank
      throw BadArgument("--script: " + name + ":" + std::to_string(number) + ": must start with a frame number");
    }
    const auto bad = [&](const std::string& why) {
      return BadArgument("--script: " + name + ":" + std::to_string(number) + ": " + why);
    };
    if (!(words >> a.verb)) throw bad("an action must follow the frame number");
    if (std::find(verbs.begin(), verbs.end(), a.verb) == verbs.end()) {
      std::string known;
      for (const std::string& v : verbs) known += (known.empty() ? "" : ", ") + v;
      throw bad("unknown action '" + a.verb + "' (" + known + ")");
    }
    if (a.verb == "set") {
      if (!(words >> a.name >> a.value)) throw bad("'set' needs a name and a number");
      if (std::find(kSettable.begin(), kSettable.end(), a.name) == kSettable.end()) throw bad("cannot set '" + a.name + "'");
    } else if (a.verb == "screenshot") {
      if (!(words >> a.name)) throw bad("'screenshot' needs a file name");
      check_output_picture_path(a.name);
    } else if (a.verb == "resize") {
      if (!(words >> a.name)) throw bad("'resize' needs a size, WxH");
      parse_picture_size(a.name);  // BadArgument for a bad one
    } else if (a.verb == "mark") {
      if (!(words >> a.name) || (a.name != "none" && !marked_point_on_head(a.name))) throw bad("'mark' needs a point's name or none");
    } else if (a.verb == "view") {
      if (!(words >> a.name) || (a.name != "face" && !parse_view(a.name))) throw bad("'view' needs front, left, right, top, back or face");
    } else if (a.verb == "click") {
      if (!(words >> a.value >> a.y) || !std::isfinite(a.value) || !std::isfinite(a.y)) throw bad("'click' needs a window pixel, X Y");
    } else if (a.verb == "save" || a.verb == "open" || a.verb == "pin") {
      std::getline(words >> std::ws, a.name);
      if (a.name.empty()) throw bad("'" + a.verb + "' needs a patient name");
    }
    actions.push_back(a);
  }
  return actions;
}

PictureSize size_of(const UiAction& a) { return parse_picture_size(a.name); }

void apply(const UiAction& a, PanelState& s) {
  namespace limits = design_limits;
  const double v = a.value;
  if (a.name == "hairline_mm") s.design.hairline_height_mm = std::clamp(v, limits::kMinHairlineHeightMm, limits::kMaxHairlineHeightMm);
  else if (a.name == "shade") s.design.shade = std::clamp(v, limits::kMinShade, limits::kMaxShade);
  else if (a.name == "density") s.design.density_per_cm2 = std::clamp(v, limits::kMinDensityPerCm2, s.max_density_per_cm2);
  else if (a.name == "dot_mm") s.design.dot_diameter_mm = std::clamp(v, limits::kMinDotDiameterMm, limits::kMaxDotDiameterMm);
  else if (a.name == "softness_mm") s.design.softness_mm = std::clamp(v, limits::kMinSoftnessMm, limits::kMaxSoftnessMm);
  else if (a.name == "session") s.design.session = int(std::clamp(v, 1.0, double(limits::kSessions)));  // clamped first: int(1e300) is undefined
  else if (a.name == "wipe") s.wipe = float(std::clamp(v, 0.0, 1.0));
  else if (a.name == "mirror") s.mirror = a.value != 0.0;
  else if (a.name == "landmarks") s.show_landmarks = a.value != 0.0;
  else if (a.name == "outline") s.show_outline = a.value != 0.0;
}

}  // namespace smp
