#pragma once
// The presentation time of every frame of a video file's picture stream, read from the container
// (libavformat, packets only, nothing decoded). OpenCV's position property guesses the times of the
// last frames, the ones the decoder hands out after the file's end (H.264 holds back a frame or two
// for B-frames): on a variable frame rate the guess was 45-52 ms off.
#include <filesystem>
#include <vector>

namespace smp {

// In display order, in ms from the stream's zero; empty when the file cannot be read.
std::vector<double> video_frame_times_ms(const std::filesystem::path& path);

}  // namespace smp
