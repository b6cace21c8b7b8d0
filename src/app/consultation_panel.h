#pragma once
// The panel's consultation buttons: Save and Open against the saved consultations
// (dots/consultation_store.h), and Sheet, which writes the printable plan of the current picture and
// design on a worker thread so the mirror never stops. What happened, or why it could not, goes to the
// panel's status line; a failure keeps the current design.
#include <filesystem>
#include <future>
#include <optional>

#include "app/sheet_content.h"
#include "dots/consultation_store.h"
#include "ui/panel.h"

namespace smp {

void save_or_open_design(const PanelRequests& requests, PanelState& state, const ConsultationStore& store);
// Chooses `patient` in the panel's list of saved patients; false when nothing is saved under that name.
bool choose_saved_patient(PanelState& state, const std::string& patient);

// One sheet at a time, written to DATA/sheets/ under the patient's folder name and the time.
class SheetWriter {
 public:
  explicit SheetWriter(std::filesystem::path data_folder) : folder_(std::move(data_folder) / "sheets") {}
  ~SheetWriter();  // waits for a sheet still being written: it is kept
  // `field` must outlive the writing (the mirror's dot field does).
  void start(PatientPicture picture, const SmpDesign& design, const std::string& patient, const PreviewField& field,
             PanelState& state);
  // Reports a finished sheet in the status line.
  void poll(PanelState& state);

 private:
  std::filesystem::path folder_;
  std::optional<std::future<std::string>> job_;  // the status to show when done
};

}  // namespace smp
