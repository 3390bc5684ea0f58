"""mixerd on the bundled example configuration (config/examples/mixer.toml, only
ports and the spool directory substituted), with the quick start's peers:
`mixer smtp-sink` as the SMTP next hop and `mixer p1 listen` as the X.400 peer.

Proves, over loopback with real protocol peers:
  - SMTP -> X.400: smtplib sends to Alice.Smith@x400.example.org; the IPM arrives
    at the X.400 peer with the mapped O/R recipient and the subject and body, and
    with our Received: field naming the client's address ([127.0.0.1]);
  - a recipient without an X.400 route is refused at RCPT (550 5.4.4), and one
    that does not parse (550 5.1.1): no open relay;
  - X.400 -> SMTP: `mixer p1 send` transfers an X.400 message to mixerd's P1 port;
    it arrives at the SMTP next hop with the mapped addresses and subject;
  - the metrics endpoint answers a real HTTP GET (urllib) with the counters of
    what happened (received and delivered per direction, queue sizes).
"""

import email
import glob
import json
import os
import re
import smtplib
import sys
import time
import unittest
import urllib.request

sys.path.insert(0, os.path.dirname(__file__))
import p1ber  # noqa: E402
from mixertest import Process, TempDir, free_port, mixer_cli, mixerd, run, wait_for_port  # noqa: E402

SRC = os.environ.get("MIXER_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
EXAMPLE = os.path.join(SRC, "config", "examples", "mixer.toml")


def wait_files(pattern, count=1, timeout=30.0):
    deadline = time.monotonic() + timeout
    while True:
        found = sorted(glob.glob(pattern))
        if len(found) >= count:
            return found
        if time.monotonic() > deadline:
            raise AssertionError(f"{len(found)} of {count} files matching {pattern} after {timeout}s")
        time.sleep(0.1)


class MixerdExample(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = TempDir("mixerd-smtp-")
        d = cls.tmp.path
        cls.ports = {name: free_port() for name in ("smtp", "p1", "hop", "peer", "metrics")}
        with open(EXAMPLE, encoding="utf-8") as f:
            text = f.read()
        for fixed, name in (("2525", "smtp"), ("10102", "p1"), ("10025", "hop"), ("10202", "peer"),
                            ("9102", "metrics")):
            text, n = re.subn(r'"127\.0\.0\.1:' + fixed + '"', f'"127.0.0.1:{cls.ports[name]}"', text)
            assert n == 1, f"example has no listener on {fixed}"
        text = text.replace('"../../run/spool"', '"spool"')
        examples = os.path.join(SRC, "config", "examples")
        text = text.replace('"x400-domains.table"', json.dumps(os.path.join(examples, "x400-domains.table")))
        text = text.replace('"x400-domains-reverse.table"',
                            json.dumps(os.path.join(examples, "x400-domains-reverse.table")))
        text = text.replace("min_backoff   = 60", "min_backoff   = 1\nscan_interval = 1")
        cls.config = os.path.join(d, "mixer.toml")
        with open(cls.config, "w", encoding="utf-8") as f:
            f.write(text)
        cls.sink_dir = os.path.join(d, "sink")
        cls.peer_dir = os.path.join(d, "peer")
        logs = os.path.join(d, "logs")
        cls.procs = []
        try:
            cls.procs.append(Process([mixer_cli(), "smtp-sink", "--port", str(cls.ports["hop"]), "--dir", cls.sink_dir],
                                     logs, name="smtp-sink"))
            cls.procs.append(Process([mixer_cli(), "p1", "listen", "--port", str(cls.ports["peer"]), "--mta",
                                      "TEST-PEER", "--spool", cls.peer_dir], logs, name="p1-listen"))
            wait_for_port(cls.ports["hop"])
            wait_for_port(cls.ports["peer"])
            cls.mixerd = Process([mixerd(), "--config", cls.config, "--foreground"], logs, name="mixerd")
            cls.procs.append(cls.mixerd)
            wait_for_port(cls.ports["smtp"])
            wait_for_port(cls.ports["p1"])
            wait_for_port(cls.ports["metrics"])
        except Exception:
            cls.tearDownClass()
            raise

    @classmethod
    def tearDownClass(cls):
        for p in reversed(cls.procs):
            p.stop()
        cls.tmp.cleanup()

    def diag(self):
        return "mixerd stderr:\n" + self.mixerd.stderr()[-4000:]

    def metrics(self):
        with urllib.request.urlopen(f"http://127.0.0.1:{self.ports['metrics']}/metrics", timeout=10) as r:
            self.assertEqual(r.status, 200)
            self.assertTrue(r.headers["Content-Type"].startswith("text/plain; version=0.0.4"))
            return r.read().decode()

    def test_1_smtp_to_x400_arrives_at_the_peer(self):
        msg = (b"From: you@example.com\r\nTo: Alice.Smith@x400.example.org\r\n"
               b"Subject: hello X.400\r\nMessage-ID: <q1@example.com>\r\n\r\nGreetings from SMTP.\r\n")
        with smtplib.SMTP("127.0.0.1", self.ports["smtp"], timeout=30) as s:
            refused = s.sendmail("you@example.com", ["Alice.Smith@x400.example.org"], msg)
            self.assertEqual(refused, {})
        files = wait_files(os.path.join(self.peer_dir, "*.ber"))
        with open(files[0], "rb") as f:
            raw = f.read()
        apdu = p1ber.Apdu(raw)
        self.assertEqual(apdu.kind, "message", self.diag())
        # RFC 5321 4.4: our Received: field names the client's address literal
        # (TCP-info); it reaches the X.400 side in the rfc-822-heading-list.
        self.assertRegex(raw, rb"Received: from [^\r\n()]+ \(\[127\.0\.0\.1\]\)\s+by ")
        self.assertEqual(len(apdu.recipients), 1)
        rcpt = apdu.recipients[0]
        for part in ("C=XX", "PRMD=EXAMPLE", "G=Alice", "S=Smith"):
            self.assertIn(part, rcpt)
        self.assertIn("you(a)example.com", apdu.originator)  # RFC 2156 4.3.4 stage II: RFC-822 DDA
        self.assertEqual(apdu.ipm_subject, "hello X.400")
        self.assertIn("Greetings from SMTP.", apdu.ipm_text)

    def test_2_unroutable_and_unmappable_recipients_are_refused(self):
        with smtplib.SMTP("127.0.0.1", self.ports["smtp"], timeout=30) as s:
            s.ehlo()
            s.mail("you@example.com")
            code, text = s.rcpt("someone@elsewhere.example")
            self.assertEqual(code, 550)
            self.assertIn(b"5.4.4", text)
            code, text = s.rcpt("a@@x400.example.org")
            self.assertIn(code, (501, 550, 553))
            s.rset()

    def test_3_x400_to_smtp_arrives_at_the_next_hop(self):
        apdu = p1ber.message("mixer-it-1", "/C=XX/ADMD= /PRMD=EXAMPLE/G=Bob/S=Jones/",
                             ["/C=XX/ADMD= /PRMD=MIXER/O=Gateway/DD.RFC-822=carol(a)example.com/"],
                             subject="hello Internet", body="Greetings from X.400.\r\n")
        path = os.path.join(self.tmp.path, "m1.ber")
        with open(path, "wb") as f:
            f.write(apdu)
        r = run([mixer_cli(), "p1", "send", "--to", f"127.0.0.1:{self.ports['p1']}", "--mta", "TEST-PEER",
                 "--peer-mta", "MIXER-GW", path], timeout=60)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr + self.diag())
        files = wait_files(os.path.join(self.sink_dir, "*.json"))
        with open(files[0], encoding="utf-8") as f:
            env = json.load(f)
        with open(files[0][:-5] + ".eml", "rb") as f:
            eml = f.read()
        m = email.message_from_bytes(eml)
        self.assertEqual(m["Subject"], "hello Internet", eml[:2000])
        self.assertIn("Bob.Jones@x400.example.org", m["From"])
        self.assertIn("carol@example.com", json.dumps(env))
        self.assertIn("Greetings from X.400.", m.get_payload(decode=False) if not m.is_multipart() else eml.decode())

    def test_4_metrics_count_what_happened(self):
        # Runs last (unittest sorts by name): both directions have delivered once.
        deadline = time.monotonic() + 20
        while True:
            text = self.metrics()
            if ('mixer_recipients_delivered_total{direction="x400_to_smtp"} 1' in text and
                    'mixer_recipients_delivered_total{direction="smtp_to_x400"} 1' in text):
                break
            if time.monotonic() > deadline:
                self.fail("metrics never showed both deliveries:\n" + text + self.diag())
            time.sleep(0.5)
        self.assertIn('mixer_messages_received_total{direction="smtp_to_x400"} 1\n', text)
        self.assertIn('mixer_messages_received_total{direction="x400_to_smtp"} 1\n', text)
        # someone@elsewhere.example by mixer; a@@... by mixer or already by the SMTP syntax check.
        self.assertRegex(text, r'mixer_smtp_rejected_total\{reason="recipient"\} [12]\n')
        self.assertRegex(text, r'mixer_queue_messages\{state="incoming"\} \d+\n')
        self.assertIn("# TYPE mixer_delivery_latency_seconds histogram", text)
        with self.assertRaises(urllib.error.HTTPError) as e:
            urllib.request.urlopen(f"http://127.0.0.1:{self.ports['metrics']}/nothing", timeout=10)
        self.assertEqual(e.exception.code, 404)


if __name__ == "__main__":
    unittest.main(verbosity=2)
