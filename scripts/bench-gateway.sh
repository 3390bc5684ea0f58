#!/usr/bin/env bash
# Load benchmark for the gateway (issue #9; not a ctest test): Postfix's smtp-source into
# mixerd with the X.400 side going to `mixer p1 listen`, `mixer p1 send` sessions into mixerd
# with the SMTP side going to Postfix's smtp-sink, and - in the same run - Postfix relaying
# smtp-source -> Postfix -> smtp-sink with its default fsync. Sizes 1, 10, 100 KiB, 10 and 50
# concurrent sessions. Prints messages/s of each and the ratio mixer / Postfix (goal >= 2x).
# Loopback only; needs root (a private Postfix runs its daemons as the postfix user).
#
# Usage: scripts/bench-gateway.sh [BUILD_DIR] [gateway_load.py options...]
#   BUILD_DIR (default build) holds mixer and mixerd; options: --messages M (default 500),
#   --sizes 1,10,100, --sessions 10,50, --keep (keep logs).
# Example (short): scripts/bench-gateway.sh build --messages 200
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=build
if [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; then BUILD=$1; shift; fi
for tool in /usr/sbin/smtp-source /usr/sbin/smtp-sink /usr/sbin/postfix; do
  [ -x "$tool" ] || { echo "bench-gateway: $tool not found (Debian package postfix)" >&2; exit 2; }
done
for bin in mixer mixerd; do
  [ -x "$BUILD/$bin" ] || { echo "bench-gateway: $BUILD/$bin not found (build it first)" >&2; exit 2; }
done
export MIXER_CLI="$PWD/$BUILD/mixer" MIXERD="$PWD/$BUILD/mixerd" MIXER_SOURCE_DIR="$PWD"
export MIXER_SHARED_DIR="${MIXER_SHARED_DIR:-$PWD/../shared}"
exec python3 tests/bench/gateway_load.py "$@"
