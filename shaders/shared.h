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
//   z: rank in the field: the dot is drawn when rank < FrameParams.counts.w and the design's local
//      density share admits it (scalp_design.h): a lower density is a rank threshold, never a new field
//   w: diameter jitter (8 bit) | darkness jitter (8 bit) << 8 | session (8 bit) << 16
// A drawn dot (select.comp's output, the splat pass's input) is the same dot moved onto the scalp it
// is drawn on (FrameParams), and its z is the design's ink scale there, as float bits.
// 1/64 mm steps reach +-512 mm: far beyond any head, and 0.016 mm is ~0.03 px at arm's length.
SMP_CONST(float, DOT_POSITION_STEP_MM, 1.0 / 64.0);
// Jitter bytes 1..255 (128: none) scale a dot's diameter or darkness by 1 +- these ranges.
SMP_CONST(float, DOT_DIAMETER_JITTER_RANGE, 0.25);
SMP_CONST(float, DOT_DARKNESS_JITTER_RANGE, 0.20);

// ---- Ink accumulation -------------------------------------------------------------------------
// The splat pass adds each dot's coverage (in units of pixel area) to a per-pixel uint in fixed point,
// INK_ONE per fully covered pixel. Integer atomics make the sum independent of thread order, so a frame
// is bit-for-bit reproducible. 2^20 leaves room for 4096 layers of full coverage before overflow.
// A pixel's ink is the sum of two planes of uints, so that one 64-bit atomic adds to two neighbouring
// pixels wherever they are: with i = y * width + x, pixel i is uint i of plane A and uint
// FrameParams.composite_span.z + i + 1 of plane B; the pair (i, i + 1) is one aligned uint64 in plane A
// when i is even and in plane B when i is odd. Atomics cost lavapipe a loop over its lanes each, and
// most dots touch two columns of pixels.
SMP_CONST(float, INK_ONE, 1048576.0);

// A dot's footprint is a Gaussian with the same ink mass as a disc of its diameter (sigma = r / sqrt 2,
// peak coverage 1), truncated at FOOTPRINT_SIGMAS. Larger footprints are clamped to keep one dot's
// work bounded in extreme close-ups; small ones become a square of the same area (splat.comp).
SMP_CONST(float, FOOTPRINT_SIGMAS, 3.0);
// Dots whose area-equivalent square is at most this wide (px) are splatted as that square (4x4 pixels
// at most); larger ones as a Gaussian. A dot a little over a pixel, widened by the skin's light spread
// and the camera's blur (below), shades a disc about 3 px across in a close-up of the head: as a
// Gaussian reaching three sigmas it would touch 8x8 pixels (about 36 atomics instead of 8), and under
// the camera's blur its square shape is not seen.
SMP_CONST(float, SQUARE_FOOTPRINT_MAX_PX, 3.0);
SMP_CONST(int, FOOTPRINT_MAX_PIXELS, 24);
// Light scatters sideways in the dermis before it leaves the skin, so a dot under it shades a disc this
// much wider than its pigment (diameters add in quadrature). Its ink is spread over that disc: at arm's
// length, where a dot is about a pixel, the shadow reaches the pixels around it as it does in life.
SMP_CONST(float, SKIN_LIGHT_SPREAD_MM, 0.6);
// A camera does not resolve single pixels either (lens, demosaicing, compression): the dots are as
// soft as the picture they are put into, not crisper (radii add in quadrature).
SMP_CONST(float, CAMERA_BLUR_RADIUS_PX, 0.8);
// Dots nearer the camera than this are not drawn (FrameParams.dot_shape.w carries it to the shaders).
SMP_CONST(float, NEAR_PLANE_MM, 10.0);

// ---- Bindings (one descriptor set per pass) ----------------------------------------------------
SMP_CONST(uint, BINDING_FRAME_PARAMS, 0);
SMP_CONST(uint, BINDING_DOTS, 1);
SMP_CONST(uint, BINDING_INK, 2);
SMP_CONST(uint, BINDING_CAMERA, 3);
SMP_CONST(uint, BINDING_DRAWN_DOTS, 4);
SMP_CONST(uint, BINDING_SPLAT_WORK, 5);
SMP_CONST(uint, BINDING_SKIN, 6);  // the skin matte: a byte per pixel, 255 bare skin .. 0 hair
SMP_CONST(uint, BINDING_CLUSTERS, 7);
SMP_CONST(uint, BINDING_SPLAT_CHUNKS, 8);
SMP_CONST(uint, BINDING_WIDE_DOTS, 9);  // the splat pass's list of dots with a Gaussian footprint
SMP_CONST(uint, BINDING_WIDE_WORK, 10);

// The selection pass keeps the drawn dots of each run of DOT_CLUSTER_SIZE dots of the field together:
// the field is in Morton order, so they lie close together on the head, and one test per cluster
// (cull.comp) drops a run that faces away or lies off the picture. The splat pass then takes the live
// clusters' dots in chunks of SPLAT_GROUP_SIZE, a whole number of which make a cluster.
SMP_CONST(uint, SELECT_GROUP_SIZE, 128);
SMP_CONST(uint, DOT_CLUSTER_SIZE, 128);
SMP_CONST(uint, SPLAT_GROUP_SIZE, 32);
SMP_CONST(uint, CULL_GROUP_SIZE, 64);
SMP_CONST(uint, COMPOSITE_GROUP_SIZE, 128);
// How far skin seen through pigment loses its own hue (0: keeps it, 1: pure grey); see composite.comp.
SMP_CONST(float, PIGMENT_DESATURATION, 0.35);
// The share of the skin's light that the epidermis and the dermis above the pigment send back without
// it meeting the pigment: it bounds how dark pigment can make skin, here about as dark as the darkest
// real stubble (tests/test_look.cpp).
SMP_CONST(float, LIGHT_RETURNED_ABOVE_PIGMENT, 0.03);
SMP_CONST(uint, COMPOSITE_PIXELS_PER_THREAD, 32);  // a multiple of 4 (one uvec4 of pixels)

// ---- The scalp design, evaluated per dot in the shader (scalp_design.h) --------------------------
// The coverage border (front hairline, temples, above the ears, nape) as elevation per azimuth bin of
// the scalp chart (src/scalp/scalp_surface.h); bin i is centred on azimuth -pi + (i + 0.5) 2 pi / BINS.
SMP_CONST(int, BORDER_BINS, 180);
SMP_CONST(uint, MAX_SCAR_PATCHES, 4);
SMP_CONST(uint, COVERAGE_EVERYWHERE, 0);  // no design: every dot of the field (engine tests, benchmarks)
SMP_CONST(uint, COVERAGE_HAIRLINE, 1);    // behind a hairline and above the side and nape borders
SMP_CONST(uint, COVERAGE_DIFFUSE, 2);     // diffuse thinning: one patch, no hairline

// An elliptical patch of the scalp with a soft rim, in the chart's normalised egg coordinates (see
// chart_unit_direction in scalp_design.h): directions seen from the egg's centre, so a patch may lie
// anywhere, the top of the head included.
struct PatchParams {
  vec4 centre;  // xyz: unit direction of the patch's centre; w: 1 / half extent across (1/rad)
  vec4 across;  // xyz: unit tangent around the head at the centre; w: 1 / half extent along (1/rad)
  vec4 along;   // xyz: unit tangent from front to back (or bottom to top); w: feather (share of the radius)
  vec4 effect;  // x density scale, y ink scale (darker > 1), zw unused
};

struct DesignParams {
  vec4 chart_centre_taper;  // xyz: chart centre (head frame, mm); w: taper of the width towards the front
  vec4 chart_radii;         // x half breadth, y half height, z front length, w back length (mm)
  vec4 shares;              // x: base share of the field's dots drawn (density / field density x session
                            // share); y: share at the front edge of the hairline zone; z: micro
                            // irregularity, mm of depth; w unused
  uvec4 mode;               // x coverage mode, y scar patch count, z ranks in the field, w unused
  PatchParams diffuse_area;
  PatchParams scars[MAX_SCAR_PATCHES];
  vec4 border[BORDER_BINS];  // x elevation of the border (rad), y mm of skin per rad of elevation there,
                             // z softness: depth of the transition zone (mm), w unused
};

// One cluster of drawn dots, drawn[cluster x DOT_CLUSTER_SIZE + i] for i < count: select.comp counts
// them, cluster_bounds.comp bounds them (head frame, on the drawn scalp), cull.comp tests the bounds.
struct DotCluster {
  vec4 sphere;  // xyz centre (mm), w radius (mm): every drawn dot's centre lies inside
  vec4 cone;    // xyz unit axis; w: no drawn dot's normal is further from it than this cosine (-2: any)
  uvec4 count;  // x: drawn dots in the cluster; yzw unused
};

// A pass's group count (a VkDispatchIndirectCommand), written on the GPU so the host never waits to
// learn it: by cull.comp for the splat pass, one group per chunk of live dots; by the splat pass for
// the wide dots' pass, one group per SPLAT_GROUP_SIZE dots it listed (`items`, counted there).
struct SplatWork {
  uint groups_x, groups_y, groups_z;
  uint items;
};

// Per-frame parameters of the splat and composite passes (std140 uniform buffer).
struct FrameParams {
  mat4 head_to_camera;  // head frame (see src/tracking/head_pose.h) -> camera frame, mm, OpenCV axes
  vec4 intrinsics;      // fx, fy, cx, cy in pixels; pixel centres at integer coordinates
  vec4 pigment;         // rgb: optical depth of the pigment per unit of dot coverage (composite.comp);
                        // a: opacity of the whole dot layer (fading with tracking)
  vec4 dot_shape;       // x: dot diameter mm, y: softness (sigma scale), z: cos of the angle where the
                        // grazing fade ends, w: near plane mm
  uvec4 counts;         // x: image width, y: image height, z: dot count, w: ranks below this may be drawn
  uvec4 composite_span; // x: first pixel group (of COMPOSITE_PIXELS_PER_THREAD) that ink can reach,
                        // y: number of groups; the composite pass looks at no other pixel;
                        // z: the first uint of the ink's plane B (see Ink accumulation), a multiple of 8
  // The scalp the dot field was built on and the one it is drawn on (ScalpSurface's chart_centre_taper
  // and chart_radii): a scalp refitted to the head's outline moves every dot to the same chart
  // coordinates on it (moved_to_egg in scalp_design.h) instead of rebuilding the field. Both the same
  // (DrawnScalp's default: centre 0, radii 1, no taper): the dots are drawn where the field put them.
  vec4 field_centre_taper, field_radii;
  vec4 scalp_centre_taper, scalp_radii;
  DesignParams design;
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
static_assert(sizeof(DotCluster) == 48, "DotCluster must match its std430 layout");
static_assert(sizeof(SplatWork) == 16, "SplatWork must match its std430 layout");
static_assert(DOT_CLUSTER_SIZE % SPLAT_GROUP_SIZE == 0, "a cluster must split into whole splat chunks");
static_assert(sizeof(PatchParams) == 64, "PatchParams must match its std140 layout");
static_assert(sizeof(DesignParams) == 4 * 16 + (1 + MAX_SCAR_PATCHES) * 64 + BORDER_BINS * 16,
              "DesignParams must match its std140 layout");
static_assert(sizeof(FrameParams) == 64 + 9 * 16 + sizeof(DesignParams), "FrameParams must match its std140 layout");
static_assert(offsetof(FrameParams, counts) == 112, "FrameParams.counts must sit where std140 puts it");
static_assert(sizeof(HeadRasterParams) <= 128, "push constants must fit the guaranteed 128 bytes");
}  // namespace smp::shader
#endif
#endif
