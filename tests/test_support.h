#pragma once
// Shared test helpers: one Gpu per test suite with validation on (any message fails the test), and
// dots placed at chosen pixels.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <numeric>
#include <sstream>
#include <string>

#include "capture/demo_head.h"
#include "capture/frame.h"
#include "dots/dot.h"
#include "gpu/gpu.h"
#include "tracking/face_landmarks.h"
#include "tracking/head_pose.h"

namespace smp::test {

class GpuTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { gpu_ = std::make_unique<Gpu>(GpuOptions{.validation = true, .device_name = {}}); }
  static void TearDownTestSuite() { gpu_.reset(); }
  void SetUp() override { messages_before_ = gpu_->validation_log().count(); }
  void TearDown() override {
    const auto messages = gpu_->validation_log().messages();
    EXPECT_EQ(messages.size(), messages_before_) << "Vulkan validation: " << messages.back();
  }
  static const Gpu& gpu() { return *gpu_; }

 private:
  static inline std::unique_ptr<Gpu> gpu_;
  size_t messages_before_ = 0;
};

// A fresh folder for each test's files, removed after it.
class TempFolderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    folder_ = std::filesystem::temp_directory_path() /
              ("smpview-test-" + std::to_string(::getpid()) + "-" +
               ::testing::UnitTest::GetInstance()->current_test_info()->test_suite_name() + "-" +
               ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(folder_);
  }
  void TearDown() override { std::filesystem::remove_all(folder_); }
  std::filesystem::path folder_;
};

// The identity pose at 600 mm: head +z (out of the face) points at the camera.
inline HeadPose facing_pose() { return HeadPose{}; }

// A dot that projects to `pixel` at `depth_mm` under facing_pose(), with its normal pointing straight
// at the camera (so it is seen face-on: no foreshortening, no fade).
inline Dot facing_dot_at_pixel(const Intrinsics& k, glm::dvec2 pixel, double depth_mm) {
  const HeadPose pose = facing_pose();
  const glm::dvec3 camera((pixel.x - k.cx) * depth_mm / k.fx, (pixel.y - k.cy) * depth_mm / k.fy, depth_mm);
  const glm::dmat3 to_head = glm::transpose(pose.rotation());
  Dot dot;
  dot.position_mm = glm::vec3(to_head * (camera - pose.translation_mm));
  dot.normal = glm::vec3(glm::normalize(to_head * -camera));
  return dot;
}

// The demo head mesh, built once per test process (it takes a moment, and ctest runs each test alone).
inline const TriangleMesh& demo_head_mesh() {
  static const TriangleMesh mesh = build_demo_head_mesh();
  return mesh;
}

struct CommandResult {
  int exit_code;
  std::string output;  // stdout and stderr together
};

// The demo head up close, at the scale of a 4K camera at arm's length: a 1280x720 picture, the head
// 250 mm away and bowed 60 degrees, and a crop of it inside the default design's full density, behind
// the hairline. test_look_at_scales.cpp measures it; test_golden.cpp keeps its picture.
inline constexpr int kCloseUpWidth = 1280, kCloseUpHeight = 720;
inline constexpr double kCloseUpDistanceMm = 250.0, kCloseUpPitchDeg = -60.0;
inline constexpr int kCloseUpCropX = 384, kCloseUpCropY = 0, kCloseUpCropWidth = 512, kCloseUpCropHeight = 200;

// Runs `command` through the shell; its stdout and stderr together.
inline CommandResult shell(const std::string& command_line) {
  const std::string command = command_line + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  std::string output;
  char buffer[4096];
  while (size_t n = std::fread(buffer, 1, sizeof(buffer), pipe)) output.append(buffer, n);
  const int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status), output};
}

// Runs the built smpview with `arguments` through the shell, after `environment`: variable assignments
// (VAR=value ...) or a command ending in && (such as cd).
inline CommandResult smpview_with_environment(const std::string& environment, const std::string& arguments) {
  // Validation on whichever way the test binary was started (ctest sets it too).
  std::string command = environment;
  command.append(" SMPVIEW_VALIDATION=1 ").append(SMPVIEW_BINARY).append(" ").append(arguments);
  return shell(command);
}

inline CommandResult smpview(const std::string& arguments) { return smpview_with_environment("", arguments); }

// The sum of every pixel's red, green and blue levels: lower is darker.
inline double total_brightness(const RgbaImage& picture) {
  double total = 0;
  for (std::uint32_t p : picture.pixels) total += channel(p, 0) + channel(p, 1) + channel(p, 2);
  return total;
}

// An OpenCV camera calibration measured on 900x900 pictures with a 1200 px focal length: scaled to
// 450x450 it is a 600 px focal length with the principal point in the middle.
inline void write_calibration(const std::filesystem::path& path) {
  std::ofstream(path) << "%YAML:1.0\n---\nimage_width: 900\nimage_height: 900\n"
                         "camera_matrix: !!opencv-matrix\n   rows: 3\n   cols: 3\n   dt: d\n"
                         "   data: [ 1200., 0., 449., 0., 1200., 449., 0., 0., 1. ]\n";
}

inline double sum(const std::vector<double>& values) { return std::accumulate(values.begin(), values.end(), 0.0); }

// Rows of a CSV file of numbers with a header line (the shared data's labels), keyed by the first column.
inline std::map<std::string, std::vector<double>> read_csv(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);  // header
  std::map<std::string, std::vector<double>> rows;
  while (std::getline(in, line)) {
    std::stringstream s(line);
    std::string key, cell;
    std::getline(s, key, ',');
    while (std::getline(s, cell, ',')) rows[key].push_back(std::stod(cell));
  }
  return rows;
}

// Every pixel of `picture` as if the light it sent were `gain` times as much in each of red, green
// and blue (linear sRGB light, rounded back to 8 bits and clipped at white): a camera's exposure and
// white balance, or a skin's reflectance changed.
inline RgbaImage times_linear_light(const RgbaImage& picture, const glm::dvec3& gain) {
  const auto linear = [](double c) { return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4); };
  const auto srgb = [](double c) { return c <= 0.0031308 ? 12.92 * c : 1.055 * std::pow(c, 1.0 / 2.4) - 0.055; };
  RgbaImage out = picture;
  for (std::uint32_t& p : out.pixels) {
    std::uint8_t c[3];
    for (int k = 0; k < 3; ++k)
      c[k] = std::uint8_t(std::lround(255.0 * srgb(std::min(1.0, gain[k] * linear(channel(p, k) / 255.0)))));
    p = pack_rgba(c[0], c[1], c[2]);
  }
  return out;
}

// A much darker skin's reflectance over a light one's (Fitzpatrick V-VI over II-III), in linear red,
// green and blue: about a quarter in red and a sixth in blue (melanin absorbs blue most).
inline const glm::dvec3 kDarkOverLightSkin{0.25, 0.19, 0.16};

// Where dots may land in a frontal picture: between the outer eye corners, above the brows; beside
// them, where the temples and sideburns are, down to the nose tip's level; across, no further out than a
// sixth of the face's width past the jaw line's ends (the skull's sides); up, not above the head's top
// (1.2 face widths above the brows).
inline bool on_the_scalp_seen_from_the_front(const Landmarks68& l, double x, double y) {
  double left = 1e9, right = -1e9, brows = -1e9;
  for (int i = 0; i <= 16; ++i) left = std::min(left, l[i].x), right = std::max(right, l[i].x);
  for (int i = 17; i <= 26; ++i) brows = std::max(brows, l[i].y);
  const double width = right - left, margin = width / 6.0;
  const bool between_the_eyes = x > std::min(l[36].x, l[45].x) && x < std::max(l[36].x, l[45].x);
  const double lowest = between_the_eyes ? brows + 2.0 : l[33].y;
  return x >= left - margin && x <= right + margin && y <= lowest && y >= brows - 1.2 * width;
}

}  // namespace smp::test
