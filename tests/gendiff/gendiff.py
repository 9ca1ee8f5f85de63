#!/usr/bin/python3
"""gendiff.py --pktspec PATH [--seed N] [--count N]: a generative differential test.

Random stacks over every layer `pktspec ls` lists (fields from `pktspec ls LAYER`),
stacked as Scapy binds them (a layer U may follow L when Scapy dissects bytes(L()/U())
back as L/U), with random values of each field's type, are written twice: as a pktspec
spec and as the Scapy expression. Scapy builds its side here; pktspec builds the other
with `run --dry-run` and wrpcap, as tests/vectors/check.py does (its code is reused).
Every frame must agree byte for byte, except the cases exclusions.txt names (one line
each: a regular expression searched in the pktspec side, then " | " and the reason).

Run it in an empty network namespace (unshare -n): Scapy is imported. Exit 0 when every
frame agrees, 1 when one differs, 77 without python3-scapy, 2 on a setup error.
"""

import argparse
import logging
import os
import random
import re
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "vectors"))
import check as vcheck  # noqa: E402  (pktspec side: spec of wrpcaps, pcap reader, compare)
sys.path.append(os.path.join(HERE, ".."))
import scapy_env  # noqa: E402  (Scapy with the contribs of pktspec's layers)

EXCLUSIONS = os.path.join(HERE, "exclusions.txt")
SKIP = 77

# Link-layer and network roots a capture may start with; Ether most often.
ROOTS = [("Ether", 10), ("IP", 2), ("IPv6", 2), ("Dot3", 1), ("CookedLinux", 1),
         ("CookedLinuxV2", 1), ("Loopback", 1), ("PPP", 1), ("HDLC", 1), ("RadioTap", 1),
         ("Dot11", 1)]
# Layers that are elements of another layer's list field, not stacked with "/":
# (container layer, field, regex of the element layers' names). DNS records are chained
# with "/" as Scapy 2.5 chains them: there a list of records is a set of packets, in
# pktspec one message (a deliberate departure, docs/LANGUAGE.md), so lists are not used.
CONTAINERS = [("IP", "options", r"^IPOption_"),
              ("IPerror", "options", r"^IPOption_"),
              ("IPv6ExtHdrHopByHop", "options", r"^(Pad1|PadN|RouterAlert|Jumbo|HAO|HBHOptUnknown)$"),
              ("IPv6ExtHdrDestOpt", "options", r"^(Pad1|PadN|RouterAlert|Jumbo|HAO|HBHOptUnknown)$"),
              ("DNS", "qd", r"^DNSQR$"),
              ("DNS", "an", r"^DNSRR"), ("DNS", "ns", r"^DNSRR"), ("DNS", "ar", r"^DNSRR"),
              ("DNSRROPT", "rdata", r"^EDNS0"),
              ("ICMPv6MLReport2", "records", r"^ICMPv6MLDMultAddrRec$"),
              ("IPv6ExtHdrSegmentRouting", "tlv_objects", r"^IPv6ExtHdrSegmentRoutingTLV"),
              ("MIP6MH_BRR", "options", r"^MIP6Opt"), ("MIP6MH_HoTI", "options", r"^MIP6Opt"),
              ("MIP6MH_CoTI", "options", r"^MIP6Opt"), ("MIP6MH_HoT", "options", r"^MIP6Opt"),
              ("MIP6MH_CoT", "options", r"^MIP6Opt"), ("MIP6MH_BU", "options", r"^MIP6Opt"),
              ("MIP6MH_BA", "options", r"^MIP6Opt"), ("MIP6MH_BE", "options", r"^MIP6Opt")]
CHAINED = {("DNS", "qd"), ("DNS", "an"), ("DNS", "ns"), ("DNS", "ar")}
# Lower-layer values under which Scapy dissects a payload it otherwise would not
# (ICMP quotes an IP header only in its error types).
PROBE_WITH = {"ICMP": [{"type": 3}, {"type": 11}], "ICMPv6Unknown": [{"type": 1}],
              "IGMPv3": [{"type": 0x30}, {"type": 0x22, "mrcode": 0}]}


def scapy_ns(pktspec):
    """scapy.all and the contribs of pktspec's layers (tests/scapy_env.py)."""
    logging.getLogger("scapy.runtime").setLevel(logging.ERROR)
    return scapy_env.namespace(pktspec)


# ------------------------------------------------------------------ what pktspec has

def pktspec_layers(pktspec):
    out = subprocess.run([pktspec, "ls"], capture_output=True, text=True, check=True).stdout
    names = [l.split(":")[0].strip() for l in out.splitlines() if ":" in l]
    fields = {}
    for n in names:
        out = subprocess.run([pktspec, "ls", n], capture_output=True, text=True,
                             check=True).stdout
        fl = []
        for line in out.splitlines():
            m = re.match(r"^(\S+)\s*:\s*(\S+)", line)
            if m:
                fl.append((m.group(1), m.group(2), "(Cond)" in line))
        fields[n] = fl
    return names, fields


def unwrap(f):
    while True:
        if hasattr(f, "fld"):
            f = f.fld
        elif type(f).__name__ == "MultipleTypeField":
            # Its default's type, but an address where that is bytes (ARP's IPv4 psrc).
            alt = [unwrap(x) for x, _ in f.flds]
            f = f.dflt if type(f.dflt).__name__ != "StrFixedLenField" or not alt else alt[0]
        else:
            return f


# ------------------------------------------------------------------ values

class V:
    """One value, written for both sides."""
    def __init__(self, spec, scapy):
        self.spec, self.scapy = spec, scapy


def v_int(n):
    return V(str(n), str(n))


def v_bytes(b):
    return V('x"%s"' % b.hex(), repr(bytes(b)))


def rand_mac(r):
    s = "02:00:00:%02x:%02x:%02x" % (r.randrange(256), r.randrange(256), r.randrange(256))
    return V(s, '"%s"' % s)


def rand_ip(r):
    net = r.choice([(198, 18), (198, 19), (192, 0, 2), (203, 0, 113)])
    s = ".".join(map(str, net + tuple(r.randrange(256) for _ in range(4 - len(net)))))
    return V(s, '"%s"' % s)


def rand_ip6(r):
    s = "2001:db8::%x:%x" % (r.randrange(65536), r.randrange(1, 65536))
    return V(s, '"%s"' % s)


class Gen:
    def __init__(self, ns, names, fields, seed):
        self.ns, self.names, self.fields = ns, names, fields
        self.r = random.Random(seed)
        self.cls = {n: ns[n] for n in names if n in ns and isinstance(ns[n], type)}
        self.element_of = {}
        for cont, field, rx in CONTAINERS:
            els = [n for n in names if re.search(rx, n)]
            if cont in names and els:
                self.element_of[(cont, field)] = els
        elements = {e for els in self.element_of.values() for e in els}
        self.ups = self.stacking(elements)
        reached = {u for ups in self.ups.values() for u, _ in ups} | {r for r, _ in ROOTS}
        # A layer nothing binds (and no list holds) still gets built, on Ether.
        self.orphans = [n for n in names if n not in reached and n not in elements
                        and n in self.cls and n not in ("Raw", "Padding")]

    def stacking(self, elements):
        """{L: [(U, lower-field values)]}: U may follow L as Scapy dissects it."""
        ns = self.ns
        ups = {}
        cand = [n for n in self.names if n in self.cls and n not in elements
                and n not in ("Raw", "Padding")]
        for lo in cand:
            got = []
            for up in cand:
                for extra in [{}] + PROBE_WITH.get(lo, []):
                    try:
                        p = self.cls[lo](**extra) / self.cls[up]()
                        d = self.cls[lo](bytes(p))
                    except Exception:
                        continue
                    if type(d.payload).__name__ == up:
                        got.append((up, extra))
                        break
            ups[lo] = got
        return ups

    # -------------------------------------------------------------- one layer
    def value(self, layer, fname, ftype, inst=None):
        r = self.r
        c = self.cls[layer]
        fobj = next((f for f in c.fields_desc if f.name == fname), None)
        if fobj is None:
            return None
        if inst is not None and hasattr(fobj, "_find_fld_pkt"):
            fobj = fobj._find_fld_pkt(inst)   # the type the other values make it
        f = unwrap(fobj)
        kind = type(f).__name__
        from scapy import fields as F
        if isinstance(f, F.FieldListField):
            inner = unwrap(f.field)
            if isinstance(inner, F.IPField):
                return [rand_ip(r) for _ in range(r.randrange(4))]
            if isinstance(inner, F.IP6Field):
                return [rand_ip6(r) for _ in range(r.randrange(4))]
            return None
        if isinstance(f, F.MACField):
            return rand_mac(r)
        # EDNS0ClientSubnet's address: a StrLenField that takes an address's text
        if kind == "ClientSubnetv6":
            return rand_ip6(r)
        if kind == "ClientSubnetv4":
            return rand_ip(r)
        if isinstance(f, F.IPField):
            return rand_ip(r)
        if isinstance(f, F.IP6Field):
            return rand_ip6(r)
        if isinstance(f, (F.PacketListField, F.PacketField, F.PacketLenField)) \
                or "Options" in kind \
                or "DNS" in kind:
            return None
        if isinstance(f, F.StrFixedLenField):
            try:
                n = f.length_from(c()) if f.length_from else 0
            except Exception:
                n = None
            n = n if isinstance(n, int) else 8
            return v_bytes(bytes(r.randrange(256) for _ in range(r.randrange(n + 1))))
        if isinstance(f, F.StrField):
            return v_bytes(bytes(r.randrange(256) for _ in range(r.randrange(9))))
        if isinstance(f, F.BitField) or hasattr(f, "size") and isinstance(f.size, int) \
                and isinstance(f, F.FlagsField):
            bits = f.size
        elif isinstance(f, (F.ThreeBytesField,)):
            bits = 24
        elif isinstance(f, F.Field) and f.fmt and f.fmt[-1] in "BHIQbhiq":
            bits = 8 * f.sz
            if f.fmt[-1] in "bhiq":
                return v_int(r.randrange(-(1 << (bits - 1)), 1 << (bits - 1)))
        else:
            return None
        if not isinstance(bits, int) or bits <= 0:
            return None
        named = self.name_of(f)
        if named is not None:
            return named
        return v_int(self.edge(bits))

    def name_of(self, f):
        """Now and then an enum name or flag letters instead of a number, as a string."""
        from scapy import fields as F
        r = self.r
        if r.random() > 0.2:
            return None
        names = []
        if isinstance(f, F.FlagsField) and all(len(n) == 1 for n in f.names if n):
            pick = [n for n in f.names if n and r.random() < 0.4]
            names = ["".join(pick)] if pick else []
        elif isinstance(getattr(f, "i2s", None), dict) and f.i2s:
            names = [n for n in f.i2s.values() if isinstance(n, str) and n.isprintable()
                     and '"' not in n and "\\" not in n]
        if not names:
            return None
        n = r.choice(names)
        return V('"%s"' % n, '"%s"' % n)

    def edge(self, bits):
        r = self.r
        top = (1 << bits) - 1
        return r.choice([0, 1, top, r.randrange(top + 1), r.randrange(top + 1),
                         r.randrange(min(top, 64) + 1)])

    def layer(self, name):
        """(name, [(field, V)]) with random values for some of the fields."""
        r = self.r
        out = []
        default_none = self.defaults_none(name)
        multi = {f.name for f in self.cls[name].fields_desc
                 if type(f).__name__ == "MultipleTypeField"}
        later = []
        for fname, ftype, _cond in self.fields.get(name, []):
            if fname in multi:
                later.append((fname, ftype))
                continue
            address = any(k in ftype for k in ("MAC", "IP", "Src", "Dst")) \
                and "Enum" not in ftype and "List" not in ftype
            # Scapy draws a NonceField's default at random for each build, and an
            # NTP TimeStampField left None is the time of the build: always given.
            address = address or ftype == "NonceField" or (
                ftype == "TimeStampField" and fname in default_none)
            if address:
                v = self.value(name, fname, ftype)
            elif fname in default_none:
                v = self.value(name, fname, ftype) if r.random() < 0.1 else None
            elif r.random() < 0.3:
                v = self.value(name, fname, ftype)
            else:
                v = None
            if v is not None:
                out.append((fname, v))
        if later:   # typed by the fields chosen so far (DNSRR.rdata by its type)
            inst = eval(render([(name, out)], "scapy"), self.ns)
            for fname, ftype in later:
                # An address left unset would be resolved (ARP's): always given.
                if fname in default_none or r.random() < 0.3:
                    v = self.value(name, fname, ftype, inst)
                    if v is not None:
                        out.append((fname, v))
        for (cont, field), els in self.element_of.items():
            if cont == name and r.random() < 0.5:
                items = [self.layer(r.choice(els)) for _ in range(r.randrange(1, 4))]
                out.append((field, ("chain" if (cont, field) in CHAINED else "list", items)))
        return (name, out)

    def defaults_none(self, name):
        c = self.cls[name]
        return {f.name for f in c.fields_desc if f.default is None}

    # -------------------------------------------------------------- one stack
    def roots(self):
        return [(n, w) for n, w in ROOTS if n in self.cls]

    def path_to(self, target):
        """The shortest [(layer, lower-field values)] from a root to target, or None."""
        from collections import deque
        seen = {}
        todo = deque()
        for n, _ in self.roots():
            seen[n] = [(n, {})]
            todo.append(n)
        while todo:
            lo = todo.popleft()
            if lo == target:
                return seen[lo]
            for up, extra in self.ups.get(lo, []):
                if up not in seen:
                    seen[up] = seen[lo] + [(up, extra)]
                    todo.append(up)
        return None

    def push(self, layers, up, extra):
        if extra:   # the lower values under which Scapy binds it
            name, fl = layers[-1]
            fl = [(k, v) for k, v in fl if k not in extra]
            fl += [(k, v_int(x)) for k, x in extra.items()]
            layers[-1] = (name, fl)
        layers.append(self.layer(up))

    def start(self, target):
        """The first layers of a stack that holds target (a random root without one)."""
        r = self.r
        if target is None:
            if self.orphans and r.random() < 0.1:
                return [self.layer("Ether"), self.layer(r.choice(self.orphans))]
            roots = self.roots()
            return [self.layer(r.choices([n for n, _ in roots], [w for _, w in roots])[0])]
        if target in self.orphans:
            return [self.layer("Ether"), self.layer(target)]
        for (cont, field), els in self.element_of.items():
            if target in els and self.path_to(cont):
                layers = self.start(cont)
                name, fl = layers[-1]
                fl = [(k, v) for k, v in fl if k != field]
                fl.append((field, ("chain" if (cont, field) in CHAINED else "list",
                                   [self.layer(target)])))
                layers[-1] = (name, fl)
                return layers
        path = self.path_to(target)
        if path is None:
            # reached only from a layer no root reaches (IGMPv3mr, under an
            # IGMPv3 that IP dissects as IGMP): built on Ether(), as orphans are
            return [self.layer("Ether"), self.layer(target)]
        layers = [self.layer(path[0][0])]
        for up, extra in path[1:]:
            self.push(layers, up, extra)
        return layers

    def stack(self, target=None):
        """A random stack; with target, one that holds that layer (None: it cannot)."""
        r = self.r
        if target in ("Raw", "Padding"):
            target = None
        layers = self.start(target)
        if layers is None:
            return None
        for _ in range(6):
            ups = self.ups.get(layers[-1][0], [])
            if not ups or r.random() < 0.15:
                break
            self.push(layers, *r.choice(ups))
        tail = r.random()
        if tail < 0.3:
            layers.append(("Raw", [("load", v_bytes(bytes(r.randrange(256)
                                                          for _ in range(r.randrange(1, 12)))))]))
        elif tail < 0.35 and "Padding" in self.cls:
            layers.append(("Padding", [("load", v_bytes(bytes(r.randrange(1, 6))))]))
        return layers


def render(layers, side):
    def val(v):
        if isinstance(v, tuple) and v[0] == "chain":
            return "/".join(one(x) for x in v[1])
        if isinstance(v, tuple):
            return "[%s]" % ", ".join(one(x) for x in v[1])
        if isinstance(v, list):
            return "[%s]" % ", ".join(getattr(x, side) for x in v)
        return getattr(v, side)

    def one(layer):
        name, fl = layer
        return "%s(%s)" % (name, ", ".join("%s=%s" % (k, val(v)) for k, v in fl))
    return "/".join(one(l) for l in layers)


# ------------------------------------------------------------------ the run

class Case:
    def __init__(self, name, spec, scapy):
        self.name, self.spec, self.scapy = name, spec, scapy


def read_exclusions(path=EXCLUSIONS):
    out = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            if " | " not in line:
                raise SystemExit("%s:%d: want 'REGEX | reason'" % (path, n))
            rx, why = line.split(" | ", 1)
            out.append((re.compile(rx.strip()), why.strip(), n))
    return out


def build(pktspec, cases, tmp):
    """check.py's one spec of wrpcaps, but a case pktspec refuses is named by the line of
    its error and taken out, and the rest built again in one spec (check.py's fallback
    builds each case alone, too slow for thousands)."""
    errors = {}
    left = list(cases)
    for _ in range(50):
        spec = os.path.join(tmp, "gendiff.pkt")
        with open(spec, "w", encoding="utf-8") as f:
            f.write("# generated by tests/gendiff/gendiff.py\n")
            for c in left:
                f.write(vcheck.spec_line(c, os.path.join(tmp, c.name + ".pcap")))
        rc, out, err = vcheck.run_pktspec(pktspec, spec)
        if rc == 0:
            return errors
        bad = {}
        for m in re.finditer(r"gendiff\.pkt:(\d+):\d+: error: (.*)", err):
            k = int(m.group(1)) - 2
            if 0 <= k < len(left):
                bad.setdefault(left[k].name, "exit %d: %s" % (rc, m.group(2)))
        if not bad:
            break
        errors.update(bad)
        left = [c for c in left if c.name not in bad]
    errors.update(vcheck.build_with_pktspec(pktspec, left, tmp))
    return errors


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pktspec", required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--keep", action="store_true", help="keep the temporary directory")
    ap.add_argument("--show", type=int, metavar="N", default=40,
                    help="print at most N differing cases (default 40)")
    args = ap.parse_args()
    t0 = time.time()
    try:
        ns = scapy_ns(os.path.abspath(args.pktspec))
    except ImportError:
        print("SKIP: no python3-scapy")
        return SKIP
    names, fields = pktspec_layers(os.path.abspath(args.pktspec))
    missing = [n for n in names if n not in ns]
    if missing:
        print("note: not Scapy classes (not generated): %s" % " ".join(missing))
    gen = Gen(ns, names, fields, args.seed)
    excl = read_exclusions()
    cases, scapy_frames, skipped = [], {}, 0
    excluded = {}
    # Every layer first (a stack that holds it, a few tries each), then random ones.
    targets = [n for n in names if n in gen.cls for _ in range(3)]
    retries, in_excluded = {}, set()

    def retry(target):
        """Another stack of a layer whose stack was not kept, a bounded number of times."""
        if target and retries.get(target, 0) < 30:
            retries[target] = retries.get(target, 0) + 1
            targets.insert(0, target)
    while len(cases) < args.count:
        target = targets.pop(0) if targets else None
        layers = gen.stack(target)
        if layers is None:
            continue
        c = Case("g%05d" % len(cases), render(layers, "spec"), render(layers, "scapy"))
        hit = next((e for e in excl if e[0].search(c.spec)), None)
        if hit:
            excluded[hit[2]] = excluded.get(hit[2], 0) + 1
            in_excluded.update(re.findall(r"([A-Za-z_][A-Za-z0-9_]*)\(", c.spec))
            # An excluded stack does not use up a layer's turn: another stack of it
            # (VRRPv3 over IP when over IPv6 is excluded).
            retry(target)
            continue
        try:
            a = [bytes(p) for p in eval(c.scapy, ns)]
            b = [bytes(p) for p in eval(c.scapy, ns)]
        except Exception as exc:
            # Scapy refuses it: not a stack to compare (counted, not failed).
            skipped += 1
            if os.environ.get("GENDIFF_VERBOSE"):
                print("scapy refuses %s: %s" % (c.scapy, exc))
            retry(target)
            continue
        if a != b:   # a field left to time or chance
            skipped += 1
            retry(target)
            continue
        cases.append(c)
        scapy_frames[c.name] = a
    used = {n for c in cases for n in re.findall(r"([A-Za-z_][A-Za-z0-9_]*)\(", c.spec)}
    tmp = tempfile.mkdtemp(prefix="pktspec-gendiff-")
    errors = build(os.path.abspath(args.pktspec), cases, tmp)
    bad = 0
    shown = 0
    for c in cases:
        want = scapy_frames[c.name]
        if c.name in errors:
            msgs = ["%s: pktspec refuses it: %s" % (c.name, errors[c.name].strip())]
        else:
            try:
                _, got = vcheck.read_pcap(os.path.join(tmp, c.name + ".pcap"))
            except (OSError, vcheck.PcapError) as exc:
                got, msgs = [], ["%s: cannot read its pcap: %s" % (c.name, exc)]
            else:
                msgs = vcheck.compare_entry(c.name, got, want)[1]
        if msgs:
            bad += 1
            if shown < args.show:
                shown += 1
                print("FAIL " + "\n".join(msgs))
                print("    spec:  %s\n    scapy: %s" % (c.spec, c.scapy))
    # A layer generated only in stacks exclusions.txt names is not "never
    # generated": its line there says why it is not compared.
    only_excluded = sorted(n for n in names if n in gen.cls and n not in used
                           and n in in_excluded)
    if only_excluded:
        print("compared in no stack, generated only in excluded ones: %s"
              % " ".join(only_excluded))
    never = sorted(n for n in names if n in gen.cls and n not in used
                   and n not in in_excluded)
    print("layers: %d of pktspec's, %d in the stacks; never generated: %s"
          % (len(names), len(used & set(names)), " ".join(never) or "none"))
    if missing:
        # every layer pktspec lists is Scapy's, the contribs' too (tests/scapy_env.py)
        print("FAIL: no Scapy class for %s, even with the contribs loaded" % " ".join(missing))
        bad += 1
    if never and args.count >= 3 * len(names):
        print("FAIL: no stack holds %s (not stackable as Scapy binds it? add it to ROOTS, "
              "CONTAINERS or PROBE_WITH)" % " ".join(never))
        bad += 1
    print("excluded by exclusions.txt: %s" % (", ".join("line %d: %d" % kv for kv in
                                                         sorted(excluded.items())) or "none"))
    print("Scapy refused or not reproducible (regenerated): %d" % skipped)
    print("seed %d: %d stacks, %d agree, %d differ (%.1f s)"
          % (args.seed, len(cases), len(cases) - bad, bad, time.time() - t0))
    if args.keep:
        print("kept %s" % tmp)
    else:
        import shutil
        shutil.rmtree(tmp, ignore_errors=True)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
