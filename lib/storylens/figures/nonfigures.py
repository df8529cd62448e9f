"""What makes a number not a figure: dates, times, years, identifiers ("Article 5",
"MQ-9"), list markers, fixed phrases ("on one hand"); and the contexts of ages.

The patterns are tried by :mod:`storylens.figures.reader`; ``skip_chain`` and
``skip_year_range`` say how far to skip so that the parts are not read again.
"""

from __future__ import annotations

import re
import string

from storylens import lexicon
from storylens.figures.words import WORDS, phrase_alternation, rx

# Dates and times around a number.
# Month names from the lexicon. Full names match capitalised ("May", "March") or, except
# the two that are also common words, in any case ("february"); abbreviations in any
# case, with an optional period ("Feb.", "SEPT").
_FULL_MONTHS = [n for n in lexicon.months() if len(n) > 4 or n in ("may", "june", "july")]
_MONTH_ABBREVIATIONS = [n for n in lexicon.months() if n not in _FULL_MONTHS]
_MONTH = (
    r"(?:" + "|".join(n.capitalize() for n in _FULL_MONTHS)
    + r"|(?i:" + "|".join(_MONTH_ABBREVIATIONS) + r")\.?"
    + r"|(?i:" + "|".join(n for n in _FULL_MONTHS if n not in ("march", "may")) + r"))"
)  # fmt: skip
# "February 18" accepts "February "; rejects "Mayor ".
MONTH_BEFORE = rx(r"(?<![A-Za-z])" + _MONTH + r"_B_+$")
# "19 February 2025" accepts " February"; rejects " may".
MONTH_AFTER = rx(r"_B_*(?:of_B_+)?" + _MONTH + r"(?![A-Za-z])")
# "2 pm", "2:00", "10 o'clock"; rejects "2 people".
TIME_AFTER = rx(r"(?::\d\d|_B_*(?i:[ap]\.?m\.?(?![A-Za-z])|o['’]clock|GMT|UTC|CET|BST|EST|EDT))")
# Identifier chains: "2025-02-21", "1111-2222-3333", "090127-f-7383p"; rejects "10-15"
# and a rate ("$45-a-share", "$2-an-hour").
CHAIN_AFTER = re.compile(
    r"(?:-\d+-|-(?!an?-[A-Za-z])[A-Za-z]{1,2}(?![A-Za-z])|\.\d|:\d|-\d+[A-Za-z])"
)
# The second year of "2013-14", "1914–1918"; rejects "-15 km" (not 2 to 4 digits + end).
_YEAR_RANGE_END = re.compile(r"[-–/]\d{2,4}(?!\d)")
# Explicit ages: "28-year-old", "28 - year - old", "80 years old"; rejects "80 years".
AGE_AFTER = rx(r"(?i:_B_*-?_B_*years?_B_*-?_B_*old)(?![A-Za-z])")
# "at the age of 71", "aged 80" accept the words before the number; rejects "page ".
AGE_BEFORE = rx(r"(?i)\b(?:aged|age of|ages of)_B_+$")
# "Keith Kellogg, 80," accepts "Kellogg, " before and "," after; rejects "Warsaw and ".
APPOSITION_BEFORE = rx(r"[A-Z][\w’'.-]*,_B_*$")
APPOSITION_AFTER = rx(r"_B_*(?:,|\)|;|\.(?:\s|$)|$)")
# The word right before a number: "Article 5" accepts "Article "; rejects "Article, ".
WORD_BEFORE = rx(r"(?P<w>[#A-Za-z][\w.’'-]*)_B_*$")
_ASCII_LETTERS = frozenset(string.ascii_letters)
_BLANKS = " \t\u00a0\u202f"


def word_before(text: str, start: int, end: int) -> tuple[int, str] | None:
    """What ``WORD_BEFORE.search(text, start, end)`` finds, as ``(start, word)``: the word
    right before ``end`` (blanks between), read directly rather than by trying the
    pattern at each of the 30 positions before a number (``tests/figures/
    test_nonfigures.py`` checks both agree at every position).

    >>> word_before("Article 5", 0, 8), word_before("(5", 0, 1)
    ((0, 'Article'), None)
    """
    k = end
    if k > start and text[k - 1] == "\n":
        k -= 1  # "$" also matches before a final newline
    while k > start and text[k - 1] in _BLANKS:
        k -= 1
    run = k  # the start of the run of [\w.’'-] characters ending at k
    while run > start and (text[run - 1].isalnum() or text[run - 1] in "_.’'-"):
        run -= 1
    if run > start and text[run - 1] == "#":
        return run - 1, text[run - 1 : k]
    for p in range(run, k):  # the word starts at its first ASCII letter
        if text[p] in _ASCII_LETTERS:
            return p, text[p:k]
    return None


# Where a sentence or line starts: "\nArticle" accepts "\n"; rejects "the ".
SENTENCE_START = re.compile(r"(?:^|[.!?:;\n“\"(—–])\s*$")
# A list marker: "1)" / "2 )" outside parentheses ("what 1) explains ...; 2) cautions").
# Accepts " )" after the "2"; rejects the ")" of "(up to 5)" (checked by in_parentheses).
LIST_MARKER_AFTER = rx(r"_B_?\)(?!_B_*[-–:])")
# ... or "2. " at the start of a line, before a capital or a quote ("2. 'IT'S SAD ...").
LINE_START = rx(r"(?:^|\n)_B_*$")
NUMBERED_LINE_AFTER = rx(r"\._B_+(?=[A-Z“\"‘'])")
# A year cut to two digits after an apostrophe: "Clinton ’16", "the class of '89"; not an
# opening quote, which closes soon after ("'30 troops' came": see read_figure).
YEAR_APOSTROPHE_BEFORE = rx(r"(?:^|[\s(])[’']$")
IDENTIFIER_WORDS = frozenset(w.lower() for w in WORDS["identifier_words"])
# Month and weekday names (lower case), which end a noun phrase: "jan", "jan.", "monday".
MONTH_WORDS = frozenset(
    [*lexicon.months(), *(a + "." for a in _MONTH_ABBREVIATIONS)]
    + [d for d in lexicon.weekdays() if d.endswith("day")]
)
# Cardinals inside fixed phrases: "on one hand" accepts "one hand"; rejects "one problem".
FIXED_PHRASE = re.compile(
    r"(?i)(?:" + phrase_alternation(WORDS["fixed_phrases"], grouped=True) + r")(?![A-Za-z])"
)
# "no one" accepts "no " before "one"; rejects "now ".
NO_ONE_BEFORE = rx(r"(?i)\bno_B_+$")


def in_parentheses(text: str, pos: int) -> bool:
    """Whether ``pos`` is inside an open parenthesis."""
    return text.rfind("(", 0, pos) > text.rfind(")", 0, pos)


def skip_chain(text: str, pos: int) -> int:
    """The end of the identifier-like chain of characters starting at ``pos``."""
    p = pos
    while p < len(text) and not text[p].isspace() and text[p] not in ',;()[]"“”':
        p += 1
    while p > pos and text[p - 1] in ".:!?'’":
        p -= 1
    return max(p, pos + 1)


def skip_year_range(text: str, pos: int) -> int:
    """After a year, skip "-14" / "–2016" so the second year is not read as a figure."""
    m = _YEAR_RANGE_END.match(text, pos)
    return m.end() if m else pos
