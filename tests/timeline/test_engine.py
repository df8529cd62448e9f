"""Tests for storylens.timeline.engine: the language-free rule runner."""

from __future__ import annotations

import re

from storylens.timeline.engine import Rule, candidates, select

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
