#include "tracking/head_outline.h"

#include <algorithm>
#include <cmath>

#include <opencv2/imgproc.hpp>

#include "capture/opencv_picture.h"

namespace smp {
namespace {

// Where the rays start and what they expect, in the head frame (mm): a point above the ear canals at
// about a third of the way from the eyes to the vertex, and the adult skull around it (head breadth
// about 151 mm, vertex about 130 mm above the ear canals; Farkas). The search reaches from 0.6 to 1.45
// times these, wide enough for any adult head and for the pose's errors in pitch and scale.
constexpr glm::dvec3 kRayCentreMm{0.0, 45.0, -5.0};
constexpr double kExpectedHalfWidthMm = 80.0;
constexpr double kExpectedTopMm = 85.0;  // above the ray centre
constexpr double kNearestShare = 0.6, kFarthestShare = 1.45, kShareStep = 0.01;
constexpr int kStates = int((kFarthestShare - kNearestShare) / kShareStep + 0.5) + 1;
constexpr int kWindow = 6;  // samples each side of an edge whose colours are compared (6% of the radius)
// The work picture: the head about 160 px across, whatever its size in the photo, so the cost and the
// edge scale do not depend on the camera's resolution.
constexpr double kWorkHalfWidthPx = 80.0;

struct RayFrame {
  glm::dvec2 centre_px, up_px;
  double px_per_mm = 0.0;
};

std::optional<RayFrame> ray_frame(const HeadPose& pose, const Intrinsics& camera) {
  const glm::dmat3 r = pose.rotation();
  const glm::dvec3 centre = r * kRayCentreMm + pose.translation_mm;
  const glm::dvec3 above = centre + r * glm::dvec3(0.0, 50.0, 0.0);
  if (centre.z < 50.0 || above.z < 50.0) return std::nullopt;
  RayFrame f;
  f.centre_px = camera.project(centre);
  const glm::dvec2 up = camera.project(above) - f.centre_px;
  if (glm::length(up) < 1e-6) return std::nullopt;  // looking straight down the head's axis
  f.up_px = glm::normalize(up);
  f.px_per_mm = camera.fx / centre.z;
  return f;
}

// The adult skull's silhouette radius along a ray (an ellipse around the ray centre), px.
double expected_radius_px(const RayFrame& f, double angle) {
  const double a = kExpectedHalfWidthMm * f.px_per_mm, b = kExpectedTopMm * f.px_per_mm;
  const double s = std::sin(angle) / a, c = std::cos(angle) / b;
  return 1.0 / std::sqrt(s * s + c * c);
}

// The part of the picture the rays can reach, shrunk so the head is about kWorkHalfWidthPx across.
struct WorkPicture {
  cv::Mat bgr;           // 8-bit
  cv::Point2d origin;    // its top left in the picture, picture px
  double scale = 1.0;    // work px per picture px
  cv::Size picture_size;
  cv::Point2d to_work(glm::dvec2 p) const { return {(p.x - origin.x) * scale, (p.y - origin.y) * scale}; }
  bool in_picture(glm::dvec2 p) const {
    return p.x >= 0.0 && p.y >= 0.0 && p.x <= picture_size.width - 1.0 && p.y <= picture_size.height - 1.0;
  }
};

WorkPicture work_picture(const RgbaImage& picture, const RayFrame& f) {
  const double reach = 1.1 * kFarthestShare * std::max(kExpectedHalfWidthMm, kExpectedTopMm) * f.px_per_mm;
  const cv::Rect whole(0, 0, picture.width, picture.height);
  const cv::Rect wanted(int(std::floor(f.centre_px.x - reach)), int(std::floor(f.centre_px.y - reach)),
                        int(std::ceil(2.0 * reach)) + 1, int(std::ceil(2.0 * reach)) + 1);
  const cv::Rect region = wanted & whole;
  WorkPicture w;
  w.picture_size = whole.size();
  w.origin = region.tl();
  w.scale = std::min(1.0, kWorkHalfWidthPx / (kExpectedHalfWidthMm * f.px_per_mm));
  if (region.area() == 0) return w;
  const cv::Mat rgba = rgba_view(picture);
  cv::Mat small;
  cv::resize(rgba(region), small, cv::Size(), w.scale, w.scale, cv::INTER_AREA);
  cv::cvtColor(small, w.bgr, cv::COLOR_RGBA2BGR);
  return w;
}

struct RaySamples {
  std::vector<cv::Vec3f> colour;     // CIELAB
  std::vector<bool> inside;          // the sample lies in the picture
};

// Colours along one ray from (kNearestShare - window) to (kFarthestShare + window) of its expected radius.
RaySamples sample_ray(const cv::Mat& lab, const WorkPicture& w, const RayFrame& f, glm::dvec2 direction, double expected_px) {
  RaySamples s;
  const int n = kStates + 2 * kWindow;
  for (int k = 0; k < n; ++k) {
    const double share = kNearestShare + (k - kWindow) * kShareStep;
    const glm::dvec2 p = f.centre_px + share * expected_px * direction;
    const cv::Point2d q = w.to_work(p);
    const bool inside = w.in_picture(p) && q.x >= 0 && q.y >= 0 && q.x <= lab.cols - 1 && q.y <= lab.rows - 1;
    cv::Vec3f c(0, 0, 0);
    if (inside) {  // bilinear
      const int x0 = int(q.x), y0 = int(q.y);
      const int x1 = std::min(x0 + 1, lab.cols - 1), y1 = std::min(y0 + 1, lab.rows - 1);
      const float fx = float(q.x - x0), fy = float(q.y - y0);
      c = (lab.at<cv::Vec3f>(y0, x0) * (1 - fx) + lab.at<cv::Vec3f>(y0, x1) * fx) * (1 - fy) +
          (lab.at<cv::Vec3f>(y1, x0) * (1 - fx) + lab.at<cv::Vec3f>(y1, x1) * fx) * fy;
    }
    s.colour.push_back(c);
    s.inside.push_back(inside);
  }
  return s;
}

// Edge strength (CIELAB colour difference of the mean colours just inside and just outside) for each
// state; 0 where a window leaves the picture.
std::vector<double> edge_contrast(const RaySamples& s) {
  std::vector<double> contrast(kStates, 0.0);
  for (int k = 0; k < kStates; ++k) {
    const int edge = k + kWindow;
    cv::Vec3f in(0, 0, 0), out(0, 0, 0);
    bool all_inside = true;
    for (int j = 1; j <= kWindow; ++j) {
      all_inside = all_inside && s.inside[edge - j] && s.inside[edge + j];
      in += s.colour[edge - j];
      out += s.colour[edge + j];
    }
    if (all_inside) contrast[k] = cv::norm(in - out) / kWindow;
  }
  return contrast;
}

// The most plausible smooth outline through the rays' edges (Viterbi): each ray's radius share may
// move by at most 3 steps from its neighbour's, at a cost per step, and strays from the adult shape at
// a small cost, so a clear edge always wins over the prior and a weak one over none.
std::vector<int> smooth_outline(const std::vector<std::vector<double>>& contrast) {
  constexpr double kStepCost = 1.5;      // colour difference units per 1% of radius between neighbours
  constexpr double kPriorCost = 20.0;    // at a radius 1.45 or 0.6 times the expected: ~4 units
  constexpr int kMaxStep = 3;
  const std::size_t rays = contrast.size();
  std::vector<std::vector<double>> value(rays, std::vector<double>(kStates));
  std::vector<std::vector<int>> from(rays, std::vector<int>(kStates, 0));
  const auto own = [&](std::size_t i, int k) {
    const double share = kNearestShare + k * kShareStep - 1.0;
    return std::min(contrast[i][k], 40.0) - kPriorCost * share * share;
  };
  for (int k = 0; k < kStates; ++k) value[0][k] = own(0, k);
  for (std::size_t i = 1; i < rays; ++i) {
    for (int k = 0; k < kStates; ++k) {
      double best = -1e30;
      for (int d = -kMaxStep; d <= kMaxStep; ++d) {
        const int kp = k + d;
        if (kp < 0 || kp >= kStates) continue;
        const double v = value[i - 1][kp] - kStepCost * std::abs(d);
        if (v > best) best = v, from[i][k] = kp;
      }
      value[i][k] = best + own(i, k);
    }
  }
  std::vector<int> states(rays);
  states[rays - 1] = int(std::max_element(value[rays - 1].begin(), value[rays - 1].end()) - value[rays - 1].begin());
  for (std::size_t i = rays - 1; i > 0; --i) states[i - 1] = from[i][states[i]];
  return states;
}

HeadOutline empty_outline(const RayFrame& f) {
  HeadOutline o;
  o.centre_px = f.centre_px;
  o.up_px = f.up_px;
  o.expected_radius_scale_px = f.px_per_mm;
  for (int i = 0; i < kOutlineRays; ++i) o.angle_rad.push_back(-kOutlineHalfSpanRad + 2.0 * kOutlineHalfSpanRad * i / (kOutlineRays - 1));
  o.radius_px.assign(kOutlineRays, 0.0);
  o.strength.assign(kOutlineRays, 0.0);
  o.cut_off.assign(kOutlineRays, false);
  return o;
}

void find_by_edge_rays(const WorkPicture& w, const RayFrame& f, HeadOutline& o) {
  cv::Mat lab;
  w.bgr.convertTo(lab, CV_32FC3, 1.0 / 255.0);
  cv::cvtColor(lab, lab, cv::COLOR_BGR2Lab);
  cv::GaussianBlur(lab, lab, cv::Size(), 1.0);
  std::vector<std::vector<double>> contrast;
  std::vector<RaySamples> samples;
  for (std::size_t i = 0; i < o.angle_rad.size(); ++i) {
    samples.push_back(sample_ray(lab, w, f, o.direction(i), expected_radius_px(f, o.angle_rad[i])));
    contrast.push_back(edge_contrast(samples.back()));
  }
  const std::vector<int> states = smooth_outline(contrast);
  for (std::size_t i = 0; i < states.size(); ++i) {
    const double share = kNearestShare + states[i] * kShareStep;
    o.radius_px[i] = share * expected_radius_px(f, o.angle_rad[i]);
    o.strength[i] = std::clamp(contrast[i][states[i]] / 15.0, 0.0, 1.0);  // 15: a plain edge in CIELAB
    o.cut_off[i] = !samples[i].inside[states[i] + 2 * kWindow];
  }
}

void find_by_grabcut(const WorkPicture& w, const RayFrame& f, const Landmarks68& landmarks, HeadOutline& o) {
  // Seeds: the face and the middle of the skull are head for sure; an adult-sized head around them
  // probably; further out probably background, and beyond 1.5 times the adult head surely.
  cv::Mat mask(w.bgr.size(), CV_8U, cv::Scalar(cv::GC_BGD));
  const glm::dvec2 right = o.right_px();
  const double a = kExpectedHalfWidthMm * f.px_per_mm, b = kExpectedTopMm * f.px_per_mm;
  for (int y = 0; y < mask.rows; ++y)
    for (int x = 0; x < mask.cols; ++x) {
      const glm::dvec2 p = glm::dvec2(w.origin.x + x / w.scale, w.origin.y + y / w.scale) - f.centre_px;
      const double along = glm::dot(p, f.up_px), across = glm::dot(p, right);
      const double rho = std::hypot(across / a, along / (along > 0.0 ? b : 1.6 * b));
      mask.at<uchar>(y, x) = rho < 0.55 ? cv::GC_FGD : rho < 1.0 ? cv::GC_PR_FGD : rho < 1.5 ? cv::GC_PR_BGD : cv::GC_BGD;
    }
  std::vector<cv::Point> face;
  for (const glm::dvec2& l : landmarks) {
    const cv::Point2d q = w.to_work(l);
    face.emplace_back(int(std::lround(q.x)), int(std::lround(q.y)));
  }
  std::vector<cv::Point> hull;
  cv::convexHull(face, hull);
  cv::fillConvexPoly(mask, hull, cv::Scalar(cv::GC_FGD));
  cv::Mat background_model, foreground_model;
  cv::grabCut(w.bgr, mask, cv::Rect(), background_model, foreground_model, 4, cv::GC_INIT_WITH_MASK);
  const auto head = [&](glm::dvec2 p) {
    const cv::Point2d q = w.to_work(p);
    const int x = int(std::lround(q.x)), y = int(std::lround(q.y));
    if (x < 0 || y < 0 || x >= mask.cols || y >= mask.rows) return false;
    const uchar m = mask.at<uchar>(y, x);
    return m == cv::GC_FGD || m == cv::GC_PR_FGD;
  };
  for (std::size_t i = 0; i < o.angle_rad.size(); ++i) {
    // Outwards from inside the head to the first run of background: the head ends where it starts.
    const double expected = expected_radius_px(f, o.angle_rad[i]);
    double last_head = kNearestShare;
    int background_run = 0;
    bool ended = false;
    for (double share = 0.3; share <= kFarthestShare; share += kShareStep) {
      const glm::dvec2 p = f.centre_px + share * expected * o.direction(i);
      if (!w.in_picture(p)) break;
      if (head(p)) last_head = share, background_run = 0;
      else if (++background_run >= 3) { ended = true; break; }
    }
    o.radius_px[i] = last_head * expected;
    o.strength[i] = ended && last_head > kNearestShare ? 1.0 : 0.0;
    o.cut_off[i] = !ended && !w.in_picture(f.centre_px + kFarthestShare * expected * o.direction(i));
  }
}

}  // namespace

glm::dvec2 HeadOutline::direction(std::size_t ray) const {
  return std::cos(angle_rad[ray]) * up_px + std::sin(angle_rad[ray]) * right_px();
}

double HeadOutline::clear_share() const {
  std::size_t clear = 0;
  for (std::size_t i = 0; i < strength.size(); ++i) clear += this->clear(i);
  return strength.empty() ? 0.0 : double(clear) / double(strength.size());
}

std::optional<HeadOutline> outline_rays(const HeadPose& pose, const Intrinsics& camera) {
  const std::optional<RayFrame> frame = ray_frame(pose, camera);
  if (!frame) return std::nullopt;
  return empty_outline(*frame);
}

std::optional<HeadOutline> find_head_outline(const RgbaImage& picture, const HeadPose& pose, const Intrinsics& camera,
                                             const Landmarks68& landmarks, OutlineMethod method) {
  const std::optional<RayFrame> frame = ray_frame(pose, camera);
  if (!frame) return std::nullopt;
  const WorkPicture work = work_picture(picture, *frame);
  if (work.bgr.cols < 16 || work.bgr.rows < 16) return std::nullopt;
  HeadOutline outline = empty_outline(*frame);
  if (method == OutlineMethod::kGrabCut) find_by_grabcut(work, *frame, landmarks, outline);
  else find_by_edge_rays(work, *frame, outline);
  return outline;
}

}  // namespace smp
