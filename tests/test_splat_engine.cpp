// The splat engine on the GPU (lavapipe in CI), validation on: ink conservation, culling, rank
// threshold, determinism, and the composite's under-the-skin darkening.
#include <algorithm>
#include <array>
#include <cmath>
#include <random>

#include "gpu/splat_renderer.h"
#include "test_support.h"

namespace smp {
namespace {

using test::facing_dot_at_pixel;
using test::facing_pose;
using test::sum;

constexpr int kWidth = 160, kHeight = 120;
const Intrinsics kCamera = Intrinsics::from_horizontal_fov(kWidth, kHeight, 40.0);  // fx ~ 220 px
const RgbaImage kGreyPicture(kWidth, kHeight, pack_rgba(180, 150, 130));

class SplatEngine : public test::GpuTest {};

double disc_area_px(double diameter_mm, double depth_mm) {
  const double r = kCamera.fx * 0.5 * diameter_mm / depth_mm;
  return 3.14159265358979 * r * r;
}

// N dots fully in view, at random sub-pixel positions near the optical axis: the ink they leave adds up
// to N times the projected disc area, whatever their size relative to a pixel.
TEST_F(SplatEngine, CoverageAddsUpToTheProjectedDotArea) {
  std::mt19937 random(4);
  std::uniform_real_distribution<double> offset(-6.0, 6.0);
  // Radius ~0.06, 0.4, 0.7 px (square footprints of ~0.1, 0.65 and 1.2 px) and 1.5 px (Gaussian, its
  // square would be 2.6 px) at 600 mm.
  for (const double diameter_mm : {0.3, 2.0, 3.6, 8.0}) {
    std::vector<Dot> dots;
    for (int i = 0; i < 500; ++i)
      dots.push_back(facing_dot_at_pixel(kCamera, {kCamera.cx + offset(random), kCamera.cy + offset(random)}, 600.0));
    SplatRenderer renderer(gpu(), kWidth, kHeight);
    renderer.set_dots(pack_dots(dots));
    renderer.render(kGreyPicture, facing_pose(), kCamera, {.dot_diameter_mm = float(diameter_mm)});
    const double expected = dots.size() * disc_area_px(diameter_mm, 600.0);
    const double measured = sum(renderer.read_coverage());
    EXPECT_NEAR(measured / expected, 1.0, 0.01) << "dot diameter " << diameter_mm << " mm: measured " << measured
                                               << " px^2, expected " << expected;
  }
}

TEST_F(SplatEngine, FootprintScalesInverselyWithDepth) {
  SplatRenderer renderer(gpu(), kWidth, kHeight);
  for (const double depth : {400.0, 800.0}) {
    const std::vector<Dot> dots{facing_dot_at_pixel(kCamera, {kCamera.cx, kCamera.cy}, depth)};
    renderer.set_dots(pack_dots(dots));
    renderer.render(kGreyPicture, facing_pose(), kCamera, {.dot_diameter_mm = 4.0f});
    EXPECT_NEAR(sum(renderer.read_coverage()) / disc_area_px(4.0, depth), 1.0, 0.01) << "depth " << depth;
  }
}

// The diameter of a dot (softness 1) seen face-on at `depth_mm` whose footprint is a square `side_px`
// wide: the footprint is the disc the dot shades, widened by the skin's light spread and the camera's
// blur (shaders/dot_common.glsl), so no footprint is narrower than the blur's.
double diameter_for_square_side_mm(double side_px, double depth_mm, double fx) {
  const double shade_radius_px = side_px / std::sqrt(3.14159265358979);
  const double shade_diameter_mm =
      2.0 * std::sqrt(shade_radius_px * shade_radius_px - shader::CAMERA_BLUR_RADIUS_PX * shader::CAMERA_BLUR_RADIUS_PX) *
      depth_mm / fx;
  return std::sqrt(shade_diameter_mm * shade_diameter_mm - shader::SKIN_LIGHT_SPREAD_MM * shader::SKIN_LIGHT_SPREAD_MM);
}

// A dot whose area-equivalent square is wider than SQUARE_FOOTPRINT_MAX_PX gets the Gaussian footprint,
// which reaches three sigmas; the square reaches half its side. The host picks a splat pipeline without
// the Gaussian's code when no dot can be that wide, so this checks its bound just above the switch and
// well above it, and that a dot just below it keeps the square.
TEST_F(SplatEngine, WideDotsGetTheGaussianFootprintAndNarrowOnesTheSquare) {
  constexpr double kDepthMm = 600.0;
  const glm::dvec2 centre(80.0, 60.0);
  SplatRenderer renderer(gpu(), kWidth, kHeight);
  renderer.set_dots(pack_dots(std::vector<Dot>{facing_dot_at_pixel(kCamera, centre, kDepthMm)}));
  const auto coverage_at = [&](double square_side_px, int offset_px) {
    const auto diameter_mm = float(diameter_for_square_side_mm(square_side_px, kDepthMm, kCamera.fx));
    renderer.render(kGreyPicture, facing_pose(), kCamera, {.dot_diameter_mm = diameter_mm});
    return renderer.read_coverage()[size_t(centre.y) * kWidth + size_t(centre.x) + size_t(offset_px)];
  };
  const double max_side = shader::SQUARE_FOOTPRINT_MAX_PX;
  EXPECT_EQ(coverage_at(max_side * 0.98, 2), 0.0) << "a square " << max_side * 0.98 << " px wide reaches 1 px";
  EXPECT_GT(coverage_at(max_side * 1.02, 2), 0.01) << "a Gaussian's three sigmas reach 2 px";
  const double wide = coverage_at(7.0, 6);  // sigma 2.8 px
  EXPECT_GT(wide, 0.01) << "a Gaussian's three sigmas reach 6 px";
  EXPECT_EQ(renderer.read_coverage()[size_t(centre.y) * kWidth + size_t(centre.x) + 10], 0.0)
      << "the footprint ends at three sigmas (8.4 px)";
}

// One 64-bit atomic adds ink to two neighbouring pixels (shaders/shared.h), so a dot on the left or
// right edge of the picture has a pair whose other half lies past the edge, where the next uint is the
// neighbouring row's far end. Dots centred on one edge (small squares, then a Gaussian), in a picture of
// odd width so that rows start on both planes: half their ink lands in the picture, none of it in the
// opposite edge column, and a square's none past the edge column.
TEST_F(SplatEngine, InkAtThePictureEdgeNeverWrapsIntoTheNeighbouringRow) {
  constexpr int kOddWidth = 161, kOddHeight = 121;
  const Intrinsics camera = Intrinsics::from_horizontal_fov(kOddWidth, kOddHeight, 40.0);
  const RgbaImage picture(kOddWidth, kOddHeight, pack_rgba(180, 150, 130));
  SplatRenderer renderer(gpu(), kOddWidth, kOddHeight);
  for (const bool left : {true, false}) {
    std::vector<Dot> dots;
    for (int row = 5; row < kOddHeight - 5; row += 7)
      dots.push_back(facing_dot_at_pixel(camera, {left ? -0.5 : kOddWidth - 0.5, double(row)}, 600.0));
    renderer.set_dots(pack_dots(dots));
    const int edge = left ? 0 : kOddWidth - 1, opposite = left ? kOddWidth - 1 : 0;
    for (const double square_side_px : {1.5, 1.9, 6.0}) {  // two squares, then a Gaussian
      const double diameter_mm = diameter_for_square_side_mm(square_side_px, 600.0, camera.fx);
      renderer.render(picture, facing_pose(), camera, {.dot_diameter_mm = float(diameter_mm)});
      const std::vector<double> coverage = renderer.read_coverage();
      const double disc_px = 3.14159265358979 * std::pow(camera.fx * 0.5 * diameter_mm / 600.0, 2.0);
      const std::string where = std::string(left ? "left" : "right") + " edge, " + std::to_string(square_side_px) + " px";
      EXPECT_NEAR(sum(coverage) / (0.5 * double(dots.size()) * disc_px), 1.0, 0.02) << where;
      double opposite_column = 0.0, beyond_edge_column = 0.0;
      for (int y = 0; y < kOddHeight; ++y) {
        opposite_column += coverage[size_t(y) * kOddWidth + opposite];
        for (int x = 0; x < kOddWidth; ++x)
          if (x != edge) beyond_edge_column += coverage[size_t(y) * kOddWidth + x];
      }
      EXPECT_EQ(opposite_column, 0.0) << where;
      if (square_side_px < shader::SQUARE_FOOTPRINT_MAX_PX) {
        EXPECT_EQ(beyond_edge_column, 0.0) << where;
      }
    }
  }
}

TEST_F(SplatEngine, DotsOnTheFarSideNeverReachThePicture) {
  // Same positions, normals turned away from the camera: the back of the head seen through the skull.
  std::vector<Dot> dots;
  for (int i = 0; i < 200; ++i) {
    Dot d = facing_dot_at_pixel(kCamera, {20.0 + i % 20 * 6.0, 20.0 + i / 20 * 8.0}, 600.0);
    d.normal = -d.normal;
    dots.push_back(d);
  }
  SplatRenderer renderer(gpu(), kWidth, kHeight);
  renderer.set_dots(pack_dots(dots));
  const RgbaImage& out = renderer.render(kGreyPicture, facing_pose(), kCamera, {.dot_diameter_mm = 3.0f, .shade = 1.0f});
  EXPECT_EQ(sum(renderer.read_coverage()), 0.0);
  EXPECT_EQ(out.pixels, kGreyPicture.pixels);
}

// The benchmarks' minimal splat (src/gpu/minimal_splat_pass.h) is a lower bound only if it does the
// work it stands for: every facing dot's disc area in the 2x2 pixels around its centre, bilinearly,
// none for dots on the far side, none wrapped into the next row at the picture's edge.
TEST_F(SplatEngine, MinimalSplatSpreadsEachFacingDotBilinearlyOverFourPixels) {
  const glm::dvec2 centre(40.25, 30.5), edge(kWidth - 0.5, 60.0);
  std::vector<Dot> dots{facing_dot_at_pixel(kCamera, centre, 600.0), facing_dot_at_pixel(kCamera, edge, 600.0),
                        facing_dot_at_pixel(kCamera, {100.0, 90.0}, 600.0)};
  dots[2].normal = -dots[2].normal;
  SplatRenderer renderer(gpu(), kWidth, kHeight, SplatTechnique::kMinimalSplat);
  renderer.set_dots(pack_dots(dots));
  renderer.render(kGreyPicture, facing_pose(), kCamera, {.dot_diameter_mm = 3.0f});
  const std::vector<double> ink = renderer.read_coverage();
  // The dots face the camera (no foreshortening) and lie where asked, up to their packing: 1/64 mm
  // steps (0.006 px here) and 8-bit normals, a few thousandths of their ink.
  const double area = disc_area_px(3.0, 600.0), tolerance = 0.01 * area;
  auto at = [&](int x, int y) { return ink[size_t(y) * kWidth + x]; };
  EXPECT_NEAR(at(40, 30), area * 0.75 * 0.5, tolerance);
  EXPECT_NEAR(at(41, 30), area * 0.25 * 0.5, tolerance);
  EXPECT_NEAR(at(40, 31), area * 0.75 * 0.5, tolerance);
  EXPECT_NEAR(at(41, 31), area * 0.25 * 0.5, tolerance);
  // Half the edge dot's ink is beyond the last column: dropped, not carried to the next row's start.
  EXPECT_NEAR(at(kWidth - 1, 60), area * 0.5, tolerance);
  EXPECT_EQ(at(0, 61), 0.0);
  EXPECT_NEAR(sum(ink), area * 1.5, 2.0 * tolerance) << "the far-side dot adds nothing";
}

TEST_F(SplatEngine, DotsFadeOutTowardsTheSilhouette) {
  // One dot, its normal turned further and further from the viewing direction.
  SplatRenderer renderer(gpu(), kWidth, kHeight);
  double previous = 1e9;
  for (const double angle_deg : {0.0, 40.0, 60.0, 75.0, 85.0, 89.0}) {
    Dot d = facing_dot_at_pixel(kCamera, {kCamera.cx, kCamera.cy}, 600.0);
    const double a = glm::radians(angle_deg);
    d.normal = glm::vec3(std::sin(a), 0.0, std::cos(a));  // head +z faces the camera in facing_pose()
    renderer.set_dots(pack_dots(std::vector<Dot>{d}));
    renderer.render(kGreyPicture, facing_pose(), kCamera, {.dot_diameter_mm = 4.0f});
    const double ink = sum(renderer.read_coverage()) / disc_area_px(4.0, 600.0);
    EXPECT_LT(ink, previous) << angle_deg;
    EXPECT_LE(ink, std::cos(a) + 0.01) << "foreshortening at " << angle_deg;
    previous = ink;
  }
  EXPECT_LT(previous, 0.01);  // at 89 degrees the dot is all but gone
}

TEST_F(SplatEngine, RankThresholdDrawsExactlyTheLowerRanks) {
  std::vector<Dot> dots;
  for (std::uint32_t i = 0; i < 400; ++i) {
    Dot d = facing_dot_at_pixel(kCamera, {10.0 + i % 20 * 7.0, 10.0 + i / 20 * 5.0}, 600.0);
    d.rank = (i * 7919u) % 400u;
    dots.push_back(d);
  }
  SplatRenderer renderer(gpu(), kWidth, kHeight);
  renderer.set_dots(pack_dots(dots));
  renderer.render(kGreyPicture, facing_pose(), kCamera, {.dot_diameter_mm = 1.0f});
  const double all = sum(renderer.read_coverage());
  renderer.render(kGreyPicture, facing_pose(), kCamera, {.dot_diameter_mm = 1.0f, .visible_rank_limit = 100});
  EXPECT_NEAR(sum(renderer.read_coverage()) / all, 0.25, 0.01);
}

TEST_F(SplatEngine, InkIsTheSameToTheBitWhateverTheDotOrder) {
  std::mt19937 random(9);
  std::uniform_real_distribution<double> x(0.0, kWidth - 1.0), y(0.0, kHeight - 1.0);
  std::vector<Dot> dots;
  for (int i = 0; i < 20000; ++i) dots.push_back(facing_dot_at_pixel(kCamera, {x(random), y(random)}, 600.0));
  SplatRenderer renderer(gpu(), kWidth, kHeight);
  renderer.set_dots(pack_dots(dots));
  const RgbaImage first = renderer.render(kGreyPicture, facing_pose(), kCamera, {.dot_diameter_mm = 1.5f});
  const auto first_ink = renderer.read_coverage();
  std::shuffle(dots.begin(), dots.end(), random);
  renderer.set_dots(pack_dots(dots));
  const RgbaImage& second = renderer.render(kGreyPicture, facing_pose(), kCamera, {.dot_diameter_mm = 1.5f});
  EXPECT_EQ(renderer.read_coverage(), first_ink);
  EXPECT_EQ(second.pixels, first.pixels);
}

// Each splat thread takes two neighbouring dots of the drawn list and adds both with one set of
// atomics when their squares fit in 4x4 pixels; dots too wide for a square go to a list that a second
// pass draws (shaders/splat.comp). Which dots share a thread must not change the ink. Dense dots of
// varied sizes (jitter), reaching past the picture's edges: in Morton order (most pairs fit); behind
// one more dot, on the far side of the head 60 mm from the camera, which adds no ink but moves the
// pairs' boundaries (and makes the host take the pipeline that lists wide dots); shuffled (few pairs
// fit). Squares of 1.5-1.7 px, then of 2.4-3.7 px (wide dots among squares, and squares near 3 px):
// the same ink to the bit, and all of it.
TEST_F(SplatEngine, TheInkDoesNotDependOnWhichDotsShareAThread) {
  std::mt19937 random(21);
  std::uniform_real_distribution<double> x(-4.0, kWidth + 4.0), y(-4.0, kHeight + 4.0), jitter(-1.0, 1.0);
  std::vector<Dot> dots;
  for (int i = 0; i < 40000; ++i) {
    dots.push_back(facing_dot_at_pixel(kCamera, {x(random), y(random)}, 600.0));
    dots.back().diameter_jitter = float(jitter(random));
  }
  sort_spatially(dots);
  Dot away = facing_dot_at_pixel(kCamera, {kCamera.cx, kCamera.cy}, 60.0);
  away.normal = -away.normal;
  std::vector<Dot> behind_one_more{away};
  behind_one_more.insert(behind_one_more.end(), dots.begin(), dots.end());
  std::vector<Dot> shuffled = dots;
  std::shuffle(shuffled.begin(), shuffled.end(), random);

  // The mean of (1 + r u)^2 for u uniform in -1..1, and the picture's share of the dots' area.
  const double jitter_area = 1.0 + shader::DOT_DIAMETER_JITTER_RANGE * shader::DOT_DIAMETER_JITTER_RANGE / 3.0;
  const double in_picture = kWidth * kHeight / ((kWidth + 8.0) * (kHeight + 8.0));
  for (const float diameter_mm : {2.0f, 8.0f}) {
    const SplatSettings settings{.dot_diameter_mm = diameter_mm};
    SplatRenderer renderer(gpu(), kWidth, kHeight);
    renderer.set_dots(pack_dots(dots));
    const RgbaImage picture = renderer.render(kGreyPicture, facing_pose(), kCamera, settings);
    const auto ink = renderer.read_coverage();
    EXPECT_NEAR(sum(ink) / (dots.size() * disc_area_px(diameter_mm, 600.0) * jitter_area), in_picture, 0.005)
        << diameter_mm << " mm: the dots in the picture add their whole ink";
    for (const auto& [name, order] : {std::pair{"behind one more dot", &behind_one_more}, {"shuffled", &shuffled}}) {
      renderer.set_dots(pack_dots(*order));
      EXPECT_EQ(renderer.render(kGreyPicture, facing_pose(), kCamera, settings).pixels, picture.pixels)
          << diameter_mm << " mm, " << name;
      EXPECT_EQ(renderer.read_coverage(), ink) << diameter_mm << " mm, " << name;
    }
  }
}

// The dots of `field` (in Morton order) and the same dots shuffled, so that each cluster that cull.comp
// tests spreads over the whole field and none can be dropped, give the same picture and ink to the
// bit. Returns the splat pass's dot slots for the ordered dots.
std::uint32_t expect_culling_changes_nothing(const Gpu& gpu, const std::vector<Dot>& field, const HeadPose& pose,
                                             std::mt19937& random) {
  std::vector<Dot> shuffled = field;
  std::shuffle(shuffled.begin(), shuffled.end(), random);
  SplatRenderer culled(gpu, kWidth, kHeight), unculled(gpu, kWidth, kHeight);
  culled.set_dots(pack_dots(field));
  unculled.set_dots(pack_dots(shuffled));
  const SplatSettings settings{.dot_diameter_mm = 1.0f};
  const RgbaImage culled_picture = culled.render(kGreyPicture, pose, kCamera, settings);
  EXPECT_EQ(unculled.render(kGreyPicture, pose, kCamera, settings).pixels, culled_picture.pixels);
  EXPECT_EQ(unculled.read_coverage(), culled.read_coverage());
  EXPECT_GT(sum(culled.read_coverage()), 20.0) << "the dots are in view";
  return culled.last_splat_dot_slots();
}

// The cluster culling drops only clusters none of whose dots the splat would draw: a ball the size of
// a head seen from all sides, reaching past the picture's edges, and a sheet tilted through the near
// plane. And it does drop: a ball seen from outside sends under 60% of its dots to the splat.
TEST_F(SplatEngine, ClusterCullingDropsOnlyDotsThatWouldNotBeDrawn) {
  std::mt19937 random(11);
  std::normal_distribution<double> gauss;
  std::vector<Dot> ball(100000);
  for (Dot& d : ball) {
    const glm::dvec3 direction = glm::normalize(glm::dvec3(gauss(random), gauss(random), gauss(random)));
    d.position_mm = glm::vec3(direction * 80.0);
    d.normal = glm::vec3(direction);
  }
  sort_spatially(ball);
  // Off centre by up to the picture's half width and height (and the ball's radius beyond them).
  std::uniform_real_distribution<double> angle(-180.0, 180.0), shift(-0.4, 0.4), depth(150.0, 700.0);
  for (int i = 0; i < 10; ++i) {
    const double z = depth(random);
    const HeadPose pose{.pitch_deg = angle(random) / 2.0, .yaw_deg = angle(random), .roll_deg = angle(random),
                        .translation_mm = {i == 0 ? 0.0 : shift(random) * z, i == 0 ? 0.0 : shift(random) * 0.75 * z, z}};
    const std::uint32_t dot_slots = expect_culling_changes_nothing(gpu(), ball, pose, random);
    if (i == 0) {
      EXPECT_LT(dot_slots, 0.6 * ball.size());
    }
  }
  // Facing the camera from 5 mm (behind the near plane) to 65 mm away (camera frame, then head frame).
  std::uniform_real_distribution<double> across(-15.0, 15.0), up(-10.0, 20.0);
  const glm::dmat3 to_head = glm::transpose(facing_pose().rotation());
  std::vector<Dot> sheet(20000);
  for (Dot& d : sheet) {
    const double y = up(random);
    d.position_mm = glm::vec3(to_head * (glm::dvec3(across(random), y, 5.0 + 2.0 * (y + 10.0)) - facing_pose().translation_mm));
    d.normal = glm::vec3(to_head * glm::normalize(glm::dvec3(0.0, 2.0, -1.0)));
  }
  sort_spatially(sheet);
  expect_culling_changes_nothing(gpu(), sheet, facing_pose(), random);
}

double srgb_to_linear(double c) { return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4); }

double linear_to_srgb(double c) { return c <= 0.0031308 ? c * 12.92 : 1.055 * std::pow(c, 1.0 / 2.4) - 0.055; }

TEST_F(SplatEngine, PigmentDarkensTheSkinAndKeepsItsLightAndShadow) {
  // A dot on every pixel of a patch over lit skin (left) and the same skin in shadow (right, 35% of the
  // light), each covering a quarter of its pixel. Under pigment both darken and grey, and the shadow
  // stays 35% of the lit side.
  const glm::dvec3 lit_linear(0.79, 0.52, 0.40);
  auto to_byte = [](double linear) { return std::uint8_t(std::lround(linear_to_srgb(linear) * 255.0)); };
  const std::uint32_t lit = pack_rgba(to_byte(lit_linear.r), to_byte(lit_linear.g), to_byte(lit_linear.b));
  const std::uint32_t shadow =
      pack_rgba(to_byte(0.35 * lit_linear.r), to_byte(0.35 * lit_linear.g), to_byte(0.35 * lit_linear.b));
  RgbaImage picture(kWidth, kHeight, lit);
  for (int y = 0; y < kHeight; ++y)
    for (int x = kWidth / 2; x < kWidth; ++x) picture.at(x, y) = shadow;
  std::vector<Dot> dots;
  for (int i = 0; i < 3200; ++i) dots.push_back(facing_dot_at_pixel(kCamera, {40.0 + i % 80, 40.0 + i / 80}, 600.0));
  SplatRenderer renderer(gpu(), kWidth, kHeight);
  renderer.set_dots(pack_dots(dots));
  const SplatSettings settings{.dot_diameter_mm = 1.5f, .shade = 0.7f};  // a pixel is 2.7 mm across
  const RgbaImage& out = renderer.render(picture, facing_pose(), kCamera, settings);
  auto linear = [](std::uint32_t rgba) {
    return glm::dvec3(srgb_to_linear(channel(rgba, 0) / 255.0), srgb_to_linear(channel(rgba, 1) / 255.0),
                      srgb_to_linear(channel(rgba, 2) / 255.0));
  };
  const glm::dvec3 inked_lit = linear(out.at(60, 60)), inked_shadow = linear(out.at(100, 60));
  for (int c = 0; c < 3; ++c) {
    EXPECT_NEAR(inked_shadow[c] / inked_lit[c], 0.35, 0.02) << "shadow lost under pigment, channel " << c;
    EXPECT_LT(inked_lit[c], 0.5 * lit_linear[c]) << "not darkened, channel " << c;
  }
  // Greyer: the red-to-blue ratio of warm skin falls towards 1 (by how much is calibrated against real
  // stubble, tests/test_look.cpp), and blue does not go above red.
  EXPECT_LT(inked_lit.r / inked_lit.b, 0.9 * lit_linear.r / lit_linear.b);
  EXPECT_GE(inked_lit.r, inked_lit.b);
  // Where there is no ink the camera picture passes through unchanged.
  EXPECT_EQ(out.at(5, 5), picture.at(5, 5));
  EXPECT_EQ(out.at(kWidth - 5, kHeight - 5), picture.at(kWidth - 5, kHeight - 5));
}

TEST_F(SplatEngine, DarkerShadeDarkensMore) {
  std::vector<Dot> dots;
  for (int i = 0; i < 300; ++i) dots.push_back(facing_dot_at_pixel(kCamera, {30.0 + i % 30 * 3.0, 30.0 + i / 30 * 3.0}, 600.0));
  SplatRenderer renderer(gpu(), kWidth, kHeight);
  renderer.set_dots(pack_dots(dots));
  double previous = 1e9;
  for (const float shade : {0.0f, 0.5f, 1.0f}) {
    const RgbaImage& out = renderer.render(kGreyPicture, facing_pose(), kCamera, {.dot_diameter_mm = 2.0f, .shade = shade});
    const double brightness = test::total_brightness(out);
    EXPECT_LT(brightness, previous) << "shade " << shade;
    previous = brightness;
  }
}

}  // namespace
}  // namespace smp
