// Saved consultations: designs kept per patient in the data folder, every save a new file, any name safe.
#include <gtest/gtest.h>

#include <chrono>
#include <set>
#include <thread>

#include <signal.h>
#include <sys/wait.h>

#include "dots/consultation_store.h"
#include "dots/design_file.h"
#include "test_support.h"

namespace smp {
namespace {

namespace fs = std::filesystem;
using Consultations = test::TempFolderTest;

SmpDesign design_with_hairline(double mm) {
  SmpDesign d;
  d.hairline_height_mm = mm;
  d.shade = 0.6;
  d.hairline_shape = HairlineShape::kFrontalPeak;
  return d;
}

std::vector<fs::path> files_under(const fs::path& folder) {
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(folder))
    if (e.is_regular_file()) files.push_back(e.path());
  return files;
}

// `pattern`: 'd' a digit, anything else itself.
bool matches(const std::string& pattern, const std::string& text) {
  if (pattern.size() != text.size()) return false;
  for (size_t i = 0; i < text.size(); ++i)
    if (pattern[i] == 'd' ? !std::isdigit(static_cast<unsigned char>(text[i])) : pattern[i] != text[i]) return false;
  return true;
}

// Lower-case ASCII letters, digits and single dashes, ending in a 16-digit hex hash.
bool safe_folder_name(const std::string& name) {
  if (name.size() < 16 || name.find("--") != std::string::npos || name.front() == '-') return false;
  for (size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    const bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
    if (i >= name.size() - 16 ? !hex : !(hex || (c >= 'g' && c <= 'z') || c == '-')) return false;
  }
  return name.size() == 16 || name[name.size() - 17] == '-';
}

TEST_F(Consultations, ASavedDesignOpensAgainAndEverySaveIsKept) {
  ConsultationStore store(folder_);
  const fs::path first = store.save("Anna Müller", design_with_hairline(85.0));
  const fs::path second = store.save("Anna Müller", design_with_hairline(78.0));
  EXPECT_NE(first, second);
  EXPECT_EQ(read_design_file(first).hairline_height_mm, 85.0) << "the older version is still there";

  const ConsultationStore reopened(folder_);  // the next session, another run of the program
  EXPECT_EQ(reopened.patients(), std::vector<std::string>{"Anna Müller"});
  const std::vector<SavedDesign> saves = reopened.saves_of("Anna Müller");
  ASSERT_EQ(saves.size(), 2u);
  EXPECT_EQ(saves[0].file, first);
  EXPECT_EQ(saves[1].file, second);
  EXPECT_TRUE(matches("dddd-dd-ddTdd-dd-dd.dddZ", saves[1].saved_at)) << saves[1].saved_at;
  EXPECT_EQ(design_to_json(reopened.open_latest("Anna Müller")), design_to_json(design_with_hairline(78.0)));
  EXPECT_THROW(reopened.open_latest("Somebody Else"), ConsultationError);
}

TEST_F(Consultations, SavesMomentsApartNeverReplaceEachOther) {
  ConsultationStore store(folder_);
  for (int i = 0; i < 40; ++i) store.save("P-0042", design_with_hairline(60.0 + i));
  const std::vector<SavedDesign> saves = store.saves_of("P-0042");
  ASSERT_EQ(saves.size(), 40u);
  for (int i = 0; i < 40; ++i)
    EXPECT_EQ(read_design_file(saves[i].file).hairline_height_mm, 60.0 + i) << "saves in the order they were made";
  EXPECT_EQ(store.open_latest("P-0042").hairline_height_mm, 99.0);
}

TEST_F(Consultations, AnyPatientNameIsStoredSafelyUnderADerivedFolderName) {
  const std::vector<std::string> names = {
      "Zoë O'Brien", "../../etc/passwd", "a/b\\c", "\"quoted\" <b>", "名前 テスト", ".", "..", "CON", "-rf *",
      "anna", "Anna", "ANNA", std::string(5000, 'x'), std::string(300, 'x') + "y", "\t tabbed\n"};
  ConsultationStore store(folder_);
  std::set<std::string> folders;
  for (const std::string& name : names) {
    const fs::path file = store.save(name, SmpDesign{});
    const std::string folder = file.parent_path().filename().string();
    EXPECT_EQ(file.parent_path().parent_path(), folder_ / "consultations") << name << ": stays in the data folder";
    EXPECT_TRUE(safe_folder_name(folder)) << folder;
    EXPECT_LE(folder.size(), 57u);
    folders.insert(folder);
  }
  EXPECT_EQ(folders.size(), names.size()) << "different names (case included) never share a folder";
  std::vector<std::string> listed = store.patients();
  std::vector<std::string> expected = names;
  expected.back() = "tabbed";  // surrounding white space is not part of the name
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(listed, expected) << "the names come back exactly as typed";
  EXPECT_EQ(ConsultationStore::folder_name_of("Zoë O'Brien").substr(0, 10), "zo-o-brien");

  EXPECT_THROW(store.save("   ", SmpDesign{}), ConsultationError);
  EXPECT_THROW(store.save("bad \xff\xfe bytes", SmpDesign{}), ConsultationError);

  // A patient.json edited down to a blank name (found by tests/fuzz) names no one: not listed, so the
  // panel never offers a patient it cannot open.
  std::ofstream(folder_ / "consultations" / ConsultationStore::folder_name_of("anna") / "patient.json") << R"({"patient": " \t"})";
  listed = store.patients();
  EXPECT_EQ(listed.size(), names.size() - 1);
  EXPECT_EQ(std::count(listed.begin(), listed.end(), "anna"), 0);
}

TEST_F(Consultations, ASaveKilledMidwayLeavesEveryEarlierVersionIntact) {
  ConsultationStore store(folder_);
  store.save("Kim", design_with_hairline(70.0));
  // A child saves as fast as it can and is killed at an arbitrary moment, over and over: some kills
  // land in the middle of a save.
  for (int round = 0; round < 6; ++round) {
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      for (int i = 0;; ++i) store.save("Kim", design_with_hairline(60.0 + i % 40));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(40 + 17 * round));
    ::kill(child, SIGKILL);
    int status = 0;
    ::waitpid(child, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status));
  }
  int killed_mid_save = 0;
  for (const fs::path& file : files_under(folder_)) killed_mid_save += file.filename().string().front() == '.';
  std::cout << "saves: " << store.saves_of("Kim").size() << ", kills that left a hidden partial file: "
            << killed_mid_save << "\n";
  const std::vector<SavedDesign> saves = store.saves_of("Kim");
  ASSERT_GT(saves.size(), 6u);
  EXPECT_EQ(read_design_file(saves.front().file).hairline_height_mm, 70.0);
  for (const SavedDesign& s : saves) EXPECT_NO_THROW(read_design_file(s.file)) << s.file;
  EXPECT_EQ(store.patients(), std::vector<std::string>{"Kim"});
  EXPECT_NO_THROW(store.save("Kim", SmpDesign{})) << "leftovers of a killed save do not block the next one";
}

TEST(DataFolder, FollowsXdgDataHomeThenHome) {
  const std::string old_xdg = std::getenv("XDG_DATA_HOME") ? std::getenv("XDG_DATA_HOME") : "";
  ::setenv("XDG_DATA_HOME", "/srv/clinic-data", 1);
  EXPECT_EQ(default_data_folder(), fs::path("/srv/clinic-data/smpview"));
  ::setenv("XDG_DATA_HOME", "relative/ignored", 1);  // the specification says to ignore relative paths
  ::setenv("HOME", ::getenv("HOME") ? ::getenv("HOME") : "/root", 1);
  EXPECT_EQ(default_data_folder(), fs::path(std::getenv("HOME")) / ".local/share/smpview");
  if (old_xdg.empty()) ::unsetenv("XDG_DATA_HOME");
  else ::setenv("XDG_DATA_HOME", old_xdg.c_str(), 1);
}

}  // namespace
}  // namespace smp
