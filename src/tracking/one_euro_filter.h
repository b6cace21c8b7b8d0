#pragma once
// The One Euro filter (Casiez, Roussel and Vogel, "1 Euro Filter: A Simple Speed-based Low-pass Filter
// for Noisy Input in Interactive Systems", CHI 2012): a low-pass filter whose cutoff rises with the
// signal's speed. A still head gets a low cutoff (no jitter); a turning head a high one (no lag).
// Used per channel of the head's position (mm), and on its rotation as a whole (OneEuroRotationFilter).
#include <optional>

#include <glm/glm.hpp>
#include <glm/gtc/quaternion.hpp>

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
  void reset() { last_.reset(); }

 private:
  struct State {
    double value, speed, t_s;
  };
  OneEuroSettings s_;
  std::optional<State> last_;
};

// The same filter on a rotation as one whole, its speed in degrees per second about whichever axis it
// turns: the last output is turned towards each new sample along the shortest arc (slerp). Smoothing the
// pose's three angles one by one fails where they are not continuous: past yaw +-90 (a head turned to its
// side and beyond) pitch and roll jump by 180 for the same head, and at yaw +-90 itself (a camera at the
// patient's side) any noise swings them; a head seen from behind sits on pitch's +-180 seam.
class OneEuroRotationFilter {
 public:
  explicit OneEuroRotationFilter(const OneEuroSettings& settings = {}) : s_(settings) {}
  // The filtered rotation of `rotation` sampled at `t_s` seconds (times must increase).
  glm::dmat3 filter(const glm::dmat3& rotation, double t_s);
  void reset() { last_.reset(); }

 private:
  struct State {
    glm::dquat value;
    glm::dvec3 velocity_deg_s;  // smoothed angular velocity, about camera axes
    double t_s;
  };
  OneEuroSettings s_;
  std::optional<State> last_;
};

}  // namespace smp
