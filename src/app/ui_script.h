#pragma once
// Timed UI actions for tests and demos (`smpview live --script FILE`): what a practitioner would do
// with the panel, frame by frame, so a test can move a slider, take screenshots and close the window.
// One action per line, "FRAME ACTION [VALUE]", '#' starts a comment; frames count from the first
// one drawn with the dots placed and every view tracked (the field takes a few seconds to build, more
// on a slow machine):
//   10 set hairline_mm 60      set shade 0.9   set density 100   set wipe 0.5   set mirror 0
//   20 screenshot after.png    (the window as shown, panel included)
//   21 snapshot                (the picture alone into --media-dir, as the panel's Snapshot button)
//   25 record                  (starts or stops recording, as the panel's button)
//   26 save Anna Müller        (saves the design under the rest of the line)   27 open Anna Müller
//   28 sheet                   (writes the printable plan, as the panel's Sheet button)
//   29 measure-skin            (as the panel's Measure skin button)   30 use-shade   (its Use shade button)
//   31 resize 800x600          (the window, as dragging its corner)
//   32 mark nasion             (a photo's point the next click places, as the panel's list; `none`)
//   33 click 640 360           (the left mouse button at that window pixel, as a person clicks)
//   34 save-points             (the photo's marked points into --media-dir, as the panel's Save there)
//   34 clear-points            (as the panel's Clear there)
//   35 view top                (a photo's view, as the panel's list; `face`: guessed from it)
//   36 quit
#include <cstdint>
#include <filesystem>
#include <istream>
#include <string>
#include <vector>

#include "app/command_line.h"
#include "ui/panel.h"

namespace smp {

struct UiAction {
  std::uint64_t frame = 0;
  std::string verb;   // set, screenshot, snapshot, record, save, open, sheet, measure-skin, use-shade, resize, mark, click, save-points, clear-points, view, quit; kiosk: screenshot, close, pin, exit, lose-device
  std::string name;   // what is set, the screenshot's file, the patient, or the point marked
  double value = 0.0;  // set: the value; click: the window pixel's x
  double y = 0.0;      // click: the window pixel's y
};

// The kiosk's scripts have their own verbs, what a passer-by or the practitioner does there; their
// frames count from the first one drawn with a picture (the demo head or the camera), so that a busy
// machine does not act, or take a screenshot, before anything was on the screen:
//   5 close                    (the window manager's close, as Alt+F4: refused)
//   8 pin 4711                 (typed on the Staff keypad and confirmed)   9 exit   (the staff menu's Exit)
//   12 lose-device             (as a driver reset would: the kiosk makes a new GPU device)
enum class ScriptFor { kLive, kKiosk };

// Throws BadArgument naming the file, the line and the problem.
std::vector<UiAction> read_ui_script(const std::filesystem::path& path, ScriptFor which = ScriptFor::kLive);
// The same from a script's text; `name` is the file's name for the messages.
std::vector<UiAction> parse_ui_script(std::istream& text, const std::string& name, ScriptFor which);
// The size a `resize` action asks for.
PictureSize size_of(const UiAction& action);
// Applies a `set` action to the panel's state.
void apply(const UiAction& action, PanelState& state);

}  // namespace smp
