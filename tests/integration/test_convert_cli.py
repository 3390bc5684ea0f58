"""`mixer convert to-x400` / `mixer convert to-internet` through the real binary
(issue #7 "Tool"): messages written by others (Python's email test corpus,
libpython3.11-testsuite) and our message goldens go RFC 5322 -> BER -> RFC 5322.

What it proves:
  - to-x400 writes a BER MTS-APDU that tshark (decode-ber, the independent
    oracle) decodes; the rfc-822-heading-list extension is left out of that
    check only when tshark cannot decode its OID (see decode_ok below);
  - to-internet prints the SMTP envelope (MAIL FROM / RCPT TO lines) and an
    RFC 5322 message that Python's `email` package parses without defects
    (when the original parsed without defects), with the original header
    fields (name, value) back and the same decoded body text;
  - the envelope comes back: MAIL FROM, RCPT TO, NOTIFY, RET;
  - bad input (not BER, not a message, unreadable file, envelope that does
    not map) exits 1 with a clear message; usage errors exit 2.
"""

import email
import email.policy
import os
import unittest

from mixertest import TempDir, have_program, mixer_cli, run

SOURCE = os.environ.get("MIXER_SOURCE_DIR",
                        os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..")))
SHARED = os.environ.get("MIXER_SHARED_DIR", os.path.join(SOURCE, "..", "shared"))
GOLDEN = os.path.join(SOURCE, "tests", "data", "mapping", "message")
CORPUS = "/usr/lib/python3.11/test/test_email/data"
NOW = "1795435200"  # 2026-11-23 12:00:00 UTC: reproducible trace and Received

# A few corpus messages with different shapes: plain text, encoded words,
# multipart/mixed with attachments, message/rfc822, multipart/alternative.
CORPUS_SAMPLES = ["msg_01.txt", "msg_04.txt", "msg_07.txt", "msg_10.txt",
                  "msg_16.txt", "msg_21.txt", "msg_36.txt", "msg_45.txt"]


def convert(*args, input=None):
    return run([mixer_cli(), "convert", *args], input=input)


def read(path, mode="rb"):
    with open(path, mode) as f:
        return f.read()


def write(path, data):
    with open(path, "wb" if isinstance(data, bytes) else "w") as f:
        f.write(data)


def split_output(text):
    """to-internet stdout -> (envelope lines, message text)."""
    head, sep, message = text.partition("\n\n")
    if not sep:
        raise AssertionError("no blank line between envelope and message:\n" + text[:400])
    return head.split("\n"), message


def crlf(data):
    return data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")


def parse(data):
    if isinstance(data, str):
        return email.message_from_string(data, policy=email.policy.compat32)
    return email.message_from_bytes(data, policy=email.policy.compat32)


def all_defects(msg):
    found = []
    for part in msg.walk():
        found.extend(type(d).__name__ for d in part.defects)
    return found


def decoded_bodies(msg):
    out = []
    for part in msg.walk():
        if part.is_multipart():
            continue
        # to-internet prints LF line ends unless --crlf: compare the lines, not the ends.
        out.append((part.get_payload(decode=True) or b"").replace(b"\r\n", b"\n"))
    return out


class ConvertRoundTrip(unittest.TestCase):
    def round_trip(self, tmp, name, source_bytes, mail_from="alice@example.org",
                   rcpts=("bob@example.net",), extra=()):
        src = os.path.join(tmp, name + ".eml")
        ber = os.path.join(tmp, name + ".ber")
        write(src, source_bytes)
        args = ["to-x400", src, "--from", mail_from, "--now", NOW, "-o", ber]
        for r in rcpts:
            args += ["--to", r]
        r = convert(*args, *extra)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertGreater(os.path.getsize(ber), 0)
        self.assert_tshark_accepts(ber, tmp)
        back = convert("to-internet", ber, "--now", NOW)
        self.assertEqual(back.returncode, 0, back.stderr)
        return split_output(back.stdout)

    def assert_tshark_accepts(self, ber, tmp):
        if not have_program("tshark"):
            self.skipTest("tshark is not installed (scripts/setup.sh)")
        r = run([os.path.join(SHARED, "oracle", "bin", "decode-ber"), ber, "mts-apdu"], timeout=120)
        if r.returncode == 0:
            return
        # tshark has no decoder for some OIDs we send (the rfc-822-heading-list
        # extension, RFC 2156 5.1.2; the MIME-in-X.400 and FTBP parameter OIDs):
        # those show as "Dissector for OID not implemented". Every other problem
        # (malformed, structure, undecoded primitive) is a defect.
        problems = [line for line in (r.stdout + r.stderr).splitlines() if line.startswith("FAIL: ")]
        self.assertTrue(problems, "decode-ber failed without naming a problem:\n" + r.stderr[-2000:])
        unrelated = [p for p in problems if "ber.error.oid_not_implemented" not in p]
        self.assertEqual(unrelated, [], r.stderr[-3000:])

    def assert_headers_back(self, original, back):
        # Compared unfolded (RFC 5322 2.2.3: unfolding removes only the line breaks);
        # the printer may fold long fields at other whitespace than the original did.
        def unfold(v):
            return str(v).replace("\r\n", "").replace("\n", "")
        got = [(k, unfold(v)) for k, v in back.items()]
        for k, v in original.items():
            if k.lower() in ("return-path", "mime-version") or k.lower().startswith("content-"):
                continue  # dropped (SMTP reverse path) / regenerated by the body mapping
            self.assertIn((k, unfold(v)), got, "header %s not restored" % k)

    def test_corpus_messages_round_trip(self):
        if not os.path.isdir(CORPUS):
            self.skipTest("libpython3.11-testsuite is not installed (scripts/setup.sh)")
        with TempDir() as tmp:
            for name in CORPUS_SAMPLES:
                with self.subTest(message=name):
                    # The corpus files have Unix line ends; the gateway only ever sees
                    # messages in SMTP's canonical CRLF form (RFC 5321 2.3.8), which is
                    # what an SMTP client sends for such a file.
                    raw = crlf(read(os.path.join(CORPUS, name)))
                    envelope, message = self.round_trip(tmp, name, raw)
                    # No --ret/--envid: RET follows the (absent) content-return-request, HDRS, and
                    # ENVID carries the MTS identifier in xtext (RFC 2156 / RFC 3461 4.4).
                    self.assertTrue(envelope[0].startswith("MAIL FROM:<alice@example.org> RET=HDRS ENVID="),
                                    envelope[0])
                    self.assertTrue(envelope[1].startswith("RCPT TO:<bob@example.net>"), envelope)
                    original = parse(raw)
                    back = parse(message)
                    if not all_defects(original):
                        self.assertEqual(all_defects(back), [], name)
                    self.assert_headers_back(original, back)
                    self.assertEqual(decoded_bodies(back), decoded_bodies(original), name)
                    # The gateway's own Received line comes first.
                    self.assertTrue(message.startswith("Received: by gateway.invalid (mixer"), message[:200])

    def test_golden_inputs_round_trip_with_envelope_parameters(self):
        with TempDir() as tmp:
            text = read(os.path.join(GOLDEN, "heading-fields.in.eml"), "r")
            _, _, message = text.partition("\n\n")
            envelope, back_text = self.round_trip(
                tmp, "heading-fields", message.encode(), rcpts=("bob@example.net", "carol@example.net"),
                extra=("--notify", "SUCCESS,FAILURE", "--ret", "HDRS"))
            self.assertIn("RET=HDRS", envelope[0])
            self.assertEqual(len(envelope), 3, envelope)
            for line in envelope[1:]:
                self.assertIn("NOTIFY=SUCCESS,FAILURE", line)
            back = parse(back_text)
            self.assertEqual(all_defects(back), [])
            original = parse(message)
            self.assert_headers_back(original, back)
            self.assertEqual(back["Importance"], "high")
            self.assertEqual(back["X400-Content-Type"], "P2-1988 (22)")

    def test_json_dump_of_to_x400(self):
        with TempDir() as tmp:
            src = os.path.join(tmp, "m.eml")
            write(src, b"From: a@example.org\r\nSubject: json\r\n\r\nhi\r\n")
            r = convert("to-x400", src, "--from", "a@example.org", "--to", "b@example.net",
                        "--now", NOW, "--json")
            self.assertEqual(r.returncode, 0, r.stderr)
            import json
            doc = json.loads(r.stdout)
            self.assertIn("message", doc)
            ipm = doc["message"]["content"]["information-object"]
            self.assertIn("ipm", ipm)


class ConvertErrors(unittest.TestCase):
    def test_bad_input_exits_1_with_a_message(self):
        with TempDir() as tmp:
            junk = os.path.join(tmp, "junk.ber")
            write(junk, b"\x30\x05\x01\x02")
            r = convert("to-internet", junk)
            self.assertEqual(r.returncode, 1)
            self.assertIn("mixer convert:", r.stderr)
            self.assertGreater(len(r.stderr.strip()), len("mixer convert:"))

            missing = os.path.join(tmp, "missing.eml")
            r = convert("to-x400", missing, "--from", "a@example.org", "--to", "b@example.net")
            self.assertEqual(r.returncode, 1)
            self.assertIn("cannot read", r.stderr)

            r = convert("to-internet", missing)
            self.assertEqual(r.returncode, 1)
            self.assertIn("mixer convert:", r.stderr)

            # A recipient that is not an address: refused in X.411 terms.
            src = os.path.join(tmp, "m.eml")
            write(src, b"Subject: x\r\n\r\nhi\r\n")
            r = convert("to-x400", src, "--from", "a@example.org", "--to", "not an address")
            self.assertEqual(r.returncode, 1)
            self.assertIn("not converted", r.stderr)

            r = convert("to-x400", src, "--from", "a@example.org", "--to", "b@example.net",
                        "--notify", "SOMETIMES")
            self.assertEqual(r.returncode, 1)
            self.assertIn("not converted", r.stderr)

    def test_report_apdu_is_not_a_message(self):
        seeds = os.path.join(SOURCE, "tests", "fuzz", "corpus", "p1_mts_apdu")
        reports = [f for f in sorted(os.listdir(seeds)) if "report" in f]
        if not reports:
            self.skipTest("no report seed in the p1_mts_apdu corpus")
        r = convert("to-internet", os.path.join(seeds, reports[0]))
        self.assertEqual(r.returncode, 1)
        self.assertIn("not a message", r.stderr)

    def test_usage_errors_exit_2(self):
        with TempDir() as tmp:
            src = os.path.join(tmp, "m.eml")
            write(src, b"Subject: x\r\n\r\nhi\r\n")
            self.assertEqual(convert("to-x400", src).returncode, 2)  # no --from/--to
            self.assertEqual(convert("to-x400", src, "--to", "b@example.net").returncode, 2)
            self.assertEqual(convert("to-internet").returncode, 2)  # no FILE
            self.assertEqual(convert("to-internet", src, "--bogus").returncode, 2)
            bad_now = convert("to-internet", src, "--now", "yesterday")  # a bad value: refused, named
            self.assertNotEqual(bad_now.returncode, 0)
            self.assertIn("--now", bad_now.stderr)
            self.assertEqual(convert("sideways", src).returncode, 2)


if __name__ == "__main__":
    unittest.main()
