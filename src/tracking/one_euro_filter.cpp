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

glm::dmat3 OneEuroRotationFilter::filter(const glm::dmat3& rotation, double t_s) {
  glm::dquat q = glm::normalize(glm::quat_cast(rotation));
  if (!last_ || t_s <= last_->t_s) {  // as OneEuroFilter::filter
    last_ = State{q, glm::dvec3(0.0), t_s};
    return rotation;
  }
  if (glm::dot(q, last_->value) < 0.0) q = -q;  // the same rotation, on the last one's side: the short arc
  const double dt = t_s - last_->t_s;
  // The angular velocity, deg/s about a camera axis: as a vector, so that noise, which turns every which
  // way, averages out of it as a scalar's signed speed does.
  const glm::dquat turn = q * glm::inverse(last_->value);
  const double turned_deg = glm::degrees(2.0 * std::atan2(glm::length(glm::dvec3(turn.x, turn.y, turn.z)), turn.w));
  const glm::dvec3 axis = turned_deg > 0.0 ? glm::normalize(glm::dvec3(turn.x, turn.y, turn.z)) : glm::dvec3(0.0);
  const glm::dvec3 velocity = axis * (turned_deg / dt);
  const glm::dvec3 smoothed_velocity = last_->velocity_deg_s + alpha(s_.derivative_cutoff_hz, dt) * (velocity - last_->velocity_deg_s);
  const double cutoff = s_.min_cutoff_hz + s_.speed_gain * glm::length(smoothed_velocity);
  const glm::dquat smoothed = glm::normalize(glm::slerp(last_->value, q, alpha(cutoff, dt)));
  last_ = State{smoothed, smoothed_velocity, t_s};
  return glm::mat3_cast(smoothed);
}

}  // namespace smp
