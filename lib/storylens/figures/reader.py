"""Reading one figure around its number: qualifiers, currency, unit, range, rate, noun
and the interval the figure claims.

:func:`read_figure` reads the number, then runs the stages of ``_STAGES`` in order over
a :class:`Span`, the state of one reading (text positions and what is known so far).
Each stage looks at the text around the number, fills in what it finds and returns None
to go on, or a :class:`Verdict` that ends the reading: the figure, a position to skip to
(an identifier chain, a date range), or not a figure. The order is the order of the
rules: what a number is not (dates, identifiers, list markers) before what it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from storylens.figures.nonfigures import (
    AGE_AFTER,
    AGE_BEFORE,
    APPOSITION_AFTER,
    APPOSITION_BEFORE,
    CHAIN_AFTER,
    FIXED_PHRASE,
    IDENTIFIER_WORDS,
    LINE_START,
    LIST_MARKER_AFTER,
    MONTH_AFTER,
    MONTH_BEFORE,
    MONTH_WORDS,
    NO_ONE_BEFORE,
    NUMBERED_LINE_AFTER,
    SENTENCE_START,
    TIME_AFTER,
    YEAR_APOSTROPHE_BEFORE,
    in_parentheses,
    skip_chain,
    skip_year_range,
    word_before,
)
from storylens.figures.nouns import (
    DETERMINER_AFTER,
    HYPHEN_WORD,
    OF_A,
    OF_DETERMINER,
    OF_POSSESSIVE,
    PAREN_AFTER,
    STOP_WORDS,
    THE_BEFORE,
    is_plural,
    noun_kind,
    noun_phrase,
    plural_follows,
)
from storylens.figures.numbers import (
    NUMBER_START,
    SCALE_SUFFIX,
    SCALE_SUFFIX_NEEDS_MONEY,
    SCALE_WORD,
    SCALES,
    SLASH_FRACTION,
    Num,
    read_number,
)
from storylens.figures.qualifiers import (
    FOR_BEFORE,
    QUALIFIER_AFTER,
    QUALIFIER_AFTER_KIND,
    QUALIFIER_KIND,
    point_interval,
    qualifier_before,
    vague_interval,
)
from storylens.figures.units import (
    MINOR_AMOUNT,
    MINOR_CURRENCY,
    MINOR_WORD,
    MONEY_CONTEXT,
    PRICED_KINDS,
    RATE,
    RATE_NOUNS,
    SCALED_CODE_AFTER,
    SCALED_CODE_BEFORE,
    UnitTable,
    currency_at,
    glued_currency_code,
    match_unit,
    scaled_currency,
)
from storylens.figures.words import NAN, WORDS, phrase_alternation, rx

# Range joins: "20 or 30", "10,000 to 30,000", "1-2", "8- to 16-meter"; rejects "20, 30".
_RANGE_JOIN = rx(
    r"(?P<pre>-(?=_B_+(?:to|or)\b))?(?:_B_*(?P<dash>[-–‐])_B_*|_B_+(?P<w>to|or|and|through)_B_+)"
)
# A margin: "9.83 +/- 0.01", "52% ± 3", "3 plus or minus 0.5"; rejects "5 + 3".
_PLUS_MINUS = rx(r"_B_*(?:±|\+/[-−]|(?i:plus_B_+or_B_+minus))_B_*")
# Numbers joined in a list before one unit: "45 and 50 mg", "3, 4 or 5 km"; accepts " and ".
_LIST_JOIN = rx(r"(?:_B_*,_B_*|_B_+(?:and|or|&)_B_+)")
# "of" after a digit fraction: "1/40 of the wavelength" accepts " of ".
_OF_AFTER = rx(r"_B_+of_B_+")
# "minus" before a number makes it negative: "minus 20 degrees" accepts "minus "; "plus or
# minus 3" (a margin) and "10 minus 3" (arithmetic) are rejected by _minus_before.
_MINUS_BEFORE = rx(r"(?i)(?<![A-Za-z])minus_B_+$")
_MINUS_AT = rx(r"(?i)minus_B_+")
_MINUS_NOT_AFTER = rx(r"(?i)(?:\bor|\d)_B_*$")
# A verb of change shortly before: "rose from 5% to 7%" accepts "rose from ", "slashed
# from ", "tumbled 5.39, or " (a decimal point is no sentence end); rejects "ranged from "
# (a range).
_CHANGE_BEFORE = re.compile(
    r"(?i)\b("
    + phrase_alternation([*WORDS["change_words"], *sum(WORDS["change_verbs"].values(), [])])
    + r")\b(?:[^.;]|(?<=\d)\.(?=\d)){0,40}$"
)
# The word after a number: " troops" in "20,000 troops"; rejects ", after" (a comma).
NEXT_WORD = rx(r"_B_+([A-Za-z][A-Za-z-]*)")
# " in " between the two numbers of a ratio: "3 in 10 Americans".
_IN_BETWEEN = rx(r"_B_+in_B_+(?=[\dA-Za-z])")


@dataclass
class Reading:
    """One figure read: the fields of a row of ``extract_figures`` without its text, and
    ``consumed``, where the scanner goes on."""

    start: int
    end: int
    value: float
    low: float
    high: float
    low_inclusive: bool | None
    high_inclusive: bool | None
    qualifier: str
    unit: str | None
    noun: str | None
    kind: str
    consumed: int = 0
    change: str | None = None  # increase, decrease (storylens.figures.changes)
    change_part: str | None = None  # amount, from, to
    from_value: float = NAN  # the level before a change, for its from and to figures
    to_value: float = NAN  # the level after


class Verdict(NamedTuple):
    """A stage's last word on a number: the figure (a :class:`Reading`), a position to
    skip to (an int: the number is part of a stretch that holds no figure), or None (not
    a figure: the scanner goes on after the number's first token)."""

    outcome: Reading | int | None


NOT_A_FIGURE = Verdict(None)


@dataclass(slots=True)
class Span:
    """What is known about one figure while its stages read it."""

    text: str
    table: UnitTable
    ages: bool  # keep bare ages in appositions ("Kellogg, 80,")
    num: Num  # the number (its value is scaled and signed as the stages find out)
    n_start: int  # where the number starts ("the fifth", "minus 20" included)
    pos: int  # where the number ends (a glued scale letter or fraction included)
    cur_start: int = 0  # where a currency before the number starts (n_start if none)
    money_prefix: str | None = None  # the currency written before the number ("$")
    q_kind: str | None = None  # the bound kind of a qualifier ("upper_inclusive")
    q_start: int = 0  # where a qualifier before the number starts
    over_start: int | None = None  # "over" before: a bound unless the unit is a duration
    between: bool = False  # "between" before the number
    from_: bool = False  # "from" before the number
    unit: str | None = None  # the unit's normalised name
    hyphen_unit: bool = False  # the unit is hyphenated to the number ("600-mile")
    end: int = 0  # where the figure ends so far
    is_range: bool = False
    margin: bool = False  # the range is a value and a margin ("41% ± 3")
    low: float = NAN  # the bounds of a range
    high: float = NAN
    second_end: int | None = None  # where the second number of a range ends
    noun: str | None = None
    kind: str | None = None
    unit_cache: tuple = (-1, None, None)  # (pos, unit, match) of the last unit_at(pos)

    def unit_at(self, pos: int, *, allow_hyphen: bool = True) -> str | None:
        """The unit starting at ``pos`` (``match_unit``), remembered for the last ``pos``:
        several stages ask about the end of the number."""
        if self.unit_cache[0] != pos:
            self.unit_cache = (pos, *match_unit(self.text, pos, self.table))
        _, unit, um = self.unit_cache
        if unit and not allow_hyphen and "-" in um.group("sep"):
            return None
        return unit


def read_figure(text: str, m: re.Match, table: UnitTable, ages: bool) -> Reading | None | int:
    """The figure whose number ``m`` starts; None if it is not a figure.

    An int is returned instead of None when a stretch of text must be skipped (a date
    range, an identifier chain), so that its parts are not read again.
    """
    num = read_number(text, m)
    if num is None:
        return None
    span = Span(text, table, ages, num, num.start, num.end)
    for stage in _WORD_STAGES if num.words else _DIGIT_STAGES:
        verdict = stage(span)
        if verdict is not None:
            return verdict.outcome
    return _reading(span)


# --------------------------------------------------------------------------------------
# Stages before the unit: what the number is not


def _the_and_minus(s: Span) -> Verdict | None:
    """ "the fifth of its territory" (a fraction only so), "minus 20 degrees"."""
    text, num = s.text, s.num
    if num.the_of:
        the = THE_BEFORE.search(text, max(0, s.n_start - 5), s.n_start)
        if not (the and OF_POSSESSIVE.match(text, s.pos)):
            return NOT_A_FIGURE
        s.n_start = num.start = the.start()  # "the" makes "fifth" a fraction: keep it
    mb = _MINUS_BEFORE.search(text, max(0, s.n_start - 8), s.n_start) if num.value > 0 else None
    if mb and not _MINUS_NOT_AFTER.search(text, max(0, mb.start() - 6), mb.start()):
        num.value, num.plain = -num.value, False  # "minus 20 degrees"
        s.n_start = num.start = mb.start()
    return None


def _ratio(s: Span) -> Verdict | None:
    """ "3 in 10 Americans": a ratio is a figure of its own."""
    ratio = _read_ratio(s.text, s.num, s.table)
    return Verdict(ratio) if ratio is not None else None


def _word_uses(s: Span) -> Verdict | None:
    """Number words that are not numbers: "no one", "third-quarter", "on one hand"."""
    text, num = s.text, s.num
    if num.words and num.one and NO_ONE_BEFORE.search(text, max(0, s.n_start - 4), s.n_start):
        return NOT_A_FIGURE
    if num.fraction and text.startswith("-", s.pos):
        return Verdict(s.pos)  # "third-quarter earnings", "fifth-largest": ordinals
    fm = FIXED_PHRASE.match(text, s.n_start) if num.words else None
    return Verdict(fm.end()) if fm else None


def _glued_left(s: Span) -> Verdict | None:
    """Identifiers glued on the left: "MQ-9", "F-16", "pre-2014", "J1149.5", "’16"."""
    if s.num.words:
        return None
    text, num, n_start = s.text, s.num, s.n_start
    before_char = text[n_start - 1] if n_start > 0 else " "
    if before_char in "-/+" and n_start >= 2 and text[n_start - 2].isalnum():
        return Verdict(skip_chain(text, n_start))
    if (
        num.plain
        and num.end - n_start == 2
        and YEAR_APOSTROPHE_BEFORE.search(text, max(0, n_start - 2), n_start)
        and before_char not in text[num.end : num.end + 40]
    ):
        return Verdict(skip_chain(text, n_start))  # "’16": a year
    if before_char == ":" or (
        before_char.isalpha() and not glued_currency_code(text, n_start, s.table)
    ):
        return Verdict(skip_chain(text, n_start))
    return None


def _currency_before(s: Span) -> None:
    """A currency before the number: "$", "US$ ", "EUR ", a scaled code ("MAUD 60")."""
    text, num, table, n_start = s.text, s.num, s.table, s.n_start
    left = text[max(0, n_start - 12) : n_start]
    cm = table.currency_before(left)
    s.cur_start = n_start
    if cm:
        s.money_prefix = table.symbols.get(re.sub(r"\s+", " ", cm.group("c")))
        s.cur_start = n_start - len(left) + cm.start("c")
        return
    scm = SCALED_CODE_BEFORE.search(left)
    scaled_code = scaled_currency(scm, table) if scm and not num.scaled else None
    if scaled_code and not (num.plain and 1100 <= num.value <= 2199):  # "MARS 2020"
        # "MAUD 60": 60 million Australian dollars
        s.money_prefix = scaled_code[0]
        s.cur_start = n_start - len(left) + scm.start()
        num.value *= scaled_code[1]
        num.scaled, num.plain = True, False


def _glued_right(s: Span) -> Verdict | None:
    """What is glued on the right of digits: a scale letter ("30k", "$3bn"), a fraction
    ("1/4 inch"); or a time, a date, an ordinal, a name ("2:00", "1/7/2013", "21st")."""
    if s.num.words:
        return None
    text = s.text
    if s.num.scale_letter:
        _apply_scale_letter(s)
    if TIME_AFTER.match(text, s.pos) or CHAIN_AFTER.match(text, s.pos):
        return Verdict(skip_chain(text, s.n_start))
    sf = SLASH_FRACTION.match(text, s.pos)
    if text.startswith("/", s.pos) and text[s.pos + 1 : s.pos + 2].isdigit() and not sf:
        return Verdict(skip_chain(text, s.n_start))  # "01/07/2013", "24/7"
    if sf and not _apply_slash_fraction(s, sf):
        return Verdict(skip_chain(text, s.n_start))
    if s.pos < len(text) and text[s.pos].isalpha() and not s.unit_at(s.pos):
        # letters glued on: an ordinal ("21st"), a decade ("1960s"), a name ("5G")
        return Verdict(skip_chain(text, s.n_start))
    return None


def _apply_scale_letter(s: Span) -> None:
    """Scale the number by its glued letter; b/B/T/m only for money ("$3b", "3m euros")."""
    num, letter = s.num, s.num.scale_letter
    after_scale = s.pos + len(letter)
    is_money_after = False
    if letter in ("m", "M", "b", "B", "T"):
        u2, _ = match_unit(s.text, after_scale, s.table)
        is_money_after = bool(u2 and s.table.kind(u2) == "money")
    if letter not in SCALE_SUFFIX_NEEDS_MONEY or s.money_prefix or is_money_after:
        num.scale = 1e6 if letter == "m" else SCALE_SUFFIX[letter]
        num.value *= num.scale
        num.end = s.pos = after_scale
        num.scaled = True
        num.plain = False


def _apply_slash_fraction(s: Span, sf: re.Match) -> bool:
    """Read "1/4 inch" or "about 1/40 of the wavelength" as a fraction; False if the
    slash makes none (the number is then part of a chain)."""
    num, denominator = s.num, int(sf.group(1))
    if not (num.plain and 0 < num.value < denominator):
        return False
    if match_unit(s.text, sf.end(), s.table)[0]:
        proportion = False
    elif _OF_AFTER.match(s.text, sf.end()):
        proportion = True  # "about 1/40 of the wavelength": a proportion
    else:
        return False
    num.value /= denominator
    num.end = s.pos = sf.end()
    num.plain = False
    num.fraction = num.fraction or proportion
    return True


def _names_and_list_markers(s: Span) -> Verdict | None:
    """A capitalised number word inside a sentence is a name ("Nine West", "Formula
    One"); small numbers before ")" or "." at a line start are list markers."""
    text, num, n_start, pos = s.text, s.num, s.n_start, s.pos
    if (
        num.words
        and text[n_start].isupper()
        and not SENTENCE_START.search(text, max(0, n_start - 3), n_start)
        and not s.unit_at(pos)
        and not plural_follows(text, pos)
    ):
        return NOT_A_FIGURE
    if not (num.plain and num.value <= 20 and not s.money_prefix):
        return None
    if LIST_MARKER_AFTER.match(text, pos) and not in_parentheses(text, n_start):
        return NOT_A_FIGURE  # "1) explains ...; 2) cautions ..."
    if NUMBERED_LINE_AFTER.match(text, pos) and LINE_START.search(
        text, max(0, n_start - 4), n_start
    ):
        return NOT_A_FIGURE  # "2. 'IT'S SAD ..."
    return None


def _dates(s: Span) -> Verdict | None:
    """A day of the month: "February 18" (skipped), "19 February 2025"."""
    num = s.num
    if not (num.plain and 1 <= num.value <= 31):
        return None
    if MONTH_BEFORE.search(s.text, max(0, s.n_start - 12), s.n_start):
        return Verdict(num.end)
    return NOT_A_FIGURE if MONTH_AFTER.match(s.text, s.pos) else None


def _qualifier_before(s: Span) -> None:
    """ "up to", "more than", "about" ... before the number (or its currency); "between"
    and "from" start a range."""
    text = s.text
    s.q_start = s.cur_start
    qm = qualifier_before(text, max(0, s.cur_start - 30), s.cur_start)
    if not qm:
        return
    phrase = re.sub(r"\s+", " ", qm.group("q").lower())
    if phrase == "between":
        s.between = True
        s.q_start = qm.start("q")
    elif phrase == "from":
        s.from_ = True
    else:
        s.q_kind = QUALIFIER_KIND[phrase]
        s.q_start = qm.start("q")
        if phrase == "over" and not FOR_BEFORE.search(text, max(0, s.q_start - 12), s.q_start):
            s.over_start = s.q_start  # kept unless the unit says it is a span of time


def _years(s: Span) -> Verdict | None:
    """A year ("in 2014", "2013-14") is not a figure, unless a unit follows."""
    num = s.num
    if num.plain and 1100 <= num.value <= 2199 and not s.money_prefix and s.q_kind is None:
        if not s.unit_at(s.pos, allow_hyphen=False):
            return Verdict(skip_year_range(s.text, s.pos))
    return None


def _names_before(s: Span) -> Verdict | None:
    """Identifiers and names before the number: "Article 5", "Platinum Wolf 2016"."""
    if s.money_prefix or s.q_kind is not None or s.between:
        return None
    text, num, n_start, pos = s.text, s.num, s.n_start, s.pos
    found = word_before(text, max(0, n_start - 30), n_start)
    if not found:
        return None
    word_start, word = found
    low_word = word.lower()
    if low_word in IDENTIFIER_WORDS or low_word.rstrip(".") in IDENTIFIER_WORDS:
        return Verdict(skip_chain(text, n_start))
    if any(ch.isdigit() for ch in word):
        return Verdict(skip_chain(text, n_start))  # "Core i7 860"
    if (
        not num.words
        and not s.unit_at(pos)
        and not plural_follows(text, pos)
        and word[0].isupper()
        and low_word not in STOP_WORDS
        and low_word not in MONTH_WORDS
        and not word.endswith(("'s", "’s"))
        and not SENTENCE_START.search(text, max(0, word_start - 3), word_start)
    ):
        return Verdict(skip_chain(text, n_start))
    return None


def _age(s: Span) -> Verdict | None:
    """Ages: "a 28-year-old", "aged 80"; bare ages in appositions ("Kellogg, 80,") only
    when asked for."""
    text, num, n_start, pos = s.text, s.num, s.n_start, s.pos
    am = AGE_AFTER.match(text, pos) if not num.vague else None
    if am and num.value > 0:
        age = am.end()
    elif num.plain and AGE_BEFORE.search(text, max(0, n_start - 12), n_start):
        age = pos
    elif (
        num.plain
        and 1 <= num.value <= 120
        and not s.money_prefix
        and s.q_kind is None
        and APPOSITION_BEFORE.search(text, max(0, n_start - 40), n_start)
        and APPOSITION_AFTER.match(text, pos)
    ):
        if not s.ages:
            return NOT_A_FIGURE
        age = pos
    else:
        return None
    start = s.q_start if s.q_kind else n_start
    v = num.value
    return Verdict(Reading(start, age, v, v, v, True, True, "exact", "year", None, "age", age))


# --------------------------------------------------------------------------------------
# Stages from the unit on: what the number measures or counts


def _unit_after(s: Span) -> None:
    """The unit right after the number (" miles", "-mile", "%"), or a scaled currency
    code ("30 MUSD": 30 million US dollars)."""
    text, num = s.text, s.num
    s.end = s.pos
    unit = s.unit_at(s.pos)
    if unit:
        um = s.unit_cache[2]
        s.unit, s.hyphen_unit, s.end = unit, "-" in um.group("sep"), um.end()
    elif not s.money_prefix and not num.scaled:
        scm = SCALED_CODE_AFTER.match(text, s.pos)
        scaled_code = scaled_currency(scm, s.table) if scm else None
        if scaled_code:
            s.unit, s.end = scaled_code[0], scm.end()
            num.value *= scaled_code[1]
            num.scaled, num.plain = True, False


def _after_first(s: Span) -> int:
    """Where a margin or the join of a range may start: after the unit unless hyphenated."""
    return s.end if s.unit and not s.hyphen_unit else s.pos


def _margin(s: Span) -> None:
    """A margin: "9.83e-3 +/- 1e-5 km/s2", "41% ± 3%": the interval value -/+ margin."""
    text, num = s.text, s.num
    if num.vague or num.fraction:
        return
    pmm = _PLUS_MINUS.match(text, _after_first(s))
    m2 = NUMBER_START.match(text, pmm.end()) if pmm else None
    margin_num = read_number(text, m2) if m2 else None
    if margin_num is None or margin_num.vague or not margin_num.value > 0:
        return
    u2, um2 = match_unit(text, margin_num.end, s.table)
    if s.unit and u2 and u2 != s.unit:
        return
    s.is_range = s.margin = True
    s.low, s.high = num.value - margin_num.value, num.value + margin_num.value
    s.end = margin_num.end
    if u2:
        s.unit, s.end, s.hyphen_unit = u2, um2.end(), "-" in um2.group("sep")


_DASHES = ("-", "–", "‐")


def _range(s: Span) -> Verdict | None:
    """A range: "20 or 30", "10,000 to 30,000", "between 15,000 and 20,000", "1-2"."""
    if s.is_range or s.num.vague or s.num.fraction:
        return None
    rj = _RANGE_JOIN.match(s.text, _after_first(s))
    if not rj:
        return None
    join = (rj.group("w") or rj.group("dash") or "").lower()
    found = _second_number(s, rj, join)
    return _join_range(s, *found, join) if found else None


def _second_number(s: Span, rj: re.Match, join: str) -> tuple[Num, re.Match, tuple] | None:
    """The second number of a range after the join ``rj``, the match of its start and
    the currency written before it (or None); None if the join joins no number."""
    text = s.text
    ok_join = join in (*_DASHES, "to", "or", "through") or (join == "and" and s.between)
    if rj.group("pre") and not rj.group("w"):
        ok_join = False
    after_change = join == "to" and _CHANGE_BEFORE.search(
        text, max(0, s.q_start - (60 if s.from_ else 25)), s.q_start
    )
    if after_change and (s.from_ or s.unit or s.money_prefix):
        ok_join = False  # "rose from 5% to 7%", "sales rose 6.2% to $1.45 billion"
    if not ok_join or (join == "or" and QUALIFIER_AFTER.match(text, s.pos)):
        return None
    p2 = rj.end()
    cur2 = currency_at(text, p2, s.table)
    if cur2:
        p2 = cur2[1]
    minus2 = _MINUS_AT.match(text, p2) if s.num.value < 0 else None
    if minus2:  # "from minus 5 to minus 10 degrees"
        p2 = minus2.end()
    m2 = NUMBER_START.match(text, p2)
    second = read_number(text, m2) if m2 else None
    if second is None:
        return None
    if minus2:
        second.value = -second.value
    if not (second.vague or second.fraction or _second_fits(s, second)):
        return None
    if after_change and not (
        0 < s.num.value < second.value <= 10 * s.num.value and _named_after(s, second.end)
    ):
        # "fell 27 to 2,650", "rose 3 to 20": an amount and a level; "cut 10 to 15
        # percent", "cut 10,000 to 20,000 troops": a range of the unit or noun after it
        return None
    return second, m2, cur2


def _named_after(s: Span, pos: int) -> bool:
    """Whether a unit or a counted noun follows ``pos`` ("15 percent", "20,000 troops";
    not "20 after")."""
    if s.unit_at(pos):
        return True
    word = NEXT_WORD.match(s.text, pos)
    return bool(word) and word.group(1).lower() not in STOP_WORDS


def _second_fits(s: Span, second: Num) -> bool:
    """Scale the second number by a glued letter; False if letters or an identifier
    chain are glued to it."""
    text = s.text
    if second.words:
        return True
    p2end = second.end
    if second.scale_letter:
        letter = second.scale_letter
        if letter not in SCALE_SUFFIX_NEEDS_MONEY or s.money_prefix:
            second.scale = 1e6 if letter == "m" else SCALE_SUFFIX[letter]
            second.value *= second.scale
            second.end = p2end = p2end + len(letter)
            second.scaled = True
    if p2end < len(text) and text[p2end].isalpha() and not match_unit(text, p2end, s.table)[0]:
        return False
    return not CHAIN_AFTER.match(text, p2end)


def _join_range(s: Span, second: Num, m2: re.Match, cur2, join: str) -> Verdict | None:
    """Make the range of the two numbers, or decide they are none (a score "3-2", a date
    "18-19 December", two years)."""
    text, num = s.text, s.num
    v1, v2 = num.value, second.value
    if second.scale and not num.scale and v1 < v2 / second.scale:
        v1 *= second.scale  # "1-2 thousand", "$5 to 7 million"
    elif (
        num.plain
        and v1 < 1000 <= v2
        and v2 % 1000 == 0
        and "," in text[m2.start() : second.end]
        and v1 < v2 / 1000 <= 10 * v1
    ):
        v1 *= 1000  # "10-15,000 troops" is 10,000 to 15,000
    u2, um2 = match_unit(text, second.end, s.table)
    if cur2 and not u2:
        u2, um2 = cur2[0], None
    if (s.unit or s.money_prefix) and u2 and u2 != (s.unit or s.money_prefix):
        return None
    if v1 > v2 and (s.from_ and join == "to" or s.between and join == "and"):
        # "ranged from -18 °C to -34 °C", "between minus 2 and minus 8"
        s.is_range, s.low, s.high = True, v2, v1
        s.end = s.second_end = second.end
        if u2:
            s.unit, s.end = u2, (um2.end() if um2 is not None else second.end)
        return None
    if v1 >= v2:
        # a score or an identifier: "3-2", "18-12"
        return Verdict(second.end) if join in _DASHES and not s.unit else None
    both_plain = second.plain and num.plain
    if both_plain and 1 <= v1 <= 31 and 1 <= v2 <= 31 and MONTH_AFTER.match(text, second.end):
        return Verdict(second.end)  # "18-19 December"
    if both_plain and 1100 <= v2 <= 2199 and 1100 <= v1 <= 2199:
        return Verdict(second.end)
    s.is_range, s.low, s.high = True, v1, v2
    s.end = s.second_end = second.end
    if u2 and um2 is not None:
        s.unit, s.hyphen_unit, s.end = u2, "-" in um2.group("sep"), um2.end()
    return Verdict(second.end) if TIME_AFTER.match(text, second.end) else None


def _fraction_unit(s: Span) -> None:
    """The unit of a fraction: "a quarter mile", "a quarter of a percentage point"."""
    if s.is_range or s.unit is not None or not s.num.fraction:
        return
    oa = OF_A.match(s.text, s.pos)
    unit, um = match_unit(s.text, oa.end() if oa else s.pos, s.table)
    if unit:
        s.unit, s.end, s.hyphen_unit = unit, um.end(), "-" in um.group("sep")


def _money(s: Span) -> None:
    """ "pounds" as sterling, a currency before the number, "75 USD million"."""
    text, num, table = s.text, s.num, s.table
    if s.unit in table.or_money and (
        num.scaled
        or s.money_prefix
        or MONEY_CONTEXT.search(text, max(0, s.n_start - 50), s.n_start)
    ):
        s.unit = table.or_money[s.unit]
    # a currency before: "$10 dollars" and "US$ 15" keep their unit
    if s.money_prefix and not (s.unit and table.kind(s.unit) == "money"):
        if s.unit is None or s.hyphen_unit:
            s.unit = s.money_prefix
            if s.hyphen_unit:  # "$5-million": the hyphen joins the scale, not a unit
                second_end = s.second_end if s.is_range and s.second_end is not None else s.pos
                s.end = max(s.pos, second_end)
                s.hyphen_unit = False
    # a scale word after the currency code: "75 USD million"
    if s.unit and table.kind(s.unit) == "money" and not num.scaled and not s.is_range:
        sw = SCALE_WORD.match(text, s.end)
        if sw and sw.group("w").lower() in SCALES and "-" not in sw.group("sep"):
            num.value *= SCALES[sw.group("w").lower()]
            s.end = sw.end()


def _minor_units(s: Span) -> None:
    """Cents after a sum: "3 dollars 50 cents", "thirteen dollars and forty-five cents"."""
    text, num, table = s.text, s.num, s.table
    if not (
        s.unit
        and table.kind(s.unit) == "money"
        and not s.is_range
        and not num.scaled
        and s.unit not in MINOR_CURRENCY
        and s.end > s.pos
    ):
        return
    mm = MINOR_AMOUNT.match(text, s.end)
    minor = NUMBER_START.match(text, mm.end()) if mm else None
    minor_num = read_number(text, minor) if minor else None
    if not (minor_num and not minor_num.vague and 0 < minor_num.value < 100):
        return
    after = minor_num.end
    cents = MINOR_WORD.match(text, after)
    u_after, _ = match_unit(text, after, table)
    if cents or (
        u_after is None
        and not plural_follows(text, after)
        and not (after < len(text) and text[after].isalnum())
    ):
        num.value += minor_num.value / 100
        s.end = cents.end() if cents else after


def _rate(s: Span) -> None:
    """A rate after the unit: "$2 a share", "188 miles an hour", "$15.4/hour"."""
    if not s.unit:
        return
    table = s.table
    rm = RATE.match(s.text, s.end)
    if not rm:
        return
    den_word = rm.group("den")
    den_unit = table.canonical(den_word)
    den = den_unit or RATE_NOUNS.get(den_word.lower().rstrip("s"))
    den_kind = table.kind(den_unit)
    priced = table.kind(s.unit) == "money" and den_kind in PRICED_KINDS
    if (rm.group("w") or rm.group("hw")) in ("a", "an", "each") and not (
        den_kind == "duration" or priced or den in RATE_NOUNS.values()
    ):
        den = None  # "a year earlier", "an estimated ..."
    if den:
        composite = f"{s.unit} per {den}"
        s.unit = table.canonical(composite) or composite
        s.end = rm.end()


def _qualifier_after(s: Span) -> None:
    """ "or more", "+", "or so" after the figure; "over" before a duration is no bound
    ("a package over four years")."""
    if s.over_start is not None and s.unit and s.table.kind(s.unit) == "duration":
        s.q_kind, s.q_start = None, s.cur_start
    if s.q_kind is not None or s.is_range:
        return
    qa = QUALIFIER_AFTER.match(s.text, s.end)
    if qa:
        if qa.group("plus") or qa.group("dplus"):
            s.q_kind = "lower_inclusive"
        else:
            s.q_kind = QUALIFIER_AFTER_KIND[re.sub(r"\s+", " ", qa.group("q").lower())]
        s.end = qa.end()


def _noun(s: Span) -> Verdict | None:
    """The noun: what a measure qualifies, or what a count counts."""
    if s.unit:
        _measure_noun(s)
        return None
    hw = HYPHEN_WORD.match(s.text, s.pos)
    if hw and hw.group("w").lower().endswith(("ed", "ing")):
        hw = None  # "486-based machines", "Saudi-led": a compound adjective
    if hw and not s.is_range:
        _hyphen_noun(s, hw)
    elif not _count_noun(s):
        return NOT_A_FIGURE
    num = s.num
    if s.noun is None and (
        num.one  # "one" as a pronoun: "a successful one"
        or num.bare_half
        or (num.words and s.unit is None and num.value == 0)
    ):
        return NOT_A_FIGURE
    return None


def _measure_noun(s: Span) -> None:
    """The thing a measure qualifies: "600-mile front line", "5% of GDP" (not in the span)."""
    text, table = s.text, s.table
    s.kind = table.kind(s.unit) or table.kind(s.unit.split(" per ")[0])
    p = s.end
    if s.hyphen_unit:
        pm = PAREN_AFTER.match(text, p)
        if pm:
            p = pm.end()  # "the 600-mile (1,000-kilometer) front line"
        elif text.startswith(")", p):
            p += 1
        s.noun, _ = noun_phrase(text, p, singular_ok=True)
        return
    of = OF_DETERMINER.match(text, p)
    if of and table.kind(s.unit) in ("percent", "money", "mass", "volume"):
        s.noun, _ = noun_phrase(text, of.end(), singular_ok=True)


def _hyphen_noun(s: Span, hw: re.Match) -> None:
    """A hyphenated word after a count: "20-odd countries", "40-plus missiles", "a
    30,000-strong force", "two-door"."""
    text, word = s.text, hw.group("w").lower()
    if word in ("odd", "plus"):
        s.q_kind = s.q_kind or ("approx" if word == "odd" else "lower_inclusive")
        s.noun, noun_end = noun_phrase(text, hw.end(), singular_ok=False)
    elif word == "strong":
        s.noun, noun_end = noun_phrase(text, hw.end(), singular_ok=True)
        s.kind = noun_kind(s.noun, s.table) or "people"
    else:
        s.noun, noun_end = hw.group("w"), hw.end()
    if s.noun is not None:
        s.end = max(s.end, noun_end)


def _count_noun(s: Span) -> bool:
    """The counted noun after the number ("30,000 troops", "dozens of homes", "half the
    country"), with a qualifier after it ("40 people or more"); False if the number
    needs a noun and has none (a bare fraction, "tens")."""
    text, num, end = s.text, s.num, s.end
    one = not s.is_range and (num.one or (not num.words and num.value == 1))
    noun, noun_end = noun_phrase(text, end, singular_ok=one or num.fraction)
    if one and noun is not None and is_plural(noun):
        noun, noun_end = None, end  # "that one costs": a verb, not a noun
    if noun is None:
        of = OF_DETERMINER.match(text, end)
        if of:
            u_of, um_of = match_unit(text, of.end(), s.table, allow_hyphen=False)
            if u_of and num.vague and s.table.kind(u_of) == "money":
                s.unit, s.end, s.kind = u_of, um_of.end(), "money"  # "millions of dollars"
            else:
                noun, noun_end = noun_phrase(
                    text, of.end(), singular_ok=True, partitive=True, count=not num.fraction
                )
    if num.fraction and noun is None and not s.unit:
        det = DETERMINER_AFTER.match(text, s.end)  # "about half the country"
        if det:
            noun, noun_end = noun_phrase(text, det.end(), singular_ok=True)
        if noun is None:
            return False
    s.noun = noun
    if num.needs_of and noun is None:
        return False
    if noun is not None:
        s.end = max(s.end, noun_end)
        qa = QUALIFIER_AFTER.match(text, s.end) if s.q_kind is None and not s.is_range else None
        if qa and qa.group("q"):
            s.q_kind = QUALIFIER_AFTER_KIND[re.sub(r"\s+", " ", qa.group("q").lower())]
            s.end = qa.end()
    return True


def _kind(s: Span) -> None:
    """The kind: the unit's, the counted noun's, ``fraction`` or ``number``; numbers
    listed before one unit share it ("45 and 50 mg")."""
    table = s.table
    if s.unit is None and s.noun is None and not s.is_range and not s.num.fraction:
        s.unit = _shared_unit(s.text, s.end, table)  # "45 and 50 mg": the 45 is in mg too
    if s.kind is None:
        if s.unit:
            s.kind = table.kind(s.unit) or "count"
        elif s.num.fraction:
            s.kind = "fraction"
        elif s.noun:
            s.kind = noun_kind(s.noun, table) or "count"
        else:
            s.kind = "number"
    if s.noun:
        s.noun = s.noun.strip("“”\"'‘’")


def _reading(s: Span) -> Reading:
    """The figure with the interval it asserts."""
    num, end = s.num, s.end
    if s.is_range:
        value = num.value if s.margin else NAN
        qualifier, low, high, low_inc, high_inc = "range", s.low, s.high, True, True
    elif num.vague:
        qualifier, value, low, high, low_inc, high_inc = vague_interval(s.q_kind, num.low, num.high)
    else:
        qualifier, value, low, high, low_inc, high_inc = point_interval(s.q_kind, num.value)
    start = min(s.n_start, s.cur_start)
    if s.q_kind or s.is_range:
        start = min(start, s.q_start)
    return Reading(
        start, end, value, low, high, low_inc, high_inc, qualifier, s.unit, s.noun, s.kind, end
    )


_STAGES: tuple[Callable[[Span], Verdict | None], ...] = (
    _the_and_minus,
    _ratio,
    _word_uses,
    _glued_left,
    _currency_before,
    _glued_right,
    _names_and_list_markers,
    _dates,
    _qualifier_before,
    _years,
    _names_before,
    _age,
    _unit_after,
    _margin,
    _range,
    _fraction_unit,
    _money,
    _minor_units,
    _rate,
    _qualifier_after,
    _noun,
    _kind,
)
# Stages that cannot apply are left out: nothing is glued to number words, and digits
# are never used as words ("no one", "third-quarter").
_WORD_STAGES = tuple(stage for stage in _STAGES if stage not in (_glued_left, _glued_right))
_DIGIT_STAGES = tuple(stage for stage in _STAGES if stage is not _word_uses)


def _read_ratio(text: str, num: Num, table: UnitTable) -> Reading | None:
    """ "3 in 10 Americans", "one in five children": a fraction of the counted noun."""
    im = _IN_BETWEEN.match(text, num.end)
    if not im or num.vague or num.fraction or not 0 < num.value:
        return None
    m2 = NUMBER_START.match(text, im.end())
    den = read_number(text, m2) if m2 else None
    if den is None or den.vague or den.fraction or not num.value < den.value <= 1000:
        return None
    if match_unit(text, den.end, table)[0]:
        return None  # "3 in 10 days" is not a ratio
    noun, noun_end = noun_phrase(text, den.end, singular_ok=False)
    if noun is None:
        return None
    q = qualifier_before(text, max(0, num.start - 30), num.start)
    kind = QUALIFIER_KIND.get(re.sub(r"\s+", " ", q.group("q").lower())) if q else None
    qualifier, value, low, high, low_inc, high_inc = point_interval(
        kind or "exact", num.value / den.value
    )
    start = q.start("q") if kind else num.start
    return Reading(
        start,
        noun_end,
        value,
        low,
        high,
        low_inc,
        high_inc,
        qualifier,
        None,
        noun.strip("“”\"'‘’"),
        "fraction",
        consumed=noun_end,
    )


def _shared_unit(text: str, pos: int, table: UnitTable) -> str | None:
    """The unit after the next numbers of a list ("45 and 50 mg", "3, 4 or 5 km"), if the
    list reaches one within four numbers; hyphenated units ("5 and 10-mile") do not count."""
    for _ in range(4):
        join = _LIST_JOIN.match(text, pos)
        m = NUMBER_START.match(text, join.end()) if join else None
        num = read_number(text, m) if m else None
        if num is None or num.vague or num.fraction:
            return None
        unit, um = match_unit(text, num.end, table)
        if unit:
            return None if "-" in um.group("sep") else unit
        pos = num.end
    return None
