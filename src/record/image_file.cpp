#include "record/image_file.h"

#include <system_error>

#include <opencv2/imgcodecs.hpp>

#include "capture/frame_source.h"
#include "capture/opencv_picture.h"
#include "record/temporary_file.h"

namespace smp {

bool is_supported_image_extension(const std::filesystem::path& path) {
  const std::string ext = lowercase_extension(path);
  return ext == ".png" || ext == ".jpg" || ext == ".jpeg";
}

void write_image(const RgbaImage& image, const std::filesystem::path& path) {
  if (!is_supported_image_extension(path))
    throw ImageFileError(path.string() + ": unsupported picture type (use .png or .jpg)");
  const cv::Mat bgr = bgr_from_rgba(image);
  const std::filesystem::path temporary = temporary_path_beside(path);
  std::vector<int> options;
  if (lowercase_extension(path) == ".png") options = {cv::IMWRITE_PNG_COMPRESSION, 6};
  else options = {cv::IMWRITE_JPEG_QUALITY, 95};
  bool written = false;
  try {
    written = cv::imwrite(temporary.string(), bgr, options);
  } catch (const cv::Exception&) {
    written = false;
  }
  std::error_code error;
  if (written) std::filesystem::rename(temporary, path, error);
  if (!written || error) {
    std::filesystem::remove(temporary, error);
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
