#version 450
// Benchmark baseline: the same dots drawn as one-pixel point primitives with additive blending, the
// way most people would first try it. Each point carries the dot's whole ink in one pixel.
#extension GL_GOOGLE_include_directive : require
#include "shared.h"

layout(std140, binding = BINDING_FRAME_PARAMS) uniform Params { FrameParams p; };
layout(std430, binding = BINDING_DOTS) readonly buffer Dots { uvec4 dots[]; };
layout(location = 0) out float ink;

#include "dot_common.glsl"

void main() {
  PlacedDot dot;
  gl_PointSize = 1.0;
  uvec4 drawn;
  if (!select_dot(dots[gl_VertexIndex], drawn) || !place_dot(drawn, dot)) {
    gl_Position = vec4(2.0, 2.0, 2.0, 1.0);  // outside the clip volume: culled
    ink = 0.0;
    return;
  }
  ink = 3.14159265 * dot.radius_px * dot.radius_px * dot.ink_weight;
  vec2 ndc = (dot.centre_px + 0.5) / vec2(p.counts.xy) * 2.0 - 1.0;
  gl_Position = vec4(ndc, 0.5, 1.0);
}
