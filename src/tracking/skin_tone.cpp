#include "tracking/skin_tone.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

#include <opencv2/imgproc.hpp>

namespace smp {
namespace {

// The forehead's band: from this far above the brows to this far, in eye distances (between the eyes'
// centres): above the brows' hair, below a hairline or a fringe on most heads.
constexpr double kBandFromEyes = 0.2, kBandToEyes = 0.5;
constexpr int kFewestPixels = 50;  // in the band, and in a card's bright half
// The paper's brighter half must be even (its brightness's relative spread), and the skin measured
// against it no brighter than any skin: the fairest reflects under 70% in every colour, so more means
// paper in shade or turned from the light.
constexpr double kEvenCard = 0.08, kBrightestSkin = 0.75;
constexpr double kClippedShare = 0.02;  // of the card's pixels with a channel at 250 or more: overexposed
constexpr double kMostCast = 2.5;       // the card's strongest channel over its weakest: a coloured card

double linear_of(std::uint8_t v) {
  static const std::array<double, 256> table = [] {
    std::array<double, 256> t{};
    for (int i = 0; i < 256; ++i) {
      const double c = i / 255.0;
      t[size_t(i)] = c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
    }
    return t;
  }();
  return table[v];
}

glm::dvec3 linear_rgb(std::uint32_t rgba) { return {linear_of(channel(rgba, 0)), linear_of(channel(rgba, 1)), linear_of(channel(rgba, 2))}; }
double luminance(const glm::dvec3& c) { return 0.2126 * c.r + 0.7152 * c.g + 0.0722 * c.b; }

// The median of each channel.
glm::dvec3 median_colour(const std::vector<glm::dvec3>& colours) {
  glm::dvec3 m{0.0};
  std::vector<double> values(colours.size());
  for (int c = 0; c < 3; ++c) {
    for (size_t i = 0; i < colours.size(); ++i) values[i] = colours[i][c];
    std::nth_element(values.begin(), values.begin() + std::ptrdiff_t(values.size() / 2), values.end());
    m[c] = values[values.size() / 2];
  }
  return m;
}

glm::dvec2 centre(const Landmarks68& l, int first, int last) {
  glm::dvec2 sum{0.0};
  for (int i = first; i <= last; ++i) sum += l[size_t(i)];
  return sum / double(last - first + 1);
}

// The forehead band's pixels, or none when much of it lies outside the picture.
std::vector<glm::dvec3> forehead_band(const RgbaImage& picture, const Landmarks68& l) {
  const glm::dvec2 eyes = 0.5 * (centre(l, 36, 41) + centre(l, 42, 47));
  const double eye_distance = glm::length(centre(l, 42, 47) - centre(l, 36, 41));
  const glm::dvec2 up = glm::normalize(centre(l, 17, 26) - eyes);
  std::vector<cv::Point> polygon;
  for (int i = 18; i <= 25; ++i) {
    const glm::dvec2 p = l[size_t(i)] + up * (kBandFromEyes * eye_distance);
    polygon.emplace_back(int(std::lround(p.x)), int(std::lround(p.y)));
  }
  for (int i = 25; i >= 18; --i) {
    const glm::dvec2 p = l[size_t(i)] + up * (kBandToEyes * eye_distance);
    polygon.emplace_back(int(std::lround(p.x)), int(std::lround(p.y)));
  }
  const cv::Rect bounds = cv::boundingRect(polygon);
  cv::Mat mask = cv::Mat::zeros(bounds.height + 1, bounds.width + 1, CV_8U);
  cv::fillPoly(mask, std::vector<std::vector<cv::Point>>{polygon}, 255, cv::LINE_8, 0, -bounds.tl());
  std::vector<glm::dvec3> pixels;
  int outside = 0;
  for (int y = 0; y < mask.rows; ++y)
    for (int x = 0; x < mask.cols; ++x) {
      if (!mask.at<std::uint8_t>(y, x)) continue;
      const int px = bounds.x + x, py = bounds.y + y;
      if (px < 0 || py < 0 || px >= picture.width || py >= picture.height) ++outside;
      else pixels.push_back(linear_rgb(picture.at(px, py)));
    }
  if (outside > int(pixels.size()) / 10) pixels.clear();
  return pixels;
}

struct CardReading {
  glm::dvec3 colour{0.0};  // linear RGB
  bool seen = false;        // enough of the box in the picture
  bool even = false, overexposed = false, coloured = false;
};

CardReading read_card(const RgbaImage& picture, const PixelBox& box) {
  CardReading card;
  const int x0 = std::max(box.x, 0), y0 = std::max(box.y, 0);
  const int x1 = std::min(box.x + box.width, picture.width), y1 = std::min(box.y + box.height, picture.height);
  if (x1 <= x0 || y1 <= y0 || double(x1 - x0) * (y1 - y0) < 0.6 * double(box.width) * box.height) return card;
  std::vector<std::pair<double, std::uint32_t>> by_brightness;
  for (int y = y0; y < y1; ++y)
    for (int x = x0; x < x1; ++x) by_brightness.emplace_back(luminance(linear_rgb(picture.at(x, y))), picture.at(x, y));
  // The brighter half: the paper need not fill the box.
  std::sort(by_brightness.begin(), by_brightness.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  by_brightness.resize(by_brightness.size() / 2);
  if (int(by_brightness.size()) < kFewestPixels) return card;
  card.seen = true;
  std::vector<glm::dvec3> colours;
  double sum = 0.0, sum_squares = 0.0;
  int clipped = 0;
  for (const auto& [y, rgba] : by_brightness) {
    colours.push_back(linear_rgb(rgba));
    sum += y, sum_squares += y * y;
    clipped += std::max({channel(rgba, 0), channel(rgba, 1), channel(rgba, 2)}) >= 250;
  }
  const double n = double(by_brightness.size()), mean = sum / n;
  const double spread = std::sqrt(std::max(0.0, sum_squares / n - mean * mean)) / std::max(mean, 1e-6);
  card.colour = median_colour(colours);
  card.even = spread < kEvenCard;
  card.overexposed = clipped > kClippedShare * n;
  const double weakest = std::min({card.colour.r, card.colour.g, card.colour.b});
  card.coloured = std::max({card.colour.r, card.colour.g, card.colour.b}) > kMostCast * std::max(weakest, 1e-6);
  return card;
}

// CIELAB (D65 white) of a linear sRGB colour.
glm::dvec3 lab_of(const glm::dvec3& rgb) {
  const double x = (0.4124 * rgb.r + 0.3576 * rgb.g + 0.1805 * rgb.b) / 0.95047;
  const double y = 0.2126 * rgb.r + 0.7152 * rgb.g + 0.0722 * rgb.b;
  const double z = (0.0193 * rgb.r + 0.1192 * rgb.g + 0.9505 * rgb.b) / 1.08883;
  const auto f = [](double t) { return t > 216.0 / 24389.0 ? std::cbrt(t) : (24389.0 / 27.0 * t + 16.0) / 116.0; };
  return {116.0 * f(y) - 16.0, 500.0 * (f(x) - f(y)), 200.0 * (f(y) - f(z))};
}

int ita_category(double ita_deg) {
  constexpr double kLowerBounds[] = {55.0, 41.0, 28.0, 10.0, -30.0};
  int category = 1;
  for (double bound : kLowerBounds) {
    if (ita_deg > bound) return category;
    ++category;
  }
  return category;
}

}  // namespace

std::array<PixelBox, 2> white_card_boxes(const Landmarks68& l) {
  const double face_width = glm::length(l[16] - l[0]);
  const double cheeks_y = 0.5 * (l[2].y + l[14].y), height = 0.7 * face_width, width = 0.5 * face_width;
  const auto box_at = [&](double centre_x) {
    return PixelBox{int(std::lround(centre_x - 0.5 * width)), int(std::lround(cheeks_y - 0.5 * height)), int(std::lround(width)),
                    int(std::lround(height))};
  };
  const double outward = face_width / 3.0 + 0.5 * width;
  return {box_at(std::min(l[0].x, l[16].x) - outward), box_at(std::max(l[0].x, l[16].x) + outward)};
}

SkinMeasurement measure_skin_tone(const RgbaImage& picture, const Landmarks68& landmarks) {
  const std::vector<glm::dvec3> band = forehead_band(picture, landmarks);
  if (int(band.size()) < kFewestPixels) return {std::nullopt, "The forehead is not in the picture: measure with the whole face in view"};
  const glm::dvec3 forehead = median_colour(band);

  std::optional<std::pair<PixelBox, glm::dvec3>> best;
  bool overexposed = false, dim = false, coloured = false;
  for (const PixelBox& box : white_card_boxes(landmarks)) {
    const CardReading card = read_card(picture, box);
    if (!card.seen || !card.even) continue;
    if (card.overexposed) overexposed = true;
    else if (glm::any(glm::greaterThan(forehead / card.colour * kPaperReflectance, glm::dvec3(kBrightestSkin)))) dim = true;
    else if (card.coloured) coloured = true;
    else if (!best || luminance(card.colour) > luminance(best->second)) best = {box, card.colour};
  }
  if (!best) {
    if (overexposed) return {std::nullopt, "The white paper is overexposed: dim the light or the camera's exposure, and measure again"};
    if (coloured) return {std::nullopt, "The card beside the face is coloured: use plain white paper"};
    if (dim)
      return {std::nullopt, "The paper beside the face is darker than the forehead: turn it to the light, flat and facing the camera"};
    return {std::nullopt, "No white paper beside the face: hold a sheet of white paper flat beside the cheek, facing the camera"};
  }
  SkinTone tone;
  tone.card = best->first;
  tone.reflectance = forehead / best->second * kPaperReflectance;
  const glm::dvec3 lab = lab_of(tone.reflectance);
  tone.lightness = lab.x;
  tone.yellowness = lab.z;
  tone.ita_deg = std::atan2(lab.x - 50.0, lab.z) * 180.0 / M_PI;
  tone.category = ita_category(tone.ita_deg);
  return {tone, ""};
}

const char* ita_category_name(int category) {
  constexpr const char* kNames[] = {"very light", "light", "intermediate", "tan", "brown", "dark"};
  return kNames[std::clamp(category, 1, 6) - 1];
}

const char* fitzpatrick_type(int category) {
  constexpr const char* kTypes[] = {"I", "II", "III", "IV", "V", "VI"};
  return kTypes[std::clamp(category, 1, 6) - 1];
}

}  // namespace smp
