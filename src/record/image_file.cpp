#include "record/image_file.h"

#include <algorithm>
#include <cctype>
#include <system_error>
#include <unistd.h>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

namespace smp {
namespace {

std::string extension_lower(const std::filesystem::path& path) {
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext;
}

}  // namespace

bool is_supported_image_extension(const std::filesystem::path& path) {
  const std::string ext = extension_lower(path);
  return ext == ".png" || ext == ".jpg" || ext == ".jpeg";
}

void write_image(const RgbaImage& image, const std::filesystem::path& path) {
  if (!is_supported_image_extension(path))
    throw ImageFileError(path.string() + ": unsupported picture type (use .png or .jpg)");
  // The RGBA words are R,G,B,A bytes in memory; OpenCV wants B,G,R.
  const cv::Mat rgba(image.height, image.width, CV_8UC4, const_cast<std::uint32_t*>(image.pixels.data()));
  cv::Mat bgr;
  cv::cvtColor(rgba, bgr, cv::COLOR_RGBA2BGR);
  const std::filesystem::path temporary =
      path.parent_path() / ("." + path.filename().string() + ".partial-" + std::to_string(::getpid()) + path.extension().string());
  std::vector<int> options;
  if (extension_lower(path) == ".png") options = {cv::IMWRITE_PNG_COMPRESSION, 6};
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
  RgbaImage image(bgr.cols, bgr.rows);
  cv::Mat rgba(bgr.rows, bgr.cols, CV_8UC4, image.pixels.data());
  cv::cvtColor(bgr, rgba, cv::COLOR_BGR2RGBA);
  return image;
}

}  // namespace smp
