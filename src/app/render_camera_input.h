#pragma once
// `smpview render --input PHOTO|VIDEO`: the design on a real head, tracked in every frame. A photo
// gives a picture (a snapshot); a video gives an MP4 preview with the input's frames and timing,
// encoded on its own thread, with a progress bar on a terminal. Ctrl-C or SIGTERM stops a render and
// leaves no file behind.
#include "app/render_command.h"

namespace smp {

int render_camera_input(const RenderOptions& options, SmpDesign design);

// Before on the left, after on the right, in one picture twice as wide.
void side_by_side(const RgbaImage& before, const RgbaImage& after, RgbaImage& out);

}  // namespace smp
