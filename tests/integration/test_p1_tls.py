"""P1 over TLS (issue #6) and OSI selectors inside mixerd, on loopback with real peers.

RFC 1006 runs inside TLS on a port of its own (docs/conformance/osi.md, "P1 over TLS"):
  - `mixer p1 send --tls --tls-ca CA` against `mixer p1 listen --tls-cert C --tls-key K`
    with a self-signed certificate made by the openssl CLI: the message lands byte for
    byte; Python's ssl module sees our certificate on that port (it really is TLS);
    the RFC 1006 bytes inside TLS (the tools' traces) are clean for tshark's check-pcap;
  - refusals with a clear error and nothing stored: a wrong CA, a certificate for
    another host name, a plain-TCP client against the TLS port; usage errors;
  - mixerd: a route with tls = true and tls_ca delivers SMTP mail to a TLS `p1 listen`;
    the same route with a wrong CA keeps the message queued and logs why; mixerd's own
    [p1] tls_cert/tls_key listener takes `p1 send --tls`;
  - mixerd: a route with tsel/ssel/psel delivers to a `p1 listen` requiring them; the
    peer's capture of the conversation shows the selectors and check-pcap is clean.
"""

import os
import smtplib
import socket
import ssl
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(__file__))
import gateway_harness as gh  # noqa: E402
import p1ber  # noqa: E402
from mixertest import TempDir, free_port, make_test_cert, mixer_cli, run  # noqa: E402
from test_p1_loopback import MESSAGE, PEER, Listener, check_pcap, readb, readt, send  # noqa: E402


def make_name_only_cert(directory, name):
    """A self-signed certificate naming only DNS:`name` (no IP address)."""
    cert = os.path.join(directory, f"{name}.crt")
    key = os.path.join(directory, f"{name}.key")
    run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "2",
         "-subj", f"/CN={name}", "-addext", f"subjectAltName=DNS:{name}"], check=True)
    return cert, key


class TlsMixerd(gh.Mixerd):
    """The harness's mixerd with extra keys in its [[route]] and [p1] tables."""

    def __init__(self, tmp, next_hop, peer_port, route_extra="", p1_extra=""):
        self.route_extra, self.p1_extra = route_extra, p1_extra
        super().__init__(tmp, next_hop, peer_port)

    def write_config(self, *args, **kwargs):
        super().write_config(*args, **kwargs)
        text = readt(self.config)
        route_end = 'mode          = "normal"\n'
        p1_end = f"max_associations = {self.p1_max}\n"
        assert text.count(route_end) == 1 and text.count(p1_end) == 1, text
        text = text.replace(route_end, route_end + self.route_extra).replace(p1_end, p1_end + self.p1_extra)
        with open(self.config, "w") as f:
            f.write(text)


def smtp_to_x400(port, surname):
    """One message into mixerd's SMTP listener for an X.400 user behind the route."""
    _, rcpt = gh.x400_user(surname)
    msg = (f"From: sender@{gh.INTERNET_DOMAIN}\r\nTo: {rcpt}\r\nSubject: over {surname}\r\n"
           f"Message-ID: <{surname}.{time.time()}@{gh.INTERNET_DOMAIN}>\r\n\r\nbody {surname}\r\n")
    with smtplib.SMTP("127.0.0.1", port, timeout=30) as s:
        refused = s.sendmail(f"sender@{gh.INTERNET_DOMAIN}", [rcpt], msg.encode())
    assert not refused, refused


class P1TlsTools(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp_ctx = TempDir("p1-tls-")
        cls.tmp = cls.tmp_ctx.path
        cls.cert, cls.key = make_test_cert(cls.tmp, cn="localhost")  # SAN DNS:localhost, IP:127.0.0.1
        other = os.path.join(cls.tmp, "other")
        os.makedirs(other)
        cls.other_ca, _ = make_test_cert(other, cn="localhost")  # same names, another key: not our CA
        cls.name_cert, cls.name_key = make_name_only_cert(cls.tmp, "mta.invalid")

    @classmethod
    def tearDownClass(cls):
        cls.tmp_ctx.cleanup()

    def setUp(self):
        self.procs = []

    def tearDown(self):
        for p in self.procs:
            p.stop()

    def listener(self, name, cert, key):
        l = Listener(self.tmp, name, PEER + ["--tls-cert", cert, "--tls-key", key])
        self.procs.append(l)
        self.assertIn("(TLS)", l.log())
        return l

    def test_send_over_tls_lands_and_is_really_tls(self):
        l = self.listener("tls", self.cert, self.key)
        trace = os.path.join(self.tmp, "tls.stream")
        r = send(l.port, [MESSAGE, MESSAGE], extra=["--tls", "--tls-ca", self.cert], trace=trace)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertIn("transferred 2 of 2", r.stdout)
        l.wait_log(r"assoc 1: closed")
        self.assertEqual(len(l.stored()), 2)
        self.assertEqual(readb(l.stored()[0]), readb(MESSAGE))
        # The RFC 1006 conversation inside TLS, as both tools saw it, is clean for tshark.
        out = check_pcap(self, trace, l.port, expect=["P1 MTABindResult: authenticated", "P1 MTS-APDU: message"])
        self.assertEqual(out.count("P1 MTS-APDU: message"), 2, out)
        check_pcap(self, os.path.join(l.trace, "assoc-1.stream"), l.port)
        # On the wire it is TLS with our certificate: Python's ssl verifies it against the same CA.
        ctx = ssl.create_default_context(cafile=self.cert)
        with socket.create_connection(("127.0.0.1", l.port), timeout=10) as raw:
            with ctx.wrap_socket(raw, server_hostname="localhost") as s:
                subject = dict(x[0] for x in s.getpeercert()["subject"])
                self.assertEqual(subject["commonName"], "localhost")
                self.assertIn(s.version(), ("TLSv1.2", "TLSv1.3"))

    def test_wrong_ca_refused_with_clear_error(self):
        l = self.listener("wrongca", self.cert, self.key)
        r = send(l.port, [MESSAGE], extra=["--tls", "--tls-ca", self.other_ca])
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        self.assertIn("TLS handshake with 127.0.0.1:", r.stderr)
        self.assertIn("certificate verify failed", r.stderr)
        self.assertIn("peer certificate:", r.stderr)  # OpenSSL's verify reason, e.g. self-signed certificate
        self.assertIn("transferred 0 of 1", r.stdout)
        l.wait_log(r"assoc 1: closed")
        self.assertEqual(l.stored(), [])

    def test_certificate_for_another_host_refused(self):
        l = self.listener("name", self.name_cert, self.name_key)
        r = send(l.port, [MESSAGE], extra=["--tls", "--tls-ca", self.name_cert])
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        self.assertIn("certificate verify failed", r.stderr)
        self.assertRegex(r.stderr, r"(?i)mismatch")  # OpenSSL: IP address mismatch
        self.assertEqual(l.stored(), [])

    def test_plain_client_against_tls_port_fails_cleanly(self):
        l = self.listener("plain", self.cert, self.key)
        r = send(l.port, [MESSAGE])  # RFC 1006 CR where a TLS ClientHello is expected
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        self.assertIn("aborted", r.stderr)
        l.wait_log(r"assoc 1: aborted \(TLS handshake with 127\.0\.0\.1:\d+ failed")
        l.wait_log(r"assoc 1: closed")
        self.assertEqual(l.stored(), [])
        # The listener still serves TLS clients afterwards.
        r = send(l.port, [MESSAGE], extra=["--tls", "--tls-ca", self.cert])
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)

    def test_usage_and_file_errors(self):
        base = [mixer_cli(), "p1", "send", "--to", "127.0.0.1:1", "--mta", "A", "--peer-mta", "B"]
        r = run(base + ["--tls-ca", self.cert, MESSAGE])
        self.assertEqual(r.returncode, 2)
        self.assertIn("--tls-ca needs --tls", r.stderr)
        missing = os.path.join(self.tmp, "missing.pem")
        r = run(base + ["--tls", "--tls-ca", missing, MESSAGE])
        self.assertEqual(r.returncode, 1)
        self.assertIn("TLS CA file " + missing, r.stderr)
        listen = [mixer_cli(), "p1", "listen", "--port", str(free_port()), "--spool", os.path.join(self.tmp, "s"),
                  "--mta", "M"]
        r = run(listen + ["--tls-cert", self.cert])
        self.assertEqual(r.returncode, 2)
        self.assertIn("--tls-cert and --tls-key go together", r.stderr)
        r = run(listen + ["--tls-cert", self.cert, "--tls-key", self.name_key])
        self.assertEqual(r.returncode, 1)
        self.assertIn("TLS private key " + self.name_key, r.stderr)
        self.assertRegex(r.stderr, r"mismatch|does not match")  # OpenSSL: key values mismatch
        r = run(listen + ["--tls-cert", missing, "--tls-key", self.key])
        self.assertEqual(r.returncode, 1)
        self.assertIn("TLS certificate " + missing, r.stderr)


class MixerdP1(unittest.TestCase):
    """mixerd's P1 transport and listener with TLS and selectors (no Postfix: SMTP goes
    straight into mixerd, the SMTP next hop is never used)."""

    def setUp(self):
        self.tmp_ctx = TempDir("mixerd-p1-")
        self.tmp = self.tmp_ctx.path
        self.parts = []
        self.cert, self.key = make_test_cert(self.tmp, cn="localhost")

    def tearDown(self):
        for p in reversed(self.parts):
            p.stop()
        self.tmp_ctx.cleanup()

    def start(self, peer_extra=(), route_extra="", p1_extra=""):
        peer = gh.P1Peer(self.tmp, port=free_port(), extra=list(peer_extra))
        self.parts.append(peer)
        m = TlsMixerd(self.tmp, free_port(), peer.port, route_extra=route_extra, p1_extra=p1_extra)
        self.parts.append(m)
        m.start()
        return peer, m

    def wait_peer(self, peer, mixerd, count):
        gh.wait_until(lambda: len(peer.stored()) >= count, 60,
                      lambda: f"{len(peer.stored())} of {count} at the peer\n{mixerd.log()[-4000:]}\n{peer.log()}")
        return [p1ber.Apdu(a) for a in peer.apdus()]

    def test_route_tls_delivers_to_tls_peer(self):
        peer, m = self.start(peer_extra=["--tls-cert", self.cert, "--tls-key", self.key],
                             route_extra=f'tls = true\ntls_ca = "{self.cert}"\n')
        smtp_to_x400(m.smtp_port, "Tls")
        apdus = self.wait_peer(peer, m, 1)
        self.assertIn("S=Tls/", apdus[0].recipients[0])
        gh.wait_until(lambda: "transfer confirmed" in m.log(), 30, m.log)
        self.assertIn("(TLS)", peer.log())
        # The peer's capture (the RFC 1006 bytes inside TLS) is clean for tshark.
        rc, out = gh.check_pcap(peer.traces()[0], peer.port, expect=["P1 MTS-APDU: message"])
        self.assertEqual(rc, 0, out)

    def test_route_tls_wrong_ca_keeps_message_queued(self):
        other = os.path.join(self.tmp, "other")
        os.makedirs(other)
        other_ca, _ = make_test_cert(other, cn="localhost")
        peer, m = self.start(peer_extra=["--tls-cert", self.cert, "--tls-key", self.key],
                             route_extra=f'tls = true\ntls_ca = "{other_ca}"\n')
        smtp_to_x400(m.smtp_port, "Refused")
        gh.wait_until(lambda: "certificate verify failed" in m.log() and "status=deferred" in m.log(), 60, m.log)
        self.assertIn("TLS handshake with 127.0.0.1:", m.log())
        self.assertEqual(peer.stored(), [])
        counts = m.queue_counts()
        self.assertEqual(counts["deferred"] + counts["active"], 1, counts)

    def test_mixerd_p1_listener_tls(self):
        peer, m = self.start(p1_extra=f'tls_cert = "{self.cert}"\ntls_key = "{self.key}"\n')
        x400_msg = p1ber.message("tls-in-1", gh.x400_user("Sender")[0], [gh.internet_user("user")[0]], "tls in")
        path = os.path.join(self.tmp, "in.ber")
        with open(path, "wb") as f:
            f.write(x400_msg)
        argv = [mixer_cli(), "p1", "send", "--to", f"127.0.0.1:{m.p1_port}", "--mta", gh.PEER_MTA, "--password",
                gh.PEER_PASSWORD, "--peer-mta", gh.GATEWAY_MTA]
        r = run(argv + ["--tls", "--tls-ca", self.cert, path], timeout=60)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr + m.log()[-3000:])
        self.assertIn("transferred 1 of 1", r.stdout)
        self.assertIn("RFC 1006 inside TLS", m.log())
        # Plain TCP to the TLS port: refused, nothing queued from it.
        r = run(argv + [path], timeout=60)
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        gh.wait_until(lambda: "TLS handshake with" in m.log(), 30, m.log)

    def test_route_selectors_on_the_wire(self):
        sels = ["--called-tsel", "P1T", "--called-ssel", "0x5331", "--called-psel", "P1P"]
        peer, m = self.start(peer_extra=sels, route_extra='tsel = "P1T"\nssel = "0x5331"\npsel = "P1P"\n')
        smtp_to_x400(m.smtp_port, "Sel")
        apdus = self.wait_peer(peer, m, 1)
        self.assertIn("S=Sel/", apdus[0].recipients[0])
        stream = peer.traces()[0]
        wire = "".join(line[2:].replace(" ", "") for line in readt(stream).splitlines() if line.startswith(">"))
        self.assertIn("c203" + b"P1T".hex(), wire)  # X.224 CR called TSAP-ID
        self.assertIn("3402" + "5331", wire)  # X.225 CN called session selector (PI 52)
        self.assertIn("8203" + b"P1P".hex(), wire)  # X.226 CP called-presentation-selector [2]
        rc, out = gh.check_pcap(stream, peer.port, expect=["P1 MTABindResult: authenticated", "P1 MTS-APDU: message"])
        self.assertEqual(rc, 0, out)

    def test_route_wrong_selector_refused_and_kept(self):
        peer, m = self.start(peer_extra=["--called-tsel", "P1T"], route_extra='tsel = "OTHER"\n')
        smtp_to_x400(m.smtp_port, "Wrong")
        gh.wait_until(lambda: "status=deferred" in m.log(), 60, m.log)
        gh.wait_until(lambda: "TSAP selector is not ours" in peer.log(), 30, peer.log)
        self.assertEqual(peer.stored(), [])


if __name__ == "__main__":
    unittest.main()
