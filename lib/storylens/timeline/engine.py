"""The rule engine: language-free. It runs compiled rules over a text, settles overlapping
matches and hands each chosen match to its rule's normaliser.

A :class:`Rule` is a named pattern with a normaliser, an optional *accept* test and
optional trigger strings (one of which must occur in the lower-cased text for the rule to
run at all: a cheap test that skips most rules on most sentences). The words of a language
live in the rules' resources, never here.

>>> import re
>>> rules = [Rule("num", re.compile(r"\\d+"), normalise=None),
...          Rule("pair", re.compile(r"\\d+ \\d+"), normalise=None, triggers=(" ",))]
>>> [(s, e, rules[i].name) for s, e, i, _ in select(candidates("a 12 34 b", rules))]
[(2, 7, 'pair')]
"""

from __future__ import annotations

import dataclasses
import re
import re._constants as sre
import re._parser as sre_parse
from collections.abc import Callable, Sequence

from storylens.timeline.leads import (
    REPEATS,
    UNSUPPORTED_FLAGS,
    ZERO_WIDTH,
    Unknown,
    class_items,
    lead_pattern,
    leads,
    scan_pattern,
)

__all__ = ["Candidate", "Rule", "candidates", "select"]

Accept = Callable[[re.Match, str], bool]
# Where a rule's matches may start, unless the rule says otherwise: at the start of a word.
# The engine then rejects most positions with one test (2-3 times faster a pass).
WORD_START = r"\b(?=\w)"
# How many characters of a word start the engine reads to choose the rules to try there
# (see :mod:`storylens.timeline.leads`): 5 leaves about 1 try in 17 of 1 in 1.
LEAD_LENGTH = 5


@dataclasses.dataclass(frozen=True)
class Rule:
    """One rule: ``pattern`` proposes spans, ``accept(match, text)`` may reject one,
    ``normalise(match, anchors, start, end)`` reads the chosen ones. ``starts`` is a
    lookahead for where a match may begin; ``example`` documents the rule."""

    name: str
    pattern: re.Pattern
    normalise: Callable | None
    accept: Accept | None = None
    triggers: tuple[str, ...] | None = None
    starts: str = WORD_START
    example: dict | None = None
    fast: re.Pattern = dataclasses.field(init=False, repr=False, compare=False)
    # The class of a match's first character, when matches start at a word start and
    # that class is known (see :func:`candidates`); else None.
    first: re.Pattern | None = dataclasses.field(init=False, repr=False, compare=False)
    # What the first LEAD_LENGTH characters of a match may be, as a pattern, when matches
    # start at a word start and that is known (see :mod:`storylens.timeline.leads`).
    lead: str | None = dataclasses.field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        first = first_chars(self.pattern)
        guard = "" if first is None else f"(?={first})"
        fast = re.compile(f"{guard}{self.starts}(?:{self.pattern.pattern})", self.pattern.flags)
        object.__setattr__(self, "fast", fast)
        at_words = first is not None and self.starts == WORD_START
        object.__setattr__(self, "first", re.compile(first) if at_words else None)
        found = leads(self.pattern, LEAD_LENGTH) if at_words else None
        object.__setattr__(self, "lead", None if found is None else lead_pattern(found))


# The first character of a match, read from the parsed pattern (re's own parser). A
# pattern whose matches all start with a character of a small set is only tried where
# one stands: "(?=[0-9])" rejects a position with one test, where the engine would try
# every alternative of the pattern there. Only a set known for certain is used.
def _first(sequence, flags: int) -> tuple[list[tuple[bool, str]], bool]:
    """The class items a match of ``sequence`` may start with, and whether it may be empty."""
    found: list[tuple[bool, str]] = []
    for op, av in sequence:
        ignorecase = bool(flags & re.IGNORECASE)
        if op in ZERO_WIDTH:
            continue
        if op is sre.LITERAL or op is sre.IN:
            return found + class_items([(op, av)] if op is sre.LITERAL else av, ignorecase), False
        if op is sre.BRANCH:
            nullable = False
            for branch in av[1]:
                items, empty = _first(branch, flags)
                found, nullable = found + items, nullable or empty
        elif op is sre.SUBPATTERN:
            _, add, remove, inner = av
            if (add | remove) & UNSUPPORTED_FLAGS:
                raise Unknown(op)
            items, nullable = _first(inner, (flags | add) & ~remove)
            found += items
        elif op in REPEATS:
            items, empty = _first(av[2], flags)
            found, nullable = found + items, empty or av[0] == 0
        elif op is sre.ATOMIC_GROUP:
            items, nullable = _first(av, flags)
            found += items
        else:  # ANY, NOT_LITERAL, group references ...
            raise Unknown(op)
        if not nullable:
            return found, False
    return found, True


def first_chars(pattern: re.Pattern) -> str | None:
    """A character class holding the first character of every match of ``pattern``
    (``(?-i:[0-9])``, ``(?i:[tl])``), or None when a match may be empty or the pattern
    has a construct this does not read.

    >>> first_chars(re.compile(r"(?<!\\d)(?:the\\s+)?\\d+")), first_chars(re.compile(r".+"))
    ('(?-i:[t\\\\d])', None)
    """
    if not isinstance(pattern.pattern, str) or pattern.flags & UNSUPPORTED_FLAGS:
        return None
    try:
        parsed = sre_parse.parse(pattern.pattern, pattern.flags)
        items, empty = _first(parsed, parsed.state.flags)
    except Unknown:
        return None
    if empty or not items:
        return None
    classes = []
    for ignorecase in (False, True):
        chars = "".join(dict.fromkeys(text for ic, text in items if ic is ignorecase))
        if chars:
            classes.append(f"(?{'i' if ignorecase else '-i'}:[{chars}])")
    return "|".join(classes) if len(classes) > 1 else classes[0]


# (start, end, rule index, match)
Candidate = tuple[int, int, int, re.Match]

# The text's next LEAD_LENGTH characters at each word start: "at noo" gives "at no" and
# "t noo", nothing (no word starts at "t"). Each match takes in its word, so the search
# goes on from the word's end (a third faster than testing ``\b`` at every character).
# ``_WORD_AT`` tests one position.
_LEAD_AT = re.compile(rf"(?=(\w.{{0,{LEAD_LENGTH - 1}}}))\w+", re.DOTALL)
_WORD_AT = re.compile(WORD_START)


class _RulesByLead(dict):
    """For a sequence of rules: a text's lead (5 characters at a word start) -> the
    indices of the rules whose matches may begin so, worked out the first time a lead is
    seen, for every rule with a :attr:`Rule.lead` at once (one pattern, a group each)."""

    LIMIT = 1 << 16  # leads kept (about 10 MB at most); then it starts again

    def __init__(self, rules: Sequence[Rule]) -> None:
        super().__init__()
        self.rules = tuple(rules)  # holds them, so that their ids stay theirs
        self.indices = [i for i, r in enumerate(rules) if r.lead is not None]
        groups = "".join(f"(?=({rules[i].lead})|)" for i in self.indices)
        self.test = re.compile(groups, re.DOTALL)
        # The other rules' scans (see :func:`_scan`), where they have one.
        scans = {i: _scan(r) for i, r in enumerate(rules) if r.lead is None}
        self.scans = {i: scan for i, scan in scans.items() if scan is not None}

    def __missing__(self, lead: str) -> tuple[int, ...]:
        if len(self) >= self.LIMIT:
            self.clear()
        groups = self.test.match(lead).groups()
        found = tuple(i for i, g in zip(self.indices, groups, strict=True) if g is not None)
        self[lead] = found
        return found


def _scan(rule: Rule) -> re.Pattern | None:
    """For a rule whose matches need not start at a word start: a pattern whose search
    stops at every place a match may start (:func:`storylens.timeline.leads.scan_pattern`),
    or None."""
    plain = re.compile(f"{rule.starts}(?:{rule.pattern.pattern})", rule.pattern.flags)
    found = leads(plain, LEAD_LENGTH)
    scan = None if found is None else scan_pattern(found)
    return None if scan is None else re.compile(scan)


_BY_LEAD: dict[tuple[int, ...], _RulesByLead] = {}


def _by_lead(rules: Sequence[Rule]) -> _RulesByLead:
    """The :class:`_RulesByLead` of ``rules`` (made once per sequence of rule objects)."""
    key = tuple(map(id, rules))
    found = _BY_LEAD.get(key)
    if found is None:
        if len(_BY_LEAD) >= 64:
            _BY_LEAD.clear()
        found = _BY_LEAD[key] = _RulesByLead(rules)
    return found


def _starts_by_rule(text: str, by_lead: _RulesByLead) -> dict[int, list[int]]:
    """Where each rule with a lead may match: the word starts whose lead fits its own, in
    text order. Only the word starts that fit some rule's lead reach Python code."""
    leads_at = _LEAD_AT.findall(text)
    starts: dict[int, list[int]] = {}
    at = -1
    for lead, indices in zip(leads_at, map(by_lead.__getitem__, leads_at), strict=True):
        if not indices:
            continue
        # The next word start with this lead is this one: one between would fit too.
        at = text.find(lead, at + 1)
        while _WORD_AT.match(text, at) is None:
            at = text.find(lead, at + 1)
        for i in indices:
            starts.setdefault(i, []).append(at)
    return starts


def _matches_at(rule: Rule, text: str, positions: Sequence[int]) -> list[re.Match] | None:
    """``rule.fast.finditer(text)`` as a list, with the pattern tried only at
    ``positions`` (in text order), the only places it can match: the same matches,
    without the regex engine testing every other position. None if a match is empty
    (then finditer's own handling of it applies)."""
    found, last, match = [], 0, rule.fast.match
    for p in positions:
        if p < last:
            continue
        m = match(text, p)
        if m is not None:
            if m.end() == p:
                return None
            found.append(m)
            last = m.end()
    return found


class _Triggers:
    """Whether a rule runs on a text: it has no triggers, or one occurs in the lower-cased
    text (tested when first asked, and once for rules that share their triggers)."""

    def __init__(self, text: str) -> None:
        self.lower = text.lower()
        self.told: dict[tuple[str, ...], bool] = {}

    def __call__(self, rule: Rule) -> bool:
        triggers = rule.triggers
        if triggers is None:
            return True
        found = self.told.get(triggers)
        if found is None:
            found = self.told[triggers] = any(t in self.lower for t in triggers)
        return found


def _lead_matches(rule: Rule, text: str, at: list[int] | None, runs: _Triggers):
    """:func:`_matches_at` for a rule that runs (see :class:`_Triggers`), [] for one that
    does not. Its triggers are looked for first where that is the cheaper test (fewer
    triggers than places to try), else only once it has found a match."""
    if not at:
        return []
    if rule.triggers is None or len(at) > len(rule.triggers):
        return _matches_at(rule, text, at) if runs(rule) else []
    found = _matches_at(rule, text, at)
    return found if found != [] and runs(rule) else []


def candidates(text: str, rules: Sequence[Rule]) -> list[Candidate]:
    """Every accepted, non-empty match of every rule whose triggers occur in ``text``. A
    rule with a lead is tried only at the word starts that fit it (and its triggers are
    looked for only when it may match)."""
    out = []
    runs = _Triggers(text)
    by_lead = _by_lead(rules)
    starts = _starts_by_rule(text, by_lead) if by_lead.indices else {}
    for i, rule in enumerate(rules):
        if rule.lead is not None:
            found = _lead_matches(rule, text, starts.get(i), runs)
        elif not runs(rule):
            found = []
        elif i in by_lead.scans:
            found = _matches_at(rule, text, [m.start() for m in by_lead.scans[i].finditer(text)])
        else:
            found = None
        for m in rule.fast.finditer(text) if found is None else found:
            if m.end() == m.start():
                continue
            if rule.accept is not None and not rule.accept(m, text):
                continue
            out.append((m.start(), m.end(), i, m))
    return out


def select(cands: list[Candidate]) -> list[Candidate]:
    """Longest first, then leftmost, then rule order; no two chosen spans overlap. In
    text order."""
    chosen: list[Candidate] = []
    for c in sorted(cands, key=lambda c: (c[0] - c[1], c[0], c[2])):
        if all(c[1] <= o[0] or c[0] >= o[1] for o in chosen):
            chosen.append(c)
    chosen.sort()
    return chosen
