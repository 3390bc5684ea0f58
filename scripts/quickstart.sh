#!/usr/bin/env bash
# The README's first command: installs what is missing, builds mixer and
# starts the gateway on the bundled example configuration (loopback only).
# Stop it with Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
./scripts/build.sh normal
mkdir -p run/spool
exec ./build/mixerd --config config/examples/mixer.toml --foreground
