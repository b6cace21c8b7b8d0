#include "record/image_file.h"

#include <opencv2/imgcodecs.hpp>

#include "capture/frame_source.h"
#include "capture/opencv_picture.h"
#include "files/whole_file.h"

namespace smp {

bool is_supported_image_extension(const std::filesystem::path& path) {
  const std::string ext = lowercase_extension(path);
  return ext == ".png" || ext == ".jpg" || ext == ".jpeg";
}

bool encode_image(const RgbaImage& image, const std::filesystem::path& file) {
  std::vector<int> options;
  if (lowercase_extension(file) == ".png") options = {cv::IMWRITE_PNG_COMPRESSION, 6};
  else options = {cv::IMWRITE_JPEG_QUALITY, 95};
  try {
    return cv::imwrite(file.string(), bgr_from_rgba(image), options);
  } catch (const cv::Exception&) {
    return false;
  }
}

void write_image(const RgbaImage& image, const std::filesystem::path& path) {
  if (!is_supported_image_extension(path))
    throw ImageFileError(path.string() + ": unsupported picture type (use .png or .jpg)");
  try {
    write_whole_file(path, [&](const std::filesystem::path& hidden) { return encode_image(image, hidden); });
  } catch (const FileWriteError&) {
    throw ImageFileError(path.string() + ": cannot write the picture (is the folder writable and is there space?)");
  }
}

RgbaImage read_image(const std::filesystem::path& path) {
  const cv::Mat bgr = cv::imread(path.string(), cv::IMREAD_COLOR);
  if (bgr.empty()) throw ImageFileError(path.string() + ": not a readable picture");
  RgbaImage image;
  rgba_from_bgr(bgr, image);
  return image;
}

}  // namespace smp
