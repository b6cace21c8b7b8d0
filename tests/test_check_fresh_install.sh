#!/usr/bin/env bash
# scripts/check-fresh-install.sh on a made-up build folder that links dlib's way (a BLAS .so named by
# its path, a -l library) and a made-up setup script: it must name libblas.so while nothing listed
# installs libblas-dev, pass once libblas-dev is listed, and fail on a linked file no package owns.
# Needs the packages scripts/setup.sh installs (libblas-dev among them).
set -u
check=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cxx=$(command -v c++)
blas=$("$cxx" -print-file-name=libblas.so)
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

make_build() {  # make_build FOLDER LINK_LIBRARIES...
  mkdir -p "$1"
  printf 'CMAKE_HOME_DIRECTORY:INTERNAL=%s\nCMAKE_CXX_COMPILER:FILEPATH=%s\n' "$work/source" "$cxx" >"$1/CMakeCache.txt"
  local folder=$1; shift
  printf 'build smpview: CXX_EXECUTABLE_LINKER__smpview main.o\n  LINK_LIBRARIES = libsmpcore.a  %s\n' "$*" >"$folder/build.ninja"
}
make_setup() {  # make_setup NAME PACKAGES...
  local script=$work/$1; shift
  printf '#!/bin/sh\nprintf "%%s\\n" %s\n' "$*" >"$script"; chmod +x "$script"; echo "$script"
}

make_build "$work/dlib" "$blas" -lsqlite3 -pthread
without=$(make_setup without-blas.sh g++ libsqlite3-dev libdlib-dev)
with=$(make_setup with-blas.sh g++ libsqlite3-dev libdlib-dev libblas-dev)

out=$("$check" "$work/dlib" "$without" 2>&1); rc=$?
echo "$out"
[ $rc = 1 ] || fail "exit $rc, not 1, while libblas-dev is not listed"
grep -q "libblas.so comes from libblas-dev" <<<"$out" || fail "libblas.so and its package are not named"
grep -q sqlite <<<"$out" && fail "libsqlite3.so (-lsqlite3, from a listed package) was reported"

out=$("$check" "$work/dlib" "$with" 2>&1); rc=$?
echo "$out"
[ $rc = 0 ] || fail "exit $rc, not 0, with libblas-dev listed"

touch "$work/libours.so"
make_build "$work/stray" "$work/libours.so"
out=$("$check" "$work/stray" "$with" 2>&1); rc=$?
echo "$out"
[ $rc = 1 ] && grep -q "libours.so belongs to no Debian package" <<<"$out" || fail "a file no package owns passed"

nosuch=$(make_setup nosuch.sh g++ smp-no-such-package)
"$check" "$work/dlib" "$nosuch" >/dev/null 2>&1; rc=$?
[ $rc = 2 ] || fail "exit $rc, not 2, for a listed package that is not installed"

[ $failures = 0 ] && echo "check-fresh-install: all cases as expected"
exit $((failures > 0))
