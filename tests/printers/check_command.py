#!/usr/bin/python3
"""command() re-parses to the same bytes: for every frame of frames.txt,
the spec text pktspec's command() prints is written into a spec
(`wrpcap("OUT/<n>.pcap", <command>)` per frame), `pktspec run --dry-run`
builds it, and each capture must hold exactly the frame's bytes.

    check_command.py PRINT_CHECK PKTSPEC DIR

Every frame counts, those cut short too (command() gives a layer the frame
ended inside as the Raw layer of its bytes), but those of command-xfail.txt
(a protocol table that cannot rebuild them yet), which must still fail.
Last line: "N passed, M failed".
"""
import os
import struct
import subprocess
import sys
import tempfile


def read_pcap(path):
    with open(path, "rb") as f:
        data = f.read()
    order = {b"\xd4\xc3\xb2\xa1": "<", b"\xa1\xb2\xc3\xd4": ">"}[data[:4]]
    frames, off = [], 24
    while off + 16 <= len(data):
        _, _, incl, _ = struct.unpack(order + "IIII", data[off:off + 16])
        frames.append(data[off + 16:off + 16 + incl])
        off += 16 + incl
    return frames


def main():
    if len(sys.argv) < 4:
        sys.stderr.write(__doc__)
        return 2
    print_check, pktspec, here = sys.argv[1:4]
    frames = []
    with open(os.path.join(here, "frames.txt")) as f:
        for line in f:
            if not line.startswith("#"):
                name, lt, hexs = line.split()
                frames.append((name, bytes.fromhex("" if hexs == "-" else hexs)))
    # Frames a protocol table cannot rebuild yet: "<frame> <why>" lines; each
    # must still fail, so a fixed one must leave the list.
    xfail = {}
    with open(os.path.join(here, "command-xfail.txt")) as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                name, _, why = line.strip().partition(" ")
                xfail[name] = why
    with tempfile.TemporaryDirectory() as tmp:
        spec = subprocess.run([print_check, "spec", here, tmp], capture_output=True, text=True,
                              check=True).stdout
        with open(os.path.join(tmp, "command.pkt"), "w") as f:
            f.write(spec)
        run = subprocess.run([pktspec, "run", os.path.join(tmp, "command.pkt"), "--dry-run"],
                             capture_output=True, text=True)
        if run.returncode != 0:
            print(run.stderr[-4000:])
            print("pktspec could not run the commands (exit %d)" % run.returncode)
            print("0 passed, %d failed" % len(frames))
            return 1
        passed = failed = 0
        for i, (name, data) in enumerate(frames):
            path = os.path.join(tmp, "%d.pcap" % i)
            got = read_pcap(path) if os.path.exists(path) else []
            if name in xfail:
                if got == [data]:
                    failed += 1
                    print("%s: rebuilt right now; drop it from command-xfail.txt" % name)
                continue
            if got == [data]:
                passed += 1
                continue
            failed += 1
            line = spec.splitlines()[i]
            print("%s: command() rebuilds other bytes\n  command  %s\n  frame    %s\n  rebuilt  %s"
                  % (name, line[line.index(", ") + 2:-1], data.hex(),
                     " ".join(g.hex() for g in got) or "(nothing)"))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
