#pragma once
// The one hand-over between threads (STYLE.md): a single slot where the newest value wins. A producer
// never waits and never queues; a consumer takes the newest value or nothing, so latency stays at one
// value however slow the consumer is.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>

namespace smp {

template <typename T>
class Mailbox {
 public:
  // Replaces any value not yet taken (counted in dropped()).
  void put(T value) {
    {
      const std::lock_guard lock(mutex_);
      if (slot_) ++dropped_;
      slot_ = std::move(value);
    }
    ready_.notify_one();
  }

  // The newest value, or nothing when none arrived since the last take.
  std::optional<T> take() {
    const std::lock_guard lock(mutex_);
    return std::exchange(slot_, std::nullopt);
  }

  // As take(), waiting up to `timeout` for a value to arrive.
  std::optional<T> wait_take(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    ready_.wait_for(lock, timeout, [&] { return slot_.has_value(); });
    return std::exchange(slot_, std::nullopt);
  }

  std::uint64_t dropped() const {
    const std::lock_guard lock(mutex_);
    return dropped_;
  }

 private:
  mutable std::mutex mutex_;
  std::condition_variable ready_;
  std::optional<T> slot_;
  std::uint64_t dropped_ = 0;
};

}  // namespace smp
