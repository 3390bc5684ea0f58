"""`mixer smtp-sink` (the mixer ESMTP server) against real clients: swaks and
Python's smtplib, plus raw sockets for BDAT (swaks 20201014 in Debian 12 has no
options for DSN, BDAT or SMTPUTF8, so those use smtplib/raw sockets).

Each test starts its own server on a free loopback port with a temp spool and
a test certificate made with `openssl req`; everything is stopped afterwards.
"""

import glob
import json
import os
import smtplib
import socket
import ssl
import time
import unittest

from mixertest import Process, TempDir, free_port, have_program, make_test_cert, mixer_cli, run, wait_for_port


class SinkServer:
    def __init__(self, tmp, *extra):
        self.dir = os.path.join(tmp, "spool")
        self.cert, self.key = make_test_cert(tmp, "localhost")
        self.port = free_port()
        argv = [mixer_cli(), "smtp-sink", "--port", str(self.port), "--dir", self.dir,
                "--hostname", "sink.test", "--tls-cert", self.cert, "--tls-key", self.key, *extra]
        self.proc = Process(argv, os.path.join(tmp, "logs"), name="smtp-sink")
        try:
            wait_for_port(self.port)
        except TimeoutError:
            self.proc.stop()
            raise AssertionError("smtp-sink did not start: " + self.proc.stderr())

    def stop(self):
        self.proc.stop()

    def envelopes(self):
        out = []
        for p in sorted(glob.glob(os.path.join(self.dir, "*.json"))):
            with open(p, encoding="utf-8") as f:
                env = json.load(f)
            with open(p[:-5] + ".eml", "rb") as f:
                env["content"] = f.read()
            out.append(env)
        return out

    def wait_envelopes(self, n, timeout=10):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            envs = self.envelopes()
            if len(envs) >= n:
                return envs
            time.sleep(0.05)
        return self.envelopes()


def swaks(port, *args):
    return run(["swaks", "--server", f"127.0.0.1:{port}", "--helo", "client.test", *args], timeout=60)


class Base(unittest.TestCase):
    extra = ()

    def setUp(self):
        self.tmp = TempDir()
        self.addCleanup(self.tmp.cleanup)
        self.server = SinkServer(self.tmp.path, *self.extra)
        self.addCleanup(self.server.stop)


@unittest.skipUnless(have_program("swaks"), "swaks not installed")
class SwaksTest(Base):
    extra = ("--max_message_size", "20000")

    def test_ehlo_keywords(self):
        r = swaks(self.server.port, "--quit-after", "EHLO")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        for kw in ("PIPELINING", "SIZE 20000", "8BITMIME", "ENHANCEDSTATUSCODES", "DSN", "STARTTLS",
                   "SMTPUTF8", "CHUNKING"):
            self.assertIn(f"<-  250-{kw}" if kw != "CHUNKING" else "<-  250 CHUNKING", r.stdout)

    def test_plain_delivery_stored_with_envelope(self):
        r = swaks(self.server.port, "--from", "alice@a.test", "--to", "bob@b.test,carol@c.test",
                  "--header", "Subject: swaks plain")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertRegex(r.stdout, r"<-  250 2\.0\.0 Ok: queued as \S+")
        envs = self.server.wait_envelopes(1)
        self.assertEqual(len(envs), 1)
        self.assertEqual(envs[0]["mail_from"], "alice@a.test")
        self.assertEqual([x["address"] for x in envs[0]["recipients"]], ["bob@b.test", "carol@c.test"])
        self.assertEqual(envs[0]["helo"], "client.test")
        self.assertFalse(envs[0]["tls"])
        self.assertIn(b"Subject: swaks plain\r\n", envs[0]["content"])

    def test_starttls(self):
        r = swaks(self.server.port, "-tls", "--tls-verify", "--tls-ca-path", self.server.cert,
                  "--from", "a@a.test", "--to", "b@b.test")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertIn("<-  220 2.0.0 Ready to start TLS", r.stdout)
        self.assertIn("TLS started", r.stdout)
        envs = self.server.wait_envelopes(1)
        self.assertEqual(len(envs), 1)
        self.assertTrue(envs[0]["tls"])

    def test_size_refusal_mid_data(self):
        body = ("x" * 70 + "\n") * 400  # 28 KB > 20000
        r = swaks(self.server.port, "--from", "a@a.test", "--to", "b@b.test", "--body", body)
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("<** 552 5.3.4 Message size exceeds fixed maximum message size", r.stdout)
        time.sleep(0.2)
        self.assertEqual(self.server.envelopes(), [])

    def test_pipelining(self):
        r = swaks(self.server.port, "--pipeline", "--from", "a@a.test", "--to", "b@b.test,c@c.test")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertIn("Ok: queued as", r.stdout)
        self.assertEqual(len(self.server.wait_envelopes(1)[0]["recipients"]), 2)


class SmtplibTest(Base):
    extra = ("--max_message_size", "20000", "--reject-prefix", "reject")

    def connect(self):
        s = smtplib.SMTP("127.0.0.1", self.server.port, timeout=10)
        self.addCleanup(s.close)
        return s

    def test_ehlo_and_size_refused_in_mail(self):
        s = self.connect()
        code, _ = s.ehlo("client.test")
        self.assertEqual(code, 250)
        self.assertEqual(s.esmtp_features["size"], "20000")
        for kw in ("pipelining", "8bitmime", "enhancedstatuscodes", "dsn", "starttls", "smtputf8", "chunking"):
            self.assertIn(kw, s.esmtp_features)
        # smtplib sends SIZE= when offered: the refusal comes at MAIL.
        with self.assertRaises(smtplib.SMTPSenderRefused) as cm:
            s.sendmail("a@a.test", ["b@b.test"], b"Subject: big\r\n\r\n" + b"y" * 30000 + b"\r\n")
        self.assertEqual(cm.exception.smtp_code, 552)

    def test_dsn_parameters(self):
        s = self.connect()
        s.ehlo("client.test")
        refused = s.sendmail("a@a.test", ["b@b.test", "c@c.test"], b"Subject: dsn\r\n\r\nbody\r\n",
                             mail_options=["RET=HDRS", "ENVID=id+2B42"],
                             rcpt_options=["NOTIFY=SUCCESS,FAILURE", "ORCPT=rfc822;b+2Bx@b.test"])
        self.assertEqual(refused, {})
        env = self.server.wait_envelopes(1)[0]
        self.assertEqual(env["ret"], "HDRS")
        self.assertEqual(env["envid"], "id+42")
        for r in env["recipients"]:
            self.assertEqual(r["notify"], ["SUCCESS", "FAILURE"])
            self.assertEqual(r["orcpt_type"], "rfc822")
            self.assertEqual(r["orcpt"], "b+x@b.test")

    def test_bad_dsn_parameter(self):
        s = self.connect()
        s.ehlo("client.test")
        s.mail("a@a.test")
        code, msg = s.rcpt("b@b.test", ["NOTIFY=NEVER,SUCCESS"])
        self.assertEqual(code, 501, msg)

    def test_smtputf8(self):
        s = self.connect()
        s.ehlo("client.test")
        frm, to = "jörg@bücher.test", "δοκιμή@παράδειγμα.test"
        msg = "Subject: ünïcode\r\n\r\nbody\r\n".encode("utf-8")
        self.assertEqual(s.sendmail(frm, [to], msg, mail_options=["SMTPUTF8", "BODY=8BITMIME"]), {})
        env = self.server.wait_envelopes(1)[0]
        self.assertEqual(env["mail_from"], frm)
        self.assertEqual(env["recipients"][0]["address"], to)
        self.assertTrue(env["smtputf8"])
        self.assertEqual(env["content"], msg)
        # Without SMTPUTF8 the same address is refused with 553 5.6.7 (RFC 6531 3.5).
        code, text = s.docmd("MAIL", "FROM:<" + frm + ">")
        self.assertEqual(code, 553, text)

    def test_starttls_verified(self):
        s = self.connect()
        ctx = ssl.create_default_context(cafile=self.server.cert)
        s.starttls(context=ctx)
        s.ehlo("client.test")
        self.assertNotIn("starttls", s.esmtp_features)
        self.assertEqual(s.sendmail("a@a.test", ["b@b.test"], b"Subject: tls\r\n\r\nx\r\n"), {})
        self.assertTrue(self.server.wait_envelopes(1)[0]["tls"])

    def test_refused_recipient_and_dot_stuffing(self):
        s = self.connect()
        refused = s.sendmail("a@a.test", ["reject-me@b.test", "ok@b.test"],
                             b"Subject: dots\r\n\r\n.leading\r\n..two\r\n")
        self.assertEqual(refused, {"reject-me@b.test": (550, b"5.1.1 Recipient address rejected: test rejection")})
        env = self.server.wait_envelopes(1)[0]
        self.assertEqual([r["address"] for r in env["recipients"]], ["ok@b.test"])
        self.assertEqual(env["content"], b"Subject: dots\r\n\r\n.leading\r\n..two\r\n")


class RawSocketTest(Base):
    def talk(self, data, expect_replies):
        with socket.create_connection(("127.0.0.1", self.server.port), timeout=10) as c:
            f = c.makefile("rb")
            greeting = f.readline()
            self.assertTrue(greeting.startswith(b"220 "), greeting)
            c.sendall(data)
            replies = []
            while len(replies) < expect_replies:
                line = f.readline()
                if not line:
                    break
                if line[3:4] == b" ":
                    replies.append(line.decode())
            return replies

    def test_bdat_pipelined(self):
        data = (b"EHLO client.test\r\nMAIL FROM:<a@a.test>\r\nRCPT TO:<b@b.test>\r\n"
                b"BDAT 15\r\nSubject: bd\r\n\r\nBDAT 7 LAST\r\n.body\r\nQUIT\r\n")
        replies = self.talk(data, 6)
        self.assertEqual([r[:3] for r in replies], ["250", "250", "250", "250", "250", "221"])
        env = self.server.wait_envelopes(1)[0]
        self.assertEqual(env["content"], b"Subject: bd\r\n\r\n.body\r\n")

    def test_http_is_refused(self):
        replies = self.talk(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n", 1)
        self.assertTrue(replies[0].startswith("554 5.7.0"), replies)

    def test_smuggling_attempt_is_not_split(self):
        data = (b"EHLO c\r\nMAIL FROM:<a@a.test>\r\nRCPT TO:<b@b.test>\r\nDATA\r\n"
                b"x\n.\r\nMAIL FROM:<evil@e.test>\r\nRCPT TO:<b@b.test>\r\nDATA\r\nevil\r\n.\r\nQUIT\r\n")
        replies = self.talk(data, 6)
        self.assertEqual([r[:3] for r in replies], ["250", "250", "250", "354", "550", "221"])
        self.assertEqual(self.server.envelopes(), [])


if __name__ == "__main__":
    unittest.main()
