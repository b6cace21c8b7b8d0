#version 450
// The selection pass: one thread per dot of the field. Applies the design (which dots are drawn, how
// dark) and packs the drawn ones into a shorter list for the splat pass. It runs only when the design
// or the field changes, not every frame: lavapipe runs both sides of every branch for each group of 8
// dots (under a mask), so evaluating the design beside the splat cost about as much as the splat.
#extension GL_GOOGLE_include_directive : require
#include "shared.h"

layout(local_size_x = SELECT_GROUP_SIZE) in;
layout(std140, binding = BINDING_FRAME_PARAMS) uniform Params { FrameParams p; };
layout(std430, binding = BINDING_DOTS) readonly buffer Dots { uvec4 dots[]; };
layout(std430, binding = BINDING_DRAWN_DOTS) writeonly buffer Drawn { uvec4 drawn[]; };
// Zeroed before the pass. The list's order depends on thread timing; the picture does not, since the
// splat pass adds integer ink.
layout(std430, binding = BINDING_DRAWN_COUNT) buffer DrawnCountBuffer { DrawnCount drawn_list; };

#include "dot_common.glsl"

void main() {
  uint index = gl_GlobalInvocationID.x;
  if (index >= p.counts.z) return;
  uvec4 d = dots[index];
  uvec4 selected;
  if (!select_dot(d, selected)) return;
  drawn[atomicAdd(drawn_list.count, 1u)] = selected;
}
