// The mirror's snapshots and recordings (app/media_files.h): a name never replaces an earlier file, and
// a file that cannot be written is a line on screen, never an exception that would close the mirror.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "app/media_files.h"
#include "record/image_file.h"
#include "test_support.h"

namespace smp {
namespace {

namespace fs = std::filesystem;
using MediaFiles = test::TempFolderTest;

const RgbaImage kPicture(64, 48, pack_rgba(200, 120, 40));

TEST_F(MediaFiles, TwoSnapshotsInOneSecondAreTwoFiles) {
  const fs::path first = unused_media_path(folder_, "smpview-snapshot", ".png");
  std::ofstream(first) << "taken";
  const fs::path second = unused_media_path(folder_, "smpview-snapshot", ".png");
  EXPECT_NE(first, second);
  EXPECT_FALSE(fs::exists(second));
  EXPECT_EQ(first.parent_path(), folder_);
  EXPECT_EQ(first.filename().string().rfind("smpview-snapshot-", 0), 0u) << first;
}

TEST_F(MediaFiles, ASnapshotIsWrittenAndSaidWithItsWholePath) {
  const std::string line = save_snapshot(kPicture, folder_);
  ASSERT_EQ(line.rfind("Snapshot: " + folder_.string() + "/smpview-snapshot-", 0), 0u) << line;
  const RgbaImage back = read_image(line.substr(std::string("Snapshot: ").size()));
  EXPECT_EQ(back.width, kPicture.width);
  EXPECT_EQ(back.pixels, kPicture.pixels) << "PNG keeps the picture exactly";
  EXPECT_NE(save_snapshot(kPicture, folder_), line) << "a second snapshot gets its own name";
}

TEST_F(MediaFiles, AFolderThatIsGoneIsSaidNotThrown) {
  const fs::path gone = folder_ / "usb-stick";
  std::string line;
  ASSERT_NO_THROW(line = save_snapshot(kPicture, gone));
  EXPECT_EQ(line.rfind("Snapshot not saved: ", 0), 0u) << line;

  WindowRecording recording;
  ASSERT_NO_THROW(line = recording.start(gone, {.width = 64, .height = 48}));
  EXPECT_EQ(line.rfind("Not recording: ", 0), 0u) << line;
  EXPECT_FALSE(recording.active());
}

TEST_F(MediaFiles, ARecordingIsSavedOrSaidLostWhenItsFolderGoesAway) {
  WindowRecording recording;
  std::string line = recording.start(folder_, {.width = 64, .height = 48});
  ASSERT_TRUE(recording.active()) << line;
  for (int i = 0; i < 10; ++i) EXPECT_EQ(recording.offer(kPicture, i * 33.3), "");
  line = recording.finish();
  const std::string saved = "Recording saved: ";
  ASSERT_EQ(line.rfind(saved + folder_.string() + "/smpview-preview-", 0), 0u) << line;
  EXPECT_TRUE(fs::exists(line.substr(saved.size(), line.find(".mp4") + 4 - saved.size()))) << line;
  EXPECT_FALSE(recording.active());

  const fs::path stick = folder_ / "stick";
  fs::create_directories(stick);
  line = recording.start(stick, {.width = 64, .height = 48});
  ASSERT_TRUE(recording.active()) << line;
  for (int i = 0; i < 5; ++i) recording.offer(kPicture, i * 33.3);
  fs::remove_all(stick);  // pulled out while recording
  ASSERT_NO_THROW(line = recording.finish());
  EXPECT_EQ(line.rfind("Recording lost: ", 0), 0u) << line;
  EXPECT_FALSE(recording.active());
  EXPECT_FALSE(fs::exists(stick));
}

TEST_F(MediaFiles, TheMirrorRefusesAMediaFolderThatIsNotThere) {
  const test::CommandResult run = test::smpview("live --input demo --media-dir " + (folder_ / "nowhere").string());
  EXPECT_EQ(run.exit_code, 2) << run.output;
  EXPECT_NE(run.output.find("--media-dir: " + (folder_ / "nowhere").string() + " is not a folder"), std::string::npos)
      << run.output;
}

}  // namespace
}  // namespace smp
