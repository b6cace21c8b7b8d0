// libFuzzer target: a camera calibration file's text (tracking/camera_calibration.h), OpenCV YAML or
// XML as calibration tools write it (built twice, calibration_yaml and calibration_xml, which differ in
// their seeds: OpenCV tells the formats apart by the text).
// Contract: parse_camera_calibration gives a usable lens or throws TrackingError, nothing else.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "tracking/camera_calibration.h"

using namespace smp;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    const Intrinsics lens =
        parse_camera_calibration(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz").at(640, 480);
    if (!(lens.fx > 0.0 && lens.fy > 0.0) || !std::isfinite(lens.fx) || !std::isfinite(lens.fy) || !std::isfinite(lens.cx) ||
        !std::isfinite(lens.cy))
      std::abort();
    for (const double k : lens.distortion)
      if (!std::isfinite(k)) std::abort();
  } catch (const TrackingError&) {
    // refused, with a message naming the field
  }
  return 0;
}
