#!/usr/bin/env bash
# Installs what tweeter needs to build and test, from Debian's packages, when it is missing.
# Runs as root (CI, fresh machines); as another user it only reports what is missing.
# With --dev it installs instead the tools of the hardening targets (make sanitize, make
# valgrind, make fuzz, make check-emulated): clang and its sanitizer/libFuzzer runtimes,
# valgrind, openssl (the self-signed certificate of the network fault specs), qemu-user (an
# emulated CPU without AVX-512).
set -eu
# libzip-dev: the core reads an archive's .zip in place (tweeter.Zip).
# libdnnl-dev: oneDNN's matmul (float32 and bf16 products); libopenblas0-openmp: OpenBLAS on
# the same OpenMP pool as oneDNN (one threading layer); libopenmpi-dev, openmpi-bin: the
# optional data-parallel training; lua-readline: line editing, history and completion in
# `tweeter repl` (it falls back to plain lines). tweeter builds and runs without any of them, where they
# cannot be had. python3-sklearn: the detectability classifier of make quality
# (scripts/detect.py), which its spec runs.
packages="lua5.4 liblua5.4-dev libcurl4-openssl-dev libzip-dev lua-cjson lua-busted luarocks libopenblas-dev pkg-config gcc make python3 python3-sklearn ca-certificates libdnnl-dev libopenblas0-openmp libopenmpi-dev openmpi-bin lua-readline"
dev_packages="clang libclang-rt-14-dev valgrind openssl lua-check qemu-user"
case "${1:-}" in
  --dev) packages="$dev_packages" ;;
  "") ;;
  *) echo "usage: scripts/deps.sh [--dev]" >&2; exit 2 ;;
esac
missing=""
for p in $packages; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "tweeter needs these Debian packages:$missing (run this script as root to install them)" >&2
  exit 1
fi
echo "installing:$missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq -o DPkg::Lock::Timeout=600 $missing >/dev/null
