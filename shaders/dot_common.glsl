// Decoding one packed dot (layout in shared.h), applying the design to it and placing it in the camera
// frame; shared by the selection and splat passes and the point-primitive baseline, so the two
// techniques draw exactly the same dots.
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
  float ink_weight;  // darkness jitter x design's ink scale x foreshortening x grazing fade
};

// The design's choice for one dot of the field, which depends on the sliders but not on the pose:
// false when the dot is not drawn (a rank the settings hide, outside the design's coverage or above its
// local density); otherwise `ink_scale` is the design's darkness there (scars may be lighter or darker).
bool dot_selected(uvec4 d, out float ink_scale) {
  ink_scale = 0.0;
  if (d.z >= p.counts.w) return false;
  vec2 design = dot_design(dot_position_mm(d), d.z);
  ink_scale = design.y;
  return rank_drawn(d.z, p.design.mode.z, design.x);
}

// Places a selected dot in this frame's picture; false when it is behind the camera or on the far side
// of the head (its surface faces away from the camera).
bool place_dot(uvec4 d, float ink_scale, out PlacedDot placed) {
  vec3 position_mm = dot_position_mm(d);
  vec3 pc = (p.head_to_camera * vec4(position_mm, 1.0)).xyz;
  if (pc.z < p.dot_shape.w) return false;
  vec3 nc = mat3(p.head_to_camera) * dot_normal(d);
  float facing = dot(nc, normalize(-pc));
  if (facing <= 0.0) return false;
  // A dot seen at an angle covers cos(angle) of its area (foreshortening); towards the silhouette it
  // also fades out, so the edge of the scalp does not show a dark rim of dots seen edge-on.
  float fade = smoothstep(0.0, p.dot_shape.z, facing);
  placed.ink_weight = facing * fade * ink_scale * dot_jitter(d, 8, DOT_DARKNESS_JITTER_RANGE);
  float diameter_mm = p.dot_shape.x * dot_jitter(d, 0, DOT_DIAMETER_JITTER_RANGE);
  placed.radius_px = p.intrinsics.x * 0.5 * diameter_mm / pc.z;
  placed.centre_px = p.intrinsics.xy * pc.xy / pc.z + p.intrinsics.zw;
  return true;
}
