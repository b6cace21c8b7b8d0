// The practitioner's design, evaluated per dot: which dots of the ranked field are drawn and how dark.
// One implementation for both sides: the splat shaders call it for every dot each frame, so every
// design slider takes effect on the next frame; the C++ side calls the same code to build the field's
// reach, to test the design and to count dots. Only GLSL that GLM also understands is allowed here.
#ifndef SMP_SHADERS_SCALP_DESIGN_H
#define SMP_SHADERS_SCALP_DESIGN_H

#include "shared.h"

#ifdef __cplusplus
namespace smp::shader {
using namespace glm;
using glm::vec2;
using glm::vec3;
#define SMP_FN inline
#define SMP_DESIGN_PARAM const DesignParams &design,
#define SMP_DESIGN_ARG design,
#define SMP_DESIGN design
#else
#define SMP_FN
#define SMP_DESIGN_PARAM
#define SMP_DESIGN_ARG
#define SMP_DESIGN p.design  // the FrameParams uniform block of the including shader
#endif

SMP_CONST(float, SCALP_PI, 3.14159265358979f);

// ---- The scalp chart (src/scalp/scalp_surface.h documents it) -----------------------------------
// A point's direction from the chart centre in the egg's normalised coordinates: on the egg it has
// length 1; any point along the same normalised ray has the same chart coordinates.
SMP_FN vec3 chart_unit_direction(vec3 position_mm, vec4 centre_taper, vec4 radii) {
  vec3 d = position_mm - vec3(centre_taper);
  float width = 1.0f - centre_taper.w * clamp(d.z / radii.z, -1.0f, 1.0f);
  float half_length = d.z >= 0.0f ? radii.z : radii.w;
  return vec3(d.x / (radii.x * width), d.y / radii.y, d.z / half_length);
}

// The inverse of chart_unit_direction(): the point whose normalised direction is `q`.
SMP_FN vec3 position_of_unit_direction(vec3 q, vec4 centre_taper, vec4 radii) {
  float dz = q.z * (q.z >= 0.0f ? radii.z : radii.w);
  float width = 1.0f - centre_taper.w * clamp(dz / radii.z, -1.0f, 1.0f);
  return vec3(centre_taper) + vec3(q.x * radii.x * width, q.y * radii.y, dz);
}

// A point of one egg moved to the same chart coordinates (and the same share of the way out along its
// normalised ray) on another: how a dot field built on one scalp is placed on a refitted one without
// being rebuilt. The design, placed in the chart, stays where it was on the skin.
SMP_FN vec3 moved_to_egg(vec3 position_mm, vec4 from_centre_taper, vec4 from_radii, vec4 to_centre_taper, vec4 to_radii) {
  return position_of_unit_direction(chart_unit_direction(position_mm, from_centre_taper, from_radii), to_centre_taper, to_radii);
}

// x: azimuth (rad; 0 straight ahead, + towards the person's left ear, +-pi at the back);
// y: elevation (rad; 0 at the chart's equator, pi/2 at the top); of a chart_unit_direction().
SMP_FN vec2 chart_of_direction(vec3 q) {
  float horizontal = sqrt(q.x * q.x + q.z * q.z);
  float azimuth = horizontal > 1e-6f ? atan(q.x, q.z) : 0.0f;  // the top itself has no azimuth
  return vec2(azimuth, atan(q.y, horizontal));
}

SMP_FN vec2 chart_coordinates(vec3 position_mm, vec4 centre_taper, vec4 radii) {
  return chart_of_direction(chart_unit_direction(position_mm, centre_taper, radii));
}

// ---- Design terms ---------------------------------------------------------------------------------
// The coverage border's entry at an azimuth, interpolated between bins (layout in shared.h).
SMP_FN vec4 border_at(SMP_DESIGN_PARAM float azimuth) {
  float s = (azimuth + SCALP_PI) * (float(BORDER_BINS) / (2.0f * SCALP_PI)) - 0.5f;
  float below = floor(s);
  int i = clamp(int(below), -1, BORDER_BINS - 1);
  int a = (i + BORDER_BINS) % BORDER_BINS;
  int b = (i + 1) % BORDER_BINS;
  return mix(SMP_DESIGN.border[a], SMP_DESIGN.border[b], clamp(s - below, 0.0f, 1.0f));
}

// Share of the full density at `depth_mm` behind the border: none in front of it; from `front_share`
// at the border rising smoothly (and monotonically) to all of it `softness_mm` behind.
SMP_FN float hairline_coverage(float depth_mm, float softness_mm, float front_share) {
  if (depth_mm < 0.0f) return 0.0f;
  float t = clamp(depth_mm / max(softness_mm, 0.5f), 0.0f, 1.0f);
  return mix(front_share, 1.0f, t * t * (3.0f - 2.0f * t));
}

// 1 inside the patch, 0 outside, a smooth fall over its feathered rim. Angles from the patch's centre
// towards its two tangents (a gnomonic projection), scaled by its extents; the far side of the head
// lies at more than 90 degrees and so outside any patch.
SMP_FN float patch_weight(PatchParams area, vec3 direction) {
  float ahead = dot(direction, vec3(area.centre));
  vec2 e = vec2(atan(dot(direction, vec3(area.across)), ahead) * area.centre.w,
                atan(dot(direction, vec3(area.along)), ahead) * area.across.w);
  return 1.0f - smoothstep(1.0f - area.along.w, 1.0f, length(e));
}

// A fixed random number in [0, 1) per dot: the dot's place in the hairline's micro-irregularity.
SMP_FN float rank_hash(uint rank) {
  uint h = rank * 0x9E3779B1u;
  h ^= h >> 15;
  h *= 0x85EBCA77u;
  h ^= h >> 13;
  return float(h >> 8) * (1.0f / 16777216.0f);
}

// x: the share of the field drawn around this dot; y: its ink scale (scars may be lighter or darker).
SMP_FN vec2 dot_design(SMP_DESIGN_PARAM vec3 position_mm, uint rank) {
  if (SMP_DESIGN.mode.x == COVERAGE_EVERYWHERE) return vec2(SMP_DESIGN.shares.x, 1.0f);
  vec3 q = chart_unit_direction(position_mm, SMP_DESIGN.chart_centre_taper, SMP_DESIGN.chart_radii);
  vec3 direction = normalize(q);
  float coverage;
  if (SMP_DESIGN.mode.x == COVERAGE_HAIRLINE) {
    vec2 chart = chart_of_direction(q);
    vec4 border = border_at(SMP_DESIGN_ARG chart.x);
    // Each dot's own offset of up to +-micro mm: single dots ahead of the zone and gaps behind it.
    float depth_mm = (chart.y - border.x) * border.y + SMP_DESIGN.shares.z * (2.0f * rank_hash(rank) - 1.0f);
    coverage = hairline_coverage(depth_mm, border.z, SMP_DESIGN.shares.y);
  } else {
    coverage = patch_weight(SMP_DESIGN.diffuse_area, direction);
  }
  float share = SMP_DESIGN.shares.x * coverage;
  float ink = 1.0f;
  for (uint i = 0u; i < SMP_DESIGN.mode.y; ++i) {
    float w = patch_weight(SMP_DESIGN.scars[i], direction);
    share = mix(share, SMP_DESIGN.shares.x * SMP_DESIGN.scars[i].effect.x, w);
    ink = mix(ink, SMP_DESIGN.scars[i].effect.y, w);
  }
  return vec2(share, ink);
}

// A dot is drawn when its rank falls in the drawn share of the field: the ranked field is blue noise at
// every prefix, so the drawn dots stay well spaced at any local density.
SMP_FN bool rank_drawn(uint rank, uint ranks, float share) {
  return share >= 1.0f || float(rank) + 0.5f < share * float(ranks);
}

#undef SMP_FN
#undef SMP_DESIGN_PARAM
#undef SMP_DESIGN_ARG
#undef SMP_DESIGN
#ifdef __cplusplus
}  // namespace smp::shader
#endif
#endif
