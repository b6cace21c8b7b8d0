#pragma once
// The scalp fitted to the head's outline while the mirror runs (src/scalp/outline_fit.h): a worker takes
// a tracked frame every kViewEveryMs and finds the head's outline in it, so the render loop never waits
// for it; with kViews views (two seconds of a face) it fits the scalp to all of them together. A skull
// does not change during a consultation: the fit is kept until the face has been gone for
// kNewPersonAfterMs (someone else may sit down), when the adult-mean scalp comes back and a new fit starts.
#include <optional>
#include <thread>

#include "capture/mailbox.h"
#include "scalp/outline_fit.h"
#include "tracking/tracking_thread.h"

namespace smp {

class LiveHeadFit {
 public:
  static constexpr double kViewEveryMs = 250.0;
  static constexpr int kViews = 8;
  static constexpr double kNewPersonAfterMs = 2000.0;

  explicit LiveHeadFit(const Intrinsics& camera);
  ~LiveHeadFit();  // stops the worker
  LiveHeadFit(const LiveHeadFit&) = delete;
  LiveHeadFit& operator=(const LiveHeadFit&) = delete;

  // The scalp before any fit, and again for a new person: the adult-mean one tracking's face model carries.
  static OutlineFit unfitted();

  // Every frame the loop shows (the same frame again is ignored); cheap unless a view is due.
  void offer(const TrackedFrame& tracked);
  // The newest fit since the last call: the person's, or the adult-mean scalp again for a new person.
  std::optional<OutlineFit> take_fit() { return fits_.take(); }

 private:
  struct View {
    CapturedFrame frame;
    TrackedFace face;
    std::uint64_t person = 0;
  };
  void work(const std::stop_token& stop);

  Intrinsics camera_;
  // Loop side.
  std::uint64_t person_ = 0;
  std::optional<double> last_view_ms_, last_seen_ms_;
  std::uint64_t last_frame_ = ~std::uint64_t(0);
  // Between the two.
  Mailbox<View> views_;
  Mailbox<OutlineFit> fits_;
  std::jthread worker_;  // last: started once the rest exists, stopped and joined first
};

}  // namespace smp
