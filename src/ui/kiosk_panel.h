#pragma once
// What a passer-by sees on the kiosk: on the attract screen a large invitation; on their preview big,
// touch-friendly buttons along the bottom for the looks, the shades and before/after (keys too: 1-9 the
// looks, Left/Right the shade, B or Space before/after). And, for the practitioner only, a small Staff
// button in a corner that opens a PIN keypad and then the exit.
#include <string>
#include <vector>

namespace smp {

struct KioskPanelState {
  std::vector<std::string> looks, shades;
  int look = 0, shade = 0;
  float wipe = 1.0f;  // share of the picture showing the after picture
  std::string invitation;
  // Staff access
  bool keypad_open = false;
  std::string typed_pin;
  bool unlocked = false;      // the right PIN was typed: the staff menu shows
  std::string staff_message;  // "Wrong PIN", ...
};

struct KioskRequests {
  bool check_pin = false;  // typed_pin is complete
  bool exit = false;       // the unlocked staff menu's Exit
  bool escape = false;     // Esc was pressed: it closes the staff keypad or menu, never the kiosk
};

void draw_attract(const KioskPanelState& state);
void draw_preview_controls(KioskPanelState& state);
KioskRequests draw_staff_access(KioskPanelState& state);

}  // namespace smp
