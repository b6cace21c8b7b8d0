// The kiosk's settings file, its PIN and what it remembers about a passer-by, without a window.
#include <gtest/gtest.h>

#include <fstream>

#include "app/kiosk_config.h"
#include "app/kiosk_pin.h"
#include "app/kiosk_session.h"
#include "test_support.h"

namespace smp {
namespace {

namespace fs = std::filesystem;

TEST(KioskConfig, AFileNamesOnlyWhatItChangesAndRoundTrips) {
  const KioskConfig c = parse_kiosk_config(R"({"forget_after_s": 4, "looks": [{"name": "Bold", "design": {"hairline_height_mm": 70}}]})");
  EXPECT_EQ(c.forget_after_s, 4.0);
  ASSERT_EQ(c.looks.size(), 1u);
  EXPECT_EQ(c.looks[0].name, "Bold");
  EXPECT_EQ(c.looks[0].design.hairline_height_mm, 70.0);
  EXPECT_EQ(c.looks[0].design.density_per_cm2, SmpDesign{}.density_per_cm2) << "the rest of the design is the default";
  EXPECT_EQ(c.shades.size(), default_kiosk_config().shades.size()) << "shades not named: the defaults";
  EXPECT_EQ(c.face_confirm_s, 1.0);
  const KioskConfig again = parse_kiosk_config(kiosk_config_to_json(c));
  EXPECT_EQ(kiosk_config_to_json(again), kiosk_config_to_json(c));
}

TEST(KioskConfig, EachBadFieldIsNamedWithItsProblem) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {R"({"forget_after_s": -3})", "forget_after_s: -3 is outside 1"},
      {R"({"forget_after_s": "ten"})", "forget_after_s: must be a number"},
      {R"({"looks": []})", "looks: must be a list of 1 to 8"},
      {R"({"looks": [{"name": "A"}, {"name": "B", "design": {"shade": 3}}]})", "looks[1].design.shade: 3 is outside"},
      {R"({"looks": [{"design": {}}]})", "looks[0].name: must be a non-empty text"},
      {R"({"shades": [{"name": "Ink", "shade": 1.5}]})", "shades[0].shade: 1.5 is outside"},
      {R"({"forget_after": 5})", "forget_after: not a kiosk setting (a typo?)"},
      {R"({"looks": [{"name": "A", "colour": 1}]})", "looks[0].colour: not a kiosk setting"},
      {R"({"forget_after_s": 5,})", "not valid JSON"},
  };
  for (const auto& [text, expected] : cases) {
    try {
      parse_kiosk_config(text);
      ADD_FAILURE() << text << " was accepted";
    } catch (const KioskConfigError& e) {
      EXPECT_NE(std::string(e.what()).find(expected), std::string::npos) << text << " -> " << e.what();
    }
  }
}

using KioskFiles = test::TempFolderTest;

TEST_F(KioskFiles, AMissingFileIsTheDefaultsAndABadOneNamesTheFile) {
  EXPECT_EQ(kiosk_config_to_json(read_kiosk_config(folder_ / "none.json")), kiosk_config_to_json(default_kiosk_config()));
  std::ofstream(folder_ / "bad.json") << R"({"face_confirm_s": 99})";
  try {
    read_kiosk_config(folder_ / "bad.json");
    ADD_FAILURE() << "accepted";
  } catch (const KioskConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("bad.json: face_confirm_s: 99 is outside"), std::string::npos) << e.what();
  }
  KioskConfig c = default_kiosk_config();
  c.invitation = "Welcome";
  write_kiosk_config(c, folder_ / "sub/kiosk.json");
  EXPECT_EQ(read_kiosk_config(folder_ / "sub/kiosk.json").invitation, "Welcome");
}

TEST(KioskPin, OnlyASaltedHashIsKeptAndOnlyTheRightPinMatches) {
  const std::string a = hash_pin("4711"), b = hash_pin("4711");
  EXPECT_NE(a, b) << "a new salt each time";
  EXPECT_EQ(a.find("4711"), std::string::npos);
  EXPECT_EQ(a.rfind("$argon2id$", 0), 0u) << a;
  EXPECT_TRUE(pin_matches(a, "4711"));
  EXPECT_TRUE(pin_matches(b, "4711"));
  EXPECT_FALSE(pin_matches(a, "4712"));
  EXPECT_FALSE(pin_matches(a, ""));
  EXPECT_FALSE(pin_matches("", "4711")) << "no PIN set: nothing unlocks";
  EXPECT_THROW(hash_pin("123"), PinError);
  EXPECT_THROW(hash_pin("12a4"), PinError);
  EXPECT_THROW(hash_pin("123456789"), PinError);
}

TEST(KioskSession, AFaceForASecondStartsThePreviewAndTenSecondsWithoutOneForgetsThePerson) {
  const KioskConfig config = default_kiosk_config();
  KioskSession s(config);
  double t = 0.0;
  const auto run = [&](double seconds, bool face) {
    for (const double end = t + seconds; t < end; t += 1.0 / 30.0) s.update(t, face);
  };
  run(5.0, false);
  EXPECT_EQ(s.screen(), KioskScreen::kAttract);
  run(0.8, true);
  EXPECT_EQ(s.screen(), KioskScreen::kAttract) << "a face passing by for under a second";
  run(0.5, false);
  run(0.5, true);
  EXPECT_EQ(s.screen(), KioskScreen::kAttract) << "the second must be without a break";
  run(0.6, true);
  EXPECT_EQ(s.screen(), KioskScreen::kPreview);
  EXPECT_EQ(s.visitors(), 1u);
  s.choices() = {.look = 2, .shade = 1, .wipe = 0.3f};
  EXPECT_EQ(s.design().hairline_height_mm, config.looks[2].design.hairline_height_mm);
  EXPECT_EQ(s.design().shade, config.shades[1].shade);
  run(9.0, false);
  run(0.1, true);  // looked back just in time
  run(9.5, false);
  EXPECT_EQ(s.screen(), KioskScreen::kPreview);
  EXPECT_EQ(s.choices().look, 2) << "still the same person";
  run(1.0, false);
  EXPECT_EQ(s.screen(), KioskScreen::kAttract);
  EXPECT_EQ(s.choices().look, 0) << "forgotten";
  EXPECT_EQ(s.choices().shade, 0);
  EXPECT_EQ(s.choices().wipe, 1.0f);
  run(1.1, true);
  EXPECT_EQ(s.visitors(), 2u);
  EXPECT_EQ(s.design().hairline_height_mm, config.looks[0].design.hairline_height_mm) << "the next person starts afresh";
}

TEST_F(KioskFiles, SetPinStoresOnlyASaltedHashAndKeepsTheOtherSettings) {
  const fs::path config = folder_ / "kiosk.json";
  std::ofstream(config) << R"({"forget_after_s": 7})";
  test::CommandResult run = test::shell("printf '4711\\n4712\\n' | " + std::string(SMPVIEW_BINARY) + " kiosk --set-pin --config " + config.string());
  EXPECT_EQ(run.exit_code, 2) << run.output;
  EXPECT_NE(run.output.find("the two PINs differ"), std::string::npos) << run.output;
  EXPECT_TRUE(read_kiosk_config(config).pin_hash.empty()) << "nothing changed";
  run = test::shell("printf '4711\\n4711\\n' | " + std::string(SMPVIEW_BINARY) + " kiosk --set-pin --config " + config.string());
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const KioskConfig stored = read_kiosk_config(config);
  EXPECT_TRUE(pin_matches(stored.pin_hash, "4711"));
  EXPECT_EQ(stored.forget_after_s, 7.0);
  std::ifstream in(config);
  EXPECT_EQ(std::string((std::istreambuf_iterator<char>(in)), {}).find("4711"), std::string::npos) << "never the PIN itself";
}

TEST_F(KioskFiles, TheServiceInstallerWritesAUserUnitThatRunsThisKioskAndEnablesIt) {
  // systemctl is replaced by a script that notes its arguments: the test needs no running systemd.
  const fs::path bin = folder_ / "bin", calls = folder_ / "systemctl-calls.txt";
  fs::create_directories(bin);
  std::ofstream(bin / "systemctl") << "#!/bin/sh\necho \"$@\" >> " << calls.string() << "\n";
  fs::permissions(bin / "systemctl", fs::perms::owner_all);
  const test::CommandResult run = test::shell("PATH=" + bin.string() + ":$PATH XDG_CONFIG_HOME=" + folder_.string() + " " +
                                              SMP_SOURCE_DIR + "/scripts/install-kiosk-service.sh " + SMPVIEW_BINARY);
  ASSERT_EQ(run.exit_code, 0) << run.output;
  std::ifstream unit(folder_ / "systemd/user/smpview-kiosk.service");
  const std::string text((std::istreambuf_iterator<char>(unit)), {});
  EXPECT_NE(text.find("ExecStart=" + fs::canonical(SMPVIEW_BINARY).string() + " kiosk\n"), std::string::npos) << text;
  EXPECT_NE(text.find("Restart=on-failure"), std::string::npos) << "a crash is restarted; a SIGTERM stop is not";
  std::ifstream called(calls);
  const std::string commands((std::istreambuf_iterator<char>(called)), {});
  EXPECT_NE(commands.find("--user daemon-reload"), std::string::npos) << commands;
  EXPECT_NE(commands.find("--user enable --now smpview-kiosk.service"), std::string::npos) << commands;
  EXPECT_EQ(test::shell(std::string(SMP_SOURCE_DIR) + "/scripts/install-kiosk-service.sh /nonexistent").exit_code, 2);
}

}  // namespace
}  // namespace smp
