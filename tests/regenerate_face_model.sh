#!/usr/bin/env bash
# Refits the compiled-in 3D face model (src/tracking/face_model_68.inc) to ../shared/data/faces/aflw2000.
# Run it only when the fit or the data changes, and say why in the commit message.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cmake --build "$root/build" --target smp_tests
SMP_REGENERATE_FACE_MODEL=1 "$root/build/tests/smp_tests" --gtest_filter='Tracking.TheCompiledFaceModelIsTheFitToTheData'
cmake --build "$root/build" --target smp_tests
echo "face model rewritten in $root/src/tracking/face_model_68.inc"
