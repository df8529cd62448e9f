"""Tests for storylens.timeline.leads: what a rule's matches can begin with, and the
engine's prefilter built from it (a rule is tried only where the text's lead fits)."""

from __future__ import annotations

import dataclasses
import re

import pytest

from storylens.timeline import engine
from storylens.timeline.engine import LEAD_LENGTH, WORD_START, Rule, candidates
from storylens.timeline.leads import lead_pattern, leads
from storylens.timeline.rules import RULES

from .test_engine import _found, plain_candidates

D, TI = (False, r"\d"), (True, "t")


@pytest.mark.parametrize(
    "pattern, k, expected",
    [
        (r"\d+", 2, {(D,), (D, D)}),
        (r"(?i:the\s+)?\d+", 2, {(D,), (D, D), (TI, (True, "h"))}),
        (r"May|June", 2, {((False, "M"), (False, "a")), ((False, "J"), (False, "u"))}),
        (r"(?<=x)a\b(?=b)", 3, {((False, "a"),)}),  # lookarounds are skipped
        (r"ab", 5, {((False, "a"), (False, "b"))}),  # a match shorter than k
        (r"a.b", 3, {((False, "a"),)}),  # "." ends the lead
        (r"(a)\1", 2, {((False, "a"),)}),  # and so does a group reference
        (r"(?>ab|a)c", 2, {((False, "a"), (False, "b")), ((False, "a"), (False, "c"))}),
        # a condition is not followed: either branch may come (more leads, never fewer)
        (
            r"(a)?(?(1)b|c)",
            2,
            {
                ((False, "a"), (False, "b")),
                ((False, "a"), (False, "c")),
                ((False, "b"),),
                ((False, "c"),),
            },
        ),  # fmt: skip
        (
            r"(?:a?)*b",
            2,
            {((False, "b"),), ((False, "a"), (False, "a")), ((False, "a"), (False, "b"))},
        ),  # fmt: skip
        (r"a{3,}", 2, {((False, "a"), (False, "a"))}),
        (r"[0-9x]", 1, {((False, "0-9x"),)}),
        (r"a?", 3, None),  # may be empty
        (r".a", 3, None),  # starts with any character
        (r"[^a]b", 3, None),  # a negated class
        (r"(?a:\w)x", 3, None),  # ASCII categories
    ],
)
def test_leads(pattern, k, expected):
    found = leads(re.compile(pattern), k)
    assert (None if found is None else set(found)) == expected


def test_lead_pattern_is_a_tree_and_a_short_lead_stands_for_longer_ones():
    assert lead_pattern(leads(re.compile(r"May|Mar|M\d"), 2)) == (
        r"(?-i:[M])(?:(?-i:[\d])|(?-i:[a]))"
    )
    assert lead_pattern(frozenset({(D,), (D, TI)})) == r"(?-i:[\d])"


def test_the_leads_of_a_rule_let_its_matches_through():
    lead = re.compile(next(r for r in RULES if r.name == "duration").lead)
    assert lead.match("the past two years"[:LEAD_LENGTH])
    assert lead.match("12 months"[:LEAD_LENGTH])
    assert not lead.match("the government"[:LEAD_LENGTH])
    assert not lead.match("12 people"[:LEAD_LENGTH])


ODD_TEXTS = [
    "In \uff12\uff10\uff12\uff14 and \u0662\u0660\u0662\u0664, \u212aelvin and \u017fpring, \u0130n May.",
    "Q1 2025, H2, at 10:30 p.m. on 3/4/2025, the 1990s and \u201990s, the 21st century.",
    "THE PAST TWO YEARS, the\npast\ttwo\u00a0years, mid-2014, pre-1990, FY2024, 5 p.m.",
    "Last week and three years ago, the 2024-25 season: 5/6/2024 or 2025-02-21T10:30.",
    "on Christmas Eve, New Year\u2019s Day, in Ramadan, the 7th of December, noon.",
    "two and a half years, a decade or so ago, 20 or 30 years, the 1800s, 9:00",
]


@pytest.fixture(scope="module")
def sample(seeds) -> list[str]:
    texts = [*seeds.documents["text"], *(r.example["text"] for r in RULES if r.example)]
    texts += ODD_TEXTS
    return texts + [t.upper() for t in texts] + [t.swapcase() for t in texts]


_SCANS: dict[str, re.Pattern] = {}


def _where_tried(rule: Rule, text: str) -> tuple[range | list[int], set[int]]:
    """The places of ``text`` where ``rule`` may match (word starts, or every position for
    a rule with its own starts) and those the engine tries it at (its lead or scan)."""
    if rule.lead is None:
        if rule.name not in _SCANS:
            _SCANS[rule.name] = engine._scan(rule)
        scan = _SCANS[rule.name]
        return range(len(text) + 1), {m.start() for m in scan.finditer(text)}
    lead = re.compile(rule.lead)
    starts = [w.start() for w in re.finditer(WORD_START, text)]
    return starts, {p for p in starts if lead.match(text[p : p + LEAD_LENGTH])}


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_every_match_at_every_place_is_tried(rule, sample):
    """For every rule, at every place of a varied sample where its pattern matches (not
    only where the whole-text scan's matches fall), the engine tries the rule: the
    prefilter never drops a match. And the engine finds the same matches as the scan over
    the whole text, with or without the rule's triggers."""
    plain = re.compile(f"{rule.starts}(?:{rule.pattern.pattern})", rule.pattern.flags)
    assert (rule.lead is None) == (rule.starts != WORD_START)  # "decade" has its own
    tested = 0
    for text in sample:
        places, tried = _where_tried(rule, text)
        for p in places:
            m = plain.match(text, p)
            if m is not None and m.end() > m.start():
                assert p in tried, (rule.name, m[0])
                tested += 1
    assert tested > 0, rule.name
    for variant in (rule, dataclasses.replace(rule, triggers=None)):
        for text in sample:
            found = _found(candidates(text, [variant]))
            assert found == _found(plain_candidates(text, [variant])), (rule.name, text[:60])


@pytest.mark.parametrize(
    "pattern, text",
    [
        (r"(?i:\u212a)elvin", "Scales: kelvin, KELVIN and \u212aelvin."),  # Kelvin sign
        (r"(?i:s)pring", "In \u017fpring"),  # long s folds with s
        (r"\uff12\d+", "In \uff12\uff10\uff12\uff14"),  # full-width digits
        (r"\d{4}", "\u0662\u0660\u0662\u0664 and 1990"),  # Arabic-Indic digits
        (r"(?i:\u01c4)ab", "\u01c6ab, \u01c5ab and \u01c4AB"),  # title-case digraph
        (r"(?i:\u00df)+e", "stra\u00dfe \u00dfe \u1e9ee"),  # sharp s, capital sharp s
        (r"(?i:\u0130)stanbul", "\u0130stanbul, istanbul"),
        (r"(?>ab|a)c", "ac and abc"),  # atomic group
        (r"a*+b", "aab and b"),  # possessive repeat
        (r"(a)?(?(1)b|c)d", "abd and cd"),  # conditional
        (r"(\w)\1x", "aax and bbx"),  # group reference
        (r".x", "ax, bx"),  # any character: no lead, the rule runs everywhere
        (r"[^ab]c", "cc, dc"),  # negated class: likewise
        (r"\w{2}\b", "ab, x"),
        (r"ab", "ab"),  # a match at the very end, shorter than the lead
    ],
)
@pytest.mark.parametrize("starts", [WORD_START, "", r"(?=\S)"])
def test_a_new_rule_with_unusual_first_characters_is_still_found(pattern, text, starts):
    """At word starts (the rule's lead) or anywhere (its scan), mid-word too ("x" before)."""
    rule = Rule("new", re.compile(pattern), normalise=None, starts=starts)
    for variant in (text, f"x{text}x"):
        found = _found(candidates(variant, [rule]))
        assert found == _found(plain_candidates(variant, [rule]))
    assert _found(candidates(text, [rule])), pattern  # the text has a match to find


def test_the_same_matches_when_the_leads_seen_start_again(seeds, monkeypatch):
    texts = [*seeds.documents["text"], *ODD_TEXTS]
    before = [_found(candidates(t, RULES)) for t in texts]
    monkeypatch.setattr(engine._RulesByLead, "LIMIT", 3)
    monkeypatch.setattr(engine, "_BY_LEAD", {})
    assert [_found(candidates(t, RULES)) for t in texts] == before
    assert len(engine._by_lead(RULES)) <= 3
