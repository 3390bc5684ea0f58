"""The mixer SMTP client (`mixer smtp-send`, smtp/asio_client.cpp) against real
peers: a private Postfix instance (with and without STARTTLS, a refused
recipient, DSN parameters) and Postfix's own smtp-sink (connection reuse).
"""

import glob
import os
import shutil
import time
import unittest

from mixertest import (PrivatePostfix, Process, TempDir, free_port, have_program, make_test_cert, mixer_cli, run,
                       wait_for_port)

MESSAGE = b"From: a@x.test\r\nTo: user@postfix.test\r\nSubject: from mixer\r\n\r\n.leading dot\r\nbody\r\n"


def smtp_send(port, files, *args):
    return run([mixer_cli(), "smtp-send", "--server", f"127.0.0.1:{port}", "--helo", "gw.test", "--timeout", "30",
                *args, *files], timeout=120)


def results(stdout):
    out = {}
    for line in stdout.splitlines():
        parts = line.split("\t")
        if len(parts) == 5:
            out.setdefault(parts[1], []).append((int(parts[2]), parts[3], parts[4]))
    return out


@unittest.skipUnless(have_program("postfix"), "postfix not installed")
class PostfixTest(unittest.TestCase):
    def setUp(self):
        self.tmp = TempDir()
        self.addCleanup(self.tmp.cleanup)
        self.msg = os.path.join(self.tmp.path, "m1.eml")
        with open(self.msg, "wb") as f:
            f.write(MESSAGE)

    def start_postfix(self, **kw):
        pf = PrivatePostfix(os.path.join(self.tmp.path, "postfix"), **kw)
        self.addCleanup(pf.stop)
        pf.start()
        return pf

    def test_plain_delivery_and_refused_recipient(self):
        pf = self.start_postfix()
        r = smtp_send(pf.port, [self.msg], "--tls", "off", "--from", "a@x.test",
                      "--to", "user@postfix.test", "--to", "nobody@postfix.test",
                      "--notify", "SUCCESS,FAILURE", "--envid", "mixer-env-1", "--ret", "HDRS")
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)  # one recipient refused
        res = results(r.stdout)
        self.assertEqual(res["user@postfix.test"][0][0], 250, r.stdout)
        self.assertEqual(res["nobody@postfix.test"][0][:2], (550, "5.1.1"), r.stdout)
        self.assertIn("tls=no", r.stdout)
        got = pf.wait_for_messages("user", 1)[0]
        self.assertIn(b"Subject: from mixer", got)
        self.assertIn(b"\n.leading dot\n", got)  # dot-stuffing undone by Postfix: content intact
        self.assertIn(b"with ESMTP id", got)
        self.assertIn("nrcpt=1 (queue active)", pf.log_text())

    def test_starttls_required_verified(self):
        pf = self.start_postfix(tls=True)
        r = smtp_send(pf.port, [self.msg], "--tls", "required", "--ca-file", pf.cert, "--server-name", "localhost",
                      "--from", "a@x.test", "--to", "user@postfix.test")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertIn("tls=yes", r.stdout)
        got = pf.wait_for_messages("user", 1)[0]
        self.assertIn(b"with ESMTPS id", got)

    def test_starttls_required_wrong_trust_anchor_fails(self):
        pf = self.start_postfix(tls=True)
        other_cert, _ = make_test_cert(self.tmp.path, "other")
        r = smtp_send(pf.port, [self.msg], "--tls", "required", "--ca-file", other_cert, "--server-name", "localhost",
                      "--from", "a@x.test", "--to", "user@postfix.test")
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        res = results(r.stdout)
        self.assertEqual(res["user@postfix.test"][0][:2], (451, "4.4.2"), r.stdout)
        self.assertIn("TLS handshake failed", r.stderr)
        time.sleep(0.5)
        self.assertEqual(pf.messages("user"), [])

    def test_starttls_required_but_not_offered(self):
        pf = self.start_postfix(tls=False)
        r = smtp_send(pf.port, [self.msg], "--tls", "required", "--from", "a@x.test", "--to", "user@postfix.test")
        self.assertEqual(r.returncode, 1)
        self.assertIn("TLS required but the server does not offer STARTTLS", r.stderr)

    def test_opportunistic_tls(self):
        pf = self.start_postfix(tls=True)
        r = smtp_send(pf.port, [self.msg], "--from", "a@x.test", "--to", "user@postfix.test")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertIn("tls=yes", r.stdout)
        pf.wait_for_messages("user", 1)


@unittest.skipUnless(have_program("smtp-sink"), "postfix smtp-sink not installed")
class PostfixSmtpSinkTest(unittest.TestCase):
    def test_connection_reuse_against_smtp_sink(self):
        with TempDir() as tmp:
            dump = os.path.join(tmp, "dump")
            os.makedirs(dump)
            shutil.chown(dump, "postfix")
            port = free_port()
            sink_bin = shutil.which("smtp-sink") or "/usr/sbin/smtp-sink"
            with Process([sink_bin, "-u", "postfix", "-d", dump + "/%M.", f"127.0.0.1:{port}", "10"],
                         os.path.join(tmp, "logs"), name="smtp-sink"):
                wait_for_port(port)
                files = []
                for i in range(3):
                    p = os.path.join(tmp, f"m{i}.eml")
                    with open(p, "wb") as f:
                        f.write(b"Subject: m%d\r\n\r\nbody %d\r\n" % (i, i))
                    files.append(p)
                r = smtp_send(port, files, "--tls", "off", "--from", "a@x.test", "--to", "b@y.test",
                              "--to", "c@y.test", "--notify", "FAILURE", "--orcpt")
                self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
                res = results(r.stdout)
                self.assertEqual([c for c, _, _ in res["b@y.test"]], [250, 250, 250])
                deadline = time.monotonic() + 10
                while len(glob.glob(os.path.join(dump, "*"))) < 3 and time.monotonic() < deadline:
                    time.sleep(0.05)
                dumps = sorted(glob.glob(os.path.join(dump, "*")))
                self.assertEqual(len(dumps), 3)
                text = b""
                for p in dumps:
                    with open(p, "rb") as f:
                        text += f.read()
                # Our DSN parameters reached the peer.
                self.assertIn(b"X-Rcpt-Args: <b@y.test> NOTIFY=FAILURE ORCPT=rfc822;b@y.test", text)
                for i in range(3):
                    self.assertIn(b"Subject: m%d" % i, text)


if __name__ == "__main__":
    unittest.main()
