#!/usr/bin/env python3
"""Extracts the real Isode P1 BER values used by tests/x400/asn/p1_real_test.cpp
from the Wireshark sample captures in ${MIXER_SHARED_DIR}/oracle-captures/.

Run once (needs tshark):  python3 extract.py /work/shared/oracle-captures
It reads every frame's bytes and reassembled buffer from `tshark -x` and cuts
out the values by their BER framing (see README.md)."""
import re
import subprocess
import sys
from pathlib import Path


def blocks(pcap):
    """Every data source tshark shows (frames and reassembled buffers) as bytes."""
    out = subprocess.run(["tshark", "-r", str(pcap), "-x"], capture_output=True, text=True, check=True).stdout
    result, cur = [], bytearray()
    for line in out.splitlines():
        m = re.match(r"^([0-9a-f]{4})  ((?:[0-9a-f]{2} ){1,16})", line)
        if m:
            if m.group(1) == "0000" and cur:
                result.append(bytes(cur))
                cur = bytearray()
            cur += bytes.fromhex(m.group(2).replace(" ", ""))
    if cur:
        result.append(bytes(cur))
    return result


def tlv_len(b, i):
    """Total length of the definite-length TLV at b[i] (single-byte tags only)."""
    l = b[i + 1]
    if l < 0x80:
        return 2 + l
    n = l & 0x7F
    return 2 + n + int.from_bytes(b[i + 2 : i + 2 + n], "big")


def find_wrapped(data, wrapper, inner_first):
    """The first TLV tagged `wrapper` whose contents start with `inner_first`."""
    for block in data:
        for i in range(len(block) - 3):
            if block[i] == wrapper and block[i + 2] == inner_first:
                n = tlv_len(block, i)
                if i + n <= len(block) and tlv_len(block, i + 2) == n - 2:
                    return block[i : i + n]
    raise SystemExit(f"pattern {wrapper:02x}/{inner_first:02x} not found")


def main():
    src = Path(sys.argv[1])
    here = Path(__file__).parent
    ping = blocks(src / "x400-ping-success.pcap")
    refuse = blocks(src / "x400-ping-refuse.pcap")
    p772 = blocks(src / "p772-transfer-success.pcap")
    (here / "isode-bind-argument.ber").write_bytes(find_wrapped(ping, 0xB0, 0xA1))
    (here / "isode-bind-result.ber").write_bytes(find_wrapped(ping, 0xB1, 0xA1))
    (here / "isode-bind-error-refuse.ber").write_bytes(find_wrapped(refuse, 0xB2, 0x02))
    (here / "isode-bind-error-busy.ber").write_bytes(find_wrapped(p772, 0xB2, 0x02))
    # The RTTR user data: EXTERNAL (indefinite) { indirect-reference 5, [0] (indefinite) MTS-APDU }
    rttr = max((b for b in p772 if b.startswith(bytes.fromhex("288002010" + "5a080"))), key=len)
    assert rttr.endswith(b"\x00\x00\x00\x00"), "EXTERNAL and [0] end with two EOCs"
    (here / "isode-p772-mts-apdu.ber").write_bytes(rttr[7:-4])


if __name__ == "__main__":
    main()
