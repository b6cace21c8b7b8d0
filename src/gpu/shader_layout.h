#pragma once
// The C++ names of the structs in shaders/shared.h.
#include "shared.h"

namespace smp {
using shader::FrameParams;
using shader::GpuDot;
using shader::HeadRasterParams;
}  // namespace smp
