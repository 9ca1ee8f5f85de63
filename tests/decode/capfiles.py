#!/usr/bin/python3
"""capfiles.py PKTSPEC: capture files of every shape the reader takes, made
here byte by byte (classic pcap in both byte orders, micro- and nanosecond;
pcapng with several sections of either byte order, several interfaces and
link types, timestamp resolutions and offsets, simple and obsolete packet
blocks; records longer than the snaplen; the unsigned edges of the time
fields), read by `pktspec read` and by the oracles. Every JSON line must
parse, and each frame must agree:
- its bytes with Scapy's rdpcap (but simple packet blocks, whose data Scapy
  2.5 reads from the wrong offset);
- its captured and wire lengths with tshark;
- its time with Scapy for classic pcap (which carries a fraction of a whole
  second or more into the seconds, where tshark prints it as is), and with
  tshark for pcapng (Scapy 2.5 keeps the first section's interfaces in the
  next section and ignores if_tsoffset; tshark follows the pcapng spec).
Then damaged files: each must give exit 3 and a message naming the packet.
Run it inside an empty network namespace (unshare -n): Scapy is imported."""
import json
import os
import struct
import subprocess
import sys
import tempfile
from decimal import Decimal

PKTSPEC = sys.argv[1]
FRAME = bytes.fromhex(
    "02000000000202000000000108004500001c0001000040117cc6c6120001c612000204d2"
    "0007000873f6")   # Ether/IP/UDP, 42 bytes
LONG = FRAME + bytes(range(58))   # 100 bytes


def pcap(records, endian="<", nsec=False, snaplen=65535, linktype=1):
    magic = 0xa1b23c4d if nsec else 0xa1b2c3d4
    out = struct.pack(endian + "IHHiIII", magic, 2, 4, 0, 0, snaplen, linktype)
    for sec, frac, data, wirelen in records:
        out += struct.pack(endian + "IIII", sec, frac, len(data), wirelen) + data
    return out


def pad4(b):
    return b + bytes(-len(b) % 4)


def block(endian, btype, body):
    total = 12 + len(pad4(body))
    return struct.pack(endian + "II", btype, total) + pad4(body) + struct.pack(endian + "I", total)


def shb(endian):
    return block(endian, 0x0a0d0d0a, struct.pack(endian + "IHHq", 0x1a2b3c4d, 1, 0, -1))


def idb(endian, linktype, snaplen=0, tsresol=None, tsoffset=None):
    opts = b""
    if tsresol is not None:
        opts += struct.pack(endian + "HH", 9, 1) + pad4(bytes([tsresol]))
    if tsoffset is not None:
        opts += struct.pack(endian + "HHq", 14, 8, tsoffset)
    if opts:
        opts += struct.pack(endian + "HH", 0, 0)
    return block(endian, 1, struct.pack(endian + "HHI", linktype, 0, snaplen) + opts)


def epb(endian, ifid, ts, data, wirelen=None):
    return block(endian, 6, struct.pack(endian + "IIIII", ifid, ts >> 32, ts & 0xffffffff,
                                        len(data), wirelen or len(data)) + data)


def spb(endian, data, wirelen=None):
    return block(endian, 3, struct.pack(endian + "I", wirelen or len(data)) + data)


def obsolete_pb(endian, ifid, ts, data):
    return block(endian, 2, struct.pack(endian + "HHIIII", ifid, 0, ts >> 32, ts & 0xffffffff,
                                        len(data), len(data)) + data)


GOOD = {
    "le-usec.pcap": pcap([(1700000000, 1, FRAME, 42), (1700000001, 999999, LONG, 100)]),
    "be-usec.pcap": pcap([(1700000000, 250000, FRAME, 42)], endian=">"),
    "le-nsec.pcap": pcap([(1700000000, 123456789, FRAME, 60)], nsec=True),
    "be-nsec.pcap": pcap([(1700000000, 999999999, FRAME, 42)], endian=">", nsec=True),
    # Scapy and tshark keep every captured byte of a record longer than the snaplen.
    "over-snaplen.pcap": pcap([(1700000000, 0, LONG, 100)], snaplen=64),
    # The time fields are unsigned; a fraction of a whole second or more carries.
    "unsigned-time.pcap": pcap([(0x80000000, 0, FRAME, 42), (1418145370, 0x80000000, FRAME, 42),
                                (1418145370, 1000000, FRAME, 42)]),
    "raw-ip.pcap": pcap([(1700000000, 0, FRAME[14:], 28)], linktype=101),
    "two-sections.pcapng":
        shb("<") + idb("<", 1) + epb("<", 0, 1700000000123456, FRAME)
        + shb(">") + idb(">", 1, tsresol=9) + idb(">", 101)
        + epb(">", 1, 0, FRAME[14:]) + epb(">", 0, 1700000000987654321, LONG),
    "resolutions.pcapng":
        shb("<") + idb("<", 1, snaplen=50, tsresol=3) + idb("<", 1, tsresol=0x80 | 20)
        + idb("<", 1, tsoffset=1000)
        + epb("<", 0, 1700000000123, FRAME) + epb("<", 1, 1700000000 << 20 | 1 << 19, FRAME)
        + epb("<", 2, 1699999000000000, FRAME)
        + spb("<", LONG[:50], 100) + obsolete_pb("<", 0, 1700000000999, FRAME),
}

DAMAGED = {
    "cut-record.pcap": (pcap([(1, 0, FRAME, 42), (2, 0, FRAME, 42)])[:-5], "packet 2"),
    "cut-header.pcap": (pcap([(1, 0, FRAME, 42)]) + b"\x01\x02\x03", "packet 2"),
    "huge-record.pcap": (pcap([(1, 0, FRAME, 42)]) + struct.pack("<IIII", 1, 0, 0xfffffff0, 42),
                         "packet 2"),
    "no-interface.pcapng": (shb("<") + idb("<", 1) + epb("<", 3, 0, FRAME), "packet 1"),
    "cut-block.pcapng": ((shb("<") + idb("<", 1) + epb("<", 0, 0, FRAME) * 2)[:-9], "packet 1"),
    "bad-length.pcapng": (shb("<") + idb("<", 1) + struct.pack("<II", 6, 13) + bytes(16),
                          "packet 0"),
    "caplen-past-block.pcapng":
        (shb("<") + idb("<", 1) + block("<", 6, struct.pack("<IIIII", 0, 0, 0, 500, 500) + FRAME),
         "packet 1"),
    "bad-resolution.pcapng": (shb("<") + idb("<", 1, tsresol=25) + epb("<", 0, 0, FRAME),
                              "resolution"),
    "empty.pcap": (b"", "empty"),
    "not-a-capture.pcap": (b"hello, world\n" * 3, "not a pcap"),
}


def scapy_frames(path):
    from scapy.all import rdpcap
    return [(bytes(p), Decimal(str(p.time))) for p in rdpcap(path)]


def tshark_frames(path):
    out = subprocess.run(["tshark", "-r", path, "-T", "fields", "-e", "frame.time_epoch",
                          "-e", "frame.cap_len", "-e", "frame.len"],
                         capture_output=True, text=True).stdout
    # A simple packet block has no time: tshark prints none, libpcap gives 0.
    return [(Decimal(t or "0"), int(c), int(w)) for t, c, w in
            (line.split("\t") for line in out.splitlines())]


def pktspec_bytes(path):
    """Each frame's bytes, from pktspec's hexdump."""
    out = subprocess.run([PKTSPEC, "read", path, "--hexdump"], capture_output=True,
                         text=True).stdout
    frames, cur = [], b""
    for line in out.splitlines():
        if not line.strip():
            frames.append(cur)
            cur = b""
            continue
        if line.startswith("0000") and cur:
            frames.append(cur)
            cur = b""
        cur += bytes.fromhex(line[6:53])
    if cur:
        frames.append(cur)
    return frames


def six(t):
    return t.quantize(Decimal("0.000001"), rounding="ROUND_DOWN")


def main():
    failures = 0
    tmp = tempfile.mkdtemp()
    for name, data in GOOD.items():
        path = os.path.join(tmp, name)
        with open(path, "wb") as f:
            f.write(data)
        run = subprocess.run([PKTSPEC, "read", path, "--json"], capture_output=True, text=True)
        if run.returncode != 0:
            print("FAIL %s: exit %d: %s" % (name, run.returncode, run.stderr.strip()))
            failures += 1
            continue
        mine = [json.loads(line, parse_float=Decimal) for line in run.stdout.splitlines()]
        raw = pktspec_bytes(path)
        scapy, tshark = scapy_frames(path), tshark_frames(path)
        if not (len(mine) == len(raw) == len(scapy) == len(tshark)):
            print("FAIL %s: %d frames, hexdump %d, Scapy %d, tshark %d"
                  % (name, len(mine), len(raw), len(scapy), len(tshark)))
            failures += 1
            continue
        bad = 0
        for i, (m, data, (sdata, stime), (ttime, tcap, twire)) in enumerate(
                zip(mine, raw, scapy, tshark)):
            want_time = six(ttime) if name.endswith(".pcapng") else six(stime)
            problems = []
            if data != sdata and not (name == "resolutions.pcapng" and i == 3):
                problems.append("bytes differ from Scapy's")
            if (m["caplen"], m["wirelen"]) != (tcap, twire) or len(data) != tcap:
                problems.append("lengths %d/%d, tshark %d/%d"
                                % (m["caplen"], m["wirelen"], tcap, twire))
            if six(m["time"]) != want_time:
                problems.append("time %s, oracle %s" % (m["time"], want_time))
            if problems:
                print("FAIL %s frame %d: %s" % (name, i + 1, "; ".join(problems)))
                bad += 1
        failures += bad
        if not bad:
            print("ok %s: %d frames agree" % (name, len(mine)))
    for name, (data, where) in DAMAGED.items():
        path = os.path.join(tmp, name)
        with open(path, "wb") as f:
            f.write(data)
        run = subprocess.run([PKTSPEC, "read", path], capture_output=True, text=True)
        if run.returncode != 3 or where not in run.stderr or path not in run.stderr:
            print("FAIL %s: exit %d, stderr %r (want 3 and %r)" % (name, run.returncode,
                                                                  run.stderr, where))
            failures += 1
        else:
            print("ok %s: %s" % (name, run.stderr.strip()))
    # Standard input: "-".
    with open(os.path.join(tmp, "le-usec.pcap"), "rb") as f:
        run = subprocess.run([PKTSPEC, "read", "-", "--json"], stdin=f, capture_output=True,
                             text=True)
    if run.returncode != 0 or len(run.stdout.splitlines()) != 2:
        print("FAIL stdin: exit %d %r" % (run.returncode, run.stderr))
        failures += 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
