// The scalp: the parametric surface and its chart, fitting it to landmarks, and the design on it
// (hairline height and shape, temple points, transition zone, diffuse thinning, scars), evaluated by
// the same code the shaders run (shaders/scalp_design.h).
#include <gtest/gtest.h>

#include <algorithm>
#include <iostream>
#include <map>
#include <random>

#include <opencv2/imgproc.hpp>

#include "app/demo_scene.h"
#include "app/design_settings.h"
#include "app/preview.h"
#include "scalp_design.h"
#include "test_support.h"

namespace smp {
namespace {

using test::GpuTest;

// ---- Surface and chart ----------------------------------------------------------------------------

TEST(ScalpSurface, ChartAndPointAreInverse) {
  const ScalpSurface s(demo_scalp_fit().surface);
  for (double az = -179.0; az < 180.0; az += 13.0)
    for (double el = -40.0; el < 89.0; el += 9.0) {
      const ChartPoint c{glm::radians(az), glm::radians(el)};
      const ChartPoint back = s.chart(s.point(c));
      EXPECT_NEAR(back.azimuth, c.azimuth, 1e-5) << az << ", " << el;
      EXPECT_NEAR(back.elevation, c.elevation, 1e-5) << az << ", " << el;
    }
}

TEST(ScalpSurface, OnASphereAreasAndDistancesAreTheTextbookOnes) {
  constexpr float kR = 90.0f;
  const ScalpSurface sphere(ScalpShape{.centre_mm = {0, 0, 0}, .half_breadth_mm = kR, .half_height_mm = kR,
                                       .front_length_mm = kR, .back_length_mm = kR, .taper = 0.0f});
  // A spherical cap above elevation e has area 2 pi R^2 (1 - sin e).
  const std::vector<double> reach(shader::BORDER_BINS, glm::radians(20.0));
  const FieldRegion cap{sphere, reach};
  EXPECT_NEAR(cap.area_cm2(), 2.0 * M_PI * kR * kR * (1.0 - std::sin(glm::radians(20.0))) / 100.0, 0.5);
  EXPECT_NEAR(sphere.meridian_distance_mm(0.3, 0.1, 0.6), kR * 0.5, 1e-3);
  EXPECT_NEAR(sphere.elevation_at_distance(0.3, 0.1, kR * 0.5), 0.6, 1e-6);
  EXPECT_NEAR(sphere.parallel_distance_mm(glm::radians(60.0), 0.0, 1.0), kR * 0.5, 1e-3);
  EXPECT_NEAR(glm::dot(sphere.normal({0.4, 0.7}), glm::normalize(sphere.point({0.4, 0.7}))), 1.0, 1e-9);
}

TEST(ScalpSurface, TheDemoScalpIsTheDemoHeadsSkin) {
  const ScalpSurface s = demo_scalp_fit().surface;
  for (double az = -180.0; az < 180.0; az += 10.0)
    for (double el = 20.0; el < 90.0; el += 10.0) {
      const glm::vec3 p(s.point({glm::radians(az), glm::radians(el)}));
      EXPECT_NEAR(demo_head_distance(p), 0.0f, 0.3f) << az << ", " << el;
    }
}

// ---- Fitting --------------------------------------------------------------------------------------

// A synthetic face of a given size: landmarks as an adult face scaled about the ear canals.
FaceLandmarks3d face_scaled(double width_scale, double height_scale) {
  const glm::dvec3 s{width_scale, height_scale, 1.0};
  return {.glabella = adult_face::kGlabella * s,
          .outer_eye_corner_left = adult_face::kOuterEyeCornerLeft * s,
          .outer_eye_corner_right = adult_face::kOuterEyeCornerLeft * glm::dvec3(-1, 1, 1) * s,
          .cheekbone_left = glm::dvec3(0.5 * adult_face::kBizygomaticWidthMm, 0, 55) * s,
          .cheekbone_right = glm::dvec3(-0.5 * adult_face::kBizygomaticWidthMm, 0, 55) * s,
          .menton = glm::dvec3(0, adult_face::kGlabella.y - adult_face::kGlabellaToMentonMm, 80) * s,
          .head_breadth_mm = std::nullopt,  // the skull from the face's proportions
          .vertex_height_mm = std::nullopt,
          .skull_offset_mm = std::nullopt};
}

TEST(ScalpFit, RealisticFacesGiveAdultHeads) {
  // Small woman, average adult, large man (bizygomatic ~125, 137, 150 mm).
  for (const auto& [name, width, height] : {std::tuple{"small", 0.91, 0.92}, std::tuple{"average", 1.0, 1.0},
                                            std::tuple{"large", 1.09, 1.08}}) {
    const ScalpFit fit = fit_scalp(face_scaled(width, height));
    const std::vector<double> reach = reach_elevations(fit);
    const double area = FieldRegion{fit.surface, reach}.area_cm2();
    std::cout << name << " face: head breadth " << fit.surface.breadth_mm() << " mm, length " << fit.surface.length_mm()
              << " mm, vertex " << fit.surface.vertex_height_mm() << " mm above the ear canals, scalp the design can reach "
              << area << " cm^2\n";
    // Adult ranges (Farkas: eu-eu ~135-165, g-op ~170-210, v-po ~115-145 mm, both sexes).
    EXPECT_GT(fit.surface.breadth_mm(), 130.0) << name;
    EXPECT_LT(fit.surface.breadth_mm(), 170.0) << name;
    EXPECT_GT(fit.surface.length_mm(), 165.0) << name;
    EXPECT_LT(fit.surface.length_mm(), 215.0) << name;
    EXPECT_GT(fit.surface.vertex_height_mm(), 110.0) << name;
    EXPECT_LT(fit.surface.vertex_height_mm(), 150.0) << name;
    EXPECT_GT(area, 350.0) << name;  // the whole scalp of an adult is ~500-700 cm^2
    EXPECT_LT(area, 800.0) << name;  // a large man's head, down to the nape and around the ears: 757
    // The front of the scalp passes through the glabella.
    EXPECT_NEAR(glm::length(fit.surface.point(fit.surface.chart(fit.glabella)) - fit.glabella), 0.0, 0.5) << name;
  }
}

TEST(ScalpFit, TheTrackingFaceModelCarriesAnAdultScalpOnItsOwnSide) {
  // Every tracked face is posed as face_model(): the scalp fitted to it is what the dots sit on.
  const FaceLandmarks3d face = landmarks_of(face_model());
  const ScalpFit fit = fit_scalp(face);
  std::cout << "scalp of the tracking face model: breadth " << fit.surface.breadth_mm() << " mm, length "
            << fit.surface.length_mm() << " mm, vertex " << fit.surface.vertex_height_mm() << " mm; glabella at ("
            << fit.glabella.x << ", " << fit.glabella.y << ", " << fit.glabella.z << ")\n";
  EXPECT_GT(face.outer_eye_corner_left->x, 30.0) << "the patient's left is +x in the head frame";
  EXPECT_LT(face.outer_eye_corner_right->x, -30.0);
  EXPECT_GT(face.glabella->y, face.outer_eye_corner_left->y) << "the glabella sits above the eyes";
  EXPECT_NEAR(fit.glabella.y, adult_face::kGlabella.y, 12.0);
  EXPECT_NEAR(fit.glabella.z, adult_face::kGlabella.z, 12.0);
  // An adult's head, not one blown up by dlib's wide jaw-line ends and tall face (scalp_fit.h): head
  // breadth (eu-eu) about 151 mm and height above the ear canals (po-v) about 130 in adult men, a few
  // mm less in women. Taken as measured, the model's landmarks made 161 and 142.
  EXPECT_FALSE(face.cheekbone_left || face.cheekbone_right || face.menton);
  EXPECT_GT(fit.surface.breadth_mm(), 144.0);
  EXPECT_LT(fit.surface.breadth_mm(), 156.0);
  EXPECT_GT(fit.surface.vertex_height_mm(), 124.0);
  EXPECT_LT(fit.surface.vertex_height_mm(), 136.0);
}

TEST(ScalpFit, HeadsGrowWithTheFaceAndDefaultsFillTheGaps) {
  const ScalpFit narrow = fit_scalp(face_scaled(0.92, 1.0)), wide = fit_scalp(face_scaled(1.08, 1.0));
  EXPECT_GT(wide.surface.breadth_mm(), narrow.surface.breadth_mm() + 10.0);
  EXPECT_GT(wide.surface.length_mm(), narrow.surface.length_mm());
  const ScalpFit short_face = fit_scalp(face_scaled(1.0, 0.92)), long_face = fit_scalp(face_scaled(1.0, 1.08));
  EXPECT_GT(long_face.surface.vertex_height_mm(), short_face.surface.vertex_height_mm() + 10.0);
  // Nothing measured: the adult average; one eye corner measured: the other mirrors it.
  const ScalpFit none = fit_scalp({});
  EXPECT_NEAR(none.surface.breadth_mm(), fit_scalp(face_scaled(1.0, 1.0)).surface.breadth_mm(), 0.01);
  FaceLandmarks3d right_eye_only;
  right_eye_only.outer_eye_corner_right = glm::dvec3(-50, 10, 70);
  const ScalpFit one_eye = fit_scalp(right_eye_only);
  EXPECT_EQ(one_eye.outer_eye_corner_left, glm::dvec3(50, 10, 70));
  // A wild measurement cannot make a freak head.
  FaceLandmarks3d wild_cheekbones;
  wild_cheekbones.cheekbone_left = glm::dvec3(400, 0, 0);
  wild_cheekbones.cheekbone_right = glm::dvec3(-400, 0, 0);
  const ScalpFit wild = fit_scalp(wild_cheekbones);
  EXPECT_LT(wild.surface.breadth_mm(), 176.0);
}

// ---- The design on the scalp ------------------------------------------------------------------------

// A dense uniform sample of the scalp the design can reach, each point with a random rank in a field
// of that size: what the shaders see, without the cost of blue noise.
struct DesignProbe {
  ScalpFit fit = demo_scalp_fit();
  std::vector<double> reach = reach_elevations(fit);
  std::vector<Dot> dots = build_random_scalp_dot_field({fit.surface, reach}, 150.0, 4);
  FieldSize field{.density_per_cm2 = 150.0, .ranks = std::uint32_t(dots.size())};

  std::vector<Dot> drawn(const SmpDesign& design) const {
    const shader::DesignParams p = design_params(design, fit, field);
    std::vector<Dot> out;
    for (const Dot& d : dots)
      if (shader::rank_drawn(d.rank, p.mode.z, shader::dot_design(p, d.position_mm, d.rank).x)) out.push_back(d);
    return out;
  }
  // Height of a point above the glabella along the forehead's centre line, mm.
  double height_mm(const glm::vec3& p) const {
    const ScalpSurface& s = fit.surface;
    return s.meridian_distance_mm(0.0, s.chart(fit.glabella).elevation, s.chart(glm::dvec3(p)).elevation);
  }
  // Dots within `half_width_mm` of the centre line, in front of the vertex.
  bool near_centre_line(const glm::vec3& p, double half_width_mm) const { return std::abs(p.x) < half_width_mm && p.z > 0.0f; }
};

TEST(ScalpDesign, FirstDotsOfTheHairlineSitAtTheRequestedHeight) {
  const DesignProbe probe;
  for (double height : {65.0, 80.0, 95.0}) {
    // Natural irregularity; a straight line, so that the central 40 mm measured all lie at that height.
    SmpDesign design;
    design.hairline_height_mm = height;
    design.hairline_shape = HairlineShape::kStraight;
    std::vector<double> heights;
    for (const Dot& d : probe.drawn(design))
      if (probe.near_centre_line(d.position_mm, 20.0)) heights.push_back(probe.height_mm(d.position_mm));
    ASSERT_GT(heights.size(), 10u);
    std::sort(heights.begin(), heights.end());
    const double first = (heights[0] + heights[1] + heights[2]) / 3.0;  // the three lowest dots
    std::cout << "hairline at " << height << " mm: first dots at " << first << " mm\n";
    EXPECT_NEAR(first, height, 1.0);
  }
}

TEST(ScalpDesign, TransitionZoneDensityRisesMonotonicallyAcrossItsDepth) {
  const DesignProbe probe;
  SmpDesign design;
  design.softness_mm = 15.0;
  design.hairline_shape = HairlineShape::kStraight;  // the same depth all along the strip measured
  // Dots per 3 mm band, from 3 mm in front of the line to its full depth, over the line's central 70 mm.
  std::map<int, int> bands;
  for (const Dot& d : probe.drawn(design))
    if (probe.near_centre_line(d.position_mm, 35.0)) {
      const double depth = probe.height_mm(d.position_mm) - design.hairline_height_mm;
      if (depth >= -3.0 && depth < 15.0) ++bands[int(std::floor((depth + 3.0) / 3.0))];
    }
  std::cout << "dots per 3 mm band from 3 mm in front of the hairline across its 15 mm transition zone:";
  for (const auto& [band, count] : bands) std::cout << " " << count;
  std::cout << "\n";
  for (int band = 1; band < 6; ++band) EXPECT_GT(bands[band], bands[band - 1]) << "band " << band;
  EXPECT_GT(bands[5], 3 * bands[1]) << "sparse in front, dense behind";
}

TEST(ScalpDesign, TemplePointsFollowTheOuterEyeCorners) {
  ScalpFit fit = demo_scalp_fit();
  const TemplePoints base = fronto_temporal_points(fit);
  // On the meridian through the eye corner, and in front of the temples: between the forehead's middle
  // and the side of the head (the parallel through the hairline put them above the ears, 70 degrees).
  EXPECT_NEAR(base.left_azimuth, fit.surface.chart(fit.outer_eye_corner_left).azimuth, 1e-9);
  EXPECT_GT(base.left_azimuth, glm::radians(25.0));
  EXPECT_LT(base.left_azimuth, glm::radians(50.0));
  EXPECT_NEAR(base.right_azimuth, -base.left_azimuth, 1e-6);
  fit.outer_eye_corner_left.x += 5.0;  // wider-set eyes: the left point moves out, the right stays
  const TemplePoints wider = fronto_temporal_points(fit);
  EXPECT_GT(wider.left_azimuth, base.left_azimuth + glm::radians(2.0));
  EXPECT_EQ(wider.right_azimuth, base.right_azimuth);
  // And the drawn hairline follows: the border's bins just outside the old left point recede now.
  SmpDesign design;
  design.irregularity = 0.0;
  const auto before = design_params(design, demo_scalp_fit(), {80.0, 1000});
  const auto after = design_params(design, fit, {80.0, 1000});
  int moved = 0;
  for (int i = 0; i < shader::BORDER_BINS; ++i) moved += before.border[i].x != after.border[i].x;
  EXPECT_GT(moved, 0);
}

TEST(ScalpDesign, TheTemplesInFrontOfTheEarsCarryInkDownTowardsTheEyes) {
  // The side of the head in front of the ears and behind the outer eye corners: the temple hair, from
  // the temporal peak (about 5 cm below the fronto-temporal point, shared/smp-clinical.md) down to the
  // sideburn. When the temple points sat where the hairline's parallel reaches the eye corner's breadth
  // (above the ears on this egg), the front line ran back over the temples at the hairline's height and
  // left them bare: in side views the design ended in a straight diagonal from the ear to the top.
  const DesignProbe probe;
  const double mid_frontal_y = probe.fit.surface.point({0.0, mid_frontal_elevation(probe.fit, 80.0)}).y;
  for (const int side : {1, -1}) {
    const double eye_x = side > 0 ? probe.fit.outer_eye_corner_left.x : probe.fit.outer_eye_corner_right.x;
    double lowest_temple_y = 1e9;
    for (const Dot& d : probe.drawn(SmpDesign{}))
      if (side * d.position_mm.x > std::abs(eye_x) && d.position_mm.z > 25.0f) lowest_temple_y = std::min(lowest_temple_y, double(d.position_mm.y));
    std::cout << (side > 0 ? "left" : "right") << " temple: ink down to " << mid_frontal_y - lowest_temple_y
              << " mm below the mid-frontal point\n";
    EXPECT_GT(mid_frontal_y - lowest_temple_y, 35.0) << side;
  }
}

// Inside the demo ear's outline seen from the side, with `margin_mm` around it (capture/demo_head.cpp:
// centred 2 mm above and 12 mm behind the ear canal, 31 mm half height and 18 mm half depth, leaning back
// 15 degrees), on the side of the head.
bool on_demo_ear(const glm::vec3& p, double margin_mm) {
  if (std::abs(p.x) < 45.0f) return false;
  const double a = glm::radians(15.0), y = p.y - 2.0, z = p.z + 12.0;
  const double along = std::cos(a) * y + std::sin(a) * z, across = -std::sin(a) * y + std::cos(a) * z;
  return std::pow(along / (31.0 + margin_mm), 2) + std::pow(across / (18.0 + margin_mm), 2) < 1.0;
}

TEST(ScalpDesign, TheInkWrapsAroundTheEarsAsAShavedHeadsHairDoes) {
  // The head frame has the ear canals at its origin. A shaved head's hair runs down in front of the ear
  // (the sideburn), over it and down behind it (the nape: SidesAndNapeEndInABorderAboveTheEars). The
  // border used to rise gently from the sideburn over the front of the ear and fall behind it only to
  // 22 mm above the canal: ink lay on the top of the ear's front, and from the side a bare band ran
  // behind the ear.
  const DesignProbe probe;
  const std::vector<Dot> drawn = probe.drawn(SmpDesign{});
  const auto lowest_y = [&](auto where) {
    double y = 1e9;
    for (const Dot& d : drawn)
      if (where(d.position_mm)) y = std::min(y, double(d.position_mm.y));
    return y;
  };
  for (const int side : {1, -1}) {
    const auto at_side = [side](const glm::vec3& p) { return side * p.x > 45.0f; };
    const double behind_ear = lowest_y([&](const glm::vec3& p) { return at_side(p) && p.z > -75.0f && p.z < -50.0f; });
    int on_ear = 0;
    for (const Dot& d : drawn) on_ear += at_side(d.position_mm) && on_demo_ear(d.position_mm, 0.0);
    std::cout << (side > 0 ? "left" : "right") << " ear: behind it the ink down to " << behind_ear << " mm above the ear canal, "
              << on_ear << " dots on the ear\n";
    EXPECT_LT(behind_ear, 10.0) << side;
    EXPECT_GT(behind_ear, -20.0) << side << ": behind the ear, not under the lobe";
    EXPECT_EQ(on_ear, 0) << side;
  }
}

// On the smallest and the largest skull the fit allows (the tracked face's scalp, as the mirror starts
// with, made as short, narrow and short at the back, or as tall and broad, as skull_limits and a short
// face allow), the border still passes over the ears, comes down behind them and reaches the nape, on
// the side and back of the egg: a small skull's egg does not reach the heights and depths the border is
// set at (its underside curves in above the neck), and aiming at them put the point behind the ear at
// the nape and left a bare band behind the ears.
TEST(ScalpDesign, OnTheSmallestAndLargestSkullsTheBorderStillWrapsTheEars) {
  struct Skull {
    double vertex_mm, breadth_mm, back_mm;
  };
  for (const Skull& skull : {Skull{skull_limits::kMinVertexHeightMm, skull_limits::kMinBreadthMm, 66.0},
                             Skull{skull_limits::kMaxVertexHeightMm, skull_limits::kMaxBreadthMm, 110.0}}) {
    ScalpFit fit = Preview::tracked_scalp();
    ScalpShape shape = fit.surface.shape();
    shape.half_height_mm = float(skull.vertex_mm) - shape.centre_mm.y;
    shape.half_breadth_mm *= float(skull.breadth_mm / fit.surface.breadth_mm());
    shape.back_length_mm = float(skull.back_mm);
    fit.surface = ScalpSurface(shape);
    SmpDesign design;
    design.irregularity = 0.0;
    const shader::DesignParams p = design_params(design, fit, {80.0, 1000});
    const auto border_y = [&](double azimuth_deg) {
      const int bin = int((glm::radians(azimuth_deg) + M_PI) / (2.0 * M_PI) * shader::BORDER_BINS);
      return fit.surface.point({border_bin_azimuth(bin), p.border[bin].x}).y;
    };
    for (const double side : {1.0, -1.0}) {
      const double over = border_y(side * 100.0), behind = border_y(side * 140.0), nape = border_y(side * 178.0);
      std::cout << "skull " << skull.vertex_mm << " mm high, " << skull.breadth_mm << " broad: the border " << over << " mm over the ear, "
                << behind << " behind it, " << nape << " at the nape\n";
      EXPECT_GT(over, 35.0) << skull.vertex_mm << " " << side;
      EXPECT_LT(behind, 20.0) << skull.vertex_mm << " " << side;
      EXPECT_LT(nape, 10.0) << skull.vertex_mm << " " << side;
    }
  }
}

TEST(ScalpDesign, ShapesAreDifferentLinesThroughTheSameMidFrontalPoint) {
  SmpDesign design;
  design.irregularity = 0.0;
  const ScalpFit fit = demo_scalp_fit();
  const double mid = mid_frontal_elevation(fit, design.hairline_height_mm);
  std::map<HairlineShape, shader::DesignParams> lines;
  for (HairlineShape shape : {HairlineShape::kStraight, HairlineShape::kRounded, HairlineShape::kRecededTemples,
                              HairlineShape::kFrontalPeak}) {
    design.hairline_shape = shape;
    lines[shape] = design_params(design, fit, {80.0, 1000});
  }
  // Bins either side of the centre (azimuth +-1 degree) and 45 degrees out, towards the temples.
  const int centre = shader::BORDER_BINS / 2, temple = centre + shader::BORDER_BINS / 8;
  for (const auto& [shape, p] : lines) {
    EXPECT_NEAR(0.5 * (p.border[centre].x + p.border[centre - 1].x), mid, glm::radians(1.0)) << int(shape);
  }
  EXPECT_GT(lines[HairlineShape::kRounded].border[temple].x, lines[HairlineShape::kStraight].border[temple].x);
  EXPECT_GT(lines[HairlineShape::kRecededTemples].border[temple + 5].x, lines[HairlineShape::kRounded].border[temple + 5].x);
  EXPECT_GT(lines[HairlineShape::kFrontalPeak].border[centre + 3].x, lines[HairlineShape::kRounded].border[centre + 3].x);
}

TEST(ScalpDesign, TheLineIsIrregularAndNotQuiteSymmetric) {
  const ScalpFit fit = demo_scalp_fit();
  SmpDesign design;
  const auto p = design_params(design, fit, {80.0, 1000});
  design.irregularity = 0.0;
  const auto ruled = design_params(design, fit, {80.0, 1000});
  double largest_wave_mm = 0.0, asymmetry_mm = 0.0;
  const int centre = shader::BORDER_BINS / 2;
  for (int i = 1; i < 30; ++i) {
    largest_wave_mm = std::max(largest_wave_mm, double(std::abs(p.border[centre + i].x - ruled.border[centre + i].x) * p.border[centre + i].y));
    asymmetry_mm = std::max(asymmetry_mm, double(std::abs(p.border[centre + i].x - p.border[centre - 1 - i].x) * p.border[centre + i].y));
  }
  EXPECT_GT(largest_wave_mm, 0.5);
  EXPECT_LT(largest_wave_mm, 4.0);  // waves, not a different hairline
  EXPECT_GT(asymmetry_mm, 0.5);
}

TEST(ScalpDesign, SidesAndNapeEndInABorderAboveTheEars) {
  const DesignProbe probe;
  const auto drawn = probe.drawn(SmpDesign{});
  double lowest_above_ear = 1e9, lowest_at_back = 1e9;
  for (const Dot& d : drawn) {
    // Over the demo ear (its top is 12-20 mm behind the ear canal).
    if (std::abs(d.position_mm.z + 16.0f) < 8.0f) lowest_above_ear = std::min(lowest_above_ear, double(d.position_mm.y));
    if (std::abs(d.position_mm.x) < 10.0f && d.position_mm.z < 0.0f) lowest_at_back = std::min(lowest_at_back, double(d.position_mm.y));
  }
  std::cout << "coverage ends " << lowest_above_ear << " mm above the ear canals at the side, " << lowest_at_back
            << " mm at the nape\n";
  EXPECT_GT(lowest_above_ear, 35.0);  // the demo ear reaches ~33 mm
  EXPECT_LT(lowest_above_ear, 65.0);
  EXPECT_LT(lowest_at_back, -14.0);   // the back of the head down to the nape (-8 before it reached the neck)
  EXPECT_GT(lowest_at_back, -30.0);
}

TEST(ScalpDesign, DiffuseThinningAddsDensityOverItsAreaWithNoHairline) {
  const DesignProbe probe;
  SmpDesign design;
  design.coverage = Coverage::kDiffuseThinning;
  const auto drawn = probe.drawn(design);
  const ScalpPatch& area = design.diffuse_area;
  const glm::vec3 centre(probe.fit.surface.point({glm::radians(area.azimuth_deg), glm::radians(area.elevation_deg)}));
  const float reach_mm = 0.5f * float(std::max(area.across_mm, area.along_mm));
  size_t core = 0, outside = 0;
  for (const Dot& d : drawn) {
    const float distance = glm::length(d.position_mm - centre);  // a chord: never longer than along the skin
    core += distance < 0.5f * reach_mm;
    outside += distance > reach_mm + 1.0f;
  }
  EXPECT_GT(core, 1000u);
  EXPECT_EQ(outside, 0u) << "no dots outside the chosen area";
  // No hairline: the forehead in front of the area stays bare, unlike the hairline design's.
  auto front_line_dots = [&](const std::vector<Dot>& dots) {
    return std::count_if(dots.begin(), dots.end(), [&](const Dot& d) {
      return probe.near_centre_line(d.position_mm, 20.0) && std::abs(probe.height_mm(d.position_mm) - 80.0) < 5.0;
    });
  };
  EXPECT_GT(front_line_dots(probe.drawn(SmpDesign{})), 20);
  EXPECT_EQ(front_line_dots(drawn), 0);
}

TEST(ScalpDesign, ScarsGetTheirOwnDensityAndShade) {
  const DesignProbe probe;
  SmpDesign design;
  design.density_per_cm2 = 80.0;
  const ScalpPatch strip{.azimuth_deg = 180, .elevation_deg = 15, .across_mm = 120, .along_mm = 20, .feather_mm = 2,
                         .density_scale = 1.5, .shade_scale = 1.4};
  auto in_strip_core = [&](const Dot& d) {  // well inside the strip
    const ChartPoint c = probe.fit.surface.chart(glm::dvec3(d.position_mm));
    return std::abs(std::remainder(glm::degrees(c.azimuth) - 180.0, 360.0)) < 20.0 && std::abs(glm::degrees(c.elevation) - 15.0) < 3.0;
  };
  const auto without = probe.drawn(design);
  design.scars = {strip};
  const auto with = probe.drawn(design);
  const double ratio = double(std::count_if(with.begin(), with.end(), in_strip_core)) /
                       double(std::count_if(without.begin(), without.end(), in_strip_core));
  EXPECT_NEAR(ratio, 1.5, 0.1);
  const shader::DesignParams p = design_params(design, probe.fit, probe.field);
  const Dot& centre = *std::find_if(with.begin(), with.end(), in_strip_core);
  EXPECT_NEAR(shader::dot_design(p, centre.position_mm, centre.rank).y, 1.4f, 0.01f);
  // Everywhere else the design is unchanged.
  EXPECT_EQ(with.size() - std::count_if(with.begin(), with.end(), in_strip_core) > 0, true);
}

// ---- The shaders evaluate the same design -----------------------------------------------------------

using ScalpDesignOnGpu = GpuTest;

TEST_F(ScalpDesignOnGpu, TheShaderDrawsExactlyTheDotsTheDesignChooses) {
  // Dots over the whole reachable scalp, each turned to face the camera and at least 4 px from any
  // other on screen, so that each dot's ink can be told apart.
  const Intrinsics camera = Intrinsics::from_horizontal_fov(640, 480, 40.0);
  const HeadPose pose = demo_pose(-50.0, 0.0, 0.0);
  const DesignProbe probe;
  std::vector<Dot> dots;
  std::vector<glm::ivec2> pixels;
  cv::Mat taken = cv::Mat::zeros(camera.height, camera.width, CV_8U);
  // Taken in a random order: the field's own order runs across the scalp, and its first dots would
  // claim the screen region by region.
  std::vector<Dot> candidates = probe.dots;
  std::shuffle(candidates.begin(), candidates.end(), std::mt19937(7));
  for (Dot d : candidates) {
    const glm::dvec3 c = pose.rotation() * glm::dvec3(d.position_mm) + pose.translation_mm;
    const glm::dvec2 px = camera.project(c);
    const glm::ivec2 pixel(int(std::lround(px.x)), int(std::lround(px.y)));
    if (pixel.x < 4 || pixel.y < 4 || pixel.x >= camera.width - 4 || pixel.y >= camera.height - 4) continue;
    if (taken.at<std::uint8_t>(pixel.y, pixel.x)) continue;
    cv::circle(taken, {pixel.x, pixel.y}, 3, 255, cv::FILLED);
    d.normal = glm::vec3(glm::normalize(glm::transpose(pose.rotation()) * -c));
    dots.push_back(d);
    pixels.push_back(pixel);
  }
  ASSERT_GT(dots.size(), 1000u);
  SplatRenderer renderer(gpu(), camera.width, camera.height);
  renderer.set_dots(pack_dots(dots));
  const RgbaImage grey(camera.width, camera.height, pack_rgba(128, 128, 128));
  for (const SmpDesign& design : {SmpDesign{}, SmpDesign{.hairline_height_mm = 100.0, .session = 1},
                                  SmpDesign{.coverage = Coverage::kDiffuseThinning}}) {
    SplatSettings settings = splat_settings_for(design, probe.fit, probe.field);
    renderer.render(grey, pose, camera, settings);
    const std::vector<double> ink = renderer.read_coverage();
    size_t drawn = 0, mismatches = 0;
    for (size_t i = 0; i < dots.size(); ++i) {
      const glm::vec2 d = shader::dot_design(settings.design, unpack_dot(pack_dot(dots[i])).position_mm, dots[i].rank);
      const bool expected = shader::rank_drawn(dots[i].rank, settings.design.mode.z, d.x);
      double around = 0.0;
      for (int y = -1; y <= 1; ++y)
        for (int x = -1; x <= 1; ++x) around += ink[(pixels[i].y + y) * camera.width + pixels[i].x + x];
      drawn += expected;
      // A drawn probe 4 px away leaks a trace (under 1e-4) into this window through its footprint's tail.
      mismatches += expected != (around > 1e-3);
    }
    std::cout << drawn << " of " << dots.size() << " probe dots drawn\n";
    EXPECT_GT(drawn, 50u);  // some drawn, some not, so that the match below says something
    EXPECT_LT(drawn, dots.size());
    EXPECT_EQ(mismatches, 0u);
  }
}

}  // namespace
}  // namespace smp
