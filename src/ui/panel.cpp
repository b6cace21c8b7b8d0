#include "ui/panel.h"

#include <algorithm>
#include <cstdio>
#include <iterator>

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_stdlib.h>

#include "tracking/marked_points.h"

namespace smp {
namespace {

namespace limits = design_limits;

// ImGui's sliders edit floats; the design keeps doubles.
bool slider(const char* label, double& value, double lo, double hi, const char* format) {
  float v = float(value);
  const bool changed = ImGui::SliderFloat(label, &v, float(lo), float(hi), format, ImGuiSliderFlags_AlwaysClamp);
  if (changed) value = v;
  return changed;
}

void apply_shortcuts(PanelState& s, PanelRequests& r) {
  if (ImGui::GetIO().WantTextInput) return;
  const auto pressed = [](int key) { return ImGui::IsKeyPressed(key, true); };
  if (pressed(GLFW_KEY_UP)) s.design.hairline_height_mm = std::min(limits::kMaxHairlineHeightMm, s.design.hairline_height_mm + 1.0);
  if (pressed(GLFW_KEY_DOWN)) s.design.hairline_height_mm = std::max(limits::kMinHairlineHeightMm, s.design.hairline_height_mm - 1.0);
  if (pressed(GLFW_KEY_RIGHT)) s.design.shade = std::min(limits::kMaxShade, s.design.shade + 0.05);
  if (pressed(GLFW_KEY_LEFT)) s.design.shade = std::max(limits::kMinShade, s.design.shade - 0.05);
  if (pressed(GLFW_KEY_PAGE_UP)) s.design.density_per_cm2 = std::min(s.max_density_per_cm2, s.design.density_per_cm2 + 5.0);
  if (pressed(GLFW_KEY_PAGE_DOWN)) s.design.density_per_cm2 = std::max(limits::kMinDensityPerCm2, s.design.density_per_cm2 - 5.0);
  if (ImGui::IsKeyPressed(GLFW_KEY_1, false)) s.design.session = 1;
  if (ImGui::IsKeyPressed(GLFW_KEY_2, false)) s.design.session = 2;
  if (ImGui::IsKeyPressed(GLFW_KEY_3, false)) s.design.session = 3;
  if (ImGui::IsKeyPressed(GLFW_KEY_B, false)) s.wipe = s.wipe > 0.5f ? 0.0f : 1.0f;
  if (ImGui::IsKeyPressed(GLFW_KEY_M, false)) s.mirror = !s.mirror;
  if (ImGui::IsKeyPressed(GLFW_KEY_L, false)) s.show_landmarks = !s.show_landmarks;
  if (ImGui::IsKeyPressed(GLFW_KEY_O, false)) s.show_outline = !s.show_outline;
  if (ImGui::IsKeyPressed(GLFW_KEY_S, false)) r.snapshot = true;
  if (ImGui::IsKeyPressed(GLFW_KEY_R, false)) r.toggle_recording = true;
  if (ImGui::IsKeyPressed(GLFW_KEY_F11, false) || ImGui::IsKeyPressed(GLFW_KEY_F, false)) r.toggle_fullscreen = true;
  if (ImGui::IsKeyPressed(GLFW_KEY_ESCAPE, false)) r.quit = true;
}

void draw_consultation(PanelState& s, PanelRequests& r) {
  if (!ImGui::CollapsingHeader("Consultation", ImGuiTreeNodeFlags_DefaultOpen)) return;
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12.0f);  // room for the label and both buttons on its line
  ImGui::InputTextWithHint("Patient", "name or ID", &s.patient);
  ImGui::SameLine();
  if (ImGui::Button("Save")) r.save_design = true;
  ImGui::SameLine();
  if (ImGui::Button("Sheet")) r.write_sheet = true;
  if (s.saved_patients.empty()) return;
  s.chosen_patient = std::clamp(s.chosen_patient, 0, int(s.saved_patients.size()) - 1);
  if (ImGui::BeginCombo("Saved", s.saved_patients[size_t(s.chosen_patient)].c_str())) {
    for (int i = 0; i < int(s.saved_patients.size()); ++i)
      if (ImGui::Selectable(s.saved_patients[size_t(i)].c_str(), i == s.chosen_patient)) s.chosen_patient = i;
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  if (ImGui::Button("Open")) r.open_design = true;
}

void draw_skin(PanelState& s, PanelRequests& r) {
  if (!ImGui::CollapsingHeader("Starting shade from the skin")) return;
  ImGui::TextWrapped("Hold a sheet of white paper flat beside the patient's cheek, facing the camera, and measure.");
  if (ImGui::Button("Measure skin")) r.measure_skin = true;
  if (s.suggested_shade) {
    ImGui::SameLine();
    char label[48];
    std::snprintf(label, sizeof label, "Use shade %.2f", *s.suggested_shade);
    if (ImGui::Button(label)) use_suggested_shade(s);
  }
  if (!s.skin.empty()) ImGui::TextWrapped("%s", s.skin.c_str());
}

// The photo's view, and its marked points: the name a click on the photo places, and what they did.
void draw_photo(PanelState& s, PanelRequests& r) {
  if (!s.photo || !ImGui::CollapsingHeader("This photo: view and points")) return;
  const char* views[] = {"guessed from it", "front", "left side", "right side", "top", "back"};  // PhotoView's order
  static_assert(std::size(views) == std::size_t(PhotoView::kBack) + 2);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10.0f);
  if (ImGui::Combo("View", &s.view, views, int(std::size(views)))) r.view_changed = true;
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("The clinic's standard view this photo shows: the head is then found by its outline, without a face. "
                      "Guessed, it is the view its face shows, or else its colours, when they are sure");
  ImGui::TextWrapped("Marked points: choose one, then click where it is on the photo (the patient's own left and "
                     "right). Three or more place the head.");
  const std::span<const std::string_view> names = marked_point_names();
  const std::string chosen = s.marking >= 0 && s.marking < int(names.size()) ? std::string(names[size_t(s.marking)]) : "(none)";
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10.0f);  // room for the label and both buttons on its line
  if (ImGui::BeginCombo("Click places", chosen.c_str())) {
    if (ImGui::Selectable("(none)", s.marking < 0)) s.marking = -1;
    for (int i = 0; i < int(names.size()); ++i)
      if (ImGui::Selectable(std::string(names[size_t(i)]).c_str(), i == s.marking)) s.marking = i;
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  if (ImGui::Button("Clear")) r.clear_points = true;
  ImGui::SameLine();
  if (ImGui::Button("Save##points")) r.save_points = true;
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("As a --points file beside the snapshots, for render and sheet");
  if (!s.points.empty()) ImGui::TextWrapped("%s", s.points.c_str());
}

}  // namespace

std::optional<PhotoView> chosen_view(int choice) {
  if (choice <= 0 || choice > int(PhotoView::kBack) + 1) return std::nullopt;
  return PhotoView(choice - 1);
}

int view_choice(std::optional<PhotoView> view) { return view ? int(*view) + 1 : 0; }

void use_suggested_shade(PanelState& s) {
  if (s.suggested_shade) s.design.shade = std::clamp(*s.suggested_shade, limits::kMinShade, limits::kMaxShade);
}

PanelRequests draw_panel(PanelState& s) {
  PanelRequests r;
  apply_shortcuts(s, r);
  ImGui::SetNextWindowPos(ImVec2(12, 12), ImGuiCond_Always);
  ImGui::SetNextWindowSize(ImVec2(440, 0), ImGuiCond_Always);
  ImGui::SetNextWindowBgAlpha(0.85f);
  ImGui::Begin("SMP design", nullptr, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse);
  ImGui::PushItemWidth(-ImGui::GetFontSize() * 8.5f);  // room for the labels on the right
  SmpDesign& d = s.design;
  slider("Hairline height", d.hairline_height_mm, limits::kMinHairlineHeightMm, limits::kMaxHairlineHeightMm, "%.0f mm");
  slider("Shade", d.shade, limits::kMinShade, limits::kMaxShade, "%.2f");
  slider("Density", d.density_per_cm2, limits::kMinDensityPerCm2, s.max_density_per_cm2, "%.0f dots/cm2");
  ImGui::Separator();
  slider("Dot size", d.dot_diameter_mm, limits::kMinDotDiameterMm, 1.2, "%.2f mm");
  slider("Softness", d.softness_mm, limits::kMinSoftnessMm, limits::kMaxSoftnessMm, "%.0f mm");
  const char* shapes[] = {"straight", "rounded", "receded temples", "frontal peak"};
  int shape = int(d.hairline_shape);
  if (ImGui::Combo("Hairline shape", &shape, shapes, int(std::size(shapes)))) d.hairline_shape = HairlineShape(shape);
  ImGui::SliderInt("Session", &d.session, 1, limits::kSessions, "after session %d", ImGuiSliderFlags_AlwaysClamp);
  ImGui::Checkbox("Healed look", &d.healed);
  ImGui::Separator();
  ImGui::SliderFloat("Before | after", &s.wipe, 0.0f, 1.0f, s.wipe >= 1.0f ? "after" : (s.wipe <= 0.0f ? "before" : "%.2f"));
  ImGui::Checkbox("Mirror", &s.mirror);
  ImGui::SameLine();
  ImGui::Checkbox("Landmarks", &s.show_landmarks);
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("The face's landmarks; on a photo with marked points (This photo, below), each point (a "
                      "pink ring) and where the head puts it (a line to a dot): the longest line is the worst-fitted point");
  ImGui::SameLine();
  ImGui::Checkbox("Head axes", &s.show_axes);
  ImGui::Checkbox("Scalp outline", &s.show_outline);
  ImGui::SameLine();
  ImGui::TextColored(ImVec4(kOutlineColour[0], kOutlineColour[1], kOutlineColour[2], 1.0f), "(this colour)");
  if (!s.scalp.empty()) ImGui::TextWrapped("%s", s.scalp.c_str());
  ImGui::Separator();
  if (ImGui::Button("Snapshot")) r.snapshot = true;
  ImGui::SameLine();
  if (ImGui::Button(s.recording ? "Stop recording" : "Record")) r.toggle_recording = true;
  ImGui::SameLine();
  if (ImGui::Button("Fullscreen")) r.toggle_fullscreen = true;
  ImGui::Text("%.0f frames/s, camera to screen %.0f ms", s.fps, s.latency_ms);
  if (!s.status.empty()) ImGui::TextWrapped("%s", s.status.c_str());
  draw_consultation(s, r);
  draw_skin(s, r);
  draw_photo(s, r);
  if (ImGui::CollapsingHeader("Keys")) {
    ImGui::TextUnformatted("Up/Down hairline, Left/Right shade, PgUp/PgDn density, 1-3 session,\n"
                           "B before/after, M mirror, L landmarks, O scalp outline, S snapshot, R record, F fullscreen, Esc quit");
  }
  ImGui::PopItemWidth();
  ImGui::End();
  return r;
}

void draw_message(const std::string& message) {
  if (message.empty()) return;
  const ImVec2 size = ImGui::GetIO().DisplaySize;
  ImGui::SetNextWindowPos(ImVec2(size.x * 0.5f, size.y * 0.85f), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowBgAlpha(0.75f);
  ImGui::Begin("##message", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoInputs |
                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing);
  ImGui::SetWindowFontScale(1.4f);
  ImGui::PushTextWrapPos(0.9f * size.x);  // a long message wraps rather than run off the screen
  ImGui::TextUnformatted(message.c_str());
  ImGui::PopTextWrapPos();
  ImGui::End();
}

}  // namespace smp
