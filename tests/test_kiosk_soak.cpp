// A kiosk runs for days: the kiosk's own frame step (app/kiosk_step.h: looped video -> tracking ->
// who is there -> the passer-by's look on their head, the head's fit, the attract screen between
// visitors), headless, over 20,000 frames, changing looks and shades as visitors would. Resident memory at the end is within 5% of what it was after the first 1,000 frames, and the
// GPU buffers and images alive do not change. The plain build runs it: AddressSanitizer keeps freed
// memory in quarantine by design, so resident memory there says nothing about leaks.
#include <gtest/gtest.h>

#include <fstream>
#include <thread>

#include <spdlog/sinks/null_sink.h>
#include <unistd.h>

#include "app/kiosk_config.h"
#include "app/kiosk_step.h"
#include "capture/frame_source.h"
#include "gpu/live_objects.h"
#include "test_support.h"

namespace smp {
namespace {

double resident_mib() {
  std::ifstream statm("/proc/self/statm");
  long pages = 0, resident = 0;
  statm >> pages >> resident;
  return double(resident) * double(::sysconf(_SC_PAGESIZE)) / (1024.0 * 1024.0);
}

using KioskSoak = test::GpuTest;

TEST_F(KioskSoak, TwentyThousandFramesLeaveMemoryAndGpuObjectsWhereTheyWere) {
  constexpr std::uint64_t kFrames = 20000, kSettled = 1000;
  const KioskConfig config = default_kiosk_config();
  const auto source = open_looping_video(std::filesystem::path(SMP_DATA_DIR) / "video/capture4.mp4");
  CapturedFrame frame;
  ASSERT_EQ(source->read(frame), SourceStatus::kFrame);
  const LandmarkPredictor predictor;
  TrackerSettings settings;
  settings.camera = Intrinsics::from_horizontal_fov(frame.picture.width, frame.picture.height, kDefaultCameraFovDeg);
  settings.detect_beside_tracking = false;
  Tracker tracker(predictor, settings);
  spdlog::logger log("soak", std::make_shared<spdlog::sinks::null_sink_mt>());
  KioskStep step(config, log);
  step.start_camera(settings.camera);
  KioskPreviews previews;
  KioskSession& session = step.session();
  for (int wait = 0; !step.dots_placed() && wait < 600; ++wait) {  // the loop shows the camera meanwhile
    step.step({}, gpu(), previews);
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_TRUE(step.dots_placed());

  double settled_mib = 0.0;
  long settled_objects = 0;
  std::uint64_t previews_shown = 0;
  for (std::uint64_t n = 0; n < kFrames; ++n) {
    if (n > 0) {
      ASSERT_EQ(source->read(frame), SourceStatus::kFrame);
    }
    KioskFrames frames;
    frames.camera.emplace();
    frames.camera->face = tracker.track(frame);
    frames.camera->tracked_at = std::chrono::steady_clock::now();
    // Every 600 frames (30 s of video) the visitor leaves for 12 s of camera time: the session forgets.
    if (n % 600 >= 360) frames.camera->face.found = false;
    frames.camera->frame = frame;
    frames.now_s = frame.t_ms / 1000.0;
    const RgbaImage& shown = step.step(std::move(frames), gpu(), previews);
    if (session.screen() == KioskScreen::kPreview) {
      session.choices().look = int(n / 97 % config.looks.size());
      session.choices().shade = int(n / 53 % config.shades.size());
      ASSERT_EQ(shown.width, frame.picture.width);
      ++previews_shown;
    }
    if (n + 1 == kSettled) settled_mib = resident_mib(), settled_objects = LiveGpuObject::alive();
  }
  const double end_mib = resident_mib();
  std::cout << kFrames << " frames (" << previews_shown << " with a preview, " << session.visitors() << " visitors): resident "
            << settled_mib << " MiB after " << kSettled << ", " << end_mib << " MiB at the end; GPU buffers and images "
            << settled_objects << " -> " << LiveGpuObject::alive() << "\n";
  EXPECT_GT(session.visitors(), 20u) << "visitors came and went";
  EXPECT_GT(previews_shown, kFrames / 2);
  EXPECT_TRUE(previews.preview.has_value()) << "the dots were drawn";
  EXPECT_LE(end_mib, 1.05 * settled_mib);
  EXPECT_EQ(LiveGpuObject::alive(), settled_objects);
}

}  // namespace
}  // namespace smp
