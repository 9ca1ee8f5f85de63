#!/usr/bin/python3
"""A layer made from bytes (Scapy's TCP(b"..."), pktspec's TCP(x"...")) against Scapy 2.5.

    from_bytes.py PKTSPEC            compare with from_bytes.golden (no Scapy needed)
    from_bytes.py PKTSPEC --live     regenerate the golden from Scapy first; fail on drift
    from_bytes.py PKTSPEC --update   rewrite from_bytes.golden from Scapy

For every case below, one spec prints the packet's show() and summary() and writes its
bytes with wrpcap; each must be Scapy's, and the bytes Scapy's bytes(p)
(dissected fields kept as they came: nothing recomputed). Then the text pktspec's
command() printed for each is written into a second spec, which must build the same
bytes. Scapy runs in an empty network namespace (unshare -n). Exit 0 when all agree,
1 when one differs, 77 (--live, --update) without Scapy.
"""
import json
import os
import struct
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
GOLDEN = os.path.join(HERE, "from_bytes.golden")
PYTHON = "/usr/bin/python3"

# (name, pktspec expression, Scapy expression); the bytes are written once, as hex.
TCP_SYN = "9c400050000003e8000000005002200012340000"      # chksum 0x1234: wrong, kept
ECHO = "45000021000100004001eeb3c6120001c61200020800b3ea0042000168656c6c6f"
UDP_DNS = "cf08003500250000123401000001000000000000076578616d706c6503636f6d0000010001"
ARP_PAD = ("ffffffffffff02000000000108060001080006040001020000000001c6120001000000000000"
           "c6120002000000000000000000000000000000000000")
CASES = [
    ("tcp", 'TCP(x"%s")' % TCP_SYN, 'TCP(bytes.fromhex("%s"))' % TCP_SYN),
    ("tcp_cut_between_fields", 'TCP(x"0014")', 'TCP(bytes.fromhex("0014"))'),
    ("tcp_empty", 'TCP(x"")', 'TCP(b"")'),
    ("ip_echo", 'IP(x"%s")' % ECHO, 'IP(bytes.fromhex("%s"))' % ECHO),
    ("udp_dns", 'UDP(x"%s")' % UDP_DNS, 'UDP(bytes.fromhex("%s"))' % UDP_DNS),
    ("ether_arp_padding", 'Ether(x"%s")' % ARP_PAD, 'Ether(bytes.fromhex("%s"))' % ARP_PAD),
    ("pad1", 'Pad1(x"00")', 'Pad1(b"\\x00")'),
    ("raw_positional", 'Raw(x"0102")', 'Raw(b"\\x01\\x02")'),
]
# Not dissected (Scapy's TCP(b"") is TCP()): a packet the spec built, whose show() prints
# what building computes where Scapy's prints None; its bytes and summary are compared.
BUILT = {"tcp_empty"}


def scapy_side():
    """{name: {"bytes", "show", "summary"}} from Scapy (run in unshare -n)."""
    sys.path.append(os.path.join(HERE, ".."))
    import scapy_env
    ns = scapy_env.namespace()
    from scapy.themes import NoTheme
    ns["conf"].color_theme = NoTheme()
    out = {}
    for name, _, expr in CASES:
        p = eval(expr, ns)
        out[name] = {"bytes": bytes(p).hex(), "show": p.show(dump=True),
                     "summary": p.summary()}
    return out


def regenerate(pktspec):
    """Scapy's side, run by this script in an empty network namespace; None: no Scapy."""
    if subprocess.run([PYTHON, "-c", "import scapy.all"], capture_output=True).returncode:
        return None
    env = dict(os.environ, PKTSPEC=os.path.abspath(pktspec))
    p = subprocess.run(["unshare", "-n", PYTHON, os.path.abspath(__file__), "--scapy-side"],
                       capture_output=True, text=True, env=env)
    if p.returncode:
        raise SystemExit("Scapy's side failed: %s" % p.stderr[-2000:])
    return json.loads(p.stdout)


def read_pcap(path):
    with open(path, "rb") as f:
        data = f.read()
    order = {b"\xd4\xc3\xb2\xa1": "<", b"\xa1\xb2\xc3\xd4": ">"}[data[:4]]
    frames, off = [], 24
    while off + 16 <= len(data):
        incl = struct.unpack(order + "IIII", data[off:off + 16])[2]
        frames.append(data[off + 16:off + 16 + incl])
        off += 16 + incl
    return frames


def run_spec(pktspec, path, text):
    with open(path, "w") as f:
        f.write(text)
    p = subprocess.run([pktspec, "run", path, "--dry-run", "-q"], capture_output=True,
                       text=True)
    if p.returncode:
        raise SystemExit("pktspec run %s failed (%d):\n%s" % (path, p.returncode, p.stderr))
    return p.stdout


def pktspec_side(pktspec, tmp):
    """{name: {...}} as pktspec prints and writes each case, and its command() text."""
    spec = []
    for name, expr, _ in CASES:
        spec += ['p = %s' % expr, 'print("@@ %s show")' % name, 'p.show()',
                 'print("@@ %s summary")' % name, 'print(p.summary())',
                 'print("@@ %s command")' % name, 'print(p.command())',
                 'wrpcap("%s/%s.pcap", p)' % (tmp, name)]
    text = run_spec(pktspec, os.path.join(tmp, "cases.pkt"), "\n".join(spec) + "\n")
    out, cur = {}, None
    for line in text.splitlines(keepends=True):
        if line.startswith("@@ "):
            name, what = line.split()[1:3]
            cur = out.setdefault(name, {})
            cur[what] = ""
            key = what
        elif cur is not None:
            cur[key] += line
    for name, _, _ in CASES:
        d = out.setdefault(name, {})
        for k in ("summary", "command"):
            d[k] = d.get(k, "").rstrip("\n")
        frames = read_pcap(os.path.join(tmp, name + ".pcap"))
        d["bytes"] = frames[0].hex() if frames else ""
    # command() rebuilds the same bytes
    spec = ['wrpcap("%s/%s.cmd.pcap", %s)' % (tmp, name, out[name]["command"])
            for name, _, _ in CASES]
    run_spec(pktspec, os.path.join(tmp, "command.pkt"), "\n".join(spec) + "\n")
    for name, _, _ in CASES:
        frames = read_pcap(os.path.join(tmp, name + ".cmd.pcap"))
        out[name]["command_bytes"] = frames[0].hex() if frames else ""
    return out


def main():
    args = sys.argv[1:]
    if args == ["--scapy-side"]:
        json.dump(scapy_side(), sys.stdout, indent=1, sort_keys=True)
        return 0
    if not args:
        sys.stderr.write(__doc__)
        return 2
    pktspec = args[0]
    if "--live" in args or "--update" in args:
        want = regenerate(pktspec)
        if want is None:
            print("SKIP: /usr/bin/python3 cannot import scapy")
            return 77
        if "--update" in args:
            with open(GOLDEN, "w") as f:
                json.dump(want, f, indent=1, sort_keys=True)
                f.write("\n")
            print("wrote %s" % GOLDEN)
            return 0
        with open(GOLDEN) as f:
            if json.load(f) != want:
                print("from_bytes.golden drifted from Scapy: run from_bytes.py PKTSPEC --update")
                return 1
    with open(GOLDEN) as f:
        want = json.load(f)
    with tempfile.TemporaryDirectory() as tmp:
        got = pktspec_side(os.path.abspath(pktspec), tmp)
    bad = 0
    for name, _, _ in CASES:
        for k in ("bytes", "summary") + (() if name in BUILT else ("show",)):
            if (got[name].get(k) or "").rstrip("\n") != want[name][k].rstrip("\n"):
                bad += 1
                print("--- %s: %s differs\nScapy:\n%s\npktspec:\n%s"
                      % (name, k, want[name][k], got[name].get(k)))
        if got[name]["command_bytes"] != want[name]["bytes"]:
            bad += 1
            print("--- %s: command() %s builds %s, not %s" % (
                name, got[name]["command"], got[name]["command_bytes"], want[name]["bytes"]))
    print("%d cases, %d differences" % (len(CASES), bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
