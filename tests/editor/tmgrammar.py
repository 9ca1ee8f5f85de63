"""A small TextMate grammar tokenizer, so that the editor tests need no npm.

It follows vscode-textmate where the pktspec grammar needs it: each line is
scanned with "\\n" appended; at each position every pattern of the current
rule (includes expanded, the rule's `end` first) is searched from there, and
the match that starts first wins, ties going to the earlier pattern. Rules:
`match` with `name`/`captures`, `begin`/`end` with `name`, `contentName`,
`beginCaptures`/`endCaptures`/`captures` and `patterns`, and `include` of
`#item`, `$self` and `$base`. Not supported (an error, not a silent
difference): `while`, back-references from `end` to `begin`, `patterns`
inside captures, other grammars.

Patterns run on Python's `re`; check_regex() refuses the Oniguruma
constructs `re` reads differently or not at all, so a grammar that passes
here means the same to vscode-textmate (editors/README.md).
"""

import json
import re

# Oniguruma syntax that Python's re lacks or reads otherwise.
_UNSUPPORTED = [
    (r"\\[hHGAzZKRXyYkg]", "an escape Python's re lacks or reads otherwise (\\h \\G \\A \\z \\K ...)"),
    (r"\\p\{|\\P\{", "a Unicode property class"),
    (r"\(\?<[A-Za-z]", "a named group"),
    (r"\(\?>", "an atomic group"),
    (r"[*+?}]\+", "a possessive quantifier"),  # outside classes only
    (r"\(\?[imxsu-]+[:)]", "an inline flag group"),
    (r"\[\[:|\[:[a-z]+:\]", "a POSIX bracket class"),
    (r"&&", "a class intersection"),
    (r"\\[dswDSW]", "a shorthand class (Unicode-wide in re, not in Oniguruma)"),
]
_OUTSIDE = {r"[*+?}]\+", r"\(\?>", r"\(\?<[A-Za-z]", r"\(\?[imxsu-]+[:)]"}


def check_regex(source):
    """Raises ValueError when source leaves the subset both engines agree on."""
    stripped = re.sub(r"\\\\", "", source)  # an escaped backslash starts nothing
    # outside classes: a quantifier or group is written the same in a class
    outside = re.sub(r"\[(?:\\.|[^\]\\])*\]", "[]", stripped)
    for pattern, what in _UNSUPPORTED:
        if re.search(pattern, outside if pattern in _OUTSIDE else stripped):
            raise ValueError("regex %r uses %s" % (source, what))
    return re.compile(source)


class _Rule:
    def __init__(self, raw):
        self.raw = raw
        self.name = raw.get("name")
        self.content_name = raw.get("contentName")
        for key in ("while", "applyEndPatternLast"):
            if key in raw:
                raise ValueError("%r is not supported" % key)
        self.match = check_regex(raw["match"]) if "match" in raw else None
        self.begin = check_regex(raw["begin"]) if "begin" in raw else None
        if self.begin is not None:
            if "end" not in raw:
                raise ValueError("begin without end: %r" % raw["begin"])
            if re.search(r"\\[1-9]", re.sub(r"\\\\", "", raw["end"])):
                raise ValueError("back-references in end are not supported")
            self.end = check_regex(raw["end"])
        caps = raw.get("captures", {})
        self.captures = self._caps(caps)
        self.begin_captures = self._caps(raw.get("beginCaptures", caps))
        self.end_captures = self._caps(raw.get("endCaptures", caps))
        self.patterns = raw.get("patterns", [])
        self.include = raw.get("include")

    @staticmethod
    def _caps(caps):
        out = {}
        for k, v in caps.items():
            if "patterns" in v:
                raise ValueError("patterns inside captures are not supported")
            out[int(k)] = v.get("name")
        return out


class Grammar:
    def __init__(self, data):
        if isinstance(data, str):
            with open(data, encoding="utf-8") as f:
                data = json.load(f)
        self.scope = data["scopeName"]
        self.root = _Rule({"patterns": data["patterns"]})
        self.repository = {k: _Rule(v) for k, v in data.get("repository", {}).items()}
        self._expanded = {}
        # Compile and expand everything now: a bad include is an error even
        # when no text reaches it.
        for rule in [self.root] + list(self.repository.values()):
            self._candidates(rule)

    def _resolve(self, raw):
        inc = raw.get("include")
        if inc is None:
            return [_Rule(raw)]
        if inc in ("$self", "$base"):
            return [self.root]
        if inc.startswith("#"):
            if inc[1:] not in self.repository:
                raise ValueError("include of unknown repository item %s" % inc)
            return [self.repository[inc[1:]]]
        raise ValueError("include of another grammar (%s) is not supported" % inc)

    def _candidates(self, rule):
        """The match/begin rules a rule's patterns stand for, includes expanded."""
        key = id(rule)
        if key in self._expanded:
            return self._expanded[key]
        self._expanded[key] = []  # a cycle of includes adds nothing twice
        out, seen = [], set()

        def walk(raws):
            for raw in raws:
                for r in self._resolve(raw) if isinstance(raw, dict) else [raw]:
                    if r.match is not None or r.begin is not None:
                        out.append(r)
                    elif id(r) not in seen:
                        seen.add(id(r))
                        walk(r.patterns)

        if rule.match is None and rule.begin is None:
            seen.add(id(rule))
        walk(rule.patterns)
        self._expanded[key] = out
        return out

    def tokenize(self, text):
        """Yields, per line of text, a list of (start, end, scopes) covering it."""
        stack = []  # the begin/end rules open at this point
        lines = text.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        for line in lines:
            yield self._line(line + "\n", stack)

    def _scopes(self, stack):
        out = [self.scope]
        for rule in stack:
            if rule.name:
                out.append(rule.name)
            if rule.content_name:
                out.append(rule.content_name)
        return out

    def _line(self, line, stack):
        tokens = []
        pos = 0
        cache = {}  # regex -> its leftmost match from an earlier position, or None

        def search(regex):
            if regex in cache:
                m = cache[regex]
                if m is None or m.start() >= pos:
                    return m  # still the leftmost from pos
            m = cache[regex] = regex.search(line, pos)
            return m

        def emit(start, end, scopes):
            if end > start:
                tokens.append((start, end, list(scopes)))

        def emit_match(m, base, names, outer=None):
            """Scopes a match: outer name, then each capture over its span."""
            start, end = m.span()
            scopes = base + ([outer] if outer else [])
            marks = [(start, end, scopes)]
            for group, name in sorted(names.items()):
                if not name or group > (m.re.groups or 0):
                    continue
                gs, ge = m.span(group)
                if gs < 0 or ge <= gs:
                    continue
                new = []
                for s, e, sc in marks:
                    if e <= gs or s >= ge:
                        new.append((s, e, sc))
                        continue
                    if s < gs:
                        new.append((s, gs, sc))
                    new.append((max(s, gs), min(e, ge), sc + [name]))
                    if e > ge:
                        new.append((ge, e, sc))
                marks = new
            for s, e, sc in marks:
                emit(s, e, sc)

        while pos < len(line):
            rule = stack[-1] if stack else self.root
            cands = self._candidates(rule)
            best = None  # (start, order, kind, rule, match)
            if stack:
                m = search(rule.end)
                if m:
                    best = (m.start(), -1, "end", rule, m)
            for order, cand in enumerate(cands):
                regex = cand.match if cand.match is not None else cand.begin
                m = search(regex)
                if m and (best is None or m.start() < best[0]):
                    best = (m.start(), order, "match" if cand.match is not None else "begin", cand, m)
            if best is None:
                emit(pos, len(line), self._scopes(stack))
                break
            start, _, kind, cand, m = best
            emit(pos, start, self._scopes(stack))
            if kind == "end":
                base = self._scopes(stack[:-1])
                emit_match(m, base, cand.end_captures, cand.name)
                stack.pop()
            elif kind == "begin":
                emit_match(m, self._scopes(stack), cand.begin_captures, cand.name)
                stack.append(cand)
            else:
                emit_match(m, self._scopes(stack), cand.captures, cand.name)
            end = m.end()
            if end == start and kind != "begin":
                # an empty match moves nothing: take one character as is
                emit(end, end + 1, self._scopes(stack))
                end += 1
            elif end == start and kind == "begin" and stack[-1].end.match(line, end) and \
                    not stack[-1].end.match(line, end).group(0):
                stack.pop()  # begins and ends on nothing: would loop for ever
                emit(end, end + 1, self._scopes(stack))
                end += 1
            pos = end
        return tokens


def char_scopes(grammar, text):
    """The scopes of every character, line by line: a list of lists of lists."""
    out = []
    for line, tokens in zip(text.split("\n"), grammar.tokenize(text)):
        per = [None] * (len(line) + 1)
        for s, e, sc in tokens:
            for i in range(s, min(e, len(per))):
                per[i] = sc
        out.append(per[:len(line)])
    return out
