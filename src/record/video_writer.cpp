#include "record/video_writer.h"

#include <cmath>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libswscale/swscale.h>
}

#include "files/whole_file.h"

namespace smp {
namespace {

// MP4's customary video clock: fine enough for any frame rate's timestamps, to a hundredth of a ms.
constexpr AVRational kTimeBase{1, 90000};

std::string av_error(int code) {
  char text[AV_ERROR_MAX_STRING_SIZE] = {};
  av_strerror(code, text, sizeof text);
  return text;
}

}  // namespace

// Every libav object of one recording, released in reverse order of creation.
struct VideoWriter::Codec {
  AVFormatContext* format = nullptr;
  AVCodecContext* encoder = nullptr;
  AVStream* stream = nullptr;
  AVFrame* frame = nullptr;
  AVPacket* packet = nullptr;
  SwsContext* to_yuv = nullptr;
  std::int64_t frame_ticks = 0;  // one frame period in kTimeBase, for the last frame's duration
  std::int64_t last_pts = -1;

  ~Codec() {
    sws_freeContext(to_yuv);
    av_packet_free(&packet);
    av_frame_free(&frame);
    avcodec_free_context(&encoder);
    if (format) {
      if (format->pb) avio_closep(&format->pb);
      avformat_free_context(format);
    }
  }

  // Hands a frame (or nullptr: the end) to the encoder and writes every packet it gives back.
  void encode(const AVFrame* input, const std::string& name) {
    if (const int e = avcodec_send_frame(encoder, input); e < 0) throw RecordError(name + ": encoding failed: " + av_error(e));
    for (;;) {
      const int e = avcodec_receive_packet(encoder, packet);
      if (e == AVERROR(EAGAIN) || e == AVERROR_EOF) return;
      if (e < 0) throw RecordError(name + ": encoding failed: " + av_error(e));
      if (packet->duration == 0) packet->duration = frame_ticks;
      av_packet_rescale_ts(packet, encoder->time_base, stream->time_base);
      packet->stream_index = stream->index;
      if (const int w = av_interleaved_write_frame(format, packet); w < 0)
        throw RecordError(name + ": cannot be written: " + av_error(w) + " (is the disk full?)");
    }
  }
};

VideoWriter::VideoWriter(const std::filesystem::path& output, const VideoSettings& s)
    : codec_(std::make_unique<Codec>()), output_(output), temporary_(temporary_path_beside(output)) {
  const std::string name = output.string();
  const int width = s.width & ~1, height = s.height & ~1;
  if (width < 16 || height < 16) throw RecordError(name + ": pictures too small for a video");
  Codec& c = *codec_;
  av_log_set_level(AV_LOG_ERROR);  // x264's statistics are not for the clinic's terminal
  if (avformat_alloc_output_context2(&c.format, nullptr, "mp4", temporary_.c_str()) < 0)
    throw RecordError(name + ": cannot start an MP4 file");
  const AVCodec* h264 = avcodec_find_encoder_by_name("libx264");
  if (!h264) throw RecordError(name + ": no H.264 encoder (libavcodec without libx264)");
  c.stream = avformat_new_stream(c.format, nullptr);
  c.encoder = avcodec_alloc_context3(h264);
  c.frame = av_frame_alloc();
  c.packet = av_packet_alloc();
  if (!c.stream || !c.encoder || !c.frame || !c.packet) throw RecordError(name + ": out of memory");

  AVCodecContext& e = *c.encoder;
  e.width = width;
  e.height = height;
  e.pix_fmt = AV_PIX_FMT_YUV420P;  // the only chroma layout every phone decodes
  e.time_base = kTimeBase;
  e.framerate = av_d2q(s.fps > 0.0 ? s.fps : 30.0, 100000);
  e.gop_size = std::max(1, int(std::lround(2.0 * av_q2d(e.framerate))));  // a key frame every 2 s, for seeking
  // Tagged BT.601, limited range, and converted with the same coefficients: what players assume for
  // untagged video anyway (OpenCV's decoder among them), and tagged so that none has to guess.
  e.color_primaries = AVCOL_PRI_SMPTE170M;
  e.color_trc = AVCOL_TRC_SMPTE170M;
  e.colorspace = AVCOL_SPC_SMPTE170M;
  e.color_range = AVCOL_RANGE_MPEG;
  if (c.format->oformat->flags & AVFMT_GLOBALHEADER) e.flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
  c.frame_ticks = std::max<std::int64_t>(1, av_rescale_q(1, av_inv_q(e.framerate), kTimeBase));

  AVDictionary* options = nullptr;
  av_dict_set(&options, "preset", "faster", 0);
  av_dict_set(&options, "profile", "high", 0);
  av_dict_set(&options, "crf", std::to_string(s.quality_crf).c_str(), 0);
  const int opened = avcodec_open2(c.encoder, h264, &options);
  av_dict_free(&options);
  if (opened < 0) throw RecordError(name + ": cannot start the H.264 encoder: " + av_error(opened));
  avcodec_parameters_from_context(c.stream->codecpar, c.encoder);
  c.stream->time_base = kTimeBase;
  c.stream->avg_frame_rate = e.framerate;

  if (const int o = avio_open(&c.format->pb, temporary_.c_str(), AVIO_FLAG_WRITE); o < 0)
    throw RecordError(name + ": cannot be written: " + av_error(o));
  AVDictionary* mux = nullptr;
  av_dict_set(&mux, "movflags", "+faststart", 0);  // the index first: playback starts before the download ends
  const int header = avformat_write_header(c.format, &mux);
  av_dict_free(&mux);
  if (header < 0) throw RecordError(name + ": cannot be written: " + av_error(header));

  c.frame->format = e.pix_fmt;
  c.frame->width = width;
  c.frame->height = height;
  if (av_frame_get_buffer(c.frame, 0) < 0) throw RecordError(name + ": out of memory");
  c.to_yuv = sws_getContext(width, height, AV_PIX_FMT_RGBA, width, height, AV_PIX_FMT_YUV420P, SWS_BILINEAR, nullptr,
                            nullptr, nullptr);
  if (!c.to_yuv) throw RecordError(name + ": cannot convert pictures to YUV");
  const int* bt601 = sws_getCoefficients(SWS_CS_ITU601);
  sws_setColorspaceDetails(c.to_yuv, bt601, 1, bt601, 0, 0, 1 << 16, 1 << 16);  // full-range RGB in, limited out
}

VideoWriter::~VideoWriter() {
  if (finished_) return;
  codec_.reset();  // closes the file first
  std::error_code ignored;
  std::filesystem::remove(temporary_, ignored);
}

void VideoWriter::write(const RgbaImage& picture, double t_ms) {
  Codec& c = *codec_;
  if (picture.width / 2 != c.encoder->width / 2 || picture.height / 2 != c.encoder->height / 2)
    throw RecordError(output_.string() + ": a picture of another size in the middle of the video");
  if (av_frame_make_writable(c.frame) < 0) throw RecordError(output_.string() + ": out of memory");
  const std::uint8_t* rows[1] = {reinterpret_cast<const std::uint8_t*>(picture.pixels.data())};
  const int stride[1] = {picture.width * 4};  // an odd width's last column is simply not read
  sws_scale(c.to_yuv, rows, stride, 0, c.encoder->height, c.frame->data, c.frame->linesize);
  c.frame->pts = std::max(c.last_pts + 1, std::int64_t(std::llround(t_ms * kTimeBase.den / 1000.0)));
  c.last_pts = c.frame->pts;
  c.encode(c.frame, output_.string());
  ++frames_;
}

void VideoWriter::finish() {
  Codec& c = *codec_;
  const std::string name = output_.string();
  c.encode(nullptr, name);
  if (const int e = av_write_trailer(c.format); e < 0) throw RecordError(name + ": cannot be finished: " + av_error(e));
  if (const int e = avio_closep(&c.format->pb); e < 0) throw RecordError(name + ": cannot be written: " + av_error(e));
  std::error_code error;
  std::filesystem::rename(temporary_, output_, error);
  if (error) throw RecordError(name + ": cannot be put in place: " + error.message());
  finished_ = true;
}

}  // namespace smp
