#pragma once
// The printable consultation sheet: an A4 page (more for further views, two to a page) with the patient's
// before and after pictures, the hairline drawn over the before picture with its height, the design in
// plain words and the estimated impressions. Drawn with cairo, as PDF or, for `.png`, the same pages
// stacked in one picture; text in DejaVu Sans, found through fontconfig. Written under a temporary name
// and renamed when complete, like every file the program writes.
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <glm/glm.hpp>

#include "capture/frame.h"

namespace smp {

struct SheetError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct SheetView {
  std::string label;       // "Front", "Turned to their left", ...
  RgbaImage before, after;  // the same size
  // Drawn over `before`, in its pixels: the hairline (visible stretches) and the height marker from
  // the glabella up to the mid-frontal point, labelled `height_text`.
  std::vector<std::vector<glm::dvec2>> hairline;
  std::optional<std::pair<glm::dvec2, glm::dvec2>> height_marker;
  std::string height_text;
};

struct ConsultationSheet {
  std::string patient;  // may be empty
  std::string date;     // as printed
  std::vector<std::string> design_lines;                         // the design in plain words
  std::vector<std::pair<std::string, std::string>> impressions;  // rows of (what, how many)
  std::string recommendation;                                    // sessions, in a sentence
  std::vector<SheetView> views;                                  // the first is the front
  std::string further_views_title = "Turned to each side";      // the heading of the pages after the first
};

inline constexpr int kViewsPerFurtherPage = 2;
// The first page, and one for every kViewsPerFurtherPage views after the first.
int pages_of(const ConsultationSheet& sheet);

// `.pdf` or `.png` by the extension; throws SheetError (no font, unwritable output).
void write_consultation_sheet(const ConsultationSheet& sheet, const std::filesystem::path& output);

}  // namespace smp
