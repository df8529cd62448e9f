"""What a rule's matches can begin with, read from its pattern: the engine's prefilter.

:func:`leads` reads a compiled pattern with ``re``'s own parser and works out every way
the first ``k`` characters of a match can look, each character as a class (``[tT]``,
``\\d``, ``\\s``); :func:`lead_pattern` writes them as one regular expression that tests a
text's first ``k`` characters (a "lead"). A rule is then tried only where the text's lead
fits: "the pa" can begin "the past two years", "the pe" ("the people") cannot.

The leads are exact in one direction only, the one that matters: every match begins with
one of them (lookarounds are skipped, a construct not read here ends a lead early, so
the test may let a text through that cannot match, never the reverse). A pattern whose
match may be empty, or that starts with a construct not read, has no leads (None): such a
rule is tried everywhere.

>>> import re
>>> lead_pattern(leads(re.compile(r"(?i:the\\s+)?\\d+"), 3))
'(?:(?-i:[\\\\d])|(?i:[t])(?i:[h])(?i:[e]))'
>>> leads(re.compile(r"\\d*"), 3) is None
True
"""

from __future__ import annotations

import array
import functools
import itertools
import re
import sys

from storylens.compat import parse_regex
from storylens.compat import regex_constants as sre

__all__ = ["Unknown", "class_items", "lead_pattern", "leads", "scan_pattern"]

# A character class of a lead: (ignore case, the class's inside: "t", "\\d", "0-9").
Atom = tuple[bool, str]
Lead = tuple[Atom, ...]
# A lead so far and whether the match may go on after it (False: a construct not read
# ended it, or it is k long).
_Partial = tuple[Lead, bool]

_CATEGORIES = {
    sre.CATEGORY_DIGIT: r"\d",
    sre.CATEGORY_NOT_DIGIT: r"\D",
    sre.CATEGORY_SPACE: r"\s",
    sre.CATEGORY_NOT_SPACE: r"\S",
    sre.CATEGORY_WORD: r"\w",
    sre.CATEGORY_NOT_WORD: r"\W",
}
ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)
REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
UNSUPPORTED_FLAGS = re.ASCII | re.LOCALE


class Unknown(Exception):
    """A construct whose characters are not worked out here."""


def class_items(items, ignorecase: bool) -> list[tuple[bool, str]]:
    """The items of a parsed character class as regex text, each with its case flag;
    :class:`Unknown` for a negated class or an unusual category."""
    out = []
    for op, av in items:
        if op is sre.LITERAL:
            out.append((ignorecase, re.escape(chr(av))))
        elif op is sre.RANGE:
            out.append((ignorecase, f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}"))
        elif op is sre.CATEGORY and av in _CATEGORIES:
            out.append((ignorecase, _CATEGORIES[av]))
        else:  # NEGATE and the rest
            raise Unknown(op)
    return out


def _then(left: set[_Partial], right, k: int) -> set[_Partial]:
    """``left`` followed by what ``right(room)`` gives for the room left in each lead."""
    out = set()
    for lead, more in left:
        if not more:
            out.add((lead, False))
            continue
        for tail, goes_on in right(k - len(lead)):
            joined = lead + tail
            out.add((joined, goes_on and len(joined) < k))
    return out


class _Reader:
    """The leads of parsed pieces, each piece read once per flags and room."""

    def __init__(self) -> None:
        self.memo: dict[tuple[int, int, int], frozenset[_Partial]] = {}
        self.keep: list = []  # the pieces read, so that their ids stay theirs

    def sequence(self, seq, flags: int, k: int) -> frozenset[_Partial]:
        key = (id(seq), flags, k)
        if key not in self.memo:
            self.keep.append(seq)
            found: set[_Partial] = {((), True)}
            for op, av in seq:
                found = _then(found, lambda room, op=op, av=av: self.item(op, av, flags, room), k)
            self.memo[key] = frozenset(found)
        return self.memo[key]

    def item(self, op, av, flags: int, k: int) -> set[_Partial] | frozenset[_Partial]:
        if op in ZERO_WIDTH:
            return {((), True)}
        if op is sre.LITERAL or op is sre.IN:
            ignorecase = bool(flags & re.IGNORECASE)
            try:
                items = class_items([(op, av)] if op is sre.LITERAL else av, ignorecase)
            except Unknown:
                return {((), False)}
            return {(((ignorecase, "".join(text for _, text in items)),), k > 1)}
        if op is sre.BRANCH:
            return set().union(*(self.sequence(b, flags, k) for b in av[1]))
        if op is sre.SUBPATTERN:
            _, add, remove, inner = av
            if (add | remove) & UNSUPPORTED_FLAGS:
                raise Unknown(op)
            return self.sequence(inner, (flags | add) & ~remove, k)
        if op is sre.ATOMIC_GROUP:  # matches a subset of what the plain group matches
            return self.sequence(av, flags, k)
        if op in REPEATS:
            return self.repeat(av, flags, k)
        if op is sre.GROUPREF_EXISTS:  # either branch
            _, yes, no = av
            other = self.sequence(no, flags, k) if no is not None else {((), True)}
            return set(self.sequence(yes, flags, k)) | set(other)
        return {((), False)}  # ANY, NOT_LITERAL, group references ...: the lead ends

    def repeat(self, av, flags: int, k: int) -> set[_Partial]:
        """``item{lo,hi}``: the item once, twice ... until every lead is k long or ended,
        the count reaches ``hi`` or another round adds nothing."""
        lo, hi, item = av
        done: set[_Partial] = {((), True)} if lo == 0 else set()
        going: set[_Partial] = {((), True)}
        count = 0
        while going and count != hi:
            count += 1
            new = _then(going, lambda room: self.sequence(item, flags, room), k)
            done |= new if count >= lo else {p for p in new if not p[1]}
            new_going = {p for p in new if p[1]}
            if new_going == going:
                break
            going = new_going
        return done


def leads(pattern: re.Pattern, k: int) -> frozenset[Lead] | None:
    """Every way a match of ``pattern`` may begin, as classes of its first ``k`` (or
    fewer) characters; None if a match may be empty or begin with a construct not read."""
    if not isinstance(pattern.pattern, str) or pattern.flags & UNSUPPORTED_FLAGS:
        return None
    data, flags = parse_regex(pattern)
    try:
        found = _Reader().sequence(data, flags, k)
    except Unknown:
        return None
    out = frozenset(lead for lead, _ in found)
    return None if () in out else out


def _atom_text(atom: Atom) -> str:
    return f"(?{'i' if atom[0] else '-i'}:[{atom[1]}])"


def lead_pattern(found: frozenset[Lead]) -> str:
    """The leads as one regular expression, factored as a tree (a shared start once); a
    lead that begins a longer one stands for both."""
    tree: dict = {}
    for lead in sorted(found, key=len):
        node = tree
        for atom in lead:
            if None in node:
                break
            node = node.setdefault(atom, {})
        else:
            node.clear()
            node[None] = {}

    def text(node: dict) -> str:
        if None in node:
            return ""
        alternatives = [_atom_text(atom) + text(child) for atom, child in sorted(node.items())]
        return alternatives[0] if len(alternatives) == 1 else f"(?:{'|'.join(alternatives)})"

    return text(tree)


@functools.cache
def _every_character() -> str:
    """Every code point once (surrogates too), to list the characters a class matches."""
    code = next(t for t in "IL" if array.array(t).itemsize == 4)
    points = array.array(code, range(sys.maxunicode + 1)).tobytes()
    return points.decode(f"utf-32-{'le' if sys.byteorder == 'little' else 'be'}", "surrogatepass")


def scan_pattern(found: frozenset[Lead], *, most: int = 512) -> str | None:
    """A pattern whose search stops at every position where one of the leads ``found``
    may begin (and at few others), for rules whose matches may begin anywhere: one class
    of the leads' first characters, each listed (re then skips every other character
    without trying the pattern: it cannot when the class ignores case), then a lookahead
    for the rest of any lead. None when the first characters are more than ``most``.

    >>> scan_pattern(leads(re.compile(r"(?i:x)\\d"), 2))
    '[Xx](?=(?-i:[\\\\d]))'
    """
    classes = "|".join(_atom_text(atom) for atom in sorted({lead[0] for lead in found}))
    found_chars = re.finditer(classes, _every_character())
    chars = sorted({m[0] for m in itertools.islice(found_chars, most + 1)})
    if len(chars) > most:
        return None
    rest = lead_pattern(frozenset(lead[1:] for lead in found))
    return f"[{''.join(map(re.escape, chars))}]" + (f"(?={rest})" if rest else "")
