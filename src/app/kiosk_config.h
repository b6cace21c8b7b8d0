#pragma once
// The kiosk's settings file (JSON, like design files): every field has a default, so a file names only
// what it changes, and a bad file is refused with one line naming the field and the problem.
//
//   {
//     "looks":  [{"name": "Natural", "design": { ...a design file's fields... }}, ...],
//     "shades": [{"name": "Light", "shade": 0.35}, ...],
//     "forget_after_s": 10,      // no face this long: back to the attract screen, the person forgotten
//     "face_confirm_s": 1,       // a face this long in view: their preview starts
//     "invitation": "Step closer and see yourself with a fresh hairline",
//     "pin_hash": "$argon2id$..." // the practitioner's PIN, salted and hashed (smpview kiosk --set-pin)
//   }
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "scalp/design.h"

namespace smp {

struct KioskConfigError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct KioskLook {
  std::string name;
  SmpDesign design;
};

struct KioskShade {
  std::string name;
  double shade = 0.5;
};

struct KioskConfig {
  std::vector<KioskLook> looks;    // at least one; the first is shown first
  std::vector<KioskShade> shades;  // at least one
  double forget_after_s = 10.0;
  double face_confirm_s = 1.0;
  std::string invitation = "Step closer and see yourself with a fresh hairline";
  std::string pin_hash;  // empty: no PIN set, and so no way out but the service manager
};

KioskConfig default_kiosk_config();
// Throws KioskConfigError naming the field: "looks[1].design.shade: 3 is outside 0..1".
KioskConfig parse_kiosk_config(std::string_view json_text);
std::string kiosk_config_to_json(const KioskConfig& config);
// A missing file is the defaults; errors name the file.
KioskConfig read_kiosk_config(const std::filesystem::path& path);
// Written under a temporary name and renamed.
void write_kiosk_config(const KioskConfig& config, const std::filesystem::path& path);
// $XDG_CONFIG_HOME/smpview/kiosk.json, else ~/.config/smpview/kiosk.json.
std::filesystem::path default_kiosk_config_path();

}  // namespace smp
