#!/usr/bin/env bash
# The README's test command: installs what is missing, builds mixer twice
# (warnings as errors; ASan + UBSan) and runs the whole ctest suite on each.
# Exits non-zero on any failure. .ci/run calls exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
jobs=${MIXER_JOBS:-$(nproc)}
status=0
for flavour in normal asan; do
  dir=build; [ "$flavour" = asan ] && dir=build-asan
  echo "=== $flavour build ==="
  ./scripts/build.sh "$flavour"
  echo "=== $flavour tests ==="
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
  if ! (cd "$dir" && ctest --output-on-failure -j "$jobs" --timeout 900); then
    status=1
  fi
done
if [ "$status" -eq 0 ]; then echo "mixer: all tests passed in both builds"; else echo "mixer: TEST FAILURES (see above)"; fi
exit "$status"
