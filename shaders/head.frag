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

vec3 albedo(vec3 h) {
  vec3 skin = srgb_to_linear(vec3(0.87, 0.69, 0.58));
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
