#include "files/whole_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <fstream>

namespace smp {
namespace {

std::string errno_text() { return std::strerror(errno); }

FileWriteError cannot_write(const std::filesystem::path& path, const std::string& why) {
  return FileWriteError(path.string() + ": cannot be written (" + why + ")");
}

// Forces a file's (or a folder's) content to the disk; false when it cannot be opened or synced.
bool sync(const std::filesystem::path& path, int flags) {
  const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) return false;
  const bool synced = ::fsync(fd) == 0;
  ::close(fd);
  return synced;
}

// Fills a hidden file beside `path` and forces it to the disk; returns it. Throws, leaving nothing.
std::filesystem::path filled_hidden_file(const std::filesystem::path& path, const FileFiller& fill) {
  const std::filesystem::path hidden = temporary_path_beside(path);
  std::error_code ignored;
  bool filled = false;
  try {
    filled = fill(hidden);
  } catch (...) {
    std::filesystem::remove(hidden, ignored);
    throw;
  }
  if (!filled || !sync(hidden, O_RDONLY)) {
    const std::string why = std::filesystem::exists(hidden, ignored) ? "the disk may be full" : "is the folder there and writable?";
    std::filesystem::remove(hidden, ignored);
    throw cannot_write(path, why);
  }
  return hidden;
}

}  // namespace

std::filesystem::path temporary_path_beside(const std::filesystem::path& path) {
  static std::atomic<unsigned> calls{0};
  return path.parent_path() / ("." + path.filename().string() + ".partial-" + std::to_string(::getpid()) + "-" +
                               std::to_string(calls++) + path.extension().string());
}

void write_whole_file(const std::filesystem::path& path, const FileFiller& fill) {
  const std::filesystem::path hidden = filled_hidden_file(path, fill);
  std::error_code error;
  std::filesystem::rename(hidden, path, error);
  if (error) {
    std::error_code ignored;
    std::filesystem::remove(hidden, ignored);
    throw cannot_write(path, error.message());
  }
  sync(path.parent_path().empty() ? "." : path.parent_path(), O_RDONLY | O_DIRECTORY);
}

FileFiller text_content(std::string text) {
  return [text = std::move(text)](const std::filesystem::path& hidden) {
    std::ofstream out(hidden, std::ios::binary | std::ios::trunc);
    out.write(text.data(), std::streamsize(text.size()));
    return bool(out.flush());
  };
}

std::filesystem::path write_new_file(const std::filesystem::path& folder, const std::function<std::string(int)>& names,
                                     const FileFiller& fill) {
  const std::filesystem::path hidden = filled_hidden_file(folder / names(0), fill);
  for (int n = 0;; ++n) {
    const std::string name = names(n);
    if (name.empty()) {
      ::unlink(hidden.c_str());
      return {};
    }
    const std::filesystem::path path = folder / name;
    if (::link(hidden.c_str(), path.c_str()) == 0) {
      ::unlink(hidden.c_str());
      sync(folder, O_RDONLY | O_DIRECTORY);
      return path;
    }
    if (errno != EEXIST) {
      const std::string why = errno_text();
      ::unlink(hidden.c_str());
      throw cannot_write(path, why);
    }
  }
}

}  // namespace smp
