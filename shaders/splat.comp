#version 450
// Pass 1: one thread per dot. Spreads the dot's ink over the pixels its footprint touches, in
// proportion to the footprint's area in each pixel, and adds it with integer atomics.
#extension GL_GOOGLE_include_directive : require
#include "shared.h"

layout(local_size_x = SPLAT_GROUP_SIZE) in;
layout(std140, binding = BINDING_FRAME_PARAMS) uniform Params { FrameParams p; };
layout(std430, binding = BINDING_DOTS) readonly buffer Dots { uvec4 dots[]; };
layout(std430, binding = BINDING_INK) buffer Ink { uint ink[]; };

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

// Fraction of a 1D Gaussian (centre c, sigma s) that falls in pixels first .. first+count-1.
// Pixel k spans [k - 0.5, k + 0.5).
void axis_weights(float c, float s, int first, int count, out float w[FOOTPRINT_MAX_PIXELS]) {
  float previous = normal_cdf((float(first) - 0.5 - c) / s);
  float start = previous;
  for (int k = 0; k < count; ++k) {
    float next = normal_cdf((float(first + k) + 0.5 - c) / s);
    w[k] = next - previous;
    previous = next;
  }
  float total = previous - start;
  for (int k = 0; k < count; ++k) w[k] /= total;
}

void main() {
  uint index = gl_GlobalInvocationID.x;
  if (index >= p.counts.z) return;
  PlacedDot dot;
  if (!place_dot(dots[index], p, dot)) return;

  // Gaussian with the disc's ink mass and peak coverage 1: mass pi r^2 = 2 pi sigma^2 -> sigma = r/sqrt2.
  float ink_px = 3.14159265 * dot.radius_px * dot.radius_px * dot.ink_weight;
  float sigma = max(dot.radius_px * 0.70710678 * p.dot_shape.y, 1e-3);
  float reach = min(FOOTPRINT_SIGMAS * sigma, 0.5 * float(FOOTPRINT_MAX_PIXELS - 1));
  ivec2 first = ivec2(floor(dot.centre_px - reach + 0.5));
  ivec2 last = ivec2(floor(dot.centre_px + reach + 0.5));
  ivec2 size = ivec2(p.counts.xy);
  if (any(greaterThanEqual(first, size)) || any(lessThan(last, ivec2(0)))) return;
  ivec2 count = last - first + 1;

  float wx[FOOTPRINT_MAX_PIXELS];
  float wy[FOOTPRINT_MAX_PIXELS];
  axis_weights(dot.centre_px.x, sigma, first.x, count.x, wx);
  axis_weights(dot.centre_px.y, sigma, first.y, count.y, wy);
  float scale = ink_px * INK_ONE;
  for (int j = 0; j < count.y; ++j) {
    int y = first.y + j;
    if (y < 0 || y >= size.y) continue;
    for (int i = 0; i < count.x; ++i) {
      int x = first.x + i;
      if (x < 0 || x >= size.x) continue;
      uint amount = uint(scale * wx[i] * wy[j] + 0.5);
      if (amount != 0u) atomicAdd(ink[y * size.x + x], amount);
    }
  }
}
