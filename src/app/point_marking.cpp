#include "app/point_marking.h"

#include <algorithm>
#include <exception>

namespace smp {

PointMarking::PointMarking(const CameraOptions& lens, const LandmarkPredictor& predictor, std::optional<PhotoView> view,
                           std::vector<MarkedPoint> points)
    : lens_(lens), predictor_(predictor), view_(view), points_(std::move(points)) {}

PointMarking::~PointMarking() {
  if (fit_.valid()) fit_.wait();
}

void PointMarking::place(const std::string& name, glm::dvec2 px, const RgbaImage& photo) {
  const auto same = std::find_if(points_.begin(), points_.end(), [&](const MarkedPoint& p) { return p.name == name; });
  if (same != points_.end()) same->px = px;
  else points_.push_back({name, px});
  keep(photo);
  if (int(points_.size()) >= kFewestMarkedPoints) fit_again();
}

void PointMarking::set_view(std::optional<PhotoView> view, const RgbaImage& photo) {
  view_ = view;
  keep(photo);
  fit_again();
}

void PointMarking::clear(const RgbaImage& photo) {
  points_.clear();
  keep(photo);
  fit_again();
}

void PointMarking::keep(const RgbaImage& photo) {
  if (!photo_) photo_ = std::make_shared<const RgbaImage>(photo);  // a photo's every frame is the same picture
}

void PointMarking::fit_again() {
  if (!photo_) return;  // nothing clicked or chosen yet: the head is as it was found
  if (fitting()) fit_again_ = true;
  else start_fit();
}

void PointMarking::start_fit() {
  // Fewer than three points place nothing: the view, or the face, does.
  std::vector<MarkedPoint> points = int(points_.size()) >= kFewestMarkedPoints ? points_ : std::vector<MarkedPoint>{};
  fit_ = std::async(std::launch::async, [this, photo = photo_, view = view_, points = std::move(points)] {
    return fit_photo_head(*photo, lens_, predictor_, view, points);
  });
}

std::optional<PhotoHead> PointMarking::take_fit() {
  if (!fit_.valid() || fit_.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return std::nullopt;
  PhotoHead head;
  try {
    head = fit_.get();
  } catch (const std::exception& e) {  // the mirror goes on; the head is not placed
    head.summary = std::string("the head could not be placed: ") + e.what();
  }
  if (fit_again_) {  // the newest view and points go to the next fit; this one's head is shown meanwhile
    fit_again_ = false;
    start_fit();
  }
  return head;
}

std::string PointMarking::line() const {
  std::string line;
  if (!points_.empty()) {
    line = std::to_string(points_.size()) + (points_.size() == 1 ? " point" : " points") + " (" + names_of(points_) + ")";
    if (int(points_.size()) < kFewestMarkedPoints)
      line += ": " + std::to_string(kFewestMarkedPoints - int(points_.size())) + " more to place the head by them";
  }
  if (fitting()) line += (line.empty() ? "" : "; ") + std::string("placing the head ...");
  return line;
}

}  // namespace smp
