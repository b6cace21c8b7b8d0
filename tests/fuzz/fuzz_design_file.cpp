// libFuzzer target: a design file as a person may have edited it (dots/design_file.h).
// Contract: parse_design accepts the text or throws DesignFileError, nothing else; what it accepts is
// inside the design limits and survives being written and read back unchanged.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "dots/design_file.h"

using namespace smp;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  SmpDesign design;
  try {
    design = parse_design(std::string_view(reinterpret_cast<const char*>(data), size));
  } catch (const DesignFileError&) {
    return 0;  // refused, with a message naming the field
  }
  namespace limits = design_limits;
  if (!(design.hairline_height_mm >= limits::kMinHairlineHeightMm && design.hairline_height_mm <= limits::kMaxHairlineHeightMm)) std::abort();
  if (!(design.shade >= limits::kMinShade && design.shade <= limits::kMaxShade)) std::abort();
  if (!std::isfinite(design.density_per_cm2) || !std::isfinite(design.dot_diameter_mm) || !std::isfinite(design.softness_mm)) std::abort();
  if (design.scars.size() > limits::kMaxScars) std::abort();
  // Written and read back: the same design, to the last bit.
  const std::string written = design_to_json(design);
  if (design_to_json(parse_design(written)) != written) std::abort();
  return 0;
}
