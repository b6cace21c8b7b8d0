#pragma once
// A photo's view and marked points in the mirror, chosen in the panel and placed by clicking (or
// given by --view and --points): each change fits the head again (fit_photo_head) on a worker, so the
// window keeps answering while it is. The view alone places the head by its outline; three or more
// points place it by them.
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
  std::optional<PhotoView> view() const { return view_; }
  // Places `name` at `px` of `photo` (moves it, when placed already).
  void place(const std::string& name, glm::dvec2 px, const RgbaImage& photo);
  // The view the practitioner says `photo` shows (nullopt: as its face shows it).
  void set_view(std::optional<PhotoView> view, const RgbaImage& photo);
  // Removes the points; the head stays where they placed it unless a view is chosen.
  void clear();
  bool fitting() const { return fit_.valid(); }
  // The head placed after a change, once each fit has finished.
  std::optional<PhotoHead> take_fit();
  // For the panel: the points placed so far, and what is missing or under way.
  std::string line() const;

 private:
  // A fit of the newest view and points, now or after the one under way; none with nothing to fit.
  void fit_again();
  void start_fit();

  CameraOptions lens_;
  const LandmarkPredictor& predictor_;
  std::optional<PhotoView> view_;
  std::vector<MarkedPoint> points_;
  RgbaImage photo_;
  std::future<PhotoHead> fit_;
  bool fit_again_ = false;  // the view or the points changed while a fit was under way
};

}  // namespace smp
