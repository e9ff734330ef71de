#!/usr/bin/env bash
# Browser tests drive Debian's Chromium (no browser download from anywhere else). Install it when missing.
set -euo pipefail
bin="${CHROMIUM_PATH:-/usr/bin/chromium}"
[ -x "$bin" ] && exit 0
echo "Chromium belum terpasang: memasang paket Debian 'chromium' untuk uji peramban…"
if [ "$(id -u)" -eq 0 ]; then sudo=""; elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo="sudo -n"; else
  echo "Tidak dapat memasang Chromium tanpa hak root. Jalankan: sudo apt-get install -y chromium" >&2; exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq chromium >/dev/null
[ -x "$bin" ] || { echo "Chromium tidak ditemukan di $bin setelah pemasangan" >&2; exit 1; }
