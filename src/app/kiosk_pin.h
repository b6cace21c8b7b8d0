#pragma once
// The practitioner's PIN that unlocks a kiosk: kept only as a salted, slow hash (libsodium's
// crypto_pwhash_str, Argon2id), so the settings file never holds it and a copy of the file does not
// give it away quickly. 4 to 8 digits, typed on the kiosk's own keypad.
#include <stdexcept>
#include <string>

namespace smp {

struct PinError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Throws PinError when `pin` is not 4 to 8 digits.
void check_pin(const std::string& pin);
// A new salt every call: the same PIN hashes differently each time.
std::string hash_pin(const std::string& pin);
bool pin_matches(const std::string& pin_hash, const std::string& pin);

}  // namespace smp
