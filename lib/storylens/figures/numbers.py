"""Numbers as written in news text: digits ("30,000", "1.5", "4e14", "2 1/2", "30k") and
number words ("two dozen", "a hundred and two", "tens of thousands", "a fifth").

``next_number`` finds where the next number starts, ``read_number`` reads it into a
:class:`Num` (value, extent, and what the reader needs to know about its form).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from storylens.figures.nonfigures import MONTH_BEFORE
from storylens.figures.words import NAN, rx

_SMALL = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen".split()
    )
}
_TENS = {
    w: 10 * (i + 2)
    for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())
}
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "lakh": 1e5,
           "crore": 1e7}  # fmt: skip
# Denominators of fraction words ("a fifth", "two thirds", "three quarters").
_FRACTIONS = {
    word: denominator
    for denominator, words in {
        2: "half halves", 3: "third thirds", 4: "quarter quarters fourth fourths",
        5: "fifth fifths", 6: "sixth sixths", 7: "seventh sevenths", 8: "eighth eighths",
        9: "ninth ninths", 10: "tenth tenths", 12: "twelfth twelfths",
        20: "twentieth twentieths", 100: "hundredth hundredths",
        1000: "thousandth thousandths",
    }.items()
    for word in words.split()
}  # fmt: skip
# Vague plurals and their base: "hundreds" reads as [200, 1000), "dozens" as [24, 120).
_VAGUE = {"dozens": 12, "scores": 20, "tens": 10, "hundreds": 100, "thousands": 1e3,
          "millions": 1e6, "billions": 1e9, "trillions": 1e12}  # fmt: skip
_VAGUE_NEED_OF = {"tens", "scores"}  # "tens of ...", never "tens" alone
_VAGUE_SCALES = {"thousands": 1e3, "millions": 1e6, "billions": 1e9, "trillions": 1e12}
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
_WORD_TOKEN = re.compile(r"[A-Za-z]+|&|,|-")
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
    r"(?P<sep>_B_*-?_B_*)(?i:(?P<w>hundred|thousand|million|billion|trillion|lakh|crore|"
    r"bn|mn|mln|tn|trn))(?![A-Za-z])"
)
# "30k" accepts "k"; rejects the "km" of "30km".
_SCALE_LETTER = re.compile(r"(?P<w>mn|mln|bn|tn|trn|[kKMbBTm])(?![A-Za-z0-9])")


@dataclass
class Num:
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
    toks = [
        (t.start() + offset, t.end() + offset, t.group().lower()) for t in _WORD_TOKEN.finditer(run)
    ]
    toks = [t for t in toks if t[2] != "-"]
    if not toks:
        return None
    i = 0
    article = toks[0][2] in ("a", "an")
    if article:
        i = 1
        if i >= len(toks):
            return None
    first = toks[i][2]
    start = toks[0][0] if article else toks[i][0]

    # Vague plurals: "hundreds", "tens of thousands", "dozens".
    if first in _VAGUE and not article:
        base = _VAGUE[first]
        low, high = 2 * base, 10 * base
        end, j = toks[i][1], i + 1
        while j + 1 < len(toks) and toks[j][2] == "of" and toks[j + 1][2] in _VAGUE_SCALES:
            factor = _VAGUE_SCALES[toks[j + 1][2]]
            low, high, end, j = low * factor, high * factor, toks[j + 1][1], j + 2
        num = Num(start, end, NAN, low=low, high=high, vague=True, words=True)
        num.needs_of = first in _VAGUE_NEED_OF and j == i + 1
        return num
    # "several hundred", "a few thousand".
    if first in ("several", "few"):
        if first == "several" and article:
            return None
        if i + 1 < len(toks) and toks[i + 1][2] in ("hundred", "dozen", *SCALES):
            base = {"hundred": 100, "dozen": 12}.get(toks[i + 1][2]) or SCALES[toks[i + 1][2]]
            low = (3 if first == "several" else 2) * base
            return Num(start, toks[i + 1][1], NAN, low=low, high=10 * base, vague=True, words=True)
        return None
    if article and first not in ("hundred", "dozen", *SCALES, *_FRACTIONS):
        # "a" is only a number before "hundred", "dozen", "million", "fifth" ...
        start = toks[1][0]
        article = False
    # "half a million", "half million", bare "half".
    if first == "half" and not article:
        rest = [t[2] for t in toks[i + 1 : i + 3]]
        if rest[:1] and rest[0] in SCALES:
            return Num(
                start,
                toks[i + 1][1],
                0.5 * SCALES[rest[0]],
                words=True,
                scaled=True,
                scale=SCALES[rest[0]],
            )
        if rest[:2] and rest[0] in ("a", "an") and rest[1] in SCALES:
            return Num(
                start,
                toks[i + 2][1],
                0.5 * SCALES[rest[1]],
                words=True,
                scaled=True,
                scale=SCALES[rest[1]],
            )
        return Num(start, toks[i][1], 0.5, words=True, fraction=True, bare_half=True)

    if first in _FRACTIONS and not article and len(toks) > 1 and toks[1][2] in SCALES:
        # "quarter million"
        return Num(
            start,
            toks[1][1],
            SCALES[toks[1][2]] / _FRACTIONS[first],
            words=True,
            scaled=True,
            scale=SCALES[toks[1][2]],
        )
    if first in _FRACTIONS and not article and (len(toks) == 1 or toks[1][2] in ("of",)):
        # "the fifth of its territory": a fraction only in that context (checked by caller)
        return Num(start, toks[0][1], 1 / _FRACTIONS[first], words=True, fraction=True, the_of=True)

    total, cur, last = 0.0, 0.0, "article" if article else "start"
    seen_scale = math.inf
    end = None
    fraction = False
    j = i
    while j < len(toks):
        s, e, t = toks[j]
        if t in _SMALL or t in _TENS:
            v = _SMALL.get(t, _TENS.get(t))
            ok = last in ("start", "hundred", "scale", "and") or (last == "tens" and v < 10)
            if not ok or fraction:
                break
            cur += v
            last = "tens" if t in _TENS else "unit"
        elif t == "hundred":
            if last not in ("unit", "tens", "article") or fraction:
                break
            cur = (cur or 1) * 100
            last = "hundred"
        elif t in SCALES:
            factor = SCALES[t]
            if factor >= seen_scale or last not in (
                "unit",
                "tens",
                "hundred",
                "article",
                "half",
                "fraction",
            ):
                break
            if fraction:
                total += cur * factor
                fraction = False
            else:
                total += (cur or 1) * factor
            cur, seen_scale, last = 0.0, factor, "scale"
        elif t == "dozen":
            if last not in ("unit", "tens", "article"):
                break
            cur = (cur or 1) * 12
            last = "dozen"
        elif t in ("and", "&"):
            nxt = [x[2] for x in toks[j + 1 : j + 3]]
            if nxt[:2] == ["a", "half"] and last in ("unit", "tens", "hundred", "scale", "dozen"):
                cur = cur + 0.5 if last != "scale" else 0.5
                if last == "scale":
                    total += 0.5 * seen_scale
                    cur = 0.0
                end = toks[j + 2][1]
                j += 3
                last = "half"
                continue
            if last in ("hundred", "scale") and nxt[:1] and (nxt[0] in _SMALL or nxt[0] in _TENS):
                last = "and"
                j += 1
                continue
            break
        elif t == ",":
            nxt = toks[j + 1][2] if j + 1 < len(toks) else ""
            if last == "scale" and (nxt in _SMALL or nxt in _TENS):
                last = "and"
                j += 1
                continue
            break
        elif t in _FRACTIONS:
            if last == "article":
                numerator = 1.0
            elif last == "unit" and 0 < cur < 20:
                numerator = cur
            else:
                break
            cur = numerator / _FRACTIONS[t]
            fraction = True
            last = "fraction"
        else:
            break
        end = e
        j += 1
    if end is None or last in ("and",):
        return None
    value = total + cur
    num = Num(start, end, value, words=True)
    num.fraction = fraction
    num.one = (not article) and toks[i][2] == "one" and value == 1 and not fraction
    num.scaled = seen_scale < math.inf
    num.scale = seen_scale if num.scaled else 0.0
    return num


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
        w = re.compile(r"[A-Za-z]+").search(m.group("words"))
        return m.start() + (w.end() if w else 1)
    return m.end()
