// Decoding one packed dot (layout in shared.h), applying the design to it and placing it in the camera
// frame; shared by the splat pass and the point-primitive baseline so the two draw exactly the same dots.
#include "scalp_design.h"

vec3 dot_position_mm(uvec4 d) {
  ivec3 q = ivec3(bitfieldExtract(int(d.x), 0, 16), bitfieldExtract(int(d.x), 16, 16),
                  bitfieldExtract(int(d.y), 0, 16));
  return vec3(q) * DOT_POSITION_STEP_MM;
}

// Octahedral normal encoding (Cigolle et al., "A Survey of Efficient Representations for Independent
// Unit Vectors", JCGT 2014), 8-bit snorm per component.
vec3 dot_normal(uvec4 d) {
  vec2 e = vec2(bitfieldExtract(int(d.y), 16, 8), bitfieldExtract(int(d.y), 24, 8)) / 127.0;
  vec3 n = vec3(e, 1.0 - abs(e.x) - abs(e.y));
  if (n.z < 0.0) n.xy = (1.0 - abs(n.yx)) * vec2(n.x >= 0.0 ? 1.0 : -1.0, n.y >= 0.0 ? 1.0 : -1.0);
  return normalize(n);
}

float dot_jitter(uvec4 d, int shift, float range) {
  return 1.0 + range * (float(bitfieldExtract(d.w, shift, 8)) - 128.0) / 127.0;
}

struct PlacedDot {
  vec2 centre_px;    // OpenCV pixel coordinates
  float radius_px;   // radius of the disc with the dot's ink
  float ink_weight;  // darkness jitter x foreshortening x grazing fade
};

// False when the dot is not drawn: outside the design's coverage or above its local density, behind
// the camera, or on the far side of the head (its surface faces away from the camera).
bool place_dot(uvec4 d, out PlacedDot placed) {
  if (d.z >= p.counts.w) return false;
  vec3 position_mm = dot_position_mm(d);
  vec2 design = dot_design(position_mm, d.z);
  if (!rank_drawn(d.z, p.design.mode.z, design.x)) return false;
  vec3 pc = (p.head_to_camera * vec4(position_mm, 1.0)).xyz;
  if (pc.z < p.dot_shape.w) return false;
  vec3 nc = mat3(p.head_to_camera) * dot_normal(d);
  float facing = dot(nc, normalize(-pc));
  if (facing <= 0.0) return false;
  // A dot seen at an angle covers cos(angle) of its area (foreshortening); towards the silhouette it
  // also fades out, so the edge of the scalp does not show a dark rim of dots seen edge-on.
  float fade = smoothstep(0.0, p.dot_shape.z, facing);
  placed.ink_weight = facing * fade * design.y * dot_jitter(d, 8, DOT_DARKNESS_JITTER_RANGE);
  float diameter_mm = p.dot_shape.x * dot_jitter(d, 0, DOT_DIAMETER_JITTER_RANGE);
  placed.radius_px = p.intrinsics.x * 0.5 * diameter_mm / pc.z;
  placed.centre_px = p.intrinsics.xy * pc.xy / pc.z + p.intrinsics.zw;
  return true;
}
