// A kiosk runs for days: the kiosk's pipeline (looped video -> tracking -> who is there -> the
// passer-by's look on their head), headless, over 20,000 frames, changing looks and shades as visitors
// would. Resident memory at the end is within 5% of what it was after the first 1,000 frames, and the
// GPU buffers and images alive do not change. The plain build runs it: AddressSanitizer keeps freed
// memory in quarantine by design, so resident memory there says nothing about leaks.
#include <gtest/gtest.h>

#include <fstream>

#include <unistd.h>

#include "app/kiosk_config.h"
#include "app/kiosk_session.h"
#include "app/preview.h"
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
  double density = 0.0;
  for (const KioskLook& look : config.looks) density = std::max(density, densest_per_cm2(look.design));
  Preview preview(gpu(), settings.camera, density);
  KioskSession session(config);

  double settled_mib = 0.0;
  long settled_objects = 0;
  std::uint64_t previews = 0;
  for (std::uint64_t n = 0; n < kFrames; ++n) {
    if (n > 0) {
      ASSERT_EQ(source->read(frame), SourceStatus::kFrame);
    }
    const TrackedFace face = tracker.track(frame);
    // Every 600 frames (30 s of video) the visitor leaves for 12 s of camera time: the session forgets.
    const bool away = n % 600 >= 360;
    session.update(frame.t_ms / 1000.0, face.found && !away);
    if (session.screen() == KioskScreen::kPreview) {
      session.choices().look = int(n / 97 % config.looks.size());
      session.choices().shade = int(n / 53 % config.shades.size());
      preview.render(frame.picture, face, session.design());
      ++previews;
    }
    if (n + 1 == kSettled) settled_mib = resident_mib(), settled_objects = LiveGpuObject::alive();
  }
  const double end_mib = resident_mib();
  std::cout << kFrames << " frames (" << previews << " with a preview, " << session.visitors() << " visitors): resident "
            << settled_mib << " MiB after " << kSettled << ", " << end_mib << " MiB at the end; GPU buffers and images "
            << settled_objects << " -> " << LiveGpuObject::alive() << "\n";
  EXPECT_GT(session.visitors(), 20u) << "visitors came and went";
  EXPECT_GT(previews, kFrames / 2);
  EXPECT_LE(end_mib, 1.05 * settled_mib);
  EXPECT_EQ(LiveGpuObject::alive(), settled_objects);
}

}  // namespace
}  // namespace smp
