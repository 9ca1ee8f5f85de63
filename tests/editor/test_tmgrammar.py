#!/usr/bin/env python3
"""tmgrammar.py's own checks: the rules it follows and the regexes it refuses."""
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tmgrammar  # noqa: E402

G = {
    "scopeName": "source.t",
    "patterns": [{"include": "#str"}, {"match": "(a)(b)?", "name": "ab.t",
                                        "captures": {"1": {"name": "a.t"}}},
                 {"match": "ax", "name": "ax.t"}],
    "repository": {"str": {"begin": "\"", "end": "\"|$", "name": "s.t",
                           "patterns": [{"match": "\\\\.", "name": "e.t"}, {"include": "$self"}]}},
}


def scopes(text):
    return [[sc[-1] if sc else None for sc in line]
            for line in tmgrammar.char_scopes(tmgrammar.Grammar(G), text)]


class Tokenizer(unittest.TestCase):
    def test_earliest_match_then_first_pattern(self):
        # "(a)(b)?" and "ax" both start at 0: the first pattern wins
        self.assertEqual(scopes("ax"), [["a.t", "source.t"]])

    def test_captures_inside_name(self):
        self.assertEqual(scopes("ab"), [["a.t", "ab.t"]])

    def test_begin_end_with_patterns_and_self(self):
        self.assertEqual(scopes('x"\\"a"b'), [["source.t", "s.t", "e.t", "e.t", "a.t", "s.t",
                                                 "source.t"]])

    def test_end_at_end_of_line(self):
        self.assertEqual(scopes('"q\nb'), [["s.t", "s.t"], ["source.t"]])


class Subset(unittest.TestCase):
    def test_refused(self):
        for rx in [r"\h+", r"(?<name>a)", r"(?>a)", r"a*+", r"\d", r"(?i:a)", r"[[:alpha:]]",
                   r"\Ga", r"\p{Alpha}"]:
            with self.assertRaises(ValueError, msg=rx):
                tmgrammar.check_regex(rx)

    def test_accepted(self):
        for rx in [r"[*+-]", r"(?<![A-Za-z])x\"", r"\\d", r"(?:a|b)(?=c)", r"[0-9]{2}"]:
            tmgrammar.check_regex(rx)

    def test_unknown_include(self):
        with self.assertRaises(ValueError):
            tmgrammar.Grammar({"scopeName": "s", "patterns": [{"include": "#nope"}]})


if __name__ == "__main__":
    unittest.main()
