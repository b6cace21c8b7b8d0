#pragma once
// Every file the program writes goes under a temporary name in the same folder first and is renamed
// into place when complete (a rename within one folder is atomic): an interrupted write never leaves
// a broken file under the final name.
#include <filesystem>
#include <string>

#include <unistd.h>

namespace smp {

// ".NAME.partial-PID.EXT" beside `path`: hidden, unique per process, and keeping the extension for
// writers that choose the format by it.
inline std::filesystem::path temporary_path_beside(const std::filesystem::path& path) {
  return path.parent_path() /
         ("." + path.filename().string() + ".partial-" + std::to_string(::getpid()) + path.extension().string());
}

}  // namespace smp
