#!/usr/bin/env bash
# Rewrites the golden pictures in this folder from the current code. Run it only when a change to the
# picture is intended, look at the new pictures, and say why they changed in the commit message.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cmake --build "$root/build" --target smp_tests
SMP_REGENERATE_GOLDEN=1 "$root/build/tests/smp_tests" --gtest_filter='Golden.DotGrid:Golden.Demo*'
echo "golden pictures rewritten in $root/tests/golden"
