#!/usr/bin/python3
"""readme_layers.py README PKTSPEC: every layer `pktspec ls` lists is named in
the README's Layers paragraph, as itself or under a prefix written with a
star (`ICMPv6ND_*`, `ICMPv6NDOpt*`), and every name that paragraph gives in
backquotes is a layer pktspec has: the list cannot drift from the tool."""
import re
import subprocess
import sys

readme, pktspec = sys.argv[1], sys.argv[2]
text = open(readme).read()
m = re.search(r"^- Layers \(.*?(?=^- )", text, re.M | re.S)
if not m:
    print("no '- Layers (...' paragraph in " + readme)
    sys.exit(1)
para = m.group(0)
words = set(re.findall(r"[A-Za-z0-9_]+\*?", para))
stars = [w[:-1] for w in words if w.endswith("*")]
layers = [line.split()[0] for line in subprocess.run([pktspec, "ls"], capture_output=True,
                                                      text=True, check=True).stdout.splitlines()]
missing = [n for n in layers if n not in words and not any(n.startswith(p) for p in stars)]
# Backquoted names, with a "/Reply"-style sibling expanded from the name before it.
unknown = []
for q in re.findall(r"`([^`]+)`", para):
    for name in re.findall(r"[A-Za-z][A-Za-z0-9_]*\*?", q):
        if name.endswith("*"):
            if not any(n.startswith(name[:-1]) for n in layers):
                unknown.append(name)
        elif name not in layers and not any(n.endswith(name) for n in layers):
            unknown.append(name)
unknown = [u for u in unknown if u not in ("pktspec", "ls", "LAYER", "tcpdump", "any", "i")]  # commands quoted
if missing or unknown:
    print("layers pktspec ls lists and the README does not: %s" % ", ".join(missing))
    print("names the README gives that pktspec ls does not list: %s" % ", ".join(unknown))
    sys.exit(1)
print("%d layers, all in the README's list" % len(layers))
