#include "capture/demo_head.h"

#include <algorithm>
#include <cmath>

namespace smp {
namespace {

using glm::vec3;

// Approximate ellipsoid distance (Inigo Quilez, "ellipsoid SDF"): exact on the surface, a bound elsewhere.
float ellipsoid(const vec3& p, const vec3& centre, const vec3& radii) {
  const vec3 q = p - centre;
  const float k0 = glm::length(q / radii);
  const float k1 = glm::length(q / (radii * radii));
  return k1 > 0.0f ? k0 * (k0 - 1.0f) / k1 : -glm::min(radii.x, glm::min(radii.y, radii.z));
}

float capsule(const vec3& p, const vec3& a, const vec3& b, float radius) {
  const vec3 pa = p - a, ba = b - a;
  const float h = glm::clamp(glm::dot(pa, ba) / glm::dot(ba, ba), 0.0f, 1.0f);
  return glm::length(pa - ba * h) - radius;
}

// Polynomial smooth minimum: blends two shapes over `k` mm like soft tissue over bone.
float smooth_union(float a, float b, float k) {
  const float h = glm::clamp(0.5f + 0.5f * (b - a) / k, 0.0f, 1.0f);
  return glm::mix(b, a, h) - k * h * (1.0f - h);
}
float smooth_subtract(float from, float cut, float k) { return -smooth_union(-from, cut, k); }

vec3 mirror_x(const vec3& p) { return {std::abs(p.x), p.y, p.z}; }

float cranium(const vec3& p) {
  using namespace demo_head;
  const float width = 1.0f - kCraniumTaper * glm::clamp((p.z - kCraniumCentre.z) / kCraniumRadii.z, -1.0f, 1.0f);
  return ellipsoid({p.x / width, p.y, p.z}, kCraniumCentre, kCraniumRadii) * width;
}

float face(const vec3& p) {
  const vec3 m = mirror_x(p);
  float d = ellipsoid(p, {0, -22, 38}, {58, 62, 54});                       // mid and lower face
  d = smooth_union(d, ellipsoid(p, {0, -56, 32}, {47, 33, 50}), 18.0f);     // mandible
  d = smooth_union(d, ellipsoid(m, {49, -52, 5}, {10, 22, 26}), 14.0f);     // jaw angle (gonion)
  d = smooth_union(d, ellipsoid(p, {0, -77, 73}, {17, 13, 11}), 12.0f);     // chin
  d = smooth_union(d, ellipsoid(m, {46, 0, 54}, {16, 10, 20}), 16.0f);      // cheekbone
  d = smooth_union(d, capsule(m, {0, 32, 86}, {40, 31, 74}, 9.0f), 8.0f);   // brow ridge
  return d;
}

float eyes(const vec3& p, float head) {
  const vec3 m = mirror_x(p);
  const float socket = ellipsoid(m, {32, 13, 92}, {16, 11, 14});
  head = smooth_subtract(head, socket, 5.0f);
  head = std::min(head, glm::length(m - vec3(32, 12, 73)) - 12.0f);          // eyeball
  // Eyelids: thin shells over the top and bottom of the eyeball leave an almond-shaped opening.
  const float upper_lid = ellipsoid(m, {32, 17.5f, 78}, {15, 6.5f, 8});
  const float lower_lid = ellipsoid(m, {32, 6.5f, 77}, {13, 3.5f, 6});
  return smooth_union(head, std::min(upper_lid, lower_lid), 2.5f);
}

float nose(const vec3& p) {
  const vec3 m = mirror_x(p);
  float d = capsule(p, {0, 24, 88}, {0, -10, 114}, 6.5f);                     // bridge
  d = smooth_union(d, glm::length(p - vec3(0, -14, 112)) - 9.5f, 6.0f);       // tip
  d = smooth_union(d, ellipsoid(m, {9, -18, 98}, {6, 5, 7}), 8.0f);           // alar wings
  return d;
}

float mouth(const vec3& p, float head) {
  float lips = ellipsoid(p, {0, -41.5f, 89}, {21, 5, 5.5f});
  lips = smooth_union(lips, ellipsoid(p, {0, -51, 88}, {19, 5.5f, 5.5f}), 2.0f);
  head = smooth_union(head, lips, 6.0f);
  return smooth_subtract(head, capsule(p, {-19, -46.5f, 96}, {19, -46.5f, 96}, 1.0f), 1.0f);  // lip line
}

float ear(const vec3& p) {
  vec3 m = mirror_x(p) - vec3(74, 2, -12);
  // Ears lean back about 15 degrees from vertical.
  const float a = glm::radians(15.0f);
  m = {m.x, std::cos(a) * m.y + std::sin(a) * m.z, -std::sin(a) * m.y + std::cos(a) * m.z};
  float d = ellipsoid(m, {3, 0, 0}, {9, 31, 18});
  d = smooth_subtract(d, ellipsoid(m, {10, 4, 1}, {5, 24, 12}), 2.0f);        // scapha inside the helix rim
  d = smooth_subtract(d, glm::length(m - vec3(12, -8, 3)) - 8.0f, 2.0f);      // concha
  return d;
}

float neck_and_shoulders(const vec3& p) {
  // An elliptic column from inside the head down into the shoulders.
  const glm::vec2 q{p.x / 57.0f, (p.z + 15.0f) / 58.0f};
  const float neck = std::max((glm::length(q) - 1.0f) * 57.0f, p.y + 20.0f);
  const float shoulders = ellipsoid(p, {0, -240, -15}, {190, 70, 100});
  return smooth_union(neck, shoulders, 45.0f);
}

}  // namespace

float demo_head_distance(const vec3& p) {
  float d = smooth_union(cranium(p), face(p), 26.0f);
  d = eyes(p, d);
  d = smooth_union(d, nose(p), 4.0f);
  d = mouth(p, d);
  d = smooth_union(d, ear(p), 5.0f);
  d = smooth_union(d, neck_and_shoulders(p), 22.0f);
  return std::max(d, -p.y - 290.0f);  // cut the bust flat below the shoulders
}

TriangleMesh build_demo_head_mesh(float cell_mm) {
  return build_surface_nets(demo_head_distance, {{-200, -296, -130}, {200, 140, 135}, cell_mm});
}

}  // namespace smp
