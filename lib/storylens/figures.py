"""Figures in news text: every number, what it counts or measures, and the interval it claims.

``extract_figures`` reads the numbers a news text gives ("up to 30,000 troops",
"an estimated 600,000 Russian troops", "€90 billion", "5% of GDP", "20 or 30 years",
"the 600-mile (1,000-kilometer) front line") and returns one row per figure with its
value, its interval and what it is about. It is rule-based: regular expressions compiled
once, word lists in ``data/figure_words.yaml`` and the unit table in ``data/units.yaml``
(read by ``load_units``; pass another table with ``units=``). ``iter_figures`` gives the
same rows as tuples, without the cost of building a DataFrame, for large corpora.
Accuracy and speed: ``benchmarks/eval_quantities.py``.

>>> df = extract_figures("Zelenskyy has called for a force of more than 100,000 European troops.")
>>> df[["text", "value", "low", "high", "qualifier", "noun", "kind"]].to_dict("records")[0]
{'text': 'more than 100,000 European troops', 'value': 100000.0, 'low': 100000.0, \
'high': nan, 'qualifier': 'lower', 'noun': 'troops', 'kind': 'troops'}
"""

from __future__ import annotations

import functools
import math
import operator
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from importlib import resources
from typing import Any, NamedTuple

import numpy as np
import pandas as pd
import yaml

COLUMNS = [
    "start",
    "end",
    "text",
    "value",
    "low",
    "high",
    "low_inclusive",
    "high_inclusive",
    "qualifier",
    "unit",
    "noun",
    "kind",
]

NAN = float("nan")


# ---------------------------------------------------------------------------------------
# Data files


def _read_data_yaml(name: str) -> Any:
    text = resources.files("storylens").joinpath("data", name).read_text(encoding="utf-8")
    return yaml.safe_load(text)


_WORDS = _read_data_yaml("figure_words.yaml")


def _alternation(phrases: list[str], *, grouped: bool = False) -> str:
    """A regex alternation of literal phrases, longest first, spaces matching any blank.

    ``grouped``: for patterns used with ``match`` at a given position, group the phrases
    by their first letter (case-folded), each group behind a lookahead on its first
    letters: ``(?=[Kk])(?:km/h|kilometres|km|...)``. Python's ``re`` tries alternatives
    one by one, so a long list (the unit table has hundreds) is about three times faster
    to reject this way; the order within a group stays longest first, and phrases in
    different groups cannot match the same text, so the result is the same. (Patterns
    used with ``search`` are faster flat: ``re`` then skips ahead to possible starts.)
    """
    parts = sorted({p.strip() for p in phrases if p and p.strip()}, key=len, reverse=True)
    if not grouped:
        return "|".join(re.escape(p).replace(r"\ ", r"[ \t\u00a0]+") for p in parts)
    groups: dict[str, list[str]] = {}
    for p in parts:
        groups.setdefault(p[0].casefold(), []).append(p)
    out = []
    for members in groups.values():
        firsts = "".join(sorted({re.escape(p[0]) for p in members}))
        body = "|".join(re.escape(p).replace(r"\ ", r"[ \t\u00a0]+") for p in members)
        out.append(f"(?=[{firsts}])(?:{body})")
    return "|".join(out)


# ---------------------------------------------------------------------------------------
# Number words (English grammar, not a data table)

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
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "lakh": 1e5,
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
_NUMBER_WORDS = [*_SMALL, *_TENS, *_SCALES, "hundred", "dozen", "several", "few",
                 *_FRACTIONS, *_VAGUE]  # fmt: skip
_NUMBER_WORD_SET = frozenset(_NUMBER_WORDS)
_SCALE_FACTORS = {**_SCALES, "hundred": 100, "bn": 1e9, "mn": 1e6, "mln": 1e6, "tn": 1e12,
                  "trn": 1e12}  # fmt: skip
# Letters glued to digits that scale them: "30k", "$3bn", "€10M"; b/B/T/m only for money.
_SCALE_SUFFIX = {"k": 1e3, "K": 1e3, "M": 1e6, "mn": 1e6, "mln": 1e6, "bn": 1e9, "b": 1e9,
                 "B": 1e9, "tn": 1e12, "trn": 1e12, "T": 1e12}  # fmt: skip
_SCALE_SUFFIX_NEEDS_MONEY = {"b", "B", "T", "m"}
_VULGAR = {"½": 1 / 2, "⅓": 1 / 3, "⅔": 2 / 3, "¼": 1 / 4, "¾": 3 / 4, "⅕": 1 / 5, "⅖": 2 / 5,
           "⅗": 3 / 5, "⅘": 4 / 5, "⅙": 1 / 6, "⅚": 5 / 6, "⅛": 1 / 8, "⅜": 3 / 8,
           "⅝": 5 / 8, "⅞": 7 / 8}  # fmt: skip

_BLANK = r"[ \t\u00a0\u202f]"


def _rx(pattern: str, flags: int = 0) -> re.Pattern:
    """Compile ``pattern`` with ``_B_`` standing for one blank (space, tab, no-break space)."""
    return re.compile(pattern.replace("_B_", _BLANK), flags)


_WORD_ALT = "|".join(_NUMBER_WORDS)
# The start of a number: digits, a vulgar fraction, or a run of number words.
# Accepts "30,000", "1.5", "10 000", "-15", "½", "two dozen", "a hundred and two",
# "tens of thousands", the "115" of "USD115" (after three capitals: _read_figure keeps it
# only after a currency code); rejects the "9" of "MQ9" and the "5" of "1.5". A run of number
# words is at most 11 words long, so a long run of them costs linear time, not quadratic.
_NUMBER_START = _rx(
    r"(?P<digits>(?:(?<![\w.,])|(?<=[A-Z]{3}))(?:[-−](?=\d))?"
    r"(?:\d{1,3}(?:,\d{2,3})*,\d{3}(?!\d)|\d{1,3}(?:[\u00a0\u202f ]\d{3})+(?![\d,]\d)"
    r"|\d{1,3}(?:, \d{3})+(?![\d,])|\d+)(?:\.\d+)?|(?<![\w.,])\.\d+)"
    r"|(?P<vulgar>[" + "".join(_VULGAR) + r"])"
    r"|(?i:(?P<words>\b(?:an?_B_+)?(?:" + _WORD_ALT + r")"
    r"(?:(?:_B_{0,3}-_B_{0,3}|_B_{1,3}(?:(?:and_B_{1,3}(?:an?_B_{1,3})?|of_B_{1,3}|an?_B_{1,3}))?"
    r"|_B_{0,3}&_B_{0,3}|,_B_{1,3})(?:" + _WORD_ALT + r")){0,10}\b))"
)
_WORD_TOKEN = re.compile(r"[A-Za-z]+|&|,|-")
# Where _NUMBER_START can begin: a digit run, a sign or point before a digit, a vulgar
# fraction, or a word (kept only if it is a number word or "a"/"an", see _next_number).
# Accepts "30" of "30,000", "-" of "-15", "two"; the "9" of "MQ9" is part of a longer token.
_NUMBER_CANDIDATE = re.compile(r"\d+|[-−.](?=\d)|[A-Za-z]+|[" + "".join(_VULGAR) + "]")
_NUMBER_WORD_STARTS = _NUMBER_WORD_SET | {"a", "an"}

# Pieces that may follow a digit number.
# "2 1/2" accepts " 1/2"; rejects " 1/2/2020".
_MIXED_FRACTION = _rx(r"_B_+(\d{1,2})/(\d{1,3})(?![\d/])")
# "4e14", "2.48×10−5" accept "e14", "×10−5"; rejects the "e" of "5 each".
_SCIENTIFIC = _rx(r"(?:[eE]([-−+]?\d{1,3})|_B_?[×x]_B_?10\^?([-−+]?\d{1,3}))(?![\w.])")
# "1/4 inch" accepts "/4"; rejects "/4/2020".
_SLASH_FRACTION = re.compile(r"/(\d{1,3})(?![\d/])")
# "1.5 million" accepts " million"; "$3bn" accepts "bn"; rejects "millionaire".
_SCALE_WORD = _rx(
    r"(?P<sep>_B_*-?_B_*)(?i:(?P<w>hundred|thousand|million|billion|trillion|lakh|crore|"
    r"bn|mn|mln|tn|trn))(?![A-Za-z])"
)
# "30k" accepts "k"; rejects the "km" of "30km".
_SCALE_LETTER = re.compile(r"(?P<w>mn|mln|bn|tn|trn|[kKMbBTm])(?![A-Za-z0-9])")

# Dates and times around a number.
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|(?i:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?|(?i:january|february|"
    r"april|june|july|august|september|october|november|december))"
)
# "February 18" accepts "February "; rejects "Mayor ".
_MONTH_BEFORE = _rx(r"(?<![A-Za-z])" + _MONTH + r"_B_+$")
# "19 February 2025" accepts " February"; rejects " may".
_MONTH_AFTER = _rx(r"_B_*(?:of_B_+)?" + _MONTH + r"(?![A-Za-z])")
# "2 pm", "2:00", "10 o'clock"; rejects "2 people".
_TIME_AFTER = _rx(r"(?::\d\d|_B_*(?i:[ap]\.?m\.?(?![A-Za-z])|o['’]clock|GMT|UTC|CET|BST|EST|EDT))")
# Identifier chains: "2025-02-21", "1111-2222-3333", "090127-f-7383p"; rejects "10-15".
_CHAIN_AFTER = re.compile(r"(?:-\d+-|-[A-Za-z]{1,2}(?![A-Za-z])|\.\d|:\d|-\d+[A-Za-z])")
# The second year of "2013-14", "1914–1918"; rejects "-15 km" (not 2 to 4 digits + end).
_YEAR_RANGE_END = re.compile(r"[-–/]\d{2,4}(?!\d)")
# Explicit ages: "28-year-old", "28 - year - old", "80 years old"; rejects "80 years".
_AGE_AFTER = _rx(r"(?i:_B_*-?_B_*years?_B_*-?_B_*old)(?![A-Za-z])")
# "at the age of 71", "aged 80" accept the words before the number; rejects "page ".
_AGE_BEFORE = _rx(r"(?i)\b(?:aged|age of|ages of)_B_+$")
# "Keith Kellogg, 80," accepts "Kellogg, " before and "," after; rejects "Warsaw and ".
_APPOSITION_BEFORE = _rx(r"[A-Z][\w’'.-]*,_B_*$")
_APPOSITION_AFTER = _rx(r"_B_*(?:,|\)|;|\.(?:\s|$)|$)")
# The word right before a number: "Article 5" accepts "Article "; rejects "Article, ".
_WORD_BEFORE = _rx(r"(?P<w>[#A-Za-z][\w.’'-]*)_B_*$")
# Where a sentence or line starts: "\nArticle" accepts "\n"; rejects "the ".
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\n“\"(—–])\s*$")

# Qualifiers. "up to 30,000" accepts "up to "; rejects "set up to" (no number follows).
_QUALIFIER_KIND: dict[str, str] = {
    re.sub(r"\s+", " ", phrase.lower()): kind
    for kind, phrases in _WORDS["qualifiers_before"].items()
    for phrase in phrases
}
_QUALIFIER_BEFORE = _rx(
    r"(?i)(?<!\w)(?P<q>between|from|" + _alternation(list(_QUALIFIER_KIND)) + r")_B_*$"
)
_QUALIFIER_AFTER_KIND: dict[str, str] = {
    re.sub(r"\s+", " ", phrase.lower()): kind
    for kind, phrases in _WORDS["qualifiers_after"].items()
    for phrase in phrases
}
# "30,000 or more" accepts " or more"; "30,000+" accepts "+"; rejects " or two".
_QUALIFIER_AFTER = _rx(
    r"(?:(?P<plus>\+)(?![\d/])|-(?P<dplus>plus)(?![A-Za-z])|_B_+(?i:(?P<q>"
    + _alternation([p for p in _QUALIFIER_AFTER_KIND if p != "+"], grouped=True)
    + r"))(?![A-Za-z]))"
)
# "for over 20 years" accepts "for "; "a package over four years" has no such word.
_FOR_BEFORE = _rx(r"(?i)\b(?:for|in|of|than|lasting|lasted|last|after|took|takes)_B_+$")
# Range joins: "20 or 30", "10,000 to 30,000", "1-2", "8- to 16-meter"; rejects "20, 30".
_RANGE_JOIN = _rx(
    r"(?P<pre>-(?=_B_+(?:to|or)\b))?(?:_B_*(?P<dash>[-–‐])_B_*|_B_+(?P<w>to|or|and|through)_B_+)"
)
# A list marker: "1)" / "2 )" outside parentheses ("what 1) explains ...; 2) cautions").
# Accepts " )" after the "2"; rejects the ")" of "(up to 5)" (checked by _in_parentheses).
_LIST_MARKER_AFTER = _rx(r"_B_?\)(?!_B_*[-–:])")
# ... or "2. " at the start of a line, before a capital or a quote ("2. 'IT'S SAD ...").
_LINE_START = _rx(r"(?:^|\n)_B_*$")
_NUMBERED_LINE_AFTER = _rx(r"\._B_+(?=[A-Z“\"‘'])")
# A year cut to two digits after an apostrophe: "Clinton ’16", "the class of '89"; not an
# opening quote, which closes soon after ("'30 troops' came": see _read_figure).
_YEAR_APOSTROPHE_BEFORE = _rx(r"(?:^|[\s(])[’']$")
# A margin: "9.83 +/- 0.01", "52% ± 3", "3 plus or minus 0.5"; rejects "5 + 3".
_PLUS_MINUS = _rx(r"_B_*(?:±|\+/[-−]|(?i:plus_B_+or_B_+minus))_B_*")
# Numbers joined in a list before one unit: "45 and 50 mg", "3, 4 or 5 km"; accepts " and ".
_LIST_JOIN = _rx(r"(?:_B_*,_B_*|_B_+(?:and|or|&)_B_+)")
# "of" after a digit fraction: "1/40 of the wavelength" accepts " of ".
_OF_AFTER = _rx(r"_B_+of_B_+")
# "minus" before a number makes it negative: "minus 20 degrees" accepts "minus "; "plus or
# minus 3" (a margin) and "10 minus 3" (arithmetic) are rejected by _minus_before.
_MINUS_BEFORE = _rx(r"(?i)(?<![A-Za-z])minus_B_+$")
_MINUS_AT = _rx(r"(?i)minus_B_+")
_MINUS_NOT_AFTER = _rx(r"(?i)(?:\bor|\d)_B_*$")
# A currency code with a scale letter, common in business copy: "30 MUSD", "MEUR 120",
# "500 kEUR" (M = million, k = thousand). Accepts " MUSD"; rejects " MUSDX" and " musd".
_SCALED_CODE_AFTER = _rx(r"_B_*(?P<k>[kKM])(?P<c>[A-Z]{3})(?![A-Za-z0-9])")
_SCALED_CODE_BEFORE = _rx(r"(?<![A-Za-z])(?P<k>[kKM])(?P<c>[A-Z]{3})_B_*$")
_SCALED_CODE_FACTOR = {"k": 1e3, "K": 1e3, "M": 1e6}
# A verb of change shortly before: "rose from 5% to 7%" accepts "rose from ".
_CHANGE_BEFORE = re.compile(
    r"(?i)\b(" + _alternation(list(_WORDS["change_words"])) + r")\b[^.;]{0,40}$"
)
_IDENTIFIER_WORDS = frozenset(w.lower() for w in _WORDS["identifier_words"])
_STOP_WORDS = frozenset(w.lower() for w in _WORDS["stop_words"])
_PLURAL_NOUNS = frozenset(w.lower() for w in _WORDS["plural_nouns"])
_SUPERLATIVES = frozenset(w.lower() for w in _WORDS["superlatives"])
# Verbs of change in the past tense end a noun phrase ("the 10-year yield *rose*"); the
# present forms do not, being nouns too ("three rate rises").
_CHANGED_WORDS = frozenset(
    w.lower()
    for w in _WORDS["change_words"]
    if w.endswith("ed") or w in ("rose", "fell", "grew", "shrank", "sank", "slid", "soared")
)
_NOT_PLURAL_ENDINGS = tuple(_WORDS["not_plural_endings"])
_MONTH_WORDS = frozenset(
    "january february march april may june july august september october november december "
    "jan jan. feb feb. mar mar. apr apr. jun jun. jul jul. aug aug. sep sep. sept sept. oct "
    "oct. nov nov. dec dec. monday tuesday wednesday thursday friday saturday sunday".split()
)
# Cardinals inside fixed phrases: "on one hand" accepts "one hand"; rejects "one problem".
_FIXED_PHRASE = re.compile(
    r"(?i)(?:" + _alternation(_WORDS["fixed_phrases"], grouped=True) + r")(?![A-Za-z])"
)
# "no one" accepts "no " before "one"; rejects "now ".
_NO_ONE_BEFORE = _rx(r"(?i)\bno_B_+$")

# A word of the noun phrase after a number, with optional quotes: ' “peacekeepers”'.
_NOUN_WORD = _rx(
    r"_B_+(?P<q>[“\"‘']?)(?P<w>[A-Za-z][A-Za-z’'.\-]*[A-Za-z]|[A-Za-z])(?P<cq>[”\"’']?)"
)
# "of" and a determiner before the counted noun: " of its territory", " of the troops".
_OF_DETERMINER = _rx(
    r"_B_+of(?:_B_+(?i:the|its|their|his|her|our|your|my|these|those|this|that|a|an|all|"
    r"[A-Z][\w.-]*['’]s))?(?=_B_)"
)
# "the fifth of its territory": "the " before accepts; "of its" after accepts, "of May" not.
_THE_BEFORE = _rx(r"(?i)\bthe_B_+$")
_OF_POSSESSIVE = _rx(r"_B_+of_B_+(?i:its|their|his|her|our|your|my|[A-Z][\w.-]*['’]s)\b")
# " of a " between a fraction and its unit: "a quarter of a percentage point".
_OF_A = _rx(r"_B_+of_B_+an?(?=_B_)")
# Cents after a sum of money: "3 dollars 50 cents" accepts " 50" then " cents".
_MINOR_AMOUNT = _rx(r"_B_+(?:(?:and|&)_B_+)?(?=[\da-z])")
_MINOR_WORD = _rx(r"_B_*(?i:cents?|pence|p|mao)(?![A-Za-z])")
_MINOR_CURRENCY = {"cent", "penny", "dime", "nickel", "satoshi"}
# " in " between the two numbers of a ratio: "3 in 10 Americans".
_IN_BETWEEN = _rx(r"_B_+in_B_+(?=[\dA-Za-z])")
# A determiner after "half" or a fraction: "half the country", "a third its size".
_DETERMINER_AFTER = _rx(r"_B_+(?i:the|its|their|his|her|our|your|my|this|that|these|those)(?=_B_)")
# A hyphenated word after a number: "30,000-strong", "two-door"; rejects "-f-7383p".
_HYPHEN_WORD = _rx(r"_B_?-_B_?(?P<w>[A-Za-z][a-z]+)(?![A-Za-z-])(?!_B_?-\d)")
# A parenthesised conversion after a measure: " (1,000-kilometer)".
_PAREN_AFTER = _rx(r"_B_*\([^()\n]{1,40}\)")
# Rate after a unit: "$2 a share", "188 miles an hour", "$15.4/hour", "12-cent-a-share";
# rejects "a year earlier".
_RATE = _rx(
    r"(?:_B_*/_B_*|_B_+(?P<w>per|a|an|each)_B_+|_B_?-_B_?(?P<hw>a|an|per)_B_?-_B_?)"
    r"(?P<den>[A-Za-z]+)(?![A-Za-z])(?!_B_+(?:earlier|ago|later|before|after|prior|on|from)\b)"
)
_RATE_NOUNS = {"share": "share", "head": "head", "person": "person", "capita": "person",
               "piece": "piece", "dozen": "dozen", "unit": "unit", "barrel": "barrel"}  # fmt: skip
# Kinds of unit a price can be quoted per with "a": "$3.45 a gallon", "$2,000 an ounce".
_PRICED_KINDS = frozenset({"volume", "mass", "area", "length", "energy", "data"})
# Context that makes "pounds" money: "fined 500 pounds" accepts "fined".
_MONEY_CONTEXT = re.compile(
    r"(?i)\b(?:cost|costs|paid|pay|pays|price|priced|fine|fined|worth|spent|spend|sold|"
    r"bought|salary|wage|budget|loan|profit|revenue|sales|bid|raised|£|sterling)\b"
)
# What may follow a guarded unit symbol: "2 in thick" accepts " thick"; rejects " in my".
_GUARD_OK_AFTER = _rx(
    r"(?:\s*$|\s*[.,;:!?)\]]|_B_+(?:thick|long|wide|tall|high|deep|across|away|in diameter|"
    r"of|x|by)\b)"
)


# ---------------------------------------------------------------------------------------
# The unit table


@dataclass(frozen=True)
class UnitTable:
    """Units, currencies and counted nouns read from a YAML file like ``data/units.yaml``.

    ``after`` matches a unit right after a number, ``before`` a currency symbol or code
    right before one; ``lookup`` maps every word, symbol and alias (lower case) to the
    unit's normalised name; ``kinds`` maps names to kinds; ``noun_kinds`` counted nouns.
    """

    kinds: dict[str, str]
    lookup: dict[str, str]
    noun_kinds: dict[str, str]
    or_money: dict[str, str]
    guarded: frozenset[str]
    after: re.Pattern = field(repr=False)
    before: re.Pattern = field(repr=False)
    symbols: dict[str, str] = field(repr=False)

    def canonical(self, name: str | None) -> str | None:
        """The normalised name for a unit word, symbol or alias, or None if unknown."""
        if not name:
            return None
        key = re.sub(r"\s+", " ", name.strip())
        return self.symbols.get(key) or self.lookup.get(key.lower())

    def kind(self, unit: str | None) -> str | None:
        return self.kinds.get(unit) if unit else None


def load_units(source: str | os.PathLike | Mapping | None = None) -> UnitTable:
    """Read a unit table: the packaged ``data/units.yaml`` (None), a YAML path or a mapping.

    >>> load_units().canonical("kilometers"), load_units().kind("euro")
    ('kilometre', 'money')
    """
    if source is None:
        return _packaged_units()
    if isinstance(source, Mapping):
        return _build_units(source, "<mapping>")
    with open(source, encoding="utf-8") as fh:
        return _build_units(yaml.safe_load(fh), os.fspath(source))


@functools.cache
def _packaged_units() -> UnitTable:
    return _build_units(_read_data_yaml("units.yaml"), "storylens/data/units.yaml")


def _build_units(data: Mapping, origin: str) -> UnitTable:
    if not isinstance(data, Mapping) or "units" not in data:
        raise ValueError(f"{origin}: a unit table needs a top-level 'units:' list")
    kinds: dict[str, str] = {}
    lookup: dict[str, str] = {}
    symbols: dict[str, str] = {}
    or_money: dict[str, str] = {}
    guarded: set[str] = set()
    words: list[str] = []
    symbol_list: list[str] = []
    currency_before: list[str] = []
    for i, unit in enumerate(data["units"]):
        name, kind = unit.get("name"), unit.get("kind")
        if not name or not kind:
            raise ValueError(f"{origin}: unit #{i + 1} ({unit!r}) needs a name and a kind")
        kinds[name] = kind
        lookup[name.lower()] = name
        for w in unit.get("words") or []:
            lookup.setdefault(re.sub(r"\s+", " ", str(w).lower()), name)
            words.append(str(w))
        for s in unit.get("symbols") or []:
            s = str(s)
            symbols.setdefault(re.sub(r"\s+", " ", s), name)
            lookup.setdefault(s.lower(), name)
            symbol_list.append(s)
            if kind == "money":
                currency_before.append(s)
        for a in unit.get("aliases") or []:
            lookup.setdefault(str(a).lower(), name)
        if unit.get("or_money"):
            or_money[name] = unit["or_money"]
        guarded.update(str(g) for g in unit.get("guarded") or [])
    noun_kinds = {}
    for kind, nouns in (data.get("nouns") or {}).items():
        for n in nouns:
            noun_kinds[str(n).lower()] = kind
    # a unit right after a number: " miles", "-mile", "km", "%"; rejects " mileage"
    after = _rx(
        r"(?P<sep>_B_*-_B_*|_B_*)(?:(?i:(?P<w>" + _alternation(words, grouped=True)
        + r"))|(?P<s>" + _alternation(symbol_list, grouped=True) + r"))(?![A-Za-z0-9])"
    )  # fmt: skip
    # a currency right before a number: "$", "US$ ", "EUR "; rejects the "r" of "four"
    before = _rx(r"(?<![A-Za-z])(?P<c>" + _alternation(currency_before) + r")_B_*$")
    return UnitTable(
        kinds, lookup, noun_kinds, or_money, frozenset(guarded), after, before, symbols
    )


# ---------------------------------------------------------------------------------------
# Reading one number


@dataclass
class _Num:
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


def _read_number(text: str, m: re.Match) -> _Num | None:
    if m.group("digits") is not None:
        return _read_digits(text, m)
    if m.group("vulgar") is not None:
        return _Num(m.start(), m.end(), _VULGAR[m.group()], fraction=False)
    return _read_words(text, m.start("words"), m.group("words"))


def _read_digits(text: str, m: re.Match) -> _Num:
    raw = m.group("digits")
    if ", " in raw and _MONTH_BEFORE.search(text, max(0, m.start() - 12), m.start()):
        raw = raw[: raw.index(",")]  # "May 19, 200 people": a date, then a count
        return _Num(m.start(), m.start() + len(raw), float(raw), plain=True)
    cleaned = re.sub(r"[,\u00a0\u202f ]", "", raw).replace("−", "-")
    value = float(cleaned)
    num = _Num(m.start(), m.end(), value)
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
    sw = _SCALE_WORD.match(text, pos)
    if sw:  # "1.5 million", "$3 bn", "a $3-billion deal"
        num.scale = _SCALE_FACTORS[sw.group("w").lower()]
        num.value *= num.scale
        num.end = sw.end()
        num.scaled = True
        num.plain = False
        sw2 = _SCALE_WORD.match(text, num.end)  # "5 hundred thousand"
        if sw2 and sw2.group("w").lower() in _SCALES and "-" not in sw2.group("sep"):
            num.scale *= _SCALES[sw2.group("w").lower()]
            num.value *= _SCALES[sw2.group("w").lower()]
            num.end = sw2.end()
        return num
    sl = _SCALE_LETTER.match(text, pos)
    if sl:
        num.scale_letter = sl.group("w")
    return num


def _read_words(text: str, offset: int, run: str) -> _Num | None:
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
        num = _Num(start, end, NAN, low=low, high=high, vague=True, words=True)
        num.needs_of = first in _VAGUE_NEED_OF and j == i + 1
        return num
    # "several hundred", "a few thousand".
    if first in ("several", "few"):
        if first == "several" and article:
            return None
        if i + 1 < len(toks) and toks[i + 1][2] in ("hundred", "dozen", *_SCALES):
            base = {"hundred": 100, "dozen": 12}.get(toks[i + 1][2]) or _SCALES[toks[i + 1][2]]
            low = (3 if first == "several" else 2) * base
            return _Num(start, toks[i + 1][1], NAN, low=low, high=10 * base, vague=True, words=True)
        return None
    if article and first not in ("hundred", "dozen", *_SCALES, *_FRACTIONS):
        # "a" is only a number before "hundred", "dozen", "million", "fifth" ...
        start = toks[1][0]
        article = False
    # "half a million", "half million", bare "half".
    if first == "half" and not article:
        rest = [t[2] for t in toks[i + 1 : i + 3]]
        if rest[:1] and rest[0] in _SCALES:
            return _Num(
                start,
                toks[i + 1][1],
                0.5 * _SCALES[rest[0]],
                words=True,
                scaled=True,
                scale=_SCALES[rest[0]],
            )
        if rest[:2] and rest[0] in ("a", "an") and rest[1] in _SCALES:
            return _Num(
                start,
                toks[i + 2][1],
                0.5 * _SCALES[rest[1]],
                words=True,
                scaled=True,
                scale=_SCALES[rest[1]],
            )
        return _Num(start, toks[i][1], 0.5, words=True, fraction=True, bare_half=True)

    if first in _FRACTIONS and not article and len(toks) > 1 and toks[1][2] in _SCALES:
        # "quarter million"
        return _Num(
            start,
            toks[1][1],
            _SCALES[toks[1][2]] / _FRACTIONS[first],
            words=True,
            scaled=True,
            scale=_SCALES[toks[1][2]],
        )
    if first in _FRACTIONS and not article and (len(toks) == 1 or toks[1][2] in ("of",)):
        # "the fifth of its territory": a fraction only in that context (checked by caller)
        return _Num(
            start, toks[0][1], 1 / _FRACTIONS[first], words=True, fraction=True, the_of=True
        )

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
        elif t in _SCALES:
            factor = _SCALES[t]
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
    num = _Num(start, end, value, words=True)
    num.fraction = fraction
    num.one = (not article) and toks[i][2] == "one" and value == 1 and not fraction
    num.scaled = seen_scale < math.inf
    num.scale = seen_scale if num.scaled else 0.0
    return num


# ---------------------------------------------------------------------------------------
# Reading a whole figure around a number


@dataclass
class _Figure:
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


def _is_plural(word: str) -> bool:
    w = word.lower().strip("“”\"'‘’")
    if w in _PLURAL_NOUNS:
        return True
    if "." in w or (len(w) > 1 and word.isupper()):
        return False  # abbreviations and acronyms: "U.S.", "NATO", "OAS"
    return len(w) > 2 and w.endswith("s") and not w.endswith(_NOT_PLURAL_ENDINGS)


def _noun_phrase(
    text: str, pos: int, *, singular_ok: bool, partitive: bool = False, count: bool = False
) -> tuple[str | None, int]:
    """The head noun of the words after ``pos`` and where the phrase ends (or ``pos``).

    ``partitive``: the phrase follows "of", where a superlative or similar modifier first
    is not the head ("a third of the largest firms"); with ``count`` too it follows a
    cardinal ("one of the political prisoners"), which counts a plural, so a plural
    found is the head even after a singular-looking word ("a fifth of its territory
    remains" is a fraction: there "territory" stays the head)."""
    words: list[tuple[str, int]] = []
    p = pos
    for _ in range(6):
        m = _NOUN_WORD.match(text, p)
        if not m:
            break
        w = m.group("w")
        if w.lower() in _STOP_WORDS or w.lower() in _MONTH_WORDS:
            break
        if words and w.lower() in _CHANGED_WORDS:
            break  # "the 10-year Treasury yield rose": the verb ends the phrase ("5 rose bushes")
        if w.lower().split("-")[0] in _NUMBER_WORD_SET:
            break  # another number: "five of the three-ton satellites"
        if words and w.lower().endswith(("ed", "ing")) and not words[-1][0].endswith("ly"):
            break  # a participle after the noun: "territory occupied by"
        end = m.end() if (m.group("q") and m.group("cq")) else m.end("w")
        if "." in w and text.startswith(".", end):
            end += 1  # "U.S." in "38,000 U.S. troops"
        words.append((w, end))
        p = end
        if m.group("q") or m.group("cq") and not m.group("q"):
            break
        if text.startswith(("'s", "’s"), m.end("w")):
            continue
    plural = [_is_plural(w) and not w.endswith(("'s", "’s")) for w, _ in words]
    if True in plural:
        # the head is the last of the first run of plurals: "weapons sites", "Paris residents"
        i = plural.index(True)
        while i + 1 < len(words) and plural[i + 1]:
            i += 1
        modifier_first = partitive and (count or words[0][0].lower() in _SUPERLATIVES)
        if not (singular_ok and i > 0 and not plural[0] and not modifier_first):
            return words[i]  # "the largest acquisitions": "largest" is not the head
        words = words[: plural.index(True)]  # "one problem persists": stop at the verb
    if singular_ok and words:
        w, end = words[-1]
        if not w.endswith(("'s", "’s", "ed")):
            return w, end
    return None, pos


def _plural_follows(text: str, pos: int) -> bool:
    """Whether the next word is a plural noun ("Bob 3 times"), not a name's next word."""
    m = _NOUN_WORD.match(text, pos)
    return bool(m) and m.group("w").lower() not in _STOP_WORDS and _is_plural(m.group("w"))


def _noun_kind(noun: str | None, table: UnitTable) -> str | None:
    if not noun:
        return None
    n = noun.lower()
    for key in (n, n[:-1] if n.endswith("s") else n, n[:-3] + "y" if n.endswith("ies") else n):
        if key in table.noun_kinds:
            return table.noun_kinds[key]
    return None


def _match_unit(text: str, pos: int, table: UnitTable, *, allow_hyphen: bool = True):
    """(unit name, match) for a unit starting at ``pos``, or (None, None)."""
    um = table.after.match(text, pos)
    if not um:
        return None, None
    if "-" in um.group("sep") and not allow_hyphen:
        return None, None
    surface = um.group("w") or um.group("s")
    if um.group("s") is not None:
        if surface in table.guarded and not _GUARD_OK_AFTER.match(text, um.end()):
            return None, None
        if surface in ("$", "€", "£", "¥") and "-" in um.group("sep"):
            return None, None
        return table.symbols.get(re.sub(r"\s+", " ", surface)), um
    return table.lookup.get(re.sub(r"\s+", " ", surface.lower())), um


def _interval(qualifier_kind: str, value: float):
    """(qualifier, value, low, high, low_inclusive, high_inclusive) for a point number."""
    if qualifier_kind == "lower_exclusive":
        return "lower", value, value, NAN, False, None
    if qualifier_kind == "lower_inclusive":
        return "lower", value, value, NAN, True, None
    if qualifier_kind == "upper_exclusive":
        return "upper", value, NAN, value, None, False
    if qualifier_kind == "upper_inclusive":
        return "upper", value, NAN, value, None, True
    if qualifier_kind == "approx":
        return "approx", value, value, value, True, True
    return "exact", value, value, value, True, True


def _read_figure(text: str, m: re.Match, table: UnitTable, ages: bool) -> _Figure | None | int:
    """The figure whose number ``m`` starts; None if it is not a figure.

    An int is returned instead of None when a stretch of text must be skipped (a date
    range, an identifier chain), so that its parts are not read again.
    """
    num = _read_number(text, m)
    if num is None:
        return None
    n_start, pos = num.start, num.end
    if num.the_of:
        the = _THE_BEFORE.search(text, max(0, n_start - 5), n_start)
        if not (the and _OF_POSSESSIVE.match(text, pos)):
            return None
        n_start = num.start = the.start()  # "the" makes "fifth" a fraction: keep it
    mb = _MINUS_BEFORE.search(text, max(0, n_start - 8), n_start) if num.value > 0 else None
    if mb and not _MINUS_NOT_AFTER.search(text, max(0, mb.start() - 6), mb.start()):
        num.value, num.plain = -num.value, False  # "minus 20 degrees"
        n_start = num.start = mb.start()
    ratio = _read_ratio(text, num, table)
    if ratio is not None:
        return ratio
    if num.words and num.one and _NO_ONE_BEFORE.search(text, max(0, n_start - 4), n_start):
        return None
    if num.fraction and text.startswith("-", pos):
        return pos  # "third-quarter earnings", "fifth-largest": ordinals
    if num.words and _FIXED_PHRASE.match(text, n_start):
        fm = _FIXED_PHRASE.match(text, n_start)
        return fm.end()

    # --- glue on the left: identifiers ("MQ-9", "F-16", "pre-2014", "J1149.5") -----------
    before_char = text[n_start - 1] if n_start > 0 else " "
    if not num.words:
        if before_char in "-/+" and n_start >= 2 and text[n_start - 2].isalnum():
            return _skip_chain(text, n_start)
        if (
            num.plain
            and num.end - n_start == 2
            and _YEAR_APOSTROPHE_BEFORE.search(text, max(0, n_start - 2), n_start)
            and before_char not in text[num.end : num.end + 40]
        ):
            return _skip_chain(text, n_start)  # "’16": a year
        if before_char == ":" or (
            before_char.isalpha() and not _glued_currency_code(text, n_start, table)
        ):
            return _skip_chain(text, n_start)

    # --- glue on the right ---------------------------------------------------------------
    unit_name, um = None, None
    money_prefix = None
    left = text[max(0, n_start - 12) : n_start]
    cm = table.before.search(left)
    if cm:
        money_prefix = table.symbols.get(re.sub(r"\s+", " ", cm.group("c")))
        cur_start = n_start - len(left) + cm.start("c")
    else:
        cur_start = n_start
        scm = _SCALED_CODE_BEFORE.search(left)
        scaled_code = _scaled_currency(scm, table) if scm and not num.scaled else None
        if scaled_code and not (num.plain and 1100 <= num.value <= 2199):  # "MARS 2020"
            # "MAUD 60": 60 million Australian dollars
            money_prefix = scaled_code[0]
            cur_start = n_start - len(left) + scm.start()
            num.value *= scaled_code[1]
            num.scaled, num.plain = True, False
    if not num.words:
        if num.scale_letter:
            letter = num.scale_letter
            is_money_after = False
            after_scale = pos + len(letter)
            if letter in ("m", "M", "b", "B", "T"):
                u2, _ = _match_unit(text, after_scale, table)
                is_money_after = bool(u2 and table.kind(u2) == "money")
            if letter not in _SCALE_SUFFIX_NEEDS_MONEY or money_prefix or is_money_after:
                num.scale = 1e6 if letter == "m" else _SCALE_SUFFIX[letter]
                num.value *= num.scale
                num.end = pos = after_scale
                num.scaled = True
                num.plain = False
        if _TIME_AFTER.match(text, pos) or _CHAIN_AFTER.match(text, pos):
            return _skip_chain(text, n_start)
        sf = _SLASH_FRACTION.match(text, pos)
        if text.startswith("/", pos) and text[pos + 1 : pos + 2].isdigit() and not sf:
            return _skip_chain(text, n_start)  # "01/07/2013", "24/7"
        if sf:
            denominator = int(sf.group(1))
            u, _ = _match_unit(text, sf.end(), table)
            if u and num.plain and 0 < num.value < denominator:
                num.value /= denominator
                num.end = pos = sf.end()
                num.plain = False
            elif num.plain and 0 < num.value < denominator and _OF_AFTER.match(text, sf.end()):
                num.value /= denominator  # "about 1/40 of the wavelength": a proportion
                num.end = pos = sf.end()
                num.plain = False
                num.fraction = True
            else:
                return _skip_chain(text, n_start)
        if pos < len(text) and text[pos].isalpha() and not _match_unit(text, pos, table)[0]:
            # letters glued on: an ordinal ("21st"), a decade ("1960s"), a name ("5G")
            return _skip_chain(text, n_start)

    # --- a capitalised number word inside a sentence is a name: "Nine West", "Formula One"
    if (
        num.words
        and text[n_start].isupper()
        and not _SENTENCE_START.search(text, max(0, n_start - 3), n_start)
        and not _match_unit(text, pos, table)[0]
        and not _plural_follows(text, pos)
    ):
        return None

    # --- list markers: "1) explains ...; 2) cautions ..." ---------------------------------
    if (
        num.plain
        and num.value <= 20
        and not money_prefix
        and (
            _LIST_MARKER_AFTER.match(text, pos)
            and not _in_parentheses(text, n_start)
            or _NUMBERED_LINE_AFTER.match(text, pos)
            and _LINE_START.search(text, max(0, n_start - 4), n_start)
        )
    ):
        return None

    # --- dates --------------------------------------------------------------------------
    small_int = num.plain and 1 <= num.value <= 31
    if small_int and (_MONTH_BEFORE.search(text, max(0, n_start - 12), n_start)):
        return num.end
    if small_int and _MONTH_AFTER.match(text, pos):
        return None

    # --- qualifier before ---------------------------------------------------------------
    q_kind, q_start = None, cur_start
    over_start = None
    qm = _QUALIFIER_BEFORE.search(text, max(0, cur_start - 30), cur_start)
    between = from_ = False
    if qm:
        phrase = re.sub(r"\s+", " ", qm.group("q").lower())
        if phrase == "between":
            between = True
            q_start = qm.start("q")
        elif phrase == "from":
            from_ = True
        else:
            q_kind = _QUALIFIER_KIND[phrase]
            q_start = qm.start("q")
            if phrase == "over" and not _FOR_BEFORE.search(text, max(0, q_start - 12), q_start):
                over_start = q_start  # kept unless the unit says it is a span of time

    # --- years --------------------------------------------------------------------------
    if num.plain and 1100 <= num.value <= 2199 and not money_prefix and q_kind is None:
        u, _ = _match_unit(text, pos, table, allow_hyphen=False)
        if not u:
            return _skip_year_range(text, pos)

    # --- identifiers and names before the number ("Article 5", "Platinum Wolf 2016") ----
    if not money_prefix and q_kind is None and not between:
        wb = _WORD_BEFORE.search(text, max(0, n_start - 30), n_start)
        if wb:
            word = wb.group("w")
            low_word = word.lower()
            if low_word in _IDENTIFIER_WORDS or low_word.rstrip(".") in _IDENTIFIER_WORDS:
                return _skip_chain(text, n_start)
            if any(ch.isdigit() for ch in word):
                return _skip_chain(text, n_start)  # "Core i7 860"
            if (
                not num.words
                and not _match_unit(text, pos, table)[0]
                and not _plural_follows(text, pos)
                and word[0].isupper()
                and low_word not in _STOP_WORDS
                and low_word not in _MONTH_WORDS
                and not word.endswith(("'s", "’s"))
                and not _SENTENCE_START.search(text, max(0, wb.start() - 3), wb.start())
            ):
                return _skip_chain(text, n_start)

    # --- ages ---------------------------------------------------------------------------
    age = None
    am = _AGE_AFTER.match(text, pos) if not num.vague else None
    if am and num.value > 0:
        age = am.end()
    elif num.plain and _AGE_BEFORE.search(text, max(0, n_start - 12), n_start):
        age = pos
    elif (
        num.plain
        and 1 <= num.value <= 120
        and not money_prefix
        and q_kind is None
        and _APPOSITION_BEFORE.search(text, max(0, n_start - 40), n_start)
        and _APPOSITION_AFTER.match(text, pos)
    ):
        if not ages:
            return None
        age = pos
    if age is not None:
        return _Figure(
            q_start if q_kind else n_start,
            age,
            num.value,
            num.value,
            num.value,
            True,
            True,
            "exact",
            "year",
            None,
            "age",
            consumed=age,
        )

    # --- unit right after the first number ----------------------------------------------
    hyphen_unit = False
    unit_name, um = _match_unit(text, pos, table)
    if unit_name:
        hyphen_unit = "-" in um.group("sep")
    end = pos
    if unit_name:
        end = um.end()
    elif not money_prefix and not num.scaled:
        scm = _SCALED_CODE_AFTER.match(text, pos)
        scaled_code = _scaled_currency(scm, table) if scm else None
        if scaled_code:  # "30 MUSD": 30 million US dollars
            unit_name, end = scaled_code[0], scm.end()
            num.value *= scaled_code[1]
            num.scaled, num.plain = True, False

    # --- range --------------------------------------------------------------------------
    low = high = NAN
    is_range = margin = False
    second = None
    cur2 = None
    after_first = end if unit_name and not hyphen_unit else pos
    pmm = _PLUS_MINUS.match(text, after_first) if not num.vague and not num.fraction else None
    if pmm:  # "9.83e-3 +/- 1e-5 km/s2": the interval value -/+ margin
        m2 = _NUMBER_START.match(text, pmm.end())
        margin_num = _read_number(text, m2) if m2 else None
        if margin_num is not None and not margin_num.vague and margin_num.value > 0:
            u2, um2 = _match_unit(text, margin_num.end, table)
            if not (unit_name and u2 and u2 != unit_name):
                is_range = margin = True
                low, high = num.value - margin_num.value, num.value + margin_num.value
                end = margin_num.end
                if u2:
                    unit_name, um, end = u2, um2, um2.end()
                    hyphen_unit = "-" in um2.group("sep")
    rj = _RANGE_JOIN.match(text, after_first) if not is_range else None
    if rj and not num.vague and not num.fraction:
        join = (rj.group("w") or rj.group("dash") or "").lower()
        ok_join = join in ("-", "–", "‐", "to", "or", "through") or (join == "and" and between)
        if rj.group("pre") and not rj.group("w"):
            ok_join = False
        if join == "to" and _CHANGE_BEFORE.search(
            text, max(0, q_start - (60 if from_ else 25)), q_start
        ):
            ok_join = False  # "rose from 5% to 7%", "sales rose 6.2% to $1.45 billion"
        if ok_join and not (join == "or" and _QUALIFIER_AFTER.match(text, pos)):
            p2 = rj.end()
            cur2 = _currency_at(text, p2, table)
            if cur2:
                p2 = cur2[1]
            minus2 = _MINUS_AT.match(text, p2) if num.value < 0 else None
            if minus2:  # "from minus 5 to minus 10 degrees"
                p2 = minus2.end()
            m2 = _NUMBER_START.match(text, p2)
            if m2:
                second = _read_number(text, m2)
                if second is not None and minus2:
                    second.value = -second.value
        if second is not None and not second.vague and not second.fraction:
            p2end = second.end
            if not second.words and second.scale_letter:
                letter = second.scale_letter
                if letter not in _SCALE_SUFFIX_NEEDS_MONEY or money_prefix:
                    second.scale = 1e6 if letter == "m" else _SCALE_SUFFIX[letter]
                    second.value *= second.scale
                    second.end = p2end = p2end + len(letter)
                    second.scaled = True
            if not second.words and (
                p2end < len(text)
                and (text[p2end].isalpha() and not _match_unit(text, p2end, table)[0])
            ):
                second = None
            elif not second.words and _CHAIN_AFTER.match(text, p2end):
                second = None
        if second is not None:
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
            u2, um2 = _match_unit(text, second.end, table)
            if cur2 and not u2:
                u2, um2 = cur2[0], None
            if (unit_name or money_prefix) and u2 and u2 != (unit_name or money_prefix):
                second = None
            elif v1 > v2 and (from_ and join == "to" or between and join == "and"):
                is_range = True  # "ranged from -18 °C to -34 °C", "between minus 2 and minus 8"
                low, high = v2, v1
                end = second.end
                if u2:
                    unit_name, um = u2, um2
                    end = um2.end()
            elif v1 >= v2:
                if join in ("-", "–", "‐") and not unit_name:
                    return second.end  # a score or an identifier: "3-2", "18-12"
                second = None
            elif (
                second.plain
                and num.plain
                and 1 <= v1 <= 31
                and 1 <= v2 <= 31
                and _MONTH_AFTER.match(text, second.end)
            ):
                return second.end  # "18-19 December"
            elif second.plain and 1100 <= v2 <= 2199 and num.plain and 1100 <= v1 <= 2199:
                return second.end
            else:
                is_range = True
                low, high = v1, v2
                end = second.end
                if u2 and um2 is not None:
                    unit_name, um = u2, um2
                    hyphen_unit = "-" in um2.group("sep")
                    end = um2.end()
                if _TIME_AFTER.match(text, second.end):
                    return second.end
    if not is_range and unit_name is None and num.fraction:
        # "a quarter mile", "one-half miles", "a quarter of a percentage point"
        oa = _OF_A.match(text, pos)
        unit_name, um = _match_unit(text, oa.end() if oa else pos, table)
        if unit_name:
            end = um.end()
            hyphen_unit = "-" in um.group("sep")

    # --- money: "pounds" as sterling, currency before the number -------------------------
    if unit_name in table.or_money and (
        num.scaled or money_prefix or _MONEY_CONTEXT.search(text, max(0, n_start - 50), n_start)
    ):
        unit_name = table.or_money[unit_name]
    if money_prefix:
        if unit_name and table.kind(unit_name) == "money":
            pass  # "$10 dollars", "US$ 15"
        elif unit_name is None or hyphen_unit:
            unit_name = money_prefix
            if hyphen_unit:
                end = max(pos, second.end if is_range else pos)
                hyphen_unit = False
        # a scale word after the currency code: "75 USD million"
    if unit_name and table.kind(unit_name) == "money" and not num.scaled and not is_range:
        sw = _SCALE_WORD.match(text, end)
        if sw and sw.group("w").lower() in _SCALES and "-" not in sw.group("sep"):
            num.value *= _SCALES[sw.group("w").lower()]
            end = sw.end()

    # --- minor units: "3 dollars 50 cents", "thirteen dollars and forty-five cents" -----
    if (
        unit_name
        and table.kind(unit_name) == "money"
        and not is_range
        and not num.scaled
        and unit_name not in _MINOR_CURRENCY
        and end > pos
    ):
        mm = _MINOR_AMOUNT.match(text, end)
        if mm:
            minor = _NUMBER_START.match(text, mm.end())
            minor_num = _read_number(text, minor) if minor else None
            if minor_num and not minor_num.vague and 0 < minor_num.value < 100:
                after = minor_num.end
                cents = _MINOR_WORD.match(text, after)
                u_after, _ = _match_unit(text, after, table)
                if cents or (
                    u_after is None
                    and not _plural_follows(text, after)
                    and not (after < len(text) and text[after].isalnum())
                ):
                    num.value += minor_num.value / 100
                    end = cents.end() if cents else after

    # --- rate: "$2 a share", "188 miles an hour" ----------------------------------------
    if unit_name:
        rm = _RATE.match(text, end)
        if rm:
            den_word = rm.group("den")
            den_unit = table.canonical(den_word)
            den = den_unit or _RATE_NOUNS.get(den_word.lower().rstrip("s"))
            den_kind = table.kind(den_unit)
            priced = table.kind(unit_name) == "money" and den_kind in _PRICED_KINDS
            if (rm.group("w") or rm.group("hw")) in ("a", "an", "each") and not (
                den_kind == "duration" or priced or den in _RATE_NOUNS.values()
            ):
                den = None
            if den:
                composite = f"{unit_name} per {den}"
                unit_name = table.canonical(composite) or composite
                end = rm.end()

    if over_start is not None and unit_name and table.kind(unit_name) == "duration":
        q_kind, q_start = None, cur_start  # "a package over four years": a span, not a bound

    # --- qualifier after ----------------------------------------------------------------
    if q_kind is None and not is_range:
        qa = _QUALIFIER_AFTER.match(text, end)
        if qa:
            if qa.group("plus") or qa.group("dplus"):
                q_kind = "lower_inclusive"
            else:
                q_kind = _QUALIFIER_AFTER_KIND[re.sub(r"\s+", " ", qa.group("q").lower())]
            end = qa.end()

    # --- noun ---------------------------------------------------------------------------
    noun = None
    noun_end = end
    kind = None
    if unit_name:
        kind = table.kind(unit_name) or table.kind(unit_name.split(" per ")[0])
        # the thing a measure qualifies: "600-mile front line", "5% of GDP"
        p = end
        pm = _PAREN_AFTER.match(text, p)
        if hyphen_unit:
            if pm:
                p = pm.end()
            elif text.startswith(")", p):
                p += 1
            noun, _ = _noun_phrase(text, p, singular_ok=True)
        else:
            of = _OF_DETERMINER.match(text, p)
            if of and table.kind(unit_name) in ("percent", "money", "mass", "volume"):
                noun, _ = _noun_phrase(text, of.end(), singular_ok=True)
    else:
        hw = _HYPHEN_WORD.match(text, pos)
        if hw and hw.group("w").lower().endswith(("ed", "ing")):
            hw = None  # "486-based machines", "Saudi-led": a compound adjective
        if hw and not is_range:
            word = hw.group("w")
            if word.lower() in ("odd", "plus"):  # "20-odd countries", "40-plus missiles"
                q_kind = q_kind or ("approx" if word.lower() == "odd" else "lower_inclusive")
                noun, noun_end = _noun_phrase(text, hw.end(), singular_ok=False)
                if noun is None:
                    noun_end = hw.end()
            elif word.lower() == "strong":  # "a 30,000-strong force"
                noun, noun_end = _noun_phrase(text, hw.end(), singular_ok=True)
                if noun is None:
                    noun_end = hw.end()
                kind = _noun_kind(noun, table) or "people"
            else:
                noun, noun_end = word, hw.end()
        else:
            one = not is_range and (num.one or (not num.words and num.value == 1))
            singular_ok = one or num.fraction
            noun, noun_end = _noun_phrase(text, end, singular_ok=singular_ok)
            if one and noun is not None and _is_plural(noun):
                noun, noun_end = None, end  # "that one costs": a verb, not a noun
            if noun is None:
                of = _OF_DETERMINER.match(text, end)
                if of:
                    u_of, um_of = _match_unit(text, of.end(), table, allow_hyphen=False)
                    if u_of and num.vague and table.kind(u_of) == "money":
                        unit_name, end = u_of, um_of.end()  # "millions of dollars"
                        kind = "money"
                    else:
                        noun, noun_end = _noun_phrase(
                            text, of.end(), singular_ok=True, partitive=True, count=not num.fraction
                        )
            if num.fraction and noun is None and not unit_name:
                det = _DETERMINER_AFTER.match(text, end)  # "about half the country"
                if det:
                    noun, noun_end = _noun_phrase(text, det.end(), singular_ok=True)
                if noun is None:
                    return None
                end = max(end, noun_end)
            if num.needs_of and noun is None:
                return None
            if noun is not None:
                end = max(end, noun_end)
                qa = _QUALIFIER_AFTER.match(text, end) if q_kind is None and not is_range else None
                if qa and qa.group("q"):
                    q_kind = _QUALIFIER_AFTER_KIND[re.sub(r"\s+", " ", qa.group("q").lower())]
                    end = qa.end()
        if num.one and noun is None:
            return None  # "one" as a pronoun: "a successful one"
        if num.bare_half and noun is None:
            return None
        if num.words and noun is None and unit_name is None and num.value == 0:
            return None
        if noun is not None and hw and not is_range:
            end = max(end, noun_end)

    if unit_name is None and noun is None and not is_range and not num.fraction:
        unit_name = _shared_unit(text, end, table)  # "45 and 50 mg": the 45 is in mg too
    if kind is None:
        if unit_name:
            kind = table.kind(unit_name) or "count"
        elif num.fraction:
            kind = "fraction"
        elif noun:
            kind = _noun_kind(noun, table) or "count"
        else:
            kind = "number"
    if noun:
        noun = noun.strip("“”\"'‘’")

    # --- interval -----------------------------------------------------------------------
    start = min(n_start, cur_start, q_start)
    if is_range:
        qualifier, value = "range", (num.value if margin else NAN)
        low_inc = high_inc = True
    elif num.vague:
        qualifier, value = "range", NAN
        low, high = num.low, num.high
        low_inc, high_inc = True, False
        if q_kind in ("lower_exclusive", "lower_inclusive"):
            qualifier, high, high_inc = "lower", NAN, None
            low_inc = q_kind == "lower_inclusive"
        elif q_kind in ("upper_exclusive", "upper_inclusive"):
            qualifier, low, low_inc = "upper", NAN, None
            high_inc = q_kind == "upper_inclusive"
    else:
        qualifier, value, low, high, low_inc, high_inc = _interval(q_kind or "exact", num.value)
    if not q_kind and not is_range:
        start = min(n_start, cur_start)
    return _Figure(
        start,
        end,
        value,
        low,
        high,
        low_inc,
        high_inc,
        qualifier,
        unit_name,
        noun,
        kind,
        consumed=end,
    )


def _read_ratio(text: str, num: _Num, table: UnitTable) -> _Figure | None:
    """ "3 in 10 Americans", "one in five children": a fraction of the counted noun."""
    im = _IN_BETWEEN.match(text, num.end)
    if not im or num.vague or num.fraction or not 0 < num.value:
        return None
    m2 = _NUMBER_START.match(text, im.end())
    den = _read_number(text, m2) if m2 else None
    if den is None or den.vague or den.fraction or not num.value < den.value <= 1000:
        return None
    if _match_unit(text, den.end, table)[0]:
        return None  # "3 in 10 days" is not a ratio
    noun, noun_end = _noun_phrase(text, den.end, singular_ok=False)
    if noun is None:
        return None
    q = _QUALIFIER_BEFORE.search(text, max(0, num.start - 30), num.start)
    kind = _QUALIFIER_KIND.get(re.sub(r"\s+", " ", q.group("q").lower())) if q else None
    qualifier, value, low, high, low_inc, high_inc = _interval(
        kind or "exact", num.value / den.value
    )
    start = q.start("q") if kind else num.start
    return _Figure(
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


def _currency_at(text: str, pos: int, table: UnitTable) -> tuple[str, int] | None:
    """A currency symbol or code starting at ``pos`` followed by a number: ("$", end)."""
    chunk = text[pos : pos + 8]
    for length in range(min(6, len(chunk)), 0, -1):
        sym = chunk[:length]
        name = table.symbols.get(sym.strip())
        if name and table.kind(name) == "money" and sym == sym.strip():
            p = pos + length
            while p < len(text) and text[p] in " \t\u00a0":
                p += 1
            if p < len(text) and (text[p].isdigit() or text[p] == "."):
                return name, p
    return None


def _in_parentheses(text: str, pos: int) -> bool:
    """Whether ``pos`` is inside an open parenthesis."""
    return text.rfind("(", 0, pos) > text.rfind(")", 0, pos)


def _shared_unit(text: str, pos: int, table: UnitTable) -> str | None:
    """The unit after the next numbers of a list ("45 and 50 mg", "3, 4 or 5 km"), if the
    list reaches one within four numbers; hyphenated units ("5 and 10-mile") do not count."""
    for _ in range(4):
        join = _LIST_JOIN.match(text, pos)
        m = _NUMBER_START.match(text, join.end()) if join else None
        num = _read_number(text, m) if m else None
        if num is None or num.vague or num.fraction:
            return None
        unit, um = _match_unit(text, num.end, table)
        if unit:
            return None if "-" in um.group("sep") else unit
        pos = num.end
    return None


def _glued_currency_code(text: str, pos: int, table: UnitTable) -> bool:
    """Whether a currency code touches the number at ``pos``: "USD115", "MEUR5"."""
    name = table.symbols.get(text[max(0, pos - 3) : pos])
    if not name or table.kind(name) != "money":
        return False
    return pos < 4 or not text[pos - 4].isalpha() or text[pos - 4] in _SCALED_CODE_FACTOR


def _scaled_currency(m: re.Match, table: UnitTable) -> tuple[str, float] | None:
    """(currency, factor) for a scaled code match ("MUSD": US dollar, 1e6), or None."""
    name = table.symbols.get(m.group("c"))
    if not name or table.kind(name) != "money":
        return None
    return name, _SCALED_CODE_FACTOR[m.group("k")]


def _skip_chain(text: str, pos: int) -> int:
    """The end of the identifier-like chain of characters starting at ``pos``."""
    p = pos
    while p < len(text) and not text[p].isspace() and text[p] not in ',;()[]"“”':
        p += 1
    while p > pos and text[p - 1] in ".:!?'’":
        p -= 1
    return max(p, pos + 1)


def _skip_year_range(text: str, pos: int) -> int:
    """After a year, skip "-14" / "–2016" so the second year is not read as a figure."""
    m = _YEAR_RANGE_END.match(text, pos)
    return m.end() if m else pos


# ---------------------------------------------------------------------------------------
# Public API


def extract_figures(
    text: str,
    *,
    units: UnitTable | str | os.PathLike | Mapping | None = None,
    ages: bool = False,
) -> pd.DataFrame:
    """Every figure in ``text``: one row per number that counts or measures something.

    Parameters
    ----------
    text:
        Any English text (a sentence or a whole article).
    units:
        The unit table: None for the packaged ``data/units.yaml``, or a path to a YAML
        file of the same format, a mapping with that content, or a :class:`UnitTable`.
        A path or mapping is compiled on every call: over many texts, pass
        ``load_units(path)`` once instead.
    ages:
        Also return bare ages in appositions ("Keith Kellogg, 80,"), which are dropped
        by default. Explicit ages ("a 28-year-old") are always returned, kind ``age``.

    Returns
    -------
    DataFrame with one row per figure, in text order, and the columns:

    ``start``, ``end``
        Character offsets of the figure in ``text`` (``end`` exclusive).
    ``text``
        ``text[start:end]``. The span covers the qualifier ("up to", "more than", "an
        estimated", "between"), a currency symbol or code before the number, the number
        (digits, words, scale: "€90 billion", "two dozen", "tens of thousands"), the
        second number of a range, the unit ("-mile", "%", " percent", " years"), a rate
        ("a share"), a qualifier after the number ("or more", "+") and, for counts and
        fractions, the counted noun phrase through its head noun, with any modifiers and
        quotes in between ("up to 30,000 troops", "40,000 heavily armed European
        “peacekeepers”", "the fifth of its territory", "3 in 10 Americans"). For measures
        the span ends with the unit (or rate); the noun a measure qualifies is reported in
        ``noun`` but is not in the span ("600-mile" before "front line", "5%" before "of
        GDP"). A determiner is in the span only where it makes the number ("a fifth",
        "the fifth of its ..."), not otherwise ("the 200,000 troops" -> "200,000 troops").
    ``value``
        The number as stated, after scale words ("€90 billion" is 9e10, "30k" is 3e4):
        the point value for ``exact`` and ``approx``, the bound for ``lower`` and
        ``upper``; NaN for ranges, except a stated margin ("41% ± 3%", "12 +/- 0.5
        metres"), whose value is the central figure. Percentages are in percent (5 for
        "5%"); fractions and ratios are proportions (0.2 for "a fifth", 0.3 for "3 in
        10", 0.025 for "1/40 of the wavelength").
    ``low``, ``high``
        The interval the figure asserts; NaN where it is open ("more than 100,000" has
        no ``high``). Equal to ``value`` for exact and approximate figures.
    ``low_inclusive``, ``high_inclusive``
        Whether each bound belongs to the interval (nullable booleans, missing where the
        bound is open): "up to 30,000" has an inclusive high, "fewer than 30,000" an
        exclusive one; "more than" gives an exclusive low, "at least" an inclusive one.
        Vague plurals ("hundreds" = [200, 1000)) have an exclusive high.
    ``qualifier``
        ``exact``; ``approx`` ("about", "an estimated", "some", "nearly", "or so");
        ``lower`` ("more than", "over", "at least", "or more"); ``upper`` ("up to",
        "fewer than", "under", "within", "at most"); ``range`` ("20 or 30",
        "between 15,000 and 20,000", "1-2 thousand", a margin "41% ± 3%", and vague
        plurals such as "hundreds" or "tens of thousands").
    ``unit``
        The normalised unit of a measure, from ``units.yaml`` ("mile", "kilometre",
        "percent", "euro", "US dollar", "pound sterling", "year"); rates read "US dollar
        per share". A bare "$" is the US dollar; a code may touch the number ("USD115")
        or carry a scale letter ("30 MUSD", "MEUR 120", "500 kEUR"). Numbers listed
        before one unit share it ("45 and 50 mg": both milligram). None for counts and
        bare numbers.
    ``noun``
        What is counted, as written: the head noun after the number, skipping modifiers
        ("40,000 heavily armed European peacekeepers" -> "peacekeepers"), or after
        "of" ("dozens of homes", "a fifth of its territory"); for a measure, the noun it
        qualifies ("600-mile front line" -> "line", "5% of GDP" -> "GDP"). None if none.
    ``kind``
        The group: the unit's kind for measures (money, percent, length, duration,
        area, mass, ...); for counts the noun's group in ``units.yaml`` (troops, people,
        countries, weapons) or ``count``; ``fraction`` for a bare proportion; ``age``;
        ``number`` for a bare number with neither unit nor noun.

    Text columns use pandas' string dtype (missing values are NaN).

    Not figures: dates and years ("2025", "February 18", "in 2014", "18-19 December"),
    times ("2 pm", "10:30"), ordinals ("first", "21st", "the fifth round"; "fifth" is a
    fraction only after "a"/"one"/a cardinal or in "the fifth of its ..."), identifiers
    and names with numbers ("Article 5", "MQ-9", "F-16", "G7", "5G", "Platinum Wolf
    2016"), list markers ("1) ... 2) ..."), "one" used as a pronoun ("a successful
    one") or in fixed phrases ("on one hand"), bare "half" or fractions without what they
    divide, vague words ("several", "a few", "many") without a scale word, and ages in
    appositions unless ``ages=True``.
    A bare number word of two or more is a figure even without a noun ("between the
    two": kind ``number``). "rose from 5% to 7%" (a verb of change before) is two
    figures, not a range.

    >>> df = extract_figures("It could last 20 or 30 years.")
    >>> df[["text", "low", "high", "qualifier", "unit"]].values.tolist()
    [['20 or 30 years', 20.0, 30.0, 'range', 'year']]
    """
    return _to_frame(text, list(_scan(text, units, ages)))


class Figure(NamedTuple):
    """One figure, with the same fields as a row of :func:`extract_figures`."""

    start: int
    end: int
    text: str
    value: float
    low: float
    high: float
    low_inclusive: bool | None
    high_inclusive: bool | None
    qualifier: str
    unit: str | None
    noun: str | None
    kind: str


def iter_figures(
    text: str,
    *,
    units: UnitTable | str | os.PathLike | Mapping | None = None,
    ages: bool = False,
) -> Iterator[Figure]:
    """The rows of :func:`extract_figures` as :class:`Figure` tuples, without pandas.

    The fast path for large corpora: building a DataFrame costs about 0.1 ms per call,
    as much as reading a typical sentence (``benchmarks/eval_quantities.py``).

    >>> [(f.text, f.kind) for f in iter_figures("a loan of €90 billion")]
    [('€90 billion', 'money')]
    """
    for r in _scan(text, units, ages):
        yield Figure(
            r.start,
            r.end,
            text[r.start : r.end],
            r.value,
            r.low,
            r.high,
            r.low_inclusive,
            r.high_inclusive,
            r.qualifier,
            r.unit,
            r.noun,
            r.kind,
        )


def _scan(text: str, units, ages: bool) -> Iterator[_Figure]:
    table = units if isinstance(units, UnitTable) else load_units(units)
    pos = 0
    n = len(text)
    while pos < n:
        m = _next_number(text, pos)
        if not m:
            break
        result = _read_figure(text, m, table, ages)
        if isinstance(result, _Figure):
            yield result
            pos = max(result.consumed, m.start() + 1)
        elif isinstance(result, int) and result > m.start():
            pos = result
        else:
            pos = _advance(m)


def _next_number(text: str, pos: int) -> re.Match | None:
    """``_NUMBER_START.search(text, pos)``, about 3x faster: the pattern's long alternation
    of number words is tried only where a candidate token starts (a match can start nowhere
    else), instead of at every character."""
    for c in _NUMBER_CANDIDATE.finditer(text, pos):
        token = c.group()
        if token[0].isalpha() and token.lower() not in _NUMBER_WORD_STARTS:
            continue
        m = _NUMBER_START.match(text, c.start())
        if m:
            return m
    return None


def _advance(m: re.Match) -> int:
    """Where to search next after a rejected number: past its first token."""
    if m.group("words") is not None:
        w = re.compile(r"[A-Za-z]+").search(m.group("words"))
        return m.start() + (w.end() if w else 1)
    return m.end()


# pandas' default string dtype ("str": pyarrow-backed when pyarrow is installed, missing
# values NaN), its array class, the column labels, and the fields of a row, made once
_STR_DTYPE = pd.StringDtype(na_value=np.nan)
_STR_ARRAY = _STR_DTYPE.construct_array_type()
_COLUMN_INDEX = pd.Index(COLUMNS)
_ROW_FIELDS = operator.attrgetter(
    "start", "end", "value", "low", "high", "low_inclusive", "high_inclusive",
    "qualifier", "unit", "noun", "kind",
)  # fmt: skip


def _to_frame(text: str, rows: list[_Figure]) -> pd.DataFrame:
    """The rows as a DataFrame, built column-wise with fixed dtypes.

    ``extract_figures`` is mostly called once per sentence, where building the frame costs
    more than reading the figures, so nothing is inferred: numbers go into numpy arrays,
    the two flags into BooleanArrays (values and mask), and the five text columns into one
    string array in pandas' ``str`` dtype that is then sliced per column. The frame is
    assembled by pandas' internal ``DataFrame._from_arrays`` (about 3x faster than the
    public constructor, which checks and converts every column again); if a pandas
    version lacks it, the public constructor gives the same frame. Every frame gets its
    own index objects (a view of the column labels), so that renaming one frame's axes
    cannot touch another's; frames without rows share one set of empty columns, which
    have no values to change. ``tests/test_figures.py`` checks the result against a frame
    built row by row.
    """
    arrays = _columns(text, rows) if rows else _empty_columns()
    try:
        return pd.DataFrame._from_arrays(
            arrays,
            columns=_COLUMN_INDEX.view(),
            index=pd.RangeIndex(len(rows)),
            verify_integrity=False,
        )
    except (AttributeError, TypeError):  # pragma: no cover - a pandas without it
        return pd.DataFrame(dict(zip(COLUMNS, arrays, strict=True)), copy=False)


@functools.cache
def _empty_columns() -> list:
    return _columns("", [])


def _columns(text: str, rows: list[_Figure]) -> list:
    """One array per column of COLUMNS, in order."""
    n = len(rows)
    (start, end, value, low, high, low_inc, high_inc, qualifier, unit, noun, kind) = (
        zip(*map(_ROW_FIELDS, rows), strict=True) if n else [()] * 11
    )
    texts: list[str | None] = [text[r.start : r.end] for r in rows]
    for column in (qualifier, unit, noun, kind):
        texts.extend(column)
    strings = _STR_ARRAY._from_sequence(texts, dtype=_STR_DTYPE)

    def flags(values: tuple) -> pd.arrays.BooleanArray:
        return pd.arrays.BooleanArray(
            np.array([v is True for v in values], dtype=bool),
            np.array([v is None for v in values], dtype=bool),
        )

    return [
        np.array(start, dtype=np.int64),
        np.array(end, dtype=np.int64),
        strings[0:n],
        np.array(value, dtype=np.float64),
        np.array(low, dtype=np.float64),
        np.array(high, dtype=np.float64),
        flags(low_inc),
        flags(high_inc),
        strings[n : 2 * n],
        strings[2 * n : 3 * n],
        strings[3 * n : 4 * n],
        strings[4 * n : 5 * n],
    ]


# ---------------------------------------------------------------------------- corpus

FIGURE_TABLE_COLUMNS = [
    "doc_id", "sent_id", "role", *COLUMNS, "claimant", "claimant_via", "topic", "sentence",
    "outlet", "published",
]  # fmt: skip
# Verbs by which the actor after a figure claims it: accepts "that Ukrainian President
# Zelensky believes", "that Russia says"; rejects "that Russia attacked".
CLAIM_AFTER = re.compile(
    r"\A[^.;]{0,12}?\b(?:that|which|who)\s+(?P<who>.{1,60}?)\s+"
    r"(?:believes?|says?|said|estimates?|estimated|wants?|wanted|thinks?|argues?|argued|"
    r"claims?|claimed|considers?|deems?|calls?\s+for|called\s+for|demands?|demanded|"
    r"proposes?|proposed|needs?)\b",
    re.I,
)


def _figure_topics(registry) -> list[dict]:
    return list(getattr(registry, "figure_topics", ()) or ())


def figure_topic(row: dict, sentence: str, rules: list[dict]) -> str:
    """The topic of one figure by the first matching rule, else ``"<kind>: <noun>"``."""
    own = str(row["text"]).lower()
    lowered = sentence.lower()
    for rule in rules:
        if rule.get("kinds") and row["kind"] not in rule["kinds"]:
            continue
        words = rule.get("words")
        if words and not any(re.search(rf"\b{re.escape(w.lower())}", own) for w in words):
            continue
        context = rule.get("context")
        if context and not any(c.lower() in lowered for c in context):
            continue
        return rule["name"]
    noun = row["noun"] if isinstance(row["noun"], str) and row["noun"] else row["unit"]
    return f"{row['kind']}: {noun}" if isinstance(noun, str) and noun else str(row["kind"])


def _claimant(sentence: str, start: int, end: int, spans) -> tuple[list[str], str]:
    """Who the sentence says gives the figure at ``sentence[start:end]``, and how."""
    from storylens.actors import _cues, _speaker, _subject

    after = CLAIM_AFTER.match(sentence[end:])
    if after:
        lo, hi = end + after.start("who"), end + after.end("who")
        named = [a for s, e, a in spans if lo <= s and e <= hi]
        if named:
            return named[-1:], "claim verb"
    speaker = _speaker(sentence, spans, start, _cues())
    if speaker:
        return speaker, "speaker"
    subject = _subject(sentence, spans, start)
    if subject:
        return subject, "subject"
    return [], ""


def figure_table(
    corpus,
    *,
    registry=None,
    kinds: Iterable[str] | None = None,
    roles: Iterable[str] = ("title", "body", "caption"),
    units: UnitTable | None = None,
) -> pd.DataFrame:
    """Every figure in the corpus with its sentence, source, claimant and topic.

    Figures are extracted per document (a pure function of its text) and placed in their
    sentence. ``claimant`` is the registry actor the sentence attributes the figure to:
    the actor of "that <actor> believes/says/estimates/called for" after the figure, else
    the speaker of reported speech around it, else the subject of its clause ("Zelenskyy
    has called for a force of more than 100,000", "Macron ... to discuss a plan for
    40,000"); empty when the source states it itself. Several actors are ``"; "``-joined.
    ``topic`` is what the figure is about, from the rules in the story file
    (``figure_topics``) or ``"<kind>: <noun>"``.

    Returns the columns of :func:`extract_figures` (``start``/``end`` are document
    offsets) plus ``doc_id, sent_id, role, claimant, claimant_via`` (``claim verb``,
    ``speaker``, ``subject`` or empty), ``topic, sentence, outlet, published``; in
    document order. ``kinds`` keeps only those kinds.
    """
    from storylens.actors import actor_mentions, mention_spans, registry_for

    reg = registry_for(corpus, registry)
    rules = _figure_topics(reg)
    mentions = actor_mentions(corpus, registry=reg)
    spans_by_sentence = mention_spans(mentions)
    table_units = units or _packaged_units()
    roles = tuple(roles)
    kinds = set(kinds) if kinds is not None else None
    rows = []
    sentences = corpus.sentences
    sentences_by_doc = dict(tuple(sentences.groupby("doc_id", sort=False)))
    for doc in corpus.documents.itertuples(index=False):
        found = extract_figures(doc.text, units=table_units)
        if found.empty:
            continue
        sents = sentences_by_doc.get(doc.doc_id)
        if sents is None:
            continue
        starts = sents["start"].to_numpy()
        for rec in found.to_dict("records"):
            if kinds is not None and rec["kind"] not in kinds:
                continue
            i = int(np.searchsorted(starts, rec["start"], side="right") - 1)
            sent = sents.iloc[max(i, 0)]
            if sent["role"] not in roles:
                continue
            spans = spans_by_sentence.get((doc.doc_id, int(sent["sent_id"])), [])
            local = (rec["start"] - sent["start"], rec["end"] - sent["start"])
            who, via = _claimant(sent["text"], *local, spans)
            rows.append({
                "doc_id": doc.doc_id, "sent_id": int(sent["sent_id"]), "role": sent["role"], **rec,
                "claimant": "; ".join(reg.actor(a)["name"] for a in dict.fromkeys(who)),
                "claimant_via": via, "topic": figure_topic(rec, sent["text"], rules),
                "sentence": sent["text"], "outlet": doc.outlet, "published": doc.published,
            })  # fmt: skip
    return pd.DataFrame(rows, columns=FIGURE_TABLE_COLUMNS)


def _bounds(row) -> tuple[float, float]:
    low = row["low"] if pd.notna(row["low"]) else -np.inf
    high = row["high"] if pd.notna(row["high"]) else np.inf
    return low, high


def _overlap(a, b) -> bool:
    """Whether two figures' intervals share a value (open bounds respected)."""
    (alo, ahi), (blo, bhi) = _bounds(a), _bounds(b)
    lo, hi = max(alo, blo), min(ahi, bhi)
    if lo < hi:
        return True
    if lo > hi:
        return False

    # touching at one point: shared only if both sides include it
    def includes(row, x):
        low, high = _bounds(row)
        ok_low = x > low or (x == low and row["low_inclusive"] is not False)
        ok_high = x < high or (x == high and row["high_inclusive"] is not False)
        return ok_low and ok_high

    return includes(a, lo) and includes(b, lo)


COMPARE_COLUMNS = [
    "kind", "topic", "reason", "claimant", "doc_id_a", "text_a", "low_a", "high_a",
    "sentence_a", "doc_id_b", "text_b", "low_b", "high_b", "sentence_b",
]  # fmt: skip


def compare(figures: pd.DataFrame) -> pd.DataFrame:
    """Disagreements between sources among figures of the same kind and topic.

    Two figures from different documents are flagged when (a) the same claimant is given
    different intervals ("same claimant, different figures": Zelensky's 200,000 troops in
    one source, "more than 100,000" in another), or (b) their intervals do not overlap
    ("intervals do not overlap": "up to 30,000" against "more than 100,000"; open bounds
    and inclusiveness are respected). Returns one row per flagged pair: ``kind, topic,
    reason, claimant`` (for reason a) and, for each side ``_a``/``_b``, ``doc_id, text,
    low, high, sentence``; sorted by kind, topic and position.
    """
    rows = []
    figures = figures.reset_index(drop=True)
    for (kind, topic), group in figures.groupby(["kind", "topic"], sort=True):
        records = group.sort_values(["doc_id", "start"]).to_dict("records")
        for i, a in enumerate(records):
            for b in records[i + 1 :]:
                if a["doc_id"] == b["doc_id"]:
                    continue
                same_interval = _bounds(a) == _bounds(b)
                claim_a = set(filter(None, str(a["claimant"] or "").split("; ")))
                claim_b = set(filter(None, str(b["claimant"] or "").split("; ")))
                shared = sorted(claim_a & claim_b)
                if shared and not same_interval:
                    reason, claimant = "same claimant, different figures", "; ".join(shared)
                elif not _overlap(a, b):
                    reason, claimant = "intervals do not overlap", ""
                else:
                    continue
                sides = [
                    s[c] for s in (a, b) for c in ("doc_id", "text", "low", "high", "sentence")
                ]
                rows.append((kind, topic, reason, claimant, *sides))
    return pd.DataFrame(rows, columns=COMPARE_COLUMNS)


def figure_groups(figures: pd.DataFrame) -> pd.DataFrame:
    """One row per kind and topic: how many figures and sources, and their span.

    Returns ``kind, topic, n_figures, n_sources, lowest`` (the smallest known bound or
    value), ``highest`` (the largest), ``claimants`` (``"; "``-joined) and ``texts`` (the
    figures as written, ``" | "``-joined), sorted by kind and topic.
    """
    columns = ["kind", "topic", "n_figures", "n_sources", "lowest", "highest", "claimants", "texts"]
    if figures.empty:
        return pd.DataFrame(columns=columns)
    known = figures.assign(
        lo=figures[["low", "value", "high"]].min(axis=1),
        hi=figures[["low", "value", "high"]].max(axis=1),
    )
    groups = known.groupby(["kind", "topic"], sort=True).agg(
        n_figures=("text", "size"),
        n_sources=("doc_id", "nunique"),
        lowest=("lo", "min"),
        highest=("hi", "max"),
        claimants=(
            "claimant",
            lambda c: "; ".join(sorted({x for v in c for x in str(v).split("; ") if x})),
        ),
        texts=("text", " | ".join),
    )
    return groups.reset_index()[columns]
