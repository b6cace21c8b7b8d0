#pragma once
// The clinic's scalp photos of ../shared/data/scalps with our labels (tests/data/scalp_outlines/,
// README there): the view, the head's outline and the hair-loss level of labels.csv.
#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "labelled_heads.h"
#include "test_support.h"
#include "tracking/photo_view.h"

namespace smp::test {

struct ScalpPhoto {
  std::string name;
  std::string source;  // relative to kData
  RgbaImage picture;
  PhotoView view = PhotoView::kFront;
  std::vector<glm::dvec2> head;  // closed outline, ears and neck left out
  int level = 0;                 // hair loss, 2..7 (Norwood-like)
  bool face_visible = false;
  std::map<std::string, glm::dvec2> points;  // the named points labelled on it: nasion, right_ear_top, ...
};

inline std::vector<ScalpPhoto> scalp_photos() {
  const std::filesystem::path labels = std::filesystem::path(SMP_SOURCE_DIR) / "tests/data/scalp_outlines";
  const auto levels = read_csv(kData / "scalps/labels.csv");
  std::vector<ScalpPhoto> photos;
  for (const auto& file : json_files_in(labels)) {
    const nlohmann::json j = read_json(file);
    ScalpPhoto photo;
    photo.name = file.stem().string();
    const std::string source = j.at("source").get<std::string>();
    photo.source = source;
    rgba_from_bgr(cv::imread((kData / source).string()), photo.picture);
    photo.view = parse_view(j.at("view").get<std::string>()).value();
    photo.head = points_of(j.at("head"));
    photo.face_visible = j.at("face_visible").get<bool>();
    for (const auto& [name, xy] : j.at("points").items()) photo.points[name] = {xy.at(0).get<double>(), xy.at(1).get<double>()};
    const std::vector<double>& one_hot = levels.at(std::filesystem::path(source).filename().string());
    photo.level = 2 + int(std::max_element(one_hot.begin(), one_hot.end()) - one_hot.begin());
    photos.push_back(std::move(photo));
  }
  return photos;
}

}  // namespace smp::test
