// libFuzzer target: the kiosk's settings file (app/kiosk_config.h), edited by hand at the clinic.
// Contract: parse_kiosk_config accepts the text or throws KioskConfigError, nothing else; what it
// accepts has a look and a shade to show, and survives being written and read back unchanged.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "app/kiosk_config.h"

using namespace smp;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  KioskConfig config;
  try {
    config = parse_kiosk_config(std::string_view(reinterpret_cast<const char*>(data), size));
  } catch (const KioskConfigError&) {
    return 0;  // refused, with a message naming the field
  }
  if (config.looks.empty() || config.shades.empty()) std::abort();
  if (!(config.forget_after_s >= 1.0 && config.forget_after_s <= 600.0)) std::abort();
  const std::string written = kiosk_config_to_json(config);
  if (kiosk_config_to_json(parse_kiosk_config(written)) != written) std::abort();
  return 0;
}
