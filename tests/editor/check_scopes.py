#!/usr/bin/env python3
"""Checks the editor files against pktspec's own scanner, the oracle.

    check_scopes.py --dump TOKEN_DUMP --parser-h PARSER_H
                    (--textmate GRAMMAR | --vim VIM --vim-dir DIR)
                    [--builtins builtins.c --fields sema_layer.c --pktspec PKTSPEC]
                    PATH...

Every .pkt under the PATHs is scanned by token_dump (flex's scanner, as the
compiler runs it) and highlighted by the TextMate grammar (tmgrammar.py) or
by Vim itself (synstack() over the file, with editors/vim on the
runtimepath). Every character of every keyword, literal and comment must
carry the scope its kind asks for, a builtin call, a field class call and
a layer name theirs; a plain name and anything outside strings and comments
must carry none of them, so that over-highlighting fails too. A token kind
the scanner has and this table does not know is a failure: a new literal or
keyword in grammar/lexer.l cannot go unnoticed.
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import tmgrammar  # noqa: E402

# kind -> (TextMate scope regex, Vim syntax groups)
EXPECT = {
    "keyword": (r"^keyword\.", {"pktConditional", "pktRepeat", "pktStatement", "pktOperator"}),
    "constant": (r"^constant\.language\.", {"pktBoolean", "pktNone"}),
    "INT": (r"^constant\.numeric\.integer\.", {"pktInteger"}),
    "FLOAT": (r"^constant\.numeric\.float\.", {"pktFloat"}),
    "DURATION": (r"^constant\.numeric\.duration\.", {"pktDuration"}),
    "MAC": (r"^constant\.other\.address\.mac\.", {"pktMAC"}),
    "IPV4": (r"^constant\.other\.address\.ipv4\.", {"pktIPv4"}),
    "IPV6": (r"^constant\.other\.address\.ipv6\.", {"pktIPv6"}),
    "PREFIX4": (r"^constant\.other\.prefix\.ipv4\.", {"pktPrefix4"}),
    "PREFIX6": (r"^constant\.other\.prefix\.ipv6\.", {"pktPrefix6"}),
    "STRING": (r"^string\.quoted\.double\.pktspec$", {"pktString"}),
    "BYTES": (r"^string\.quoted\.double\.bytes\.", {"pktBytes"}),
    "comment": (r"^comment\.line\.number-sign\.", {"pktComment"}),
    "builtin": (r"^support\.function\.builtin\.", {"pktBuiltin"}),
    "field-class": (r"^support\.type\.field\.", {"pktFieldClass"}),
    "layer": (r"^support\.type\.layer\.", {"pktLayer"}),
    "layer-decl": (r"^entity\.name\.type\.layer\.", {"pktLayerDecl"}),
}
# Bad literals (the scanner reported them) may be marked as errors instead.
INVALID = (r"^invalid\.illegal\.", {"pktBadNumber", "pktBadEscape", "pktBadBytes"})
# What a plain name, an operator or the space between tokens must not carry.
HIGHLIGHT = (r"^(keyword|constant|string|comment|support|entity|invalid)\.",
             {g for _, gs in EXPECT.values() for g in gs} | INVALID[1] | {"pktEscape"})
# ... except operators and punctuation, which may be keyword.operator (TextMate).
NOT_TEXT = (r"^(string|comment)\.", {"pktString", "pktBytes", "pktComment", "pktEscape"})

LITERALS = {"INT", "FLOAT", "DURATION", "MAC", "IPV4", "IPV6", "PREFIX4", "PREFIX6", "STRING",
            "BYTES"}
CONSTANTS = {"TRUE": "true", "FALSE": "false", "NONE": "none"}
NAME_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(-[A-Za-z0-9_]+)*\Z")


def token_names(parser_h):
    names = {}
    with open(parser_h) as f:
        for m in re.finditer(r"\bTOK_(\w+)\s*=\s*(-?\d+)", f.read()):
            names[int(m.group(2))] = m.group(1)
    return names


def read_lists(args):
    """Builtins, field classes and layers: the same sources the compiler uses."""
    with open(args.builtins) as f:
        builtins = set(re.findall(r'\{"(\w+)",\s*B_\w+', f.read()))
    with open(args.fields) as f:
        fields = set(re.findall(r'\{"(\w+Field)",\s*PS_K_', f.read()))
    out = subprocess.run([args.pktspec, "ls"], capture_output=True, text=True, check=True).stdout
    layers = {line.split()[0] for line in out.splitlines() if line.strip()}
    if not builtins or not fields or len(layers) < 10:
        sys.exit("check_scopes: could not read the builtin, field class or layer lists")
    return builtins, fields, layers


def keywords(lexer_l):
    """The keywords of grammar/lexer.l: its rules for a fixed word ("param", "true"|"false")."""
    with open(lexer_l) as f:
        rules = f.read().split("%%")[1]
    words = []
    for m in re.finditer(r'^((?:"[A-Za-z_]+"\|?)+)\s', rules, re.M):
        words += re.findall(r'"([A-Za-z_]+)"', m.group(1))
    if len(words) < 10:
        sys.exit("check_scopes: could not read the keywords of " + lexer_l)
    return words


def vocabulary(words, lists):
    """A file holding every keyword, builtin call, field class, layer name and
    literal kind: the scanner tells each token's kind, the editor files must agree."""
    builtins, fields, layers = lists
    lines = ["# every word pktspec knows, one a line (tests/editor/check_scopes.py)"]
    lines += sorted(words)
    lines += ["%s(x)" % b for b in sorted(builtins)]
    lines += ["%s (0)" % f for f in sorted(fields)]
    lines += ["%s  %s()" % (l, l) for l in sorted(layers)]
    lines += ["layer Mine { x = ByteField(1) }",
              "n = [42, 0x2a, 0X2A_ff, 0b1010, 1_000, 1.5, 10ns, 10us, 5ms, 1.5s, 2m, 1_000ms]",
              "a = [00:11:22:aa:bb:cc, 10.0.0.1, 10.0.0.0/30, fe80::1, 2001:db8::/126, ::1]",
              "b = [::ffff:1.2.3.4, ::ffff:1.2.3.4/96, FE80::AB:1, a:b]",
              's = ["", "a\\n\\t\\r\\0\\\\\\"\\x41", x"de ad", x"", "# not a comment"]  # a comment',
              "t = [true, false, none, inter, ints, echo-request, sr1, sendp, x, xx\"ab\"]",
              'u = "unterminated \\',
              'v = x"unterminated',
              "q = s[1:3] + s[:2] + s[0:-1] + [::1, fe80::2][0]",
              "w = [10foo, 1.5sx, 0x1g, 1__0]  # bad numbers"]
    return "\n".join(lines) + "\n"


def find_specs(paths):
    out = []
    for p in paths:
        if os.path.isfile(p):
            out.append(p)
            continue
        for root, dirs, files in os.walk(p):
            # skip hidden folders and build trees
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and
                             not os.path.exists(os.path.join(root, d, "CMakeCache.txt")))
            out += [os.path.join(root, f) for f in sorted(files) if f.endswith(".pkt")]
    return out


def scan(dump, files):
    toks = {f: [] for f in files}
    out = subprocess.run([dump] + files, capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit("token_dump failed: " + out.stderr)
    for line in out.stdout.splitlines():
        path, ln, col, off, length, tok, err = line.split("\t")
        toks[path].append((int(off), int(length), int(tok), err == "1"))
    return toks


def expectations(text, toks, names, lists):
    """(start, end, kind, error) spans over text: what each part must be."""
    builtins, fields, layers = lists
    spans = []
    pos = 0
    prev_kw = None
    for i, (off, length, tok, err) in enumerate(toks):
        gap = text[pos:off]
        j = 0
        while j < len(gap):  # the scanner skips white space and comments only
            if gap[j] == "#":
                k = gap.find("\n", j)
                k = len(gap) if k < 0 else k
                spans.append((pos + j, pos + k, "comment", False))
                j = k
            else:
                spans.append((pos + j, pos + j + 1, "space", False))
                j += 1
        word = text[off:off + length]
        name = names.get(tok, chr(tok) if 0 < tok < 256 else None)
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        called = nxt is not None and nxt[2] == ord("(") and \
            re.fullmatch(r"[ \t]*", text[off + length:nxt[0]]) is not None
        if name in LITERALS:
            kind = name
        elif name in CONSTANTS and word == CONSTANTS[name]:
            kind = "constant"
        elif name == "NAME":
            if prev_kw == "layer":
                kind = "layer-decl"
            elif word in builtins and called:
                kind = "builtin"
            elif word in fields and called:
                kind = "field-class"
            elif word in layers:
                kind = "layer"
            else:
                kind = "name"
        elif name and name.isupper() and NAME_RE.match(word):
            kind = "keyword"  # a token of its own spelled as a name
        elif (name and len(name) == 1) or name in ("EQ", "NE", "LE", "GE", "DOTDOT"):
            kind = "operator"
        else:
            raise SystemExit("check_scopes: token %s (%r) has no expected scope: "
                             "add it to tests/editor/check_scopes.py and the editor files"
                             % (name or tok, word))
        prev_kw = word if kind == "keyword" else None
        spans.append((off, off + length, kind, err))
        pos = off + length
    gap = text[pos:]
    j = 0
    while j < len(gap):
        if gap[j] == "#":
            k = gap.find("\n", j)
            k = len(gap) if k < 0 else k
            spans.append((pos + j, pos + k, "comment", False))
            j = k
        else:
            spans.append((pos + j, pos + j + 1, "space", False))
            j += 1
    return spans


def textmate_scopes(grammar, text):
    per_line = tmgrammar.char_scopes(grammar, text)
    flat = []
    for line in per_line:
        flat += [sc or [] for sc in line] + [[]]  # the newline
    return flat


def vim_scopes(vim, vimdir, files):
    """synstack() names of every byte of every file, from Vim itself."""
    with tempfile.TemporaryDirectory() as tmp:
        listfile = os.path.join(tmp, "files")
        outfile = os.path.join(tmp, "out")
        with open(listfile, "w") as f:
            f.write("\n".join(os.path.abspath(p) for p in files) + "\n")
        script = os.path.join(tmp, "dump.vim")
        with open(script, "w") as f:
            f.write(VIM_DUMP)
        cmd = [vim, "-Nu", "NONE", "-i", "NONE", "-n", "-es",
               "--cmd", "set encoding=latin1 regexpengine=1", "--cmd", "set rtp^=" + vimdir,
               "-c", "let g:files = '%s' | let g:out = '%s'" % (listfile, outfile),
               "-c", "source " + script]
        run = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
        if run.returncode != 0 or not os.path.exists(outfile):
            sys.exit("vim failed (%d): %s %s" % (run.returncode, run.stdout, run.stderr))
        with open(outfile, encoding="latin-1", newline="") as f:
            lines = f.read().split("\n")
    result, cur, ft = {}, None, None
    for line in lines:
        if line.startswith("=== "):
            ft, path = line[4:].split(" ", 1)
            cur = result.setdefault(path, ["filetype", ft])
            cur.clear()
            cur.append(ft)
            continue
        if cur is None:
            continue
        cells = line.split("\t") if line else []
        cur.append([c.split(",") if c else [] for c in cells])
    return result


VIM_DUMP = r"""
filetype on
syntax on
let s:out = []
for s:f in readfile(g:files)
  execute 'silent edit ' . fnameescape(s:f)
  call add(s:out, '=== ' . (&filetype == '' ? '-' : &filetype) . ' ' . s:f)
  for s:l in range(1, line('$'))
    let s:cells = []
    " synstack() costs more the further right: 'synmaxcol' is Vim's own limit
    for s:c in range(1, min([strlen(getline(s:l)), 300]))
      call add(s:cells, join(map(synstack(s:l, s:c), 'synIDattr(v:val, "name")'), ','))
    endfor
    call add(s:out, join(s:cells, "\t"))
  endfor
  bwipeout!
endfor
call writefile(s:out, g:out)
qall!
"""


def vim_words(vimdir, words, lists):
    """Without Vim: every word at least stands in the syntax file. Exit 77 (skipped)."""
    with open(os.path.join(vimdir, "syntax", "pkt.vim")) as f:
        text = f.read()
    kws = set()
    for m in re.finditer(r"^syn keyword (\w+) (.*)$", text, re.M):
        kws.update(m.group(2).split())
    missing = [w for w in words if w not in kws]
    for group in lists:
        missing += [w for w in sorted(group) if not re.search(r"(?<![\w])%s(?![\w])" % w, text)]
    for w in missing:
        print("editors/vim/syntax/pkt.vim: %s is missing" % w)
    print("vim not found: checked only that the syntax file names every word (%d missing)"
          % len(missing))
    return 1 if missing else 77


def matches(scopes, want, backend):
    if backend == "textmate":
        return any(re.search(want[0], s) for s in scopes)
    return any(s in want[1] for s in scopes)


def check_file(path, text, spans, scopes, backend, problems):
    starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def where(off):
        line = max(i for i, s in enumerate(starts) if s <= off)
        return "%s:%d:%d" % (path, line + 1, off - starts[line] + 1)

    for start, end, kind, err in spans:
        word = text[start:end]
        for off in range(start, end):
            sc = scopes[off] if off < len(scopes) else []
            if sc is None:
                continue  # not looked at (Vim: right of column 300)
            if kind in EXPECT:
                ok = matches(sc, EXPECT[kind], backend) or (err and matches(sc, INVALID, backend))
                if kind == "comment" and off == start and backend == "textmate":
                    ok = ok and any(s.startswith("punctuation.definition.comment.") for s in sc)
                what = "a %s" % kind
            elif kind == "name":
                ok = not matches(sc, HIGHLIGHT, backend)
                what = "no highlight (a plain name)"
            elif text[off] == "\n":
                continue
            else:  # operators, punctuation, space
                ok = not matches(sc, NOT_TEXT, backend)
                what = "no string or comment scope (%s)" % kind
            if not ok:
                problems.append("%s: %r should be %s, has %s" % (where(off), word, what,
                                                                 " ".join(sc) or "nothing"))
                break


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dump", required=True)
    ap.add_argument("--parser-h", required=True)
    ap.add_argument("--textmate")
    ap.add_argument("--vim")
    ap.add_argument("--vim-dir")
    ap.add_argument("--builtins", required=True)
    ap.add_argument("--fields", required=True)
    ap.add_argument("--pktspec", required=True)
    ap.add_argument("--lexer", required=True)
    ap.add_argument("paths", nargs="+")
    args = ap.parse_args()

    names = token_names(args.parser_h)
    lists = read_lists(args)
    files = find_specs(args.paths)
    if not files:
        sys.exit("check_scopes: no .pkt files under " + " ".join(args.paths))
    tmp = tempfile.TemporaryDirectory()
    vocab = os.path.join(tmp.name, "vocabulary.pkt")
    with open(vocab, "w") as f:
        f.write(vocabulary(keywords(args.lexer), lists))
    files.append(vocab)
    toks = scan(args.dump, files)
    texts = {}
    for f in files:
        with open(f, encoding="latin-1", newline="") as fh:  # a byte a character, as the scanner counts
            texts[f] = fh.read()

    problems = []
    if args.textmate:
        backend = "textmate"
        grammar = tmgrammar.Grammar(args.textmate)
        scopes = {f: textmate_scopes(grammar, texts[f]) for f in files}
    elif not args.vim:
        return vim_words(args.vim_dir, keywords(args.lexer), lists)
    else:
        backend = "vim"
        dumped = vim_scopes(args.vim, args.vim_dir, files)
        scopes = {}
        for f in files:
            got = dumped.get(os.path.abspath(f))
            if got is None or got[0] != "pkt":
                problems.append("%s: Vim did not set filetype=pkt (ftdetect): %s"
                                % (f, got[0] if got else "not read"))
                scopes[f] = []
                continue
            flat = []
            for cells, line in zip(got[1:], texts[f].split("\n")):
                flat += cells + [None] * (len(line) - len(cells)) + [[]]
            scopes[f] = flat
    counts = {}
    for f in files:
        spans = expectations(texts[f], toks[f], names, lists)
        for _, _, kind, _ in spans:
            counts[kind] = counts.get(kind, 0) + 1
        check_file(f, texts[f], spans, scopes[f], backend, problems)
    for p in problems[:60]:
        print(p)
    if len(problems) > 60:
        print("... and %d more" % (len(problems) - 60))
    print("%s: %d files, %s; %d problems" % (
        backend, len(files),
        ", ".join("%s %d" % kv for kv in sorted(counts.items()) if kv[0] != "space"),
        len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
