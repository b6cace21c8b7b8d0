#include "bench/track_benchmark.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <thread>

#include <opencv2/imgproc.hpp>

#include "bench/timing.h"
#include "app/exit_codes.h"
#include "capture/opencv_picture.h"
#include "scalp/outline_fit.h"
#include "tracking/face_model.h"
#include "tracking/head_motion.h"
#include "tracking/head_outline.h"
#include "tracking/skin_matte.h"
#include "tracking/tracking_thread.h"

namespace smp {
namespace {

using bench::Clock;
using bench::median;
using bench::ms_between;


struct StageTimes {
  int width, height;
  double detect_ms, landmarks_ms, pose_ms, filter_ms;
  // The head's outline around the face (src/tracking/head_outline.h) by the method in use and by its
  // peer, GrabCut; the scalp fitted to one frame's outline (src/scalp/outline_fit.h). The fit runs
  // once per person, not per frame. The skin matte (src/tracking/skin_matte.h) is found every frame; the
  // head matte (the skin matte cleared beyond the head's outline) for every frame of a rendered video.
  double outline_ms, grabcut_ms, fit_ms, matte_ms, head_matte_ms;
  // The head followed by optical flow from frame to frame (src/tracking/head_motion.h), as it is while
  // the face is turned away or covered; its peer is landmarks+pose, which it stands in for.
  double follow_ms;
  int faces;  // frames where the detector found the face
};

StageTimes time_stages(const std::vector<cv::Mat>& greys, const std::vector<RgbaImage>& pictures,
                       const LandmarkPredictor& predictor) {
  const FaceDetector detector;
  const Intrinsics camera = Intrinsics::from_horizontal_fov(greys[0].cols, greys[0].rows, 60.0);
  OneEuroRotationFilter rotation_filter;
  std::array<OneEuroFilter, 3> position_filters;
  std::vector<double> detect, landmarks, pose, filter, outline, grabcut, fit_scalp, matte, head_matte, follow;
  HeadMotion head(camera);
  bool following = false;
  SkinMatte skin;
  const FaceLandmarks3d adult = landmarks_of(face_model());
  std::optional<HeadPose> previous;
  int faces = 0;
  for (size_t i = 0; i < greys.size(); ++i) {
    const auto t0 = Clock::now();
    const std::vector<FaceBox> found = detector.detect(greys[i]);
    const auto t1 = Clock::now();
    detect.push_back(ms_between(t0, t1));
    if (found.empty()) continue;
    ++faces;
    const Landmarks68 points = predictor.predict(greys[i], found[0]);
    const auto t2 = Clock::now();
    const PoseFit fit = solve_head_pose(points, camera, face_model(), previous);
    const auto t3 = Clock::now();
    // In another translation unit: kept.
    rotation_filter.filter(fit.pose.rotation(), double(i) / 30.0);
    for (int c = 0; c < 3; ++c) position_filters[size_t(c)].filter(fit.pose.translation_mm[c], double(i) / 30.0);
    const auto t4 = Clock::now();
    const std::optional<HeadOutline> rays = find_head_outline(pictures[i], fit.pose, camera, points, OutlineMethod::kEdgeRays);
    const auto t5 = Clock::now();
    find_head_outline(pictures[i], fit.pose, camera, points, OutlineMethod::kGrabCut);
    const auto t6 = Clock::now();
    if (rays) {
      const OutlineView view{*rays, fit.pose, camera};
      fit_scalp_to_outlines(adult, std::span(&view, 1));
      fit_scalp.push_back(ms_between(t6, Clock::now()));
    }
    const auto t7 = Clock::now();
    find_skin_matte(pictures[i], points, skin);
    const auto t8 = Clock::now();
    matte.push_back(ms_between(t7, t8));
    find_head_matte(pictures[i], {.found = true, .pose = fit.pose, .landmarks = points}, camera, skin);
    head_matte.push_back(ms_between(t8, Clock::now()));
    outline.push_back(ms_between(t4, t5));
    grabcut.push_back(ms_between(t5, t6));
    const double t_ms = 1000.0 * double(i) / 30.0;
    const auto t9 = Clock::now();
    if (following) {
      following = head.follow(greys[i], t_ms).has_value();  // from the last frame on; anew when it gives up
      follow.push_back(ms_between(t9, Clock::now()));
    } else {
      head.anchor(greys[i], fit.pose, points, t_ms);
      following = true;
    }
    previous = fit.pose;
    landmarks.push_back(ms_between(t1, t2));
    pose.push_back(ms_between(t2, t3));
    filter.push_back(ms_between(t3, t4));
  }
  return {greys[0].cols, greys[0].rows, median(detect), median(landmarks), median(pose), median(filter),
          median(outline), median(grabcut), median(fit_scalp), median(matte), median(head_matte), median(follow), faces};
}

}  // namespace

CLI::App* add_track_bench_command(CLI::App& bench, TrackBenchOptions& o) {
  CLI::App* track = bench.add_subcommand("track", "Tracking stages per frame, and capture-to-pose latency");
  track->add_flag("--json", o.json, "One JSON object per row");
  track->add_option("--frames", o.frames, "Timed frames per picture size (medians are reported)")
      ->check(CLI::Range(1, 10000))
      ->capture_default_str();
  track->add_option("--input", o.input, "Video with a face (run from the project root for the default)")->capture_default_str();
  return track;
}

int run_track_bench(const TrackBenchOptions& o) {
  const LandmarkPredictor predictor;
  std::vector<cv::Mat> frames;  // BGR, the video's own size
  {
    const auto video = open_video_file(o.input);  // throws SourceError: exit 3
    CapturedFrame frame;
    while (int(frames.size()) < o.frames && video->read(frame) == SourceStatus::kFrame)
      frames.push_back(bgr_from_rgba(frame.picture));
  }
  if (!o.json) {
    std::printf("tracking stages on one core, median of %zu frames of %s (detection at most 640 px; landmarks "
                "from the detected box; PnP seeded with the previous pose; One Euro on the rotation and 3 positions)\n",
                frames.size(), o.input.c_str());
    std::printf("%-11s  %10s  %12s  %8s  %10s  %18s  %15s  %10s  %10s  %13s  %14s  %14s  %6s\n", "resolution", "detect ms",
                "landmarks ms", "pose ms", "filter ms", "landmarks+pose ms", "follow head ms", "outline ms", "GrabCut ms",
                "fit scalp ms", "skin matte ms", "head matte ms", "faces");
  }
  for (const cv::Size size : {cv::Size(320, 240), cv::Size(640, 480), cv::Size(1280, 720)}) {
    std::vector<cv::Mat> greys;
    std::vector<RgbaImage> pictures;
    for (const cv::Mat& bgr : frames) {
      cv::Mat resized, grey;
      cv::resize(bgr, resized, size, 0, 0, cv::INTER_LINEAR);
      cv::cvtColor(resized, grey, cv::COLOR_BGR2GRAY);
      greys.push_back(grey);
      rgba_from_bgr(resized, pictures.emplace_back());
    }
    // OpenCV spreads optical flow, blurs and GrabCut over every core; the budgets are per core.
    const int threads = cv::getNumThreads();
    cv::setNumThreads(1);
    const StageTimes t = time_stages(greys, pictures, predictor);
    cv::setNumThreads(threads);
    if (o.json)
      std::printf("{\"width\": %d, \"height\": %d, \"detect_ms\": %.3f, \"landmarks_ms\": %.3f, \"pose_ms\": %.3f, "
                  "\"filter_ms\": %.4f, \"outline_ms\": %.3f, \"grabcut_ms\": %.3f, \"fit_scalp_ms\": %.3f, "
                  "\"skin_matte_ms\": %.3f, \"head_matte_ms\": %.3f, \"follow_head_ms\": %.3f, \"faces\": %d, \"frames\": %zu}\n",
                  t.width, t.height, t.detect_ms, t.landmarks_ms, t.pose_ms, t.filter_ms, t.outline_ms, t.grabcut_ms,
                  t.fit_ms, t.matte_ms, t.head_matte_ms, t.follow_ms, t.faces, greys.size());
    else
      std::printf("%5dx%-5d  %10.2f  %12.2f  %8.2f  %10.4f  %18.2f  %15.2f  %10.2f  %10.2f  %13.1f  %14.2f  %14.2f  %3d/%zu\n",
                  t.width, t.height, t.detect_ms, t.landmarks_ms, t.pose_ms, t.filter_ms, t.landmarks_ms + t.pose_ms,
                  t.follow_ms, t.outline_ms, t.grabcut_ms, t.fit_ms, t.matte_ms, t.head_matte_ms, t.faces, greys.size());
    std::fflush(stdout);
  }

  // The threaded pipeline on the video played in real time for three seconds.
  std::vector<double> latencies;
  {
    CaptureThread capture(open_video_file(o.input), /*pace_to_timestamps=*/true);
    TrackingThread tracking(capture, predictor, TrackerSettings{});
    const auto end = Clock::now() + std::chrono::seconds(3);
    while (Clock::now() < end)
      if (const auto tracked = tracking.wait_newest(std::chrono::milliseconds(100)))
        latencies.push_back(ms_between(tracked->frame.captured_at, tracked->tracked_at));
  }
  std::sort(latencies.begin(), latencies.end());
  const double p50 = latencies.empty() ? 0.0 : latencies[latencies.size() / 2];
  const double p95 = latencies.empty() ? 0.0 : latencies[latencies.size() * 95 / 100];
  if (o.json)
    std::printf("{\"latency_ms_median\": %.2f, \"latency_ms_p95\": %.2f, \"poses\": %zu}\n", p50, p95, latencies.size());
  else
    std::printf("capture-to-pose latency, threaded, video in real time: median %.2f ms, 95th percentile %.2f ms "
                "(%zu poses in 3 s)\n", p50, p95, latencies.size());
  return exit_code::kOk;
}

}  // namespace smp
