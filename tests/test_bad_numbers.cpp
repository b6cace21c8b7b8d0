// Every numeric option of every command, as a person may mistype it: NaN, infinities, numbers no
// double holds, nothing, and values just outside the range the help states. Each is refused before
// anything runs: exit code 2, one line naming the option, no file written. The options are read from
// each command's own --help, so an option added later is tried too.
#include <gtest/gtest.h>

#include <cstdio>
#include <regex>
#include <sstream>

#include "test_support.h"

namespace smp {
namespace {

namespace fs = std::filesystem;

struct NumericOption {
  std::string name;
  bool bounded = false;
  double min = 0.0, max = 0.0;
};

// "  --pitch FLOAT:FLOAT in [-60 - 60]" or "  --seed UINT=1 ...": the options whose value is a number.
std::vector<NumericOption> numeric_options(const std::string& help) {
  static const std::regex line(R"(^\s+(--[a-z-]+) (?:FLOAT|INT|UINT)(?::(?:FLOAT|INT|UINT) in \[(\S+) - (\S+)\])?)");
  std::vector<NumericOption> options;
  std::istringstream lines(help);
  for (std::string text; std::getline(lines, text);) {
    std::smatch m;
    if (!std::regex_search(text, m, line)) continue;
    NumericOption o{.name = m[1]};
    if (m[2].matched) o.bounded = true, o.min = std::stod(m[2]), o.max = std::stod(m[3]);
    options.push_back(o);
  }
  return options;
}

using BadNumbers = test::TempFolderTest;

TEST_F(BadNumbers, EveryNumericOptionRefusesNanInfinityNothingAndOutOfRangeWithOneLine) {
  // Each command with the arguments it requires, all valid, writing into the test's folder.
  const std::string out = (folder_ / "out").string();
  const std::vector<std::pair<std::string, std::string>> commands = {
      {"render", "--output " + out + ".png"},
      {"live", "--input demo"},
      {"track", "--input demo --output " + out + ".jsonl"},
      {"kiosk", "--input demo"},
      {"sheet", "--input demo --output " + out + ".pdf"},
      {"bench splat", ""},
      {"bench track", ""},
      {"bench live", ""}};
  int cases = 0, options_tried = 0;
  for (const auto& [command, required] : commands) {
    const std::vector<NumericOption> options = numeric_options(test::smpview(command + " --help").output);
    EXPECT_FALSE(options.empty()) << command;
    for (const NumericOption& option : options) {
      std::vector<std::string> values = {"nan", "NaN", "inf", "-inf", "1e999", "-1e999", ""};
      if (option.bounded) {
        const double span = std::max(option.max - option.min, 1.0);
        values.push_back(std::to_string(option.min - span));
        values.push_back(std::to_string(option.max + span));
      }
      for (const std::string& value : values) {
        SCOPED_TRACE(command + " " + option.name + "=" + value);
        // A value that got through would start the command: the timeout ends a mirror or a benchmark.
        const test::CommandResult run =
            test::smpview_with_environment("timeout 60 env", command + " " + required + " '" + option.name + "=" + value + "'");
        EXPECT_EQ(run.exit_code, 2) << run.output;
        EXPECT_NE(run.output.find(option.name), std::string::npos) << "names the option: " << run.output;
        EXPECT_EQ(std::count(run.output.begin(), run.output.end(), '\n'), 1) << "one line: " << run.output;
        ++cases;
      }
      ++options_tried;
    }
  }
  EXPECT_TRUE(fs::is_empty(folder_)) << "nothing written";
  std::printf("bad numbers: %d cases over %d numeric options of %zu commands, all refused with exit code 2 and one line\n",
              cases, options_tried, commands.size());
  EXPECT_GE(options_tried, 30);
}

TEST_F(BadNumbers, ADesignFileWithANumberNoDoubleHoldsIsABadArgument) {
  const fs::path design = folder_ / "huge.json";
  std::ofstream(design) << "{\"version\": 1, \"hairline_height_mm\": 1e999}\n";
  const test::CommandResult run = test::smpview("render --output " + (folder_ / "x.png").string() + " --design " + design.string());
  EXPECT_EQ(run.exit_code, 2) << run.output;
  EXPECT_NE(run.output.find(design.string()), std::string::npos) << run.output;
  EXPECT_FALSE(fs::exists(folder_ / "x.png"));
}

}  // namespace
}  // namespace smp
