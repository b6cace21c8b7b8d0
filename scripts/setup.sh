#!/usr/bin/env bash
# Installs exactly the Debian 12 packages that smpview's build, program and tests need.
# Idempotent and quiet when everything is present; runs apt as root, or through sudo otherwise.
# `scripts/setup.sh --list` prints the packages, one a line, and installs nothing
# (scripts/check-fresh-install.sh reads them).
set -euo pipefail

packages=(
  # build
  cmake ninja-build g++ pkg-config glslc
  # Vulkan: headers + loader, Mesa's lavapipe (CPU Vulkan 1.3), validation layers for every test run
  libvulkan-dev mesa-vulkan-drivers vulkan-validationlayers
  # libraries
  libglm-dev libcli11-dev libopencv-dev nlohmann-json3-dev
  # face detection and the 68-point landmark model (/usr/share/dlib/shape_predictor_68_face_landmarks.dat);
  # dlib's pkg-config file links the unversioned libblas.so and liblapack.so, which only the -dev
  # packages install (libdlib-dev does not depend on them: a fresh Debian failed to link without)
  libdlib-dev libdlib-data libblas-dev liblapack-dev
  # preview videos: H.264 (libx264 inside Debian's libavcodec) in MP4, and RGBA -> YUV conversion
  libavcodec-dev libavformat-dev libavutil-dev libswscale-dev
  # the live mirror's window and panel (Dear ImGui 1.86 with its GLFW and Vulkan backends)
  libglfw3-dev libimgui-dev
  # the printable consultation sheet: cairo writes PDF and PNG; fontconfig finds a Debian font for it
  libcairo2-dev libfontconfig-dev fonts-dejavu-core
  # the kiosk: its PIN kept as a salted Argon2id hash (libsodium), its log in rotating files (spdlog)
  libsodium-dev libspdlog-dev
  # fuzzing the parsers of hand-edited files (scripts/fuzz.sh): clang and its libFuzzer runtime
  clang libclang-rt-14-dev
  # tests (pdftotext reads the sheet back; ss lists the kiosk's network sockets: none)
  libgtest-dev poppler-utils iproute2
  # window tests on a virtual display
  xvfb xauth
)

if [ "${1:-}" = --list ]; then printf '%s\n' "${packages[@]}"; exit 0; fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "setup: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  sudo=(sudo)
fi
echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "setup: done"
