"""Crash safety end to end (issue #9 "Done when" 4): under load in both directions, mixerd is
killed with SIGKILL at random moments several times and restarted on the same spool; every
message mixer acknowledged is delivered once or, at worst, twice - none lost. The test counts
and prints it.

Load: N messages SMTP -> X.400 (smtplib -> real Postfix -> mixerd -> `mixer p1 listen`) and N
messages X.400 -> SMTP (`mixer p1 send` -> mixerd -> real Postfix -> Maildir), at the same time.
N = 2000 * MIXER_E2E_LOAD (default 0.3, i.e. 600 per direction, to stay within a minute or two
in CI; MIXER_E2E_LOAD=1 is the issue's 2,000 per direction). Kills:
MIXER_E2E_KILLS (default 4), 0.5-2 s apart, each when the spool holds work (the random seed is printed; MIXER_E2E_SEED repeats it).

CI size: the default (600 per direction, 4 kills) runs in well under a minute here; the issue's size
(MIXER_E2E_LOAD=1, 2,000 per direction) took 90-105 s on the 2-core machine at load 15-18 with
5 and 8 kills (session 3: 0 lost, at most 2 copies, 35-55 duplicates per direction). It stays
opt-in because the ASan build runs it several times slower; run it alone, not next to other
heavy jobs. The printed lines give, per direction: acknowledged, delivered once / twice / more
than twice, LOST, max copies.

Who owns what: a message Postfix holds is Postfix's until mixer answered 250 (then mixer's);
a P1 transfer is mixer's once `mixer p1 send` saw its confirmation (transfer-confirmed), and
the test, as a real MTA would, transfers again what was not confirmed. So every message must
arrive; one that arrives twice is a tolerated duplicate (at-least-once).
"""

import collections
import os
import random
import re
import smtplib
import threading
import time
import unittest

import gateway_harness as gh
import p1ber
from mixertest import TempDir

LOAD = float(os.environ.get("MIXER_E2E_LOAD", "0.3"))
N = max(20, int(2000 * LOAD))
KILLS = int(os.environ.get("MIXER_E2E_KILLS", "4"))
SEED = int(os.environ.get("MIXER_E2E_SEED", str(int(time.time()))))
SMTP_THREADS, P1_THREADS, P1_BATCH = 4, 3, 50


def maildir_subjects(maildir):
    out = collections.Counter()
    new = os.path.join(maildir, "new")
    if not os.path.isdir(new):
        return out
    for name in os.listdir(new):
        with open(os.path.join(new, name), "rb") as f:
            head = f.read(8192)
        m = re.search(rb"^Subject: (crash-x2s-\d+)", head, re.M)
        if m:
            out[m.group(1).decode()] += 1
    return out


class LoadRun:
    """One load run with kills (shared by the assertions below)."""

    def __init__(self, tmp):
        # Postfix retries mixer quickly after a kill; deliveries in flight at a kill are retried
        # after mixer's 1-2 s backoff.
        self.rig = gh.Rig(tmp, users=("user", "sender"), postfix_main_cf={"default_process_limit": "50"})
        self.errors = []
        self.peer_seen = collections.Counter()
        self.peer_files = set()

    # -- load generators --
    def smtp_load(self, part):
        _, sender = gh.internet_user("sender")
        _, bob = gh.x400_user("Bob")
        todo = list(range(part, N, SMTP_THREADS))
        try:
            with smtplib.SMTP("127.0.0.1", self.rig.postfix.port, timeout=120) as s:
                s.ehlo("load.example.com")
                for i in todo:
                    subject = f"crash-s2x-{i:05d}"
                    msg = (f"From: {sender}\r\nTo: {bob}\r\nSubject: {subject}\r\n"
                           f"Message-ID: <{subject}@load.example.com>\r\n\r\nmessage {i}\r\n").encode()
                    s.sendmail(sender, [bob], msg)
        except Exception as e:  # noqa: BLE001 - reported by the test
            self.errors.append(f"smtp load {part}: {e!r}")

    def p1_load(self, part, acknowledged):
        bob_or, _ = gh.x400_user("Bob")
        user_or, _ = gh.internet_user("user")
        todo = list(range(part, N, P1_THREADS))
        deadline = time.monotonic() + 600
        attempt = 0
        while todo and time.monotonic() < deadline:
            batch, attempt = todo[:P1_BATCH], attempt + 1
            apdus = [p1ber.message(f"crash-x2s-{i:05d}", bob_or, [user_or], f"crash-x2s-{i:05d}", f"m {i}\r\n")
                     for i in batch]
            name = f"p1load-{part}-{attempt}"
            r = self.rig.p1_send(apdus, name=name, timeout=300)
            confirmed = set()
            for line in r.stdout.splitlines():
                m = re.match(r"transfer-confirmed .*/(\d{6})\.ber$", line)
                if m:
                    confirmed.add(batch[int(m.group(1))])
            acknowledged.update(confirmed)
            todo = [i for i in todo if i not in confirmed]
            if r.returncode != 0:
                time.sleep(0.3)  # mixerd down (killed): a real MTA retries later
        if todo:
            self.errors.append(f"p1 load {part}: {len(todo)} transfers never confirmed")

    def killer(self, rng, done, kills):
        while len(kills) < KILLS and not done.is_set():
            time.sleep(rng.uniform(0.5, 2.0))
            if done.is_set():
                break
            # Kill a busy mixerd: the dispatch is fast enough that a small load can drain
            # between kills; wait (briefly) for work in the spool.
            deadline = time.monotonic() + 3.0
            q = self.rig.mixerd.queue_counts()
            while q["incoming"] + q["active"] + q["deferred"] == 0 and time.monotonic() < deadline:
                time.sleep(0.05)
                q = self.rig.mixerd.queue_counts()
            self.rig.mixerd.kill9()
            kills.append(q)
            time.sleep(rng.uniform(0.0, 0.5))
            try:
                self.rig.mixerd.start(timeout=60)
            except Exception as e:  # noqa: BLE001
                self.errors.append(f"restart after kill {len(kills)}: {e!r}")
                return

    def peer_subjects(self):
        for path in self.rig.peer.stored():
            if path in self.peer_files:
                continue
            with open(path, "rb") as f:
                a = p1ber.Apdu(f.read())
            self.peer_files.add(path)
            if a.kind == "message":
                self.peer_seen[a.ipm_subject] += 1
        return self.peer_seen

    def run(self):
        rng = random.Random(SEED)
        print(f"\ncrash safety: N={N} per direction, {KILLS} kills, seed {SEED}", flush=True)
        start = time.monotonic()
        acknowledged = set()
        done = threading.Event()
        kills = []
        threads = [threading.Thread(target=self.smtp_load, args=(p,)) for p in range(SMTP_THREADS)]
        threads += [threading.Thread(target=self.p1_load, args=(p, acknowledged)) for p in range(P1_THREADS)]
        k = threading.Thread(target=self.killer, args=(rng, done, kills))
        for t in threads + [k]:
            t.start()
        for t in threads:
            t.join()
        sent_at = time.monotonic() - start
        k.join(timeout=KILLS * 5 + 60)  # the kills go on while the queued load is delivered
        done.set()
        k.join()
        if not self.rig.mixerd.running():
            self.rig.mixerd.start()
        self.kills, self.acknowledged = kills, acknowledged
        self.want_s2x = {f"crash-s2x-{i:05d}" for i in range(N)}
        self.want_x2s = {f"crash-x2s-{i:05d}" for i in range(N)}
        maildir = self.rig.postfix.maildir("user")

        def complete():
            return self.want_s2x <= set(self.peer_subjects()) and self.want_x2s <= set(maildir_subjects(maildir))

        try:
            if not self.errors:
                gh.wait_until(complete, 120 + N * 0.1, "not every message arrived", poll=1.0)
        except TimeoutError as e:
            self.errors.append(str(e))
        time.sleep(2)  # late duplicates
        self.got_s2x, self.got_x2s = self.peer_subjects(), maildir_subjects(maildir)
        g1, g2 = self.got_s2x, self.got_x2s

        def counts(want, got):
            once = sum(1 for s in want if got.get(s) == 1)
            twice = sum(1 for s in want if got.get(s) == 2)
            more = sum(1 for s in want if got.get(s, 0) > 2)
            return (f"delivered once {once}, twice {twice}, more than twice {more}, "
                    f"LOST {len(want - set(got))}, max copies {max(got.values(), default=0)}")

        # SMTP -> X.400: every message was acknowledged to Postfix by mixer (Postfix got its
        # 250 from mixer, smtplib got Postfix's 250 for all N); X.400 -> SMTP: acknowledged =
        # transfers `mixer p1 send` saw confirmed.
        self.report = (
            f"crash safety, N={N} per direction, after {len(kills)} kill -9 (spool at each kill: {kills}), "
            f"load sent in {sent_at:.1f}s, checked after {time.monotonic() - start:.1f}s:\n"
            f"  SMTP -> X.400: {N} acknowledged; {counts(self.want_s2x, g1)}\n"
            f"  X.400 -> SMTP: {len(acknowledged)} acknowledged; {counts(self.want_x2s, g2)}")
        print(self.report, flush=True)


@unittest.skipIf(gh.have_tools(), gh.have_tools())
class CrashSafety(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp_ctx = TempDir()
        cls.load = LoadRun(cls.tmp_ctx.path)
        try:
            cls.load.run()
        finally:
            cls.load.rig.stop()

    @classmethod
    def tearDownClass(cls):
        cls.tmp_ctx.cleanup()

    def test_1_kills_hit_a_busy_mixerd(self):
        ld = self.load
        self.assertEqual(ld.errors, [], ld.report)
        self.assertEqual(len(ld.kills), KILLS)
        busy = [q for q in ld.kills if q["incoming"] + q["active"] + q["deferred"] > 0]
        self.assertGreaterEqual(len(busy), min(KILLS, 2), f"mixerd was idle at the kills: {ld.kills}")

    def test_2_every_acknowledged_message_delivered(self):
        ld = self.load
        self.assertEqual(len(ld.acknowledged), N, ld.report)
        self.assertEqual(ld.want_s2x - set(ld.got_s2x), set(), ld.report)
        self.assertEqual(ld.want_x2s - set(ld.got_x2s), set(), ld.report)
        self.assertEqual(set(ld.got_s2x) - ld.want_s2x, set())
        self.assertEqual(set(ld.got_x2s) - ld.want_x2s, set())

    def test_3_at_most_two_copies(self):
        ld = self.load
        # Session 2's defect (outcome recorded ~2.5 s after the peer took the message, up to 5
        # copies) is fixed by the queue dispatch of session 3 (6dec519): a delivered message is
        # unlinked at once. More than two copies is a failure again.
        worst = max(max(ld.got_s2x.values(), default=0), max(ld.got_x2s.values(), default=0))
        self.assertLessEqual(worst, 2, ld.report)


if __name__ == "__main__":
    unittest.main(verbosity=2)
