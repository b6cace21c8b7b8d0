#version 450
// Pass 2: one thread per pixel. Pigment sits under the epidermis: it filters the light that the skin
// sends back, so it multiplies the camera's skin colour instead of replacing it, and the skin's own
// light and shadow stay.
#extension GL_GOOGLE_include_directive : require
#extension GL_EXT_shader_explicit_arithmetic_types_int64 : require
#include "shared.h"

layout(local_size_x = COMPOSITE_GROUP_SIZE) in;
// The point-primitive baseline accumulates float ink instead of fixed point.
layout(constant_id = 0) const bool INK_IS_FLOAT = false;

layout(std140, binding = BINDING_FRAME_PARAMS) uniform Params { FrameParams p; };
// Four pixels at a time, read and written as two 64-bit halves: lavapipe loads and stores each
// component of a vector lane by lane, so halving their number halves that work.
layout(std430, binding = BINDING_INK) readonly buffer Ink { u64vec2 ink[]; };  // two planes, see shared.h
// Composited in place: only pixels with ink change, so most of the picture is never written.
layout(std430, binding = BINDING_CAMERA) buffer Camera { u64vec2 camera[]; };
// How much bare skin each pixel shows (a byte each, four to a uint): hair stays in front of the pigment.
layout(std430, binding = BINDING_SKIN) readonly buffer Skin { uint skin[]; };

vec3 srgb_to_linear(vec3 c) { return mix(c / 12.92, pow((c + 0.055) / 1.055, vec3(2.4)), step(0.04045, c)); }
vec3 linear_to_srgb(vec3 c) {
  return mix(c * 12.92, 1.055 * pow(c, vec3(1.0 / 2.4)) - 0.055, step(0.0031308, c));
}

uint composite(uint skin_rgba, uint ink_bits, float bare_skin) {
  float coverage = INK_IS_FLOAT ? uintBitsToFloat(ink_bits) : float(ink_bits) / INK_ONE;
  vec3 skin = srgb_to_linear(unpackUnorm4x8(skin_rgba).rgb);
  // The dermis around the pigment scatters light sideways by about a millimetre before it leaves the
  // skin, so light that enters between the dots still passes through pigment: the skin is filtered by
  // the pigment spread over the pixel (Beer-Lambert, exp(-depth x coverage)), not only where a dot's
  // disc lies. That is why healed 0.5 mm dots covering a sixth of the skin read as a stubble shadow.
  // Carbon absorbs all colours alike, and the dermis above it scatters blue back (the Tyndall effect):
  // the skin's own hue greys as it darkens. Both are linear in the skin's
  // light, so its light and shadow stay. The layers above the pigment send some light back before it
  // reaches it, so no amount of pigment makes the skin black (no flat black cap).
  float ink = p.pigment.a * bare_skin * coverage;
  vec3 filtered = mix(exp(-p.pigment.rgb * ink), vec3(1.0), LIGHT_RETURNED_ABOVE_PIGMENT);
  float luminance = dot(skin, vec3(0.2126, 0.7152, 0.0722));
  vec3 greyed = mix(skin, vec3(luminance), PIGMENT_DESATURATION * (1.0 - filtered.g));
  return packUnorm4x8(vec4(linear_to_srgb(greyed * filtered), 1.0));
}

uvec4 four(u64vec2 halves) { return uvec4(unpack32(halves.x), unpack32(halves.y)); }

// One thread per COMPOSITE_PIXELS_PER_THREAD consecutive pixels (the buffers are padded to a whole
// number of them): a thread per pixel costs more in scheduling than the work itself on lavapipe, and
// most pixels have no ink and are only looked at. Only the rows the dot field can reach are visited.
void main() {
  if (gl_GlobalInvocationID.x >= p.composite_span.y) return;
  uint first = (p.composite_span.x + gl_GlobalInvocationID.x) * (COMPOSITE_PIXELS_PER_THREAD / 4);
  if (first * 4 >= p.counts.x * p.counts.y) return;
  // Plane B holds pixel i at uint i + 1 past its start: the uvec4 of pixels q is the last three uints
  // of one of its uvec4s and the first of the next.
  uint plane_b = p.composite_span.z / 4u;
  uint end = first + COMPOSITE_PIXELS_PER_THREAD / 4;
  uvec4 b_below = INK_IS_FLOAT ? uvec4(0u) : four(ink[plane_b + first]);
  // The quads with ink, one a turn of the outer loop: lavapipe runs the eight threads of a vector in
  // step and does an if's work under a mask whether or not any of them takes it, but leaves a loop
  // once every thread has. So the pigment's arithmetic runs once for each quad with ink among the
  // eight threads' (and once at most for a stretch without any), not for every quad.
  for (uint q = first; q < end; ++q) {
    uvec4 ink_bits = uvec4(0u);
    for (; q < end; ++q) {
      uvec4 b_above = INK_IS_FLOAT ? uvec4(0u) : four(ink[plane_b + q + 1u]);
      ink_bits = four(ink[q]) + uvec4(b_below.yzw, b_above.x);  // the float baseline's plane B is zero
      b_below = b_above;
      if (ink_bits != uvec4(0u)) break;
    }
    if (q == end) break;  // the camera passes through untouched, bit for bit
    uvec4 rgba = four(camera[q]);
    vec4 bare_skin = unpackUnorm4x8(skin[q]);
    for (int k = 0; k < 4; ++k)
      if (ink_bits[k] != 0u) rgba[k] = composite(rgba[k], ink_bits[k], bare_skin[k]);
    camera[q] = u64vec2(pack64(rgba.xy), pack64(rgba.zw));
  }
}
