#pragma once
// What the consultation sheet (record/consultation_sheet.h) says, from pictures of the patient with
// their tracked faces and a design: the head cropped from each picture, the design's hairline drawn
// where the tracked pose puts it, the design in plain words and the impressions it takes. Shared by
// `smpview sheet` and the live mirror's Sheet button; CPU only, so the mirror builds it on a worker.
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "dots/dot.h"
#include "record/consultation_sheet.h"
#include "scalp/design.h"
#include "scalp/scalp_fit.h"
#include "tracking/photo_view.h"
#include "tracking/skin_matte.h"
#include "tracking/tracker.h"

namespace smp {

struct PatientPicture {
  std::string label;  // "Front", ...
  RgbaImage before, after;
  TrackedFace face;  // found: by its landmarks, or (a photo without a face) by the head's outline
  Intrinsics camera;  // the lens `face`'s pose was solved with
  // The scalp this picture's dots were drawn on, where it is not the field's (PreviewField): a photo
  // set's views fitted each on its own.
  std::optional<ScalpFit> scalp;
  // A photo's head found by its outline (PhotoHead::matte): the planned border is drawn only over it,
  // not over the background where a pose that misses the head a little would put its far side.
  std::optional<SkinMatte> head_region;
};

// The ranked dot field the preview draws from, on `fit`'s scalp; drawn on `drawn_on` when the preview
// moved it to a scalp refitted to the head's outline (Preview::set_scalp).
struct PreviewField {
  std::span<const Dot> field;
  double density_per_cm2 = 0.0;
  const ScalpFit& fit;
  const ScalpFit* drawn_on = nullptr;
};

// The heading of a photo of `view` on the sheet: "Front", "Left side", ...
std::string sheet_label(PhotoView view);

// `pictures`: the front first. The impressions are counted once, on `field`, for the whole head.
ConsultationSheet consultation_sheet(const std::vector<PatientPicture>& pictures, const SmpDesign& design,
                                     const std::string& patient, const PreviewField& field);

}  // namespace smp
