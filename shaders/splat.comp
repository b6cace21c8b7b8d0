#version 450
// Pass 1: the drawn dots of the live clusters (select.comp chose the dots, cull.comp the clusters; a
// group per chunk of a cluster's dots), one or two per thread. Spreads each dot's ink over the pixels
// its footprint touches, in proportion to the footprint's area in each pixel, and adds it with integer
// atomics. Lavapipe runs every memory access (load or atomic) as a loop over its 8 lanes, one load per
// component in each: their number, not the arithmetic, sets this pass's time there.
#extension GL_GOOGLE_include_directive : require
#extension GL_EXT_shader_explicit_arithmetic_types_int64 : require
#extension GL_EXT_shader_atomic_int64 : require
#include "shared.h"

// Three pipelines. The splat pass: SPLAT_GROUP_SIZE / 2 threads a group, which take two dots each.
// When LARGE_FOOTPRINTS, it lists the dots too wide for a square instead of drawing them, and the wide
// dots' pass (WIDE_DOTS, SPLAT_GROUP_SIZE threads a group, a dot each) draws their Gaussians: a GPU
// runs a group's threads in step, and one Gaussian among them would hold up all the others, as long
// as its loops run (lavapipe runs the Gaussian's code under a mask even where no thread needs it).
layout(local_size_x_id = 1) in;
// False when the host has worked out that no dot this frame is wide enough for the Gaussian footprint.
layout(constant_id = 0) const bool LARGE_FOOTPRINTS = true;
layout(constant_id = 2) const bool WIDE_DOTS = false;
layout(std140, binding = BINDING_FRAME_PARAMS) uniform Params { FrameParams p; };
layout(std430, binding = BINDING_DRAWN_DOTS) readonly buffer Drawn { u64vec2 drawn[]; };  // select.comp's uvec4s, in halves
layout(std430, binding = BINDING_SPLAT_CHUNKS) readonly buffer Chunks { uint64_t chunks[]; };  // cull.comp's uvec2s: first, end
layout(std430, binding = BINDING_INK) buffer Ink { uint64_t ink_pairs[]; };  // two planes, see shared.h
layout(std430, binding = BINDING_WIDE_DOTS) buffer Wide { uint wide_dots[]; };  // indices into drawn[]
layout(std430, binding = BINDING_WIDE_WORK) buffer WideWork { SplatWork wide_work; };  // zeroed before

#include "dot_common.glsl"

// Standard normal CDF via erf (Abramowitz & Stegun 7.1.26, |error| < 1.5e-7). Only the footprint's
// shape depends on this accuracy; its total ink is normalised below and is exact.
float normal_cdf(float x) {
  float z = abs(x) * 0.70710678;
  float t = 1.0 / (1.0 + 0.3275911 * z);
  float poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  float erf_z = 1.0 - poly * exp(-z * z);
  return 0.5 + 0.5 * sign(x) * erf_z;
}

// Adds ink to pixels x and x + 1 of row y with one 64-bit atomic. x may be -1 or width - 1: the half
// outside the picture gets nothing (it would land in the neighbouring row).
void add_ink_pair(int x, int y, uvec2 units) {
  ivec2 size = ivec2(p.counts.xy);
  if (y < 0 || y >= size.y || x < -1 || x >= size.x) return;
  uint lo = x >= 0 ? units.x : 0u;
  uint hi = x + 1 < size.x ? units.y : 0u;
  if ((lo | hi) == 0u) return;
  int i = y * size.x + x;
  uint first_uint = (i & 1) == 0 ? uint(i) : p.composite_span.z + uint(i + 1);
  atomicAdd(ink_pairs[first_uint / 2u], pack64(uvec2(lo, hi)));
}

// A dot's share of a pixel in INK_ONE units; under half a unit it adds nothing.
uint ink_units(float ink) { return ink >= 0.5 ? uint(ink + 0.5) : 0u; }
uvec4 ink_units(vec4 ink) { return uvec4(ink_units(ink.x), ink_units(ink.y), ink_units(ink.z), ink_units(ink.w)); }

// Length of [lo, hi) inside pixel k, in pixel-edge coordinates (pixel k spans [k, k + 1)).
float overlap(float lo, float hi, float k) { return max(0.0, min(hi, k + 1.0) - max(lo, k)); }

// Small dots, the common case (a 0.5 mm dot is about a pixel across at arm's length): the footprint
// is the square with the disc's area, and each pixel it touches gets ink in proportion to the part of
// the square inside it. Below a pixel or two its shape cannot be seen; its ink is exact.
struct Square {
  vec2 lo, hi;  // pixel-edge coordinates
  float ink_per_area;
};
const Square NO_SQUARE = Square(vec2(0.0), vec2(0.0), 0.0);  // touches no pixel

Square square_footprint(vec2 centre, float side, float ink_total) {
  vec2 lo = centre + 0.5 - 0.5 * side;
  return Square(lo, lo + side, ink_total / (side * side));
}

// Adds the ink of up to two squares at most 3 px wide (NO_SQUARE for none) that lie within the 4x4
// pixels from `first`: one 64-bit atomic per row and pair of columns, 8 in all, for both. Each square's
// share of a pixel is rounded on its own, so a pixel gets the same integer ink as from one call per
// square. The loops have a fixed length, so the compiler unrolls them: lavapipe runs 8 threads in step,
// and loops whose length differs from thread to thread cost it more than the pixels they skip.
void splat_squares(ivec2 first, Square a, Square b) {
  vec4 k = vec4(first.x) + vec4(0.0, 1.0, 2.0, 3.0);
  vec4 column_a = vec4(overlap(a.lo.x, a.hi.x, k.x), overlap(a.lo.x, a.hi.x, k.y), overlap(a.lo.x, a.hi.x, k.z),
                       overlap(a.lo.x, a.hi.x, k.w));
  vec4 column_b = vec4(overlap(b.lo.x, b.hi.x, k.x), overlap(b.lo.x, b.hi.x, k.y), overlap(b.lo.x, b.hi.x, k.z),
                       overlap(b.lo.x, b.hi.x, k.w));
  for (int j = 0; j < 4; ++j) {
    float row_a = a.ink_per_area * overlap(a.lo.y, a.hi.y, float(first.y + j));
    float row_b = b.ink_per_area * overlap(b.lo.y, b.hi.y, float(first.y + j));
    uvec4 units = ink_units(row_a * column_a) + ink_units(row_b * column_b);
    add_ink_pair(first.x, first.y + j, units.xy);
    add_ink_pair(first.x + 2, first.y + j, units.zw);
  }
}

// Larger dots (close-ups): a round Gaussian integrated exactly over each pixel, truncated at
// FOOTPRINT_SIGMAS and renormalised so the ink total stays exact. The per-pixel weights are CDF
// differences computed as the loops go: local arrays would cost more than the whole splat on lavapipe.
void splat_gaussian(vec2 centre, float sigma, float ink_total) {
  float reach = min(FOOTPRINT_SIGMAS * sigma, 0.5 * float(FOOTPRINT_MAX_PIXELS - 1));
  ivec2 first = ivec2(floor(centre - reach + 0.5));
  ivec2 last = ivec2(floor(centre + reach + 0.5));
  // Pixel k spans [k - 0.5, k + 0.5); z-scores of the footprint's outer edges.
  vec2 z_first = (vec2(first) - 0.5 - centre) / sigma;
  vec2 z_last = (vec2(last) + 0.5 - centre) / sigma;
  vec2 total = vec2(normal_cdf(z_last.x) - normal_cdf(z_first.x), normal_cdf(z_last.y) - normal_cdf(z_first.y));
  float scale = ink_total / (total.x * total.y);
  float below_y = normal_cdf(z_first.y);
  for (int y = first.y; y <= last.y; ++y) {
    float above_y = normal_cdf((float(y) + 0.5 - centre.y) / sigma);
    float row = scale * (above_y - below_y);
    below_y = above_y;
    float left_x = normal_cdf(z_first.x);
    for (int x = first.x; x <= last.x; x += 2) {
      float middle_x = normal_cdf((float(x) + 0.5 - centre.x) / sigma);
      float right_x = x + 1 <= last.x ? normal_cdf((float(x) + 1.5 - centre.x) / sigma) : middle_x;
      add_ink_pair(x, y, uvec2(ink_units(row * (middle_x - left_x)), ink_units(row * (right_x - middle_x))));
      left_x = right_x;
    }
  }
}

// The dot at `index` of the drawn list placed in the picture: false when it adds no ink (facing away,
// off the picture).
bool placed_dot(uint index, out PlacedDot dot, out float ink_total) {
  u64vec2 packed = drawn[index];
  if (!place_dot(uvec4(unpack32(packed.x), unpack32(packed.y)), dot)) return false;
  // Off-screen dots add no ink (a footprint never reaches further than FOOTPRINT_MAX_PIXELS / 2). Written
  // so that a centre that is not a number fails too: its window would take its partner's ink with it.
  vec2 margin = vec2(0.5 * float(FOOTPRINT_MAX_PIXELS));
  if (!all(greaterThanEqual(dot.centre_px, -margin)) || !all(lessThanEqual(dot.centre_px, vec2(p.counts.xy) + margin)))
    return false;
  ink_total = 3.14159265 * dot.radius_px * dot.radius_px * dot.ink_weight * INK_ONE;
  return true;
}

// The square footprint of the dot at `index` of the drawn list: false when it adds no ink (past the
// chunk's end, facing away, off the picture) or is too wide for a square, when it goes to the list of
// the wide dots' pass.
bool placed_square(uint index, uint end, out Square square) {
  square = NO_SQUARE;
  PlacedDot dot;
  float ink_total;
  if (index >= end || !placed_dot(index, dot, ink_total)) return false;
  float side = max(dot.shade_radius_px * 1.77245385, 1e-3);  // side^2 = pi r^2
  if (LARGE_FOOTPRINTS && side > SQUARE_FOOTPRINT_MAX_PX) {
    uint slot = atomicAdd(wide_work.items, 1u);
    wide_dots[slot] = index;
    if (slot % SPLAT_GROUP_SIZE == 0u) atomicAdd(wide_work.groups_x, 1u);
    return false;
  }
  square = square_footprint(dot.centre_px, side, ink_total);
  return true;
}

// Two neighbours in the drawn list (in Morton order, so mostly within a pixel of each other) per
// thread. When their squares fit in one 4x4 window, 8 atomics add both.
void splat_dot_pair(uint index, uint end) {
  Square a, b;
  bool has_a = placed_square(index, end, a);
  bool has_b = placed_square(index + 1u, end, b);
  if (!has_a) a = Square(b.lo, b.lo, 0.0);  // no ink, and no reason to leave b's window
  if (!has_b) b = Square(a.lo, a.lo, 0.0);
  ivec2 first_a = ivec2(floor(a.lo)), first_b = ivec2(floor(b.lo));
  ivec2 first = min(first_a, first_b);
  bool together = all(lessThanEqual(max(ivec2(floor(a.hi)), ivec2(floor(b.hi))) - first, ivec2(3)));
  splat_squares(together ? first : first_a, a, together ? b : NO_SQUARE);
  if (!together) splat_squares(first_b, b, NO_SQUARE);
}

// A dot too wide for a square (close-ups): a Gaussian as wide as the shaded disc (pi r^2 = 2 pi
// sigma^2 -> sigma = r / sqrt 2) with the dot's ink.
void splat_wide_dot(uint slot) {
  PlacedDot dot;
  float ink_total;
  if (slot < wide_work.items && placed_dot(wide_dots[slot], dot, ink_total))
    splat_gaussian(dot.centre_px, dot.shade_radius_px * 0.70710678, ink_total);
}

void main() {
  if (WIDE_DOTS) {
    splat_wide_dot(gl_GlobalInvocationID.x);
  } else {
    uvec2 chunk = unpack32(chunks[gl_WorkGroupID.x]);  // first, end
    splat_dot_pair(chunk.x + 2u * gl_LocalInvocationID.x, chunk.y);
  }
}
