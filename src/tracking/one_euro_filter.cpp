#include "tracking/one_euro_filter.h"

#include <cmath>

namespace smp {
namespace {

// Smoothing factor of an exponential low-pass filter with this cutoff, for a sample `dt_s` after the last.
double alpha(double cutoff_hz, double dt_s) {
  const double tau = 1.0 / (2.0 * M_PI * cutoff_hz);
  return 1.0 / (1.0 + tau / dt_s);
}

}  // namespace

double OneEuroFilter::filter(double value, double t_s) {
  if (!last_ || t_s <= last_->t_s) {
    // The first sample, or time going backwards (a source restarted): start again from here.
    last_ = State{value, 0.0, t_s};
    return value;
  }
  const double dt = t_s - last_->t_s;
  const double speed = (value - last_->value) / dt;
  const double smoothed_speed = last_->speed + alpha(s_.derivative_cutoff_hz, dt) * (speed - last_->speed);
  const double cutoff = s_.min_cutoff_hz + s_.speed_gain * std::abs(smoothed_speed);
  const double smoothed = last_->value + alpha(cutoff, dt) * (value - last_->value);
  last_ = State{smoothed, smoothed_speed, t_s};
  return smoothed;
}

double OneEuroFilter::filter_angle_deg(double value_deg, double t_s) {
  const double unwrapped = last_ ? last_->value + std::remainder(value_deg - last_->value, 360.0) : value_deg;
  const double smoothed = filter(unwrapped, t_s);
  // Kept unwrapped inside, so that the next sample is taken from the same turn.
  const double wrapped = std::remainder(smoothed, 360.0);
  return wrapped == -180.0 ? 180.0 : wrapped;
}

}  // namespace smp
