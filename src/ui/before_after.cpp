#include "ui/before_after.h"

#include <algorithm>
#include <cmath>

#include <imgui.h>

namespace smp {

void wipe(const RgbaImage& before, const RgbaImage& after, float share_after, RgbaImage& out) {
  out.width = before.width;
  out.height = before.height;
  out.pixels.resize(before.pixels.size());
  const int split = std::clamp(int(std::lround((1.0f - share_after) * before.width)), 0, before.width);
  for (int y = 0; y < before.height; ++y) {
    const std::size_t row = std::size_t(y) * before.width;
    std::copy_n(before.pixels.begin() + std::ptrdiff_t(row), split, out.pixels.begin() + std::ptrdiff_t(row));
    std::copy_n(after.pixels.begin() + std::ptrdiff_t(row + split), before.width - split,
                out.pixels.begin() + std::ptrdiff_t(row + split));
  }
}

void drag_wipe(float& wipe, bool mirror, const PictureRect& rect, bool draggable) {
  const ImGuiIO& io = ImGui::GetIO();
  if (draggable && ImGui::IsMouseDown(ImGuiMouseButton_Left) && !io.WantCaptureMouse && rect.width > 0.0f) {
    const float share = std::clamp((io.MousePos.x - rect.x) / rect.width, 0.0f, 1.0f);  // from the screen's left
    // "before" is on the picture's own left: on screen that is the right side when mirrored.
    wipe = mirror ? share : 1.0f - share;
  }
  if (wipe <= 0.0f || wipe >= 1.0f) return;
  const float x = rect.x + rect.width * (mirror ? wipe : 1.0f - wipe);
  ImGui::GetBackgroundDrawList()->AddLine(ImVec2(x, rect.y), ImVec2(x, rect.y + rect.height), IM_COL32(255, 255, 255, 200), 2.0f);
}

}  // namespace smp
