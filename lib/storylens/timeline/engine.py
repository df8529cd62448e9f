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
import functools
import itertools
import re
import re._constants as sre
import re._parser as sre_parse
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
    # The class of a match's first character, when matches start at a word start and
    # that class is known (see :func:`candidates`); else None.
    first: re.Pattern | None = dataclasses.field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        first = first_chars(self.pattern)
        guard = "" if first is None else f"(?={first})"
        fast = re.compile(f"{guard}{self.starts}(?:{self.pattern.pattern})", self.pattern.flags)
        object.__setattr__(self, "fast", fast)
        at_words = first is not None and self.starts == WORD_START
        object.__setattr__(self, "first", re.compile(first) if at_words else None)


# The first character of a match, read from the parsed pattern (re's own parser). A
# pattern whose matches all start with a character of a small set is only tried where
# one stands: "(?=[0-9])" rejects a position with one test, where the engine would try
# every alternative of the pattern there. Only a set known for certain is used.
_CATEGORIES = {
    sre.CATEGORY_DIGIT: r"\d",
    sre.CATEGORY_NOT_DIGIT: r"\D",
    sre.CATEGORY_SPACE: r"\s",
    sre.CATEGORY_NOT_SPACE: r"\S",
    sre.CATEGORY_WORD: r"\w",
    sre.CATEGORY_NOT_WORD: r"\W",
}
_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
_UNSUPPORTED_FLAGS = re.ASCII | re.LOCALE


class _Unknown(Exception):
    """A construct whose first characters :func:`first_chars` does not work out."""


def _class_items(items, ignorecase: bool) -> list[tuple[bool, str]]:
    out = []
    for op, av in items:
        if op is sre.LITERAL:
            out.append((ignorecase, re.escape(chr(av))))
        elif op is sre.RANGE:
            out.append((ignorecase, f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}"))
        elif op is sre.CATEGORY and av in _CATEGORIES:
            out.append((ignorecase, _CATEGORIES[av]))
        else:  # NEGATE and the rest
            raise _Unknown(op)
    return out


def _first(sequence, flags: int) -> tuple[list[tuple[bool, str]], bool]:
    """The class items a match of ``sequence`` may start with, and whether it may be empty."""
    found: list[tuple[bool, str]] = []
    for op, av in sequence:
        ignorecase = bool(flags & re.IGNORECASE)
        if op in _ZERO_WIDTH:
            continue
        if op is sre.LITERAL or op is sre.IN:
            return found + _class_items([(op, av)] if op is sre.LITERAL else av, ignorecase), False
        if op is sre.BRANCH:
            nullable = False
            for branch in av[1]:
                items, empty = _first(branch, flags)
                found, nullable = found + items, nullable or empty
        elif op is sre.SUBPATTERN:
            _, add, remove, inner = av
            if (add | remove) & _UNSUPPORTED_FLAGS:
                raise _Unknown(op)
            items, nullable = _first(inner, (flags | add) & ~remove)
            found += items
        elif op in _REPEATS:
            items, empty = _first(av[2], flags)
            found, nullable = found + items, empty or av[0] == 0
        elif op is sre.ATOMIC_GROUP:
            items, nullable = _first(av, flags)
            found += items
        else:  # ANY, NOT_LITERAL, group references ...
            raise _Unknown(op)
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
    if not isinstance(pattern.pattern, str) or pattern.flags & _UNSUPPORTED_FLAGS:
        return None
    try:
        parsed = sre_parse.parse(pattern.pattern, pattern.flags)
        items, empty = _first(parsed, parsed.state.flags)
    except _Unknown:
        return None
    if empty or not items:
        return None
    classes = []
    for ignorecase in (False, True):
        chars = "".join(dict.fromkeys(text for ic, text in items if ic is ignorecase))
        if chars:
            classes.append(f"(?{'i' if ignorecase else '-i'}:[{chars}])")
    return "|".join(classes) if len(classes) > 1 else classes[0]


_chain = itertools.chain.from_iterable

# (start, end, rule index, match)
Candidate = tuple[int, int, int, re.Match]


# The start of a word and its first character: "a" of "at" (accepts); "t" of "at" (rejects).
_WORD_START = re.compile(r"\b\w")


def _word_starts(text: str) -> dict[str, list[int]]:
    """Where each word of ``text`` starts, by its first character."""
    starts: dict[str, list[int]] = {}
    for m in _WORD_START.finditer(text):
        starts.setdefault(m.group(), []).append(m.start())
    return starts


@functools.lru_cache(maxsize=1 << 16)
def _opens(first: re.Pattern, char: str) -> bool:
    """Whether a match may start with ``char`` (a rule's first-character class)."""
    return first.match(char) is not None


def _matches_at(rule: Rule, text: str, starts: dict[str, list[int]]) -> list[re.Match] | None:
    """``rule.fast.finditer(text)`` as a list, with the pattern tried only where a word
    starts with a character of ``rule.first``, the only places it can match: the same
    matches, without the regex engine testing every other position. None if a match is
    empty (then finditer's own handling of it applies)."""
    first = rule.first
    positions = sorted(_chain([at for c, at in starts.items() if _opens(first, c)]))
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


def candidates(text: str, rules: Sequence[Rule]) -> list[Candidate]:
    """Every accepted, non-empty match of every rule whose triggers occur in ``text``."""
    out = []
    lower = text.lower()
    starts = _word_starts(text) if any(r.first is not None for r in rules) else {}
    for i, rule in enumerate(rules):
        if rule.triggers is not None and not any(t in lower for t in rule.triggers):
            continue
        found = _matches_at(rule, text, starts) if rule.first is not None else None
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
