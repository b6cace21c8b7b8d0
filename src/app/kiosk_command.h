#pragma once
// `smpview kiosk`: the unattended mirror for a waiting room. Fullscreen, no practitioner panel, the
// cursor hidden; an attract screen (the demo head with SMP and an invitation) until a passer-by's face
// has been in view for a second, then their own preview with big buttons for the looks and shades from
// the settings file (app/kiosk_config.h), and back to the attract screen, forgetting them, when nobody
// has been in view for a while. Nothing from the camera is written anywhere; the log says what happened
// (never who). Locked: Esc, Alt+F4 and closing the window do nothing; the practitioner leaves through
// the Staff button and the PIN. SIGTERM or SIGINT stops it cleanly with status 0, for a service manager.
#include <CLI/CLI.hpp>

#include "app/camera_options.h"
#include <string>

namespace smp {

struct KioskOptions {
  std::string config;  // empty: default_kiosk_config_path()
  CameraOptions camera;  // --camera, --camera-size, --camera-fps and the lens
  std::string input;   // a video (played in a loop) or a photo instead of the camera
  bool set_pin = false;
  std::string log_folder;  // empty: $XDG_STATE_HOME/smpview (~/.local/state/smpview)
  std::string script;      // timed actions for tests (app/ui_script.h, the kiosk's verbs)
  bool windowed = false;   // for trying settings out on a desktop
};

CLI::App* add_kiosk_command(CLI::App& app, KioskOptions& options);
// Returns the process exit code; throws BadArgument (a bad settings file), SourceError, WindowError.
int run_kiosk(const KioskOptions& options);
// `--set-pin`: reads the new PIN twice from standard input and stores its salted hash in the settings.
int set_kiosk_pin(const KioskOptions& options);

}  // namespace smp
