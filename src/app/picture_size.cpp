#include "app/picture_size.h"

#include <charconv>
#include <optional>
#include <string_view>

#include "app/command_line.h"

namespace smp {
namespace {

// A whole decimal number of at most six digits, or nothing.
std::optional<int> parse_side(std::string_view text) {
  int value = 0;
  if (text.empty() || text.size() > 6) return std::nullopt;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

PictureSize parse_picture_size(const std::string& text, const std::string& option) {
  const size_t x = text.find_first_of("xX");
  const auto width = x == std::string::npos ? std::nullopt : parse_side(std::string_view(text).substr(0, x));
  const auto height = x == std::string::npos ? std::nullopt : parse_side(std::string_view(text).substr(x + 1));
  if (!width || !height) throw BadArgument(option + ": '" + text + "' is not WIDTHxHEIGHT (for example 1280x720)");
  constexpr int kMin = 16, kMax = 8192;
  if (*width < kMin || *height < kMin || *width > kMax || *height > kMax)
    throw BadArgument(option + ": " + text + " is outside " + std::to_string(kMin) + ".." + std::to_string(kMax) +
                      " pixels per side");
  return {*width, *height};
}

}  // namespace smp

