#pragma once
// What the consultation sheet (record/consultation_sheet.h) says, from pictures of the patient with
// their tracked faces and a design: the head cropped from each picture, the design's hairline drawn
// where the tracked pose puts it, the design in plain words and the impressions it takes. Shared by
// `smpview sheet` and the live mirror's Sheet button; CPU only, so the mirror builds it on a worker.
#include <span>
#include <string>
#include <vector>

#include "dots/dot.h"
#include "record/consultation_sheet.h"
#include "scalp/design.h"
#include "scalp/scalp_fit.h"
#include "tracking/tracker.h"

namespace smp {

struct PatientPicture {
  std::string label;  // "Front", ...
  RgbaImage before, after;
  TrackedFace face;  // found
};

// The ranked dot field the preview draws from, on `fit`'s scalp; drawn on `drawn_on` when the preview
// moved it to a scalp refitted to the head's outline (Preview::set_scalp).
struct PreviewField {
  std::span<const Dot> field;
  double density_per_cm2 = 0.0;
  const ScalpFit& fit;
  const ScalpFit* drawn_on = nullptr;
};

// `pictures`: the front first. `camera`: the pictures' intrinsics.
ConsultationSheet consultation_sheet(const std::vector<PatientPicture>& pictures, const SmpDesign& design,
                                     const std::string& patient, const PreviewField& field, const Intrinsics& camera);

}  // namespace smp
