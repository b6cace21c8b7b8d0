#!/usr/bin/env bash
# Rewrites the two pictures the README's "How it looks" section links to, from the current code, so a
# practitioner can judge the look at a glance: the demo head before and after at phone size (a 640x360
# preview video), and a close-up at the scale of a 4K camera at arm's length (about 5 px per mm).
# The default design, healed. Run after a change to the look; say why they changed in the commit.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
smpview="$root/build/smpview"
[[ -x "$smpview" ]] || { echo "build smpview first (README: Build)" >&2; exit 1; }
out="$root/docs/look"
mkdir -p "$out"
"$smpview" render --input demo --side-by-side --healed 1 --pitch -30 --size 640x360 --output "$out/phone.png"
"$smpview" render --input demo --side-by-side --healed 1 --pitch -60 --distance-mm 250 --size 1280x720 \
  --output "$out/closeup.png"
