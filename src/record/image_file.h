#pragma once
// Pictures to and from files (PNG, JPEG; by extension).
#include <filesystem>
#include <stdexcept>

#include "capture/frame.h"

namespace smp {

// A picture that cannot be read or written; the message names the file and the reason.
struct ImageFileError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// True for the extensions write_image understands (.png, .jpg, .jpeg; any case).
bool is_supported_image_extension(const std::filesystem::path& path);

// Encodes `image` into `file` by its extension (PNG or JPEG); false when it cannot.
bool encode_image(const RgbaImage& image, const std::filesystem::path& file);
// Writes `path` whole or not at all (files/whole_file.h): a crash or a full disk never leaves a
// half-written picture under the final name.
void write_image(const RgbaImage& image, const std::filesystem::path& path);
RgbaImage read_image(const std::filesystem::path& path);

}  // namespace smp
