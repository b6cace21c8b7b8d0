#pragma once
// The angle between two head poses' rotations, for tests that compare poses.
#include <algorithm>
#include <cmath>

#include <glm/glm.hpp>

#include "tracking/head_pose.h"

namespace smp::test {

// The angle of the rotation from one pose to the other, deg: one number for any axis, also past the
// angles' own range (a head seen from behind).
inline double rotation_angle_deg(const HeadPose& a, const HeadPose& b) {
  const glm::dmat3 r = a.rotation() * glm::transpose(b.rotation());
  return glm::degrees(std::acos(std::clamp((r[0][0] + r[1][1] + r[2][2] - 1.0) / 2.0, -1.0, 1.0)));
}

}  // namespace smp::test
