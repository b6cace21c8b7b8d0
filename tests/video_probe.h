#pragma once
// What a player sees in a video file, read with libavformat/libavcodec (tests only): the stream's
// codec, pixel format, profile, frame count and rate, where MP4's index sits, and the decoded frames.
#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <opencv2/videoio.hpp>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/display.h>
#include <libavutil/pixdesc.h>
}

#include "capture/opencv_picture.h"

namespace smp::test {

struct VideoProbe {
  std::string codec, pixel_format;
  int profile = 0;  // FF_PROFILE_H264_*
  int width = 0, height = 0;
  std::int64_t frames = 0;  // packets in the stream, counted by reading them all
  double fps = 0.0;         // the stream's average frame rate
  double duration_s = 0.0;
  bool index_before_data = false;  // MP4 "moov" before "mdat": plays while it downloads
};

inline VideoProbe probe_video(const std::filesystem::path& path) {
  VideoProbe probe;
  AVFormatContext* format = nullptr;
  if (avformat_open_input(&format, path.c_str(), nullptr, nullptr) < 0) return probe;
  avformat_find_stream_info(format, nullptr);
  const int index = av_find_best_stream(format, AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
  if (index >= 0) {
    const AVStream* stream = format->streams[index];
    probe.codec = avcodec_get_name(stream->codecpar->codec_id);
    if (const char* name = av_get_pix_fmt_name(AVPixelFormat(stream->codecpar->format))) probe.pixel_format = name;
    probe.profile = stream->codecpar->profile;
    probe.width = stream->codecpar->width;
    probe.height = stream->codecpar->height;
    probe.fps = av_q2d(stream->avg_frame_rate);
    probe.duration_s = format->duration > 0 ? double(format->duration) / AV_TIME_BASE : 0.0;
    AVPacket* packet = av_packet_alloc();
    while (av_read_frame(format, packet) >= 0) {
      probe.frames += packet->stream_index == index;
      av_packet_unref(packet);
    }
    av_packet_free(&packet);
  }
  avformat_close_input(&format);
  std::ifstream file(path, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(file)), {});
  const auto moov = bytes.find("moov"), mdat = bytes.find("mdat");
  probe.index_before_data = moov != std::string::npos && mdat != std::string::npos && moov < mdat;
  return probe;
}

// Every frame, decoded (by OpenCV's FFmpeg backend).
inline std::vector<RgbaImage> decode_frames(const std::filesystem::path& path) {
  std::vector<RgbaImage> frames;
  cv::VideoCapture video(path.string(), cv::CAP_FFMPEG);
  cv::Mat bgr;
  while (video.read(bgr)) rgba_from_bgr(bgr, frames.emplace_back());
  return frames;
}

// The presentation time of every frame of the video stream, in display order, ms.
inline std::vector<double> frame_times_ms(const std::filesystem::path& path) {
  std::vector<double> times;
  AVFormatContext* format = nullptr;
  if (avformat_open_input(&format, path.c_str(), nullptr, nullptr) < 0) return times;
  avformat_find_stream_info(format, nullptr);
  const int index = av_find_best_stream(format, AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
  AVPacket* packet = av_packet_alloc();
  while (index >= 0 && av_read_frame(format, packet) >= 0) {
    if (packet->stream_index == index) times.push_back(1000.0 * double(packet->pts) * av_q2d(format->streams[index]->time_base));
    av_packet_unref(packet);
  }
  av_packet_free(&packet);
  avformat_close_input(&format);
  std::sort(times.begin(), times.end());
  return times;
}

// `in`'s video stream copied into the MP4 `out` with a display rotation in its header, as a phone writes
// a portrait video: a player turns the stored pictures `clockwise_deg` clockwise to show them.
inline bool copy_with_rotation(const std::filesystem::path& in, const std::filesystem::path& out, double clockwise_deg) {
  AVFormatContext* input = nullptr;
  if (avformat_open_input(&input, in.c_str(), nullptr, nullptr) < 0) return false;
  avformat_find_stream_info(input, nullptr);
  const int index = av_find_best_stream(input, AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
  AVFormatContext* output = nullptr;
  bool ok = index >= 0 && avformat_alloc_output_context2(&output, nullptr, "mp4", out.c_str()) >= 0;
  AVStream* stream = ok ? avformat_new_stream(output, nullptr) : nullptr;
  ok = ok && stream && avcodec_parameters_copy(stream->codecpar, input->streams[index]->codecpar) >= 0;
  if (ok) {
    stream->codecpar->codec_tag = 0;
    stream->time_base = input->streams[index]->time_base;
    auto* matrix = reinterpret_cast<std::int32_t*>(av_stream_new_side_data(stream, AV_PKT_DATA_DISPLAYMATRIX, 9 * sizeof(std::int32_t)));
    ok = matrix != nullptr;
    if (ok) av_display_rotation_set(matrix, -clockwise_deg);  // FFmpeg's angle is counterclockwise
  }
  ok = ok && avio_open(&output->pb, out.c_str(), AVIO_FLAG_WRITE) >= 0 && avformat_write_header(output, nullptr) >= 0;
  AVPacket* packet = av_packet_alloc();
  while (ok && av_read_frame(input, packet) >= 0) {
    if (packet->stream_index == index) {
      av_packet_rescale_ts(packet, input->streams[index]->time_base, stream->time_base);
      packet->stream_index = 0;
      packet->pos = -1;
      ok = av_interleaved_write_frame(output, packet) >= 0;
    }
    av_packet_unref(packet);
  }
  av_packet_free(&packet);
  if (ok) ok = av_write_trailer(output) >= 0;
  if (output) {
    if (output->pb) avio_closep(&output->pb);
    avformat_free_context(output);
  }
  avformat_close_input(&input);
  return ok;
}

}  // namespace smp::test
