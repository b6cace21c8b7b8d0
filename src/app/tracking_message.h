#pragma once
// What the person in front of the mirror is told about tracking, frame by frame: nothing while a head
// is tracked; when it is lost, why and what to do. A head lost after it was followed beyond its face,
// or while turned or bowed far, turned too far to follow: it comes back by turning towards the camera.
#include <string>

#include "tracking/tracker.h"

namespace smp {

class TrackingMessage {
 public:
  // Beyond these (head_pose.h's angles) a face is about to leave the landmarks' reach.
  static constexpr double kFarYawDeg = 35.0, kFarPitchDeg = 25.0;
  static constexpr const char* kTurnBack = "Turn back towards the camera: the head turned too far to follow";
  static constexpr const char* kLost = "Tracking lost: look at the screen";
  static constexpr const char* kNoFace = "No face in view: sit in front of the camera";

  // "" while a head is tracked.
  std::string after(const TrackedFace& face);

 private:
  bool found_ = false;
  bool turned_away_ = false;  // the last head found was followed beyond its face, or turned far
};

}  // namespace smp
