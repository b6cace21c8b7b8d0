#include "tracking/photo_view.h"

#include <array>
#include <cmath>
#include <limits>

namespace smp {
namespace {

struct ViewEntry {
  PhotoView view;
  std::string_view name;
  double pitch_deg, yaw_deg;
};

// yaw > 0 turns the face to the picture's left: the patient's left side shows (`left`). Pitch turns
// about the camera's left-right axis after the yaw (head_pose.h), so seen from behind (yaw 180) a bow
// is pitch > 0. The bows are what the clinic photos of ../shared/data/scalps show where no face
// could be found, chosen on them (tests/test_scalp_photos.cpp): fronts are bowed so that the hairline
// shows (-10 put the design's hairline at the top of the picture, on the crown), tops are looked down
// on, and backs are bowed a little (-15, leaning back, put the nape's ink on the neck; 25 left the
// lower third of the head bare).
constexpr std::array<ViewEntry, 5> kViews{{
    {PhotoView::kFront, "front", -35.0, 0.0},
    {PhotoView::kLeft, "left", 0.0, 90.0},
    {PhotoView::kRight, "right", 0.0, -90.0},
    {PhotoView::kTop, "top", -75.0, 0.0},
    {PhotoView::kBack, "back", 8.0, 180.0},
}};

const ViewEntry& entry(PhotoView view) {
  for (const ViewEntry& e : kViews)
    if (e.view == view) return e;
  return kViews[0];
}

}  // namespace

std::string_view view_name(PhotoView view) { return entry(view).name; }

std::optional<PhotoView> parse_view(std::string_view name) {
  for (const ViewEntry& e : kViews)
    if (e.name == name) return e.view;
  return std::nullopt;
}

PhotoView mirror_view(PhotoView view) {
  if (view == PhotoView::kLeft) return PhotoView::kRight;
  if (view == PhotoView::kRight) return PhotoView::kLeft;
  return view;
}

HeadPose view_angles(PhotoView view) {
  HeadPose pose;
  pose.pitch_deg = entry(view).pitch_deg;
  pose.yaw_deg = entry(view).yaw_deg;
  return pose;
}

PhotoView nearest_view(const HeadPose& pose) {
  // Compared by where the head's forward (+z) and up (+y) axes point in the camera frame.
  const glm::dmat3 r = pose.rotation();
  PhotoView best = PhotoView::kFront;
  double best_distance = std::numeric_limits<double>::max();
  for (const ViewEntry& e : kViews) {
    const glm::dmat3 v = view_angles(e.view).rotation();
    const double distance = glm::length(r[2] - v[2]) + glm::length(r[1] - v[1]);
    if (distance < best_distance) best_distance = distance, best = e.view;
  }
  return best;
}

bool face_fits_view(PhotoView view, const HeadPose& face) {
  switch (view) {
    case PhotoView::kBack: return false;
    case PhotoView::kLeft: return face.yaw_deg > 0.0;
    case PhotoView::kRight: return face.yaw_deg < 0.0;
    case PhotoView::kFront:
    case PhotoView::kTop: return true;
  }
  return true;
}

}  // namespace smp
