#!/usr/bin/env bash
# Retrains the compiled-in view guess (src/tracking/view_model.inc) on the labelled clinic photos
# (tests/data/scalp_outlines, ../shared/data/scalps). Run it only when the layout, the training or the
# labels change, and say why in the commit message.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cmake --build "$root/build" --target smp_tests
SMP_REGENERATE_VIEW_MODEL=1 "$root/build/tests/smp_tests" --gtest_filter='ViewGuessing.TheCompiledModelIsTheOneTheLabelledPhotosTrain'
cmake --build "$root/build" --target smp_tests
echo "view model rewritten in $root/src/tracking/view_model.inc"
