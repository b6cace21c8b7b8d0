// Every numeric option of every command, as a person may mistype it: NaN, infinities, numbers no
// double holds, nothing, and values just outside the range the help states. Each is refused before
// anything runs: exit code 2, one line naming the option. The options are read from each command's own
// help, so an option added later is tried too. Every case is parsed in process, by the command line
// smpview's main() parses (app/smpview_command_line.h); one case per command goes through the built
// smpview, which must exit with that code and that line and write nothing.
#include <gtest/gtest.h>

#include <cstdio>
#include <regex>
#include <sstream>

#include "app/smpview_command_line.h"
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

// What a person may type for `option` by mistake.
std::vector<std::string> bad_values(const NumericOption& option) {
  std::vector<std::string> values = {"nan", "NaN", "inf", "-inf", "1e999", "-1e999", ""};
  if (option.bounded) {
    const double span = std::max(option.max - option.min, 1.0);
    values.push_back(std::to_string(option.min - span));
    values.push_back(std::to_string(option.max + span));
  }
  return values;
}

// A command ("bench track": its words) with the arguments it requires, all valid.
struct Command {
  std::vector<std::string> words, required;
  // The words and the required arguments, then `argument`.
  std::vector<std::string> arguments(const std::string& argument) const {
    std::vector<std::string> all = words;
    all.insert(all.end(), required.begin(), required.end());
    all.push_back(argument);
    return all;
  }
  std::string text() const {
    std::string joined;
    for (const std::string& w : words) joined += (joined.empty() ? "" : " ") + w;
    return joined;
  }
};

CLI::App* command_app(SmpviewCommandLine& commands, const Command& command) {
  CLI::App* app = &commands.app;
  for (const std::string& word : command.words) app = app->get_subcommand(word);
  return app;
}

// What smpview does with a command line: stop with an exit code (none: the command runs), and what it said.
struct ParseOutcome {
  std::optional<int> exit_code;
  std::string errors;
};

ParseOutcome parse_in_process(const Command& command, const std::string& argument) {
  const std::vector<std::string> arguments = command.arguments(argument);
  std::vector<const char*> argv = {"smpview"};
  for (const std::string& a : arguments) argv.push_back(a.c_str());
  SmpviewCommandLine commands;
  std::ostringstream errors;
  const std::optional<int> exit_code = commands.parse(int(argv.size()), argv.data(), errors);
  return {exit_code, errors.str()};
}

void expect_refused(const ParseOutcome& outcome, const std::string& option) {
  EXPECT_EQ(outcome.exit_code, 2) << outcome.errors;
  EXPECT_NE(outcome.errors.find(option), std::string::npos) << "names the option: " << outcome.errors;
  EXPECT_EQ(std::count(outcome.errors.begin(), outcome.errors.end(), '\n'), 1) << "one line: " << outcome.errors;
}

using BadNumbers = test::TempFolderTest;

TEST_F(BadNumbers, EveryNumericOptionRefusesNanInfinityNothingAndOutOfRangeWithOneLine) {
  const std::string out = (folder_ / "out").string();
  const std::vector<Command> commands = {
      {{"render"}, {"--output", out + ".png"}},
      {{"live"}, {"--input", "demo"}},
      {{"track"}, {"--input", "demo", "--output", out + ".jsonl"}},
      {{"kiosk"}, {"--input", "demo"}},
      {{"sheet"}, {"--input", "demo", "--output", out + ".pdf"}},
      {{"bench", "splat"}, {}},
      {{"bench", "track"}, {}},
      {{"bench", "live"}, {}}};
  int cases = 0, options_tried = 0;
  for (const Command& command : commands) {
    SmpviewCommandLine for_help;
    const std::vector<NumericOption> options = numeric_options(command_app(for_help, command)->help());
    EXPECT_FALSE(options.empty()) << command.text();
    for (const NumericOption& option : options) {
      for (const std::string& value : bad_values(option)) {
        SCOPED_TRACE(command.text() + " " + option.name + "=" + value);
        expect_refused(parse_in_process(command, option.name + "=" + value), option.name);
        ++cases;
      }
      ++options_tried;
    }
    if (options.empty()) continue;
    // The built program: the first option's first bad value. A value that got through would start the
    // command: the timeout ends a mirror or a benchmark.
    const std::string argument = options.front().name + "=" + bad_values(options.front()).front();
    SCOPED_TRACE("smpview " + command.text() + " " + argument);
    std::string quoted;
    for (const std::string& a : command.arguments(argument)) quoted += " '" + a + "'";
    const test::CommandResult run = test::smpview_with_environment("timeout 60 env", quoted);
    expect_refused({run.exit_code, run.output}, options.front().name);
    EXPECT_EQ(run.output, parse_in_process(command, argument).errors) << "the same line as parsed in process";
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
