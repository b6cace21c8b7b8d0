#!/usr/bin/env bash
# Prints what the tests measured (accuracy, jitter, tracked frames, memory ...) from the last ctest run
# in a build folder, one line per number, each after its test's name. ctest --output-on-failure shows a
# passing test's output nowhere else, and CI's log should carry the numbers whatever the outcome.
set -euo pipefail
log="${1:-build}/Testing/Temporary/LastTest.log"
[[ -f "$log" ]] || { echo "no test log at $log: run ctest first" >&2; exit 1; }
# A test's own lines lie between gtest's RUN and OK/FAILED markers; left out are lines the programs under
# test print for people (smpview's messages, the kiosk log, a sheet's text read back).
awk '/^\[ RUN      \] /{name=$4; inside=1; next}
     /^\[ +(OK|FAILED) +\] /{inside=0}
     inside && NF && !/^smpview: / && !/^\[20[0-9][0-9]-/ && name !~ /^Sheet\.AVideo/ {print name ": " $0}' "$log"
