#include "app/saved_designs.h"

#include <algorithm>

#include "dots/design_file.h"

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

}  // namespace smp
