#pragma once
// What the kiosk shows and remembers: the attract screen while nobody is there; the passer-by's own
// preview once a face has been in view for face_confirm_s; back to the attract screen, with every
// choice forgotten, when no face has been seen for forget_after_s (a camera that stops counts as no
// face). Times are seconds on any steady clock.
#include <cstdint>
#include <optional>

#include "app/kiosk_config.h"

namespace smp {

enum class KioskScreen { kAttract, kPreview };

// The passer-by's choices: nothing else about them is kept.
struct KioskChoices {
  int look = 0;
  int shade = 0;
  float wipe = 1.0f;  // share of the picture showing the after picture
};

class KioskSession {
 public:
  explicit KioskSession(const KioskConfig& config) : config_(config) {}

  // Once per drawn frame: whether the newest tracked frame has a face.
  void update(double now_s, bool face_in_view);
  KioskScreen screen() const { return screen_; }
  KioskChoices& choices() { return choices_; }
  // The chosen look in the chosen shade.
  SmpDesign design() const;
  std::uint64_t visitors() const { return visitors_; }  // previews started, for the log

 private:
  const KioskConfig& config_;
  KioskScreen screen_ = KioskScreen::kAttract;
  KioskChoices choices_;
  std::optional<double> face_since_s_;  // in view without a break since
  double last_face_s_ = 0.0;
  std::uint64_t visitors_ = 0;
};

}  // namespace smp
