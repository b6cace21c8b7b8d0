#pragma once
// Saved consultations: the designs agreed with each patient, kept as design files (dots/design_file.h)
// in a data folder that follows the XDG base-directory conventions.
//
//   DATA/consultations/<folder per patient>/patient.json          {"patient": "the name as typed"}
//   DATA/consultations/<folder per patient>/2026-11-27T15-40-12.345Z.json   one design file per save
//
// The folder's name is derived from the patient's name (a readable ASCII part and a hash of the whole
// name), never the name itself, so accents, slashes, quotes and very long names are all safe and two
// different names never share a folder. Every save is a new file, written under a hidden temporary
// name, flushed to disk and then linked under its final name, which never replaces an existing file:
// no save, finished or killed midway, can lose an older one.
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "scalp/design.h"

namespace smp {

struct ConsultationError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// $XDG_DATA_HOME/smpview, else $HOME/.local/share/smpview (the XDG default), else ./smpview-data.
std::filesystem::path default_data_folder();

struct SavedDesign {
  std::filesystem::path file;
  std::string saved_at;  // UTC, as in the file name: 2026-11-27T15-40-12.345Z
};

class ConsultationStore {
 public:
  explicit ConsultationStore(std::filesystem::path data_folder);

  // Returns the new file. Throws ConsultationError for an empty name or a folder that cannot be written.
  std::filesystem::path save(const std::string& patient, const SmpDesign& design) const;
  std::vector<std::string> patients() const;                         // sorted
  std::vector<SavedDesign> saves_of(const std::string& patient) const;  // oldest first
  // The newest save; throws ConsultationError when there is none, DesignFileError for a damaged file.
  SmpDesign open_latest(const std::string& patient) const;

  // The folder's name for a patient: lower-case ASCII letters and digits of the name, at most 40, then
  // 16 hex digits of a hash of the whole name.
  static std::string folder_name_of(const std::string& patient);
  const std::filesystem::path& folder() const { return folder_; }

 private:
  std::filesystem::path folder_of(const std::string& patient) const { return folder_ / folder_name_of(patient); }
  std::filesystem::path folder_;  // DATA/consultations
};

}  // namespace smp
