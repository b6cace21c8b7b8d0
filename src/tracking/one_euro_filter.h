#pragma once
// The One Euro filter (Casiez, Roussel and Vogel, "1 Euro Filter: A Simple Speed-based Low-pass Filter
// for Noisy Input in Interactive Systems", CHI 2012): a low-pass filter whose cutoff rises with the
// signal's speed. A still head gets a low cutoff (no jitter); a turning head a high one (no lag).
// Used per channel of the head pose (angles in degrees, translation in mm).
#include <optional>

namespace smp {

struct OneEuroSettings {
  double min_cutoff_hz = 0.5;  // cutoff while still: lower removes more jitter
  double speed_gain = 0.05;    // beta: cutoff added per unit of speed (units per second)
  double derivative_cutoff_hz = 1.0;
};

class OneEuroFilter {
 public:
  explicit OneEuroFilter(const OneEuroSettings& settings = {}) : s_(settings) {}
  // The filtered value of `value` sampled at `t_s` seconds (times must increase).
  double filter(double value, double t_s);
  // The same for an angle in degrees, returned in (-180, 180]: taken the short way round from the last
  // one, so that a head seen from behind (pitch or roll near +-180, src/tracking/photo_view.h) is not
  // smoothed through 0 when its noise crosses the seam.
  double filter_angle_deg(double value_deg, double t_s);
  void reset() { last_.reset(); }

 private:
  struct State {
    double value, speed, t_s;
  };
  OneEuroSettings s_;
  std::optional<State> last_;
};

}  // namespace smp
