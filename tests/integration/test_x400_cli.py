"""`mixer x400 dump` / `mixer x400 encode` on P1 values, through the real binary:
the real Isode MTS-APDU (indefinite lengths) and MTA-bind PDUs, and our own
generated message / report / probe encodings (the p1 fuzz seeds), go
BER -> JSON -> BER: byte-identical for definite-length input, the same JSON
(= the same decoded value) for the non-canonical Isode APDU. The default
`--as auto` picks the syntax from the first tag; bad input exits 1 with the
BER field path and byte offset or the JSON path; bad usage exits 2. When
tshark is installed, the oracle accepts what encode wrote."""

import json
import os
import unittest

from mixertest import TempDir, have_program, mixer_cli, run

SOURCE = os.environ.get("MIXER_SOURCE_DIR",
                        os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..")))
SHARED = os.environ.get("MIXER_SHARED_DIR", os.path.join(SOURCE, "..", "shared"))
P1 = os.path.join(SOURCE, "tests", "data", "x400", "p1")
SEEDS = os.path.join(SOURCE, "tests", "fuzz", "corpus", "p1_mts_apdu")


def cli(*args, input=None):
    return run([mixer_cli(), "x400", *args], input=input)


def read(path, mode="rb"):
    with open(path, mode) as f:
        return f.read()


def write(path, data):
    with open(path, "wb" if isinstance(data, bytes) else "w") as f:
        f.write(data)


class X400CliP1(unittest.TestCase):
    def dump(self, path, *extra):
        r = cli("dump", path, *extra)
        self.assertEqual(r.returncode, 0, r.stderr)
        return r.stdout

    def encode(self, tmp, text, name="v"):
        src = os.path.join(tmp, name + ".json")
        out = os.path.join(tmp, name + ".ber")
        write(src, text)
        r = cli("encode", src, "-o", out)
        self.assertEqual(r.returncode, 0, r.stderr)
        return read(out)

    def test_generated_apdus_round_trip_byte_for_byte(self):
        for name in ("message-full.ber", "message-minimal.ber", "report.ber", "probe.ber"):
            with self.subTest(name=name), TempDir() as tmp:
                original = read(os.path.join(SEEDS, name))
                text = self.dump(os.path.join(SEEDS, name))
                kind = next(iter(json.loads(text)["mts-apdu"]))
                self.assertIn(kind, ("message", "report", "probe"))
                self.assertEqual(self.encode(tmp, text), original)
                # --as mts-apdu prints the same as the default (auto)
                self.assertEqual(self.dump(os.path.join(SEEDS, name), "--as", "mts-apdu"), text)

    def test_real_isode_mts_apdu_keeps_its_value(self):
        real = os.path.join(P1, "isode-p772-mts-apdu.ber")
        with TempDir() as tmp:
            text = self.dump(real)
            doc = json.loads(text)
            env = doc["mts-apdu"]["message"]["envelope"]
            self.assertEqual(env["content-type"], {"extended": "1.3.26.0.4406.0.4.1"})
            self.assertTrue(env["per-recipient-fields"])
            self.assertIn("hex", doc["mts-apdu"]["message"]["content"])
            ber = self.encode(tmp, text)
            self.assertNotEqual(ber, read(real))  # definite lengths now
            write(os.path.join(tmp, "again.ber"), ber)
            self.assertEqual(self.dump(os.path.join(tmp, "again.ber")), text)

    def test_bind_pdus_round_trip_and_auto_detect(self):
        expected = {"isode-bind-argument.ber": "bind-argument", "isode-bind-result.ber": "bind-result",
                    "isode-bind-error-busy.ber": "bind-error", "isode-bind-error-refuse.ber": "bind-error"}
        for name, key in expected.items():
            with self.subTest(name=name):
                text = self.dump(os.path.join(P1, name))
                self.assertEqual(list(json.loads(text)), [key])
                with TempDir() as tmp:
                    src = os.path.join(tmp, "b.json")
                    write(src, text)
                    r = cli("encode", src)  # hex on stdout
                    self.assertEqual(r.returncode, 0, r.stderr)
                    self.assertEqual(r.stdout.strip(), read(os.path.join(P1, name)).hex())
        busy = json.loads(self.dump(os.path.join(P1, "isode-bind-error-busy.ber"), "--as", "bind-error"))
        self.assertEqual(busy, {"bind-error": {"wrapping": "bind-macro", "value": "busy"}})

    def test_malformed_ber_exits_1_with_path_and_offset(self):
        real = read(os.path.join(P1, "isode-p772-mts-apdu.ber"))
        with TempDir() as tmp:
            cut = os.path.join(tmp, "cut.ber")
            write(cut, real[:200])
            r = cli("dump", cut, "--as", "mts-apdu")
            self.assertEqual(r.returncode, 1)
            self.assertIn("MTS-APDU", r.stderr)
            self.assertRegex(r.stderr, r"at offset \d+")
            r = cli("dump", cut)  # auto: tried as both candidates, both errors shown
            self.assertEqual(r.returncode, 1)
            self.assertIn("as mts-apdu: ", r.stderr)
            self.assertIn("as ipm: ", r.stderr)
            bad_bind = os.path.join(tmp, "bind.ber")
            write(bad_bind, bytes.fromhex("b2030201"))
            r = cli("dump", bad_bind)
            self.assertEqual(r.returncode, 1)
            self.assertRegex(r.stderr, r"offset \d+")

    def test_bad_json_exits_1_with_json_path(self):
        with TempDir() as tmp:
            text = self.dump(os.path.join(SEEDS, "report.ber"))
            doc = json.loads(text)
            doc["mts-apdu"]["report"]["content"]["per-recipient-fields"][1]["last-trace-information"][
                "report-type"]["non-delivery"]["non-delivery-reason-code"] = "lost"
            src = os.path.join(tmp, "bad.json")
            write(src, json.dumps(doc))
            r = cli("encode", src)
            self.assertEqual(r.returncode, 1)
            self.assertIn("$.mts-apdu.report.content.per-recipient-fields[1].last-trace-information."
                          "report-type.non-delivery.non-delivery-reason-code: unknown name \"lost\"", r.stderr)
            write(src, '{"mts-apdu": {"message": {"envelope": {}, "content": {"hex": ""}, "extra": 1}}}')
            r = cli("encode", src)
            self.assertEqual(r.returncode, 1)
            self.assertIn("$.mts-apdu.message.extra: unknown member", r.stderr)
            write(src, '{"mts-apdu": [}')
            r = cli("encode", src)
            self.assertEqual(r.returncode, 1)
            self.assertIn("JSON error at byte 14 ($.mts-apdu[0])", r.stderr)

    def test_usage_errors_exit_2(self):
        r = cli("dump", os.path.join(SEEDS, "probe.ber"), "--as", "p3")
        self.assertEqual(r.returncode, 2)
        self.assertIn("unknown --as", r.stderr)
        self.assertEqual(cli("encode").returncode, 2)

    @unittest.skipUnless(have_program("tshark"), "tshark (the oracle) is not installed")
    def test_oracle_accepts_what_encode_wrote(self):
        oracle = os.path.join(SHARED, "oracle", "bin", "decode-ber")
        with TempDir() as tmp:
            text = self.dump(os.path.join(P1, "isode-p772-mts-apdu.ber"))
            out = os.path.join(tmp, "p772.ber")
            write(out, self.encode(tmp, text))
            r = run([oracle, out, "mts-apdu"], timeout=120)
            self.assertEqual(r.returncode, 0, r.stdout + r.stderr)


if __name__ == "__main__":
    unittest.main()
