// libFuzzer target: a --points file (tracking/marked_points.h), the named points a practitioner marks on
// a photo. Contract: parse_marked_points gives at least three known points inside the picture, each name
// once, or nothing with a reason; never throws. Whatever it accepts, the pose solve returns a finite
// pose in front of the camera or nothing.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <set>
#include <string>

#include "tracking/marked_points.h"
#include "tracking/photo_view.h"

using namespace smp;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  constexpr int kSide = 640;
  std::string why;
  const auto points =
      parse_marked_points(std::string_view(reinterpret_cast<const char*>(data), size), kSide, kSide, why);
  if (!points) {
    if (why.empty()) std::abort();  // refused without a reason
    return 0;
  }
  if (points->size() < size_t(kFewestMarkedPoints)) std::abort();
  std::set<std::string> names;
  for (const MarkedPoint& p : *points) {
    if (!marked_point_on_head(p.name) || !names.insert(p.name).second) std::abort();
    if (!(p.px.x >= 0.0 && p.px.y >= 0.0 && p.px.x <= kSide - 1.0 && p.px.y <= kSide - 1.0)) std::abort();
  }
  const Intrinsics camera{.width = kSide, .height = kSide, .fx = 1800, .fy = 1800, .cx = 319.5, .cy = 319.5};
  const HeadPose start = view_angles(PhotoView::kFront);
  if (const auto fit = solve_pose_from_points(*points, camera, std::span(&start, 1))) {
    const HeadPose& p = fit->pose;
    if (!(std::isfinite(p.pitch_deg) && std::isfinite(p.yaw_deg) && std::isfinite(p.roll_deg) && p.translation_mm.z > 0.0))
      std::abort();
  }
  return 0;
}
