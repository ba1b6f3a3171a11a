#!/usr/bin/env python3
"""A chain verifier written from docs/audit.md ("Verifying without our code") alone.

Reads an NDJSON export (a file, or stdin with "-") and prints one JSON line:
{"ok": true, "entries": N, "head": {"seq": S, "hash": H}} or
{"ok": false, "seq": S, "reason": "..."} naming the first entry that fails.
Uses nothing of the project's code: it is the reviewer's independent check.
"""
import hashlib
import json
import sys

GENESIS = "0" * 64


def canonical(value):
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def verify(lines):
    prev_hash, prev_seq, count = None, None, 0
    for raw in lines:
        if raw in (b"", b"\n"):
            continue
        line = raw[:-1] if raw.endswith(b"\n") else raw
        entry = json.loads(line.decode("utf-8"))
        seq = entry.get("seq")
        if canonical(entry) != line:
            return {"ok": False, "seq": seq, "reason": "NOT_CANONICAL"}
        content = {k: v for k, v in entry.items() if k != "hash"}
        if hashlib.sha256(canonical(content)).hexdigest() != entry.get("hash"):
            return {"ok": False, "seq": seq, "reason": "HASH_MISMATCH"}
        if prev_seq is None:
            if seq == 1 and entry.get("prevHash") != GENESIS:
                return {"ok": False, "seq": seq, "reason": "BAD_GENESIS"}
        else:
            if seq != prev_seq + 1:
                return {"ok": False, "seq": seq, "reason": "SEQ_GAP"}
            if entry.get("prevHash") != prev_hash:
                return {"ok": False, "seq": seq, "reason": "BROKEN_LINK"}
        prev_hash, prev_seq, count = entry["hash"], seq, count + 1
    return {"ok": True, "entries": count, "head": None if prev_seq is None else {"seq": prev_seq, "hash": prev_hash}}


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "-"
    stream = sys.stdin.buffer if path == "-" else open(path, "rb")
    result = verify(stream.readlines())
    print(json.dumps(result))
    sys.exit(0 if result["ok"] else 4)


if __name__ == "__main__":
    main()
