// What the mirror and the kiosk tell the person when tracking is lost (src/app/tracking_message.h).
#include <gtest/gtest.h>

#include "app/tracking_message.h"

namespace smp {
namespace {

TrackedFace face_at(double pitch_deg, double yaw_deg, PoseSource source = PoseSource::kFace) {
  TrackedFace face;
  face.found = true;
  face.source = source;
  face.pose.pitch_deg = pitch_deg;
  face.pose.yaw_deg = yaw_deg;
  return face;
}

TEST(TrackingMessage, AHeadLostWhileTurnedAwayIsAskedToTurnBack) {
  const TrackedFace none;
  TrackingMessage message;
  EXPECT_EQ(message.after(none), TrackingMessage::kNoFace);
  EXPECT_EQ(message.after(face_at(0, 10)), "");
  EXPECT_EQ(message.after(none), TrackingMessage::kLost) << "lost facing the camera: not turned away";
  EXPECT_EQ(message.after(face_at(0, -40)), "");
  EXPECT_EQ(message.after(none), TrackingMessage::kTurnBack) << "lost turned past the landmarks' reach";
  EXPECT_EQ(message.after(none), TrackingMessage::kTurnBack) << "until a head is found again";
  EXPECT_EQ(message.after(face_at(-30, 0)), "");
  EXPECT_EQ(message.after(none), TrackingMessage::kTurnBack) << "bowed";
  EXPECT_EQ(message.after(face_at(5, 20, PoseSource::kHead)), "");
  EXPECT_EQ(message.after(none), TrackingMessage::kTurnBack) << "lost while followed beyond the face";
  EXPECT_EQ(message.after(face_at(5, 20)), "");
  EXPECT_EQ(message.after(none), TrackingMessage::kLost) << "the face's own pose, near the front";
}

}  // namespace
}  // namespace smp
