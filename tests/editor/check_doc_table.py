#!/usr/bin/env python3
"""Every pktspec line of docs/scapy-to-pktspec.md passes `pktspec check`.

    check_doc_table.py PKTSPEC DOC

The page's first ```pkt block is a preamble; each table row's second cell is
one code span holding one or more statements (`;` between them). Each row
becomes a spec of its own, the preamble then the row, checked in a scratch
folder (wrpcap/rdpcap names stay there)."""
import os
import re
import subprocess
import sys
import tempfile


def main():
    pktspec, doc = os.path.abspath(sys.argv[1]), sys.argv[2]
    with open(doc) as f:
        text = f.read()
    pre = re.search(r"^```pkt\n(.*?)^```", text, re.M | re.S)
    if not pre:
        sys.exit("%s: no ```pkt preamble" % doc)
    rows = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.startswith("|") or re.match(r"\|\s*-", line) or line.startswith("| Scapy |"):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        spec = re.fullmatch(r"`([^`]+)`", cells[1]) if len(cells) > 1 else None
        if not spec or not re.fullmatch(r"`[^`]+`", cells[0]):
            sys.exit("%s:%d: a row is `Scapy` | `pktspec` | note" % (doc, n))
        rows.append((n, spec.group(1)))
    if len(rows) < 15:
        sys.exit("%s: only %d rows" % (doc, len(rows)))
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for n, spec in rows:
            path = os.path.join(tmp, "row%d.pkt" % n)
            with open(path, "w") as f:
                f.write(pre.group(1) + spec + "\n")
            run = subprocess.run([pktspec, "check", path], capture_output=True, text=True,
                                 cwd=tmp)
            if run.returncode != 0:
                failed += 1
                print("%s:%d: `%s` does not check:\n%s" % (doc, n, spec, run.stderr))
    print("%d rows, %d failed" % (len(rows), failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
