#pragma once
// Design files: JSON with a version and the unit in every field name. Every field has a default, so a
// file names only what it changes. A bad file is refused with one line naming the field and the problem.
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>

#include "scalp/design.h"

namespace smp {

inline constexpr int kDesignFileVersion = 1;

struct DesignFileError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

SmpDesign parse_design(std::string_view json_text);  // throws DesignFileError
std::string design_to_json(const SmpDesign& design);
// Errors name the file as well as the field.
SmpDesign read_design_file(const std::filesystem::path& path);
// Written under a temporary name and renamed, so a crash never leaves half a design behind.
void write_design_file(const SmpDesign& design, const std::filesystem::path& path);

}  // namespace smp
