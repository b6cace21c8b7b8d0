#pragma once
// The head frame and the head pose: the one place that defines them (STYLE.md, "Units and conventions").
//
// Head frame (millimetres, right-handed), fixed to the skull:
//   origin  midway between the two ear canals (tragion points),
//   +x      towards the person's own left ear,
//   +y      up, towards the vertex of the skull,
//   +z      forward, out of the face through the nose.
// The demo head, the 3D face model and the scalp surface all live in this frame.
//
// Camera frame (OpenCV's pinhole convention): +x right in the image, +y down in the image,
// +z forward from the camera into the scene; millimetres.
//
// Pose angles follow ../shared/data/README.md (the AFLW2000 convention), in degrees:
//   pitch > 0  chin up, looking up;
//   yaw   > 0  face turned towards the left side of the image;
//   roll  > 0  head tilted clockwise as seen in the image.
// All zero is a person looking straight into the camera, upright.
// head_to_camera rotation = Flip * Rx(-pitch) * Ry(-yaw) * Rz(-roll), where Flip = diag(1, -1, -1) turns
// the head frame to face the camera, and Rx, Ry, Rz are right-handed rotations about the head's own axes.
#include <array>

#include <glm/glm.hpp>

namespace smp {

struct HeadPose {
  double pitch_deg = 0.0;
  double yaw_deg = 0.0;
  double roll_deg = 0.0;
  glm::dvec3 translation_mm{0.0, 0.0, 600.0};  // head-frame origin in the camera frame

  // Rotation taking head-frame directions to camera-frame directions.
  glm::dmat3 rotation() const;
  // Rigid transform head frame -> camera frame (column-major, for shaders).
  glm::mat4 head_to_camera() const;
  // Inverse of rotation(): the angles of a head whose rotation is `head_to_camera_rotation`.
  static HeadPose from_rotation(const glm::dmat3& head_to_camera_rotation, const glm::dvec3& translation_mm);
};

// The angle of the rotation that turns one pose's head into the other's, deg: one number for any axis,
// also where the angles themselves are not continuous (past yaw 90).
double rotation_between_deg(const HeadPose& a, const HeadPose& b);
// How far the face is turned from the camera, deg: the angle between the head's forward axis (+z) and
// the line from the head to the camera. 0 facing it, 90 seen from the side, 180 from behind; a turn and
// a bow alike, wherever the head is in the picture.
double turned_from_camera_deg(const HeadPose& pose);

// A typical webcam's horizontal field of view: the camera assumed when nothing better is known.
inline constexpr double kDefaultCameraFovDeg = 60.0;

// Pinhole camera; pixel centres at integer coordinates as in OpenCV.
struct Intrinsics {
  int width = 0;
  int height = 0;
  double fx = 0.0, fy = 0.0, cx = 0.0, cy = 0.0;
  // OpenCV's lens distortion k1, k2, p1, p2, k3 (zero: an ideal pinhole), from a calibration file.
  // Pose solving takes it into account; project() and the GPU passes draw with the pinhole model,
  // which near the picture's centre, where the head is, differs from a webcam's lens by under a pixel.
  std::array<double, 5> distortion{};

  // A camera with square pixels, the principal point in the middle and the given horizontal field of view.
  static Intrinsics from_horizontal_fov(int width, int height, double horizontal_fov_deg);
  glm::dvec2 project(const glm::dvec3& camera_point_mm) const;
};

}  // namespace smp
