#include "tracking/skin_matte.h"

#include <algorithm>
#include <cmath>
#include <optional>

#include <opencv2/imgproc.hpp>

#include "tracking/face_model.h"

namespace smp {
namespace {

// The matte's ramps, measured against the face's own skin: saturation along the skin's hue as a share
// of the skin's, and brightness as a share of the skin's.
constexpr float kHairSaturation = 0.1f, kSkinSaturation = 0.45f;
constexpr float kRoughHairSaturation = 0.5f, kRoughSkinSaturation = 0.9f;
constexpr float kHairBrightness = 0.12f, kSkinBrightness = 0.3f, kLitBrightness = 0.8f;
constexpr float kHighlightFrom = 0.75f, kHighlightFull = 0.95f;  // as bright as the face: a highlight
// Local variation of brightness (its standard deviation over kTexturePx), as a share of the skin's
// brightness: bare skin, even shining, is smooth; hair is not.
constexpr float kSmoothSkin = 0.04f, kHairTexture = 0.1f;
constexpr int kTexturePx = 5;
constexpr double kSoftnessPx = 0.7;  // of the classified grid: hair edges are soft
constexpr int kSamplesAcross = 150;  // classified pixels across the region at most
constexpr float kEdgeContrast = 0.3f;  // between a cell and a neighbour: hair meets skin there
// The rays' silhouette lies at least this far from their centre on any adult skull (half its breadth is
// 65-80 mm, its top 80-90 mm above the centre): an edge nearer than that is on the scalp, and clearing
// beyond it would hide the design.
constexpr double kNearestRimMm = 55.0;
// The matte is cleared from this far beyond the edge found (5% of a head's breadth): on a bald head
// the edge found lies up to 4% of the head's width inside the traced one (a pale crown's highlight
// against a beige wall, its shaded rim taken for background; tests/test_head_outline.cpp), and the
// clearing must never cut the design on the head. It catches a scalp placed beside the head, not its rim.
constexpr double kRimMarginMm = 7.5;
constexpr int kFaintRaysBridged = 2;  // on each side (5 degrees)
// Beyond this no scalp reaches: the cleared region's polygon closes there.
constexpr double kFarthestRimMm = 160.0;

float smooth(float edge0, float edge1, float x) {
  const float t = std::clamp((x - edge0) / (edge1 - edge0), 0.0f, 1.0f);
  return t * t * (3.0f - 2.0f * t);
}

struct Colour {
  float r = 0, g = 0, b = 0;
  float brightness() const { return std::max({r, g, b}); }
};

Colour colour_of(std::uint32_t rgba) {
  return {float(channel(rgba, 0)) / 255.0f, float(channel(rgba, 1)) / 255.0f, float(channel(rgba, 2)) / 255.0f};
}

// Chromaticity's offset from grey: the same under any amount of the same light (also in sRGB, whose
// power law keeps ratios of channels ratios).
glm::vec2 tint(const Colour& c) {
  const float sum = std::max(c.r + c.g + c.b, 1e-3f);
  return {c.r / sum - 1.0f / 3.0f, c.g / sum - 1.0f / 3.0f};
}

std::optional<SkinColour> skin_colour(const RgbaImage& picture, const Landmarks68& l) {
  // Between the jaw line's top, the lower eyelid and the nose (dlib's 68-point numbering).
  const std::vector<std::vector<int>> patches = {{1, 36, 41, 40, 29, 30, 2}, {15, 45, 46, 47, 29, 30, 14}};
  std::vector<float> brightness, tint_x, tint_y;
  for (const auto& patch : patches) {
    std::vector<cv::Point> polygon;
    for (int i : patch) polygon.emplace_back(int(std::lround(l[size_t(i)].x)), int(std::lround(l[size_t(i)].y)));
    const cv::Rect box = cv::boundingRect(polygon) & cv::Rect(0, 0, picture.width, picture.height);
    if (box.empty()) continue;
    cv::Mat inside(box.size(), CV_8U, cv::Scalar(0));
    for (cv::Point& p : polygon) p -= box.tl();
    cv::fillPoly(inside, std::vector<std::vector<cv::Point>>{polygon}, cv::Scalar(1));
    for (int y = box.y; y < box.y + box.height; ++y)
      for (int x = box.x; x < box.x + box.width; ++x) {
        if (!inside.at<std::uint8_t>(y - box.y, x - box.x)) continue;
        const Colour c = colour_of(picture.at(x, y));
        brightness.push_back(c.brightness());
        const glm::vec2 t = tint(c);
        tint_x.push_back(t.x), tint_y.push_back(t.y);
      }
  }
  if (brightness.size() < 20) return std::nullopt;
  const auto median = [](std::vector<float>& v) {
    std::nth_element(v.begin(), v.begin() + std::ptrdiff_t(v.size() / 2), v.end());
    return v[v.size() / 2];
  };
  SkinColour skin{median(brightness), {median(tint_x), median(tint_y)}};
  if (skin.brightness < 0.05f || glm::length(skin.tint) < 0.01f) return std::nullopt;  // too dark, or no hue to tell by
  return skin;
}

// The local variation of brightness around (x, y): its standard deviation over kTexturePx x kTexturePx
// pixels (fewer at the picture's edge).
float roughness(const RgbaImage& picture, int x, int y) {
  const int reach = kTexturePx / 2;
  float sum = 0.0f, sum_of_squares = 0.0f;
  int n = 0;
  for (int v = std::max(y - reach, 0); v <= std::min(y + reach, picture.height - 1); ++v)
    for (int u = std::max(x - reach, 0); u <= std::min(x + reach, picture.width - 1); ++u) {
      const float b = colour_of(picture.at(u, v)).brightness();
      sum += b, sum_of_squares += b * b, ++n;
    }
  const float mean = sum / float(n);
  return std::sqrt(std::max(sum_of_squares / float(n) - mean * mean, 0.0f));
}

// How much bare skin a pixel of colour `c` shows, with `texture` the local variation of brightness
// around it (roughness()) as a share of the skin's brightness: 1 skin .. 0 hair.
float skin_share(const Colour& c, float texture, const SkinColour& skin) {
  const float brightness = c.brightness() / skin.brightness;
  const float saturation = glm::dot(tint(c), skin.tint) / glm::dot(skin.tint, skin.tint);
  const float rough = smooth(kSmoothSkin, kHairTexture, texture);
  // Smooth skin may be paler than the cheeks (a bald crown often is); rough and half as saturated is
  // grey or white hair with skin showing between its strands, as at the temples.
  const float saturation_hair = kHairSaturation + rough * (kRoughHairSaturation - kHairSaturation);
  const float saturation_skin = kSkinSaturation + rough * (kRoughSkinSaturation - kSkinSaturation);
  // Pale and smooth: a highlight on skin; pale and rough: grey or white hair.
  const float hue = std::max(smooth(saturation_hair, saturation_skin, saturation),
                             smooth(kHighlightFrom, kHighlightFull, brightness) * (1.0f - rough));
  // Darker than the face and rough: hair (a shadow on skin is smooth); very dark: hair however smooth.
  const float rough_and_dark = rough * (1.0f - smooth(kSkinBrightness, kLitBrightness, brightness));
  return hue * smooth(kHairBrightness, kSkinBrightness, brightness) * (1.0f - rough_and_dark);
}

// The matte of `picture` where the scalp of a face with landmarks `l` can be, by `skin`.
void classify(const RgbaImage& picture, const Landmarks68& l, const std::optional<SkinColour>& skin, SkinMatte& matte) {
  matte.width = picture.width, matte.height = picture.height;
  matte.skin.assign(std::size_t(picture.width) * picture.height, 255);
  if (!skin) return;  // all skin: the dots show as they did before there was a matte
  // Where the scalp can be: half the face's width more to each side, from the nose's tip up by two
  // brow-to-chin heights.
  double left = l[0].x, right = l[0].x;
  for (const glm::dvec2& p : l) left = std::min(left, p.x), right = std::max(right, p.x);
  const double face_height = std::max(l[8].y - std::min(l[19].y, l[24].y), 1.0);
  const double width = right - left;
  const double top = l[33].y - 2.0 * face_height;
  const cv::Rect region = cv::Rect(int(left - 0.5 * width), int(top), int(2.0 * width), int(2.0 * face_height)) &
                          cv::Rect(0, 0, picture.width, picture.height);
  if (region.empty()) return;
  // Classified at the centre of every `step` x `step` cell and then interpolated: hair and skin are
  // larger than a cell, and the cost stays about the same at any picture size (it runs every frame).
  const int step = std::max(1, (region.width + kSamplesAcross - 1) / kSamplesAcross);
  cv::Mat coarse((region.height + step - 1) / step, (region.width + step - 1) / step, CV_32F);
  cv::Mat texture(coarse.size(), CV_32F);
  for (int j = 0; j < coarse.rows; ++j)
    for (int i = 0; i < coarse.cols; ++i) {
      const int x = std::min(region.x + i * step + step / 2, region.x + region.width - 1);
      const int y = std::min(region.y + j * step + step / 2, region.y + region.height - 1);
      texture.at<float>(j, i) = roughness(picture, x, y) / skin->brightness;
      coarse.at<float>(j, i) = skin_share(colour_of(picture.at(x, y)), texture.at<float>(j, i), *skin);
    }
  cv::Mat soft, soft_bytes;
  cv::GaussianBlur(coarse, soft, cv::Size(), kSoftnessPx);
  soft.convertTo(soft_bytes, CV_8U, 255.0);  // saturates to 0..255
  cv::Mat out(picture.height, picture.width, CV_8U, matte.skin.data());
  cv::resize(soft_bytes, out(region), region.size(), 0, 0, cv::INTER_LINEAR);
  // Where hair meets skin (a hairline, a temple), interpolating the cells would spread the skin a cell
  // or two into the hair, where the design is densest: every pixel of such a cell is classified by its
  // own colour, with its cell's texture.
  cv::Mat highest, lowest;  // over each cell and its eight neighbours
  cv::dilate(coarse, highest, cv::Mat());
  cv::erode(coarse, lowest, cv::Mat());
  for (int j = 0; j < coarse.rows; ++j)
    for (int i = 0; i < coarse.cols; ++i) {
      if (highest.at<float>(j, i) - lowest.at<float>(j, i) < kEdgeContrast) continue;
      const cv::Rect cell = cv::Rect(region.x + i * step, region.y + j * step, step, step) & region;
      for (int y = cell.y; y < cell.y + cell.height; ++y)
        for (int x = cell.x; x < cell.x + cell.width; ++x)
          out.at<std::uint8_t>(y, x) = cv::saturate_cast<std::uint8_t>(
              255.0f * skin_share(colour_of(picture.at(x, y)), texture.at<float>(j, i), *skin));
    }
}

}  // namespace

void find_skin_matte(const RgbaImage& picture, const Landmarks68& landmarks, SkinMatte& matte) {
  matte.colour = skin_colour(picture, landmarks);
  classify(picture, landmarks, matte.colour, matte);
}

void clear_beyond_outline(const HeadOutline& outline, SkinMatte& matte) {
  if (matte.skin.empty()) return;
  const double far_px = kFarthestRimMm * outline.expected_radius_scale_px;
  // The head as a polygon: clear rays at their edge, the others (and below the ear tops) far out.
  std::vector<cv::Point> polygon;
  constexpr int kSubpixelBits = 4;  // fillPoly's fixed point: the edge falls between pixels as found
  const auto add = [&](glm::dvec2 p) {
    polygon.emplace_back(int(std::lround(p.x * (1 << kSubpixelBits))), int(std::lround(p.y * (1 << kSubpixelBits))));
  };
  // A ray whose edge is faint between clear ones (a highlight behind the head, as bright as its skin)
  // keeps the smooth outline's radius there, which its neighbours' edges hold in place.
  const std::size_t rays = outline.radius_px.size();
  const auto clear_within = [&](std::size_t i, int step) {
    for (int k = 1; k <= kFaintRaysBridged; ++k) {
      const std::ptrdiff_t j = std::ptrdiff_t(i) + step * k;
      if (j < 0 || j >= std::ptrdiff_t(rays)) return false;
      if (outline.clear(std::size_t(j))) return true;
    }
    return false;
  };
  bool clips = false;
  for (std::size_t i = 0; i < rays; ++i) {
    const bool held = outline.clear(i) || (!outline.cut_off[i] && clear_within(i, -1) && clear_within(i, 1));
    const bool rim = held && outline.radius_px[i] >= kNearestRimMm * outline.expected_radius_scale_px;
    clips = clips || rim;
    const double rim_px = outline.radius_px[i] + kRimMarginMm * outline.expected_radius_scale_px;
    add(outline.centre_px + (rim ? rim_px : far_px) * outline.direction(i));
  }
  if (!clips) return;
  add(outline.centre_px + far_px * outline.direction(outline.radius_px.size() - 1));
  add(outline.centre_px - 2.0 * far_px * outline.up_px);
  add(outline.centre_px + far_px * outline.direction(0));
  // Only the part of the picture the polygon's far rim bounds can change.
  const cv::Rect reach = cv::Rect(int(outline.centre_px.x - far_px), int(outline.centre_px.y - far_px), int(2.0 * far_px) + 1,
                                  int(2.0 * far_px) + 1) &
                         cv::Rect(0, 0, matte.width, matte.height);
  if (reach.empty()) return;
  cv::Mat head(reach.size(), CV_8U, cv::Scalar(0));
  cv::fillPoly(head, std::vector<std::vector<cv::Point>>{polygon}, cv::Scalar(255), cv::LINE_AA, kSubpixelBits,
               -reach.tl() * (1 << kSubpixelBits));  // the offset is in the points' fixed point
  cv::Mat skin(matte.height, matte.width, CV_8U, matte.skin.data());
  cv::Mat clipped = skin(reach);
  cv::multiply(clipped, head, clipped, 1.0 / 255.0);
}

void find_head_matte(const RgbaImage& picture, const TrackedFace& face, const Intrinsics& camera, SkinMatte& matte) {
  find_skin_matte(picture, face.landmarks, matte);
  if (const std::optional<HeadOutline> outline = find_head_outline(picture, face.pose, camera, face.landmarks))
    clear_beyond_outline(*outline, matte);
}

void find_followed_head_matte(const RgbaImage& picture, const HeadPose& pose, const Intrinsics& camera, SkinMatte& matte) {
  // Where the landmarks would be, for where the scalp can be.
  Landmarks68 model;
  const glm::dmat3 r = pose.rotation();
  for (std::size_t i = 0; i < model.size(); ++i) model[i] = camera.project(r * face_model()[i] + pose.translation_mm);
  classify(picture, model, matte.colour, matte);
  if (const std::optional<HeadOutline> outline = find_head_outline(picture, pose, camera, model)) clear_beyond_outline(*outline, matte);
}

}  // namespace smp
