#pragma once
// Head pose from 68 landmarks: perspective-n-point against the face model's points that stay rigid
// when the patient talks or smiles (eyes, nose, the jaw's upper ends; not the mouth, chin or brows).
#include <optional>

#include "tracking/face_model.h"

namespace smp {

struct PoseFit {
  HeadPose pose;                  // head frame -> camera, mm; angles per shared/data/README.md
  double reprojection_px = 0.0;   // RMS distance between the landmarks and the model's projection
};

// `previous`: the last frame's pose, where the search starts (steadier, and faster).
PoseFit solve_head_pose(const Landmarks68& landmarks, const Intrinsics& camera, const FaceModel& model = face_model(),
                        const std::optional<HeadPose>& previous = std::nullopt);

}  // namespace smp
