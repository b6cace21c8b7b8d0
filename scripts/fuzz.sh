#!/usr/bin/env bash
# Fuzzes every parser of a file a person may edit by hand (tests/fuzz/: design files, kiosk settings,
# camera calibrations in YAML and XML, UI scripts, patient.json, points marked on a photo) with libFuzzer
# under ASan + UBSan, for SECONDS each, one target after another, and prints a table: executions, executions per second,
# and the corpus before and after. Each run starts from the committed corpus (tests/fuzz/corpus/TARGET:
# seeds and every input that once failed, run first as regression tests); new inputs go to
# build-fuzz/corpus/TARGET. A crash, hang (over 5 s), leak or sanitizer report fails the run; its input
# is saved as build-fuzz/artifacts/TARGET-*, to be fixed and then copied into the committed corpus.
#
# Usage: scripts/fuzz.sh [SECONDS [TARGET...]]   (default 30 s, every target; CI runs it so)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
[ $# -gt 0 ] && shift
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(design_file kiosk_settings calibration_yaml calibration_xml ui_script patient_file marked_points)
build=build-fuzz

cmake -S tests/fuzz -B "$build" -G Ninja -DCMAKE_CXX_COMPILER=clang++ >/dev/null
cmake --build "$build"
mkdir -p "$build/artifacts"

failed=()
rows=()
for t in "${targets[@]}"; do
  seeds=tests/fuzz/corpus/$t
  found=$build/corpus/$t
  mkdir -p "$found"
  log=$build/$t.log
  echo "== fuzz_$t for ${seconds} s"
  # The first folder takes what is new; the committed one is only read.
  if ASAN_OPTIONS=detect_leaks=1 "$build/fuzz_$t" -max_total_time="$seconds" -timeout=5 -rss_limit_mb=2048 \
       -print_final_stats=1 -artifact_prefix="$build/artifacts/$t-" "$found" "$seeds" >"$log" 2>&1; then
    result=ok
  else
    result=FAILED
    failed+=("$t")
    grep -A40 -m1 -E "ERROR: (libFuzzer|AddressSanitizer|LeakSanitizer)|runtime error|==ERROR" "$log" | head -60 || tail -40 "$log"
  fi
  stat() { sed -n "s/^stat::$1: *//p" "$log" | tail -1; }
  rows+=("$(printf '%-17s %8s %12s %10s %7s %7s  %s' "$t" "$seconds" "$(stat number_of_executed_units)" \
    "$(stat average_exec_per_sec)" "$(find "$seeds" -type f | wc -l)" \
    "$(( $(find "$seeds" -type f | wc -l) + $(find "$found" -type f | wc -l) ))" "$result")")
done

echo
printf '%-17s %8s %12s %10s %7s %7s  %s\n' target seconds executions "exec/s" seeds corpus result
printf '%s\n' "${rows[@]}"
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: ${failed[*]} failed; the inputs are in $build/artifacts/, the logs in $build/TARGET.log"
  exit 1
fi
