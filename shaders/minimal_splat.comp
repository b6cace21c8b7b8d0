#version 450
// Benchmark baseline, the lower bound of any compute splat on a device (src/gpu/minimal_splat_pass.h):
// one thread per dot that the host projected; its ink goes to the 2x2 pixels around its centre with
// bilinear weights, one 32-bit atomic each, into plane A of the ink buffer. Nothing else.
#extension GL_GOOGLE_include_directive : require
#extension GL_EXT_shader_explicit_arithmetic_types_int64 : require
#include "shared.h"

layout(local_size_x = SPLAT_GROUP_SIZE) in;
layout(std140, binding = BINDING_FRAME_PARAMS) uniform Params { FrameParams p; };
// vec4s: x, y the dot's centre in pixels (OpenCV coordinates), z its ink in INK_ONE units, w unused. Read
// in 64-bit halves, as the engine reads its dots: lavapipe loads each component lane by lane.
layout(std430, binding = BINDING_DOTS) readonly buffer Projected { u64vec2 projected[]; };
layout(std430, binding = BINDING_INK) buffer Ink { uint ink[]; };

void add_ink(ivec2 pixel, float amount) {
  if (any(lessThan(pixel, ivec2(0))) || any(greaterThanEqual(pixel, ivec2(p.counts.xy)))) return;
  atomicAdd(ink[pixel.y * int(p.counts.x) + pixel.x], uint(amount + 0.5));
}

void main() {
  uint index = gl_GlobalInvocationID.x;
  if (index >= uint(projected.length())) return;
  u64vec2 halves = projected[index];
  vec4 dot = vec4(uintBitsToFloat(unpack32(halves.x)), uintBitsToFloat(unpack32(halves.y)));
  vec2 corner = floor(dot.xy);
  vec2 t = dot.xy - corner;
  ivec2 c = ivec2(corner);
  add_ink(c, dot.z * (1.0 - t.x) * (1.0 - t.y));
  add_ink(c + ivec2(1, 0), dot.z * t.x * (1.0 - t.y));
  add_ink(c + ivec2(0, 1), dot.z * (1.0 - t.x) * t.y);
  add_ink(c + ivec2(1, 1), dot.z * t.x * t.y);
}
