"""End to end through the real components (issue #9 "Done when" 1 and 2), loopback only:

SMTP -> X.400: swaks -> real Postfix (docs/postfix.md drop-in) -> mixerd -> `mixer p1 listen`:
  the IPM arrives with the RFC 2156 mapped addresses (envelope and heading) and the
  subject and text; tshark decodes the stored APDU cleanly and check-pcap judges the
  whole P1 conversation mixerd held with the peer (bind, transfer, release).
X.400 -> SMTP: `mixer p1 send` -> mixerd -> real Postfix -> virtual(8) Maildir: the message
  arrives with the mapped From/To/Subject and the text; the P1 conversation is check-pcap clean.
"""

import email
import email.policy
import os
import unittest

import gateway_harness as gh
import p1ber
from mixertest import TempDir


@unittest.skipIf(gh.have_tools(), gh.have_tools())
class EndToEnd(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp_ctx = TempDir()
        cls.rig = gh.Rig(cls.tmp_ctx.path, users=("user", "sender", "alice"))

    @classmethod
    def tearDownClass(cls):
        cls.rig.stop()
        cls.tmp_ctx.cleanup()

    def test_smtp_to_x400_through_postfix(self):
        rig = self.rig
        before = len(rig.peer.stored())
        bob_or, bob = gh.x400_user("Bob")
        al_or, al = gh.x400_user("Smith", "Al")
        sender_or, sender = gh.internet_user("sender")
        rig.swaks(sender, f"{bob},{al}", header=["Subject: e2e smtp to x400", f"To: {bob}, {al}"],
                  body="first line\nsecond line")
        apdus = rig.wait_peer(before + 1, timeout=90)
        new = [a for a in apdus[before:] if a.kind == "message"]
        self.assertEqual(len(new), 1, rig.diagnose("expected one message at the peer"))
        m = new[0]
        self.assertEqual(sorted(m.recipients), sorted([bob_or, al_or]))
        self.assertEqual(m.originator, sender_or)
        self.assertEqual(m.ipm_subject, "e2e smtp to x400")
        self.assertIn("first line\r\nsecond line", m.ipm_text)
        # the stored APDU is what tshark decodes without a complaint
        path = rig.peer.stored()[before]
        problems, out = gh.decode_ber_problems(path)
        self.assertEqual(problems, [], out[-3000:])
        self.assertIn("interpersonal-messaging-1988 (22)", out)
        # Postfix handed it to mixer through the recipe's transport and mixer acknowledged it.
        self.assertRegex(rig.postfix.log_text(),
                         rf"postfix/mixer/smtp\[\d+\]: .*to=<{bob}>, relay=127.0.0.1\[127.0.0.1\]:"
                         rf"{rig.mixer_smtp_port},.*status=sent")
        # the P1 conversation mixerd held with the peer, judged by tshark
        # (mixerd may keep the association open for the next message: the trace so far is judged)
        traces = rig.peer.traces()
        self.assertTrue(traces, rig.peer.log())
        rc, out = gh.check_pcap(traces[-1], rig.peer.port,
                                expect=["P1 MTABindResult", "P1 MTS-APDU: message"])
        self.assertEqual(rc, 0, out)

    def test_x400_to_smtp_through_postfix(self):
        rig = self.rig
        bob_or, bob = gh.x400_user("Bob")
        user_or, user = gh.internet_user("alice")
        apdu = p1ber.message("e2e-flow-x2s-1", bob_or, [user_or], "e2e x400 to smtp",
                             "hello from X.400\r\nline two\r\n")
        trace = os.path.join(rig.tmp, "x2s.stream")
        r = rig.p1_send([apdu], trace=trace)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr + rig.diagnose(""))
        self.assertIn("transferred 1 of 1", r.stdout)
        (raw,) = rig.wait_maildir("alice", 1, timeout=90)
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        self.assertEqual(msg["Subject"], "e2e x400 to smtp")
        self.assertIn(bob, str(msg["From"]))
        self.assertIn(user, str(msg["To"]))
        self.assertIn("hello from X.400", msg.get_body(("plain",)).get_content())
        # Postfix received it from mixer on the recipe's second smtpd and delivered it
        self.assertRegex(rig.postfix.log_text(), r"postfix/from-mixer/smtpd\[\d+\]")
        self.assertRegex(rig.postfix.log_text(), rf"to=<{user}>, .*status=sent \(delivered to maildir\)")
        rc, out = gh.check_pcap(trace, rig.mixerd.p1_port, expect=["P1 MTABindResult", "P1 MTS-APDU: message"])
        self.assertEqual(rc, 0, out)


if __name__ == "__main__":
    unittest.main(verbosity=2)
