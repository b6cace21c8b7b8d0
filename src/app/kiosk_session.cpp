#include "app/kiosk_session.h"

#include <algorithm>

namespace smp {

void KioskSession::update(double now_s, bool face_in_view) {
  if (face_in_view) {
    if (!face_since_s_) face_since_s_ = now_s;
    last_face_s_ = now_s;
  } else {
    face_since_s_.reset();
  }
  if (screen_ == KioskScreen::kAttract && face_since_s_ && now_s - *face_since_s_ >= config_.face_confirm_s) {
    screen_ = KioskScreen::kPreview;
    choices_ = {};  // the first look, the first shade, the after picture
    ++visitors_;
  } else if (screen_ == KioskScreen::kPreview && !face_in_view && now_s - last_face_s_ >= config_.forget_after_s) {
    screen_ = KioskScreen::kAttract;
    choices_ = {};  // forgotten
  }
}

SmpDesign KioskSession::design() const {
  const auto& look = config_.looks[size_t(std::clamp(choices_.look, 0, int(config_.looks.size()) - 1))];
  SmpDesign d = look.design;
  d.shade = config_.shades[size_t(std::clamp(choices_.shade, 0, int(config_.shades.size()) - 1))].shade;
  return d;
}

}  // namespace smp
