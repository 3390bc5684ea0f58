"""Just enough BER to make and read X.411 (P1) MTS-APDUs in the end-to-end tests (stdlib only).

The tests need X.400 messages with chosen O/R addresses (to send with `mixer p1 send`),
non-delivery reports about a message mixer relayed (the X.400 peer "refusing" a
recipient the way a real MTA does: it takes the message, then reports), and to read
back what arrived in a `mixer p1 listen` spool. Every value made here is checked by
the tests with the tshark oracle (decode-ber ... mts-apdu), so a mistake here cannot
hide a mixer bug.

    or_address("/C=XX/ADMD= /PRMD=EXAMPLE/S=Bob/") -> contents of an ORAddress SEQUENCE
    message(local_id, originator, recipients, subject, body, ...) -> MTS-APDU bytes
    ndr(subject_apdu, recipient_index, reason, diagnostic, ...) -> MTS-APDU report bytes
    parse(bytes) -> [Tlv(tag, constructed, value, raw)]
    Apdu(bytes): .kind, .mts_id, .originator, .recipients (std-or strings), .ipm_subject,
                 .ipm_text, .report_recipients [(std-or, reason, diagnostic)]

X.411 (1988) 12.2 (MessageTransferEnvelope, ReportTransferEnvelope/Content), X.420 7
(IPM heading, IA5 body part), X.411 Annex A ORAddress. The P1 module uses IMPLICIT tags.
"""

import re
import time

# -- encoding -------------------------------------------------------------------


def _len(n):
    if n < 128:
        return bytes([n])
    b = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(b)]) + b


def tlv(tag, content):
    return bytes([tag]) + _len(len(content)) + content


def _int(tag, n):
    return tlv(tag, n.to_bytes(max(1, (n.bit_length() + 8) // 8), "big", signed=True))


def printable(s, tag=0x13):
    return tlv(tag, s.encode("ascii"))


_STD = re.compile(r"/([^=/]+)=([^/]*)")


def parse_std_or(text):
    """'/C=XX/ADMD= /S=Bob/' -> [('C','XX'), ('ADMD',' '), ('S','Bob')] (RFC 1685 keywords)."""
    return [(k.upper(), v) for k, v in _STD.findall(text)]


def or_address(text):
    """The contents of ORAddress (X.411 A.1): BuiltInStandardAttributes [+ DDAs]."""
    attrs = parse_std_or(text)
    get = {k: v for k, v in attrs}
    std = b""
    if "C" in get:
        std += tlv(0x61, printable(get["C"]))
    if "ADMD" in get or "A" in get:
        std += tlv(0x62, printable(get.get("ADMD", get.get("A"))))
    if "PRMD" in get or "P" in get:
        std += tlv(0xA2, printable(get.get("PRMD", get.get("P"))))
    if "O" in get:
        std += printable(get["O"], 0x83)
    pn = b""
    if "S" in get:
        pn += printable(get["S"], 0x80)
    if "G" in get:
        pn += printable(get["G"], 0x81)
    if "I" in get:
        pn += printable(get["I"], 0x82)
    if pn:
        std += tlv(0xA5, pn)
    ous = [v for k, v in attrs if k in ("OU", "OU1", "OU2", "OU3", "OU4")]
    if ous:
        std += tlv(0xA6, b"".join(printable(v) for v in ous))
    out = tlv(0x30, std)
    ddas = [(k[3:], v) for k, v in attrs if k.startswith("DD.")]
    if ddas:
        out += tlv(0x30, b"".join(tlv(0x30, printable(t) + printable(v)) for t, v in ddas))
    return out


def _gdi(c, admd, prmd):
    return tlv(0x63, tlv(0x61, printable(c)) + tlv(0x62, printable(admd)) + printable(prmd))


def utc(t=None):
    return time.strftime("%y%m%d%H%M%SZ", time.gmtime(t if t is not None else time.time())).encode()


def _trace(gdi):
    return tlv(0x69, tlv(0x30, gdi + tlv(0x31, tlv(0x80, utc()) + _int(0x82, 0))))


def _ipm(ipm_id, originator, recipients, subject, body):
    heading = tlv(0x6B, printable(ipm_id))
    heading += tlv(0xA0, tlv(0x60, or_address(originator)))
    heading += tlv(0xA2, b"".join(tlv(0x31, tlv(0xA0, tlv(0x60, or_address(r)))) for r in recipients))
    heading += tlv(0xA8, printable(subject, 0x14))
    text = body.encode("ascii")
    part = tlv(0x30, tlv(0xA0, tlv(0x31, b"") + tlv(0x16, text)))
    return tlv(0xA0, tlv(0x31, heading) + part)


# per-recipient-indicators (X.411 12.2.1.1.1.6): responsibility, originating-MTA-non-delivery-report,
# originator-non-delivery-report: the originator wants non-delivery reports only (the default).
PRI_NDR_ONLY = 0x80 | 0x20 | 0x08
# ... and delivery reports too (originating-MTA-report, originator-report).
PRI_ALL_REPORTS = 0x80 | 0x40 | 0x20 | 0x10 | 0x08


def message(local_id, originator, recipients, subject="test", body="Hello\r\n",
            gdi=("XX", " ", "EXAMPLE"), indicators=PRI_NDR_ONLY):
    """A MessageTransfer MTS-APDU carrying an IPM (content type 22) with an IA5 body part."""
    g = _gdi(*gdi)
    env = tlv(0x64, g + tlv(0x16, local_id.encode("ascii")))
    env += tlv(0x60, or_address(originator))
    env += tlv(0x46, bytes([22]))
    env += _trace(g)
    prf = b""
    for n, r in enumerate(recipients, 1):
        prf += tlv(0x31, tlv(0x60, or_address(r)) + _int(0x80, n) + tlv(0x81, bytes([0, indicators])))
    env += tlv(0xA2, prf)
    return tlv(0xA0, tlv(0x31, env) + tlv(0x04, _ipm(local_id, originator, recipients, subject, body)))


def ndr(subject_apdu, recipient_index=0, reason=1, diagnostic=0, gdi=("XX", " ", "EXAMPLE"),
        local_id="ndr-1"):
    """A non-delivery report (MTS-APDU report [1]) from the receiving MTA about one recipient
    of `subject_apdu` (a message it received): X.411 12.3. Reason 1 = unable-to-transfer,
    diagnostic 0 = unrecognised-OR-name."""
    a = Apdu(subject_apdu)
    g = _gdi(*gdi)
    env = tlv(0x64, g + tlv(0x16, local_id.encode("ascii")))
    env += tlv(0x60, a.field(0x60).value)           # report-destination-name = the originator
    env += _trace(g)
    rcpt = a.recipient_fields[recipient_index]
    name = [t for t in parse(rcpt.value) if t.tag == 0x60][0]
    number = [t for t in parse(rcpt.value) if t.tag == 0x80][0]
    last_trace = tlv(0xA3, tlv(0x80, utc()) + tlv(0xA1, tlv(0xA1, _int(0x80, reason) + _int(0x81, diagnostic))))
    prf = tlv(0x31, tlv(0xA0, name.value) + tlv(0x81, number.value) + tlv(0x82, bytes([0, 0x80])) + last_trace)
    content = a.field(0x64).raw                      # subject-identifier = the message's MTS identifier
    content += tlv(0x46, bytes([22]))
    content += tlv(0xA0, prf)
    return tlv(0xA1, tlv(0x31, env) + tlv(0x31, content))


# -- decoding -------------------------------------------------------------------


class Tlv:
    __slots__ = ("tag", "constructed", "value", "raw")

    def __init__(self, tag, constructed, value, raw):
        self.tag, self.constructed, self.value, self.raw = tag, constructed, value, raw

    def children(self):
        return parse(self.value)


def parse(data):
    """The TLVs at one level (definite lengths, low tag numbers: what mixer and these
    helpers emit). Raises ValueError on anything else."""
    out, i = [], 0
    while i < len(data):
        start = i
        tag = data[i]
        if tag & 0x1F == 0x1F:
            raise ValueError(f"BER: high tag number at offset {start} (not used in P1 envelopes)")
        n = data[i + 1]
        i += 2
        if n == 0x80:
            raise ValueError(f"BER: indefinite length at offset {start}")
        if n & 0x80:
            k = n & 0x7F
            n = int.from_bytes(data[i:i + k], "big")
            i += k
        value = data[i:i + n]
        i += n
        if len(value) != n:
            raise ValueError(f"BER: truncated TLV at offset {start}")
        out.append(Tlv(tag, bool(tag & 0x20), value, data[start:i]))
    return out


def _text(t):
    return t.value.decode("latin-1")


def std_or(orname_value):
    """ORAddress contents -> RFC 1685 std-or text, most significant first: /C=../ADMD=../S=../."""
    parts = parse(orname_value)
    std = parts[0].children()
    out = []
    for t in std:
        if t.tag == 0x61:
            out.append(("C", _text(t.children()[0])))
        elif t.tag == 0x62:
            out.append(("ADMD", _text(t.children()[0])))
        elif t.tag == 0xA2:
            out.append(("PRMD", _text(t.children()[0])))
        elif t.tag == 0x83:
            out.append(("O", _text(t)))
        elif t.tag == 0xA5:
            names = {0x80: "S", 0x81: "G", 0x82: "I", 0x83: "Q"}
            for p in t.children():
                out.append((names.get(p.tag, "?"), _text(p)))
        elif t.tag == 0xA6:
            for p in t.children():
                out.append(("OU", _text(p)))
    for extra in parts[1:]:
        if extra.tag == 0x30:  # built-in domain-defined attributes
            for dda in extra.children():
                k, v = dda.children()[:2]
                out.append(("DD." + _text(k), _text(v)))
    return "/" + "".join(f"{k}={v}/" for k, v in out)


class Apdu:
    """One MTS-APDU: message [0] or report [1] (probe [2] is only recognised)."""

    def __init__(self, data):
        (top,) = parse(data)
        self.kind = {0xA0: "message", 0xA1: "report", 0xA2: "probe"}.get(top.tag, "?")
        kids = top.children()
        self.envelope = kids[0].children() if kids else []
        self.content = kids[1] if len(kids) > 1 else None
        self.recipient_fields = []
        if self.kind == "message":
            for t in self.envelope:
                if t.tag == 0xA2:
                    self.recipient_fields = t.children()

    def field(self, tag):
        for t in self.envelope:
            if t.tag == tag:
                return t
        raise KeyError(f"no envelope field with tag {tag:#x}")

    @property
    def mts_id(self):
        mid = self.field(0x64).children()
        return [_text(t) for t in mid if t.tag in (0x16, 0x13)][-1]

    @property
    def originator(self):
        return std_or(self.field(0x60).value)

    @property
    def recipients(self):
        return [std_or([t for t in f.children() if t.tag == 0x60][0].value) for f in self.recipient_fields]

    @property
    def report_destination(self):
        return std_or(self.field(0x60).value)

    def _ipm(self):
        (io,) = parse(self.content.value)
        heading, body = io.children()[:2]
        return heading.children(), body.children()

    @property
    def ipm_subject(self):
        for t in self._ipm()[0]:
            if t.tag == 0xA8:
                return _text(t.children()[0]) if t.constructed else _text(t)
        return None

    @property
    def ipm_text(self):
        out = []
        for part in self._ipm()[1]:
            inner = part.children()[0] if part.tag == 0x30 else part
            for t in inner.children():
                if t.tag in (0x16, 0x14, 0x04, 0x1E):
                    out.append(t.value.decode("latin-1"))
        return "".join(out)

    @property
    def report_recipients(self):
        """[(actual-recipient std-or, reason, diagnostic-or-None, kind)] of a report."""
        out = []
        for t in self.content.children():
            if t.tag != 0xA0:
                continue
            for prf in t.children():
                name, reason, diag, kind = None, None, None, None
                for f in prf.children():
                    if f.tag == 0xA0:
                        name = std_or(f.value)
                    elif f.tag == 0xA3:
                        for lt in f.children():
                            if lt.tag == 0xA1:
                                rt = lt.children()[0]
                                kind = "non-delivery" if rt.tag == 0xA1 else "delivery"
                                for c in rt.children():
                                    if kind == "non-delivery" and c.tag == 0x80:
                                        reason = int.from_bytes(c.value, "big")
                                    elif kind == "non-delivery" and c.tag == 0x81:
                                        diag = int.from_bytes(c.value, "big")
                out.append((name, reason, diag, kind))
        return out

    @property
    def subject_id(self):
        for t in self.content.children():
            if t.tag == 0x64:
                return [_text(c) for c in t.children() if c.tag in (0x16, 0x13)][-1]
        return None
