#include "tracking/marked_points.h"

#include <array>
#include <cmath>
#include <cstdio>

#include <nlohmann/json.hpp>
#include <opencv2/calib3d.hpp>

#include "tracking/face_model.h"
#include "tracking/pose_solver.h"

namespace smp {
namespace {

constexpr std::array<std::string_view, 8> kNames{"nasion",         "nose_tip",     "chin",          "left_eye_outer",
                                                 "right_eye_outer", "left_ear_top", "right_ear_top", "nape"};

// Where the top of the ear joins the head (otobasion superius): above the ear canal, on the side of the
// head (half the adult breadth across the ear canals). Anthropometry gives 20-30 mm above; 26 mm (and
// 2 mm behind) is where the labelled ear tops of our side views land on heads posed by their other points.
constexpr glm::dvec3 kLeftEarTopMm{70.0, 26.0, -2.0};
// The middle of the nape's hairline: about 5 cm below the ear canals' level, where the back of the neck
// lies some 8.5 cm behind them (checked the same way).
constexpr glm::dvec3 kNapeMm{0.0, -47.0, -85.0};

// Face points: the face model's landmarks (iBUG numbering; 36 is the patient's right eye's outer corner).
int landmark_of(std::string_view name) {
  if (name == "nasion") return 27;
  if (name == "nose_tip") return 30;
  if (name == "chin") return 8;
  if (name == "right_eye_outer") return 36;
  if (name == "left_eye_outer") return 45;
  return -1;
}

// Which way the skin at a point faces, in the head frame: a point that faces away from the camera is
// hidden behind the head and cannot have been marked.
glm::dvec3 facing(std::string_view name) {
  if (name == "left_ear_top") return {1.0, 0.0, 0.0};
  if (name == "right_ear_top") return {-1.0, 0.0, 0.0};
  if (name == "left_eye_outer") return glm::normalize(glm::dvec3{1.0, 0.0, 1.0});
  if (name == "right_eye_outer") return glm::normalize(glm::dvec3{-1.0, 0.0, 1.0});
  if (name == "nape") return glm::normalize(glm::dvec3{0.0, -0.3, -1.0});
  return {0.0, 0.0, 1.0};  // the nasion, the nose's tip, the chin
}

// Seen past edge-on still counts as seen: the skin curves round (the nape's hairline shows in a profile
// turned a little towards the camera). A face marked on a head that faces away is not.
constexpr double kHiddenCos = -0.5;

bool faces_camera(const HeadPose& pose, std::string_view name, const glm::dvec3& on_head) {
  const glm::dvec3 at = pose.rotation() * on_head + pose.translation_mm;
  return glm::dot(pose.rotation() * facing(name), -glm::normalize(at)) > kHiddenCos;
}

std::string point_text(glm::dvec2 p) {
  char text[64];
  std::snprintf(text, sizeof text, "[%.0f, %.0f]", p.x, p.y);
  return text;
}

glm::dvec2 project(const Intrinsics& camera, const HeadPose& pose, const glm::dvec3& on_head) {
  return camera.project(pose.rotation() * on_head + pose.translation_mm);
}

// The pose that brings the head's points nearest the marked ones, held near the start's turn: a few
// points (and a profile's, nearly in one line) leave a turn about them free, which the start (the view's
// typical pose, or the outline's fit) settles. Parameters: a turn of the head from the start's (a
// rotation vector in the head frame, degrees: no gimbal lock, and its length is the angle between the
// two) and the translation. Turning kPriorDeg away from the start costs as much as a point lying
// kPriorShare of the points' spread (their distances from their middle, summed) from its mark. 0.05 on
// our labelled photos; 0.02 let several side views' poses wander (the left-out nasion 6.0% of the head's
// height off against 5.5%); without it (OpenCV's plain solvePnP) side views came out rolled 90 degrees.
class PointFit : public cv::LMSolver::Callback {
 public:
  static constexpr double kPriorDeg = 20.0;
  static constexpr double kPriorShare = 0.05;

  PointFit(std::span<const MarkedPoint> points, std::span<const glm::dvec3> on_head, const Intrinsics& camera,
           const HeadPose& start, double spread_px)
      : points_(points), on_head_(on_head), camera_(camera), start_(start.rotation()),
        prior_px_per_deg_(kPriorShare * spread_px / kPriorDeg) {}

  static cv::Mat params_at(const glm::dvec3& translation_mm) {
    return (cv::Mat_<double>(6, 1) << 0.0, 0.0, 0.0, translation_mm.x, translation_mm.y, translation_mm.z);
  }
  HeadPose pose_of(const cv::Mat& m) const { return HeadPose::from_rotation(rotation(m), translation(m)); }

  bool compute(cv::InputArray param, cv::OutputArray err, cv::OutputArray jacobian) const override {
    const cv::Mat p = param.getMat().clone();
    errors(p).copyTo(err);
    if (jacobian.needed()) {  // by central differences: 6 parameters, a handful of points
      cv::Mat j(int(2 * points_.size() + 3), 6, CV_64F);
      for (int k = 0; k < 6; ++k) {
        const double step = k < 3 ? 1e-3 : 1e-2;  // degrees, mm
        cv::Mat plus = p.clone(), minus = p.clone();
        plus.at<double>(k) += step;
        minus.at<double>(k) -= step;
        cv::Mat column = (errors(plus) - errors(minus)) / (2.0 * step);
        column.copyTo(j.col(k));
      }
      j.copyTo(jacobian);
    }
    return true;
  }

 private:
  // The rotation and translation straight from the parameters: the pose's angles lock at a yaw of 90
  // degrees, where every side view lies.
  glm::dmat3 rotation(const cv::Mat& m) const {
    const auto* v = m.ptr<double>();
    cv::Matx33d turn;
    cv::Rodrigues(cv::Vec3d(glm::radians(v[0]), glm::radians(v[1]), glm::radians(v[2])), turn);
    return start_ * rotation_of(turn);
  }
  static glm::dvec3 translation(const cv::Mat& m) { return {m.at<double>(3), m.at<double>(4), m.at<double>(5)}; }

  cv::Mat errors(const cv::Mat& p) const {
    const glm::dmat3 r = rotation(p);
    const glm::dvec3 t = translation(p);
    cv::Mat e(int(2 * points_.size() + 3), 1, CV_64F);
    for (size_t i = 0; i < points_.size(); ++i) {
      const glm::dvec2 off = camera_.project(r * on_head_[i] + t) - points_[i].px;
      e.at<double>(int(2 * i)) = off.x;
      e.at<double>(int(2 * i + 1)) = off.y;
    }
    for (int k = 0; k < 3; ++k) e.at<double>(int(2 * points_.size()) + k) = prior_px_per_deg_ * p.at<double>(k);
    return e;
  }

  std::span<const MarkedPoint> points_;
  std::span<const glm::dvec3> on_head_;
  Intrinsics camera_;
  glm::dmat3 start_;
  double prior_px_per_deg_;
};

}  // namespace

std::span<const std::string_view> marked_point_names() { return kNames; }

std::optional<glm::dvec3> marked_point_on_head(std::string_view name) {
  if (const int i = landmark_of(name); i >= 0) return face_model()[size_t(i)];
  if (name == "left_ear_top") return kLeftEarTopMm;
  if (name == "right_ear_top") return glm::dvec3{-kLeftEarTopMm.x, kLeftEarTopMm.y, kLeftEarTopMm.z};
  if (name == "nape") return kNapeMm;
  return std::nullopt;
}

std::string names_of(std::span<const MarkedPoint> points) {
  std::string names;
  for (const MarkedPoint& p : points) names += (names.empty() ? "" : ", ") + p.name;
  return names;
}

std::string marked_points_json(std::span<const MarkedPoint> points) {
  nlohmann::json j = nlohmann::json::object();
  for (const MarkedPoint& p : points) j[p.name] = {p.px.x, p.px.y};
  return j.dump(2) + "\n";
}

std::optional<std::vector<MarkedPoint>> parse_marked_points(std::string_view json_text, int width, int height,
                                                            std::string& why) {
  const nlohmann::json j = nlohmann::json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) {
    why = j.is_discarded() ? "not JSON" : "not a JSON object of named points";
    return std::nullopt;
  }
  std::vector<MarkedPoint> points;
  for (const auto& [name, value] : j.items()) {
    if (!marked_point_on_head(name)) {
      why = "\"" + name + "\" is not a point we know; the names are:";
      for (const std::string_view known : marked_point_names()) why += " " + std::string(known);
      return std::nullopt;
    }
    if (!value.is_array() || value.size() != 2 || !value[0].is_number() || !value[1].is_number()) {
      why = "\"" + name + "\" must be two numbers, [x, y] in pixels";
      return std::nullopt;
    }
    const glm::dvec2 px{value[0].get<double>(), value[1].get<double>()};
    if (!(px.x >= 0.0 && px.y >= 0.0 && px.x <= width - 1.0 && px.y <= height - 1.0)) {
      why = "\"" + name + "\" at " + point_text(px) + " lies outside the picture (" + std::to_string(width) + "x" +
            std::to_string(height) + ")";
      return std::nullopt;
    }
    points.push_back({name, px});
  }
  if (int(points.size()) < kFewestMarkedPoints) {
    why = std::to_string(points.size()) + " point" + (points.size() == 1 ? "" : "s") + " marked: it takes at least " +
          std::to_string(kFewestMarkedPoints) + " to pin the head's pose";
    return std::nullopt;
  }
  return points;
}

std::optional<PointPose> solve_pose_from_points(std::span<const MarkedPoint> points, const Intrinsics& camera,
                                                std::span<const HeadPose> starts) {
  std::vector<glm::dvec3> on_head;
  glm::dvec3 middle_mm{0.0};
  glm::dvec2 middle_px{0.0};
  for (const MarkedPoint& p : points) {
    on_head.push_back(*marked_point_on_head(p.name));
    middle_mm += on_head.back() / double(points.size());
    middle_px += p.px / double(points.size());
  }
  double spread_mm = 0.0, spread_px = 0.0;
  for (size_t i = 0; i < points.size(); ++i) {
    spread_mm += glm::length(on_head[i] - middle_mm);
    spread_px += glm::length(points[i].px - middle_px);
  }
  const double distance_mm = camera.fx * spread_mm / std::max(spread_px, 1.0);

  std::optional<PointPose> best;
  double best_cost = 0.0;
  for (HeadPose start : starts) {
    // The points' middle on its pixel's ray at that distance; the head's origin placed behind it.
    const glm::dvec3 ray{(middle_px.x - camera.cx) / camera.fx, (middle_px.y - camera.cy) / camera.fy, 1.0};
    start.translation_mm = distance_mm * ray - start.rotation() * middle_mm;
    const PointFit fit(points, on_head, camera, start, spread_px);
    cv::Mat params = PointFit::params_at(start.translation_mm);
    cv::LMSolver::create(cv::makePtr<PointFit>(fit), 200)->run(params);
    const HeadPose pose = fit.pose_of(params);
    if (pose.translation_mm.z <= 0.0) continue;  // a head behind the camera fits no photo
    cv::Mat error;
    fit.compute(params, error, cv::noArray());
    const double cost = error.dot(error);
    PointPose result;
    result.pose = pose;
    result.turn_from_start_deg = glm::length(glm::dvec3(params.at<double>(0), params.at<double>(1), params.at<double>(2)));
    double sum2 = 0.0;
    for (size_t i = 0; i < points.size(); ++i) {
      const double off = glm::length(project(camera, pose, on_head[i]) - points[i].px);
      sum2 += off * off;
      if (off >= result.worst_px) result.worst_px = off, result.worst_name = points[i].name;
    }
    result.rms_px = std::sqrt(sum2 / double(points.size()));
    for (size_t i = 0; i < points.size(); ++i)
      if (!faces_camera(pose, points[i].name, on_head[i])) result.hidden.push_back(points[i].name);
    // A pose that hides none of the marked points beats one that does; ties go to the earlier start,
    // the likelier one.
    const bool better = !best || (result.hidden.empty() && !best->hidden.empty()) ||
                        (result.hidden.empty() == best->hidden.empty() && cost < 0.95 * best_cost);
    if (better) best = result, best_cost = cost;
  }
  return best;
}

}  // namespace smp
