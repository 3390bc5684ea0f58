#!/usr/bin/env bash
# Configures and builds one flavour of mixer inside the checkout.
#   scripts/build.sh normal   -> build/        (-Wall -Wextra -Wpedantic -Werror)
#   scripts/build.sh asan     -> build-asan/   (plus ASan + UBSan, no benchmarks)
#   scripts/build.sh fuzz     -> build-fuzz/   (clang + libFuzzer)
set -euo pipefail
cd "$(dirname "$0")/.."
flavour=${1:-normal}
jobs=${MIXER_JOBS:-$(nproc)}
case "$flavour" in
  normal) dir=build; flags=(-DMIXER_WERROR=ON) ;;
  asan)   dir=build-asan; flags=(-DMIXER_WERROR=ON -DMIXER_SANITIZE=ON -DMIXER_BENCH=OFF) ;;
  fuzz)   dir=build-fuzz; flags=(-DMIXER_FUZZ=ON -DMIXER_BENCH=OFF -DCMAKE_CXX_COMPILER=clang++) ;;
  *) echo "usage: $0 normal|asan|fuzz" >&2; exit 2 ;;
esac
cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "${flags[@]}" >/dev/null
cmake --build "$dir" -j "$jobs"
