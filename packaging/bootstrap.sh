#!/usr/bin/env bash
# Installs every Debian bookworm package Sam2Sim Studio needs to build, test, run and package.
# Idempotent and non-interactive; run as root (or through sudo) on a fresh machine.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git
  qt6-base-dev qt6-base-dev-tools qt6-charts-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  qt6-translations-l10n qt6-svg-dev libqt6opengl6-dev libqcustomplot-dev
  libtorch-dev libopencv-dev nlohmann-json3-dev libcurl4-openssl-dev
  libopenblas0-pthread
  xvfb xauth imagemagick poppler-utils
  fonts-noto-cjk fonts-dejavu-core
  python3-torch python3-torchvision python3-numpy python3-sklearn python3-scipy python3-opencv
  clang libclang-rt-14-dev
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi

if [ ${#missing[@]} -gt 0 ]; then
  echo "bootstrap: installing ${#missing[@]} package(s): ${missing[*]}"
  "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "bootstrap: all packages present"
fi

# Debian's libtorch calls libblas.so.3; the reference BLAS is ~40x slower than OpenBLAS on Linear layers.
blas=$(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3 2>/dev/null || true)
case "$blas" in
  *openblas*) echo "bootstrap: BLAS is OpenBLAS ($blas)" ;;
  *) echo "bootstrap: warning: libblas.so.3 is $blas, not OpenBLAS; training will be very slow" >&2 ;;
esac
