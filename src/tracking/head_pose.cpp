#include "tracking/head_pose.h"

#include <algorithm>
#include <cmath>
#include <glm/gtc/matrix_transform.hpp>
#include <glm/gtc/quaternion.hpp>

namespace smp {
namespace {

glm::dmat3 rotation_x(double a) {
  const double c = std::cos(a), s = std::sin(a);
  return glm::dmat3(1, 0, 0, 0, c, s, 0, -s, c);  // columns
}
glm::dmat3 rotation_y(double a) {
  const double c = std::cos(a), s = std::sin(a);
  return glm::dmat3(c, 0, -s, 0, 1, 0, s, 0, c);
}
glm::dmat3 rotation_z(double a) {
  const double c = std::cos(a), s = std::sin(a);
  return glm::dmat3(c, s, 0, -s, c, 0, 0, 0, 1);
}
const glm::dmat3 kFlip(1, 0, 0, 0, -1, 0, 0, 0, -1);

}  // namespace

glm::dmat3 HeadPose::rotation() const {
  return kFlip * rotation_x(-glm::radians(pitch_deg)) * rotation_y(-glm::radians(yaw_deg)) *
         rotation_z(-glm::radians(roll_deg));
}

glm::mat4 HeadPose::head_to_camera() const {
  glm::dmat4 m(rotation());
  m[3] = glm::dvec4(translation_mm, 1.0);
  return glm::mat4(m);
}

HeadPose HeadPose::from_rotation(const glm::dmat3& head_to_camera_rotation, const glm::dvec3& translation_mm) {
  // M = Rx(a) Ry(b) Rz(c) with a = -pitch, b = -yaw, c = -roll. Row 0 of M (glm: m[col][row]):
  // M[0][2] = sin b, M[1][2] = -sin a cos b, M[2][2] = cos a cos b, M[0][1] = -cos b sin c, M[0][0] = cos b cos c.
  const glm::dmat3 m = glm::transpose(kFlip) * head_to_camera_rotation;
  const double sin_b = glm::clamp(m[2][0], -1.0, 1.0);
  const double b = std::asin(sin_b);
  double a, c;
  if (std::abs(sin_b) < 0.999999) {
    a = std::atan2(-m[2][1], m[2][2]);
    c = std::atan2(-m[1][0], m[0][0]);
  } else {  // gimbal lock: only a + c (or a - c) is defined; put it all in a.
    a = std::atan2(m[1][2], m[1][1]);
    c = 0.0;
  }
  HeadPose pose;
  pose.pitch_deg = -glm::degrees(a);
  pose.yaw_deg = -glm::degrees(b);
  pose.roll_deg = -glm::degrees(c);
  pose.translation_mm = translation_mm;
  return pose;
}

double rotation_between_deg(const HeadPose& a, const HeadPose& b) {
  const glm::dquat turn = glm::quat_cast(a.rotation() * glm::transpose(b.rotation()));
  return glm::degrees(2.0 * std::atan2(glm::length(glm::dvec3(turn.x, turn.y, turn.z)), std::abs(turn.w)));
}

double turned_from_camera_deg(const HeadPose& pose) {
  const glm::dvec3 forward = pose.rotation() * glm::dvec3(0.0, 0.0, 1.0);
  const glm::dvec3 to_camera = -pose.translation_mm / std::max(glm::length(pose.translation_mm), 1e-9);
  return glm::degrees(std::acos(glm::clamp(glm::dot(forward, to_camera), -1.0, 1.0)));
}

Intrinsics Intrinsics::from_horizontal_fov(int width, int height, double horizontal_fov_deg) {
  Intrinsics k;
  k.width = width;
  k.height = height;
  k.fx = k.fy = 0.5 * width / std::tan(0.5 * glm::radians(horizontal_fov_deg));
  k.cx = 0.5 * (width - 1);
  k.cy = 0.5 * (height - 1);
  return k;
}

glm::dvec2 Intrinsics::project(const glm::dvec3& p) const {
  return {fx * p.x / p.z + cx, fy * p.y / p.z + cy};
}

}  // namespace smp
