"""Every DSN and MDN the report mapping produces (the golden .eml files under
tests/data/mapping/report/, which the C++ golden tests prove byte-equal to what
the code generates) parses without defects in Python's email package, and its
message/delivery-status / message/disposition-notification fields follow the
RFC 3464 / RFC 8098 grammar."""

import email
import email.policy
import glob
import os
import re
import unittest

SOURCE = os.environ.get("MIXER_SOURCE_DIR",
                        os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..")))
DATA = os.path.join(SOURCE, "tests", "data", "mapping", "report")

# RFC 3464 §2.1.2 / §2.3.x
TYPED = re.compile(r"^[A-Za-z0-9-]+;\s*\S.*$", re.S)
STATUS = re.compile(r"^[245]\.\d{1,3}\.\d{1,3}$")
ACTIONS = {"failed", "delayed", "delivered", "relayed", "expanded"}
DISPOSITION = re.compile(
    r"^(manual-action|automatic-action)/(MDN-sent-manually|MDN-sent-automatically);\s*"
    r"(displayed|deleted|dispatched|processed)(/[A-Za-z0-9-]+(,[A-Za-z0-9-]+)*)?$")


def report_files():
    files = sorted(glob.glob(os.path.join(DATA, "*.eml")))
    if not files:
        raise AssertionError(f"no generated reports in {DATA}")
    return files


def all_defects(msg):
    out = []
    for part in msg.walk():
        out.extend(part.defects)
    return out


class ReportEmailTest(unittest.TestCase):
    def parse(self, path, policy):
        with open(path, "rb") as f:
            return email.message_from_binary_file(f, policy=policy)

    def test_every_report_parses_without_defects(self):
        for path in report_files():
            for policy in (email.policy.compat32, email.policy.default):
                with self.subTest(file=os.path.basename(path), policy=str(policy)):
                    msg = self.parse(path, policy)
                    self.assertEqual(all_defects(msg), [])
                    self.assertEqual(msg.get_content_type(), "multipart/report")
                    self.assertIn(msg.get_param("report-type"),
                                  ("delivery-status", "disposition-notification"))
                    self.assertEqual(msg["Auto-Submitted"], "auto-replied")
                    for name in ("From", "To", "Date", "Message-ID", "Subject"):
                        self.assertIsNotNone(msg[name], name)
                    parts = msg.get_payload()
                    self.assertGreaterEqual(len(parts), 2)
                    self.assertEqual(parts[0].get_content_type(), "text/plain")
                    # RFC 6522 §3: the second part is the machine-readable one.
                    self.assertEqual(parts[1].get_content_type(),
                                     "message/" + msg.get_param("report-type"))
                    if len(parts) > 2:
                        self.assertIn(parts[2].get_content_type(),
                                      ("message/rfc822", "text/rfc822-headers"))

    def test_delivery_status_fields(self):
        seen = 0
        for path in report_files():
            msg = self.parse(path, email.policy.compat32)
            if msg.get_param("report-type") != "delivery-status":
                continue
            seen += 1
            with self.subTest(file=os.path.basename(path)):
                groups = msg.get_payload()[1].get_payload()
                # email parses message/delivery-status into one Message per group.
                self.assertGreaterEqual(len(groups), 2)
                per_message = groups[0]
                self.assertRegex(per_message["Reporting-MTA"], TYPED)
                self.assertIsNone(per_message["Final-Recipient"])
                for rcpt in groups[1:]:
                    self.assertRegex(rcpt["Final-Recipient"], TYPED)
                    self.assertIn(rcpt["Action"], ACTIONS)
                    self.assertRegex(rcpt["Status"], STATUS)
                    action, status = rcpt["Action"], rcpt["Status"]
                    # RFC 3464 §2.3.4 consistency between Action and Status class.
                    if action == "failed":
                        self.assertTrue(status.startswith("5.") or status.startswith("4."))
                    elif action == "delayed":
                        self.assertTrue(status.startswith("4."))
                        self.assertIsNotNone(rcpt["Will-Retry-Until"])
                    else:
                        self.assertTrue(status.startswith("2."))
                    for typed in ("Original-Recipient", "Remote-MTA", "Diagnostic-Code"):
                        if rcpt[typed] is not None:
                            self.assertRegex(rcpt[typed], TYPED)
                    for date in ("Last-Attempt-Date", "Will-Retry-Until"):
                        if rcpt[date] is not None:
                            self.assertIsNotNone(email.utils.parsedate_to_datetime(rcpt[date]))
                if per_message["Arrival-Date"] is not None:
                    self.assertIsNotNone(email.utils.parsedate_to_datetime(per_message["Arrival-Date"]))
        self.assertGreaterEqual(seen, 6)

    def test_disposition_notification_fields(self):
        seen = 0
        for path in report_files():
            msg = self.parse(path, email.policy.compat32)
            if msg.get_param("report-type") != "disposition-notification":
                continue
            seen += 1
            with self.subTest(file=os.path.basename(path)):
                body = msg.get_payload()[1].get_payload()
                fields = body[0] if isinstance(body, list) else email.message_from_string(body)
                self.assertRegex(fields["Final-Recipient"], TYPED)
                self.assertRegex(fields["Disposition"], DISPOSITION)
                self.assertIsNotNone(fields["Original-Message-ID"])
                self.assertEqual(msg["In-Reply-To"], fields["Original-Message-ID"])
        self.assertGreaterEqual(seen, 3)


if __name__ == "__main__":
    unittest.main()
