"""The one way the test scripts get Scapy 2.5: `from scapy.all import *`, then every
scapy.contrib module that defines a layer `pktspec ls` lists, loaded as a script loads
it (load_contrib: into builtins, and into the namespace this gives). A contrib layer
pktspec gains is loaded by every script with no edit anywhere.

    import scapy_env                      # tests/ on sys.path
    ns = scapy_env.namespace(pktspec)     # the names a Scapy script sees, as a dict
    scapy_env.load(pktspec)               # the same, for `from scapy.all import X` users
    scapy_env.load(names=["IGMP", ...])   # the contribs of these layers, no pktspec needed

The pktspec binary (for `pktspec ls`) is the path given, else $PKTSPEC, else build/pktspec
of this tree. Import it only where Scapy runs: in an empty network namespace (unshare -n).
"""
import glob
import logging
import os
import re
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
_loaded = None


def find_pktspec(pktspec=None):
    for p in (pktspec, os.environ.get("PKTSPEC"), os.path.join(ROOT, "build", "pktspec")):
        if p and os.path.isfile(p) and os.access(p, os.X_OK):
            return os.path.abspath(p)
    raise SystemExit("scapy_env: no pktspec binary to list the layers (give its path, "
                     "or set PKTSPEC)")


def layer_names(pktspec=None):
    """The layers `pktspec ls` lists, in its order."""
    out = subprocess.run([find_pktspec(pktspec), "ls"], capture_output=True, text=True,
                         check=True).stdout
    return [line.split(":")[0].strip() for line in out.splitlines() if ":" in line]


def contribs(names):
    """The scapy.contrib modules defining a class of `names` that scapy.all lacks."""
    import scapy
    import scapy.all as sa
    want = [n for n in names if not hasattr(sa, n)]
    found = []
    for path in sorted(glob.glob(os.path.join(os.path.dirname(scapy.__file__), "contrib",
                                              "*.py"))):
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read()
        if any(re.search(r"^class %s\(" % re.escape(n), text, re.M) for n in want):
            found.append(os.path.splitext(os.path.basename(path))[0])
    return found


def load(pktspec=None, names=None):
    """Imports scapy.all (quiet) and loads the contribs pktspec's layers need (those of
    `names` when given, else of `pktspec ls`), once. Returns the contribs' module names."""
    global _loaded
    if _loaded is None:
        logging.getLogger("scapy.runtime").setLevel(logging.ERROR)
        from scapy.main import load_contrib
        _loaded = contribs(names if names is not None else layer_names(pktspec))
        for mod in _loaded:
            load_contrib(mod)
    return _loaded


def namespace(pktspec=None, names=None):
    """A fresh dict as a script's globals after `from scapy.all import *` and the
    contribs' load_contrib: eval() Scapy expressions in it."""
    mods = load(pktspec, names)
    ns = {}
    exec("import scapy\nfrom scapy.all import *", ns)
    from scapy.main import load_contrib
    for mod in mods:
        load_contrib(mod, globals_dict=ns)
    ns["conf"].verb = 0
    return ns
