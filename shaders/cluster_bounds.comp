#version 450
// After the selection pass, one thread per cluster: bounds its drawn dots for cull.comp, a sphere
// around their centres and a cone around their normals, as the splat pass decodes them. Loops in one
// thread, not atomics across a workgroup: lavapipe runs per-lane atomics one lane at a time and a
// workgroup barrier as a coroutine switch, either of which cost more than the selection itself.
#extension GL_GOOGLE_include_directive : require
#include "shared.h"

layout(local_size_x = CULL_GROUP_SIZE) in;
layout(std140, binding = BINDING_FRAME_PARAMS) uniform Params { FrameParams p; };
layout(std430, binding = BINDING_DRAWN_DOTS) readonly buffer Drawn { uvec4 drawn[]; };
layout(std430, binding = BINDING_CLUSTERS) buffer Clusters { DotCluster clusters[]; };

#include "dot_common.glsl"

void main() {
  uint index = gl_GlobalInvocationID.x;
  if (index >= (p.counts.z + DOT_CLUSTER_SIZE - 1u) / DOT_CLUSTER_SIZE) return;
  uint first = index * DOT_CLUSTER_SIZE, end = first + clusters[index].count.x;
  vec3 low = vec3(1e30), high = vec3(-1e30), normal_sum = vec3(0.0);
  for (uint i = first; i < end; ++i) {
    vec3 position = dot_position_mm(drawn[i]);
    low = min(low, position);
    high = max(high, position);
    normal_sum += dot_normal(drawn[i]);
  }
  vec3 axis = dot(normal_sum, normal_sum) > 0.0 ? normalize(normal_sum) : vec3(0.0, 0.0, 1.0);
  float lowest_cosine = 1.0;
  for (uint i = first; i < end; ++i) lowest_cosine = min(lowest_cosine, dot(axis, dot_normal(drawn[i])));
  // Room for rounding: the box's corners are exact steps of DOT_POSITION_STEP_MM, and the cosines are a
  // few 1e-7 off at most.
  clusters[index].sphere = vec4(0.5 * (low + high), 0.5 * length(high - low) + 0.01);
  lowest_cosine -= 1e-4;
  clusters[index].cone = vec4(axis, end == first || lowest_cosine <= 0.0 ? -2.0 : lowest_cosine);
}
