"""The Postfix drop-in recipe (docs/postfix.md) with a real Postfix, and the rig's own tools.

The Postfix half of every end-to-end test, proven on its own with a stand-in on mixer's
SMTP port (`mixer smtp-sink`, which stores what it is given):
- mail for the X.400 domain (and its subdomains) leaves Postfix through the recipe's
  `mixer` transport to 127.0.0.1:<mixer port>, DSN parameters (NOTIFY, ORCPT, ENVID,
  RET) intact; other mail is not sent there;
- mail handed to the recipe's second smtpd (what mixer does for X.400 -> Internet) is
  delivered to the Maildir, and an unknown user is refused at RCPT with 550 5.1.1
  (mixer turns that into an X.400 NDR);
- mixer down: Postfix keeps the message queued (deferred, 4.4.1) and delivers it once
  mixer's port answers: nothing lost on that hop.
And the P1 values the end-to-end tests build (p1ber) are judged by tshark and travel
`mixer p1 send` -> `mixer p1 listen` byte for byte with a check-pcap-clean conversation.
"""

import json
import os
import re
import smtplib
import time
import unittest

import gateway_harness as gh
import p1ber
from mixertest import Process, TempDir, free_port, mixer_cli, wait_for_port


def sink(tmp, port, name="sink"):
    d = os.path.join(tmp, name + "-dir")
    p = Process([mixer_cli(), "smtp-sink", "--port", str(port), "--dir", d], os.path.join(tmp, "logs"), name=name)
    wait_for_port(port)
    return p, d


def read(path):
    with open(path) as f:
        return f.read()


def stored_envelopes(d):
    out = []
    if os.path.isdir(d):
        for f in sorted(os.listdir(d)):
            if f.endswith(".json"):
                with open(os.path.join(d, f)) as fh:
                    out.append(json.load(fh))
    return out


@unittest.skipIf(gh.have_tools(), gh.have_tools())
class PostfixDropIn(unittest.TestCase):
    def setUp(self):
        self.tmp_ctx = TempDir()
        self.tmp = self.tmp_ctx.path
        self.mixer_port = free_port()
        self.pf = gh.DropInPostfix(self.tmp, self.mixer_port, users=("user", "sender")).start()
        self.procs = []

    def tearDown(self):
        for p in self.procs:
            p.stop()
        self.pf.stop()
        self.tmp_ctx.cleanup()

    def test_recipe_blocks_are_what_postfix_runs(self):
        recipe = gh.postfix_recipe()
        main_cf = read(os.path.join(self.pf.config_dir, "main.cf"))
        self.assertIn("relay_domains = x400.example.org, .x400.example.org", main_cf)
        self.assertIn(f"transport_maps = texthash:{self.pf.transport_file}", main_cf)
        master_cf = read(os.path.join(self.pf.config_dir, "master.cf"))
        self.assertIn(recipe["master.cf"].replace("127.0.0.1:10025", f"127.0.0.1:{self.pf.return_port}"), master_cf)
        transport = read(self.pf.transport_file)
        self.assertEqual(transport, recipe["transport"].replace(":2525", f":{self.mixer_port}"))

    def test_x400_domains_go_to_mixer_with_dsn_parameters(self):
        p, d = sink(self.tmp, self.mixer_port)
        self.procs.append(p)
        refused = gh.smtp_send(
            self.pf.port, "sender@postfix.test", ["Bob@x400.example.org", "al@sales.x400.example.org"],
            b"From: sender@postfix.test\r\nTo: Bob@x400.example.org\r\nSubject: drop-in\r\n\r\nhello\r\n",
            mail_options=["RET=HDRS", "ENVID=env-1"],
            rcpt_options=["NOTIFY=SUCCESS,FAILURE", "ORCPT=rfc822;Bob@x400.example.org"])
        self.assertEqual(refused, {})
        def both():
            envs = stored_envelopes(d)
            return envs if sum(len(e["recipients"]) for e in envs) >= 2 else None

        envs = gh.wait_until(both, 60, lambda: self.pf.log_text()[-3000:])
        rcpts = {r["address"]: r for e in envs for r in e["recipients"]}
        self.assertEqual(sorted(rcpts), ["Bob@x400.example.org", "al@sales.x400.example.org"])
        for e in envs:
            self.assertEqual((e["mail_from"], e["envid"], e["ret"]), ("sender@postfix.test", "env-1", "HDRS"))
        self.assertEqual(rcpts["Bob@x400.example.org"]["notify"], ["SUCCESS", "FAILURE"])
        self.assertEqual((rcpts["Bob@x400.example.org"]["orcpt_type"], rcpts["Bob@x400.example.org"]["orcpt"]),
                         ("rfc822", "Bob@x400.example.org"))
        sent = rf"postfix/mixer/smtp\[\d+\]: .*to=<Bob@x400.example.org>, " \
               rf"relay=127.0.0.1\[127.0.0.1\]:{self.mixer_port},.*status=sent"
        gh.wait_until(lambda: re.search(sent, self.pf.log_text()), 30, lambda: self.pf.log_text()[-3000:])

    def test_mail_from_mixer_reaches_maildir_and_unknown_users_are_refused(self):
        msg = b"From: Bob@x400.example.org\r\nTo: user@postfix.test\r\nSubject: from X.400\r\n\r\nbody\r\n"
        refused = gh.smtp_send(self.pf.return_port, "Bob@x400.example.org", ["user@postfix.test"], msg)
        self.assertEqual(refused, {})
        (got,) = self.pf.wait_for_messages("user", 1, timeout=60)
        self.assertIn(b"Subject: from X.400", got)
        self.assertIn(b"Return-Path: <Bob@x400.example.org>", got)
        with smtplib.SMTP("127.0.0.1", self.pf.return_port, timeout=30) as s:
            s.ehlo("mixer.example.org")
            s.mail("Bob@x400.example.org")
            code, text = s.rcpt("nobody@postfix.test")
        self.assertEqual(code, 550, text)
        self.assertIn(b"5.1.1", text)
        self.assertRegex(self.pf.log_text(), r"postfix/from-mixer/smtpd\[\d+\]")

    def test_mixer_down_postfix_defers_then_delivers(self):
        msg = b"From: sender@postfix.test\r\nTo: Carol@x400.example.org\r\nSubject: later\r\n\r\nbody\r\n"
        self.assertEqual(gh.smtp_send(self.pf.port, "sender@postfix.test", ["Carol@x400.example.org"], msg), {})
        gh.wait_until(lambda: "status=deferred" in self.pf.log_text(), 60, lambda: self.pf.log_text()[-3000:])
        self.assertRegex(self.pf.log_text(), r"to=<Carol@x400.example.org>.*dsn=4\.4\.1, status=deferred")
        self.assertEqual(len(self.pf.queue_ids()), 1)
        p, d = sink(self.tmp, self.mixer_port)
        self.procs.append(p)
        self.pf.flush()
        gh.wait_until(lambda: len(stored_envelopes(d)) == 1, 60, lambda: self.pf.log_text()[-3000:])
        gh.wait_until(lambda: not self.pf.queue_ids(), 30, "Postfix still holds the message")
        time.sleep(1)
        self.assertEqual(len(stored_envelopes(d)), 1)  # delivered once


class P1Values(unittest.TestCase):
    """The rig's P1 builders make what tshark decodes, and p1 send/listen carry them intact."""

    def test_messages_and_reports_decode_and_travel(self):
        bob, _ = gh.x400_user("Bob")
        user, _ = gh.internet_user("user")
        other, _ = gh.x400_user("Smith", "Al")
        m = p1ber.message("e2e-values-1", bob, [user, other], "Subject line", "line 1\r\nline 2\r\n")
        a = p1ber.Apdu(m)
        self.assertEqual((a.kind, a.mts_id, a.originator), ("message", "e2e-values-1", bob))
        self.assertEqual(a.recipients, [user, "/C=XX/ADMD= /PRMD=EXAMPLE/S=Smith/G=Al/"])
        self.assertEqual((a.ipm_subject, a.ipm_text), ("Subject line", "line 1\r\nline 2\r\n"))
        r = p1ber.ndr(m, recipient_index=1, reason=1, diagnostic=0)
        b = p1ber.Apdu(r)
        self.assertEqual((b.kind, b.subject_id, b.report_destination), ("report", "e2e-values-1", bob))
        self.assertEqual(b.report_recipients, [("/C=XX/ADMD= /PRMD=EXAMPLE/S=Smith/G=Al/", 1, 0, "non-delivery")])
        with TempDir() as tmp:
            paths = []
            for name, data in (("m.ber", m), ("r.ber", r)):
                path = os.path.join(tmp, name)
                with open(path, "wb") as f:
                    f.write(data)
                paths.append(path)
                out = gh.decode_ber(path)
                self.assertEqual(out.returncode, 0, out.stdout + out.stderr)
            self.assertIn("non-delivery-diagnostic-code: unrecognised-OR-name (0)", gh.decode_ber(paths[1]).stdout)
            peer = gh.P1Peer(tmp, password="pw")
            try:
                trace = os.path.join(tmp, "send.stream")
                out = gh.run([mixer_cli(), "p1", "send", "--to", f"127.0.0.1:{peer.port}", "--mta", gh.GATEWAY_MTA,
                              "--password", "pw", "--peer-mta", gh.PEER_MTA, "--trace", trace] + paths, timeout=120)
                self.assertEqual(out.returncode, 0, out.stdout + out.stderr)
                self.assertIn("transferred 2 of 2", out.stdout)
                gh.wait_until(lambda: len(peer.stored()) == 2, 30, peer.log)
                self.assertEqual(sorted(peer.apdus()), sorted([m, r]))
                rc, text = gh.check_pcap(trace, peer.port, expect=["P1 MTS-APDU: message", "P1 MTS-APDU: report"])
                self.assertEqual(rc, 0, text)
            finally:
                peer.stop()


if __name__ == "__main__":
    unittest.main(verbosity=2)
