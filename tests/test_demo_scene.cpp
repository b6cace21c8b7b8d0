// The built-in demo: dots land on the scalp of the demo head, where the design reaches, and nowhere else.
#include <opencv2/imgproc.hpp>

#include "app/demo_scene.h"
#include "app/demo_source.h"
#include "test_support.h"

namespace smp {
namespace {

using DemoSceneTest = test::GpuTest;
using test::demo_head_mesh;
using test::total_brightness;

// The scalp egg is the demo head's skin above 20 degrees of elevation (ScalpSurface.TheDemoScalpIsThe-
// DemoHeadsSkin); lower, at the temples, it stands a few mm off it, and the region's edge falls
// steeply there (from the front line to the temporal peak), so a dot at that edge is seen on a
// triangle of the skin whose own chart point lies a few degrees beside or below the region.
constexpr double kEggIsTheSkinAboveRad = 20.0 * M_PI / 180.0, kEggOffTheSkinRad = 5.0 * M_PI / 180.0;

// Pixels covered by the projected triangles that face the camera and lie in the field's region (or,
// below kEggIsTheSkinAboveRad, within kEggOffTheSkinRad of it).
cv::Mat scalp_mask(const TriangleMesh& head, const FieldRegion& region, const HeadPose& pose, const Intrinsics& k) {
  cv::Mat mask = cv::Mat::zeros(k.height, k.width, CV_8U);
  const glm::dmat3 r = pose.rotation();
  for (size_t t = 0; t < head.indices.size(); t += 3) {
    std::vector<cv::Point> corners;
    glm::dvec3 centre(0.0), normal(0.0);
    for (int i = 0; i < 3; ++i) {
      const auto v = head.indices[t + i];
      const glm::dvec3 c = r * glm::dvec3(head.positions[v]) + pose.translation_mm;
      centre += c / 3.0;
      normal += r * glm::dvec3(head.normals[v]);
      const glm::dvec2 px = k.project(c);
      corners.emplace_back(int(std::lround(px.x)), int(std::lround(px.y)));
    }
    const glm::vec3 mid = (head.positions[head.indices[t]] + head.positions[head.indices[t + 1]] +
                           head.positions[head.indices[t + 2]]) / 3.0f;
    const ChartPoint chart = region.surface.chart(glm::dvec3(mid));
    bool near_region = region.contains(chart);
    if (chart.elevation < kEggIsTheSkinAboveRad)
      for (const double azimuth_off : {-kEggOffTheSkinRad, 0.0, kEggOffTheSkinRad})
        for (const double elevation_off : {0.0, kEggOffTheSkinRad})
          near_region |= region.contains({chart.azimuth + azimuth_off, chart.elevation + elevation_off});
    if (near_region && glm::dot(normal, -centre) > 0.0)
      cv::fillConvexPoly(mask, corners, 255);
  }
  cv::dilate(mask, mask, cv::Mat::ones(5, 5, CV_8U));  // a dot's footprint reaches ~2 px past its centre
  return mask;
}

TEST_F(DemoSceneTest, DotsSitOnTheScalpAndNowhereElse) {
  DemoScene with_dots(gpu(), demo_head_mesh(), 320, 240, {.density_per_cm2 = 120.0});
  const SplatSettings settings{.dot_diameter_mm = 0.8f, .shade = 1.0f};
  for (const HeadPose& pose : {demo_pose(0, 0, 0), demo_pose(-35, 40, 10), demo_pose(10, -70, -5)}) {
    const RgbaImage bare = with_dots.render(pose, {.visible_rank_limit = 0});  // the same frame with no dot drawn
    const RgbaImage& with = with_dots.render(pose, settings);
    const cv::Mat mask = scalp_mask(demo_head_mesh(), with_dots.region(), pose, with_dots.intrinsics());
    size_t changed = 0, changed_outside = 0, lighter = 0;
    for (int y = 0; y < with.height; ++y)
      for (int x = 0; x < with.width; ++x) {
        if (with.at(x, y) == bare.at(x, y)) continue;
        ++changed;
        changed_outside += mask.at<std::uint8_t>(y, x) == 0;
        for (int c = 0; c < 3; ++c) lighter += channel(with.at(x, y), c) > channel(bare.at(x, y), c);
      }
    EXPECT_GT(changed, 500u) << "pose yaw " << pose.yaw_deg;
    EXPECT_EQ(changed_outside, 0u) << "pose yaw " << pose.yaw_deg;
    EXPECT_EQ(lighter, 0u) << "pigment only ever darkens";
  }
}

TEST_F(DemoSceneTest, EachSessionDarkensTheResultOfTheLastOnTheSameField) {
  DemoScene scene(gpu(), demo_head_mesh(), 200, 150, {.density_per_cm2 = 100.0});
  const HeadPose top = demo_pose(-40, 0, 0);
  const double bare = total_brightness(scene.render(top, {.visible_rank_limit = 0}));
  double previous = bare;
  for (int session = 1; session <= 3; ++session) {
    const double b = total_brightness(
        scene.render(top, scene.settings_for(SmpDesign{.session = session})));
    EXPECT_LT(b, previous) << "session " << session;
    previous = b;
  }
}

TEST_F(DemoSceneTest, DenserFieldIsDarker) {
  auto brightness = [&](double density) {
    DemoScene scene(gpu(), demo_head_mesh(), 200, 150, {.density_per_cm2 = density});
    return total_brightness(scene.render(demo_pose(-40, 0, 0), {}));
  };
  EXPECT_GT(brightness(30.0), brightness(120.0));
}

TEST_F(DemoSceneTest, TheDemoSourceDeliversTheTurningHeadAtItsTimestamps) {
  // A frame source like a camera: numbered frames at 1/fps apart, each the bare demo head at the
  // pose demo_source_pose() gives for its timestamp (which the live loop uses instead of tracking).
  const auto source = open_demo(gpu(), {.width = 160, .height = 120, .fps = 2.0, .frames = 3, .paced = false});
  DemoScene reference(gpu(), demo_head_mesh(), 160, 120, {.density_per_cm2 = 5.0});
  CapturedFrame frame;
  std::vector<RgbaImage> pictures;
  for (std::uint64_t i = 0; i < 3; ++i) {
    ASSERT_EQ(source->read(frame), SourceStatus::kFrame);
    EXPECT_EQ(frame.index, i);
    EXPECT_DOUBLE_EQ(frame.t_ms, 500.0 * double(i));
    const RgbaImage& expected = reference.render(demo_source_pose(frame.t_ms), {.visible_rank_limit = 0});
    EXPECT_TRUE(frame.picture.pixels == expected.pixels) << "frame " << i;
    pictures.push_back(frame.picture);
  }
  EXPECT_EQ(source->read(frame), SourceStatus::kEnded);
  EXPECT_GT(std::abs(demo_source_pose(1000.0).yaw_deg - demo_source_pose(0.0).yaw_deg), 10.0);
  size_t moved = 0;
  for (size_t p = 0; p < pictures[0].pixels.size(); ++p) moved += pictures[0].pixels[p] != pictures[2].pixels[p];
  EXPECT_GT(moved, pictures[0].pixels.size() / 50) << "the head turns between frames";
  EXPECT_NE(source->description().find("demo"), std::string::npos);
}

}  // namespace
}  // namespace smp
