#pragma once
// Before and after in one picture, split by a vertical line that the practitioner or a passer-by drags
// across the window with the mouse or a finger.
#include "capture/frame.h"
#include "ui/presenter.h"

namespace smp {

// "before" left of the line, "after" right of it, in the picture's own left-right order; `share_after`
// of the width shows the after picture.
void wipe(const RgbaImage& before, const RgbaImage& after, float share_after, RgbaImage& out);
// While the mouse or a finger is down on the picture (not on a panel), the line follows it; the line is
// drawn while it splits the picture. `rect`: where the picture is in the window. Not `draggable`: only
// drawn (the mouse does something else on the picture).
void drag_wipe(float& share_after, bool mirror, const PictureRect& rect, bool draggable = true);

}  // namespace smp
