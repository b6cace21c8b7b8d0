#pragma once
// The face back after the head was followed (head_motion.h): the followed pose and the face's own
// differ by the drift the following gathered, a few degrees. Snapping to the face's pose would jump
// the dots across the scalp in one frame; instead the difference is eased out over the ease's time,
// after which the face's pose holds alone. The same for a head placed anew by its outline (a second
// view without a face) over the pose followed until then.
#include <optional>

#include <glm/gtc/quaternion.hpp>

#include "tracking/head_pose.h"

namespace smp {

class Handover {
 public:
  static constexpr double kEaseMs = 250.0;

  explicit Handover(double ease_ms = kEaseMs) : ease_ms_(ease_ms) {}
  // The face's first frame back: `followed` is the head's pose followed into that same frame (or the
  // pose shown until a head placed anew, `face` then being the placed pose).
  void start(const HeadPose& followed, const HeadPose& face, double t_ms);
  // The face's pose, with the part of the difference not yet eased out; the face's pose itself when no
  // handover is under way.
  HeadPose eased(const HeadPose& face, double t_ms) const;
  void reset() { started_ms_.reset(); }
  // Whether some of the difference is left at `t_ms`.
  bool easing(double t_ms) const;

 private:
  double left(double t_ms) const;  // the share of the difference not yet eased out
  double ease_ms_;
  glm::dquat turn_{1.0, 0.0, 0.0, 0.0};  // followed rotation = turn_ * face rotation
  glm::dvec3 shift_{0.0};                 // followed translation - face translation, mm
  std::optional<double> started_ms_;
};

}  // namespace smp
