#!/usr/bin/env python3
"""Judge of MIME output: parses each file with Python's email package and
prints one JSON line per file: the defects found (message, parts and header
values) and the SHA-256 of every leaf part's decoded payload in walk order.
Used by builder_python_test.cpp."""
import email
import email.policy
import hashlib
import json
import sys


def judge(path):
    with open(path, 'rb') as f:
        data = f.read()
    msg = email.message_from_bytes(data, policy=email.policy.default)
    defects = []
    leaves = []
    for part in msg.walk():
        defects += [type(d).__name__ for d in part.defects]
        for name, value in part.items():
            defects += [name + ':' + type(d).__name__ for d in getattr(value, 'defects', ())]
        if not part.is_multipart():
            payload = part.get_payload(decode=True) or b''
            leaves.append(hashlib.sha256(payload).hexdigest())
    return {'file': path, 'defects': defects, 'leaves': leaves}


for p in sys.argv[1:]:
    print(json.dumps(judge(p)))
