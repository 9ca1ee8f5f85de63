#!/usr/bin/python3
"""print(), ls() and a failed expect's "# got:" against Scapy 2.5.0: the run
cases print-scapy (.pkt, .pcap, .out) and print-got (.pkt, .out) are written
by this script from what Scapy prints, never by hand.

  print_scapy.py --update PKTSPEC    rewrites both cases here (print-got.out is
                                     PKTSPEC's output, once its "# got:" lines
                                     are Scapy's forms)
  print_scapy.py --check PKTSPEC     regenerates them from Scapy in a temporary
                                     folder: they must equal the checked-in ones,
                                     and PKTSPEC must print what Scapy printed
                                     (exit 77 without Scapy)

Scapy runs in an empty network namespace (unshare -n), with every Ether
address given, so that it never resolves anything.

print-scapy: each case is one expression in the syntax Python and a spec
share (a spec writes None as none and bytes b"..." as "..."; the script
turns the one into the other). For each case the spec prints, and Scapy's
str() gives:
  - p[L].name for every field of every layer L of the packet as built from
    the expression (Scapy's values before building: None for what building
    computes, defaults with the upper layer's bindings);
  - the same for the packet as read back from print-scapy.pcap, into which
    the case's frame (below an Ether header when it has none) is written.
ls() is compared for the cases in LS_CASES, built and read back.

print-got: one failing expect a test, `expect p[L].name == RIGHT`; what it
got must show in the form RIGHT is written in (docs/LANGUAGE.md): a flags
field compared with letters as Scapy's str() of the FlagValue (0 when no
flag is set), an enum field compared with a name as Scapy's i2repr (the
name), a number as str(int), an address as str(), a string or bytes as the
spec writes them. Each test's comment holds the form Scapy's value gives.
"""
import contextlib
import difflib
import io
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
NAME = "print-scapy"
ETHER = 'Ether(dst="02:00:00:00:00:02", src="02:00:00:00:00:01")'
A, B = '"198.18.0.1"', '"198.18.0.2"'
CASES = [
    # The cases of issue 10 item 7: FlagValues, TCP options, IP.dst's default.
    ETHER + '/IP(src=%s, dst=%s, flags="DF")/TCP(sport=1234, dport=80, flags="SA", '
    'options=[("MSS", 1460)])' % (A, B),
    ETHER + "/IP(src=%s)" % A,
    "IP()",
    "IP(src=%s, dst=%s, ttl=1)/ICMP()" % (A, B),
    "IP(src=%s, dst=%s)/ICMP(type=3, code=3)" % (A, B),
    "IP(src=%s, dst=%s, flags=0, frag=5, options=[IPOption_NOP(), "
    'IPOption_RR(routers=["192.0.2.1", "192.0.2.2"])])/UDP(sport=1234, dport=53)' % (A, B),
    "IP(src=%s, dst=%s)/TCP(flags=0, options=[(\"MSS\", 1460), (\"NOP\", None), "
    '("WScale", 7), ("SAckOK", b""), ("Timestamp", (1, 0))])' % (A, B),
    'IPv6(src="2001:db8::1", dst="2001:db8::2")/ICMPv6EchoRequest(id=7, data=b"hi\\x00")',
    'IPv6(src="2001:db8::1", dst="2001:db8::2", fl=5)/IPv6ExtHdrRouting(addresses=['
    '"2001:db8::3"])/UDP(sport=1, dport=2)',
    'IPv6(src="2001:db8::1", dst="ff02::1")/ICMPv6ND_NA(tgt="2001:db8::1")/'
    'ICMPv6NDOptDstLLAddr(lladdr="02:00:00:00:00:01")',
    "IP(src=%s, dst=%s)/UDP(sport=1234, dport=53)/DNS(id=7, qd=DNSQR(qname=\"lab.example.\"))"
    % (A, B),
    'ARP(hwsrc="02:00:00:00:00:01", psrc=%s, pdst=%s)' % (A, B),
    'Dot1Q(vlan=10)/Raw(load=b"GET /\\r\\n")',
    "IP(src=%s, dst=%s)/UDP(sport=1234, dport=4789)/VXLAN(flags=8, vni=42)" % (A, B),
    "IP(src=%s, dst=%s)/UDP(sport=53, dport=1234)/DNS(id=7, qr=1, qd=DNSQR(qname="
    '"lab.example."), an=DNSRR(rrname="lab.example.", rdata="198.18.0.2")/DNSRR('
    'rrname="lab.example.", type="AAAA", rdata="2001:db8::2"))' % (A, B),
    "IP(src=%s, dst=%s)/ICMP(type=3, code=3)/IPerror(src=%s, dst=%s)/UDPerror(sport=1234, "
    "dport=5)" % (B, A, A, B),
    'Ether(dst="ff:ff:ff:ff:ff:ff", src="02:00:00:00:00:01")/ARP(op="who-has", '
    'hwsrc="02:00:00:00:00:01", psrc=%s, pdst=%s)' % (A, B),
    'IPv6(src="2001:db8::1", dst="2001:db8::2")/IPv6ExtHdrHopByHop(options=[RouterAlert()])/'
    "ICMPv6EchoReply(seq=3)",
    "IP(src=%s, dst=%s, tos=0x10, id=7, flags=\"MF+DF\")/GRE(key_present=1, key=9, "
    "proto=0x88b5)/Raw(load=b\"x\\\"y'\")" % (A, B),
]
LS_CASES = [0, 1, 5, 6, 8, 10, 11]
GOT = "print-got"
# (packet, layer, field, right side as written, how it is written)
GOT_CASES = [
    ("IP(src=%s, dst=%s)/TCP(flags=\"RA\")" % (A, B), "TCP", "flags", "SA", "name"),
    ("IP(src=%s, dst=%s)/TCP(flags=\"RA\")" % (A, B), "TCP", "flags", "0x12", "number"),
    ("IP(src=%s, dst=%s)/TCP(flags=0)" % (A, B), "TCP", "flags", "S", "name"),
    ("IP(src=%s, dst=%s, flags=\"MF+DF\")" % (A, B), "IP", "flags", "DF", "name"),
    ("IP(src=%s, dst=%s)/ICMP(type=0)" % (A, B), "ICMP", "type", "echo-request", "name"),
    ("IP(src=%s, dst=%s)/ICMP(type=0)" % (A, B), "ICMP", "type", "8", "number"),
    ("IP(src=%s, dst=%s)/ICMP(type=3, code=1)" % (A, B), "ICMP", "code", "port-unreachable",
     "name"),
    ("IP(src=%s, dst=%s)/ICMP(type=3, code=3)" % (A, B), "ICMP", "code", "1", "number"),
    ("IP(src=%s, dst=%s)/TCP(dport=22)" % (A, B), "TCP", "dport", "http", "name"),
    ("IP(src=%s, dst=%s)/TCP(dport=2)" % (A, B), "TCP", "dport", "http", "name"),
    (ETHER[:-1] + ", type=0x1234)", "Ether", "type", "IPv4", "name"),
    ("IP(src=%s, dst=%s, proto=17)" % (A, B), "IP", "proto", "tcp", "name"),
    ("IP(src=%s, dst=%s)" % (A, B), "IP", "dst", "10.0.0.1", "addr"),
    ("IPv6(src=\"2001:db8::1\", dst=\"2001:db8::2\")", "IPv6", "src", "::1", "addr"),
    ("IP(src=%s, dst=%s)/Raw(load=\"hi\")" % (A, B), "Raw", "load", "\"bye\"", "str"),
    ("IP(src=%s, dst=%s)/Raw(load=\"hi\")" % (A, B), "Raw", "load", "x\"00\"", "bytes"),
]


def spec_text(expr):
    return expr.replace("None", "none").replace('b"', '"')


def scapy_part(out_dir):
    """Runs inside unshare -n: writes the three files into out_dir."""
    import logging
    logging.getLogger("scapy.runtime").setLevel(logging.ERROR)
    ns = {}
    exec("from scapy.all import *", ns)
    from scapy.themes import NoTheme
    conf = ns["conf"]
    conf.color_theme = NoTheme()
    conf.verb = 0
    conf.raise_no_dst_mac = True

    spec = ["# Generated by print_scapy.py from what Scapy 2.5.0 prints: do not edit.",
            "# print() of every field of every layer, and ls(), of packets built and",
            "# read back, as Scapy's str() of each.",
            'pkts = rdpcap("%s.pcap")' % NAME]
    out = io.StringIO()
    frames = []
    for k, expr in enumerate(CASES):
        built = eval(expr, ns)
        on_wire = built if isinstance(built, ns["Ether"]) else eval(ETHER, ns) / built
        raw = bytes(on_wire)
        frames.append(raw)
        read = ns["Ether"](raw)
        spec.append("")
        spec.append("# %d: %s" % (k, spec_text(expr)))
        spec.append("p%d = %s" % (k, spec_text(expr)))
        for var, pkt in (("p%d" % k, built), ("pkts[%d]" % k, read)):
            # By class, not by number: Scapy 2.5 counts the layers inside
            # packet list fields (IP options) too.
            layer = pkt
            while layer:
                cls = type(layer)
                assert pkt[cls] is layer, "a case holds two %s layers" % cls.__name__
                for f in layer.fields_desc:
                    spec.append("print(%s[%s].%s)" % (var, cls.__name__, f.name))
                    print(str(getattr(layer, f.name)), file=out)
                layer = layer.payload
            if k in LS_CASES:
                spec.append("ls(%s)" % var)
                with contextlib.redirect_stdout(out):
                    ns["ls"](pkt)
    write_got(ns, out_dir)
    ns["wrpcap"](os.path.join(out_dir, NAME + ".pcap"),
                 [ns["Ether"](f) for f in frames])
    with open(os.path.join(out_dir, NAME + ".pkt"), "w") as fp:
        fp.write("\n".join(spec) + "\n")
    with open(os.path.join(out_dir, NAME + ".out"), "w") as fp:
        fp.write(out.getvalue())


def spec_string(data):
    """A spec's string literal of bytes (runtime/interp/actions.c print_string)."""
    esc = {ord('"'): '\\"', ord("\\"): "\\\\", 10: "\\n", 9: "\\t", 13: "\\r"}
    return '"' + "".join(esc.get(c, chr(c) if 0x20 <= c < 0x7f else "\\x%02x" % c)
                         for c in data) + '"'


def scapy_got(ns, layer, name, how):
    """The text of what layer.name holds, in the form `how`."""
    v = getattr(layer, name)
    if how == "name" and isinstance(v, ns["FlagValue"]):
        return str(v) if int(v) else "0"
    if how == "name":
        return layer.get_field(name).i2repr(layer, v)
    if how == "number":
        return str(int(v))
    if how == "str":
        return spec_string(bytes(v))
    if how == "bytes":
        return 'x"' + " ".join("%02x" % c for c in bytes(v)) + '"'
    return str(v)


def write_got(ns, out_dir):
    spec = ["# Generated by print_scapy.py from what Scapy 2.5.0 holds: do not edit.",
            "# A failed expect shows what it got in the form of the expectation's right",
            "# side; each test's comment is that form of Scapy's value."]
    for k, (expr, cls, name, right, how) in enumerate(GOT_CASES):
        layer = eval(expr, ns)[ns[cls]]
        spec += ["", "p%d = %s" % (k, spec_text(expr)),
                 'test "%s.%s against %s" {' % (cls, name, how),
                 "    # Scapy: " + scapy_got(ns, layer, name, how),
                 "    expect p%d[%s].%s == %s" % (k, cls, name, right), "}"]
    with open(os.path.join(out_dir, GOT + ".pkt"), "w") as fp:
        fp.write("\n".join(spec) + "\n")


def got_problems(pktspec, folder):
    """Runs print-got.pkt in folder; returns (stdout, what differs from Scapy)."""
    r = subprocess.run([pktspec, "run", GOT + ".pkt", "--dry-run"], cwd=folder,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    want = [line.strip()[len("# Scapy: "):]
            for line in open(os.path.join(folder, GOT + ".pkt"))
            if line.strip().startswith("# Scapy: ")]
    got = [line[len("# got: "):] for line in r.stdout.splitlines() if line.startswith("# got: ")]
    bad = []
    if r.returncode != 1:
        bad.append("pktspec exited %d, not 1: %s" % (r.returncode, r.stderr.strip()))
    if len(got) != len(want):
        bad.append("%d '# got:' lines for %d failed expects" % (len(got), len(want)))
    bad += ["test %d got %r, Scapy's value in that form is %r" % (i + 1, g, w)
            for i, (g, w) in enumerate(zip(got, want)) if g != w]
    return r.stdout, bad


def update(pktspec):
    generate(HERE)
    out, bad = got_problems(pktspec, HERE)
    if bad:
        sys.exit("\n".join(bad))
    with open(os.path.join(HERE, GOT + ".out"), "w") as fp:
        fp.write(out)
    with open(os.path.join(HERE, GOT + ".status"), "w") as fp:
        fp.write("1\n")


def generate(out_dir):
    r = subprocess.run(["unshare", "-n", "/usr/bin/python3", os.path.abspath(__file__),
                        "--scapy", out_dir], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       text=True)
    if r.returncode != 0:
        sys.exit("Scapy's side failed:\n" + r.stderr)


def pcap_frames(path):
    """The frames of a classic pcap file, without their times."""
    data = open(path, "rb").read()
    frames, at = [], 24
    while at + 16 <= len(data):
        caplen = int.from_bytes(data[at + 8:at + 12], "little")
        frames.append(data[at + 16:at + 16 + caplen])
        at += 16 + caplen
    return frames


def check(pktspec):
    if not (os.access("/usr/bin/python3", os.X_OK) and shutil.which("unshare")):
        print("skipped: needs /usr/bin/python3 and unshare")
        sys.exit(77)
    if subprocess.run(["/usr/bin/python3", "-c", "import scapy.all"],
                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode:
        print("skipped: /usr/bin/python3 has no scapy")
        sys.exit(77)
    status = 0
    with tempfile.TemporaryDirectory() as tmp:
        generate(tmp)
        for f in (NAME + ".pkt", NAME + ".out", GOT + ".pkt"):
            if open(os.path.join(HERE, f)).read() != open(os.path.join(tmp, f)).read():
                print("%s differs from what Scapy gives now: run print_scapy.py --update" % f)
                status = 1
        out, bad = got_problems(pktspec, tmp)
        for line in bad:
            print(line)
            status = 1
        print("%d failed expects' '# got:' against Scapy's values: %s"
              % (len(GOT_CASES), "same" if not bad else "they differ"))
        if pcap_frames(os.path.join(HERE, NAME + ".pcap")) != \
                pcap_frames(os.path.join(tmp, NAME + ".pcap")):
            print("%s.pcap differs from Scapy's frames: run print_scapy.py --update" % NAME)
            status = 1
        r = subprocess.run([pktspec, "run", NAME + ".pkt", "--dry-run"], cwd=tmp,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        want = open(os.path.join(tmp, NAME + ".out")).read().splitlines()
        got = r.stdout.splitlines()
        if r.returncode != 0:
            print("pktspec exited %d: %s" % (r.returncode, r.stderr.strip()))
            status = 1
        if got != want:
            diff = list(difflib.unified_diff(want, got, "Scapy", "pktspec", lineterm=""))
            print("\n".join(diff[:60]))
            status = 1
        print("%d lines of Scapy's compared with pktspec's: %s"
              % (len(want), "same" if got == want else "they differ"))
    sys.exit(status)


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--scapy":
        scapy_part(sys.argv[2])
    elif len(sys.argv) == 3 and sys.argv[1] == "--update":
        update(os.path.abspath(sys.argv[2]))
    elif len(sys.argv) == 3 and sys.argv[1] == "--check":
        check(os.path.abspath(sys.argv[2]))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
