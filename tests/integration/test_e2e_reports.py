"""Reports end to end (issue #9 "Done when" 3), real Postfix, real mixerd, loopback only.

- X.400 -> a non-existent Internet user: `mixer p1 send` -> mixerd -> Postfix refuses the
  recipient (550 5.1.1 at RCPT) -> mixerd's non-delivery report reaches the X.400 originator
  at the peer: report-destination = the originator, subject-identifier = the message's MTS
  identifier, the recipient with unable-to-transfer (1) / unrecognised-OR-name (0)
  (RFC 2156 5.3, X.411 12.3); tshark decodes the report cleanly.
- SMTP -> an X.400 recipient the peer refuses: swaks -> Postfix -> mixerd -> the peer, whose
  MTA then reports non-delivery for that recipient (an X.411 report transfer back to mixerd,
  built from the message the peer actually received) -> mixerd's DSN (RFC 3464) travels
  through Postfix to the SMTP sender's Maildir: Action failed, a 5.x.x status, the original
  recipient, the X.400 codes. (Original-Envelope-Id is not required: the report comes back
  after mixer forgot the message; RFC 2156 digest marks keeping ENVID [?].)
"""

import email
import email.policy
import os
import unittest

import gateway_harness as gh
import p1ber
from mixertest import TempDir


def dsn_parts(raw):
    msg = email.message_from_bytes(raw, policy=email.policy.compat32)
    status = None
    for part in msg.walk():
        if part.get_content_type() == "message/delivery-status":
            status = part
    return msg, status


@unittest.skipIf(gh.have_tools(), gh.have_tools())
class Reports(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp_ctx = TempDir()
        cls.rig = gh.Rig(cls.tmp_ctx.path, users=("user", "sender"))

    @classmethod
    def tearDownClass(cls):
        cls.rig.stop()
        cls.tmp_ctx.cleanup()

    def test_x400_message_to_unknown_internet_user_comes_back_as_ndr(self):
        rig = self.rig
        before = len(rig.peer.stored())
        bob_or, _ = gh.x400_user("Bob")
        nobody_or, nobody = gh.internet_user("nobody")
        apdu = p1ber.message("e2e-ndr-1", bob_or, [nobody_or], "to nobody", "will bounce\r\n",
                             indicators=p1ber.PRI_NDR_ONLY)
        r = rig.p1_send([apdu])
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        apdus = rig.wait_peer(before + 1, timeout=120)
        reports = [a for a in apdus[before:] if a.kind == "report"]
        self.assertEqual(len(reports), 1, rig.diagnose("expected one report at the X.400 peer"))
        rep = reports[0]
        self.assertEqual(rep.report_destination, bob_or)
        self.assertEqual(rep.subject_id, "e2e-ndr-1")
        ((name, reason, diagnostic, kind),) = rep.report_recipients
        self.assertEqual((name, reason, kind), (nobody_or, 1, "non-delivery"))
        out = gh.decode_ber(rig.peer.stored()[before])
        self.assertEqual(out.returncode, 0, out.stdout[-3000:] + out.stderr)
        self.assertIn("non-delivery-reason-code: unable-to-transfer (1)", out.stdout)
        # It was Postfix that refused the recipient.
        self.assertRegex(rig.postfix.log_text(), rf"NOQUEUE: reject: RCPT .*550 5\.1\.1 <{nobody}>")
        self.assertIsNotNone(diagnostic, "NDR for 550 5.1.1 lacks non-delivery-diagnostic-code")
        self.assertEqual(diagnostic, 0)  # unrecognised-OR-name (RFC 2156 5.3 / RFC 3463 X.1.1)
        self.assertIn("non-delivery-diagnostic-code: unrecognised-OR-name (0)", out.stdout)

    def test_smtp_message_refused_by_x400_peer_comes_back_as_dsn(self):
        rig = self.rig
        before = len(rig.peer.stored())
        refused_or, refused = gh.x400_user("Refused")
        _, sender = gh.internet_user("sender")
        msg = (f"From: {sender}\r\nTo: {refused}\r\nSubject: e2e refused\r\n"
               f"Message-ID: <e2e-refused-1@postfix.test>\r\n\r\nplease refuse me\r\n").encode()
        self.assertEqual(rig.smtp_send(sender, [refused], msg, mail_options=["ENVID=e2e-env-1", "RET=HDRS"],
                                       rcpt_options=["NOTIFY=FAILURE"]), {})
        apdus = rig.wait_peer(before + 1, timeout=90)
        (m,) = [a for a in apdus[before:] if a.kind == "message"]
        self.assertEqual(m.recipients, [refused_or])
        # The peer's MTA reports non-delivery of the message it took (X.411 12.3).
        with open(rig.peer.stored()[before], "rb") as f:
            report = p1ber.ndr(f.read(), recipient_index=0, reason=1, diagnostic=0, local_id="e2e-peer-ndr-1")
        r = rig.p1_send([report], name="p1send-ndr")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        (raw,) = rig.wait_maildir("sender", 1, timeout=120)
        dsn, status = dsn_parts(raw)
        self.assertEqual(dsn.get_content_type(), "multipart/report", raw[:2000])
        self.assertEqual(dsn.get_param("report-type"), "delivery-status")
        self.assertIsNotNone(status, raw[:3000])
        text = raw.decode("utf-8", "replace")
        self.assertRegex(text, r"(?i)Action:\s*failed")
        self.assertRegex(text, r"(?i)Status:\s*5\.\d+\.\d+")
        self.assertRegex(text, rf"(?i)(Final|Original)-Recipient:\s*rfc822;\s*{refused}")
        # the report is about our message: its MTS identifier names the original Message-ID
        self.assertRegex(text, r"X400-MTS-Identifier: .*e2e-refused-1@postfix\.test")
        # and it came to the sender through Postfix's from-mixer smtpd
        self.assertRegex(rig.postfix.log_text(), rf"to=<{sender}>, .*status=sent \(delivered to maildir\)")


if __name__ == "__main__":
    unittest.main(verbosity=2)
