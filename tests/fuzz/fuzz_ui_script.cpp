// libFuzzer target: a UI script (app/ui_script.h), the timed actions tests and demos give `live` and
// the kiosk. Contract: parse_ui_script gives actions or throws BadArgument, nothing else, and any
// `set` action it accepts leaves the panel within the design limits.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

#include "app/ui_script.h"

using namespace smp;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  for (const ScriptFor which : {ScriptFor::kLive, ScriptFor::kKiosk}) {
    std::istringstream text(std::string(reinterpret_cast<const char*>(data), size));
    std::vector<UiAction> actions;
    try {
      actions = parse_ui_script(text, "fuzz.txt", which);
    } catch (const BadArgument&) {
      continue;  // refused, naming the line
    }
    PanelState state;
    for (const UiAction& action : actions) {
      if (action.verb == "set") apply(action, state);
      if (action.verb == "resize") (void)size_of(action);
    }
    namespace limits = design_limits;
    const SmpDesign& d = state.design;
    if (!(d.hairline_height_mm >= limits::kMinHairlineHeightMm && d.hairline_height_mm <= limits::kMaxHairlineHeightMm)) std::abort();
    if (!(d.shade >= limits::kMinShade && d.shade <= limits::kMaxShade)) std::abort();
    if (!(d.session >= 1 && d.session <= limits::kSessions)) std::abort();
    if (!(state.wipe >= 0.0f && state.wipe <= 1.0f)) std::abort();
  }
  return 0;
}
