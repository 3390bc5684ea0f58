"""Real-world input for the report mapping: a real, private Postfix bounces a
message sent (with DSN parameters ENVID, RET, NOTIFY, ORCPT as the gateway
sends them for a message from X.400) to a non-existent local user; Postfix's
own DSN, as delivered to the sender's Maildir, is then fed to the mapping
(mapping_tests --gtest_filter=ReportRealPostfix.*), which must produce an X.400
non-delivery report unable-to-transfer / unrecognised-OR-name for that
recipient, tied to the MTS identifier through Original-Envelope-Id."""

import email
import email.policy
import os
import smtplib
import subprocess
import unittest

import mixertest

MTS_ID = "[/C=GB/ADMD= /PRMD=Isode/;report-it-1]"  # RFC 2156 4.6.3 mts-msg-id
X400_RCPT = "/S=Nobody/OU=postfix.test/O=Gateway/PRMD=Isode/ADMD= /C=GB/"


def xtext(s):
    out = []
    for ch in s.encode("utf-8"):
        if 0x21 <= ch <= 0x7E and ch not in (0x2B, 0x3D):
            out.append(chr(ch))
        else:
            out.append("+%02X" % ch)
    return "".join(out)


def find_mapping_tests():
    """mapping_tests lives in <build>/tests/; find <build> from MIXER_CLI."""
    d = os.path.dirname(os.path.abspath(mixertest.mixer_cli()))
    while d != os.path.dirname(d):
        if os.path.exists(os.path.join(d, "CMakeCache.txt")):
            exe = os.path.join(d, "tests", "mapping_tests")
            if os.path.exists(exe):
                return exe
            break
        d = os.path.dirname(d)
    raise AssertionError("cannot find the mapping_tests binary next to MIXER_CLI="
                         + mixertest.mixer_cli())


@unittest.skipUnless(mixertest.have_program("postfix"), "Postfix is not installed")
class RealPostfixBounceTest(unittest.TestCase):
    def test_postfix_dsn_maps_to_x400_ndr(self):
        mapping_tests = find_mapping_tests()
        with mixertest.TempDir() as tmp:
            # Accept unknown users at RCPT time so that Postfix itself bounces
            # them later with a DSN (as it does for mail it relays).
            # The instance directory is the temp dir itself: PrivatePostfix makes
            # it reachable for the postfix user (a subdirectory would not be).
            with mixertest.PrivatePostfix(
                    tmp, users=("gw",),
                    main_cf={"smtpd_reject_unlisted_recipient": "no"}) as pf:
                sender = f"gw@{pf.domain}"
                rcpt = f"nobody@{pf.domain}"
                with smtplib.SMTP("127.0.0.1", pf.port, timeout=30) as s:
                    s.ehlo("gw.example.com")
                    self.assertTrue(s.has_extn("dsn"), "Postfix does not offer DSN")
                    msg = (f"From: {sender}\r\nTo: {rcpt}\r\nSubject: report test\r\n"
                           f"X400-MTS-Identifier: {MTS_ID}\r\n"
                           "Message-ID: <report-it-1@gw.example.com>\r\n\r\nbody\r\n")
                    s.mail(sender, options=["RET=HDRS", "ENVID=" + xtext(MTS_ID)])
                    code, resp = s.rcpt(rcpt, options=["NOTIFY=FAILURE",
                                                       "ORCPT=x400;" + xtext(X400_RCPT)])
                    self.assertEqual(code, 250, resp)
                    s.data(msg)
                bounces = pf.wait_for_messages("gw", 1, timeout=60)
            raw = bounces[0]
            # It is Postfix's own DSN, not something we made.
            parsed = email.message_from_bytes(raw, policy=email.policy.compat32)
            self.assertEqual(parsed.get_content_type(), "multipart/report")
            self.assertIn("MAILER-DAEMON", parsed["From"])
            path = os.path.join(tmp, "postfix-bounce.eml")
            with open(path, "wb") as f:
                f.write(raw)
            env = dict(os.environ,
                       MIXER_REPORT_POSTFIX_DSN=path,
                       MIXER_REPORT_MTS_ID=MTS_ID,
                       MIXER_REPORT_RCPT=rcpt,
                       MIXER_REPORT_X400_RCPT=X400_RCPT)
            r = subprocess.run([mapping_tests, "--gtest_filter=ReportRealPostfix.*"], env=env,
                               capture_output=True, text=True, timeout=120)
            out = r.stdout + r.stderr
            self.assertEqual(r.returncode, 0, out + "\n--- bounce ---\n" + raw.decode("utf-8", "replace"))
            self.assertIn("[  PASSED  ] 1 test", out)
            self.assertNotIn("SKIPPED", out)
            self.assertIn("non-delivered: reason=1 (unable-to-transfer); "
                          "diagnostic=0 (unrecognised-OR-name)", out)


if __name__ == "__main__":
    unittest.main()
