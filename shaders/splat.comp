#version 450
// Pass 1: one thread per drawn dot of the live clusters (select.comp chose the dots, cull.comp the
// clusters; a group per chunk of a cluster's dots). Spreads the dot's ink over the pixels its
// footprint touches, in proportion to the footprint's area in each pixel, and adds it with integer atomics.
#extension GL_GOOGLE_include_directive : require
#extension GL_EXT_shader_explicit_arithmetic_types_int64 : require
#extension GL_EXT_shader_atomic_int64 : require
#include "shared.h"

layout(local_size_x = SPLAT_GROUP_SIZE) in;
// False when the host has worked out that no dot this frame is wide enough for the Gaussian footprint:
// lavapipe would otherwise run the Gaussian's code (under a mask) for every dot.
layout(constant_id = 0) const bool LARGE_FOOTPRINTS = true;
layout(std140, binding = BINDING_FRAME_PARAMS) uniform Params { FrameParams p; };
layout(std430, binding = BINDING_DRAWN_DOTS) readonly buffer Drawn { uvec4 drawn[]; };
layout(std430, binding = BINDING_SPLAT_CHUNKS) readonly buffer Chunks { uvec2 chunks[]; };  // first, end
layout(std430, binding = BINDING_INK) buffer Ink { uint64_t ink_pairs[]; };  // two planes, see shared.h

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
void add_ink_pair(int x, int y, float left, float right) {
  ivec2 size = ivec2(p.counts.xy);
  if (y < 0 || y >= size.y || x < -1 || x >= size.x) return;
  uint lo = x >= 0 && left >= 0.5 ? uint(left + 0.5) : 0u;
  uint hi = x + 1 < size.x && right >= 0.5 ? uint(right + 0.5) : 0u;
  if ((lo | hi) == 0u) return;
  int i = y * size.x + x;
  uint first_uint = (i & 1) == 0 ? uint(i) : p.composite_span.z + uint(i + 1);
  atomicAdd(ink_pairs[first_uint / 2u], pack64(uvec2(lo, hi)));
}

// Length of [lo, hi) inside pixel k, in pixel-edge coordinates (pixel k spans [k, k + 1)).
float overlap(float lo, float hi, float k) { return max(0.0, min(hi, k + 1.0) - max(lo, k)); }

// Small dots, the common case (a 0.5 mm dot is about a pixel across at arm's length): the footprint
// is the square with the disc's area, and each pixel it touches gets ink in proportion to the part of
// the square inside it. Up to 3 px wide it touches at most 4x4 pixels: one 64-bit atomic per row
// where it touches one or two columns, two for three or four; no transcendental functions, no arrays.
// Below a pixel or two its shape cannot be seen; its ink is exact. The loops have a fixed length, so
// the compiler unrolls them: lavapipe runs 8 dots in step, and loops whose length differs from dot to
// dot cost it more than the pixels they skip (a row or column the square misses gets no ink).
void splat_square(vec2 centre, float side, float ink_total) {
  vec2 lo = centre + 0.5 - 0.5 * side, hi = lo + side;  // pixel-edge coordinates
  ivec2 first = ivec2(floor(lo));
  float scale = ink_total / (side * side);
  vec4 column = vec4(overlap(lo.x, hi.x, float(first.x)), overlap(lo.x, hi.x, float(first.x + 1)),
                     overlap(lo.x, hi.x, float(first.x + 2)), overlap(lo.x, hi.x, float(first.x + 3)));
  for (int j = 0; j < 4; ++j) {
    float row = scale * overlap(lo.y, hi.y, float(first.y + j));
    add_ink_pair(first.x, first.y + j, row * column.x, row * column.y);
    add_ink_pair(first.x + 2, first.y + j, row * column.z, row * column.w);
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
      add_ink_pair(x, y, row * (middle_x - left_x), row * (right_x - middle_x));
      left_x = right_x;
    }
  }
}

void main() {
  uvec2 chunk = chunks[gl_WorkGroupID.x];
  uint index = chunk.x + gl_LocalInvocationID.x;
  if (index >= chunk.y) return;
  PlacedDot dot;
  uvec4 d = drawn[index];
  if (!place_dot(d, dot)) return;
  // Off-screen dots add no ink (a footprint never reaches further than FOOTPRINT_MAX_PIXELS / 2).
  vec2 margin = vec2(0.5 * float(FOOTPRINT_MAX_PIXELS));
  if (any(lessThan(dot.centre_px, -margin)) || any(greaterThan(dot.centre_px, vec2(p.counts.xy) + margin))) return;

  float ink_total = 3.14159265 * dot.radius_px * dot.radius_px * dot.ink_weight * INK_ONE;
  float square_side = max(dot.shade_radius_px * 1.77245385, 1e-3);  // side^2 = pi r^2
  if (!LARGE_FOOTPRINTS || square_side <= SQUARE_FOOTPRINT_MAX_PX) {
    splat_square(dot.centre_px, square_side, ink_total);
  } else {
    // Gaussian as wide as the shaded disc (pi r^2 = 2 pi sigma^2 -> sigma = r / sqrt 2) with the dot's ink.
    splat_gaussian(dot.centre_px, dot.shade_radius_px * 0.70710678, ink_total);
  }
}
