#pragma once
// The buffers of one frame at one resolution, shared by the passes that fill and read them:
//   camera picture -> camera; dots -> (splat) -> ink; composite: camera darkened by ink, in place;
//   camera -> output_readback
#include "gpu/buffer.h"
#include "gpu/shader_layout.h"

namespace smp {

struct FrameTargets {
  FrameTargets(const Gpu& gpu, int width, int height);

  int width, height;
  Buffer params;           // FrameParams, written by the host before each submit
  Buffer camera_upload;    // host picture -> GPU
  Buffer camera;           // RGBA8 per pixel; after the composite pass, the composited picture
  Buffer ink;              // fixed-point (or float, for the baseline) ink per pixel, in two planes
  Buffer skin;             // a byte per pixel, written by the host: how much bare skin it shows (255 all)
  Buffer output_readback;  // GPU -> host

  size_t pixel_count() const { return size_t(width) * height; }
  size_t picture_bytes() const { return pixel_count() * 4; }  // RGBA8, or one uint32 of ink, per pixel
  // Per-pixel buffers hold a whole number of the composite pass's pixel groups.
  size_t padded_pixel_count() const;
  // The ink's plane B (shaders/shared.h) starts this many uints in: after plane A and a gap that keeps
  // a pair at the picture's end inside plane A.
  size_t ink_plane_b_offset() const { return padded_pixel_count() + shader::COMPOSITE_PIXELS_PER_THREAD; }
};

}  // namespace smp
