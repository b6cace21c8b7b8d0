#include "capture/frame_source.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <sstream>
#include <thread>
#include <utility>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/videoio.hpp>

#include "capture/opencv_picture.h"
#include "capture/video_timestamps.h"

namespace smp {
namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) { return std::chrono::duration<double, std::milli>(Clock::now() - start).count(); }

std::string size_and_rate(int width, int height, double fps) {
  std::ostringstream s;
  s << width << "x" << height << ", " << fps << " fps";
  return s.str();
}

class PhotoSource : public FrameSource {
 public:
  PhotoSource(const std::filesystem::path& path, double repeat_fps) : name_(path.filename().string()), fps_(repeat_fps) {
    const cv::Mat bgr = cv::imread(path.string(), cv::IMREAD_COLOR);
    if (bgr.empty())
      throw SourceError(path.string() + (std::filesystem::exists(path) ? ": not a picture this program can read"
                                                                       : ": no such file"));
    rgba_from_bgr(bgr, picture_);
  }

  SourceStatus read(CapturedFrame& frame) override {
    if (fps_ <= 0.0 && next_index_ > 0) return SourceStatus::kEnded;
    if (fps_ > 0.0) {
      if (next_index_ == 0) start_ = Clock::now();
      // Paced like a camera: frame i is due at i / fps after the first.
      std::this_thread::sleep_until(start_ + std::chrono::duration<double>(double(next_index_) / fps_));
    }
    frame.picture = picture_;  // vector assignment reuses the frame's memory
    frame.index = next_index_;
    frame.t_ms = fps_ > 0.0 ? 1000.0 * double(next_index_) / fps_ : 0.0;
    ++next_index_;
    problem_.clear();
    return SourceStatus::kFrame;
  }
  double frames_per_second() const override { return fps_; }
  std::uint64_t expected_frames() const override { return fps_ > 0.0 ? 0 : 1; }
  std::string description() const override {
    return "photo " + name_ + " (" + std::to_string(picture_.width) + "x" + std::to_string(picture_.height) + ")";
  }

 private:
  std::string name_;
  double fps_;
  RgbaImage picture_;
  std::uint64_t next_index_ = 0;
  Clock::time_point start_;
};

// A video file as a player shows it: a phone's portrait video, stored sideways with a rotation in its
// header, comes out upright; each frame keeps the container's timestamp (variable frame rates keep their
// timing); and a file that ends well before its header's frame count says it was cut short.
class VideoFileSource : public FrameSource {
 public:
  explicit VideoFileSource(const std::filesystem::path& path) : name_(path.filename().string()) {
    if (!std::filesystem::exists(path)) throw SourceError(path.string() + ": no such file");
    std::error_code error;
    if (std::filesystem::is_regular_file(path, error) && std::filesystem::file_size(path, error) == 0)
      throw SourceError(path.string() + ": is empty (0 bytes)");
    // The first frame is read here, not grabbed and sought back to: seeking a damaged file can fail.
    if (!capture_.open(path.string(), cv::CAP_FFMPEG)) throw SourceError(path.string() + ": not a video this program can read");
    capture_.set(cv::CAP_PROP_ORIENTATION_AUTO, 1.0);  // OpenCV's default; said, as it is what a player does
    if (!capture_.read(bgr_) || bgr_.empty()) throw SourceError(path.string() + ": not a video this program can read");
    first_t_ms_ = capture_.get(cv::CAP_PROP_POS_MSEC);
    pending_first_ = true;
    times_ms_ = video_frame_times_ms(path);
    fps_ = capture_.get(cv::CAP_PROP_FPS);
    width_ = bgr_.cols;  // as shown, after any rotation
    height_ = bgr_.rows;
    rotation_deg_ = int(std::lround(capture_.get(cv::CAP_PROP_ORIENTATION_META)));
    frames_ = std::uint64_t(std::max(0.0, capture_.get(cv::CAP_PROP_FRAME_COUNT)));
  }

  SourceStatus read(CapturedFrame& frame) override {
    const bool first = std::exchange(pending_first_, false);
    if (!first && !capture_.read(bgr_)) {
      // The header's count is exact for MP4 and estimated for some other containers: only a file that
      // stops well short of it was cut short (a copy or a download that broke off).
      if (double(next_index_) < kCutShort * double(frames_))
        problem_ = "the video ends after " + std::to_string(next_index_) + " of the " + std::to_string(frames_) +
                   " frames its header promises: the file is cut short";
      return SourceStatus::kEnded;
    }
    rgba_from_bgr(bgr_, frame.picture);
    frame.index = next_index_++;
    // The container's presentation time of this frame, so variable frame rates keep their timing; from
    // OpenCV where the container has none for it, which for some files is 0 at either end: then a frame
    // period after the last one.
    const double reported_ms = frame.index < times_ms_.size() ? times_ms_[frame.index]
                               : first                        ? first_t_ms_
                                                              : capture_.get(cv::CAP_PROP_POS_MSEC);
    const double period_ms = fps_ > 0.0 ? 1000.0 / fps_ : 40.0;
    frame.t_ms = frame.index == 0 || reported_ms > last_t_ms_ ? reported_ms : last_t_ms_ + period_ms;
    last_t_ms_ = frame.t_ms;
    problem_.clear();
    return SourceStatus::kFrame;
  }
  double frames_per_second() const override { return fps_; }
  std::uint64_t expected_frames() const override { return frames_; }
  std::string description() const override {
    return "video " + name_ + " (" + size_and_rate(width_, height_, fps_) +
           (rotation_deg_ % 360 != 0 ? ", turned " + std::to_string(rotation_deg_) + " deg upright" : "") + ")";
  }

 private:
  static constexpr double kCutShort = 0.9;
  std::string name_;
  cv::VideoCapture capture_;
  cv::Mat bgr_;
  bool pending_first_ = false;
  double first_t_ms_ = 0.0;
  std::vector<double> times_ms_;  // every frame's, from the container
  double fps_ = 0.0;
  int width_ = 0, height_ = 0, rotation_deg_ = 0;
  std::uint64_t frames_ = 0;
  std::uint64_t next_index_ = 0;
  double last_t_ms_ = 0.0;
};

class CameraSource : public FrameSource {
 public:
  explicit CameraSource(const CameraSettings& s) : device_(s.device) {
    if (!capture_.open(s.device, cv::CAP_V4L2))
      throw SourceError("camera " + std::to_string(s.device) + ": not found (no /dev/video" + std::to_string(s.device) +
                        " that delivers pictures)");
    capture_.set(cv::CAP_PROP_FRAME_WIDTH, s.width);
    capture_.set(cv::CAP_PROP_FRAME_HEIGHT, s.height);
    capture_.set(cv::CAP_PROP_FPS, s.fps);
    capture_.set(cv::CAP_PROP_BUFFERSIZE, 1);  // the newest picture, not a queue of old ones
    fps_ = capture_.get(cv::CAP_PROP_FPS);
    width_ = int(capture_.get(cv::CAP_PROP_FRAME_WIDTH));
    height_ = int(capture_.get(cv::CAP_PROP_FRAME_HEIGHT));
    start_ = Clock::now();
  }

  SourceStatus read(CapturedFrame& frame) override {
    if (!capture_.read(bgr_) || bgr_.empty()) {
      problem_ = "camera " + std::to_string(device_) + " stopped delivering pictures (unplugged?)";
      return SourceStatus::kFailed;
    }
    frame.t_ms = ms_since(start_);
    rgba_from_bgr(bgr_, frame.picture);
    frame.index = next_index_++;
    problem_.clear();
    return SourceStatus::kFrame;
  }
  double frames_per_second() const override { return fps_; }
  std::string description() const override {
    return "camera " + std::to_string(device_) + " (" + size_and_rate(width_, height_, fps_) + ")";
  }

 private:
  int device_;
  cv::VideoCapture capture_;
  cv::Mat bgr_;
  double fps_ = 0.0;
  int width_ = 0, height_ = 0;
  std::uint64_t next_index_ = 0;
  Clock::time_point start_;
};


}  // namespace

std::string lowercase_extension(const std::filesystem::path& path) {
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext;
}

bool is_photo_file(const std::filesystem::path& path) {
  const std::string ext = lowercase_extension(path);
  return ext == ".jpg" || ext == ".jpeg" || ext == ".png" || ext == ".bmp" || ext == ".ppm";
}

std::unique_ptr<FrameSource> open_photo(const std::filesystem::path& path, double repeat_fps) {
  return std::make_unique<PhotoSource>(path, repeat_fps);
}

std::unique_ptr<FrameSource> open_video_file(const std::filesystem::path& path) {
  return std::make_unique<VideoFileSource>(path);
}

std::unique_ptr<FrameSource> open_file(const std::filesystem::path& path, double photo_repeat_fps) {
  if (is_photo_file(path)) return open_photo(path, photo_repeat_fps);
  return open_video_file(path);
}

namespace {

class LoopingVideo : public FrameSource {
 public:
  explicit LoopingVideo(const std::filesystem::path& path) : path_(path), video_(open_video_file(path)) {}
  SourceStatus read(CapturedFrame& frame) override {
    SourceStatus status = video_->read(frame);
    if (status == SourceStatus::kEnded) {  // from the start again, a frame interval after the last one
      offset_ms_ = last_t_ms_ + 1000.0 / std::max(video_->frames_per_second(), 1.0);
      try {
        video_ = open_video_file(path_);
      } catch (const SourceError& e) {  // gone meanwhile: a failure, as a camera's (ReopeningSource retries)
        problem_ = e.what();
        return SourceStatus::kFailed;
      }
      status = video_->read(frame);
    }
    if (status != SourceStatus::kFrame) {
      problem_ = video_->problem();
      return status;
    }
    frame.index = next_index_++;
    frame.t_ms += offset_ms_;
    last_t_ms_ = frame.t_ms;
    return status;
  }
  double frames_per_second() const override { return video_->frames_per_second(); }
  std::string description() const override { return video_->description() + ", looped"; }

 private:
  std::filesystem::path path_;
  std::unique_ptr<FrameSource> video_;
  double offset_ms_ = 0.0, last_t_ms_ = 0.0;
  std::uint64_t next_index_ = 0;
};

}  // namespace

std::unique_ptr<FrameSource> open_looping_video(const std::filesystem::path& path) { return std::make_unique<LoopingVideo>(path); }

std::unique_ptr<FrameSource> open_camera_when_ready(const CameraSettings& settings) {
  try {
    return open_camera(settings);
  } catch (const SourceError&) {
    return std::make_unique<ReopeningSource>(
        nullptr, [settings] { return std::unique_ptr<FrameSource>(std::make_unique<CameraSource>(settings)); },
        std::chrono::seconds(2),
        "camera " + std::to_string(settings.device), settings.fps);
  }
}

std::unique_ptr<FrameSource> open_camera(const CameraSettings& settings) {
  auto camera = std::make_unique<CameraSource>(settings);
  return std::make_unique<ReopeningSource>(std::move(camera), [settings] { return std::make_unique<CameraSource>(settings); },
                                           std::chrono::milliseconds(1000));
}

ReopeningSource::ReopeningSource(std::unique_ptr<FrameSource> opened, Opener open, std::chrono::milliseconds retry_interval,
                                 std::string description, double fps)
    : source_(std::move(opened)), open_(std::move(open)), retry_interval_(retry_interval),
      description_(source_ ? source_->description() : std::move(description)),
      fps_(source_ ? source_->frames_per_second() : fps) {}

SourceStatus ReopeningSource::read(CapturedFrame& frame) {
  if (!source_) {
    std::this_thread::sleep_until(next_try_);
    try {
      source_ = open_();
    } catch (const SourceError& e) {
      problem_ = std::string(e.what()) + "; trying again";
      next_try_ = Clock::now() + retry_interval_;
      return SourceStatus::kFailed;
    }
  }
  if (source_->read(frame) == SourceStatus::kFrame) {
    frame.index = next_index_++;  // one numbering across reopenings
    problem_.clear();
    return SourceStatus::kFrame;
  }
  problem_ = (source_->problem().empty() ? description_ + " stopped delivering pictures" : source_->problem()) +
             "; trying to open it again";
  source_.reset();
  next_try_ = Clock::now() + retry_interval_;
  return SourceStatus::kFailed;
}

double ReopeningSource::frames_per_second() const { return fps_; }
std::string ReopeningSource::description() const { return description_; }

}  // namespace smp
