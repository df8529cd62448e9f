"""Tests for storylens.timeline.engine: the language-free rule runner."""

from __future__ import annotations

import re

import pytest

from storylens.timeline.engine import Rule, candidates, first_chars, select
from storylens.timeline.rules import RULES

DIGITS = Rule("digits", re.compile(r"\d+"), normalise=None)
PAIR = Rule("pair", re.compile(r"\d+ \d+"), normalise=None, triggers=(" ",))
EVEN = Rule("even", re.compile(r"\d+"), normalise=None, accept=lambda m, t: int(m[0]) % 2 == 0)


def spans(text, rules):
    return [(s, e, rules[i].name) for s, e, i, _ in select(candidates(text, rules))]


def test_the_longest_span_wins_then_the_earlier_rule():
    assert spans("a 12 34 b", [DIGITS, PAIR]) == [(2, 7, "pair")]
    assert spans("a 12 b", [DIGITS, EVEN]) == [(2, 4, "digits")]
    assert spans("a 12 b", [EVEN, DIGITS]) == [(2, 4, "even")]


def test_a_rule_without_its_trigger_does_not_run():
    assert spans("a12b34", [PAIR]) == []


def test_accept_rejects_a_match():
    assert spans("7 8", [EVEN]) == [(2, 3, "even")]


def test_matches_start_at_a_word_unless_the_rule_says_otherwise():
    assert spans("x12", [DIGITS]) == []
    anywhere = Rule("anywhere", re.compile(r"\d+"), normalise=None, starts="")
    assert spans("x12", [anywhere]) == [(1, 3, "anywhere")]


def test_no_english_in_the_engine():
    """The engine holds no words of a language: they live in the rules' resources."""
    from pathlib import Path

    import storylens.timeline.engine as engine

    code = Path(engine.__file__).read_text(encoding="utf-8").split('"""', 2)[2]
    lines = [ln for ln in code.splitlines() if not ln.strip().startswith("#")]
    for word in ("month", "year", "week", "today", "january", "monday"):
        assert not any(re.search(rf'"[^"]*\b{word}\b', ln, re.I) for ln in lines), word


@pytest.mark.parametrize(
    "pattern, first",
    [
        (r"(?<![\d-])(?:1[5-9]|20)\d\d", "(?-i:[12])"),
        (r"(?i:(?:the\s+)?week)", "(?i:[tw])"),
        (r"(?:(?<=and\s)|(?<=or\s))\d+", r"(?-i:[\d])"),
        (r"(?:(?P<m>May|June),?\s+)?(?i:\d+)", r"(?-i:[MJ])|(?i:[\d])"),
        (r".+", None),  # any character
        (r"[^a]b", None),  # a negated class
        (r"a?", None),  # may be empty
        (r"(a)\1", "(?-i:[a])"),
        (r"(?a:\w)x", None),  # ASCII categories
    ],
)
def test_first_chars(pattern, first):
    assert first_chars(re.compile(pattern)) == first


def _matches(pattern: re.Pattern, text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in pattern.finditer(text)]


def test_the_first_character_guard_keeps_every_match(seeds):
    """Every rule finds the same matches with and without the guard, in every seed
    article, each rule's example and text with non-ASCII digits and case folds."""
    texts = [*seeds.documents["text"], *(r.example["text"] for r in RULES if r.example)]
    texts += [
        "In \uff12\uff10\uff12\uff14 and \u0662\u0660\u0662\u0664, \u212aelvin and \u017fpring, \u0130n May.",
        "Q1 2025, H2, at 10:30 p.m. on 3/4/2025, the 1990s and \u201990s, the 21st century.",
    ]
    for rule in RULES:
        plain = re.compile(f"{rule.starts}(?:{rule.pattern.pattern})", rule.pattern.flags)
        for text in texts:
            assert _matches(rule.fast, text) == _matches(plain, text), (rule.name, text[:60])


def plain_candidates(text, rules):
    """candidates as first written: every rule's pattern run over the whole text."""
    out, lower = [], text.lower()
    for i, rule in enumerate(rules):
        if rule.triggers is not None and not any(t in lower for t in rule.triggers):
            continue
        for m in rule.fast.finditer(text):
            if m.end() > m.start() and (rule.accept is None or rule.accept(m, text)):
                out.append((m.start(), m.end(), i, m))
    return out


def _found(cands):
    return sorted((s, e, i, m.group(), m.groupdict().__repr__()) for s, e, i, m in cands)


@pytest.mark.parametrize(
    "text",
    [
        "a 12 34 b",
        "x12 and 12x, 1234 5678",
        "On Monday, Feb. 17, 2025, at 10 a.m. he spoke; in the 1990s and ’90s, mid-2014.",
        "Last week and three years ago, the 2024-25 season: 5/6/2024 or 2025-02-21T10:30.",
        "",
        "   ",
    ],
)
def test_candidates_as_every_pattern_over_the_whole_text(text):
    assert _found(candidates(text, RULES)) == _found(plain_candidates(text, RULES))
    for rules in ([DIGITS, PAIR, EVEN], [Rule("any", re.compile(r"\d*"), normalise=None)]):
        assert _found(candidates(text, rules)) == _found(plain_candidates(text, rules))


def test_candidates_as_every_pattern_over_the_seeds(seeds):
    texts = list(seeds.documents["text"])
    found = [_found(candidates(t, RULES)) for t in texts]
    assert found == [_found(plain_candidates(t, RULES)) for t in texts]
    assert sum(map(len, found)) > 30  # the seeds have dates to find
    assert [r.name for r in RULES if r.first is None] == ["decade"]  # its own starts
