"""Issue #9 "check-config validates everything ... mixerd refuses to start on an invalid
configuration with the same messages": one broken thing at a time in the configuration the
e2e rig writes (gateway_harness.Mixerd, real table files, one route), then

  mixer check-config FILE          -> exit 1, the error as "FILE:LINE: message", a count line
  mixerd --config FILE --check     -> exit 1, the same error lines
  mixerd --config FILE --foreground -> exits 1 at once (binds nothing), the same error lines

Error kinds: a mapping table line (table file:line), an unparseable route O/R prefix, a
prefix below the routing hierarchy, two routes with one prefix, a peer / next hop that does
not resolve, a malformed selector, a missing or group-readable password file, a missing TLS
file (listener and route). The valid file passes all three. No root, no Postfix needed.
"""

import os
import unittest

import gateway_harness as gh
from mixertest import TempDir, free_port, make_test_cert, mixer_cli, mixerd, run


def line_of(text, needle, nth=1):
    """1-based line number of the nth line containing `needle`."""
    seen = 0
    for n, line in enumerate(text.splitlines(), 1):
        if needle in line:
            seen += 1
            if seen == nth:
                return n
    raise AssertionError(f"{needle!r} not in the configuration")


def error_lines(output):
    """The "FILE...: message" lines, without mixerd's closing sentence and the count line."""
    return [l for l in output.splitlines()
            if l and not l.startswith("mixerd: ") and not l.endswith((" error", " errors"))]


class ConfigChecks(unittest.TestCase):
    def setUp(self):
        self.tmp_ctx = TempDir()
        self.tmp = self.tmp_ctx.path
        self.m = gh.Mixerd(self.tmp, next_hop=free_port(), peer_port=free_port())
        with open(self.m.config) as f:
            self.good = f.read()

    def tearDown(self):
        self.tmp_ctx.cleanup()

    def write(self, text):
        with open(self.m.config, "w") as f:
            f.write(text)
        return text

    def table(self, name, text):
        with open(os.path.join(self.m.dir, name), "w") as f:
            f.write(text)

    def assert_refused(self, expected):
        """All three entry points refuse with the same lines; `expected` (substrings) are among them."""
        cc = run([mixer_cli(), "check-config", self.m.config], timeout=60)
        self.assertEqual(cc.returncode, 1, cc.stdout + cc.stderr)
        lines = error_lines(cc.stderr)
        self.assertTrue(lines, cc.stderr)
        n = len(lines)
        self.assertIn(f"{self.m.config}: {n} error{'s' if n != 1 else ''}", cc.stderr)
        for want in expected:
            self.assertTrue(any(want in l for l in lines), f"{want!r} not in:\n{cc.stderr}")
        chk = run([mixerd(), "--config", self.m.config, "--check"], timeout=60)
        self.assertEqual(chk.returncode, 1, chk.stdout + chk.stderr)
        self.assertEqual(error_lines(chk.stderr), lines)
        start = run([mixerd(), "--config", self.m.config, "--foreground"], timeout=60)
        self.assertEqual(start.returncode, 1, start.stdout + start.stderr)
        self.assertEqual(error_lines(start.stderr), lines)
        self.assertIn("not starting", start.stderr)
        self.assertNotIn("running", start.stdout)
        return lines

    def test_valid_configuration_passes_everywhere(self):
        cc = run([mixer_cli(), "check-config", self.m.config], timeout=60)
        self.assertEqual(cc.returncode, 0, cc.stderr)
        self.assertIn("configuration OK (1 X.400 route", cc.stdout)
        chk = run([mixerd(), "--config", self.m.config, "--check"], timeout=60)
        self.assertEqual(chk.returncode, 0, chk.stderr)

    def test_table_file_errors_carry_the_table_file_and_line(self):
        self.table("table1.table", "# comment\nx400.example.org#PRMD$EXAMPLE.ADMD$ .C$XX#\n"
                                   "bad.example.org PRMD$X.ADMD$ .C$XX\n"
                                   "ok.example.org#PRMD$OK.ADMD$ .C$XX#\n"
                                   "worse.example.org#NOPE$X#\n")
        t1 = os.path.join(self.m.dir, "table1.table")
        lines = self.assert_refused([f"{t1}:3: missing '#' between the two fields", f"{t1}:5: bad dmn-or"])
        self.assertEqual(len(lines), 2, "every bad line, each once")

    def test_table2_error(self):
        self.table("table2.table", "x400.example.org#PRMD$EXAMPLE.ADMD$ .C$XX#\n")
        t2 = os.path.join(self.m.dir, "table2.table")
        self.assert_refused([f"{t2}:1: first field must be a dmn-or O/R prefix"])

    def test_unparseable_route_prefix(self):
        text = self.write(self.good.replace(f'or_prefix     = "{gh.PEER_PREFIX}"',
                                            'or_prefix     = "/C=XX/ADMD= /BOGUS=1/"'))
        n = line_of(text, "or_prefix")
        self.assert_refused([f"{self.m.config}:{n}: route 'test-peer'.or_prefix: address:"])

    def test_prefix_below_the_routing_hierarchy(self):
        self.write(self.good.replace(f'or_prefix     = "{gh.PEER_PREFIX}"',
                                     'or_prefix     = "/C=XX/ADMD= /PRMD=EXAMPLE/S=Smith/"'))
        self.assert_refused(["route 'test-peer'", "may only hold C, ADMD, PRMD, O and OU"])

    def test_two_routes_with_one_prefix(self):
        second = (f'\n[[route]]\nname = "twin"\nor_prefix = "{gh.PEER_PREFIX}"\n'
                  f'peer = "127.0.0.1:{free_port()}"\n')
        self.write(self.good.replace("[tables]", second + "\n[tables]"))
        self.assert_refused(["route 'twin'", "same or_prefix as route 'test-peer'"])

    def test_peer_that_does_not_resolve(self):
        # RFC 6761 6.4: .invalid never resolves.
        text = self.write(self.good.replace('peer          = "127.0.0.1:', 'peer          = "nowhere.invalid:'))
        n = line_of(text, "peer          =")
        self.assert_refused([f"{self.m.config}:{n}: route 'test-peer'.peer: host 'nowhere.invalid' does not resolve"])

    def test_next_hop_that_does_not_resolve(self):
        text = self.write(self.good.replace('next_hop     = "127.0.0.1:', 'next_hop     = "relay.invalid:'))
        n = line_of(text, "next_hop     =")
        self.assert_refused([f"{self.m.config}:{n}: smtp.next_hop: host 'relay.invalid' does not resolve"])

    def test_malformed_selectors(self):
        text = self.write(self.good.replace('mode          = "normal"',
                                            'mode          = "normal"\ntsel = "0xABC"\nssel = "0xZZ"'))
        self.assert_refused([f"{self.m.config}:{line_of(text, 'tsel =')}: route 'test-peer'.tsel: hex selector needs "
                             "an even number of digits",
                             f"{self.m.config}:{line_of(text, 'ssel =')}: route 'test-peer'.ssel: '0xZZ' is not hex"])

    def test_password_file_missing_or_readable_by_others(self):
        pw = os.path.join(self.m.dir, "peer.secret")
        text = self.write(self.good.replace(f'password      = "{gh.GW_PASSWORD}"', 'password_file = "peer.secret"'))
        n = line_of(text, "password_file")
        self.assert_refused([f"{self.m.config}:{n}: route 'test-peer'.password_file: cannot read {pw}"])
        with open(pw, "w") as f:
            f.write(gh.GW_PASSWORD + "\n")
        os.chmod(pw, 0o644)
        self.assert_refused([f"{self.m.config}:{n}: route 'test-peer'.password_file: {pw} is readable by group "
                             "or others (chmod 600 it)"])
        os.chmod(pw, 0o600)
        self.assertEqual(run([mixer_cli(), "check-config", self.m.config], timeout=60).returncode, 0)

    def test_tls_files_must_exist(self):
        ca = os.path.join(self.m.dir, "ca.pem")
        text = self.write(self.good.replace('mode          = "normal"',
                                            'mode          = "normal"\ntls = true\ntls_ca = "ca.pem"')
                          .replace('next_hop_tls = "none"',
                                   'next_hop_tls = "none"\ntls_cert = "smtp.pem"\ntls_key = "smtp.key"'))
        self.assert_refused([f"{self.m.config}:{line_of(text, 'tls_ca')}: route 'test-peer'.tls_ca: {ca} does not exist",
                             f"{self.m.config}:{line_of(text, 'tls_cert')}: smtp.tls_cert: "
                             f"{os.path.join(self.m.dir, 'smtp.pem')} does not exist"])

    def test_tls_ca_without_tls(self):
        with open(os.path.join(self.m.dir, "ca.pem"), "w") as f:
            f.write("x")
        text = self.write(self.good.replace('mode          = "normal"', 'mode          = "normal"\ntls_ca = "ca.pem"'))
        self.assert_refused([f"{self.m.config}:{line_of(text, 'tls_ca')}: route 'test-peer'.tls_ca is set but tls is off"])

    def test_tls_material_must_load(self):
        cert, key = make_test_cert(self.m.dir)
        other_cert, other_key = make_test_cert(self.m.dir, cn="other")
        good = self.good.replace('[p1]\n', f'[p1]\ntls_cert = "{cert}"\ntls_key = "{key}"\n').replace(
            'mode          = "normal"', f'mode          = "normal"\ntls = true\ntls_ca = "{cert}"')
        self.write(good)
        cc = run([mixer_cli(), "check-config", self.m.config], timeout=60)
        self.assertEqual(cc.returncode, 0, cc.stderr)
        # a key that is not the certificate's, and a CA file that is no PEM
        garbage = os.path.join(self.m.dir, "garbage.pem")
        with open(garbage, "w") as f:
            f.write("not a certificate\n")
        text = self.write(good.replace(f'tls_key = "{key}"', f'tls_key = "{other_key}"')
                          .replace(f'tls_ca = "{cert}"', f'tls_ca = "{garbage}"'))
        lines = self.assert_refused(["p1.tls_cert/tls_key: ", "route 'test-peer'.tls_ca: "])
        self.assertTrue(any(l.startswith(f"{self.m.config}:{line_of(text, '[[route]]')}: route 'test-peer'.tls_ca")
                            for l in lines), lines)
        del other_cert

    def test_gateway_or_address_is_parsed(self):
        text = self.write(self.good.replace(f'or_address = "{gh.GATEWAY_OR}"', 'or_address = "/C=XX/ADMD= /Q=1=2/"'))
        self.assert_refused([f"{self.m.config}:{line_of(text, 'or_address')}: gateway.or_address: address:"])


if __name__ == "__main__":
    unittest.main()
