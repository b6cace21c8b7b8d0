#pragma once
// The panel's Save and Open buttons against the saved consultations (dots/consultation_store.h): what
// happened, or why it could not, goes to the panel's status line; a failure keeps the current design.
#include "dots/consultation_store.h"
#include "ui/panel.h"

namespace smp {

void save_or_open_design(const PanelRequests& requests, PanelState& state, const ConsultationStore& store);
// Chooses `patient` in the panel's list of saved patients; false when nothing is saved under that name.
bool choose_saved_patient(PanelState& state, const std::string& patient);

}  // namespace smp
