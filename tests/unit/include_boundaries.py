#!/usr/bin/env python3
"""Fails when an #include "..." crosses a folder boundary the wrong way.

The allowed edges are the table in runtime/README.md (between the
"<!-- include-edges -->" markers), one folder a line: `proto -> core`.
Every folder that holds sources (runtime/<stage>, grammar, compiler) must be
in it. A quoted include is resolved as the compiler does: the including
file's folder first, then the include path (every runtime stage folder,
runtime/ for "proto/proto.h", grammar/, compiler/). A header found nowhere in
the tree is generated into the build directory (parser.h) and is not checked.

--inject FILE:HEADER adds an include that FILE does not have, to check that
the table refuses it: that run succeeds only when the check reports it.

Includes still to be removed are listed under the table (between the
"<!-- include-debts -->" markers) as `FILE: HEADER`: they are allowed, and a
listed one that is gone fails the check, so that the list only shrinks.
"""
import os
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"')
SOURCE_EXT = ('.c', '.h', '.l', '.y')


def folders(root):
    """Folder name (as the table spells it) -> its directory."""
    out = {}
    runtime = os.path.join(root, 'runtime')
    for d in sorted(os.listdir(runtime)):
        if os.path.isdir(os.path.join(runtime, d)):
            out[d] = os.path.join(runtime, d)
    out['grammar'] = os.path.join(root, 'grammar')
    out['compiler'] = os.path.join(root, 'compiler')
    return out


def folder_of(path, dirs):
    """The table's folder holding path; compiler/'s subfolders are compiler."""
    best = None
    for name, d in dirs.items():
        if path == d or path.startswith(d + os.sep):
            if best is None or len(d) > len(dirs[best]):
                best = name
    return best


def read_debts(readme):
    text = open(readme, encoding='utf-8').read()
    m = re.search(r'<!-- include-debts -->(.*?)<!-- /include-debts -->', text, re.S)
    debts = set()
    for line in (m.group(1).splitlines() if m else []):
        line = line.strip().lstrip('-').strip().strip('`')
        if ':' in line:
            f, h = line.split(':', 1)
            debts.add((f.strip().strip('`'), h.strip().strip('`').strip('"')))
    return debts


def read_table(readme):
    text = open(readme, encoding='utf-8').read()
    m = re.search(r'<!-- include-edges -->(.*?)<!-- /include-edges -->', text, re.S)
    if not m:
        sys.exit(f'{readme}: no <!-- include-edges --> table')
    table = {}
    for line in m.group(1).splitlines():
        line = line.strip()
        if '->' not in line or line.startswith('```'):
            continue
        src, dst = line.split('->', 1)
        table[src.strip()] = set(dst.replace(',', ' ').split())
    return table


def resolve(inc, here, root, dirs):
    """The file a quoted include names, or None when it is generated."""
    search = [here] + [dirs[n] for n in dirs if n not in ('grammar', 'compiler')]
    search += [os.path.join(root, 'runtime'), dirs['grammar'], dirs['compiler']]
    for d in search:
        p = os.path.normpath(os.path.join(d, inc))
        if os.path.isfile(p):
            return p
    return None


def main():
    args = sys.argv[1:]
    inject = []
    while '--inject' in args:
        i = args.index('--inject')
        inject.append(tuple(args[i + 1].split(':', 1)))
        del args[i:i + 2]
    if len(args) != 1:
        sys.exit('usage: include_boundaries.py SRCROOT [--inject FILE:HEADER]...')
    root = os.path.abspath(args[0])
    dirs = folders(root)
    readme = os.path.join(root, 'runtime', 'README.md')
    table = read_table(readme)
    debts = read_debts(readme)
    owed = set()
    found = set()
    bad = []
    for name in dirs:
        if name not in table:
            bad.append(f'{os.path.relpath(dirs[name], root)}/: not in the table of runtime/README.md')
    checked = 0
    for name, d in dirs.items():
        for here, _, files in os.walk(d):
            for f in sorted(files):
                if not f.endswith(SOURCE_EXT):
                    continue
                path = os.path.join(here, f)
                rel = os.path.relpath(path, root)
                lines = open(path, encoding='utf-8', errors='replace').read().splitlines()
                incs = [(n + 1, m.group(1)) for n, l in enumerate(lines) if (m := INCLUDE.match(l))]
                incs += [(0, h) for r, h in inject if r == rel]
                for lineno, inc in incs:
                    target = resolve(inc, here, root, dirs)
                    if target is None:
                        continue
                    checked += 1
                    to = folder_of(target, dirs)
                    if to is None or to == name or to in table.get(name, ()):
                        continue
                    if (rel, inc) in debts and (rel, inc) not in inject:
                        owed.add((rel, inc))
                        continue
                    found.add((rel, inc))
                    bad.append(f'{rel}:{lineno}: #include "{inc}": {name} -> {to} is not an '
                               f'allowed edge ({name} -> {" ".join(sorted(table.get(name, ()))) or "nothing"})')
    for f, h in sorted(debts - owed):
        bad.append(f'{f}: #include "{h}" is listed under include-debts in runtime/README.md '
                   'but no longer crosses a boundary: take it off the list')
    for b in bad:
        print(b)
    if checked == 0:
        sys.exit('no include was checked: wrong SRCROOT?')
    print(f'{checked} includes checked, {len(bad)} cross a boundary the wrong way, '
          f'{len(owed)} listed as still to remove')
    if inject:
        missed = [i for i in inject if i not in found]
        for f, h in missed:
            print(f'FAIL: the injected #include "{h}" in {f} was not refused')
        return 1 if missed else 0
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
