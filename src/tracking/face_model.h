#pragma once
// The 3D face model that head pose is solved against: the 68 landmarks (iBUG order, as the predictor
// gives them) in the head frame (src/tracking/head_pose.h), millimetres.
//
// It is fitted by our own code (fit_face_model) to photos whose head poses are known
// (../shared/data/faces/aflw2000, AFLW2000-3D poses), with the landmarks dlib's predictor places on them
// (so the model absorbs dlib's own habits, such as flattening a face that looks up or down), under a
// scaled orthographic camera, made left-right symmetric, scaled to the adult mean distance between the outer
// eye corners, and placed so its nasion sits where an adult's does relative to the ear canals. The
// fitted numbers are compiled in (face_model_68.inc, written by tests/regenerate_face_model.sh).
#include <array>
#include <optional>
#include <span>

#include <glm/glm.hpp>

#include "tracking/face_landmarks.h"
#include "tracking/head_pose.h"

namespace smp {

using FaceModel = std::array<glm::dvec3, 68>;

namespace face_model_fit {
inline constexpr double kOuterEyeCornersMm = 90.0;              // exocanthion to exocanthion, adult mean
inline constexpr glm::dvec3 kNasionInHeadFrame{0.0, 26.0, 94.0};  // landmark 27, top of the nose bridge
}  // namespace face_model_fit

// The landmark that mirrors landmark `i` across the face's midline (itself on the midline).
int mirrored_landmark(int i);

struct PosedLandmarks {
  Landmarks68 landmarks;  // pixels
  HeadPose pose;          // only the angles are used
};

// Fits the model to photos with known landmarks and poses (at least 3, turned different ways).
FaceModel fit_face_model(std::span<const PosedLandmarks> photos);

// The compiled-in model.
const FaceModel& face_model();

// The compiled-in model as a surface: its landmarks joined into triangles as the face is seen from the
// front, from the brows to the chin and from ear to ear. The nearest point of it along a ray in the head
// frame (`direction` a unit vector), on a triangle that faces the ray (the cosine between its normal and
// the way back along the ray at least `facing_at_least`); none where the ray misses the face.
std::optional<glm::dvec3> face_model_along_ray(const glm::dvec3& origin_mm, const glm::dvec3& direction, double facing_at_least);

}  // namespace smp
