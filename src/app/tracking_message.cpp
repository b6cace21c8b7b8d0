#include "app/tracking_message.h"

#include <cmath>

namespace smp {

std::string TrackingMessage::after(const TrackedFace& face) {
  if (face.found) {
    found_ = true;
    turned_away_ = face.source == PoseSource::kHead || std::abs(face.pose.yaw_deg) > kFarYawDeg ||
                   std::abs(face.pose.pitch_deg) > kFarPitchDeg;
    return "";
  }
  if (!found_) return kNoFace;
  return turned_away_ ? kTurnBack : kLost;
}

}  // namespace smp
