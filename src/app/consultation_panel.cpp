#include "app/consultation_panel.h"

#include <algorithm>
#include <ctime>

#include "dots/design_file.h"
#include "record/consultation_sheet.h"

namespace smp {

bool choose_saved_patient(PanelState& s, const std::string& patient) {
  const auto found = std::find(s.saved_patients.begin(), s.saved_patients.end(), patient);
  if (found == s.saved_patients.end()) return false;
  s.chosen_patient = int(found - s.saved_patients.begin());
  return true;
}

void save_or_open_design(const PanelRequests& r, PanelState& s, const ConsultationStore& store) {
  try {
    if (r.save_design) {
      store.save(s.patient, s.design);
      const std::string& name = s.patient;
      s.saved_patients = store.patients();
      s.status = "Saved for " + name + " (" + std::to_string(store.saves_of(name).size()) + " versions kept)";
    }
    if (r.open_design && s.chosen_patient >= 0 && s.chosen_patient < int(s.saved_patients.size())) {
      const std::string name = s.saved_patients[size_t(s.chosen_patient)];
      SmpDesign design = store.open_latest(name);
      design.density_per_cm2 = std::min(design.density_per_cm2, s.max_density_per_cm2);  // the field's top
      s.design = design;
      s.patient = name;
      s.status = "Opened " + name + "'s design of " + store.saves_of(name).back().saved_at;
    }
  } catch (const ConsultationError& e) {
    s.status = e.what();
  } catch (const DesignFileError& e) {
    s.status = std::string("Cannot open the saved design: ") + e.what();
  }
}

SheetWriter::~SheetWriter() {
  if (job_) job_->wait();
}

void SheetWriter::start(PatientPicture picture, const SmpDesign& design, const std::string& patient,
                        const PreviewField& field, PanelState& state) {
  if (job_) {
    state.status = "Still writing the last sheet";
    return;
  }
  const std::time_t now = std::time(nullptr);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", std::localtime(&now));
  std::string stem = "sheet";
  try {
    stem = ConsultationStore::folder_name_of(patient);
  } catch (const ConsultationError&) {  // no name typed: the sheet has none either
  }
  const std::filesystem::path file = folder_ / (stem + "-" + stamp + ".pdf");
  state.status = "Writing the sheet ...";
  // The refitted scalp is copied: the preview's own may be refined while the sheet is written.
  std::optional<ScalpFit> drawn_on;
  if (field.drawn_on) drawn_on = *field.drawn_on;
  job_ = std::async(std::launch::async, [=, folder = folder_, picture = std::move(picture)]() -> std::string {
    try {
      std::filesystem::create_directories(folder);
      const PreviewField on_scalp{field.field, field.density_per_cm2, field.fit, drawn_on ? &*drawn_on : nullptr};
      write_consultation_sheet(consultation_sheet({picture}, design, patient, on_scalp), file);
      return "Sheet: " + file.string();
    } catch (const std::exception& e) {
      return std::string("No sheet: ") + e.what();
    }
  });
}

void SheetWriter::poll(PanelState& state) {
  if (!job_ || job_->wait_for(std::chrono::seconds(0)) != std::future_status::ready) return;
  state.status = job_->get();
  job_.reset();
}

}  // namespace smp
