#include "scalp/scalp_surface.h"

#include <algorithm>
#include <cmath>

#include "scalp_design.h"

namespace smp {
namespace {

// Simpson's rule over [a, b] with `steps` (even) intervals: smooth integrands on a scalp need few.
template <typename F>
double integrate(F f, double a, double b, int steps = 24) {
  const double h = (b - a) / steps;
  double sum = f(a) + f(b);
  for (int i = 1; i < steps; ++i) sum += f(a + i * h) * (i % 2 ? 4.0 : 2.0);
  return sum * h / 3.0;
}

constexpr double kStep = 1e-5;  // rad, for tangents by central differences

}  // namespace

ScalpSurface::ScalpSurface(const ScalpShape& shape) : shape_(shape) {}

glm::vec4 ScalpSurface::chart_centre_taper() const { return glm::vec4(shape_.centre_mm, shape_.taper); }

glm::vec4 ScalpSurface::chart_radii() const {
  return {shape_.half_breadth_mm, shape_.half_height_mm, shape_.front_length_mm, shape_.back_length_mm};
}

glm::dvec3 ScalpSurface::point(ChartPoint c) const {
  // The inverse of chart_unit_direction() in shaders/scalp_design.h for a unit direction.
  const double qx = std::cos(c.elevation) * std::sin(c.azimuth), qy = std::sin(c.elevation),
               qz = std::cos(c.elevation) * std::cos(c.azimuth);
  const double dz = qz * (qz >= 0.0 ? shape_.front_length_mm : shape_.back_length_mm);
  const double width = 1.0 - shape_.taper * std::clamp(dz / shape_.front_length_mm, -1.0, 1.0);
  return glm::dvec3(shape_.centre_mm) + glm::dvec3(qx * shape_.half_breadth_mm * width, qy * shape_.half_height_mm, dz);
}

ChartPoint ScalpSurface::chart(const glm::dvec3& position_mm) const {
  const glm::vec2 c = shader::chart_coordinates(glm::vec3(position_mm), chart_centre_taper(), chart_radii());
  return {c.x, c.y};
}

glm::dvec3 ScalpSurface::tangent_azimuth(ChartPoint c) const {
  return (point({c.azimuth + kStep, c.elevation}) - point({c.azimuth - kStep, c.elevation})) / (2.0 * kStep);
}

glm::dvec3 ScalpSurface::tangent_elevation(ChartPoint c) const {
  return (point({c.azimuth, c.elevation + kStep}) - point({c.azimuth, c.elevation - kStep})) / (2.0 * kStep);
}

glm::dvec3 ScalpSurface::normal(ChartPoint c) const {
  const ChartPoint near_pole{c.azimuth, std::min(c.elevation, 0.5 * M_PI - 1e-4)};  // the top has no azimuth tangent
  glm::dvec3 n = glm::cross(tangent_azimuth(near_pole), tangent_elevation(near_pole));
  return glm::normalize(n);
}

double ScalpSurface::meridian_mm_per_rad(ChartPoint c) const { return glm::length(tangent_elevation(c)); }
double ScalpSurface::parallel_mm_per_rad(ChartPoint c) const { return glm::length(tangent_azimuth(c)); }
double ScalpSurface::area_mm2_per_rad2(ChartPoint c) const {
  return glm::length(glm::cross(tangent_azimuth(c), tangent_elevation(c)));
}

double ScalpSurface::meridian_distance_mm(double azimuth, double from, double to) const {
  return integrate([&](double e) { return meridian_mm_per_rad({azimuth, e}); }, from, to);
}

double ScalpSurface::elevation_at_distance(double azimuth, double from, double distance_mm) const {
  // Newton's method: the distance's derivative is the meridian's mm per rad, smooth and positive.
  double elevation = from + distance_mm / meridian_mm_per_rad({azimuth, from});
  for (int i = 0; i < 8; ++i) {
    elevation = std::clamp(elevation, -0.5 * M_PI, 0.5 * M_PI);
    const double error_mm = meridian_distance_mm(azimuth, from, elevation) - distance_mm;
    if (std::abs(error_mm) < 1e-4) break;
    elevation -= error_mm / meridian_mm_per_rad({azimuth, elevation});
  }
  return std::clamp(elevation, -0.5 * M_PI, 0.5 * M_PI);
}

double ScalpSurface::parallel_distance_mm(double elevation, double from, double to) const {
  return integrate([&](double a) { return parallel_mm_per_rad({a, elevation}); }, from, to);
}

double ScalpSurface::breadth_mm() const {
  double widest = 0.0;
  for (int i = 0; i <= 720; ++i) widest = std::max(widest, point({M_PI * i / 720.0, 0.0}).x - shape_.centre_mm.x);
  return 2.0 * widest;
}

double ScalpSurface::length_mm() const { return shape_.front_length_mm + shape_.back_length_mm; }
double ScalpSurface::vertex_height_mm() const { return shape_.centre_mm.y + shape_.half_height_mm; }

}  // namespace smp
