// `smpview bench splat` runs end to end (tiny sizes), with validation on, and prints what it promises.
#include <gtest/gtest.h>

#include <sstream>

#include "test_support.h"

namespace smp {
namespace {

// The number after "key": in a one-line JSON object, or -1 when the key is missing.
double json_number(const std::string& line, const std::string& key) {
  const size_t at = line.find("\"" + key + "\": ");
  return at == std::string::npos ? -1.0 : std::stod(line.substr(at + key.size() + 4));
}

TEST(BenchCommand, PrintsOneJsonRowPerDotCountAndSize) {
  const test::CommandResult run =
      test::smpview("bench splat --json --iterations 1 --dots 2000 9000 --sizes 64x48 80x60");
  ASSERT_EQ(run.exit_code, 0) << run.output;
  std::istringstream lines(run.output);
  int rows = 0;
  for (std::string line; std::getline(lines, line);) {
    if (line.empty() || line.front() != '{') continue;
    const double dots = json_number(line, "dots");
    EXPECT_NEAR(dots, rows < 2 ? 2000 : 9000, 0.05 * dots) << line;  // the field's count is statistical
    EXPECT_EQ(json_number(line, "width"), rows % 2 == 0 ? 64 : 80) << line;
    EXPECT_EQ(json_number(line, "height"), rows % 2 == 0 ? 48 : 60) << line;
    const double ms = json_number(line, "ms"), baseline = json_number(line, "baseline_ms");
    EXPECT_GT(ms, 0.0) << line;
    EXPECT_GT(baseline, 0.0) << line;
    EXPECT_NEAR(json_number(line, "mdots_per_s"), dots / (ms * 1e3), 0.01 + 0.01 * dots / (ms * 1e3)) << line;
    EXPECT_NEAR(json_number(line, "ratio"), baseline / ms, 0.01 + 0.01 * baseline / ms) << line;
    ++rows;
  }
  EXPECT_EQ(rows, 4) << run.output;
  EXPECT_EQ(run.output.find("validation"), std::string::npos) << run.output;
}

TEST(BenchCommand, TableHasItsColumns) {
  const test::CommandResult run = test::smpview("bench splat --iterations 1 --dots 1000 --sizes 64x48");
  ASSERT_EQ(run.exit_code, 0) << run.output;
  for (const char* column : {"dots", "resolution", "ms/frame", "Mdots/s", "baseline ms", "ratio"})
    EXPECT_NE(run.output.find(column), std::string::npos) << column << "\n" << run.output;
}

}  // namespace
}  // namespace smp
