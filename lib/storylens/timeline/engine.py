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
from collections.abc import Callable, Sequence

__all__ = ["Candidate", "Rule", "candidates", "select"]

Accept = Callable[[re.Match, str], bool]
# Where a rule's matches may start, unless the rule says otherwise: at the start of a word.
# The engine then rejects most positions with one test (2-3 times faster a pass).
WORD_START = r"\b(?=\w)"


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

    def __post_init__(self) -> None:
        fast = re.compile(f"{self.starts}(?:{self.pattern.pattern})", self.pattern.flags)
        object.__setattr__(self, "fast", fast)


# (start, end, rule index, match)
Candidate = tuple[int, int, int, re.Match]


def candidates(text: str, rules: Sequence[Rule]) -> list[Candidate]:
    """Every accepted, non-empty match of every rule whose triggers occur in ``text``."""
    out = []
    lower = text.lower()
    for i, rule in enumerate(rules):
        if rule.triggers is not None and not any(t in lower for t in rule.triggers):
            continue
        for m in rule.fast.finditer(text):
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
