#pragma once
// Heads whose outline we traced by hand on real photos (tests/data/head_outlines/, README there), cut
// from ../shared/data at run time, for the tests of the head's outline and of the look on real heads.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <glm/glm.hpp>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "capture/frame.h"
#include "capture/opencv_picture.h"
#include "gpu/splat_renderer.h"

namespace smp::test {

inline const std::filesystem::path kData = SMP_DATA_DIR;
inline const std::filesystem::path kLabels = std::filesystem::path(SMP_SOURCE_DIR) / "tests/data/head_outlines";

struct LabelledHead {
  std::string name;
  RgbaImage picture;
  bool bald = false;                 // bald or shaved: the ink may land anywhere on the head
  bool stubble = false;              // shaved: buzzed stubble, which the skin matte sees partly as hair
  std::vector<glm::dvec2> skull;     // open line over the skull, ear top to ear top
  std::vector<glm::dvec2> outline;   // skull + face: the closed outline of the head
  double width_px = 0.0;             // the skull line's extent across
  std::vector<glm::dvec2> hair;      // heads with hair: the skull line and the hairline back, closed
};

inline std::vector<glm::dvec2> points_of(const nlohmann::json& list) {
  std::vector<glm::dvec2> points;
  for (const auto& p : list) points.push_back({p[0].get<double>(), p[1].get<double>()});
  return points;
}

// The labels in `folder`, in the order of their names.
inline std::vector<std::filesystem::path> json_files_in(const std::filesystem::path& folder) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(folder))
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

inline nlohmann::json read_json(const std::filesystem::path& file) {
  std::ifstream in(file);
  return nlohmann::json::parse(in);
}

inline std::vector<LabelledHead> labelled_heads() {
  std::vector<LabelledHead> heads;
  for (const auto& file : json_files_in(kLabels)) {
    const nlohmann::json j = read_json(file);
    const cv::Mat photo = cv::imread((kData / j.at("source").get<std::string>()).string());
    const auto& crop = j.at("crop");
    LabelledHead head;
    head.name = file.stem().string();
    rgba_from_bgr(photo(cv::Rect(crop[0], crop[1], crop[2], crop[3])).clone(), head.picture);
    head.bald = j.at("hair").get<std::string>() != "short hair";
    head.stubble = j.at("hair").get<std::string>() == "shaved";
    head.skull = points_of(j.at("skull"));
    head.outline = head.skull;
    for (const glm::dvec2& p : points_of(j.at("face"))) head.outline.push_back(p);
    const auto [left, right] = std::minmax_element(head.skull.begin(), head.skull.end(),
                                                   [](glm::dvec2 a, glm::dvec2 b) { return a.x < b.x; });
    head.width_px = right->x - left->x;
    if (j.contains("hairline")) {
      head.hair = head.skull;
      const std::vector<glm::dvec2> hairline = points_of(j.at("hairline"));
      head.hair.insert(head.hair.end(), hairline.rbegin(), hairline.rend());
    }
    heads.push_back(std::move(head));
  }
  return heads;
}

// 255 inside `polygon` (pixel coordinates), 0 elsewhere.
inline cv::Mat polygon_mask(cv::Size size, const std::vector<glm::dvec2>& polygon) {
  cv::Mat mask(size, CV_8U, cv::Scalar(0));
  std::vector<cv::Point> points;
  for (const glm::dvec2& p : polygon) points.emplace_back(int(std::lround(p.x)), int(std::lround(p.y)));
  cv::fillPoly(mask, std::vector<std::vector<cv::Point>>{points}, cv::Scalar(255));
  return mask;
}

struct Ink {
  double inside = 0.0, total = 0.0;  // darkening, summed over the channels: inside the traced head outline, everywhere
  double share() const { return total > 0.0 ? inside / total : 0.0; }
};

inline Ink ink_of(const RgbaImage& before, const RgbaImage& after, const std::vector<glm::dvec2>& outline) {
  const cv::Mat mask = polygon_mask(cv::Size(before.width, before.height), outline);
  Ink ink;
  for (int y = 0; y < before.height; ++y)
    for (int x = 0; x < before.width; ++x) {
      double darkening = 0.0;
      for (int c = 0; c < 3; ++c) darkening += std::max(0, int(channel(before.at(x, y), c)) - int(channel(after.at(x, y), c)));
      ink.total += darkening;
      if (mask.at<uchar>(y, x)) ink.inside += darkening;
    }
  return ink;
}

// The share of the ink that lies inside the traced head outline.
inline double ink_inside(const RgbaImage& before, const RgbaImage& after, const std::vector<glm::dvec2>& outline) {
  return ink_of(before, after, outline).share();
}

// Darkening seen at arm's length: the grey difference between before and after, blurred by 1.5 px.
inline cv::Mat darkening_at_arms_length(const RgbaImage& before, const RgbaImage& after) {
  cv::Mat grey_before, grey_after, difference;
  cv::cvtColor(bgr_from_rgba(before), grey_before, cv::COLOR_BGR2GRAY);
  cv::cvtColor(bgr_from_rgba(after), grey_after, cv::COLOR_BGR2GRAY);
  cv::subtract(grey_before, grey_after, difference, cv::noArray(), CV_32F);
  cv::GaussianBlur(difference, difference, cv::Size(), 1.5);
  return difference;
}

// A design's settings with a twentieth of its pigment: the darkening a render then leaves is in
// proportion to the ink it received (far from the composite's saturation).
inline SplatSettings faint_ink(SplatSettings settings) {
  settings.pigment_per_area *= 0.05f;
  return settings;
}

}  // namespace smp::test
