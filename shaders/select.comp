#version 450
// The selection pass: one thread per dot of the field. Applies the design (which dots are drawn, how
// dark) and packs each cluster's drawn dots at the start of its DOT_CLUSTER_SIZE slots of the drawn
// list (shared.h). It runs only when the design or the field changes, not every frame: lavapipe runs
// both sides of every branch for each group of 8 dots (under a mask), so evaluating the design beside
// the splat cost about as much as the splat.
#extension GL_GOOGLE_include_directive : require
#include "shared.h"

layout(local_size_x = SELECT_GROUP_SIZE) in;
layout(std140, binding = BINDING_FRAME_PARAMS) uniform Params { FrameParams p; };
layout(std430, binding = BINDING_DOTS) readonly buffer Dots { uvec4 dots[]; };
layout(std430, binding = BINDING_DRAWN_DOTS) writeonly buffer Drawn { uvec4 drawn[]; };
// Zeroed before the pass; cluster_bounds.comp fills in the rest. The order of a cluster's dots depends
// on thread timing; the picture does not, since the splat pass adds integer ink.
layout(std430, binding = BINDING_CLUSTERS) buffer Clusters { DotCluster clusters[]; };

#include "dot_common.glsl"

void main() {
  uint index = gl_GlobalInvocationID.x;
  if (index >= p.counts.z) return;
  uvec4 selected;
  if (!select_dot(dots[index], selected)) return;
  uint cluster = index / DOT_CLUSTER_SIZE;
  drawn[cluster * DOT_CLUSTER_SIZE + atomicAdd(clusters[cluster].count.x, 1u)] = selected;
}
