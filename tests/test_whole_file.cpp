// The one way every stage writes a file (src/files/whole_file.h): whole or not at all, and, for new
// files, never over another, even from two processes at the same moment.
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <set>
#include <stdexcept>

#include "app/media_files.h"
#include "files/whole_file.h"
#include "test_support.h"

namespace smp {
namespace {

namespace fs = std::filesystem;
using WholeFile = test::TempFolderTest;

std::string text_in(const fs::path& path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// What lies in `folder`: the names, hidden ones (a write's leftovers) included.
std::set<std::string> names_in(const fs::path& folder) {
  std::set<std::string> names;
  for (const auto& entry : fs::directory_iterator(folder)) names.insert(entry.path().filename().string());
  return names;
}

TEST_F(WholeFile, ReplacesAFileWholeOrLeavesItAsItWas) {
  const fs::path path = folder_ / "design.json";
  write_whole_file(path, text_content("first"));
  write_whole_file(path, text_content("second"));
  EXPECT_EQ(text_in(path), "second");
  // A writer that fails half-way, by saying so or by throwing: the file keeps what it had.
  const auto half_then = [](bool throws) {
    return [throws](const fs::path& hidden) {
      std::ofstream(hidden) << "half";
      if (throws) throw std::runtime_error("the encoder failed");
      return false;
    };
  };
  EXPECT_THROW(write_whole_file(path, half_then(false)), FileWriteError);
  EXPECT_THROW(write_whole_file(path, half_then(true)), std::runtime_error);
  EXPECT_EQ(text_in(path), "second");
  EXPECT_EQ(names_in(folder_), std::set<std::string>{"design.json"}) << "no hidden file left behind";
  try {
    write_whole_file(folder_ / "gone/design.json", text_content("x"));
    ADD_FAILURE() << "a folder that does not exist";
  } catch (const FileWriteError& e) {
    EXPECT_EQ(std::string(e.what()).rfind((folder_ / "gone/design.json").string() + ": cannot be written (", 0), 0u) << e.what();
  }
  // The hidden name keeps the extension (OpenCV and cairo choose the format by it) and is unique.
  const fs::path a = temporary_path_beside(path), b = temporary_path_beside(path);
  EXPECT_NE(a, b);
  EXPECT_EQ(a.extension(), ".json");
  EXPECT_EQ(a.filename().string().front(), '.');
}

TEST_F(WholeFile, ANewFileNeverReplacesOneEvenFromTwoProcessesAtOnce) {
  constexpr int kEach = 40;
  const auto names = [](int n) { return "snapshot" + (n == 0 ? std::string() : "-" + std::to_string(n + 1)) + ".txt"; };
  const auto save_all = [&](const std::string& who) {
    for (int i = 0; i < kEach; ++i) write_new_file(folder_, names, text_content(who + " " + std::to_string(i)));
  };
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    save_all("child");
    std::_Exit(0);
  }
  save_all("parent");
  int status = 0;
  ::waitpid(child, &status, 0);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  std::set<std::string> contents;
  for (const std::string& name : names_in(folder_)) {
    EXPECT_NE(name.front(), '.') << "left behind: " << name;
    contents.insert(text_in(folder_ / name));
  }
  EXPECT_EQ(contents.size(), 2u * kEach) << "every save kept, none replaced";

  // An empty name ends the search: a file that must exist once (a patient's) is not written twice.
  const fs::path once = write_new_file(folder_, [](int n) { return n == 0 ? std::string("snapshot.txt") : std::string(); },
                                       text_content("late"));
  EXPECT_TRUE(once.empty());
  EXPECT_NE(text_in(folder_ / "snapshot.txt"), "late");
  EXPECT_EQ(names_in(folder_).size(), 2u * kEach);
}

TEST_F(WholeFile, SnapshotsFromTwoMirrorsInOneSecondAreAllKept) {
  const RgbaImage picture(32, 24, pack_rgba(200, 120, 40));
  constexpr int kEach = 5;
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    for (int i = 0; i < kEach; ++i) save_snapshot(picture, folder_);
    std::_Exit(0);
  }
  for (int i = 0; i < kEach; ++i) save_snapshot(picture, folder_);
  int status = 0;
  ::waitpid(child, &status, 0);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  const std::set<std::string> names = names_in(folder_);
  EXPECT_EQ(names.size(), 2u * kEach);
  for (const std::string& name : names) EXPECT_EQ(name.rfind("smpview-snapshot-", 0), 0u) << name;
}

}  // namespace
}  // namespace smp
