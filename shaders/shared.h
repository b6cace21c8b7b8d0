// Everything that crosses the boundary between C++ and GLSL: structs, binding numbers, constants.
// Included by both sides (see STYLE.md); the C++ side checks the layouts with static_assert at the end.
#ifndef SMP_SHADERS_SHARED_H
#define SMP_SHADERS_SHARED_H

#ifdef __cplusplus
#include <cstddef>
#include <cstdint>
#include <glm/glm.hpp>
namespace smp::shader {
using uint = std::uint32_t;
using glm::mat4;
using glm::uvec4;
using glm::vec4;
#define SMP_CONST(type, name, value) inline constexpr type name = value
#else
#define SMP_CONST(type, name, value) const type name = value
#endif

// ---- Dots -------------------------------------------------------------------------------------
// One dot is 16 bytes (a uvec4):
//   x: position x | position y << 16   (signed 16-bit, DOT_POSITION_STEP_MM per step, head frame)
//   y: position z | normal octahedral u << 16 | normal octahedral v << 24  (8-bit snorm each)
//   z: rank: the dot is drawn when rank < FrameParams.visible_rank_limit (density as a rank threshold)
//   w: diameter jitter (8 bit) | darkness jitter (8 bit) << 8 | session (8 bit) << 16
// 1/64 mm steps reach +-512 mm: far beyond any head, and 0.016 mm is ~0.03 px at arm's length.
SMP_CONST(float, DOT_POSITION_STEP_MM, 1.0 / 64.0);
// Jitter bytes 1..255 (128: none) scale a dot's diameter or darkness by 1 +- these ranges.
SMP_CONST(float, DOT_DIAMETER_JITTER_RANGE, 0.25);
SMP_CONST(float, DOT_DARKNESS_JITTER_RANGE, 0.20);

// ---- Ink accumulation -------------------------------------------------------------------------
// The splat pass adds each dot's coverage (in units of pixel area) to a per-pixel uint in fixed point,
// INK_ONE per fully covered pixel. Integer atomics make the sum independent of thread order, so a frame
// is bit-for-bit reproducible. 2^20 leaves room for 4096 layers of full coverage before overflow.
SMP_CONST(float, INK_ONE, 1048576.0);

// A dot's footprint is a Gaussian with the same ink mass as a disc of its diameter (sigma = r / sqrt 2,
// peak coverage 1), truncated at FOOTPRINT_SIGMAS. Larger footprints are clamped to keep one dot's
// work bounded in extreme close-ups; small ones become a square of the same area (splat.comp).
SMP_CONST(float, FOOTPRINT_SIGMAS, 3.0);
// Dots whose area-equivalent square is at most this wide (px) are splatted as that square (3x3 pixels
// at most); larger ones as a Gaussian.
SMP_CONST(float, SQUARE_FOOTPRINT_MAX_PX, 2.0);
SMP_CONST(int, FOOTPRINT_MAX_PIXELS, 24);

// ---- Bindings (one descriptor set per pass) ----------------------------------------------------
SMP_CONST(uint, BINDING_FRAME_PARAMS, 0);
SMP_CONST(uint, BINDING_DOTS, 1);
SMP_CONST(uint, BINDING_INK, 2);
SMP_CONST(uint, BINDING_CAMERA, 3);

SMP_CONST(uint, SPLAT_GROUP_SIZE, 128);
SMP_CONST(uint, COMPOSITE_GROUP_SIZE, 128);
// How far skin seen through pigment loses its own hue (0: keeps it, 1: pure grey); see composite.comp.
SMP_CONST(float, PIGMENT_DESATURATION, 0.7);
SMP_CONST(uint, COMPOSITE_PIXELS_PER_THREAD, 8);  // a multiple of 4 (one uvec4 of pixels)

// Per-frame parameters of the splat and composite passes (std140 uniform buffer).
struct FrameParams {
  mat4 head_to_camera;  // head frame (see src/tracking/head_pose.h) -> camera frame, mm, OpenCV axes
  vec4 intrinsics;      // fx, fy, cx, cy in pixels; pixel centres at integer coordinates
  vec4 pigment_transmittance;  // rgb: linear-light transmittance of fully inked skin; a unused
  vec4 dot_shape;       // x: dot diameter mm, y: softness (sigma scale), z: cos of the angle where the
                        // grazing fade ends, w: near plane mm
  uvec4 counts;         // x: image width, y: image height, z: dot count, w: visible_rank_limit
  uvec4 composite_span; // x: first pixel group (of COMPOSITE_PIXELS_PER_THREAD) that ink can reach,
                        // y: number of groups; the composite pass looks at no other pixel
};

// Push constants of the demo-head raster pass.
struct HeadRasterParams {
  mat4 head_to_clip;
  mat4 head_to_camera;
};

#ifdef __cplusplus
// One dot as the GPU stores it (GLSL sees a uvec4); see the packing above.
struct GpuDot {
  uint words[4];
};
static_assert(sizeof(GpuDot) == 16, "a dot must stay 16 bytes on the GPU");
static_assert(sizeof(FrameParams) == 64 + 5 * 16, "FrameParams must match its std140 layout");
static_assert(offsetof(FrameParams, counts) == 112, "FrameParams.counts must sit where std140 puts it");
static_assert(sizeof(HeadRasterParams) <= 128, "push constants must fit the guaranteed 128 bytes");
}  // namespace smp::shader
#endif
#endif
