#include "app/kiosk_command.h"

#include <csignal>
#include <iostream>
#include <optional>

#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/spdlog.h>
#include <termios.h>
#include <unistd.h>

#include "app/command_line.h"
#include "app/demo_source.h"
#include "app/exit_codes.h"
#include "app/photo_head.h"
#include "app/kiosk_config.h"
#include "app/kiosk_pin.h"
#include "app/kiosk_session.h"
#include "app/kiosk_step.h"
#include "app/ui_script.h"
#include "capture/capture_thread.h"
#include "record/image_file.h"
#include "tracking/tracking_thread.h"
#include "ui/before_after.h"
#include "ui/imgui_layer.h"
#include "ui/kiosk_panel.h"
#include "ui/panel.h"

namespace smp {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

volatile std::sig_atomic_t stop_signal = 0;
extern "C" void on_stop_signal(int signal) { stop_signal = signal; }

constexpr int kWrongPinsBeforeWaiting = 5;
constexpr auto kWaitAfterWrongPins = std::chrono::seconds(60);

fs::path default_log_folder() {
  if (const char* xdg = std::getenv("XDG_STATE_HOME"); xdg && *xdg == '/') return fs::path(xdg) / "smpview";
  if (const char* home = std::getenv("HOME"); home && *home) return fs::path(home) / ".local/state/smpview";
  return "smpview-logs";
}

// kiosk.log, at most 1 MiB, and the 3 before it: a week of events in a few megabytes, never a full disk.
std::shared_ptr<spdlog::logger> open_log(const fs::path& folder) {
  std::error_code error;
  fs::create_directories(folder, error);
  try {
    auto sink = std::make_shared<spdlog::sinks::rotating_file_sink_mt>((folder / "kiosk.log").string(), 1 << 20, 3);
    auto log = std::make_shared<spdlog::logger>("kiosk", sink);
    log->flush_on(spdlog::level::info);  // a crash or a power cut loses nothing already logged
    return log;
  } catch (const spdlog::spdlog_ex& e) {
    throw BadArgument("--log-dir: " + folder.string() + ": cannot be written (" + e.what() + ")");
  }
}

std::string read_pin(const char* prompt) {
  std::cerr << prompt << std::flush;
  termios old{};
  const bool terminal = ::isatty(STDIN_FILENO) && ::tcgetattr(STDIN_FILENO, &old) == 0;
  if (terminal) {  // not echoed on the screen
    termios quiet = old;
    quiet.c_lflag &= ~tcflag_t(ECHO);
    ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::string pin;
  std::getline(std::cin, pin);
  if (terminal) ::tcsetattr(STDIN_FILENO, TCSANOW, &old), std::cerr << "\n";
  return pin;
}

KioskConfig config_of(const KioskOptions& o) {
  const fs::path path = o.config.empty() ? default_kiosk_config_path() : fs::path(o.config);
  try {
    return read_kiosk_config(path);
  } catch (const KioskConfigError& e) {
    throw BadArgument(std::string("--config: ") + e.what());
  }
}

GpuOptions window_gpu_options() {
  GpuOptions options;
  options.instance_extensions = Window::required_instance_extensions();
  options.can_present = Window::can_present;
  return options;
}

// Everything that lives on the window's GPU device: made again, from the same window, when it is lost.
struct KioskDisplay {
  explicit KioskDisplay(const Window& window)
      : gpu(window_gpu_options()), presenter(gpu, window),
        imgui(gpu, window, presenter) {}
  Gpu gpu;
  Presenter presenter;
  ImGuiLayer imgui;
  KioskPreviews previews;
};

std::unique_ptr<FrameSource> open_kiosk_camera(const KioskOptions& o) {
  if (o.input.empty()) return open_camera_when_ready(webcam_settings(o.camera));
  if (is_photo_file(o.input)) return open_photo(o.input, 30.0);
  // Like a camera: a file that goes away (a network share, a test) is waited for and picked up again.
  const fs::path video = o.input;
  return std::make_unique<ReopeningSource>(open_looping_video(video), [video] { return open_looping_video(video); },
                                           std::chrono::seconds(1));
}

}  // namespace

CLI::App* add_kiosk_command(CLI::App& app, KioskOptions& o) {
  CLI::App* kiosk = app.add_subcommand("kiosk", "The unattended mirror for a waiting room (fullscreen, locked)");
  kiosk->add_option("--config", o.config, "Kiosk settings (JSON); default $XDG_CONFIG_HOME/smpview/kiosk.json");
  add_camera_options(kiosk, o.camera, /*webcam=*/true);
  kiosk->add_option("--input", o.input, "A video (played in a loop) or a photo instead of the camera");
  kiosk->add_flag("--set-pin", o.set_pin, "Store a new staff PIN (read twice from standard input) and stop");
  kiosk->add_option("--log-dir", o.log_folder, "Folder for kiosk.log; default $XDG_STATE_HOME/smpview");
  kiosk->add_option("--script", o.script, "Timed actions for tests: FRAME screenshot FILE | close | pin DIGITS | exit");
  kiosk->add_flag("--windowed", o.windowed, "In a window instead of fullscreen, to try settings out");
  return kiosk;
}

int set_kiosk_pin(const KioskOptions& o) {
  const fs::path path = o.config.empty() ? default_kiosk_config_path() : fs::path(o.config);
  KioskConfig config = config_of(o);
  const std::string pin = read_pin("New staff PIN (4 to 8 digits): ");
  if (read_pin("The same PIN again: ") != pin) throw BadArgument("--set-pin: the two PINs differ; nothing changed");
  try {
    config.pin_hash = hash_pin(pin);
  } catch (const PinError& e) {
    throw BadArgument(std::string("--set-pin: ") + e.what());
  }
  write_kiosk_config(config, path);
  std::cerr << "smpview: the PIN's salted hash is stored in " << path.string() << "\n";
  return exit_code::kOk;
}

int run_kiosk(const KioskOptions& o) {
  const KioskConfig config = config_of(o);
  const CameraOptions lens = checked_camera_options(o.camera);  // the calibration file read once
  const std::vector<UiAction> script = o.script.empty() ? std::vector<UiAction>{} : read_ui_script(o.script, ScriptFor::kKiosk);
  const std::shared_ptr<spdlog::logger> log = open_log(o.log_folder.empty() ? default_log_folder() : fs::path(o.log_folder));
  log->info("kiosk started: {} looks, {} shades, a visitor forgotten after {} s without a face", config.looks.size(),
            config.shades.size(), config.forget_after_s);
  if (config.pin_hash.empty()) log->warn("no staff PIN is set (smpview kiosk --set-pin): only the service manager can stop the kiosk");
  stop_signal = 0;
  std::signal(SIGTERM, on_stop_signal);
  std::signal(SIGINT, on_stop_signal);

  const LandmarkPredictor predictor;  // loaded before anything competes for the CPU
  // The passer-by's camera, and the demo head for the attract screen, each on its own capture thread.
  CaptureThread capture(open_kiosk_camera(o), /*paced=*/!o.input.empty() && !is_photo_file(o.input));
  const Gpu demo_gpu(GpuOptions{});  // the demo draws on its own device: a queue is not shared between threads
  CaptureThread demo(open_demo(demo_gpu, {.width = 1280, .height = 720, .fps = 30.0}), /*paced=*/false);
  log->info("camera: {}", capture.description());

  KioskStep step(config, *log);  // starts placing the dots on workers

  Window window("smpview kiosk", 1280, 720, !o.windowed);
  window.hide_cursor();
  std::optional<KioskDisplay> display(std::in_place, window);

  KioskPanelState panel;
  for (const KioskLook& l : config.looks) panel.looks.push_back(l.name);
  for (const KioskShade& s : config.shades) panel.shades.push_back(s.name);
  panel.invitation = config.invitation;
  std::optional<TrackingThread> tracking;
  RgbaImage screenshot;
  const RgbaImage black(1280, 720);
  int wrong_pins = 0;
  Clock::time_point pins_refused_until{};
  std::uint64_t frame = 0;  // a script's frames count from the first picture shown
  bool picture_shown = false;
  std::size_t next_action = 0;
  const auto start = Clock::now();

  try {
    while (!stop_signal) try {
      window.poll_events();
      if (window.should_close()) {
        window.refuse_close();
        log->info("a request to close the window was refused (kiosk mode)");
      }
      std::string screenshot_path;
      bool scripted_pin = false, scripted_exit = false;
      while (picture_shown && next_action < script.size() && script[next_action].frame <= frame) {
        const UiAction& a = script[next_action++];  // counted before acting: an action may throw
        if (a.verb == "screenshot") screenshot_path = a.name;
        else if (a.verb == "close") window.request_close();
        else if (a.verb == "pin") panel.keypad_open = true, panel.typed_pin = a.name, scripted_pin = true;
        else if (a.verb == "exit") scripted_exit = true;
        else if (a.verb == "lose-device") throw vk::DeviceLostError("the script lost the device");
      }

      // The newest tracked camera frame and the newest demo frame, to the kiosk's step.
      KioskFrames frames;
      if (!tracking) {
        if (std::optional<CapturedFrame> first = capture.take_newest()) {
          TrackerSettings settings;
          settings.camera = live_input_camera(o.input, first->picture, lens, predictor);
          step.start_camera(settings.camera);
          tracking.emplace(capture, predictor, settings);
        }
      } else {
        frames.camera = tracking->take_newest();
      }
      frames.demo = demo.take_newest();
      if (capture.status() != SourceStatus::kFrame)
        frames.camera_problem = capture.problem().empty() ? "it delivers no frames" : capture.problem();
      frames.now_s = std::chrono::duration<double>(Clock::now() - start).count();
      const RgbaImage& shown = step.step(std::move(frames), display->gpu, display->previews);
      if (tracking) tracking->set_head_breadth_mm(step.head_breadth_mm());
      KioskSession& session = step.session();
      KioskChoices& choices = session.choices();
      Presenter& presenter = display->presenter;

      if (!presenter.begin_frame()) {  // minimised: nothing to draw
        window.poll_events(0.1);
        continue;
      }
      presenter.draw_picture(shown.pixels.empty() ? black : shown, /*mirror=*/true);
      display->imgui.new_frame();
      panel.look = choices.look, panel.shade = choices.shade, panel.wipe = choices.wipe;
      if (session.screen() == KioskScreen::kPreview) {
        draw_preview_controls(panel);
        drag_wipe(panel.wipe, /*mirror=*/true, presenter.picture_rect());
      } else {
        draw_attract(panel);
      }
      draw_message(step.message());
      KioskRequests requests = draw_staff_access(panel);
      choices.look = panel.look, choices.shade = panel.shade, choices.wipe = panel.wipe;
      presenter.begin_overlay();
      display->imgui.render(presenter.command_buffer());
      presenter.end_overlay();
      presenter.end_frame(screenshot_path.empty() ? nullptr : &screenshot);
      if (!screenshot_path.empty()) write_image(screenshot, screenshot_path);  // --script only: tests

      if (requests.escape) log->info("Esc was pressed: the kiosk stays open (staff use the PIN menu)");
      if (requests.check_pin || scripted_pin) {
        if (Clock::now() < pins_refused_until) {
          panel.staff_message = "Too many wrong PINs: wait a minute";
        } else if (pin_matches(config.pin_hash, panel.typed_pin)) {
          panel.unlocked = true, panel.staff_message.clear(), wrong_pins = 0;
          log->info("staff PIN accepted");
        } else {
          panel.staff_message = config.pin_hash.empty() ? "No PIN is set: see smpview kiosk --set-pin" : "Wrong PIN";
          log->warn("a wrong staff PIN was typed");
          if (++wrong_pins >= kWrongPinsBeforeWaiting) pins_refused_until = Clock::now() + kWaitAfterWrongPins, wrong_pins = 0;
        }
        panel.typed_pin.clear();
      }
      if ((requests.exit || scripted_exit) && panel.unlocked) {
        log->info("the kiosk was closed from the staff menu");
        break;
      }
      picture_shown = picture_shown || !shown.pixels.empty();
      if (picture_shown) ++frame;
    } catch (const vk::DeviceLostError& e) {
      // A driver reset or a GPU hang: a new device, and everything on it, for the same window.
      log->error("the GPU device was lost ({}); starting a new one", e.what());
      display.reset();
      display.emplace(window);
    }
  } catch (const vk::SystemError& e) {
    // Any other GPU failure, or a device that cannot be made again: the service manager starts a fresh
    // process (packaging/smpview-kiosk.service).
    log->error("GPU failure, stopping for a restart: {}", e.what());
    throw;
  }
  if (stop_signal) log->info("stopped by signal {} after {} visitor(s)", int(stop_signal), step.session().visitors());
  log->flush();
  return exit_code::after_validation(display->gpu);
}

}  // namespace smp
