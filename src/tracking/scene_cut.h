#pragma once
// A cut in the picture: this frame shows another scene than the one before (a video edited from a
// person to an empty room, a camera switched over). What tracking carries from frame to frame, the box
// the landmarks are predicted in and the points the head follower follows, belongs to the scene before,
// and on a cut it must start again from the detector: otherwise the predictor returns a face shape in
// the old box and the follower holds a head on whatever the new scene shows.
#include <opencv2/core.hpp>

namespace smp {

class SceneCut {
 public:
  // Whether `grey` shows another scene than the last frame given.
  bool between_last_and(const cv::Mat& grey);

 private:
  cv::Mat last_;  // the last frame, as a small blurred thumbnail
};

}  // namespace smp
