#pragma once
// The other hand-over between threads (STYLE.md), for work that must not be lost (frames of a
// recording): first in, first out, at most `capacity` values waiting. The producer chooses: wait for
// room (an offline render), or try and drop (the live preview, which must never stutter). Storage is
// allocated once; moving values through it allocates nothing.
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <optional>
#include <vector>

namespace smp {

template <typename T>
class BoundedQueue {
 public:
  explicit BoundedQueue(std::size_t capacity) : ring_(capacity) {}

  // Waits for room; false only when the queue was closed (the value is then left in `value`).
  bool push(T& value) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return count_ < ring_.size() || closed_; });
    if (closed_) return false;
    put(value);
    lock.unlock();
    changed_.notify_all();
    return true;
  }

  // Never waits: false when full or closed (the value is then left in `value`).
  bool try_push(T& value) {
    {
      const std::lock_guard lock(mutex_);
      if (closed_ || count_ == ring_.size()) return false;
      put(value);
    }
    changed_.notify_all();
    return true;
  }

  // Waits for a value; nothing once the queue is closed and empty.
  std::optional<T> pop() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return count_ > 0 || closed_; });
    if (count_ == 0) return std::nullopt;
    std::optional<T> value(std::move(ring_[head_]));
    head_ = (head_ + 1) % ring_.size();
    --count_;
    lock.unlock();
    changed_.notify_all();
    return value;
  }

  // Never waits: the oldest value, or nothing.
  std::optional<T> try_pop() {
    std::optional<T> value;
    {
      const std::lock_guard lock(mutex_);
      if (count_ == 0) return std::nullopt;
      value.emplace(std::move(ring_[head_]));
      head_ = (head_ + 1) % ring_.size();
      --count_;
    }
    changed_.notify_all();
    return value;
  }

  // Wakes every waiter; values already in the queue can still be popped.
  void close() {
    {
      const std::lock_guard lock(mutex_);
      closed_ = true;
    }
    changed_.notify_all();
  }

  std::size_t size() const {
    const std::lock_guard lock(mutex_);
    return count_;
  }

 private:
  void put(T& value) {
    ring_[(head_ + count_) % ring_.size()] = std::move(value);
    ++count_;
  }

  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<T> ring_;
  std::size_t head_ = 0, count_ = 0;
  bool closed_ = false;
};

}  // namespace smp
