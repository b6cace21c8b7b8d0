#include "bench/live_benchmark.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <thread>

#include <opencv2/imgproc.hpp>

#include "bench/timing.h"
#include "app/command_line.h"
#include "app/exit_codes.h"
#include "app/preview.h"
#include "capture/capture_thread.h"
#include "capture/opencv_picture.h"
#include "dots/scalp_dot_field.h"
#include "tracking/tracking_thread.h"

namespace smp {
namespace {

using bench::Clock;
using bench::ms_between;
using bench::percentile;


// A video as a camera would deliver it: scaled to the camera's height (keeping its proportions, so a
// face keeps its shape and size relative to the picture's height) and centred on the camera's width,
// one frame every 1/fps, looping.
class VideoAsCamera : public FrameSource {
 public:
  VideoAsCamera(const std::string& path, PictureSize size, double fps) : path_(path), size_(size), fps_(fps) {
    video_ = open_video_file(path);  // SourceError: exit 3
  }
  SourceStatus read(CapturedFrame& frame) override {
    if (next_index_ == 0) start_ = Clock::now();
    std::this_thread::sleep_until(start_ + std::chrono::duration<double>(double(next_index_) / fps_));
    const auto begin = Clock::now();
    if (video_->read(raw_) != SourceStatus::kFrame) {
      video_ = open_video_file(path_);
      if (video_->read(raw_) != SourceStatus::kFrame) return SourceStatus::kEnded;
    }
    const double scale = double(size_.height) / raw_.picture.height;
    cv::resize(bgr_from_rgba(raw_.picture), scaled_, cv::Size(), scale, scale, cv::INTER_LINEAR);
    canvas_.create(size_.height, size_.width, CV_8UC3);
    canvas_.setTo(cv::Scalar(40, 40, 40));
    const int width = std::min(scaled_.cols, size_.width);
    scaled_(cv::Rect((scaled_.cols - width) / 2, 0, width, size_.height))
        .copyTo(canvas_(cv::Rect((size_.width - width) / 2, 0, width, size_.height)));
    rgba_from_bgr(canvas_, frame.picture);
    frame.index = next_index_;
    frame.t_ms = 1000.0 * double(next_index_++) / fps_;
    read_ms_.store(ms_between(begin, Clock::now()));
    return SourceStatus::kFrame;
  }
  double frames_per_second() const override { return fps_; }
  std::string description() const override { return path_; }
  double last_read_ms() const { return read_ms_.load(); }

 private:
  std::string path_;
  PictureSize size_;
  double fps_;
  std::unique_ptr<FrameSource> video_;
  CapturedFrame raw_;
  cv::Mat scaled_, canvas_;
  std::uint64_t next_index_ = 0;
  Clock::time_point start_;
  std::atomic<double> read_ms_{0.0};
};

}  // namespace

CLI::App* add_live_bench_command(CLI::App& bench, LiveBenchOptions& o) {
  CLI::App* live = bench.add_subcommand("live", "The whole live pipeline, headless: frames per second and latency");
  live->add_flag("--json", o.json, "One JSON object");
  live->add_option("--seconds", o.seconds, "How long to run")->check(CLI::Range(1.0, 600.0))->capture_default_str();
  live->add_option("--dots", o.dots, "Dots in the field (random, all drawn)")->check(CLI::Range(1000, 64'000'000))->capture_default_str();
  live->add_option("--size", o.size, "Camera picture size WIDTHxHEIGHT")->capture_default_str();
  live->add_option("--camera-fps", o.camera_fps, "Rate the video is delivered at, like a camera")
      ->check(CLI::Range(1.0, 1000.0))
      ->capture_default_str();
  live->add_option("--input", o.input, "Video with a face (run from the project root for the default)")->capture_default_str();
  live->add_option("--device", o.device, "Use the Vulkan device whose name contains this");
  return live;
}

int run_live_bench(const LiveBenchOptions& o) {
  const PictureSize size = parse_picture_size(o.size);
  const Gpu gpu(GpuOptions{.device_name = o.device});
  const LandmarkPredictor predictor;
  TrackerSettings tracking;
  tracking.camera = Intrinsics::from_horizontal_fov(size.width, size.height, kDefaultCameraFovDeg);
  Preview preview(gpu, tracking.camera, 5.0);
  // Random dots over the scalp at the density that makes `dots` of them: blue noise that dense would
  // take minutes to build, and the splat's cost does not depend on the pattern.
  const double area_cm2 = preview.region().area_cm2();
  preview.set_dots(build_random_scalp_dot_field(preview.region(), o.dots / area_cm2, 1), o.dots / area_cm2);
  SplatSettings everything;  // the whole field, default dots

  auto source = std::make_unique<VideoAsCamera>(o.input, size, o.camera_fps);
  const VideoAsCamera& camera = *source;
  CaptureThread capture(std::move(source));
  TrackingThread tracker(capture, predictor, tracking);

  std::vector<double> latency, render, splat, track, matte, read;
  std::uint64_t found = 0;
  const auto start = Clock::now();
  const auto end = start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(o.seconds));
  while (Clock::now() < end) {
    const std::optional<TrackedFrame> tracked = tracker.wait_newest(std::chrono::milliseconds(100));
    if (!tracked) continue;
    const auto begin = Clock::now();
    preview.render(*tracked, everything);
    const auto shown = Clock::now();
    latency.push_back(ms_between(tracked->frame.captured_at, shown));
    render.push_back(ms_between(begin, shown));
    splat.push_back(preview.last_splat_ms().value_or(0.0));
    track.push_back(tracked->tracking_ms);
    if (tracked->face.found) matte.push_back(tracked->skin_matte_ms);
    read.push_back(camera.last_read_ms());
    found += tracked->face.found;
  }
  const double fps = double(latency.size()) / ms_between(start, Clock::now()) * 1000.0;
  if (o.json) {
    std::printf("{\"width\": %d, \"height\": %d, \"dots\": %d, \"camera_fps\": %.1f, \"fps\": %.2f, \"latency_ms_median\": %.2f, "
                "\"latency_ms_p95\": %.2f, \"capture_ms\": %.2f, \"tracking_ms\": %.2f, \"skin_matte_ms\": %.2f, \"render_ms\": %.2f, "
                "\"gpu_splat_ms\": %.2f, \"frames\": %zu, \"faces\": %llu}\n",
                size.width, size.height, o.dots, o.camera_fps, fps, percentile(latency, 0.5), percentile(latency, 0.95),
                percentile(read, 0.5), percentile(track, 0.5), percentile(matte, 0.5), percentile(render, 0.5),
                percentile(splat, 0.5), latency.size(), (unsigned long long)found);
    return exit_code::kOk;
  }
  std::printf("live pipeline, headless, on %s: %s scaled to fit %dx%d and delivered like a %.0f fps camera; %.2fM random "
              "dots, all drawn; %.0f s (medians per frame)\n",
              gpu.device_name().c_str(), o.input.c_str(), size.width, size.height, o.camera_fps, o.dots / 1e6, o.seconds);
  std::printf("%8s  %14s  %10s  %10s  %12s  %14s  %9s  %12s  %6s\n", "fps out", "latency ms", "p95 ms", "capture ms",
              "tracking ms", "skin matte ms", "render ms", "GPU splat ms", "faces");
  std::printf("%8.1f  %14.1f  %10.1f  %10.2f  %12.2f  %14.2f  %9.2f  %12.2f  %3llu/%zu\n", fps, percentile(latency, 0.5),
              percentile(latency, 0.95), percentile(read, 0.5), percentile(track, 0.5), percentile(matte, 0.5),
              percentile(render, 0.5), percentile(splat, 0.5), (unsigned long long)found, latency.size());
  std::printf("latency: from the camera's frame being read to its picture with dots back on the host; capture: "
              "decode and scale; tracking and the skin matte: on the tracking thread; render: upload, splat, "
              "composite and read-back (GPU splat: the splat and composite alone, by GPU timestamps)\n");
  return exit_code::kOk;
}

}  // namespace smp
