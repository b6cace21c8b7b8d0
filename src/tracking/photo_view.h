#pragma once
// The five standard views of a clinic's scalp photo set, by the clinic's conventions: `front` faces the
// camera (often bowed so that the hairline shows), `left` shows the patient's left side (the face
// points to the picture's left), `right` the opposite, `top` looks down on the bowed head with the
// forehead towards the picture's bottom edge, `back` shows the back of the head with the neck at the
// bottom. A photo of one of them often shows no face at all; its view then fixes the head's turn, and
// only tilt, position and size are left to find in the picture (src/scalp/view_fit.h).
#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "tracking/head_pose.h"

namespace smp {

enum class PhotoView { kFront, kLeft, kRight, kTop, kBack };
inline constexpr std::array<PhotoView, 5> kAllViews{PhotoView::kFront, PhotoView::kLeft, PhotoView::kRight, PhotoView::kTop,
                                                    PhotoView::kBack};

std::string_view view_name(PhotoView view);  // "front", "left", ...
std::optional<PhotoView> parse_view(std::string_view name);

// The head's angles (shared/data/README.md) that a typical clinic photo of `view` shows, upright in the
// picture (roll 0), translation untouched. Clinic photos without a face to find bow the head: the front
// so that the hairline shows, the back a little, the top a lot, where the camera looks down on the
// vertex with the face mostly hidden below it.
HeadPose view_angles(PhotoView view);

// The view a photo of `view` shows mirrored left to right: left for right, the others as they are.
PhotoView mirror_view(PhotoView view);

// The view whose angles lie nearest to a pose's (a tracked face's): the standard view a photo shows.
PhotoView nearest_view(const HeadPose& pose);

// Whether a face found at `face` in a camera that shows `view` can be the patient's: never from behind;
// from a side, only turned that way; from the front and from above, any.
bool face_fits_view(PhotoView view, const HeadPose& face);

}  // namespace smp
