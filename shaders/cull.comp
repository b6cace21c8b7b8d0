#version 450
// Every frame, one thread per cluster of drawn dots (select.comp, cluster_bounds.comp): a cluster none
// of whose dots the splat pass would draw (all on the far side of the head, behind the near plane or
// off the picture) is dropped; the others' dots go to the splat pass in chunks of SPLAT_GROUP_SIZE.
// From the front about half of a head's dots face away, and each still cost the splat pass the work
// of loading and placing it. Every test is conservative, with margins far above float rounding, and
// the splat pass still tests each dot, so the picture is the same to the bit.
#extension GL_GOOGLE_include_directive : require
#include "shared.h"

layout(local_size_x = CULL_GROUP_SIZE) in;
layout(std140, binding = BINDING_FRAME_PARAMS) uniform Params { FrameParams p; };
layout(std430, binding = BINDING_CLUSTERS) readonly buffer Clusters { DotCluster clusters[]; };
layout(std430, binding = BINDING_SPLAT_WORK) buffer Work { SplatWork work; };  // groups_x zeroed before
layout(std430, binding = BINDING_SPLAT_CHUNKS) writeonly buffer Chunks { uvec2 chunks[]; };  // first, end

// True when every point of the sphere (camera frame) lies where a.xyz . point + a.w < 0.
bool outside(vec4 plane, vec3 centre, float radius) {
  return dot(plane.xyz, centre) + plane.w < -radius * length(plane.xyz);
}

// True when no normal within the cone faces a camera at `to_camera` from any point of the sphere: the
// normal's component towards the camera is at most |d| cos(angle(axis, d) - cone angle) + radius.
bool faces_away(vec3 axis, float cone_cosine, vec3 to_camera, float radius) {
  if (cone_cosine < 0.0) return false;  // a cone of 90 degrees or more: some normal may face anything
  float distance = length(to_camera);
  float cos_angle = dot(axis, to_camera) / distance;
  if (cos_angle >= cone_cosine) return false;  // the camera lies inside the cone
  float sin_angle = sqrt(max(0.0, 1.0 - cos_angle * cos_angle));
  float cone_sine = sqrt(max(0.0, 1.0 - cone_cosine * cone_cosine));
  float nearest = cos_angle * cone_cosine + sin_angle * cone_sine;  // cos(angle - cone angle)
  return distance * nearest + radius < -0.01 * distance - 0.1;
}

void main() {
  uint index = gl_GlobalInvocationID.x;
  if (index >= (p.counts.z + DOT_CLUSTER_SIZE - 1u) / DOT_CLUSTER_SIZE) return;
  DotCluster cluster = clusters[index];
  uint count = cluster.count.x;
  if (count == 0u) return;

  mat3 rotation = mat3(p.head_to_camera);
  vec3 translation = p.head_to_camera[3].xyz;
  vec3 camera_in_head = -(transpose(rotation) * translation);
  float radius = cluster.sphere.w + 0.5;  // mm of margin
  if (faces_away(cluster.cone.xyz, cluster.cone.w, camera_in_head - cluster.sphere.xyz, radius)) return;

  vec3 centre = rotation * cluster.sphere.xyz + translation;
  if (centre.z + radius < p.dot_shape.w) return;  // behind the near plane
  // The picture's edges, widened by the widest footprint (the splat pass's margin): a dot in front of
  // the near plane is drawn only if fx x / z + cx >= -margin, and so on.
  float margin = 0.5 * float(FOOTPRINT_MAX_PIXELS) + 1.0;
  vec4 k = p.intrinsics;
  vec2 size = vec2(p.counts.xy);
  if (outside(vec4(k.x, 0.0, k.z + margin, 0.0), centre, radius) ||
      outside(vec4(-k.x, 0.0, size.x + margin - k.z, 0.0), centre, radius) ||
      outside(vec4(0.0, k.y, k.w + margin, 0.0), centre, radius) ||
      outside(vec4(0.0, -k.y, size.y + margin - k.w, 0.0), centre, radius))
    return;

  uint first = index * DOT_CLUSTER_SIZE, end = first + count;
  uint chunk_count = (count + SPLAT_GROUP_SIZE - 1u) / SPLAT_GROUP_SIZE;
  uint slot = atomicAdd(work.groups_x, chunk_count);
  for (uint c = 0u; c < chunk_count; ++c) chunks[slot + c] = uvec2(first + c * SPLAT_GROUP_SIZE, end);
}
