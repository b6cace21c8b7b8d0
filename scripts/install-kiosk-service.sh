#!/usr/bin/env bash
# Installs smpview's kiosk as a systemd user service for the current user and starts it:
#   scripts/install-kiosk-service.sh [path/to/smpview]      (default: build/smpview)
# Set the staff PIN first: build/smpview kiosk --set-pin
set -euo pipefail
cd "$(dirname "$0")/.."
binary="$(realpath "${1:-build/smpview}")"
[[ -x "$binary" ]] || { echo "install-kiosk-service: $binary is not a built smpview (build it first)" >&2; exit 2; }
units="${XDG_CONFIG_HOME:-$HOME/.config}/systemd/user"
mkdir -p "$units"
sed "s|@SMPVIEW@|$binary|" packaging/smpview-kiosk.service > "$units/smpview-kiosk.service"
systemctl --user daemon-reload
systemctl --user enable --now smpview-kiosk.service
echo "smpview-kiosk.service installed in $units and started; stop it with: systemctl --user stop smpview-kiosk"
