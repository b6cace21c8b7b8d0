#include "ui/kiosk_panel.h"

#include <algorithm>

#include <GLFW/glfw3.h>
#include <imgui.h>

namespace smp {
namespace {

constexpr ImGuiWindowFlags kFixed = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize |
                                    ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoMove;
// Finger-sized: about 1.5 cm on a 24-inch full-HD screen.
constexpr float kButtonHeight = 64.0f, kTextScale = 1.8f;

// A row of buttons, the chosen one highlighted; returns the one pressed, or -1.
int choice_row(const char* title, const std::vector<std::string>& names, int chosen) {
  ImGui::TextUnformatted(title);
  int pressed = -1;
  for (int i = 0; i < int(names.size()); ++i) {
    if (i > 0) ImGui::SameLine();
    const bool on = i == chosen;
    if (on) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
    if (ImGui::Button(names[size_t(i)].c_str(), ImVec2(0.0f, kButtonHeight))) pressed = i;
    if (on) ImGui::PopStyleColor();
  }
  return pressed;
}

}  // namespace

void draw_attract(const KioskPanelState& s) {
  const ImVec2 size = ImGui::GetIO().DisplaySize;
  ImGui::SetNextWindowPos(ImVec2(size.x * 0.5f, size.y * 0.82f), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowBgAlpha(0.7f);
  ImGui::Begin("##invitation", nullptr, kFixed | ImGuiWindowFlags_NoInputs);
  ImGui::SetWindowFontScale(2.6f);
  ImGui::TextUnformatted(s.invitation.c_str());
  ImGui::End();
}

void draw_preview_controls(KioskPanelState& s) {
  // Keys as well as touches: 1-9 the looks, Left/Right the shades, B or Space before/after.
  for (int i = 0; i < int(s.looks.size()) && i < 9; ++i)
    if (ImGui::IsKeyPressed(GLFW_KEY_1 + i, false)) s.look = i;
  const int shades = int(s.shades.size());
  if (ImGui::IsKeyPressed(GLFW_KEY_RIGHT, false)) s.shade = std::min(s.shade + 1, shades - 1);
  if (ImGui::IsKeyPressed(GLFW_KEY_LEFT, false)) s.shade = std::max(s.shade - 1, 0);
  if (ImGui::IsKeyPressed(GLFW_KEY_B, false) || ImGui::IsKeyPressed(GLFW_KEY_SPACE, false)) s.wipe = s.wipe > 0.5f ? 0.0f : 1.0f;
  const ImVec2 size = ImGui::GetIO().DisplaySize;
  ImGui::SetNextWindowPos(ImVec2(size.x * 0.5f, size.y - 16.0f), ImGuiCond_Always, ImVec2(0.5f, 1.0f));
  ImGui::SetNextWindowBgAlpha(0.75f);
  ImGui::Begin("##looks", nullptr, kFixed);
  ImGui::SetWindowFontScale(kTextScale);
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(16.0f, 12.0f));
  ImGui::BeginGroup();
  if (const int i = choice_row("Hairline", s.looks, s.look); i >= 0) s.look = i;
  ImGui::EndGroup();
  ImGui::SameLine(0.0f, 40.0f);
  ImGui::BeginGroup();
  if (const int i = choice_row("Shade", s.shades, s.shade); i >= 0) s.shade = i;
  ImGui::EndGroup();
  ImGui::SameLine(0.0f, 40.0f);
  ImGui::BeginGroup();
  ImGui::TextUnformatted("Compare");
  if (ImGui::Button(s.wipe > 0.5f ? "Show before" : "Show after", ImVec2(0.0f, kButtonHeight))) s.wipe = s.wipe > 0.5f ? 0.0f : 1.0f;
  ImGui::EndGroup();
  ImGui::PopStyleVar();
  ImGui::End();
}

KioskRequests draw_staff_access(KioskPanelState& s) {
  KioskRequests r;
  r.escape = ImGui::IsKeyPressed(GLFW_KEY_ESCAPE, false);
  if (r.escape) s.keypad_open = false, s.unlocked = false, s.typed_pin.clear();
  const ImVec2 size = ImGui::GetIO().DisplaySize;
  if (!s.keypad_open && !s.unlocked) {
    ImGui::SetNextWindowPos(ImVec2(size.x - 8.0f, 8.0f), ImGuiCond_Always, ImVec2(1.0f, 0.0f));
    ImGui::SetNextWindowBgAlpha(0.25f);
    ImGui::Begin("##staff", nullptr, kFixed);
    if (ImGui::SmallButton("Staff")) s.keypad_open = true, s.typed_pin.clear(), s.staff_message.clear();
    ImGui::End();
    return r;
  }
  ImGui::SetNextWindowPos(ImVec2(size.x * 0.5f, size.y * 0.5f), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::Begin("Staff", nullptr, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings);
  ImGui::SetWindowFontScale(kTextScale);
  if (s.unlocked) {
    if (ImGui::Button("Exit the kiosk", ImVec2(260.0f, kButtonHeight))) r.exit = true;
    if (ImGui::Button("Back", ImVec2(260.0f, kButtonHeight))) s.unlocked = false, s.keypad_open = false;
  } else {
    ImGui::Text("PIN: %s", std::string(s.typed_pin.size(), '*').c_str());
    const char* keys[] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "C", "0", "OK"};
    for (int i = 0; i < 12; ++i) {
      if (i % 3) ImGui::SameLine();
      if (!ImGui::Button(keys[i], ImVec2(kButtonHeight * 1.3f, kButtonHeight))) continue;
      const std::string key = keys[i];
      if (key == "C") s.typed_pin.clear();
      else if (key == "OK") r.check_pin = true;
      else if (s.typed_pin.size() < 8) s.typed_pin += key;
    }
    if (ImGui::Button("Cancel", ImVec2(kButtonHeight * 3.9f + 16.0f, kButtonHeight * 0.7f))) s.keypad_open = false;
  }
  if (!s.staff_message.empty()) ImGui::TextUnformatted(s.staff_message.c_str());
  ImGui::End();
  return r;
}

}  // namespace smp
