"""End to end: `mixer p1 send` against `mixer p1 listen` on loopback, and
Isode's real client bytes replayed against `mixer p1 listen`.

Every conversation's bytes are logged by the tools (--trace / --trace-dir),
turned into a pcap with the oracle's stream2pcap and judged by check-pcap
(tshark): every normal-mode conversation, and the connect phase of X.410
mode (tshark cannot follow X.410-mode data, crib §8 item 30).
"""

import glob
import os
import re
import socket
import subprocess
import sys
import time
import unittest

from mixertest import Process, TempDir, free_port, mixer_cli, run

SRC = os.environ.get("MIXER_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
SHARED = os.environ.get("MIXER_SHARED_DIR", os.path.join(SRC, "..", "shared"))
ORACLE = os.path.join(SHARED, "oracle", "bin")
DATA = os.path.join(SRC, "tests", "data", "x400", "osi")
MESSAGE = os.path.join(DATA, "crib-message.ber")


def readb(path):
    with open(path, "rb") as f:
        return f.read()


def readt(path):
    with open(path) as f:
        return f.read()


def writef(path, data):
    with open(path, "wb" if isinstance(data, bytes) else "w") as f:
        f.write(data)


def ber_len(n):
    if n < 128:
        return bytes([n])
    b = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(b)]) + b


def tlv(tag, content):
    return bytes([tag]) + ber_len(len(content)) + content


def big_message(body_octets):
    """The crib's P22 message with an IA5 body of `body_octets` octets (valid P1)."""
    m = readb(MESSAGE)
    # MTS-APDU a0 81 b5 { 31 81 92 <envelope> 04 1e <content> }
    env_end = 3 + 3 + 0x92
    envelope = m[3:env_end]
    heading = bytes.fromhex("310b6b03130131a80414024869")
    text = (b"0123456789abcdefghijklmnopqrstuvwxyz\r\n" * (body_octets // 38 + 1))[:body_octets]
    body = tlv(0x30, tlv(0xA0, bytes.fromhex("3100") + tlv(0x16, text)))
    content = tlv(0x04, tlv(0xA0, heading + body))
    return tlv(0xA0, envelope + content)


class Listener:
    """`mixer p1 listen` on a free port; waits for its 'listening on' line."""

    def __init__(self, tmp, name, args):
        self.port = free_port()
        self.spool = os.path.join(tmp, name + "-spool")
        self.trace = os.path.join(tmp, name + "-trace")
        argv = [mixer_cli(), "p1", "listen", "--port", str(self.port), "--spool", self.spool,
                "--trace-dir", self.trace] + args
        self.proc = Process(argv, os.path.join(tmp, name + "-logs"), name=name)
        deadline = time.monotonic() + 15
        while "listening on" not in self.proc.stdout():
            if not self.proc.running() or time.monotonic() > deadline:
                raise RuntimeError("listener did not start: " + self.proc.stderr())
            time.sleep(0.05)

    def log(self):
        return self.proc.stdout()

    def wait_log(self, pattern, timeout=15):
        deadline = time.monotonic() + timeout
        while not re.search(pattern, self.log()):
            if time.monotonic() > deadline:
                raise AssertionError(f"{pattern!r} not in listener log:\n{self.log()}")
            time.sleep(0.05)

    def stored(self):
        return sorted(glob.glob(os.path.join(self.spool, "*.ber")))

    def stop(self):
        return self.proc.stop()


def check_pcap(test, stream, port, expect=(), only_connect=False):
    """stream2pcap + check-pcap; returns check-pcap's output."""
    src = stream
    if only_connect:
        lines = [l for l in readt(stream).splitlines() if l[:1] in "<>"]
        src = stream + ".connect"
        writef(src, "\n".join(lines[:4]) + "\n")  # CR, CC, CN, AC
    pcap = src + ".pcap"
    r = run([os.path.join(ORACLE, "stream2pcap"), "--server-port", str(port), src, pcap])
    test.assertEqual(r.returncode, 0, r.stderr)
    argv = [os.path.join(ORACLE, "check-pcap"), pcap, str(port)]
    for e in expect:
        argv += ["--expect", e]
    r = run(argv, timeout=120)
    test.assertEqual(r.returncode, 0, r.stdout + r.stderr)
    return r.stdout


PEER = ["--mta", "MSWITCH", "--peer", "GATEWAY:secret:passwd"]


def send(port, files, mode="normal", password="secret", extra=(), trace=None):
    argv = [mixer_cli(), "p1", "send", "--to", f"127.0.0.1:{port}", "--mta", "GATEWAY", "--password", password,
            "--peer-mta", "MSWITCH", "--mode", mode] + list(extra)
    if trace:
        argv += ["--trace", trace]
    return run(argv + list(files), timeout=120)


class P1Loopback(unittest.TestCase):
    def setUp(self):
        self.tmp_ctx = TempDir()
        self.tmp = self.tmp_ctx.path
        self.procs = []

    def tearDown(self):
        for p in self.procs:
            p.stop()
        self.tmp_ctx.cleanup()

    def listener(self, name, args):
        l = Listener(self.tmp, name, args)
        self.procs.append(l)
        return l

    def test_normal_one_and_many_messages_oracle_clean(self):
        l = self.listener("normal", PEER)
        trace = os.path.join(self.tmp, "one.stream")
        r = send(l.port, [MESSAGE], trace=trace)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertIn("transferred 1 of 1", r.stdout)
        l.wait_log(r"assoc 1: closed")
        self.assertEqual(len(l.stored()), 1)
        self.assertEqual(readb(l.stored()[0]), readb(MESSAGE))
        check_pcap(self, trace, l.port, expect=["P1 MTABindResult: authenticated", "P1 MTS-APDU: message",
                                                "ACSE rlre"])
        # The listener's own trace of the same association is clean too.
        check_pcap(self, os.path.join(l.trace, "assoc-1.stream"), l.port)

        trace = os.path.join(self.tmp, "many.stream")
        r = send(l.port, [MESSAGE] * 7, trace=trace)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertIn("transferred 7 of 7", r.stdout)
        l.wait_log(r"assoc 2: closed")
        self.assertEqual(len(l.stored()), 8)
        out = check_pcap(self, trace, l.port)
        self.assertEqual(out.count("P1 MTS-APDU: message"), 7, out)

    def test_big_message_segmented_with_checkpoints(self):
        l = self.listener("big", PEER + ["--checkpoint-size", "4", "--window", "2"])
        big = os.path.join(self.tmp, "big.ber")
        data = big_message(12000)  # > checkpoint size 4 KiB > TPDU size 2048
        writef(big, data)
        r = run([os.path.join(ORACLE, "decode-ber"), big, "mts-apdu"], timeout=60)
        self.assertEqual(r.returncode, 0, r.stderr)
        trace = os.path.join(self.tmp, "big.stream")
        r = send(l.port, [big, MESSAGE], extra=["--checkpoint-size", "4", "--window", "2"], trace=trace)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        l.wait_log(r"assoc 1: closed")
        stored = [readb(f) for f in l.stored()]
        self.assertIn(data, stored)
        out = check_pcap(self, trace, l.port, expect=["MINOR SYNC POINT", "MINOR SYNC ACK", "P1 MTS-APDU: message"])
        self.assertIn("rtorq", out)
        # TPDUs were cut at 2048 octets (TPKT length 2052) with EOT only on the last.
        sent = "".join(x[2:] for x in readt(trace).splitlines() if x.startswith(">"))
        self.assertTrue("0300080402f000" in sent, "no 2048-octet TPDU without EOT was sent")

    def test_x410_mode_one_and_many(self):
        l = self.listener("x410", PEER)
        trace = os.path.join(self.tmp, "x410.stream")
        r = send(l.port, [MESSAGE] * 3, mode="x410", trace=trace)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertIn("transferred 3 of 3", r.stdout)
        l.wait_log(r"assoc 1: closed")
        self.assertIn("X.410-1984 mode", l.log())
        self.assertEqual(len(l.stored()), 3)
        self.assertEqual(readb(l.stored()[0]), readb(MESSAGE))
        check_pcap(self, trace, l.port, only_connect=True,
                   expect=["applicationProtocol: mts-transfer-protocol", "CPA-PPDU mode-value: x410-1984-mode"])
        # Big message with checkpoints in X.410 mode.
        big = os.path.join(self.tmp, "big410.ber")
        writef(big, big_message(5000))
        r = send(l.port, [big], mode="x410", extra=["--checkpoint-size", "1"])
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)

    def test_wrong_password_refused_with_authentication_error(self):
        l = self.listener("auth", PEER)
        for mode in ("normal", "x410"):
            trace = os.path.join(self.tmp, f"auth-{mode}.stream")
            r = send(l.port, [MESSAGE], mode=mode, password="wrong", trace=trace)
            self.assertEqual(r.returncode, 1, (r.stdout + r.stderr)[:2000])
            self.assertIn("bind-refused", r.stderr)
            self.assertIn("authentication-error", r.stderr)
            if mode == "normal":
                out = check_pcap(self, trace, l.port)
                self.assertRegex(out, r"SES REFUSE \(RF\).*CPR-PPDU.*rejected-permanent.*rtorj-apdu.*"
                                      r"MTABindError: authentication-error \(2\)")
            else:
                check_pcap(self, trace, l.port, only_connect=True, expect=["SES REFUSE"])
        l.wait_log(r"assoc 2: closed")
        self.assertEqual(l.stored(), [])
        self.assertEqual(l.log().count("bind-error=authentication-error"), 2)

    def test_selectors_sent_checked_and_oracle_clean(self):
        """Called TSAP/SSAP/PSAP selectors: send puts them on the wire (CR c2,
        CN called SS-user reference, CP called-presentation-selector; tshark
        decodes the conversation clean); a listener configured with them
        refuses callers that address other ones, at the layer concerned."""
        sels = ["--called-tsel", "P1T", "--called-ssel", "0x5331", "--called-psel", "P1P"]
        l = self.listener("sel", PEER + sels)
        trace = os.path.join(self.tmp, "sel.stream")
        r = send(l.port, [MESSAGE], extra=sels, trace=trace)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertIn("transferred 1 of 1", r.stdout)
        wire = "".join(line[2:].replace(" ", "") for line in readt(trace).splitlines() if line.startswith(">"))
        self.assertIn("c203" + b"P1T".hex(), wire)   # X.224 CR called TSAP-ID
        self.assertIn("3402" + "5331", wire)          # X.225 CN called session selector (PI 52)
        self.assertIn("8203" + b"P1P".hex(), wire)   # X.226 CP called-presentation-selector [2]
        check_pcap(self, trace, l.port, expect=["P1 MTS-APDU: message"])
        for wrong, why in ((["--called-tsel", "OTHER", "--called-ssel", "0x5331", "--called-psel", "P1P"], "TSAP"),
                           (["--called-tsel", "P1T", "--called-ssel", "S2", "--called-psel", "P1P"], "session"),
                           (["--called-tsel", "P1T", "--called-ssel", "0x5331", "--called-psel", "PX"], "presentation")):
            r = send(l.port, [MESSAGE], extra=wrong)
            self.assertEqual(r.returncode, 1, (r.stdout + r.stderr)[:2000])
            l.wait_log(why + r" selector is not ours")
        self.assertEqual(len(l.stored()), 1)
        r = run([mixer_cli(), "p1", "send", "--to", "127.0.0.1:1", "--mta", "A", "--peer-mta", "B",
                 "--called-tsel", "0xZZ", MESSAGE])
        self.assertEqual(r.returncode, 2)
        self.assertIn("--called-tsel", r.stderr)


class IsodeReplay(unittest.TestCase):
    """The Isode client (percival) side of the real captures against our listener."""

    ISODE = ["--mta", "guinevere.smhs.co.uk", "--peer", "percival.smhs.co.uk:excalibur:merlin"]

    def setUp(self):
        self.tmp_ctx = TempDir()
        self.tmp = self.tmp_ctx.path
        self.procs = []

    def tearDown(self):
        for p in self.procs:
            p.stop()
        self.tmp_ctx.cleanup()

    def connections(self, name):
        """Splits a capture's stream file into one stream per TCP connection (at each CR)."""
        lines = [l for l in readt(os.path.join(DATA, name)).splitlines() if l[:1] in "<>"]
        starts = [i for i, l in enumerate(lines) if l.startswith(">") and l[2:].replace(" ", "")[10:12] == "e0"]
        out = []
        for k, s in enumerate(starts):
            path = os.path.join(self.tmp, f"{name}.{k}")
            writef(path, "\n".join(lines[s:starts[k + 1] if k + 1 < len(starts) else None]) + "\n")
            out.append(path)
        return out

    def replay(self, port, stream):
        answer = stream + ".answer"
        r = run([os.path.join(ORACLE, "replay-stream"), "--port", str(port), stream, answer], timeout=60)
        self.assertEqual(r.returncode, 0, r.stderr)
        return answer

    def test_ping_success_is_accepted(self):
        l = Listener(self.tmp, "ping", self.ISODE)
        self.procs.append(l)
        (conn,) = self.connections("isode-x400-ping-success.stream")
        answer = self.replay(l.port, conn)
        l.wait_log(r"assoc 1: closed")
        self.assertIn("bound peer=percival.smhs.co.uk", l.log())
        self.assertIn("assoc 1: released", l.log())
        check_pcap(self, answer, l.port, expect=["P1 MTABindResult: authenticated", "ACSE rlre"])

    def test_p772_transfer_lands_in_spool(self):
        l = Listener(self.tmp, "p772", self.ISODE)
        self.procs.append(l)
        recover, transfer = self.connections("isode-p772-transfer-success.stream")
        # The recovery attempt is refused the way the guinevere MTA did (MTABindError busy).
        out = check_pcap(self, self.replay(l.port, recover), l.port)
        self.assertRegex(out, r"SES REFUSE \(RF\).*rtorj-apdu.*MTABindError: busy")
        answer = self.replay(l.port, transfer)
        l.wait_log(r"assoc 2: closed")
        check_pcap(self, answer, l.port, expect=["MAJOR SYNC ACK", "ACSE rlre"])
        (stored,) = l.stored()
        r = run([os.path.join(ORACLE, "decode-ber"), stored, "mts-apdu"], timeout=60)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertIn('"kind": "message"', readt(stored[:-4] + ".json"))

    def test_wrong_password_answer_matches_refusal_capture(self):
        l = Listener(self.tmp, "refuse", ["--mta", "guinevere.smhs.co.uk", "--peer",
                                          "percival.smhs.co.uk:notexcalibur"])
        self.procs.append(l)
        (conn,) = self.connections("isode-x400-ping-success.stream")
        conn_lines = readt(conn).splitlines()[:4]  # CR, CC, CN, answer
        writef(conn, "\n".join(conn_lines) + "\n")
        answer = self.replay(l.port, conn)
        ours = check_pcap(self, answer, l.port).splitlines()
        ref = run([os.path.join(ORACLE, "check-pcap"),
                   os.path.join(SHARED, "oracle-captures", "x400-ping-refuse.pcap")], timeout=120).stdout.splitlines()

        def layers(line):  # the PDU names of each layer, without frame number, addresses and sizes
            return re.sub(r"TPKT \d+", "TPKT", re.sub(r"^#\d+\s+\S+ > \S+\s+", "", line))

        self.assertEqual(layers([x for x in ours if "REFUSE" in x][0]), layers([x for x in ref if "REFUSE" in x][0]))
        l.wait_log(r"bind-error=authentication-error")


class HostilePeers(unittest.TestCase):
    def setUp(self):
        self.tmp_ctx = TempDir()
        self.tmp = self.tmp_ctx.path
        self.l = Listener(self.tmp, "hostile", PEER + ["--idle-timeout", "700"])

    def tearDown(self):
        self.l.stop()
        self.tmp_ctx.cleanup()

    def talk(self, data, wait=3.0):
        with socket.create_connection(("127.0.0.1", self.l.port), timeout=wait) as s:
            if data:
                s.sendall(data)
                s.shutdown(socket.SHUT_WR)
            got = b""
            try:
                while True:
                    chunk = s.recv(65536)
                    if not chunk:
                        break
                    got += chunk
            except socket.timeout:
                self.fail("listener did not close the connection")
            return got

    def test_garbage_truncated_oversized_wrong_state_and_silence(self):
        cr = bytes.fromhex("0300001611e00000000100c1020001c2020001c0010b")
        cases = [
            (b"GET / HTTP/1.0\r\n\r\n", "tpkt"),                          # garbage
            (bytes.fromhex("030000ff02f080"), "closed by the peer"),       # truncated TPKT, then EOF
            (cr + bytes.fromhex("0300000b02f0800dff7fff"), "session"),     # SPDU LI past the TSDU
            (cr + bytes.fromhex("0300000c02f08001002d0529"), "session"),   # AS before CN
            (cr + bytes.fromhex("0300000902f0800900"), "session"),          # FN before CN
            (bytes.fromhex("0300000802f08041"), "x224"),                   # DT before CR
            (b"", "idle timeout"),                                         # silent peer
        ]
        for n, (data, why) in enumerate(cases, 1):
            start = time.monotonic()
            self.talk(data)
            self.assertLess(time.monotonic() - start, 5)
            self.l.wait_log(rf"assoc {n}: closed")
            line = [x for x in self.l.log().splitlines() if x.startswith(f"assoc {n}: aborted")]
            self.assertTrue(line and why in line[0], f"case {n}: {self.l.log()}")
        self.assertTrue(self.l.proc.running())
        self.assertEqual(self.l.stored(), [])


if __name__ == "__main__":
    unittest.main(verbosity=2)
