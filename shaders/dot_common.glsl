// Decoding one packed dot (layout in shared.h), applying the design to it and placing it in the camera
// frame; shared by the selection and splat passes and the point-primitive baseline, so the two
// techniques draw exactly the same dots.
#include "scalp_design.h"

vec3 dot_position_mm(uvec4 d) {
  ivec3 q = ivec3(bitfieldExtract(int(d.x), 0, 16), bitfieldExtract(int(d.x), 16, 16),
                  bitfieldExtract(int(d.y), 0, 16));
  return vec3(q) * DOT_POSITION_STEP_MM;
}

// Where a point of the field lies on the scalp the dots are drawn on (FrameParams: the field may have
// been built on another). No branch on whether it was: lavapipe would compile a variant of the shader
// for the uniform's value; the identity parameters move nothing.
vec3 on_drawn_scalp(vec3 field_mm) {
  return moved_to_egg(field_mm, p.field_centre_taper, p.field_radii, p.scalp_centre_taper, p.scalp_radii);
}

// Octahedral normal encoding (Cigolle et al., "A Survey of Efficient Representations for Independent
// Unit Vectors", JCGT 2014), 8-bit snorm per component.
vec3 dot_normal(uvec4 d) {
  vec2 e = vec2(bitfieldExtract(int(d.y), 16, 8), bitfieldExtract(int(d.y), 24, 8)) / 127.0;
  vec3 n = vec3(e, 1.0 - abs(e.x) - abs(e.y));
  if (n.z < 0.0) n.xy = (1.0 - abs(n.yx)) * vec2(n.x >= 0.0 ? 1.0 : -1.0, n.y >= 0.0 ? 1.0 : -1.0);
  return normalize(n);
}

// The encoders of dot_position_mm() and dot_normal(), as src/dots/dot_packing.cpp packs the field.
uint position_bits(float mm) { return uint(int(clamp(round(mm / DOT_POSITION_STEP_MM), -32768.0, 32767.0))) & 0xffffu; }
uint snorm8_bits(float v) { return uint(int(round(clamp(v, -1.0, 1.0) * 127.0))) & 0xffu; }
uvec2 packed_position_and_normal(vec3 position_mm, vec3 n) {
  n /= abs(n.x) + abs(n.y) + abs(n.z);
  vec2 e = n.z < 0.0 ? (1.0 - abs(n.yx)) * vec2(n.x >= 0.0 ? 1.0 : -1.0, n.y >= 0.0 ? 1.0 : -1.0) : n.xy;
  return uvec2(position_bits(position_mm.x) | position_bits(position_mm.y) << 16,
               position_bits(position_mm.z) | snorm8_bits(e.x) << 16 | snorm8_bits(e.y) << 24);
}

// A normal of the field at `field_mm` on the scalp the dots are drawn on (`scalp_mm`). Moving to a
// refitted egg stretches the skin along the egg's axes by `s` (to first order): that turns a normal by
// the inverse stretch, and grows the skin's area by det(s) |n / s|, so the dots there stand further
// apart; `area_ratio` is that growth, by which each dot's ink grows to keep the design's darkness.
vec3 normal_on_drawn_scalp(vec3 n, vec3 field_mm, vec3 scalp_mm, out float area_ratio) {
  vec3 from = field_mm - vec3(p.field_centre_taper), to = scalp_mm - vec3(p.scalp_centre_taper);
  vec3 s = p.scalp_radii.xyz / p.field_radii.xyz;
  s.x = mix(s.x, to.x / from.x, abs(from.x) > 1e-3);
  s.z = mix(s.z, to.z / from.z, abs(from.z) > 1e-3);
  vec3 turned = n / s;
  area_ratio = s.x * s.y * s.z * length(turned);
  return normalize(turned);
}

float dot_jitter(uvec4 d, int shift, float range) {
  return 1.0 + range * (float(bitfieldExtract(d.w, shift, 8)) - 128.0) / 127.0;
}

struct PlacedDot {
  vec2 centre_px;    // OpenCV pixel coordinates
  float radius_px;   // radius of the disc with the dot's ink
  float shade_radius_px;  // of the disc it shades: softened, widened by the skin's light spread and the camera's blur
  float ink_weight;  // darkness jitter x design's ink scale x foreshortening x grazing fade
};

// The design's choice for one dot of the field, which depends on the sliders and the drawn scalp but
// not on the pose: false when the dot is not drawn (a rank the settings hide, outside the design's
// coverage or above its local density); otherwise `drawn` is the dot as the splat draws it (shared.h):
// moved onto the drawn scalp, with the design's darkness there (scars may be lighter or darker) grown
// by the skin's stretch. Done here, once per design or fit, so no frame pays for the move.
bool select_dot(uvec4 d, out uvec4 drawn) {
  drawn = uvec4(0u);
  if (d.z >= p.counts.w) return false;
  vec3 field_mm = dot_position_mm(d);
  vec3 position_mm = on_drawn_scalp(field_mm);
  vec2 design = dot_design(position_mm, d.z);
  if (!rank_drawn(d.z, p.design.mode.z, design.x)) return false;
  float area_ratio;
  vec3 normal = normal_on_drawn_scalp(dot_normal(d), field_mm, position_mm, area_ratio);
  drawn = uvec4(packed_position_and_normal(position_mm, normal), floatBitsToUint(design.y * area_ratio), d.w);
  return true;
}

// Places a drawn dot (select_dot's) in this frame's picture; false when it is behind the camera or on
// the far side of the head (its surface faces away from the camera).
bool place_dot(uvec4 d, out PlacedDot placed) {
  vec3 pc = (p.head_to_camera * vec4(dot_position_mm(d), 1.0)).xyz;
  if (pc.z < p.dot_shape.w) return false;
  vec3 nc = mat3(p.head_to_camera) * dot_normal(d);
  float facing = dot(nc, normalize(-pc));
  if (facing <= 0.0) return false;
  // A dot seen at an angle covers cos(angle) of its area (foreshortening); towards the silhouette it
  // also fades out, so the edge of the scalp does not show a dark rim of dots seen edge-on.
  float fade = smoothstep(0.0, p.dot_shape.z, facing);
  placed.ink_weight = facing * fade * uintBitsToFloat(d.z) * dot_jitter(d, 8, DOT_DARKNESS_JITTER_RANGE);
  float diameter_mm = p.dot_shape.x * dot_jitter(d, 0, DOT_DIAMETER_JITTER_RANGE);
  placed.radius_px = p.intrinsics.x * 0.5 * diameter_mm / pc.z;
  float shade_diameter_mm = length(vec2(diameter_mm * p.dot_shape.y, SKIN_LIGHT_SPREAD_MM));
  placed.shade_radius_px = length(vec2(p.intrinsics.x * 0.5 * shade_diameter_mm / pc.z, CAMERA_BLUR_RADIUS_PX));
  placed.centre_px = p.intrinsics.xy * pc.xy / pc.z + p.intrinsics.zw;
  return true;
}
