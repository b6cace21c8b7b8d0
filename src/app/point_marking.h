#pragma once
// The practitioner's marked points on a photo in the mirror, placed by clicking (or read from
// --points): each click places or moves one named point, and with three or more the head is fitted to
// them again (fit_photo_head) on a worker, so the window keeps answering while it is.
#include <future>
#include <optional>
#include <string>
#include <vector>

#include "app/photo_head.h"

namespace smp {

class PointMarking {
 public:
  PointMarking(const CameraOptions& lens, const LandmarkPredictor& predictor, std::optional<PhotoView> view,
               std::vector<MarkedPoint> points);
  ~PointMarking();  // waits for a fit under way: it reads the predictor and this object
  PointMarking(const PointMarking&) = delete;
  PointMarking& operator=(const PointMarking&) = delete;

  const std::vector<MarkedPoint>& points() const { return points_; }
  // Places `name` at `px` of `photo` (moves it, when placed already); with kFewestMarkedPoints or more,
  // fits the head to them: at once, or after the fit under way.
  void place(const std::string& name, glm::dvec2 px, const RgbaImage& photo);
  void clear();
  bool fitting() const { return fit_.valid(); }
  // The head the points placed, once each fit has finished.
  std::optional<PhotoHead> take_fit();
  // For the panel: the points placed so far, and what is missing or under way.
  std::string line() const;

 private:
  void start_fit();

  CameraOptions lens_;
  const LandmarkPredictor& predictor_;
  std::optional<PhotoView> view_;
  std::vector<MarkedPoint> points_;
  RgbaImage photo_;
  std::future<PhotoHead> fit_;
  bool fit_again_ = false;  // the points changed while a fit was under way
};

}  // namespace smp
