#!/usr/bin/env bash
# The README's first command: installs what is missing, builds mixer and runs
# the real gateway on the bundled example (config/examples/mixer.toml), all on
# loopback, in the foreground:
#   - mixer smtp-sink on 127.0.0.1:10025: the SMTP next hop (stands in for
#     Postfix); Internet-bound mail lands in run/sink/
#   - mixer p1 listen on 127.0.0.1:10202: the bundled X.400 test peer
#     (MTA "TEST-PEER") that the route for PRMD=EXAMPLE points at; received
#     X.400 messages land in run/peer/ as <id>.ber (+ <id>.json metadata)
#   - mixerd: SMTP on 127.0.0.1:2525, P1 on 127.0.0.1:10102, metrics on
#     http://127.0.0.1:9102/metrics, spool in run/spool/
# Stop everything with Ctrl-C. MIXER_QUICKSTART_NO_BUILD=1 skips setup+build;
# MIXER_BIN=DIR runs the programs of another build directory.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ -z "${MIXER_QUICKSTART_NO_BUILD:-}" ]]; then
  ./scripts/setup.sh
  ./scripts/build.sh normal
fi
bin="${MIXER_BIN:-./build}"   # MIXER_BIN: another build directory
mkdir -p run/spool run/sink run/peer

pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
}
trap cleanup EXIT INT TERM

"$bin/mixer" smtp-sink --port 10025 --dir run/sink >run/sink.log 2>&1 &
pids+=($!)
"$bin/mixer" p1 listen --port 10202 --mta TEST-PEER --spool run/peer >run/peer.log 2>&1 &
pids+=($!)

cat <<'TEXT'
mixer quick start: the X.400 test peer (run/peer/) and the SMTP next hop (run/sink/) are up.
In another terminal, send Internet mail to an X.400 user:
  swaks --server 127.0.0.1:2525 --from you@example.com --to Alice.Smith@x400.example.org \
        --header 'Subject: hello X.400'
and see it arrive as X.400 at the test peer (decoded as JSON):
  ls run/peer/ && ./build/mixer x400 dump run/peer/*.ber
Queue and metrics:  ./build/mixer queue list --config config/examples/mixer.toml
                    curl -s http://127.0.0.1:9102/metrics
TEXT
"$bin/mixerd" --config config/examples/mixer.toml --foreground &
pids+=($!)
wait "${pids[-1]}"
