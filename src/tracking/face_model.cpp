#include "tracking/face_model.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

namespace smp {
namespace {

// Rows x, y of a head pose's rotation (head frame -> camera picture axes).
std::array<glm::dvec3, 2> image_rows(const HeadPose& pose) {
  const glm::dmat3 r = pose.rotation();  // column-major: r[c][row]
  return {glm::dvec3(r[0][0], r[1][0], r[2][0]), glm::dvec3(r[0][1], r[1][1], r[2][1])};
}

}  // namespace

int mirrored_landmark(int i) {
  // iBUG 300-W order: jaw 0-16, brows 17-26, nose bridge 27-30, nostrils 31-35, eyes 36-47, mouth 48-67.
  static constexpr std::array<int, 68> kMirror = {
      16, 15, 14, 13, 12, 11, 10, 9,  8,  7,  6,  5,  4,  3,  2,  1,  0,   // jaw
      26, 25, 24, 23, 22, 21, 20, 19, 18, 17,                              // brows
      27, 28, 29, 30, 35, 34, 33, 32, 31,                                  // nose
      45, 44, 43, 42, 47, 46, 39, 38, 37, 36, 41, 40,                      // eyes
      54, 53, 52, 51, 50, 49, 48, 59, 58, 57, 56, 55,                      // outer lips
      64, 63, 62, 61, 60, 67, 66, 65};                                     // inner lips
  return kMirror[size_t(i)];
}

FaceModel fit_face_model(std::span<const PosedLandmarks> photos) {
  // Scaled orthographic projection: landmark i in photo k is s_k (R_k X_i)_xy + t_k. Alternating least
  // squares: the points given the photos' scales and shifts, then each photo's scale and shift given
  // the points; both steps are linear.
  const size_t n = photos.size();
  std::vector<double> scale(n);
  std::vector<glm::dvec2> shift(n);
  for (size_t k = 0; k < n; ++k) {
    const Landmarks68& p = photos[k].landmarks;
    scale[k] = glm::length(p[36] - p[45]) / face_model_fit::kOuterEyeCornersMm;
    glm::dvec2 mean(0.0);
    for (const glm::dvec2& q : p) mean += q / 68.0;
    shift[k] = mean;
  }
  FaceModel model{};
  for (int iteration = 0; iteration < 100; ++iteration) {
    for (int i = 0; i < 68; ++i) {
      cv::Mat a(int(2 * n), 3, CV_64F), b(int(2 * n), 1, CV_64F);
      for (size_t k = 0; k < n; ++k) {
        const auto rows = image_rows(photos[k].pose);
        for (int axis = 0; axis < 2; ++axis) {
          const int row = int(2 * k) + axis;
          for (int c = 0; c < 3; ++c) a.at<double>(row, c) = scale[k] * rows[size_t(axis)][c];
          b.at<double>(row) = photos[k].landmarks[size_t(i)][axis] - shift[k][axis];
        }
      }
      cv::Mat x;
      cv::solve(a, b, x, cv::DECOMP_SVD);
      model[size_t(i)] = {x.at<double>(0), x.at<double>(1), x.at<double>(2)};
    }
    for (size_t k = 0; k < n; ++k) {
      cv::Mat a(136, 3, CV_64F), b(136, 1, CV_64F);
      const auto rows = image_rows(photos[k].pose);
      for (int i = 0; i < 68; ++i)
        for (int axis = 0; axis < 2; ++axis) {
          const int row = 2 * i + axis;
          a.at<double>(row, 0) = glm::dot(rows[size_t(axis)], model[size_t(i)]);
          a.at<double>(row, 1) = axis == 0 ? 1.0 : 0.0;
          a.at<double>(row, 2) = axis == 1 ? 1.0 : 0.0;
          b.at<double>(row) = photos[k].landmarks[size_t(i)][axis];
        }
      cv::Mat x;
      cv::solve(a, b, x, cv::DECOMP_SVD);
      scale[k] = x.at<double>(0);
      shift[k] = {x.at<double>(1), x.at<double>(2)};
    }
  }
  // A face is symmetric: average each point with its mirror image.
  FaceModel symmetric;
  for (int i = 0; i < 68; ++i) {
    const glm::dvec3 m = model[size_t(mirrored_landmark(i))];
    symmetric[size_t(i)] = 0.5 * (model[size_t(i)] + glm::dvec3(-m.x, m.y, m.z));
  }
  // Adult size, and the nasion where it sits relative to the ear canals.
  const double to_mm = face_model_fit::kOuterEyeCornersMm / glm::length(symmetric[36] - symmetric[45]);
  const glm::dvec3 offset = face_model_fit::kNasionInHeadFrame - symmetric[27] * to_mm;
  for (glm::dvec3& p : symmetric) p = p * to_mm + offset;
  return symmetric;
}

const FaceModel& face_model() {
  static const FaceModel model = {{
#include "tracking/face_model_68.inc"
  }};
  return model;
}

namespace {

struct FaceTriangle {
  glm::dvec3 a, b, c;
  glm::dvec3 normal;  // unit, out of the face
};

// The model's landmarks joined by a Delaunay triangulation of the face seen from the front (x, y).
const std::vector<FaceTriangle>& face_triangles() {
  static const std::vector<FaceTriangle> triangles = [] {
    const FaceModel& m = face_model();
    cv::Subdiv2D subdivision(cv::Rect(-500, -500, 1000, 1000));
    for (const glm::dvec3& p : m) subdivision.insert(cv::Point2f(float(p.x), float(p.y)));
    const auto landmark_at = [&](float x, float y) -> const glm::dvec3* {
      for (const glm::dvec3& p : m)
        if (float(p.x) == x && float(p.y) == y) return &p;
      return nullptr;  // not a landmark (OpenCV leaves out the triangles outside the subdivision's rectangle)
    };
    std::vector<cv::Vec6f> list;
    subdivision.getTriangleList(list);
    std::vector<FaceTriangle> out;
    for (const cv::Vec6f& t : list) {
      const glm::dvec3 *a = landmark_at(t[0], t[1]), *b = landmark_at(t[2], t[3]), *c = landmark_at(t[4], t[5]);
      if (!a || !b || !c) continue;
      FaceTriangle f{*a, *b, *c, glm::normalize(glm::cross(*b - *a, *c - *a))};
      if (f.normal.z < 0.0) {
        std::swap(f.b, f.c);
        f.normal = -f.normal;
      }
      out.push_back(f);
    }
    return out;
  }();
  return triangles;
}

}  // namespace

std::optional<glm::dvec3> face_model_along_ray(const glm::dvec3& origin_mm, const glm::dvec3& direction, double facing_at_least) {
  double nearest = std::numeric_limits<double>::infinity();
  std::optional<glm::dvec3> hit;
  for (const FaceTriangle& f : face_triangles()) {
    if (glm::dot(f.normal, -direction) < facing_at_least) continue;
    // Moller-Trumbore: the ray's distance and the hit's barycentric coordinates u, v.
    const glm::dvec3 e1 = f.b - f.a, e2 = f.c - f.a, p = glm::cross(direction, e2), s = origin_mm - f.a, q = glm::cross(s, e1);
    const double det = glm::dot(e1, p);
    if (std::abs(det) < 1e-12) continue;  // the ray runs along the triangle's plane (only when facing is not asked)
    const double u = glm::dot(s, p) / det, v = glm::dot(direction, q) / det, t = glm::dot(e2, q) / det;
    if (u < 0.0 || v < 0.0 || u + v > 1.0 || t <= 0.0 || t >= nearest) continue;
    nearest = t;
    hit = origin_mm + t * direction;
  }
  return hit;
}

}  // namespace smp
