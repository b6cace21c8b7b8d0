#pragma once
// A camera picture: 8-bit RGBA, rows top to bottom, one uint32 per pixel with red in the lowest byte
// (the memory layout of VK_FORMAT_R8G8B8A8_UNORM, so it goes to the GPU without conversion).
#include <cstdint>
#include <vector>

namespace smp {

struct RgbaImage {
  int width = 0;
  int height = 0;
  std::vector<std::uint32_t> pixels;

  RgbaImage() = default;
  RgbaImage(int w, int h, std::uint32_t fill = 0xff000000u) : width(w), height(h), pixels(size_t(w) * h, fill) {}
  std::uint32_t& at(int x, int y) { return pixels[size_t(y) * width + x]; }
  std::uint32_t at(int x, int y) const { return pixels[size_t(y) * width + x]; }
};

inline constexpr std::uint32_t pack_rgba(std::uint8_t r, std::uint8_t g, std::uint8_t b, std::uint8_t a = 255) {
  return std::uint32_t(r) | std::uint32_t(g) << 8 | std::uint32_t(b) << 16 | std::uint32_t(a) << 24;
}
inline constexpr std::uint8_t channel(std::uint32_t rgba, int c) { return std::uint8_t(rgba >> (8 * c)); }

}  // namespace smp
