#include "record/consultation_sheet.h"

#include <algorithm>
#include <functional>
#include <memory>

#include <cairo-ft.h>
#include <cairo-pdf.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>

#include "capture/frame_source.h"
#include "files/whole_file.h"

namespace smp {
namespace {

namespace fs = std::filesystem;

// A4 in PostScript points (1/72 inch), as cairo's PDF surface measures pages.
constexpr double kPageWidth = 595.0, kPageHeight = 842.0, kMargin = 42.0;
constexpr double kPngPixelsPerPoint = 2.0;  // 144 dpi: sharp on a screen, small enough to send
constexpr double kHairlineRgb[3] = {0.93, 0.35, 0.05};  // orange: seen on every skin tone and hair colour

template <typename T, void (*Destroy)(T*)>
struct Deleter {
  void operator()(T* p) const { Destroy(p); }
};
using Surface = std::unique_ptr<cairo_surface_t, Deleter<cairo_surface_t, cairo_surface_destroy>>;
using Context = std::unique_ptr<cairo_t, Deleter<cairo_t, cairo_destroy>>;
using FontFace = std::unique_ptr<cairo_font_face_t, Deleter<cairo_font_face_t, cairo_font_face_destroy>>;
using Pattern = std::unique_ptr<FcPattern, Deleter<FcPattern, FcPatternDestroy>>;

// DejaVu Sans through fontconfig, as a desktop would find it; refused when fontconfig would only
// substitute another family, since the layout is measured for this one.
FontFace dejavu_sans(bool bold) {
  Pattern wanted(FcNameParse(reinterpret_cast<const FcChar8*>(bold ? "DejaVu Sans:bold" : "DejaVu Sans")));
  FcConfigSubstitute(nullptr, wanted.get(), FcMatchPattern);
  FcDefaultSubstitute(wanted.get());
  FcResult result = FcResultNoMatch;
  Pattern found(FcFontMatch(nullptr, wanted.get(), &result));
  FcChar8* family = nullptr;
  if (!found || FcPatternGetString(found.get(), FC_FAMILY, 0, &family) != FcResultMatch ||
      std::string(reinterpret_cast<const char*>(family)) != "DejaVu Sans")
    throw SheetError("the font DejaVu Sans is not installed (Debian package fonts-dejavu-core)");
  return FontFace(cairo_ft_font_face_create_for_pattern(found.get()));  // keeps its own reference
}

Surface picture_surface(const RgbaImage& image) {
  Surface s(cairo_image_surface_create(CAIRO_FORMAT_RGB24, image.width, image.height));
  cairo_surface_flush(s.get());
  unsigned char* data = cairo_image_surface_get_data(s.get());
  const int stride = cairo_image_surface_get_stride(s.get());
  for (int y = 0; y < image.height; ++y) {
    auto* row = reinterpret_cast<std::uint32_t*>(data + std::ptrdiff_t(y) * stride);
    for (int x = 0; x < image.width; ++x) {  // cairo's RGB24: 0x00RRGGBB in native byte order
      const std::uint32_t p = image.at(x, y);
      row[x] = std::uint32_t(channel(p, 0)) << 16 | std::uint32_t(channel(p, 1)) << 8 | channel(p, 2);
    }
  }
  cairo_surface_mark_dirty(s.get());
  return s;
}

class Page {
 public:
  Page(cairo_t* cr, cairo_font_face_t* regular, cairo_font_face_t* bold) : cr_(cr), regular_(regular), bold_(bold) {}

  // Writes a paragraph at the cursor, wrapped at the margins, and moves the cursor below it.
  void text(const std::string& paragraph, double size, bool bold = false, double grey = 0.1) {
    cairo_set_font_face(cr_, bold ? bold_ : regular_);
    cairo_set_font_size(cr_, size);
    cairo_set_source_rgb(cr_, grey, grey, grey);
    std::string line;
    size_t start = 0;
    while (start <= paragraph.size()) {
      const size_t space = std::min(paragraph.find(' ', start), paragraph.size());
      const std::string word = paragraph.substr(start, space - start);
      const std::string longer = line.empty() ? word : line + " " + word;
      cairo_text_extents_t extents;
      cairo_text_extents(cr_, longer.c_str(), &extents);
      if (!line.empty() && extents.x_advance > kPageWidth - 2 * kMargin) {
        show_line(line, size);
        line = word;
      } else {
        line = longer;
      }
      start = space + 1;
    }
    show_line(line, size);
  }
  // Two columns on one line: what, and how many (right-aligned).
  void row(const std::string& what, const std::string& value, double size) {
    cairo_set_font_face(cr_, regular_);
    cairo_set_font_size(cr_, size);
    cairo_set_source_rgb(cr_, 0.1, 0.1, 0.1);
    y_ += size;
    cairo_move_to(cr_, kMargin, y_);
    cairo_show_text(cr_, what.c_str());
    cairo_set_font_face(cr_, bold_);
    cairo_text_extents_t extents;
    cairo_text_extents(cr_, value.c_str(), &extents);
    cairo_move_to(cr_, kMargin + 260.0 - extents.x_advance, y_);
    cairo_show_text(cr_, value.c_str());
    y_ += 0.45 * size;
  }
  void gap(double points) { y_ += points; }


  // Before and after side by side across the page, the hairline drawn over the before picture.
  void view(const SheetView& v, double max_height) {
    text(v.label, 12.0, true);
    const double gutter = 12.0, width = (kPageWidth - 2 * kMargin - gutter) / 2;
    const double scale = std::min(width / v.before.width, max_height / v.before.height);
    const double shown_width = scale * v.before.width;
    const double left = kMargin + (width - shown_width) / 2, right = left + width + gutter;
    picture(v.before, left, y_ + 14.0, scale);
    picture(v.after, right, y_ + 14.0, scale);
    caption("Before, with the planned hairline", left);
    caption("After: preview of the design", right);
    cairo_save(cr_);
    cairo_rectangle(cr_, left, y_ + 14.0, shown_width, scale * v.before.height);
    cairo_clip(cr_);
    cairo_translate(cr_, left, y_ + 14.0);
    cairo_scale(cr_, scale, scale);
    hairline(v, scale);
    cairo_restore(cr_);
    y_ += 14.0 + scale * v.before.height + 10.0;
  }

 private:
  void show_line(const std::string& line, double size) {
    y_ += size;
    cairo_move_to(cr_, kMargin, y_);
    cairo_show_text(cr_, line.c_str());
    y_ += 0.45 * size;
  }
  void picture(const RgbaImage& image, double x, double y, double scale) {
    const Surface s = picture_surface(image);
    cairo_save(cr_);
    cairo_translate(cr_, x, y);
    cairo_scale(cr_, scale, scale);
    cairo_set_source_surface(cr_, s.get(), 0.0, 0.0);
    cairo_paint(cr_);
    cairo_restore(cr_);
  }
  void caption(const std::string& words, double x) {
    cairo_set_font_face(cr_, regular_);
    cairo_set_font_size(cr_, 9.0);
    cairo_set_source_rgb(cr_, 0.35, 0.35, 0.35);
    cairo_move_to(cr_, x, y_ + 9.0);
    cairo_show_text(cr_, words.c_str());
  }
  // In picture pixels; line widths are divided by `scale` so they print at a fixed width.
  void hairline(const SheetView& v, double scale) {
    cairo_set_source_rgb(cr_, kHairlineRgb[0], kHairlineRgb[1], kHairlineRgb[2]);
    cairo_set_line_join(cr_, CAIRO_LINE_JOIN_ROUND);
    cairo_set_line_width(cr_, 1.8 / scale);
    for (const std::vector<glm::dvec2>& stretch : v.hairline) {
      for (size_t i = 0; i < stretch.size(); ++i)
        (i == 0 ? cairo_move_to : cairo_line_to)(cr_, stretch[i].x, stretch[i].y);
      cairo_stroke(cr_);
    }
    if (!v.height_marker) return;
    const auto [from, to] = *v.height_marker;
    const double dash[] = {3.0 / scale, 2.0 / scale};
    cairo_set_dash(cr_, dash, 2, 0.0);
    cairo_set_line_width(cr_, 1.0 / scale);
    cairo_move_to(cr_, from.x, from.y);
    cairo_line_to(cr_, to.x, to.y);
    cairo_stroke(cr_);
    cairo_set_dash(cr_, nullptr, 0, 0.0);
    for (const glm::dvec2& end : {from, to}) {  // ticks across the marker's ends
      cairo_move_to(cr_, end.x - 5.0 / scale, end.y);
      cairo_line_to(cr_, end.x + 5.0 / scale, end.y);
    }
    cairo_stroke(cr_);
    cairo_set_font_face(cr_, bold_);
    cairo_set_font_size(cr_, 10.0 / scale);
    cairo_move_to(cr_, 0.5 * (from.x + to.x) + 6.0 / scale, 0.5 * (from.y + to.y));
    cairo_show_text(cr_, v.height_text.c_str());
  }

  cairo_t* cr_;
  cairo_font_face_t* regular_;
  cairo_font_face_t* bold_;
  double y_ = kMargin;
};

void draw_first_page(Page& page, const ConsultationSheet& sheet) {
  page.text("Scalp micropigmentation plan", 20.0, true);
  page.text((sheet.patient.empty() ? "" : sheet.patient + "  \xC2\xB7  ") + sheet.date, 11.0, false, 0.35);
  page.gap(8.0);
  if (!sheet.views.empty()) page.view(sheet.views.front(), 330.0);
  page.text("The design", 13.0, true);
  for (const std::string& line : sheet.design_lines) page.text(line, 10.0);
  page.gap(6.0);
  page.text("Impressions (estimated)", 13.0, true);
  for (const auto& [what, count] : sheet.impressions) page.row(what, count, 10.0);
  page.text(sheet.recommendation, 10.0);
  page.gap(10.0);
  page.text("A preview, not a promise: the healed result depends on the skin, the pigment and the practitioner.",
            8.0, false, 0.45);
}

// The further page `index` (1: the second page), with its share of the views after the first.
void draw_further_page(Page& page, const ConsultationSheet& sheet, int index) {
  page.text(sheet.further_views_title, 16.0, true);
  page.gap(6.0);
  const size_t first = 1 + size_t(index - 1) * kViewsPerFurtherPage;
  for (size_t i = first; i < std::min(sheet.views.size(), first + kViewsPerFurtherPage); ++i) page.view(sheet.views[i], 300.0);
}

void draw_pages(cairo_t* cr, const ConsultationSheet& sheet, cairo_font_face_t* regular, cairo_font_face_t* bold,
                const std::function<void()>& next_page) {
  Page first(cr, regular, bold);
  draw_first_page(first, sheet);
  for (int index = 1; index < pages_of(sheet); ++index) {
    next_page();
    Page further(cr, regular, bold);
    draw_further_page(further, sheet, index);
  }
}

void check(cairo_status_t status, const fs::path& output) {
  if (status != CAIRO_STATUS_SUCCESS) throw SheetError(output.string() + ": cannot be written (" + cairo_status_to_string(status) + ")");
}

}  // namespace

int pages_of(const ConsultationSheet& sheet) {
  const int further_views = std::max(0, int(sheet.views.size()) - 1);
  return 1 + (further_views + kViewsPerFurtherPage - 1) / kViewsPerFurtherPage;
}

void write_consultation_sheet(const ConsultationSheet& sheet, const fs::path& output) {
  const FontFace regular = dejavu_sans(false), bold = dejavu_sans(true);
  const std::string extension = lowercase_extension(output);
  if (extension != ".pdf" && extension != ".png") throw SheetError(output.string() + ": the sheet is written as .pdf or .png");
  const int pages = pages_of(sheet);
  const auto draw_into = [&](const fs::path& file) {
    if (extension == ".pdf") {
      Surface pdf(cairo_pdf_surface_create(file.c_str(), kPageWidth, kPageHeight));
      check(cairo_surface_status(pdf.get()), output);
      cairo_pdf_surface_set_metadata(pdf.get(), CAIRO_PDF_METADATA_TITLE, "Scalp micropigmentation plan");
      cairo_pdf_surface_set_metadata(pdf.get(), CAIRO_PDF_METADATA_CREATOR, "smpview");
      Context cr(cairo_create(pdf.get()));
      draw_pages(cr.get(), sheet, regular.get(), bold.get(), [&] { cairo_show_page(cr.get()); });
      cairo_show_page(cr.get());
      cairo_surface_finish(pdf.get());
      check(cairo_surface_status(pdf.get()), output);
    } else {
      const int width = int(kPageWidth * kPngPixelsPerPoint), page_height = int(kPageHeight * kPngPixelsPerPoint);
      Surface png(cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, page_height * pages));
      Context cr(cairo_create(png.get()));
      cairo_set_source_rgb(cr.get(), 1.0, 1.0, 1.0);
      cairo_paint(cr.get());
      cairo_scale(cr.get(), kPngPixelsPerPoint, kPngPixelsPerPoint);
      draw_pages(cr.get(), sheet, regular.get(), bold.get(), [&] { cairo_translate(cr.get(), 0.0, kPageHeight); });
      check(cairo_surface_write_to_png(png.get(), file.c_str()), output);
    }
    return true;  // check() throws SheetError with cairo's reason
  };
  try {
    write_whole_file(output, draw_into);
  } catch (const FileWriteError& e) {
    throw SheetError(e.what());
  }
}

}  // namespace smp
