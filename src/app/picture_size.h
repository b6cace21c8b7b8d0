#pragma once
// A picture's size as typed on the command line ("1280x720"). Apart from command_line.h so that a
// benchmark can parse its sizes without linking the rest of the command line (files, OpenCV).
#include <string>

namespace smp {

struct PictureSize {
  int width = 1280;
  int height = 720;
};

// "WxH", each side 16..8192 pixels; a BadArgument (app/command_line.h) names `option`.
PictureSize parse_picture_size(const std::string& text, const std::string& option = "--size");

}  // namespace smp
