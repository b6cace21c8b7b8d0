// libFuzzer target: a consultation's patient.json (dots/consultation_store.h), which names the
// patient whose designs a folder holds. Contract: listing the patients never throws for a damaged
// file (that folder is skipped), and every name it lists is one a folder can be made for again.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "dots/consultation_store.h"

using namespace smp;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::filesystem::path data_folder =
      std::filesystem::temp_directory_path() / ("smp-fuzz-consultations-" + std::to_string(::getpid()));
  static const ConsultationStore store(data_folder);
  static const std::filesystem::path patient = store.folder() / "someone-0000000000000000";
  std::filesystem::create_directories(patient);
  std::ofstream(patient / "patient.json", std::ios::binary | std::ios::trunc).write(reinterpret_cast<const char*>(data), std::streamsize(size));
  // A name listed is one the practitioner can pick: it must name a folder (folder_name_of throws
  // ConsultationError for a blank name or bytes that are not UTF-8, which escapes here as a crash).
  for (const std::string& name : store.patients()) (void)store.saves_of(name), (void)ConsultationStore::folder_name_of(name);
  return 0;
}
