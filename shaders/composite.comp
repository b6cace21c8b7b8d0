#version 450
// Pass 2: one thread per pixel. Pigment sits under the epidermis: it filters the light that the skin
// sends back, so it multiplies the camera's skin colour instead of replacing it, and the skin's own
// light and shadow stay.
#extension GL_GOOGLE_include_directive : require
#include "shared.h"

layout(local_size_x = COMPOSITE_GROUP_SIZE, local_size_y = COMPOSITE_GROUP_SIZE) in;
// The point-primitive baseline accumulates float ink instead of fixed point.
layout(constant_id = 0) const bool INK_IS_FLOAT = false;

layout(std140, binding = BINDING_FRAME_PARAMS) uniform Params { FrameParams p; };
layout(std430, binding = BINDING_INK) readonly buffer Ink { uint ink[]; };
layout(std430, binding = BINDING_CAMERA) readonly buffer Camera { uint camera[]; };
layout(std430, binding = BINDING_OUTPUT) writeonly buffer Output { uint result[]; };

vec3 srgb_to_linear(vec3 c) { return mix(c / 12.92, pow((c + 0.055) / 1.055, vec3(2.4)), step(0.04045, c)); }
vec3 linear_to_srgb(vec3 c) {
  return mix(c * 12.92, 1.055 * pow(c, vec3(1.0 / 2.4)) - 0.055, step(0.0031308, c));
}

void main() {
  uvec2 xy = gl_GlobalInvocationID.xy;
  if (xy.x >= p.counts.x || xy.y >= p.counts.y) return;
  uint i = xy.y * p.counts.x + xy.x;
  float coverage = INK_IS_FLOAT ? uintBitsToFloat(ink[i]) : float(ink[i]) / INK_ONE;
  vec4 skin = unpackUnorm4x8(camera[i]);
  // Dots land independently, so the inked share of the pixel is 1 - exp(-coverage) (overlaps count
  // once, as with real impressions); there the skin's light passes through the pigment's filter.
  float inked = 1.0 - exp(-coverage);
  vec3 filter_rgb = mix(vec3(1.0), p.pigment_transmittance.rgb, inked);
  vec3 rgb = linear_to_srgb(srgb_to_linear(skin.rgb) * filter_rgb);
  result[i] = packUnorm4x8(vec4(rgb, 1.0));
}
