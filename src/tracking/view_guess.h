#pragma once
// Which standard view (photo_view.h) a photo without a face shows, guessed from where its head is
// ruddy and where it is not. A face, ears and a bare scalp are redder than hair, shadow and the dark
// of a beard, and each view puts them elsewhere in the head's box: a profile has its face to one side
// and hair behind it, a bowed front its face along the bottom, a top view bare or thin scalp in the
// middle, a back hair all over. So the head's box is cut into kLayoutCells x kLayoutCells cells, each
// cell's mean CIELAB a* (red-green) is taken less the whole head's, and the nearest of the five views'
// mean layouts (in units of each cell's spread over the examples) names the view.
//
// Compared, leave-one-out on the 40 labelled clinic photos of ../shared/data/scalps
// (tests/test_view_guess.cpp prints it): this layout's nearest view mean, 27 of 40 right (fronts 8 of
// 12, tops 9 of 12, lefts 4 of 5, rights 6 of 7, backs none of 4: they look like tops, and only 4 were
// there to learn from), and never one side for the other. Measured beside it, in a harness: 3x3
// cells 24, 5x5 28, 6x6 27; the nearest single photo 25; the same layouts of the texture, the
// lightness or the mask itself 14 to 22 (4x4 rather than 5x5: one right more is within the noise of
// 40 photos, and 16 numbers per view are fewer to learn from them). Choosing the view whose silhouette
// fits the head's mask best (scalp/view_fit.h) got 6 of 40, 26 of them taken for backs: a skull's
// outline is much the same egg from every side. So the outline places the head, and its colours name the view.
#include <array>
#include <span>
#include <string>

#include <opencv2/core.hpp>

#include "tracking/photo_view.h"

namespace smp {

inline constexpr int kLayoutCells = 4;
using ColourLayout = std::array<double, kLayoutCells * kLayoutCells>;  // row by row, from the top left

// `bgr`: the photo; `mask`: its head (head_mask.h), CV_8U, the photo's size.
ColourLayout colour_layout(const cv::Mat& bgr, const cv::Mat& mask);
// The layout of the photo mirrored left to right.
ColourLayout mirrored(const ColourLayout& layout);

struct ViewModel {
  ColourLayout mean{}, spread{};  // of every example's layout, mirrored ones included
  // Each view's mean layout, in spreads from `mean`, indexed by PhotoView.
  std::array<ColourLayout, kAllViews.size()> centres{};
};

struct ViewExample {
  ColourLayout layout;
  PhotoView view;
};
// Each example counts twice: as it is and mirrored (a left mirrored is a right).
ViewModel train_view_model(std::span<const ViewExample> examples);
// The model trained on the labelled clinic photos, compiled in (view_model.inc).
const ViewModel& clinic_view_model();
// The C++ text of view_model.inc for `model`.
std::string view_model_source(const ViewModel& model);

// A guess this sure was right on 18 of 19 clinic photos, leave-one-out; the less sure ones on 9 of 21.
inline constexpr double kSureAtLeast = 0.15;

struct ViewGuess {
  PhotoView view = PhotoView::kFront;
  PhotoView runner_up = PhotoView::kTop;
  double sure = 0.0;          // 1 - nearest distance / second nearest: 0 when they tie
  bool is_sure() const { return sure >= kSureAtLeast; }
  std::string line() const;   // "top (sure: 21% more alike than back)", for the person
};
ViewGuess guess_view(const ColourLayout& layout, const ViewModel& model = clinic_view_model());

}  // namespace smp
