#pragma once
// The one way the program writes a file, from any stage (design files, kiosk settings, pictures, the
// consultation sheet, track's JSON lines, saved consultations, snapshots): into a hidden file beside
// the final name, forced to the disk, then renamed into place (a rename within one folder is atomic),
// so that a crash, a kill, a power cut or a full disk never leaves half a file under the final name.
// Files that must never replace another (snapshots, saved consultations) are linked under the first
// free name instead: link() fails where rename() would replace.
// Not a stage of the pipeline: like the value types, any stage may use it.
#include <filesystem>
#include <functional>
#include <stdexcept>
#include <string>

namespace smp {

// "PATH: cannot be written (the reason)".
struct FileWriteError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Fills the hidden file at the path it is given, which keeps the final name's extension (for writers
// that choose the format by it, as OpenCV and cairo do). false, or an exception: the write failed.
using FileFiller = std::function<bool(const std::filesystem::path& hidden)>;
// Fills with `text`, as it is.
FileFiller text_content(std::string text);

// ".NAME.partial-PID-N.EXT" beside `path`: hidden, and unique to this call in this process. For a writer
// that fills its file over minutes (the video writer) and renames it itself.
std::filesystem::path temporary_path_beside(const std::filesystem::path& path);

// Writes `path` whole, replacing the file there. On failure nothing is left behind and FileWriteError
// (or the exception `fill` threw) says why.
void write_whole_file(const std::filesystem::path& path, const FileFiller& fill);

// Writes a new file in `folder` (which must exist) under the first of names(0), names(1), ... that is
// free, never replacing one, even one another process saves under the same name at the same moment.
// Returns its path; the folder is synced, so the new name survives a power cut. An empty name ends the
// search: then nothing is written and the path returned is empty.
std::filesystem::path write_new_file(const std::filesystem::path& folder, const std::function<std::string(int)>& names,
                                     const FileFiller& fill);

}  // namespace smp
