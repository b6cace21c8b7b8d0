#version 450
// Skin-toned, studio-lit mannequin: a key light, a fill, a rim, soft wrap-around diffuse (skin scatters
// light past the terminator) and a faint sheen. Painted eyebrows, lips and eyes, so the face reads.
#extension GL_GOOGLE_include_directive : require
#include "shared.h"

layout(location = 0) in vec3 head_position_mm;
layout(location = 1) in vec3 camera_position_mm;
layout(location = 2) in vec3 camera_normal;
layout(location = 0) out vec4 colour;

vec3 srgb_to_linear(vec3 c) { return pow(c, vec3(2.2)); }
vec3 linear_to_srgb(vec3 c) { return pow(clamp(c, 0.0, 1.0), vec3(1.0 / 2.2)); }

float ellipse_mask(vec2 p, vec2 centre, vec2 radii, float softness) {
  return 1.0 - smoothstep(1.0 - softness, 1.0, length((p - centre) / radii));
}

// Integer hash of a lattice point, 0..1 (the same on every driver: integer arithmetic only).
float lattice_hash(ivec3 c) {
  uint h = uint(c.x) * 73856093u ^ uint(c.y) * 19349663u ^ uint(c.z) * 83492791u;
  h ^= h >> 13;
  h *= 0x5bd1e995u;
  h ^= h >> 15;
  return float(h & 0xffffu) / 65535.0;
}

// Smooth value noise in 3D, 0..1, one lattice cell per unit.
float value_noise(vec3 p) {
  ivec3 c = ivec3(floor(p));
  vec3 f = fract(p);
  vec3 w = f * f * (3.0 - 2.0 * f);
  float x00 = mix(lattice_hash(c), lattice_hash(c + ivec3(1, 0, 0)), w.x);
  float x10 = mix(lattice_hash(c + ivec3(0, 1, 0)), lattice_hash(c + ivec3(1, 1, 0)), w.x);
  float x01 = mix(lattice_hash(c + ivec3(0, 0, 1)), lattice_hash(c + ivec3(1, 0, 1)), w.x);
  float x11 = mix(lattice_hash(c + ivec3(0, 1, 1)), lattice_hash(c + ivec3(1, 1, 1)), w.x);
  return mix(mix(x00, x10, w.y), mix(x01, x11, w.y), w.z);
}

// Skin is never one flat colour: mottled pigment a few millimetres across, and freckles and small
// moles here and there. Fixed to the head, they move with it, so the picture can be tracked the way
// a real head is, also from the side and the back where no face shows (src/tracking/head_motion.h).
float pigment_mottle(vec3 h) {
  float mottle = 0.6 * value_noise(h / 7.0) + 0.4 * value_noise(h / 2.5) - 0.5;
  // At most one freckle per 8 mm cell, in about half of the cells, 1.2-3 mm across. Only the cells
  // within a freckle's largest radius (1.5 mm) of h can reach it: one to eight of them, not the 27
  // around h's own cell, and every other cell would add nothing.
  const float reach = 1.6;  // the largest radius (1.5), and a margin for the rounding of h +- reach
  ivec3 first = ivec3(floor((h - reach) / 8.0)), last = ivec3(floor((h + reach) / 8.0));
  float freckles = 0.0;
  for (int z = first.z; z <= last.z; ++z)
    for (int y = first.y; y <= last.y; ++y)
      for (int x = first.x; x <= last.x; ++x) {
        ivec3 c = ivec3(x, y, z);
        if (lattice_hash(c + ivec3(17, 5, 3)) > 0.5) continue;
        vec3 centre = (vec3(c) + vec3(lattice_hash(c + ivec3(1, 2, 3)), lattice_hash(c + ivec3(4, 5, 6)),
                                      lattice_hash(c + ivec3(7, 8, 9)))) * 8.0;
        float radius = 0.6 + 0.9 * lattice_hash(c + ivec3(11, 12, 13));
        freckles = max(freckles, 1.0 - smoothstep(0.6 * radius, radius, length(h - centre)));
      }
  return 0.16 * mottle - 0.22 * freckles;
}

vec3 albedo(vec3 h) {
  vec3 skin = srgb_to_linear(vec3(0.87, 0.69, 0.58)) * (1.0 + pigment_mottle(h));
  vec3 m = vec3(abs(h.x), h.y, h.z);
  // Faint warmth on cheeks, nose and ears, where skin is redder.
  float flush = ellipse_mask(m.xy, vec2(42.0, -12.0), vec2(22.0, 18.0), 0.9) * step(60.0, m.z) +
                ellipse_mask(m.xy, vec2(0.0, -14.0), vec2(12.0, 12.0), 0.8) * step(100.0, m.z) +
                step(72.0, m.x) * step(-30.0, m.y) * step(m.y, 35.0);
  skin = mix(skin, srgb_to_linear(vec3(0.86, 0.60, 0.52)), 0.35 * clamp(flush, 0.0, 1.0));
  // Lips.
  float lips = ellipse_mask(vec2(m.x, m.y), vec2(0.0, -46.5), vec2(22.0, 11.0), 0.3) * step(88.0, m.z);
  skin = mix(skin, srgb_to_linear(vec3(0.72, 0.45, 0.42)), lips);
  // Eyebrows: short dark hair over the brow ridge, thicker at the inner end.
  float brow_y = 36.0 - 0.06 * (m.x - 30.0) * (m.x - 30.0) / 10.0;
  float brow = ellipse_mask(vec2(m.x, m.y), vec2(30.0, brow_y), vec2(22.0, 5.0 - 0.05 * m.x), 0.5) * step(70.0, m.z);
  skin = mix(skin, srgb_to_linear(vec3(0.25, 0.18, 0.14)), 0.85 * brow);
  // Eyes: white, iris, pupil on the front of each eyeball.
  vec3 eye = m - vec3(32.0, 12.0, 73.0);
  if (length(eye) < 12.3) {
    float off_axis = length(eye.xy);
    vec3 white = srgb_to_linear(vec3(0.90, 0.88, 0.85));
    vec3 iris = srgb_to_linear(vec3(0.33, 0.24, 0.17));
    skin = off_axis < 2.0 ? vec3(0.01) : (off_axis < 5.5 ? iris : white);
  }
  return skin;
}

void main() {
  vec3 n = normalize(camera_normal);
  vec3 v = normalize(-camera_position_mm);
  if (dot(n, v) < 0.0) n = -n;  // two-sided: the bust's cut base never shows black
  // Light directions in the camera frame (+x right, +y down, +z into the scene).
  vec3 key = normalize(vec3(-0.5, -0.6, -0.65));
  vec3 fill = normalize(vec3(0.7, -0.1, -0.7));
  vec3 rim = normalize(vec3(0.3, -0.5, 0.8));
  float wrap = 0.3;
  float key_diffuse = max((dot(n, key) + wrap) / (1.0 + wrap), 0.0);
  float fill_diffuse = max(dot(n, fill), 0.0);
  float rim_light = pow(1.0 - max(dot(n, v), 0.0), 3.0) * max(dot(n, rim) + 0.3, 0.0);
  float sheen = pow(max(dot(n, normalize(key + v)), 0.0), 24.0);
  vec3 a = albedo(head_position_mm);
  vec3 light = a * (0.95 * key_diffuse + 0.25 * fill_diffuse + 0.12) + vec3(0.25 * rim_light) * a +
               vec3(0.035 * sheen);
  colour = vec4(linear_to_srgb(light), 1.0);
}
