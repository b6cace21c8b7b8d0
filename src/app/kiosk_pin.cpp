#include "app/kiosk_pin.h"

#include <algorithm>
#include <cctype>

#include <sodium.h>

namespace smp {
namespace {

void start_sodium() {
  static const bool started = sodium_init() >= 0;
  if (!started) throw PinError("libsodium could not start");
}

}  // namespace

void check_pin(const std::string& pin) {
  if (pin.size() < 4 || pin.size() > 8 || !std::all_of(pin.begin(), pin.end(), [](unsigned char c) { return std::isdigit(c); }))
    throw PinError("a PIN is 4 to 8 digits");
}

std::string hash_pin(const std::string& pin) {
  check_pin(pin);
  start_sodium();
  char hash[crypto_pwhash_STRBYTES];
  // The "interactive" limits: about a tenth of a second and 64 MiB per try on a small PC.
  if (crypto_pwhash_str(hash, pin.data(), pin.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    throw PinError("not enough memory to hash the PIN");
  return hash;
}

bool pin_matches(const std::string& pin_hash, const std::string& pin) {
  start_sodium();
  return !pin_hash.empty() && crypto_pwhash_str_verify(pin_hash.c_str(), pin.data(), pin.size()) == 0;
}

}  // namespace smp
