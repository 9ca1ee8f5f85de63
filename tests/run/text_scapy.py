#!/usr/bin/python3
"""Text against Python and Scapy 2.5 (docs/LANGUAGE.md, Text and bytes;
Formatting): str() of every kind of value, of the fields of a packet read
back from a capture, Python's % formatting, + * in and slices of strings and
bytes, and print() of several values. Each case is one expression written
in the spec's syntax and in Python's (one text when they are the same);
the spec prints str(EXPR) a line each, Python prints str(EXPR), and the
lines must be equal.

  text_scapy.py --check PKTSPEC   exit 0 when equal, 1 when not, 77 without Scapy

Scapy runs in an empty network namespace (unshare -n), with every address
given, so that it never resolves anything. Nothing is checked in: both
sides are made fresh each run.
"""
import difflib
import os
import shutil
import subprocess
import sys
import tempfile

PCAP = "text-scapy.pcap"
# The packet `p` the cases read: built by Scapy, written, read back by both.
PACKET = ('Ether(dst="02:00:00:00:00:02", src="02:00:00:00:00:01")/IP(src="198.18.0.1", '
          'dst="198.18.0.2", flags="DF", ttl=9)/TCP(sport=1234, dport=80, flags="SA")/'
          'Raw(load=b"GET /\\r\\n\'x\\"")')
# A second one with no flag set, an ICMP type and an IPv6 address.
PACKET2 = ('Ether(dst="02:00:00:00:00:02", src="02:00:00:00:00:01")/IPv6(src="2001:db8::1", '
           'dst="2001:db8::2")/TCP(sport=1, dport=2, flags=0)')
PACKET3 = ('Ether(dst="02:00:00:00:00:02", src="02:00:00:00:00:01")/IP(src="198.18.0.1", '
           'dst="198.18.0.2")/ICMP(type=3, code=3)')

CASES = [
    # str() of the fields of a packet read back: FlagValue, enum numbers,
    # addresses, bytes as Python's repr, a MAC
    "str(p[TCP].flags)", "str(p[IP].flags)", "str(p[IP].proto)", "str(p[IP].src)",
    "str(p[Raw].load)", "str(p[TCP].dport)", "str(p[Ether].dst)", "str(p[IP].ttl)",
    "str(p[IP].chksum)", "str(q[TCP].flags)", "str(q[IPv6].src)", "str(q[IPv6].nh)",
    "str(c[ICMP].type)", "str(c[ICMP].code)", "str(p[Ether].type)",
    # str() of plain values
    "str(7)", "str(-7)", "str(0)", "str(\"text\")",
    ("str(x\"41 ff 27 22 5c 0a\")", "str(b'A\\xff\\'\"\\\\\\n')"),
    ("str(true)", "str(True)"), ("str(false)", "str(False)"), ("str(none)", "str(None)"),
    ("str(198.18.0.1)", "str('198.18.0.1')"), ("str(2001:db8::1)", "str('2001:db8::1')"),
    ("str(02:00:00:00:00:0a)", "str('02:00:00:00:00:0a')"),
    # % formatting
    '"%s open" % 7', '"%d/%s" % (7, "tcp")', '"%x %X %o %02x %5s| %-5s| %%" % (255, 255, 8, 10, "ab", "cd")',
    '"%#x %#o %+d % d %05d %-4d| %5.3d" % (255, 8, 3, 4, -3, 2, 7)', '"%.2s|%6.3s|" % ("abcdef", "xyz12")',
    '"%c%c" % (65, "z")', '"%r %r" % ("it\'s", "a")', '"%i %u" % (3, 4)',
    '"%s" % p[TCP].flags', '"%d" % p[TCP].flags', '"%s %d" % (p[IP].proto, p[IP].proto)',
    '"%s" % p[Raw].load', '"%s" % p[IP].src', '"%5s|" % p[TCP].dport', '"%x" % -255',
    ('"%s %s" % (true, none)', '"%s %s" % (True, None)'), '"%s" % ("one",)',
    ('"%s" % x"00 01"', '"%s" % b"\\x00\\x01"'), '"%d%%" % 50',
    # + * in and slices, Python's answers
    '"ab" + "cd"', '"ab" * 3', '3 * "ab"', '"ab" * 0', '"ab" * -2',
    ('x"01" + x"02"', 'b"\\x01" + b"\\x02"'), ('x"ab" * 2', 'b"\\xab" * 2'),
    '"hello"[1:3]', '"hello"[2:]', '"hello"[:-1]', '"hello"[-3:]', '"hello"[-100:2]',
    '"hello"[3:1]', '"hello"[10:]', '"hello"[:100]', '"hello"[:]',
    ('x"01 02 03 04"[1:3]', 'b"\\x01\\x02\\x03\\x04"[1:3]'),
    "p[Raw].load[0:3]", "p[Raw].load[-2:]", "len(p[Raw].load)", "len(\"hello\")",
    ('"GET" in p[Raw].load', 'b"GET" in p[Raw].load'), ('"POST" in p[Raw].load', 'b"POST" in p[Raw].load'),
    '"ell" in "hello"', '"" in "hello"', '"z" not in "hello"', '3 in [1, 2, 3]', '5 in (1, 2)',
    '"a" < "b"', '"abc" == "abc"', '"ab" < "abc"', ('x"01" < x"02"', 'b"\\x01" < b"\\x02"'),
    '17 % 5', '-7 % 3', '7 % -3', "p[IP].ttl % 4",
]

# print() with several values: as Python prints them, one space between.
PRINTS = [
    ('print(1, "a", true, none)', 'print(1, "a", True, None)'),
    'print("port", p[TCP].dport, "flags", p[TCP].flags, p[IP].src)',
    ('print(x"41", "%d" % 3)', 'print(b"\\x41", "%d" % 3)'),
    'print()',
]


def sides(case):
    return case if isinstance(case, tuple) else (case, case)


def spec_text():
    lines = ['p = rdpcap("%s")[0]' % PCAP, 'q = rdpcap("%s")[1]' % PCAP,
             'c = rdpcap("%s")[2]' % PCAP]
    lines += ["print(str(%s))" % sides(c)[0] for c in CASES]
    lines += [sides(c)[0] for c in PRINTS]
    return "\n".join(lines) + "\n"


def scapy_part(out_dir):
    """Runs inside unshare -n: writes the capture and Python's lines."""
    import io
    import contextlib
    from scapy.all import Ether, IP, IPv6, TCP, ICMP, Raw, wrpcap, rdpcap  # noqa: F401
    wrpcap(os.path.join(out_dir, PCAP), [eval(PACKET), eval(PACKET2), eval(PACKET3)])
    got = rdpcap(os.path.join(out_dir, PCAP))
    ns = {"p": got[0], "q": got[1], "c": got[2], "IP": IP, "IPv6": IPv6, "TCP": TCP,
          "ICMP": ICMP, "Raw": Raw, "Ether": Ether}
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        for c in CASES:
            print(str(eval(sides(c)[1], ns)))
        for c in PRINTS:
            exec(sides(c)[1], ns)
    with open(os.path.join(out_dir, "want.out"), "w") as fp:
        fp.write(out.getvalue())


def check(pktspec):
    if not (os.access("/usr/bin/python3", os.X_OK) and shutil.which("unshare")):
        print("skipped: needs /usr/bin/python3 and unshare")
        sys.exit(77)
    if subprocess.run(["/usr/bin/python3", "-c", "import scapy.all"],
                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode:
        print("skipped: /usr/bin/python3 has no scapy")
        sys.exit(77)
    with tempfile.TemporaryDirectory() as tmp:
        r = subprocess.run(["unshare", "-n", "/usr/bin/python3", os.path.abspath(__file__),
                            "--scapy", tmp], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           text=True)
        if r.returncode != 0:
            sys.exit("Scapy's side failed:\n" + r.stderr)
        with open(os.path.join(tmp, "text.pkt"), "w") as fp:
            fp.write(spec_text())
        r = subprocess.run([pktspec, "run", "text.pkt", "--dry-run"], cwd=tmp,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        want = open(os.path.join(tmp, "want.out"), encoding="utf-8").read().splitlines()
        got = r.stdout.decode("utf-8", "replace").splitlines()
        status = 0
        if r.returncode != 0:
            print("pktspec exited %d: %s" % (r.returncode, r.stderr.decode().strip()))
            status = 1
        if got != want:
            print("\n".join(difflib.unified_diff(want, got, "Python and Scapy", "pktspec",
                                                 lineterm="")))
            status = 1
        print("%d lines of Python's and Scapy's compared with pktspec's: %s"
              % (len(want), "same" if got == want else "they differ"))
        sys.exit(status)


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--scapy":
        scapy_part(sys.argv[2])
    elif len(sys.argv) == 3 and sys.argv[1] == "--check":
        check(os.path.abspath(sys.argv[2]))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
