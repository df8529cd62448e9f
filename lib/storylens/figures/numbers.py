"""Numbers as written in news text: digits ("30,000", "1.5", "4e14", "2 1/2", "30k") and
number words ("two dozen", "a hundred and two", "tens of thousands", "a fifth").

``next_number`` finds where the next number starts, ``read_number`` reads it into a
:class:`Num` (value, extent, and what the reader needs to know about its form).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from storylens import lexicon
from storylens.figures.nonfigures import MONTH_BEFORE
from storylens.figures.words import NAN, WORDS, rx

# Cardinal and scale words from the lexicon: "seven" -> 7, "ninety" -> 90, "million" ->
# 1e6 ("hundred", also a scale there, is read on its own: "two hundred thousand").
_SMALL = {w: v for w, v in lexicon.cardinals().items() if v < 20}
_TENS = {w: v for w, v in lexicon.cardinals().items() if v >= 20}
SCALES = {w: float(v) for w, v in lexicon.scales().items() if w != "hundred"}
# Fraction words and their denominators ("a fifth", "two thirds", "three quarters"), and
# vague plurals with their base ("hundreds" reads as [200, 1000)): data/figure_words.yaml.
_FRACTIONS = {
    str(word).lower(): int(denominator)
    for denominator, words in WORDS["fraction_words"].items()
    for word in words
}
_VAGUE = {str(w).lower(): float(base) for w, base in WORDS["vague_plurals"].items()}
_VAGUE_NEED_OF = frozenset(WORDS["vague_need_of"])  # "tens of ...", never "tens" alone
_VAGUE_SCALES = {w: base for w, base in _VAGUE.items() if base >= 1000}  # "tens of thousands"
_NUMBER_WORDS = [*_SMALL, *_TENS, *SCALES, "hundred", "dozen", "several", "few",
                 *_FRACTIONS, *_VAGUE]  # fmt: skip
NUMBER_WORD_SET = frozenset(_NUMBER_WORDS)
_SCALE_FACTORS = {**SCALES, "hundred": 100, "bn": 1e9, "mn": 1e6, "mln": 1e6, "tn": 1e12,
                  "trn": 1e12}  # fmt: skip
# Letters glued to digits that scale them: "30k", "$3bn", "€10M"; b/B/T/m only for money.
SCALE_SUFFIX = {"k": 1e3, "K": 1e3, "M": 1e6, "mn": 1e6, "mln": 1e6, "bn": 1e9, "b": 1e9,
                 "B": 1e9, "tn": 1e12, "trn": 1e12, "T": 1e12}  # fmt: skip
SCALE_SUFFIX_NEEDS_MONEY = {"b", "B", "T", "m"}
_VULGAR = {"½": 1 / 2, "⅓": 1 / 3, "⅔": 2 / 3, "¼": 1 / 4, "¾": 3 / 4, "⅕": 1 / 5, "⅖": 2 / 5,
           "⅗": 3 / 5, "⅘": 4 / 5, "⅙": 1 / 6, "⅚": 5 / 6, "⅛": 1 / 8, "⅜": 3 / 8,
           "⅝": 5 / 8, "⅞": 7 / 8}  # fmt: skip
_WORD_ALT = "|".join(_NUMBER_WORDS)
# The start of a number: digits, a vulgar fraction, or a run of number words.
# Accepts "30,000", "1.5", "10 000", "-15", "½", "two dozen", "a hundred and two",
# "tens of thousands", the "115" of "USD115" (after three capitals: read_figure keeps it
# only after a currency code); rejects the "9" of "MQ9" and the "5" of "1.5". A run of number
# words is at most 11 words long, so a long run of them costs linear time, not quadratic.
NUMBER_START = rx(
    r"(?P<digits>(?:(?<![\w.,])|(?<=[A-Z]{3}))(?:[-−](?=\d))?"
    r"(?:\d{1,3}(?:,\d{2,3})*,\d{3}(?!\d)|\d{1,3}(?:[\u00a0\u202f ]\d{3})+(?![\d,]\d)"
    r"|\d{1,3}(?:, \d{3})+(?![\d,])|\d+)(?:\.\d+)?|(?<![\w.,])\.\d+)"
    r"|(?P<vulgar>[" + "".join(_VULGAR) + r"])"
    r"|(?i:(?P<words>\b(?:an?_B_+)?(?:" + _WORD_ALT + r")"
    r"(?:(?:_B_{0,3}-_B_{0,3}|_B_{1,3}(?:(?:and_B_{1,3}(?:an?_B_{1,3})?|of_B_{1,3}|an?_B_{1,3}))?"
    r"|_B_{0,3}&_B_{0,3}|,_B_{1,3})(?:" + _WORD_ALT + r")){0,10}\b))"
)
# The tokens of a run of number words: accepts "two", "&", ",", "-"; rejects " ".
_WORD_TOKEN = re.compile(r"[A-Za-z]+|&|,|-")
# The first word of a run: accepts "two" of "two dozen"; rejects "5".
_LETTER_RUN = re.compile(r"[A-Za-z]+")
# Where NUMBER_START can begin: a digit run, a sign or point before a digit, a vulgar
# fraction, or a word (kept only if it is a number word or "a"/"an", see next_number).
# Accepts "30" of "30,000", "-" of "-15", "two"; the "9" of "MQ9" is part of a longer token.
_NUMBER_CANDIDATE = re.compile(r"\d+|[-−.](?=\d)|[A-Za-z]+|[" + "".join(_VULGAR) + "]")
_NUMBER_WORD_STARTS = NUMBER_WORD_SET | {"a", "an"}
# Pieces that may follow a digit number.
# "2 1/2" accepts " 1/2"; rejects " 1/2/2020".
_MIXED_FRACTION = rx(r"_B_+(\d{1,2})/(\d{1,3})(?![\d/])")
# "4e14", "2.48×10−5" accept "e14", "×10−5"; rejects the "e" of "5 each".
_SCIENTIFIC = rx(r"(?:[eE]([-−+]?\d{1,3})|_B_?[×x]_B_?10\^?([-−+]?\d{1,3}))(?![\w.])")
# "1/4 inch" accepts "/4"; rejects "/4/2020".
SLASH_FRACTION = re.compile(r"/(\d{1,3})(?![\d/])")
# "1.5 million" accepts " million"; "$3bn" accepts "bn"; rejects "millionaire".
SCALE_WORD = rx(
    r"(?P<sep>_B_*-?_B_*)(?i:(?P<w>"
    + lexicon.alternation([*lexicon.scales(), "bn", "mn", "mln", "tn", "trn"])
    + r"))(?![A-Za-z])"
)
# "30k" accepts "k"; rejects the "km" of "30km".
_SCALE_LETTER = re.compile(r"(?P<w>mn|mln|bn|tn|trn|[kKMbBTm])(?![A-Za-z0-9])")


@dataclass
class Num:
    """One number as read: where it is, its value (or the interval of a vague plural),
    and what the figure reader needs to know about how it was written."""

    start: int
    end: int
    value: float
    low: float = NAN
    high: float = NAN
    vague: bool = False  # "hundreds", "tens of thousands": an interval, no point value
    words: bool = False  # written in words
    plain: bool = False  # digits only, no separator, decimal or scale ("2014")
    fraction: bool = False  # a proportion ("a fifth", "two thirds")
    bare_half: bool = False  # "half" with no article or numerator
    one: bool = False  # the word "one" on its own
    scaled: bool = False
    scale: float = 0.0  # the scale word or letter applied ("million": 1e6), 0 if none
    scale_letter: str | None = None
    needs_of: bool = False
    the_of: bool = False  # "the fifth of its ...": needs "the" before and "of its" after


def read_number(text: str, m: re.Match) -> Num | None:
    """The number whose start ``m`` (a :data:`NUMBER_START` match) found, or None where
    the words there make no number ("a few", "several" without a scale word).

    >>> num = read_number("1.5 million", NUMBER_START.match("1.5 million"))
    >>> num.value, num.end, num.scaled
    (1500000.0, 11, True)
    """
    if m.group("digits") is not None:
        return _read_digits(text, m)
    if m.group("vulgar") is not None:
        return Num(m.start(), m.end(), _VULGAR[m.group()], fraction=False)
    return _read_words(text, m.start("words"), m.group("words"))


def _read_digits(text: str, m: re.Match) -> Num:
    raw = m.group("digits")
    if ", " in raw and MONTH_BEFORE.search(text, max(0, m.start() - 12), m.start()):
        raw = raw[: raw.index(",")]  # "May 19, 200 people": a date, then a count
        return Num(m.start(), m.start() + len(raw), float(raw), plain=True)
    cleaned = re.sub(r"[,\u00a0\u202f ]", "", raw).replace("−", "-")
    value = float(cleaned)
    num = Num(m.start(), m.end(), value)
    num.plain = bool(re.fullmatch(r"\d+", raw))
    pos = num.end
    sci = _SCIENTIFIC.match(text, pos)
    if sci:
        exponent = int((sci.group(1) or sci.group(2)).replace("−", "-"))
        num.value *= 10.0**exponent
        num.end = sci.end()
        num.plain = False
        return num
    if pos < len(text) and text[pos] in _VULGAR:
        num.value += _VULGAR[text[pos]] * (1 if value >= 0 else -1)
        num.end = pos + 1
        num.plain = False
        return num
    mf = _MIXED_FRACTION.match(text, pos)
    if mf and num.plain and 0 < int(mf.group(1)) < int(mf.group(2)):
        num.value += int(mf.group(1)) / int(mf.group(2))
        num.end = mf.end()
        num.plain = False
        return num
    sw = SCALE_WORD.match(text, pos)
    if sw:  # "1.5 million", "$3 bn", "a $3-billion deal"
        num.scale = _SCALE_FACTORS[sw.group("w").lower()]
        num.value *= num.scale
        num.end = sw.end()
        num.scaled = True
        num.plain = False
        sw2 = SCALE_WORD.match(text, num.end)  # "5 hundred thousand"
        if sw2 and sw2.group("w").lower() in SCALES and "-" not in sw2.group("sep"):
            num.scale *= SCALES[sw2.group("w").lower()]
            num.value *= SCALES[sw2.group("w").lower()]
            num.end = sw2.end()
        return num
    sl = _SCALE_LETTER.match(text, pos)
    if sl:
        num.scale_letter = sl.group("w")
    return num


def _read_words(text: str, offset: int, run: str) -> Num | None:
    """The number a run of number words at ``offset`` gives ("two dozen", "a hundred and
    two", "tens of thousands", "half a million", "a fifth"), or None."""
    toks = [
        (t.start() + offset, t.end() + offset, t.group().lower()) for t in _WORD_TOKEN.finditer(run)
    ]
    toks = [t for t in toks if t[2] != "-"]
    article = bool(toks) and toks[0][2] in ("a", "an")
    i = 1 if article else 0
    if i >= len(toks):
        return None
    first = toks[i][2]
    start = toks[0][0] if article else toks[i][0]
    if first in _VAGUE and not article:
        return _vague_plural(toks, i, start)
    if first in ("several", "few"):
        return _several(toks, i, start, article)
    if article and first not in _ARTICLE_WORDS:
        # "a" is only a number before "hundred", "dozen", "million", "fifth" ...
        start, article = toks[1][0], False
    if not article:
        num = _half_or_fraction(toks, i, start)
        if num is not None:
            return num
    return _cardinal(toks, i, start, article)


# The words "a"/"an" makes a number of: "a hundred", "a dozen", "a million", "a fifth".
_ARTICLE_WORDS = frozenset({"hundred", "dozen", *SCALES, *_FRACTIONS})


def _vague_plural(toks: list, i: int, start: int) -> Num:
    """ "hundreds" as [200, 1000), "tens of thousands", "dozens"."""
    first = toks[i][2]
    base = _VAGUE[first]
    low, high = 2 * base, 10 * base
    end, j = toks[i][1], i + 1
    while j + 1 < len(toks) and toks[j][2] == "of" and toks[j + 1][2] in _VAGUE_SCALES:
        factor = _VAGUE_SCALES[toks[j + 1][2]]
        low, high, end, j = low * factor, high * factor, toks[j + 1][1], j + 2
    num = Num(start, end, NAN, low=low, high=high, vague=True, words=True)
    num.needs_of = first in _VAGUE_NEED_OF and j == i + 1
    return num


def _several(toks: list, i: int, start: int, article: bool) -> Num | None:
    """ "several hundred" as [300, 1000), "a few thousand" as [2000, 10000); None without
    a scale word."""
    first = toks[i][2]
    if first == "several" and article:
        return None
    if i + 1 < len(toks) and toks[i + 1][2] in ("hundred", "dozen", *SCALES):
        base = {"hundred": 100, "dozen": 12}.get(toks[i + 1][2]) or SCALES[toks[i + 1][2]]
        low = (3 if first == "several" else 2) * base
        return Num(start, toks[i + 1][1], NAN, low=low, high=10 * base, vague=True, words=True)
    return None


def _half_or_fraction(toks: list, i: int, start: int) -> Num | None:
    """ "half a million", "half million", bare "half", "quarter million", and "fifth" as
    in "the fifth of its territory" (a fraction only there: the reader checks); None for
    other words."""
    first = toks[i][2]
    rest = [t[2] for t in toks[i + 1 : i + 3]]
    if first == "half":
        if rest[:1] and rest[0] in SCALES:
            scale = SCALES[rest[0]]
            return Num(start, toks[i + 1][1], 0.5 * scale, words=True, scaled=True, scale=scale)
        if rest[:2] and rest[0] in ("a", "an") and rest[1] in SCALES:
            scale = SCALES[rest[1]]
            return Num(start, toks[i + 2][1], 0.5 * scale, words=True, scaled=True, scale=scale)
        return Num(start, toks[i][1], 0.5, words=True, fraction=True, bare_half=True)
    if first not in _FRACTIONS:
        return None
    if rest[:1] and rest[0] in SCALES:  # "quarter million"
        scale = SCALES[rest[0]]
        value = scale / _FRACTIONS[first]
        return Num(start, toks[i + 1][1], value, words=True, scaled=True, scale=scale)
    if not rest or rest[0] == "of":
        value = 1 / _FRACTIONS[first]
        return Num(start, toks[i][1], value, words=True, fraction=True, the_of=True)
    return None


@dataclass(slots=True)
class _Cardinal:
    """The state of reading cardinal words left to right ("two hundred and five thousand")."""

    toks: list
    last: str  # what the last word was: start, article, unit, tens, hundred, scale, ...
    total: float = 0.0  # the value of the words before the last scale word
    cur: float = 0.0  # the value since then
    seen_scale: float = math.inf  # the last scale word's factor: the next must be smaller
    end: int | None = None
    fraction: bool = False  # a fraction word has been read ("two thirds")


def _cardinal(toks: list, i: int, start: int, article: bool) -> Num | None:
    """Cardinal words: "twenty-two", "a hundred and two", "two thirds", "one"."""
    state = _Cardinal(toks, "article" if article else "start")
    j = i
    while j < len(toks):
        step = _CARDINAL_STEPS.get(toks[j][2])
        used = step(state, j) if step else 0
        if not used:
            break
        j += used
    if state.end is None or state.last == "and":
        return None
    value = state.total + state.cur
    num = Num(start, state.end, value, words=True)
    num.fraction = state.fraction
    num.one = (not article) and toks[i][2] == "one" and value == 1 and not state.fraction
    num.scaled = state.seen_scale < math.inf
    num.scale = state.seen_scale if num.scaled else 0.0
    return num


# Each step reads the word at toks[j] into the state and returns how many words it used,
# 0 where the number ends before it.


def _read(state: _Cardinal, j: int) -> int:
    state.end = state.toks[j][1]
    return 1


def _step_unit(state: _Cardinal, j: int) -> int:
    t = state.toks[j][2]
    v = _SMALL.get(t, _TENS.get(t))
    ok = state.last in ("start", "hundred", "scale", "and") or (state.last == "tens" and v < 10)
    if not ok or state.fraction:
        return 0
    state.cur += v
    state.last = "tens" if t in _TENS else "unit"
    return _read(state, j)


def _step_hundred(state: _Cardinal, j: int) -> int:
    if state.last not in ("unit", "tens", "article") or state.fraction:
        return 0
    state.cur = (state.cur or 1) * 100
    state.last = "hundred"
    return _read(state, j)


def _step_scale(state: _Cardinal, j: int) -> int:
    factor = SCALES[state.toks[j][2]]
    if factor >= state.seen_scale or state.last not in _BEFORE_SCALE:
        return 0
    if state.fraction:
        state.total += state.cur * factor  # "a quarter million", "two thirds billion"
        state.fraction = False
    else:
        state.total += (state.cur or 1) * factor
    state.cur, state.seen_scale, state.last = 0.0, factor, "scale"
    return _read(state, j)


_BEFORE_SCALE = ("unit", "tens", "hundred", "article", "half", "fraction")


def _step_dozen(state: _Cardinal, j: int) -> int:
    if state.last not in ("unit", "tens", "article"):
        return 0
    state.cur = (state.cur or 1) * 12
    state.last = "dozen"
    return _read(state, j)


def _step_and(state: _Cardinal, j: int) -> int:
    """ "and a half" ("two and a half million"); "and" before units ("a hundred and two")."""
    toks, last = state.toks, state.last
    nxt = [x[2] for x in toks[j + 1 : j + 3]]
    if nxt[:2] == ["a", "half"] and last in ("unit", "tens", "hundred", "scale", "dozen"):
        state.cur = state.cur + 0.5 if last != "scale" else 0.5
        if last == "scale":
            state.total += 0.5 * state.seen_scale
            state.cur = 0.0
        state.end = toks[j + 2][1]
        state.last = "half"
        return 3
    if last in ("hundred", "scale") and nxt[:1] and (nxt[0] in _SMALL or nxt[0] in _TENS):
        state.last = "and"
        return 1
    return 0


def _step_comma(state: _Cardinal, j: int) -> int:
    """A comma between scales and units: "two million, three hundred"."""
    toks = state.toks
    nxt = toks[j + 1][2] if j + 1 < len(toks) else ""
    if state.last == "scale" and (nxt in _SMALL or nxt in _TENS):
        state.last = "and"
        return 1
    return 0


def _step_fraction(state: _Cardinal, j: int) -> int:
    if state.last == "article":
        numerator = 1.0
    elif state.last == "unit" and 0 < state.cur < 20:
        numerator = state.cur
    else:
        return 0
    state.cur = numerator / _FRACTIONS[state.toks[j][2]]
    state.fraction = True
    state.last = "fraction"
    return _read(state, j)


_CARDINAL_STEPS = {
    **dict.fromkeys([*_SMALL, *_TENS], _step_unit),
    "hundred": _step_hundred,
    **dict.fromkeys(SCALES, _step_scale),
    "dozen": _step_dozen,
    "and": _step_and,
    "&": _step_and,
    ",": _step_comma,
    **dict.fromkeys(_FRACTIONS, _step_fraction),
}


def next_number(text: str, pos: int) -> re.Match | None:
    """``NUMBER_START.search(text, pos)``, about 3x faster: the pattern's long alternation
    of number words is tried only where a candidate token starts (a match can start nowhere
    else), instead of at every character."""
    for c in _NUMBER_CANDIDATE.finditer(text, pos):
        token = c.group()
        if token[0].isalpha() and token.lower() not in _NUMBER_WORD_STARTS:
            continue
        m = NUMBER_START.match(text, c.start())
        if m:
            return m
    return None


def advance(m: re.Match) -> int:
    """Where to search next after a rejected number: past its first token."""
    if m.group("words") is not None:
        w = _LETTER_RUN.search(m.group("words"))
        return m.start() + (w.end() if w else 1)
    return m.end()
