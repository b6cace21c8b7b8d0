#include "app/sheet_content.h"

#include <cmath>
#include <ctime>

#include "app/design_settings.h"
#include "app/impression_estimate.h"
#include "scalp_design.h"

namespace smp {
namespace {

// The part of the picture the sheet shows: the head with room above it for the scalp, 4:5 upright.
struct Crop {
  int x = 0, y = 0, width = 0, height = 0;
};

Crop head_crop(const Landmarks68& l, int picture_width, int picture_height) {
  double left = 1e9, right = -1e9, brows = 1e9;
  for (int i = 0; i <= 16; ++i) left = std::min(left, l[i].x), right = std::max(right, l[i].x);
  for (int i = 17; i <= 26; ++i) brows = std::min(brows, l[i].y);
  const double face = right - left;
  if (face < 8.0) return {0, 0, picture_width, picture_height};  // no landmarks (the demo's known pose): all of it
  Crop c;
  c.width = std::min(picture_width, int(std::lround(2.0 * face)));
  c.height = std::min(picture_height, int(std::lround(2.5 * face)));
  c.x = std::clamp(int(std::lround(0.5 * (left + right) - 0.5 * c.width)), 0, picture_width - c.width);
  c.y = std::clamp(int(std::lround(brows - 1.3 * face)), 0, picture_height - c.height);  // the crown is ~1 face above the brows
  return c;
}

RgbaImage cropped(const RgbaImage& picture, const Crop& c) {
  RgbaImage out(c.width, c.height);
  for (int y = 0; y < c.height; ++y)
    for (int x = 0; x < c.width; ++x) out.at(x, y) = picture.at(c.x + x, c.y + y);
  return out;
}

// Half covered or more: where the head region lets ink through, the border may be drawn.
constexpr std::uint8_t kHeadRegionFrom = 128;

// Pixel centres at whole numbers; a region of the wrong size (none found) hides nothing.
bool on_the_head(const std::optional<SkinMatte>& head_region, const glm::dvec2& px) {
  if (!head_region || head_region->skin.size() != size_t(head_region->width) * size_t(head_region->height)) return true;
  const glm::dvec2 nearest = glm::round(px);
  if (!(nearest.x >= 0.0 && nearest.y >= 0.0 && nearest.x < head_region->width && nearest.y < head_region->height))
    return false;  // beyond the picture, or not a number
  return head_region->skin[size_t(nearest.y) * size_t(head_region->width) + size_t(nearest.x)] >= kHeadRegionFrom;
}

// The design's coverage border in the picture: the stretches of it on the side of the head that faces
// the camera (and within `head_region`, where one is known), in the pixels of the crop.
std::vector<std::vector<glm::dvec2>> hairline_in_picture(const shader::DesignParams& params, const ScalpFit& fit,
                                                         const HeadPose& pose, const Intrinsics& camera,
                                                         const Crop& crop, const std::optional<SkinMatte>& head_region) {
  const glm::dmat3 r = pose.rotation();
  std::vector<std::vector<glm::dvec2>> stretches(1);
  constexpr int kSteps = 720;
  for (int i = 0; i <= kSteps; ++i) {
    const double azimuth = -M_PI + 2.0 * M_PI * i / kSteps;
    const ChartPoint on_border{azimuth, shader::border_at(params, float(azimuth)).x};
    const glm::dvec3 p = r * fit.surface.point(on_border) + pose.translation_mm;
    const bool faces_camera = glm::dot(r * fit.surface.normal(on_border), -p) > 0.0;
    const glm::dvec2 px = camera.project(p);
    if (!faces_camera || !on_the_head(head_region, px)) {
      if (!stretches.back().empty()) stretches.emplace_back();
      continue;
    }
    stretches.back().push_back(px - glm::dvec2(crop.x, crop.y));
  }
  std::erase_if(stretches, [](const auto& s) { return s.size() < 2; });
  return stretches;
}

// `fit`: the scalp the picture's dots were drawn on; `params`: the design's place on it.
SheetView view_of(const PatientPicture& p, const SmpDesign& design, const shader::DesignParams& params, const ScalpFit& fit) {
  const Intrinsics& camera = p.camera;
  const Crop crop = head_crop(p.face.landmarks, p.before.width, p.before.height);
  SheetView v;
  v.label = p.label;
  v.before = cropped(p.before, crop);
  v.after = cropped(p.after, crop);
  if (design.coverage != Coverage::kHairline) return v;
  v.hairline = hairline_in_picture(params, fit, p.face.pose, camera, crop, p.head_region);
  const glm::dmat3 r = p.face.pose.rotation();
  const auto in_crop = [&](const glm::dvec3& head_point) {
    return camera.project(r * head_point + p.face.pose.translation_mm) - glm::dvec2(crop.x, crop.y);
  };
  // The height is measured up from the brows: drawn where a face was found, not on a head found by its outline.
  if (!p.face.has_landmarks()) return v;
  const ChartPoint mid_frontal{0.0, mid_frontal_elevation(fit, design.hairline_height_mm)};
  v.height_marker = {in_crop(fit.glabella), in_crop(fit.surface.point(mid_frontal))};
  v.height_text = std::to_string(int(std::lround(design.hairline_height_mm))) + " mm";
  return v;
}

// "12,400": estimates to the nearest hundred, with thousands separated.
std::string about(std::uint64_t count) {
  std::string digits = std::to_string((count + 50) / 100 * 100);
  for (int i = int(digits.size()) - 3; i > 0; i -= 3) digits.insert(size_t(i), ",");
  return digits;
}

std::string number(double value, int decimals) {
  char text[32];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

std::vector<std::string> design_in_words(const SmpDesign& d) {
  static const char* shapes[] = {"straight", "rounded", "slightly receded at the temples", "with a small frontal peak"};
  const std::string shade = d.shade < 0.35 ? "light" : d.shade < 0.7 ? "medium" : "dark";
  std::vector<std::string> lines;
  if (d.coverage == Coverage::kHairline)
    lines.push_back("Hairline: " + number(d.hairline_height_mm, 0) + " mm above the point between the eyebrows, " +
                    shapes[int(d.hairline_shape)] + "; a " + number(d.softness_mm, 0) +
                    " mm soft transition from sparse to full density.");
  else
    lines.push_back("Diffuse thinning: density added over the thinning area, no hairline drawn.");
  lines.push_back("Density: " + number(d.density_per_cm2, 0) + " impressions per square centimetre after the last session.");
  lines.push_back("Dots: " + number(d.dot_diameter_mm, 2) + " mm across; shade " + number(d.shade, 2) + " (" + shade +
                  " grey), the first session lighter.");
  if (!d.scars.empty())
    lines.push_back("Scars: " + std::to_string(d.scars.size()) + " area(s) with their own density and shade.");
  return lines;
}

std::string today() {
  const std::time_t now = std::time(nullptr);
  char text[64];
  std::strftime(text, sizeof text, "%d %B %Y", std::localtime(&now));
  return text;
}

}  // namespace

std::string sheet_label(PhotoView view) {
  switch (view) {
    case PhotoView::kFront: return "Front";
    case PhotoView::kLeft: return "Left side";
    case PhotoView::kRight: return "Right side";
    case PhotoView::kTop: return "Top";
    case PhotoView::kBack: return "Back";
  }
  return "";
}

ConsultationSheet consultation_sheet(const std::vector<PatientPicture>& pictures, const SmpDesign& design,
                                     const std::string& patient, const PreviewField& f) {
  const FieldSize size{.density_per_cm2 = f.density_per_cm2, .ranks = std::uint32_t(f.field.size())};
  ConsultationSheet sheet;
  sheet.patient = patient;
  sheet.date = today();
  sheet.design_lines = design_in_words(design);
  for (const PatientPicture& p : pictures) {
    // The design's place depends on the scalp's shape: each picture's own, where it has one.
    const ScalpFit& scalp = p.scalp ? *p.scalp : f.drawn_on ? *f.drawn_on : f.fit;
    sheet.views.push_back(view_of(p, design, splat_settings_for(design, scalp, size).design, scalp));
  }

  const ImpressionEstimate e = estimate_impressions(design, f.field, f.fit, f.density_per_cm2, f.drawn_on);
  std::string split_layers;
  for (int s = 0; s < design_limits::kSessions; ++s) {
    const int sittings = e.sittings_for_session[size_t(s)];
    const std::string in_sittings = sittings > 1 ? " (in " + std::to_string(sittings) + " sittings)" : "";
    sheet.impressions.emplace_back("Session " + std::to_string(s + 1) + in_sittings, "about " + about(e.added_in_session[size_t(s)]));
    if (sittings > 1)
      split_layers += (split_layers.empty() ? "layer " : ", layer ") + std::to_string(s + 1) + " in " + std::to_string(sittings);
  }
  sheet.impressions.emplace_back("In total", "about " + about(e.total));
  sheet.impressions.emplace_back("Area covered", number(e.area_cm2, 0) + " cm\xC2\xB2");
  sheet.recommendation = "Recommended: " + std::to_string(e.recommended_sessions) + " sessions about a week apart, of at most " +
                         about(kMostImpressionsPerSession) + " impressions each" +
                         (split_layers.empty() ? "" : " (" + split_layers + ")") + "; a touch-up after 3 to 5 years.";
  return sheet;
}

}  // namespace smp
