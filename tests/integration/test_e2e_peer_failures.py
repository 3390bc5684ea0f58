"""Peer failures end to end (issue #9 "Done when" 5): the message is deferred and retried, or
reported, never lost. Real Postfix (docs/postfix.md drop-in), real mixerd, `mixer p1 listen`
as the X.400 peer; mixerd reaches the peer and Postfix's return smtpd through TcpGate relays
that can refuse connections or reset one mid-stream. mixerd retries after 1-2 s here
(queue.min_backoff / max_backoff).

X.400 side: peer down; peer refusing the bind (it expects another password); peer connection
aborted in the middle of a 100 KiB transfer.
SMTP side: next hop down; next hop answering 450 (deferred, then delivered once it accepts);
next hop answering 554 for one recipient (an X.400 non-delivery report for that one, the
other recipient delivered).
"""

import os
import time
import unittest

import gateway_harness as gh
import p1ber
from mixertest import TempDir


class Base(unittest.TestCase):
    def rig_options(self, tmp):
        return {}

    def setUp(self):
        self.tmp_ctx = TempDir()
        self.rig = gh.Rig(self.tmp_ctx.path, users=("user", "sender", "later", "blocked"), gates=True,
                          **self.rig_options(self.tmp_ctx.path))

    def tearDown(self):
        self.rig.stop()
        self.tmp_ctx.cleanup()

    def deferred_in_mixer(self, what):
        """Waits until mixer's queue holds the message as deferred (attempted, failed, kept)."""
        rig = self.rig

        def deferred():
            c = rig.mixerd.queue_counts()
            return c["deferred"] >= 1 or None

        gh.wait_until(deferred, 60, lambda: rig.diagnose(f"{what}: no deferred message in mixer's queue"))

    def smtp_to_bob(self, subject, body="body\r\n"):
        bob_or, bob = gh.x400_user("Bob")
        _, sender = gh.internet_user("sender")
        msg = f"From: {sender}\r\nTo: {bob}\r\nSubject: {subject}\r\n\r\n{body}".encode()
        self.assertEqual(self.rig.smtp_send(sender, [bob], msg), {})
        # mixer acknowledged it to Postfix (250 after its spool)
        gh.wait_until(lambda: "status=sent" in self.rig.postfix.log_text(), 60,
                      lambda: self.rig.diagnose("Postfix did not hand the message to mixer"))
        return bob_or

    def peer_subjects(self):
        return [a.ipm_subject for a in map(p1ber.Apdu, self.rig.peer.apdus()) if a.kind == "message"]


@unittest.skipIf(gh.have_tools(), gh.have_tools())
class X400PeerFailures(Base):
    def test_peer_down_then_up(self):
        self.rig.peer_gate.close()
        self.smtp_to_bob("peer down")
        self.deferred_in_mixer("peer down")
        self.assertEqual(self.rig.peer.stored(), [])
        self.rig.peer_gate.open()
        self.rig.wait_peer(1, timeout=60)
        time.sleep(3)
        self.assertEqual(self.peer_subjects(), ["peer down"])
        gh.wait_until(lambda: sum(self.rig.mixerd.queue_counts().values()) == 0, 30,
                      lambda: self.rig.diagnose("mixer still holds the message"))

    def test_peer_refuses_bind_then_accepts(self):
        rig = self.rig
        rig.peer.stop()
        wrong = gh.P1Peer(rig.tmp, name="peer-wrong-pw", port=rig.peer_port, password="not-what-mixer-sends")
        try:
            self.smtp_to_bob("bind refused")
            gh.wait_until(lambda: "bind-error=authentication-error" in wrong.log(), 60,
                          lambda: rig.diagnose("peer did not refuse mixer's bind") + wrong.log())
            self.deferred_in_mixer("bind refused")
            self.assertEqual(wrong.stored(), [])
        finally:
            wrong.stop()
        rig.peer.start()
        rig.wait_peer(1, timeout=60)
        time.sleep(3)
        self.assertEqual(self.peer_subjects(), ["bind refused"])

    def test_peer_aborts_mid_transfer(self):
        rig = self.rig
        rig.peer_gate.cut_next(30000)  # well past the bind, inside the 100 KiB APDU
        body = ("0123456789" * 7 + "\r\n") * 1400
        self.smtp_to_bob("aborted", body)
        rig.wait_peer(1, timeout=90)
        time.sleep(3)
        self.assertEqual(rig.peer_gate.cuts, 1)
        subjects = self.peer_subjects()
        self.assertIn(len(subjects), (1, 2), subjects)  # at least once; at worst twice
        self.assertEqual(set(subjects), {"aborted"})
        for a in map(p1ber.Apdu, rig.peer.apdus()):
            self.assertEqual(a.ipm_text.count("0123456789" * 7), 1400)
        gh.wait_until(lambda: "assoc 1: aborted" in rig.peer.log(), 30, rig.peer.log)  # the cut one


@unittest.skipIf(gh.have_tools(), gh.have_tools())
class SmtpNextHopFailures(Base):
    def x400_to(self, *locals_, mts="e2e-nh-1"):
        bob_or, _ = gh.x400_user("Bob")
        rcpts = [gh.internet_user(l)[0] for l in locals_]
        r = self.rig.p1_send([p1ber.message(mts, bob_or, rcpts, f"next hop {mts}", "text\r\n")])
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertIn("transferred 1 of 1", r.stdout)
        return bob_or

    def test_next_hop_down_then_up(self):
        self.rig.smtp_gate.close()
        self.x400_to("user")
        self.deferred_in_mixer("next hop down")
        self.assertEqual(self.rig.postfix.messages("user"), [])
        self.rig.smtp_gate.open()
        self.rig.wait_maildir("user", 1, timeout=60)
        time.sleep(3)
        self.assertEqual(len(self.rig.postfix.messages("user")), 1)


@unittest.skipIf(gh.have_tools(), gh.have_tools())
class SmtpNextHopRefusals(Base):
    """Postfix's own recipient policy answers 450 / 554 (check_recipient_access)."""

    def rig_options(self, tmp):
        self.access = os.path.join(tmp, "access")  # read by Postfix at start and at reload
        with open(self.access, "w") as f:
            f.write("later@postfix.test 450 4.2.1 try again later\n"
                    "blocked@postfix.test 554 5.7.1 refused by policy\n")
        return {"postfix_main_cf": {
            "smtpd_recipient_restrictions":
                f"check_recipient_access texthash:{self.access}, permit_mynetworks, reject_unauth_destination"}}

    def test_4xx_deferred_then_delivered(self):
        rig = self.rig
        bob_or, _ = gh.x400_user("Bob")
        r = rig.p1_send([p1ber.message("e2e-450", bob_or, [gh.internet_user("later")[0]], "try later", "x\r\n")])
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        gh.wait_until(lambda: "450 4.2.1" in rig.postfix.log_text(), 60, lambda: rig.diagnose("no 450 from Postfix"))
        self.deferred_in_mixer("450")
        with open(self.access, "w") as f:
            f.write("blocked@postfix.test 554 5.7.1 refused by policy\n")
        rig.postfix._postfix("reload")
        rig.wait_maildir("later", 1, timeout=60)
        time.sleep(3)
        self.assertEqual(len(rig.postfix.messages("later")), 1)
        self.assertEqual([a for a in map(p1ber.Apdu, rig.peer.apdus()) if a.kind == "report"], [])

    def test_5xx_reported_to_x400_originator_other_recipient_delivered(self):
        rig = self.rig
        bob_or, _ = gh.x400_user("Bob")
        blocked_or, _ = gh.internet_user("blocked")
        user_or, _ = gh.internet_user("user")
        r = rig.p1_send([p1ber.message("e2e-554", bob_or, [blocked_or, user_or], "one refused", "x\r\n")])
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        (raw,) = rig.wait_maildir("user", 1, timeout=60)
        self.assertIn(b"one refused", raw)
        apdus = rig.wait_peer(1, timeout=60)
        (rep,) = [a for a in apdus if a.kind == "report"]
        self.assertEqual(rep.report_destination, bob_or)
        self.assertEqual(rep.subject_id, "e2e-554")
        ((name, reason, _diag, kind),) = rep.report_recipients
        # 554 5.7.1: RFC 3463 subject 7 (security/policy) maps to
        # transfer-failure-for-security-reason (8) in docs/conformance/reports.md's table.
        self.assertEqual((name, reason, kind), (blocked_or, 8, "non-delivery"))
        out = gh.decode_ber(rig.peer.stored()[0])
        self.assertEqual(out.returncode, 0, out.stdout[-3000:] + out.stderr)


if __name__ == "__main__":
    unittest.main(verbosity=2)
