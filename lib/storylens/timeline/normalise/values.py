"""What words are worth: numbers, durations, units, spelled years, month names, phase
words; and the tests that tell a count or a programme's name from a time.

>>> number("twenty-five"), duration_value(2.5, "year"), year_int("nineteen ninety-six")
(25.0, 'P2.5Y', 1996)
"""

from __future__ import annotations

import re

from storylens.timeline.anchoring import (
    norm,
)
from storylens.timeline.patterns import CONTEXT
from storylens.timeline.resources import (
    COUNT_NOUNS,
    MONTHS,
    NUMBER_WORDS,
    UNITS,
)


def number(s: str | None) -> float | None:
    """The value of a number as matched by the ``_NUM`` block: '20' -> 20, 'twenty-five' ->
    25, 'a couple of' -> 2."""
    if not s:
        return None
    s = norm(s.lower().strip())
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", s):
        return float(s.replace(",", ""))
    if s in NUMBER_WORDS:
        return float(NUMBER_WORDS[s])
    m = re.fullmatch(r"(\d+(?:\.\d+)?)(?: 1/2)?", s)
    if m:
        return float(m.group(1)) + (0.5 if s.endswith("1/2") else 0.0)
    parts = re.split(r"[ -]", s)
    if len(parts) == 2 and parts[0] in NUMBER_WORDS and parts[1] in NUMBER_WORDS:
        return float(NUMBER_WORDS[parts[0]] + NUMBER_WORDS[parts[1]])
    return None


# A fraction of a unit goes to the next smaller one: letter -> (smaller letter, factor, "T"
# if the smaller one is a time part); a month's fraction is days, a minute's seconds.
_SMALLER_UNIT = {"Y": ("M", 12, ""), "W": ("D", 7, ""), "D": ("H", 24, "T"), "H": ("M", 60, "")}


def duration_value(n: float | None, unit: str) -> str:
    """TIMEX3 duration: (2, 'year') -> 'P2Y', (None, 'month') -> 'PXM', (1.5, 'hour') ->
    'PT1H30M', (2.5, 'year') -> 'P2.5Y', (3, 'decade') -> 'P3DE'."""
    letter, mult, _ = UNITS[unit]
    time_part = unit in ("hour", "minute", "second")
    prefix = "PT" if time_part else "P"
    if n is None:
        return f"{prefix}X{letter}"
    n = n * mult
    whole = int(n)
    if n == whole:
        return f"{prefix}{whole}{letter}"
    if letter in ("Y", "DE", "CE"):  # "two and a half years" -> P2.5Y (TIMEX3 decimals)
        return f"{prefix}{n:g}{letter}"
    # a fraction of a shorter unit goes to the next smaller one: 1.5 minutes -> PT1M30S
    if letter == "M":
        small, factor, t = ("S", 60, "") if time_part else ("D", 30, "")
    else:
        small, factor, t = _SMALLER_UNIT[letter]
    rest = (n - whole) * factor
    if rest != int(rest):
        return f"{prefix}{n:g}{letter}"
    head = f"{whole}{letter}" if whole else ""
    if letter == "D":
        return f"P{head}T{int(rest)}H"
    return f"{prefix}{head}{t}{int(rest)}{small}"


def unit_of(word: str) -> str:
    """The singular unit of a unit word: 'years' -> 'year', 'centuries' -> 'century'."""
    w = word.lower()
    if w.startswith("centur"):
        return "century"
    return w[:-1] if w.endswith("s") else w


def year_int(s: str) -> int:
    """'1996' -> 1996, 'nineteen ninety-six' -> 1996, 'two thousand' -> 2000."""
    if s.isdigit():
        return int(s)
    words = re.split(r"[\s-]+", s.lower())
    if words[:2] == ["two", "thousand"]:
        rest = [w for w in words[2:] if w != "and"]
        return 2000 + int(sum(NUMBER_WORDS[w] for w in rest))
    century = int(NUMBER_WORDS[words[0]]) * 100
    rest = [w for w in words[1:] if w not in ("hundred", "and", "oh")]
    return century + int(sum(NUMBER_WORDS[w] for w in rest))


def month_number(s: str) -> int:
    """'Feb.' -> 2."""
    return MONTHS[s.rstrip(".").lower()]


def phase_mod(prefix: str) -> str:
    """The TIMEX3 mod of a phase word: 'mid-' -> MID, 'early' -> START, 'the end of' -> END."""
    p = prefix.lower()
    if "mid" in p:
        return "MID"
    if re.search(r"early|earlier|beginning|start|dawn", p):
        return "START"
    if re.search(r"late|later|end|close", p):
        return "END"
    if "turn" in p:
        return "APPROX"
    return ""


def is_count_word(word: str) -> bool:
    """A plural noun after a number makes it a count: "2000 troops", "4 civilians"."""
    return word in COUNT_NOUNS or bool(re.fullmatch(r"[a-z]{3,}[^s]s", word))


def is_quoted_title(m: re.Match, text: str, s: int) -> bool:
    """A capitalised unit right after an opening quote names a programme: ABC's "This Week",
    CBS's ''60 Minutes''."""
    quote = CONTEXT.title_quote_before.search(text, max(0, s - 3), s)
    return m["unit"][:1].isupper() and bool(quote)
