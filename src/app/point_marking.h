#pragma once
// A photo's view and marked points in the mirror, chosen in the panel and placed by clicking (or
// given by --view and --points): each change places the head again (fit_photo_head) on a worker, so
// the window keeps answering while it does. Three or more points place the head by them; fewer, the
// view by its outline; no view, the face if one is found.
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/photo_head.h"

namespace smp {

class PointMarking {
 public:
  PointMarking(const CameraOptions& lens, const LandmarkPredictor& predictor, std::optional<PhotoView> view,
               std::vector<MarkedPoint> points);
  ~PointMarking();  // waits for a fit under way: it reads the predictor
  PointMarking(const PointMarking&) = delete;
  PointMarking& operator=(const PointMarking&) = delete;

  const std::vector<MarkedPoint>& points() const { return points_; }
  std::optional<PhotoView> view() const { return view_; }
  // Places `name` at `px` of `photo` (moves it, when placed already); from the third point on, the
  // head is placed again.
  void place(const std::string& name, glm::dvec2 px, const RgbaImage& photo);
  // The view the practitioner says `photo` shows (nullopt: guessed from it, app/photo_head.h); the head
  // is placed again.
  void set_view(std::optional<PhotoView> view, const RgbaImage& photo);
  // Removes the points; the head is placed again without them.
  void clear(const RgbaImage& photo);
  bool fitting() const { return fit_.valid(); }
  // The head placed after a change, once each fit has finished (a fit that failed: not found, and why).
  std::optional<PhotoHead> take_fit();
  // For the panel: the points placed so far, and what is missing or under way.
  std::string line() const;

 private:
  void keep(const RgbaImage& photo);  // the first time
  // A fit of the newest view and points, now or after the one under way.
  void fit_again();
  void start_fit();

  CameraOptions lens_;
  const LandmarkPredictor& predictor_;
  std::optional<PhotoView> view_;
  std::vector<MarkedPoint> points_;
  std::shared_ptr<const RgbaImage> photo_;  // shared with the fits under way
  std::future<PhotoHead> fit_;
  bool fit_again_ = false;  // the view or the points changed while a fit was under way
};

}  // namespace smp
