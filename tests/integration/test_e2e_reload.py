"""SIGHUP reload of mixerd (issue #9 "SIGHUP reloads configuration and tables without dropping
connections or messages; a bad reload keeps the old configuration and logs why"), loopback
only, no Postfix (smtplib talks to mixerd's SMTP listener directly):

1. mixerd with table 1 mapping x400.example.org and one route to X.400 peer A. An SMTP session
   is opened and kept open across everything below.
2. Peer A stops; a message for it is accepted and stays queued (deferred).
3. The file changes: table 1 gains other.example.org (PRMD=OTHER) and a route 'other' to peer
   B. Before SIGHUP the open session's RCPT to carol@other.example.org is refused 550; after
   it, the same session (not dropped) gets 250 and the message reaches peer B; peer A comes
   back and the queued message reaches it (nothing dropped by the reload).
4. Bad reloads (a broken table line; a peer that does not resolve): refused, the reason
   logged with file:line, the running configuration still routes other.example.org.
5. A changed listener address: logged as a warning (takes effect at restart), the old port
   still serves, the new one is not bound.
"""

import os
import signal
import smtplib
import unittest

import gateway_harness as gh
import p1ber
from mixertest import TempDir, free_port, wait_for_port

OTHER_DOMAIN = "other.example.org"
OTHER_PREFIX = "/C=XX/ADMD= /PRMD=OTHER/"
SENDER = "sender@postfix.test"


def ipm_subjects(peer):
    out = []
    for raw in peer.apdus():
        a = p1ber.Apdu(raw)
        if a.kind == "message":
            out.append(a.ipm_subject)
    return out


class Reload(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp_ctx = TempDir()
        tmp = cls.tmp_ctx.path
        cls.peer_a = gh.P1Peer(tmp, name="peer-a")
        cls.peer_b = gh.P1Peer(tmp, name="peer-b")
        cls.m = gh.Mixerd(tmp, next_hop=free_port(), peer_port=cls.peer_a.port)
        cls.m.start()
        cls.session = smtplib.SMTP("127.0.0.1", cls.m.smtp_port, timeout=60)
        cls.session.ehlo("client.example.com")

    @classmethod
    def tearDownClass(cls):
        for part in (cls.session.close, cls.m.stop, cls.peer_a.stop, cls.peer_b.stop):
            try:
                part()
            except Exception:  # noqa: BLE001 - best effort cleanup
                pass
        cls.tmp_ctx.cleanup()

    def send(self, rcpt, subject):
        """One transaction on the long-lived session; returns the RCPT reply code."""
        s = self.session
        code, _ = s.mail(SENDER)
        self.assertEqual(code, 250)
        code, text = s.rcpt(rcpt)
        if code != 250:
            s.rset()
            return code, text
        msg = f"From: {SENDER}\r\nTo: {rcpt}\r\nSubject: {subject}\r\n\r\nbody of {subject}\r\n"
        code, text = s.data(msg.encode())
        self.assertEqual(code, 250, text)
        return 250, text

    def wait_subject(self, peer, subject, timeout=60):
        gh.wait_until(lambda: subject in ipm_subjects(peer), timeout,
                      lambda: f"{subject} not at {peer.name}:\n{self.m.log()[-3000:]}\n{self.m.queue_list()}")

    def reload(self, text_in_log, count_before):
        os.kill(self.m.proc.pid, signal.SIGHUP)
        gh.wait_until(lambda: self.m.log().count(text_in_log) > count_before, 30,
                      lambda: f"no '{text_in_log}' in the log:\n{self.m.log()[-3000:]}")

    def write_tables(self, extra_line=""):
        with open(os.path.join(self.m.dir, "table1.table"), "w") as f:
            f.write(f"{gh.X400_DOMAIN}#PRMD$EXAMPLE.ADMD$ .C$XX#\n{extra_line}")

    def test_reload(self):
        m = self.m
        _, bob = gh.x400_user("Bob")
        carol = f"Carol@{OTHER_DOMAIN}"

        # 1. the start configuration works on the open session
        self.assertEqual(self.send(bob, "reload-1")[0], 250)
        self.wait_subject(self.peer_a, "reload-1")

        # 2. peer A down: a message for it stays queued
        self.peer_a.stop()
        self.assertEqual(self.send(bob, "reload-queued")[0], 250)
        gh.wait_until(lambda: "reload-queued" not in ipm_subjects(self.peer_a) and m.queue_counts()["deferred"] >= 1,
                      60, lambda: f"not deferred: {m.queue_counts()}\n{m.log()[-2000:]}")

        # 3. new table line + route: refused before SIGHUP, accepted after on the same session
        code, text = self.send(carol, "reload-other")
        self.assertEqual(code, 550, text)
        self.write_tables(f"{OTHER_DOMAIN}#PRMD$OTHER.ADMD$ .C$XX#\n")
        route_b = (f'[[route]]\nname = "other"\nor_prefix = "{OTHER_PREFIX}"\npeer = "127.0.0.1:{self.peer_b.port}"\n'
                   f'our_name = "{gh.GATEWAY_MTA}"\npeer_name = "{gh.PEER_MTA}"\npassword = "{gh.GW_PASSWORD}"\n'
                   f'peer_password = "{gh.PEER_PASSWORD}"\n')
        m.write_config(m_next_hop(m), self.peer_a.port, extra_toml=route_b)
        self.reload("configuration reloaded", m.log().count("configuration reloaded"))
        self.assertIn("(2 routes)", m.log())
        code, text = self.send(carol, "reload-other")
        self.assertEqual(code, 250, text)
        self.wait_subject(self.peer_b, "reload-other")
        self.peer_a.start()
        self.wait_subject(self.peer_a, "reload-queued", timeout=90)
        self.assertTrue(m.running())

        # 4. bad reloads keep the running configuration and say why (file:line)
        refused = m.log().count("reload refused")
        self.write_tables(f"{OTHER_DOMAIN}#PRMD$OTHER.ADMD$ .C$XX#\nbroken line\n")
        self.reload("reload refused", refused)
        table1 = os.path.join(m.dir, "table1.table")
        self.assertIn(f"reload: {table1}:3: missing '#'", m.log())
        self.assertEqual(self.send(carol, "reload-after-bad-table")[0], 250)
        self.wait_subject(self.peer_b, "reload-after-bad-table")

        self.write_tables(f"{OTHER_DOMAIN}#PRMD$OTHER.ADMD$ .C$XX#\n")
        m.write_config(m_next_hop(m), self.peer_a.port,
                       extra_toml=route_b.replace(f"127.0.0.1:{self.peer_b.port}", f"gone.invalid:{self.peer_b.port}"))
        self.reload("reload refused", refused + 1)
        self.assertIn("route 'other'.peer: host 'gone.invalid' does not resolve", m.log())
        self.assertEqual(self.send(carol, "reload-after-bad-peer")[0], 250)
        self.wait_subject(self.peer_b, "reload-after-bad-peer")

        # 5. a listener address change needs a restart: warned, old port kept
        old_port, new_port = m.smtp_port, free_port()
        m.smtp_port = new_port
        m.write_config(m_next_hop(m), self.peer_a.port, extra_toml=route_b)
        m.smtp_port = old_port
        warned = m.log().count("listener addresses changed")
        self.reload("listener addresses changed; they take effect at restart", warned)
        with self.assertRaises(TimeoutError):
            wait_for_port(new_port, timeout=1)
        self.assertEqual(self.send(bob, "reload-after-listener")[0], 250)
        self.wait_subject(self.peer_a, "reload-after-listener")
        self.assertTrue(m.running())


def m_next_hop(m):
    """The next hop port the rig wrote first (kept across rewrites)."""
    with open(m.config) as f:
        for line in f:
            if line.startswith("next_hop "):
                return int(line.split(":")[-1].strip().strip('"'))
    raise AssertionError("no next_hop in " + m.config)


if __name__ == "__main__":
    unittest.main(verbosity=2)
