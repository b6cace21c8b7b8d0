#include "app/command_line.h"

#include <regex>
#include <unistd.h>

#include "record/image_file.h"

namespace smp {

PictureSize parse_picture_size(const std::string& text) {
  static const std::regex pattern(R"((\d{1,6})[xX](\d{1,6}))");
  std::smatch match;
  if (!std::regex_match(text, match, pattern))
    throw BadArgument("--size: '" + text + "' is not WIDTHxHEIGHT (for example 1280x720)");
  const PictureSize size{std::stoi(match[1]), std::stoi(match[2])};
  constexpr int kMin = 16, kMax = 8192;
  if (size.width < kMin || size.height < kMin || size.width > kMax || size.height > kMax)
    throw BadArgument("--size: " + text + " is outside " + std::to_string(kMin) + ".." + std::to_string(kMax) +
                      " pixels per side");
  return size;
}

void check_output_picture_path(const std::filesystem::path& path) {
  if (path.empty()) throw BadArgument("--output: no file name given");
  if (!is_supported_image_extension(path))
    throw BadArgument("--output: '" + path.string() + "' must end in .png or .jpg");
  const std::filesystem::path folder = path.parent_path().empty() ? std::filesystem::path(".") : path.parent_path();
  std::error_code error;
  if (!std::filesystem::is_directory(folder, error))
    throw BadArgument("--output: folder '" + folder.string() + "' does not exist");
  if (::access(folder.c_str(), W_OK) != 0)
    throw BadArgument("--output: folder '" + folder.string() + "' is not writable");
  if (std::filesystem::is_directory(path, error))
    throw BadArgument("--output: '" + path.string() + "' is a folder, not a file name");
}

}  // namespace smp
