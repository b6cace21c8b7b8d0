#include "tracking/handover.h"

#include <algorithm>
#include <cmath>

namespace smp {

void Handover::start(const HeadPose& followed, const HeadPose& face, double t_ms) {
  turn_ = glm::normalize(glm::quat_cast(followed.rotation() * glm::transpose(face.rotation())));
  shift_ = followed.translation_mm - face.translation_mm;
  started_ms_ = t_ms;
}

double Handover::left(double t_ms) const {
  // Before its start (frame times that ran backwards: a camera plugged in again) it eases nothing.
  const bool started = started_ms_ && t_ms >= *started_ms_;
  return started ? std::clamp(1.0 - (t_ms - *started_ms_) / ease_ms_, 0.0, 1.0) : 0.0;
}

bool Handover::easing(double t_ms) const { return left(t_ms) > 0.0; }

HeadPose Handover::eased(const HeadPose& face, double t_ms) const {
  const double share = left(t_ms);
  if (share == 0.0) return face;
  const glm::dquat part = glm::slerp(glm::dquat(1.0, 0.0, 0.0, 0.0), turn_, share);
  return HeadPose::from_rotation(glm::mat3_cast(part) * face.rotation(), face.translation_mm + share * shift_);
}

}  // namespace smp
