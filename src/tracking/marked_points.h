#pragma once
// Points that the practitioner marks on a photo (`--points FILE.json`), and the head's pose pinned by
// them: any three of the named points below fix the pose (their projection against where those points
// sit on an adult head), for the photos whose face dlib cannot find and whose outline alone leaves the
// head's turn and bow uncertain.
//
// The file is one JSON object, pixels 0-based (x to the right, y down, pixel centres at integers):
//   {"nasion": [412, 230], "left_ear_top": [180, 260], "nape": [150, 520]}
// Names ("left"/"right" are the patient's own):
//   nasion           the top of the nose bridge, between the eyes
//   nose_tip         the tip of the nose
//   chin             the lowest point of the chin
//   left_eye_outer   the outer corner of the patient's left eye (right_eye_outer likewise)
//   left_ear_top     where the top of the patient's left ear joins the head (right_ear_top likewise)
//   nape             the middle of the hairline at the back of the neck
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <glm/glm.hpp>

#include "tracking/head_pose.h"

namespace smp {

inline constexpr int kFewestMarkedPoints = 3;

struct MarkedPoint {
  std::string name;  // one of marked_point_names()
  glm::dvec2 px;
};

std::span<const std::string_view> marked_point_names();
// Where the named point sits on an adult head, in the head frame (mm); nullopt for an unknown name.
std::optional<glm::dvec3> marked_point_on_head(std::string_view name);

// The points of a --points file's text, checked against a picture of `width` x `height`: nullopt with
// `why` (one line for the person) for text that is not such an object, a name we do not know, a point
// that is not two numbers or lies outside the picture, or fewer than kFewestMarkedPoints points.
std::optional<std::vector<MarkedPoint>> parse_marked_points(std::string_view json_text, int width, int height,
                                                            std::string& why);

// The points' names, in their order, between commas: "nasion, chin, left_eye_outer".
std::string names_of(std::span<const MarkedPoint> points);

// The points as a --points file's text (parse_marked_points reads it back): what the practitioner
// placed by clicking, kept for `render`, `sheet` and the next session.
std::string marked_points_json(std::span<const MarkedPoint> points);

struct PointPose {
  HeadPose pose;
  double rms_px = 0.0;         // between the marked points and the head's points projected
  std::string worst_name;      // the point furthest from its projection
  double worst_px = 0.0;
  std::vector<std::string> hidden;  // marked points this pose puts on the far side of the head
  double turn_from_start_deg = 0.0;  // the angle between this pose's turn and its start's
};

// The pose that projects the head's points closest to the marked ones, searched from each of `starts`
// (angles only: the start is placed on the ray through the points' middle, at the distance their
// spread gives); the best fit wins. A start near the truth matters with three points, which a mirrored
// pose may fit as well. Each start's search is held near its turn (20 degrees cost as much as a point off
// by 5% of the points' distances from their middle, summed: the pull grows with the number of points),
// and a pose that would hide a marked point behind the head loses to any
// that does not. nullopt: no start led to a head in front of the camera.
std::optional<PointPose> solve_pose_from_points(std::span<const MarkedPoint> points, const Intrinsics& camera,
                                 std::span<const HeadPose> starts);

}  // namespace smp
