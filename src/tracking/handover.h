#pragma once
// The face back after the head was followed (head_motion.h): the followed pose and the face's own
// differ by the drift the following gathered, a few degrees. Snapping to the face's pose would jump
// the dots across the scalp in one frame; instead the difference is eased out over kEaseMs, after
// which the face's pose holds alone.
#include <optional>

#include <glm/gtc/quaternion.hpp>

#include "tracking/head_pose.h"

namespace smp {

class Handover {
 public:
  static constexpr double kEaseMs = 250.0;

  // The face's first frame back: `followed` is the head's pose followed into that same frame.
  void start(const HeadPose& followed, const HeadPose& face, double t_ms);
  // The face's pose, with the part of the difference not yet eased out; the face's pose itself when no
  // handover is under way.
  HeadPose eased(const HeadPose& face, double t_ms) const;
  void reset() { started_ms_.reset(); }

 private:
  glm::dquat turn_{1.0, 0.0, 0.0, 0.0};  // followed rotation = turn_ * face rotation
  glm::dvec3 shift_{0.0};                 // followed translation - face translation, mm
  std::optional<double> started_ms_;
};

}  // namespace smp
