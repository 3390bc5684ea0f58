#!/usr/bin/env bash
# Benchmark: the mixer ESMTP server in sink mode (`mixer smtp-sink --discard`,
# and with durable storage) next to Postfix's smtp-sink, both driven by
# Postfix's smtp-source on loopback in the same run. Prints messages/s.
#
# Usage: scripts/bench-smtp.sh [MIXER_CLI]   (default: build/mixer)
# Env: BENCH_MSGS_SMALL (default 4000), BENCH_MSGS_LARGE (default 800).
set -euo pipefail

MIXER=${1:-${MIXER_CLI:-build/mixer}}
SMALL=${BENCH_MSGS_SMALL:-4000}
LARGE=${BENCH_MSGS_LARGE:-800}
SINK=$(command -v smtp-sink || echo /usr/sbin/smtp-sink)
SOURCE=$(command -v smtp-source || echo /usr/sbin/smtp-source)
[ -x "$MIXER" ] || { echo "bench-smtp: mixer CLI not found at $MIXER" >&2; exit 2; }
[ -x "$SINK" ] && [ -x "$SOURCE" ] || { echo "bench-smtp: needs postfix's smtp-sink and smtp-source" >&2; exit 2; }

TMP=$(mktemp -d /tmp/bench-smtp.XXXXXX)
chmod 755 "$TMP"
PID=""
cleanup() { [ -n "$PID" ] && kill "$PID" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$TMP"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() { for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/"$1") 2>/dev/null && return 0; sleep 0.05; done; return 1; }

# start_server NAME PORT -> sets PID
start_server() {
  local name=$1 port=$2
  case $name in
    postfix-smtp-sink) "$SINK" -u postfix 127.0.0.1:"$port" 1024 >"$TMP/$name.log" 2>&1 & ;;
    mixer-discard) "$MIXER" smtp-sink --port "$port" --discard --max_connections_per_client 1000 \
                     --max_message_size 1048576 >"$TMP/$name.log" 2>"$TMP/$name.err" & ;;
    mixer-fsync) rm -rf "$TMP/spool"; "$MIXER" smtp-sink --port "$port" --dir "$TMP/spool" \
                     --max_connections_per_client 1000 --max_message_size 1048576 \
                     >"$TMP/$name.log" 2>"$TMP/$name.err" & ;;
  esac
  PID=$!
  wait_port "$port" || { echo "bench-smtp: $name did not start" >&2; exit 1; }
}

run_one() {  # SERVER SESSIONS LENGTH MSGS -> prints msgs/s
  local server=$1 sessions=$2 len=$3 msgs=$4 port
  port=$(free_port)
  start_server "$server" "$port"
  local t0 t1
  t0=$(date +%s.%N)
  "$SOURCE" -d -s "$sessions" -l "$len" -m "$msgs" -f bench@source.test -t sink@sink.test 127.0.0.1:"$port" \
    >"$TMP/source.log" 2>&1 || { echo "bench-smtp: smtp-source failed against $server:" >&2; cat "$TMP/source.log" >&2; exit 1; }
  t1=$(date +%s.%N)
  kill "$PID"; wait "$PID" 2>/dev/null || true; PID=""
  python3 -c "print(f'{$msgs/($t1-$t0):10.0f}')"
}

printf '%-9s %-9s %-6s %18s %14s %14s\n' sessions size msgs postfix-smtp-sink mixer-discard mixer-fsync
for sessions in 10 50; do
  for len in 1024 102400; do
    msgs=$SMALL; [ "$len" -gt 10000 ] && msgs=$LARGE
    a=$(run_one postfix-smtp-sink "$sessions" "$len" "$msgs")
    b=$(run_one mixer-discard "$sessions" "$len" "$msgs")
    c=$(run_one mixer-fsync "$sessions" "$len" "$msgs")
    printf '%-9s %-9s %-6s %18s %14s %14s\n' "$sessions" "$len" "$msgs" "$a" "$b" "$c"
  done
done
echo "(messages per second; smtp-source -d on 127.0.0.1, same machine, same run)"
