"""The English words the analyses share, each concept written once.

The words live in ``data/lexicon.yaml`` (its header says what each list is); this module
reads them once and offers them as mappings and as regular-expression pieces, so that
the corpus loader, the timeline, the figures and the actor rules all read one list of
month names, number words, qualifiers and speech verbs.

>>> months()["sept"], weekdays()["thu"], cardinals()["ninety"], scales()["million"]
(9, 4, 90, 1000000)
>>> qualifiers()["up to"], qualifiers(after=True)["or more"]
('upper_inclusive', 'lower_inclusive')
>>> [bool(re.fullmatch(month_pattern(), w, re.I)) for w in ("Sept.", "Mayor")]
[True, False]
>>> parse_full_date(FULL_DATE.search("on Feb. 17, 2025, in Paris"))
datetime.date(2025, 2, 17)
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from datetime import date
from importlib import resources
from types import MappingProxyType
from typing import Any

import yaml

__all__ = [
    "FULL_DATE",
    "YEAR",
    "alternation",
    "cardinals",
    "claim_verbs",
    "latest_full_date",
    "month_pattern",
    "months",
    "parse_full_date",
    "qualifiers",
    "scales",
    "speech_verbs",
    "term_pattern",
    "weekdays",
    "words",
]


@functools.cache
def _data() -> dict[str, Any]:
    text = resources.files("storylens").joinpath("data", "lexicon.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def words(concept: str) -> Any:
    """The raw entries of one concept of ``data/lexicon.yaml`` (a KeyError names the
    concepts there when ``concept`` is not one of them)."""
    data = _data()
    if concept not in data:
        raise KeyError(f"{concept!r} is not in the lexicon; it has {', '.join(data)}")
    return data[concept]


def _mapping(concept: str) -> Mapping[str, int]:
    return MappingProxyType({str(k).lower(): int(v) for k, v in words(concept).items()})


@functools.cache
def months() -> Mapping[str, int]:
    """Month names and abbreviations (lower case, no period) -> month number."""
    return _mapping("months")


@functools.cache
def weekdays() -> Mapping[str, int]:
    """Weekday names and abbreviations (lower case) -> ISO weekday (Monday = 1)."""
    return _mapping("weekdays")


@functools.cache
def cardinals() -> Mapping[str, int]:
    """Cardinal number words ``zero`` .. ``ninety`` -> value."""
    return _mapping("cardinals")


@functools.cache
def scales() -> Mapping[str, int]:
    """Scale words (``hundred``, ``thousand``, ``million`` ...) -> factor."""
    return _mapping("scales")


@functools.cache
def qualifiers(*, after: bool = False) -> Mapping[str, str]:
    """Qualifier phrase -> bound kind (``approx``, ``approx_below``, ``lower_exclusive``,
    ``lower_inclusive``, ``upper_inclusive``, ``upper_exclusive``): the phrases that come
    before a number, or with ``after`` those that follow it ("30,000 or more")."""
    spec = words("qualifiers_after" if after else "qualifiers_before")
    return MappingProxyType({str(p).lower(): kind for kind, ps in spec.items() for p in ps})


@functools.cache
def speech_verbs() -> tuple[str, ...]:
    """Verbs reporting speech ("said", "warned", ...), as listed."""
    return tuple(words("speech_verbs"))


@functools.cache
def claim_verbs() -> tuple[str, ...]:
    """Verbs attributing a figure to its holder ("believes", "called for", ...)."""
    return tuple(words("claim_verbs"))


def alternation(phrases: Iterable[str], *, blank: str = r"\s+") -> str:
    """A regex alternation of literal phrases, longest first, with each space matching
    ``blank``; no groups, so it can sit inside any pattern.

    >>> alternation(["up to", "up"])
    'up\\\\s+to|up'
    """
    parts = sorted({p.strip() for p in phrases if p and p.strip()}, key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", blank) for p in parts)


@functools.cache
def month_pattern() -> str:
    """A regex (no groups; use with ``re.I``) for a month name or abbreviation, an
    abbreviation with an optional final period: accepts "February", "Feb.", "Sept.";
    rejects "Mayor" when followed by a word boundary check of the caller."""
    names = sorted(months(), key=len, reverse=True)
    full = {n for n in names if len(n) > 4 or n in {"may", "june", "july"}}
    pieces = [re.escape(n) if n in full else re.escape(n) + r"\.?" for n in names]
    return r"(?:" + "|".join(pieces) + r")(?![A-Za-z])"


def term_pattern(terms: Iterable[str]) -> re.Pattern[str] | None:
    """A case-insensitive pattern for any of ``terms`` as whole words (spaces match any
    blank), longest first; None when there are no terms.

    >>> term_pattern(["reassurance force"]).search("a Reassurance  Force plan").group()
    'Reassurance  Force'
    """
    terms = [t for t in terms if t and t.strip()]
    if not terms:
        return None
    return re.compile(r"(?<!\w)(?:" + alternation(terms) + r")(?!\w)", re.I)


# A full calendar date written out: accepts "February 18, 2025", "Feb. 17, 2025",
# "19 February 2025", "Thursday 18 December 2025", "2025-02-21"; rejects "December 7"
# (no year) and "2025" (year only).
_MONTH = month_pattern()
FULL_DATE = re.compile(
    rf"\b(?:(?P<m1>{_MONTH})\s+(?P<d1>\d{{1,2}}),?\s+(?P<y1>(?:19|20)\d{{2}})"
    rf"|(?P<d2>\d{{1,2}})\s+(?P<m2>{_MONTH})\s+(?P<y2>(?:19|20)\d{{2}})"
    r"|(?P<y3>(?:19|20)\d{2})-(?P<m3>\d{2})-(?P<d3>\d{2}))\b",
    re.I,
)

# A year from 1900 to 2099: accepts "2025" in "Feb. 17, 2025"; rejects "20250".
YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")


def parse_full_date(match: re.Match[str] | None) -> date | None:
    """The date of a :data:`FULL_DATE` match, or None when it is not a real date."""
    if match is None:
        return None
    g = match.groupdict()
    try:
        if g["y3"]:
            return date(int(g["y3"]), int(g["m3"]), int(g["d3"]))
        month = months()[(g["m1"] or g["m2"]).lower().rstrip(".")]
        return date(int(g["y1"] or g["y2"]), month, int(g["d1"] or g["d2"]))
    except (ValueError, KeyError):
        return None


def latest_full_date(text: str) -> date | None:
    """The latest explicit full date written in ``text`` (None when there is none).

    >>> latest_full_date("on February 18, 2025 ... in St. Petersburg, 19 February 2025")
    datetime.date(2025, 2, 19)
    """
    found = set()
    for year in YEAR.finditer(text):  # cheap pre-filter: full dates contain a year
        window = text[max(0, year.start() - 30) : year.end() + 6]
        found.update(d for m in FULL_DATE.finditer(window) if (d := parse_full_date(m)))
    return max(found) if found else None
