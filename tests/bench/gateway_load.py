#!/usr/bin/env python3
"""Load benchmark for mixerd (issue #9), driven by scripts/bench-gateway.sh. Not a ctest test.

In one run, for each message size (1, 10, 100 KiB) and session count (10, 50):
  postfix     smtp-source -> Postfix (private instance, default fsync) -> Postfix's smtp-sink
  smtp->x400  smtp-source -> mixerd -> `mixer p1 listen` (the X.400 side; stores without fsync,
              so that only mixer's own durability is measured)
  x400->smtp  SESSIONS x `mixer p1 send` (one association each) -> mixerd -> Postfix's smtp-sink
and prints messages/s of each and the ratio mixer / Postfix. Each rate is end to end: from the
first connection until the last message arrived at the far side (so mixer's spool, fsync
before acknowledging, conversion and onward delivery are all inside it).

Usage: gateway_load.py [--messages M] [--sizes 1,10,100] [--sessions 10,50] [--keep]
Env: MIXER_CLI, MIXERD (default build/mixer, build/mixerd), MIXER_SOURCE_DIR.
"""

import argparse
import os
import re
import signal
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.environ.get("MIXER_SOURCE_DIR", os.path.abspath(os.path.join(HERE, "..", "..")))
sys.path.insert(0, os.path.join(SRC, "tests", "integration"))
os.environ.setdefault("MIXER_CLI", os.path.join(SRC, "build", "mixer"))
os.environ.setdefault("MIXERD", os.path.join(SRC, "build", "mixerd"))

import gateway_harness as gh  # noqa: E402
import p1ber  # noqa: E402
from mixertest import PrivatePostfix, Process, TempDir, free_port, wait_for_port  # noqa: E402

SOURCE = "/usr/sbin/smtp-source"
SINK = "/usr/sbin/smtp-sink"


class PostfixSink:
    """Postfix's smtp-sink on a free port, counting messages (-c)."""

    def __init__(self, tmp, name):
        self.port = free_port()
        self.proc = Process([SINK, "-u", "postfix", "-c", f"127.0.0.1:{self.port}", "1024"],
                            os.path.join(tmp, "logs"), name=name)
        wait_for_port(self.port)

    def count(self):
        found = re.findall(r"mesg=(\d+)", self.proc.stdout()[-400:])
        return int(found[-1]) if found else 0

    def stop(self):
        self.proc.stop()


def wait_count(counter, target, timeout, what):
    deadline = time.monotonic() + timeout
    while counter() < target:
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what}: {counter()} of {target} after {timeout}s")
        time.sleep(0.02)
    return time.monotonic()


def smtp_source(port, sessions, size, messages, to):
    return subprocess.Popen([SOURCE, "-s", str(sessions), "-l", str(size), "-m", str(messages),
                             "-f", "bench@postfix.test", "-t", to, f"127.0.0.1:{port}"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)


def run_postfix(tmp, sessions, size, messages):
    sink = PostfixSink(tmp, f"pf-sink-{sessions}-{size}")
    pf = PrivatePostfix(os.path.join(tmp, f"postfix-{sessions}-{size}"), relay_port=sink.port,
                        main_cf={"default_process_limit": "200", "smtpd_client_connection_count_limit": "0",
                                 "smtp_destination_concurrency_limit": "50",
                                 "default_destination_concurrency_limit": "50"})
    os.makedirs(pf.dir, exist_ok=True)
    try:
        pf.start()
        t0 = time.monotonic()
        src = smtp_source(pf.port, sessions, size, messages, "sink@relay.example")
        t1 = wait_count(sink.count, messages, 600, "postfix relay")
        src.wait(timeout=60)
        return messages / (t1 - t0)
    finally:
        pf.stop()
        sink.stop()


def run_smtp_to_x400(rig_dir, mixer, peer, sessions, size, messages):
    before = len(peer.stored())
    t0 = time.monotonic()
    src = smtp_source(mixer.smtp_port, sessions, size, messages, f"Bob@{gh.X400_DOMAIN}")
    t1 = wait_count(lambda: len(peer.stored()) - before, messages, 600, "smtp->x400")
    out, _ = src.communicate(timeout=60)
    if src.returncode != 0:
        raise RuntimeError(f"smtp-source: {out.decode(errors='replace')}")
    return messages / (t1 - t0)


def run_x400_to_smtp(tmp, mixer, sink, sessions, size, messages):
    bob_or, _ = gh.x400_user("Bob")
    user_or, _ = gh.internet_user("user")
    body = ("x" * 70 + "\r\n") * max(1, size // 72)
    per = [messages // sessions + (1 if i < messages % sessions else 0) for i in range(sessions)]
    argvs = []
    n = 0
    for s, count in enumerate(per):
        d = os.path.join(tmp, f"p1-{sessions}-{size}-{s}")
        os.makedirs(d, exist_ok=True)
        files = []
        for k in range(count):
            path = os.path.join(d, f"{k:06d}.ber")
            with open(path, "wb") as f:
                f.write(p1ber.message(f"bench-{size}-{sessions}-{n}", bob_or, [user_or], f"bench {n}", body))
            files.append(path)
            n += 1
        argvs.append([os.environ["MIXER_CLI"], "p1", "send", "--to", f"127.0.0.1:{mixer.p1_port}",
                      "--mta", gh.PEER_MTA, "--password", gh.PEER_PASSWORD, "--peer-mta", gh.GATEWAY_MTA] + files)
    before = sink.count()
    t0 = time.monotonic()
    procs = [subprocess.Popen(a, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for a in argvs]
    def arrived():
        failed = [p for p in procs if p.poll() not in (None, 0)]
        if failed:
            raise RuntimeError(f"p1 send: {failed[0].communicate()[1].decode(errors='replace')[-2000:]}")
        return sink.count() - before

    t1 = wait_count(arrived, messages, 600, "x400->smtp")
    for p in procs:
        _, err = p.communicate(timeout=120)
        if p.returncode != 0:
            raise RuntimeError(f"p1 send: {err.decode(errors='replace')}")
    return messages / (t1 - t0)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--messages", type=int, default=500, help="messages per measurement (default 500)")
    ap.add_argument("--sizes", default="1,10,100", help="KiB, comma separated")
    ap.add_argument("--sessions", default="10,50", help="concurrent sessions, comma separated")
    ap.add_argument("--route-concurrency", type=int, default=10,
                    help="associations mixerd opens to the X.400 peer (route.concurrency; default 10)")
    ap.add_argument("--destination-concurrency", type=int, default=20,
                    help="mixerd's queue.destination_concurrency (deliveries in flight per destination)")
    ap.add_argument("--keep", action="store_true", help="keep the temp dir (logs)")
    a = ap.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # stop every server on SIGTERM too
    sizes = [int(x) for x in a.sizes.split(",")]
    sessions_list = [int(x) for x in a.sessions.split(",")]
    if a.keep:
        os.environ["MIXER_KEEP_TMP"] = "1"
    with TempDir(prefix="bench-gateway-") as tmp:
        sink = PostfixSink(tmp, "mixer-next-hop-sink")
        peer = gh.P1Peer(tmp, extra=["--no-fsync", "--max-associations", "200"])
        mixer = gh.Mixerd(tmp, sink.port, peer.port, p1_max_associations=200, route_concurrency=a.route_concurrency,
                          destination_concurrency=a.destination_concurrency)
        try:
            mixer.start()
            print(f"mixerd {os.environ['MIXERD']}; {a.messages} messages per measurement; "
                  f"Postfix relay with its default fsync; mixer fsyncs every message before acknowledging")
            print(f"{'size':>6} {'sessions':>8} {'postfix msg/s':>14} {'smtp->x400':>11} {'ratio':>6} "
                  f"{'x400->smtp':>11} {'ratio':>6}", flush=True)
            for size_k in sizes:
                for sessions in sessions_list:
                    size = size_k * 1024
                    pf = run_postfix(tmp, sessions, size, a.messages)
                    s2x = run_smtp_to_x400(tmp, mixer, peer, sessions, size, a.messages)
                    x2s = run_x400_to_smtp(tmp, mixer, sink, sessions, size, a.messages)
                    print(f"{size_k:>4}Ki {sessions:>8} {pf:>14.0f} {s2x:>11.0f} {s2x / pf:>5.1f}x "
                          f"{x2s:>11.0f} {x2s / pf:>5.1f}x", flush=True)
        finally:
            mixer.stop()
            peer.stop()
            sink.stop()
            if a.keep:
                print(f"logs in {tmp}")


if __name__ == "__main__":
    main()
