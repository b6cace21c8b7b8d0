#pragma once
// The scalp as a smooth parametric surface in the head frame (src/tracking/head_pose.h: mm, origin
// between the ear canals, +x the person's left, +y up, +z forward), with a 2D chart over it.
//
// Shape: an egg. Its centre sits above the ear canals; above and below the centre it is an ellipsoid
// with half height `half_height_mm`, half breadth `half_breadth_mm` and half length `front_length_mm`
// in front of the centre, `back_length_mm` behind it; the width tapers by `taper` towards the
// forehead, as a skull narrows from the parietal bones to the frontal bone.
//
// Chart (the scalp's 2D parameterisation), in radians:
//   azimuth    around the vertical axis through the centre: 0 straight ahead (+z), +pi/2 over the
//              person's left ear (+x), +-pi at the back;
//   elevation  from the centre's horizontal plane: 0 at the equator, +pi/2 at the top of the head.
// Precisely: a point's chart coordinates are those of its direction in normalised egg coordinates
// (shaders/scalp_design.h, chart_coordinates), so points along the same normalised ray share them.
// The shaders compute a dot's chart coordinates from its position, so the design needs no per-dot storage.
#include <glm/glm.hpp>

namespace smp {

struct ScalpShape {
  glm::vec3 centre_mm{0.0f, 40.0f, -2.0f};
  float half_breadth_mm = 72.0f;
  float half_height_mm = 92.0f;
  float front_length_mm = 96.0f;
  float back_length_mm = 96.0f;
  float taper = 0.08f;  // width at the front end is (1 - taper), at the back (1 + taper), of the middle's
  bool operator==(const ScalpShape&) const = default;
};

struct ChartPoint {
  double azimuth = 0.0;    // rad
  double elevation = 0.0;  // rad
};

class ScalpSurface {
 public:
  explicit ScalpSurface(const ScalpShape& shape = {});

  const ScalpShape& shape() const { return shape_; }
  glm::vec4 chart_centre_taper() const;  // as the shaders take them (DesignParams)
  glm::vec4 chart_radii() const;

  glm::dvec3 point(ChartPoint c) const;   // on the surface, mm
  glm::dvec3 normal(ChartPoint c) const;  // unit, outwards
  ChartPoint chart(const glm::dvec3& position_mm) const;

  // Skin per unit of the chart at a point: mm per rad along the meridian (elevation) and along the
  // parallel (azimuth), and the area element, mm^2 per rad^2 (the cross product of the two tangents).
  double meridian_mm_per_rad(ChartPoint c) const;
  double parallel_mm_per_rad(ChartPoint c) const;
  double area_mm2_per_rad2(ChartPoint c) const;

  // Distance along the skin on one meridian between two elevations (mm, signed), and its inverse: the
  // elevation `distance_mm` above `from` along that meridian.
  double meridian_distance_mm(double azimuth, double from_elevation, double to_elevation) const;
  double elevation_at_distance(double azimuth, double from_elevation, double distance_mm) const;
  // Distance along the skin on one parallel (constant elevation) between two azimuths (mm, signed).
  double parallel_distance_mm(double elevation, double from_azimuth, double to_azimuth) const;

  // Greatest breadth, length (front to back) and height above the ear canals, mm: the anthropometric
  // head measurements (eu-eu, g-op, po-v) of this surface.
  double breadth_mm() const;
  double length_mm() const;
  double vertex_height_mm() const;

 private:
  glm::dvec3 tangent_azimuth(ChartPoint c) const;
  glm::dvec3 tangent_elevation(ChartPoint c) const;

  ScalpShape shape_;
};

}  // namespace smp
