#pragma once
// Exit codes of every smpview command (documented in README.md).
namespace smp::exit_code {
inline constexpr int kOk = 0;
inline constexpr int kFailure = 1;      // anything else: no GPU, a GPU error, a validation message
inline constexpr int kBadArguments = 2; // unknown option, impossible value, output folder missing
inline constexpr int kUnreadableInput = 3;  // an input file or camera that cannot be read
}  // namespace smp::exit_code
