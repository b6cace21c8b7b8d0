#pragma once
// Exit codes of every smpview command (documented in README.md).
#include <iostream>

#include "gpu/gpu.h"

namespace smp::exit_code {
inline constexpr int kOk = 0;
inline constexpr int kFailure = 1;      // anything else: no GPU, a GPU error, a validation message
inline constexpr int kBadArguments = 2; // unknown option, impossible value, output folder missing
inline constexpr int kUnreadableInput = 3;  // an input file or camera that cannot be read

// kFailure, said on stderr, when the validation layers (SMPVIEW_VALIDATION=1) sent any message; else kOk.
inline int after_validation(const Gpu& gpu) {
  if (gpu.validation_log().count() == 0) return kOk;
  std::cerr << "smpview: " << gpu.validation_log().count() << " Vulkan validation message(s), see above\n";
  return kFailure;
}
}  // namespace smp::exit_code
