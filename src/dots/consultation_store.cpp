#include "dots/consultation_store.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <optional>

#include <nlohmann/json.hpp>

#include "dots/design_file.h"
#include "files/whole_file.h"

namespace smp {
namespace {

namespace fs = std::filesystem;
constexpr const char* kPatientFile = "patient.json";

// FNV-1a, 64 bits: stable across builds and machines, unlike std::hash, so the folders stay findable.
std::uint64_t fnv1a(const std::string& bytes) {
  std::uint64_t h = 0xcbf29ce484222325ull;
  for (const unsigned char c : bytes) h = (h ^ c) * 0x100000001b3ull;
  return h;
}

std::string utc_now_for_file_names() {
  const auto now = std::chrono::system_clock::now();
  const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[64];
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d-%02d-%02d.%03dZ", utc.tm_year + 1900, utc.tm_mon + 1,
                utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, int(ms));
  return text;
}

std::string checked_name(const std::string& patient) {
  const auto first = patient.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) throw ConsultationError("a patient name or ID is needed to save a design");
  const std::string name = patient.substr(first, patient.find_last_not_of(" \t\r\n") - first + 1);
  try {
    (void)nlohmann::json(name).dump();  // throws on bytes that are not UTF-8
  } catch (const nlohmann::json::exception&) {
    throw ConsultationError("the patient name is not valid UTF-8 text");
  }
  return name;
}

std::optional<std::string> patient_in(const fs::path& folder) {
  std::ifstream in(folder / kPatientFile);
  if (!in) return std::nullopt;
  const nlohmann::json j = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object() || !j.contains("patient") || !j.at("patient").is_string()) return std::nullopt;
  // A name edited down to nothing names no one: that folder is not listed (found by tests/fuzz).
  const std::string name = j.at("patient").get<std::string>();
  if (name.find_first_not_of(" \t\r\n") == std::string::npos) return std::nullopt;
  return name;
}

// "2026-11-27T15-40-12.345Z_2" -> ("2026-11-27T15-40-12.345Z", 2); the first save of a moment has no suffix.
std::pair<std::string, int> moment_and_count(const std::string& stem) {
  const auto underscore = stem.find('_');
  if (underscore == std::string::npos) return {stem, 0};
  return {stem.substr(0, underscore), std::atoi(stem.c_str() + underscore + 1)};
}

}  // namespace

fs::path default_data_folder() {
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg == '/') return fs::path(xdg) / "smpview";
  if (const char* home = std::getenv("HOME"); home && *home) return fs::path(home) / ".local/share/smpview";
  return fs::current_path() / "smpview-data";
}

ConsultationStore::ConsultationStore(fs::path data_folder) : folder_(std::move(data_folder) / "consultations") {}

std::string ConsultationStore::folder_name_of(const std::string& patient) {
  const std::string name = checked_name(patient);
  std::string readable;
  for (const unsigned char c : name) {
    if (readable.size() >= 40) break;
    if (std::isalnum(c) && c < 0x80) readable += char(std::tolower(c));
    else if (!readable.empty() && readable.back() != '-') readable += '-';
  }
  char hash[17];
  std::snprintf(hash, sizeof hash, "%016llx", static_cast<unsigned long long>(fnv1a(name)));
  return readable + (readable.empty() || readable.back() == '-' ? "" : "-") + hash;
}

fs::path ConsultationStore::save(const std::string& patient, const SmpDesign& design) const {
  const std::string name = checked_name(patient);
  const fs::path folder = folder_of(name);
  std::error_code error;
  fs::create_directories(folder, error);
  if (error) throw ConsultationError(folder.string() + ": cannot be created (" + error.message() + ")");
  // Linked under a new name, never renamed over one (files/whole_file.h): a second program saving the
  // same patient at the same moment keeps the first one's files.
  try {
    if (const std::optional<std::string> known = patient_in(folder)) {
      if (*known != name) throw ConsultationError(folder.string() + ": belongs to another patient");
    } else {
      write_new_file(folder, [](int n) { return n == 0 ? std::string(kPatientFile) : std::string(); },
                     text_content(nlohmann::json{{"patient", name}}.dump(2) + "\n"));
    }
    const std::string moment = utc_now_for_file_names();
    return write_new_file(folder, [&](int n) { return moment + (n == 0 ? "" : "_" + std::to_string(n + 1)) + ".json"; },
                          text_content(design_to_json(design)));
  } catch (const FileWriteError& e) {
    throw ConsultationError(e.what());
  }
}

std::vector<std::string> ConsultationStore::patients() const {
  std::vector<std::string> names;
  std::error_code error;
  for (const fs::directory_entry& entry : fs::directory_iterator(folder_, error))
    if (entry.is_directory())
      if (std::optional<std::string> name = patient_in(entry.path())) names.push_back(std::move(*name));
  std::sort(names.begin(), names.end());
  return names;
}

std::vector<SavedDesign> ConsultationStore::saves_of(const std::string& patient) const {
  std::vector<SavedDesign> saves;
  std::error_code error;
  for (const fs::directory_entry& entry : fs::directory_iterator(folder_of(patient), error)) {
    const std::string file = entry.path().filename().string();
    if (file.front() == '.' || file == kPatientFile || entry.path().extension() != ".json") continue;
    saves.push_back({entry.path(), moment_and_count(entry.path().stem().string()).first});
  }
  std::sort(saves.begin(), saves.end(), [](const SavedDesign& a, const SavedDesign& b) {
    return moment_and_count(a.file.stem().string()) < moment_and_count(b.file.stem().string());
  });
  return saves;
}

SmpDesign ConsultationStore::open_latest(const std::string& patient) const {
  const std::vector<SavedDesign> saves = saves_of(patient);
  if (saves.empty()) throw ConsultationError("no design saved for " + checked_name(patient));
  return read_design_file(saves.back().file);
}

}  // namespace smp
