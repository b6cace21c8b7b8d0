#include "capture/video_timestamps.h"

#include <algorithm>

extern "C" {
#include <libavformat/avformat.h>
}

namespace smp {

std::vector<double> video_frame_times_ms(const std::filesystem::path& path) {
  std::vector<double> times;
  AVFormatContext* format = nullptr;
  if (avformat_open_input(&format, path.c_str(), nullptr, nullptr) < 0) return times;
  const int stream = avformat_find_stream_info(format, nullptr) >= 0
                         ? av_find_best_stream(format, AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0)
                         : AVERROR_STREAM_NOT_FOUND;
  AVPacket* packet = av_packet_alloc();
  bool every_time_known = true;
  while (stream >= 0 && packet && av_read_frame(format, packet) >= 0) {
    if (packet->stream_index == stream) {
      every_time_known &= packet->pts != AV_NOPTS_VALUE;
      times.push_back(1000.0 * double(packet->pts) * av_q2d(format->streams[stream]->time_base));
    }
    av_packet_unref(packet);
  }
  av_packet_free(&packet);
  avformat_close_input(&format);
  if (!every_time_known) return {};  // a raw stream without times: no use
  std::sort(times.begin(), times.end());
  return times;
}

}  // namespace smp
