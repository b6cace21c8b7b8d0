#include "record/recorder.h"

namespace smp {

Recorder::Recorder(const std::filesystem::path& output, const VideoSettings& settings, std::size_t queued_frames)
    : writer_(output, settings), empty_(queued_frames), full_(queued_frames) {
  for (std::size_t i = 0; i < queued_frames; ++i) {
    Frame frame{RgbaImage(settings.width, settings.height), 0.0};
    empty_.try_push(frame);
  }
  encoder_ = std::thread([this] { encode_until_closed(); });
}

Recorder::~Recorder() {
  full_.close();
  empty_.close();
  if (encoder_.joinable()) encoder_.join();
}

void Recorder::hand_over(Frame& slot, const RgbaImage& picture, double t_ms) {
  slot.picture.width = picture.width;
  slot.picture.height = picture.height;
  slot.picture.pixels.assign(picture.pixels.begin(), picture.pixels.end());  // same size: no allocation
  slot.t_ms = t_ms;
  full_.try_push(slot);  // always room: there are only as many frames as places in the queue
}

bool Recorder::offer(const RgbaImage& picture, double t_ms) {
  std::optional<Frame> slot = empty_.try_pop();
  if (!slot) {
    ++dropped_;
    return false;
  }
  hand_over(*slot, picture, t_ms);
  return true;
}

void Recorder::submit(const RgbaImage& picture, double t_ms) {
  if (const std::string why = problem(); !why.empty()) throw RecordError(why);
  std::optional<Frame> slot = empty_.pop();
  if (!slot) throw RecordError("the recording was stopped");
  hand_over(*slot, picture, t_ms);
}

void Recorder::finish() {
  full_.close();
  if (encoder_.joinable()) encoder_.join();
  if (const std::string why = problem(); !why.empty()) throw RecordError(why);
  writer_.finish();
}

std::string Recorder::problem() const {
  const std::lock_guard lock(problem_mutex_);
  return problem_;
}

void Recorder::encode_until_closed() {
  while (std::optional<Frame> frame = full_.pop()) {
    if (problem().empty()) {
      try {
        writer_.write(frame->picture, frame->t_ms);
      } catch (const RecordError& e) {
        const std::lock_guard lock(problem_mutex_);
        problem_ = e.what();
      }
    }
    empty_.try_push(*frame);
  }
}

}  // namespace smp
