"""The words the timeline reads: the shared lexicon plus its own TIMEX3 tables.

Months, weekdays, cardinal number words and qualifier phrases come from
:mod:`storylens.lexicon`; what only the timeline needs (units, seasons, parts of day,
holidays, tense cues, "a couple of", "half a", vague counts) comes from
``data/timex_lexicon.yaml``. Everything is read once, at import.

>>> MONTHS["sept"], WEEKDAYS["thursday"], NUMBER_WORDS["a dozen"], QUANTITY_MODS["nearly"]
(9, 4, 12, 'LESS_THAN')
>>> sorted(cased(["may"]).split("|"))
['MAY', 'May']
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from importlib import resources

import yaml

from storylens import lexicon

__all__ = [
    "COUNT_NOUNS", "COUNT_WORDS", "DAYLIGHT_WORDS", "DAYS_AFTER_THANKSGIVING", "DECADE_WORDS",
    "EASTER_HOLIDAYS", "FUTURE_CUES", "GENERIC_AFTER_TODAY", "HIJRI_HOLIDAYS", "WEEKDAY_HOLIDAYS",
    "HOLIDAYS", "MONTHS", "MOVABLE_HOLIDAYS", "NUMBER_WORDS", "ORDINALS", "PARTS_OF_DAY",
    "PAST_CUES", "QUANTITY_MODS", "SIGNAL_QUALIFIERS", "SEASONS", "SEASON_START_MONTH", "UNITS",
    "VAGUE_NUMBERS",
    "WEEKDAYS", "alternation", "cased",
]  # fmt: skip

TIMEX_LEXICON = yaml.safe_load(
    resources.files("storylens").joinpath("data", "timex_lexicon.yaml").read_text("utf-8")
)

MONTHS: dict[str, int] = dict(lexicon.months())
WEEKDAYS: dict[str, int] = dict(lexicon.weekdays())
# Number words a duration may count with, "a"/"an" aside: the lexicon's cardinals and the
# timeline's own forms ("a dozen"); "zero" names no stretch of time ("zero days" is no
# expression TimeBank tags).
COUNT_WORDS: dict[str, float] = {
    **{w: v for w, v in lexicon.cardinals().items() if w != "zero"},
    **TIMEX_LEXICON["number_words"],
}
NUMBER_WORDS: dict[str, float] = {**TIMEX_LEXICON["article_numbers"], **COUNT_WORDS}
VAGUE_NUMBERS: list[str] = TIMEX_LEXICON["vague_numbers"]
UNITS: dict[str, list] = TIMEX_LEXICON["units"]
SEASONS: dict[str, str] = TIMEX_LEXICON["seasons"]
PARTS_OF_DAY: dict[str, str] = TIMEX_LEXICON["parts_of_day"]
HOLIDAYS: dict[str, str] = {k.replace("’", "'"): v for k, v in TIMEX_LEXICON["holidays"].items()}
MOVABLE_HOLIDAYS: list[str] = TIMEX_LEXICON["movable_holidays"]
DAYS_AFTER_THANKSGIVING: dict[str, int] = TIMEX_LEXICON["days_after_thanksgiving"]
WEEKDAY_HOLIDAYS: dict[str, list[int]] = {
    k.replace("’", "'"): v for k, v in TIMEX_LEXICON["weekday_holidays"].items()
}
EASTER_HOLIDAYS: dict[str, int] = TIMEX_LEXICON["easter_holidays"]
HIJRI_HOLIDAYS: dict[str, list] = TIMEX_LEXICON["hijri_holidays"]
DAYLIGHT_WORDS: dict[str, str] = TIMEX_LEXICON["daylight_words"]
COUNT_NOUNS = frozenset(TIMEX_LEXICON["count_nouns"])
GENERIC_AFTER_TODAY: list[str] = TIMEX_LEXICON["generic_after_today"]
PAST_CUES: list[str] = TIMEX_LEXICON["past_cues"]
FUTURE_CUES: list[str] = TIMEX_LEXICON["future_cues"]
ORDINALS: dict[str, int] = TIMEX_LEXICON["ordinals"]
DECADE_WORDS: dict[str, int] = TIMEX_LEXICON["decade_words"]
SEASON_START_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}

# The lexicon's bound kinds as TIMEX3 ``mod`` values. TIMEX3 reads "nearly a year" as
# LESS_THAN (the lexicon's ``approx_below``), where the figures read it as approximate.
BOUND_MODS = {
    "approx": "APPROX",
    "approx_below": "LESS_THAN",
    "lower_exclusive": "MORE_THAN",
    "upper_exclusive": "LESS_THAN",
    "lower_inclusive": "EQUAL_OR_MORE",
    "upper_inclusive": "EQUAL_OR_LESS",
}
# Qualifier phrase before a duration -> TIMEX3 mod, for the phrases the timeline takes
# ("within two years" -> EQUAL_OR_LESS, "nearly a decade" -> LESS_THAN).
QUANTITY_MODS: dict[str, str] = {
    phrase: BOUND_MODS[lexicon.qualifiers()[phrase]]
    for phrase in TIMEX_LEXICON["duration_qualifiers"]
}
# Qualifiers that set the mod but stay out of the span ("within").
SIGNAL_QUALIFIERS = frozenset(TIMEX_LEXICON["signal_qualifiers"])


def alternation(words: Iterable[str], *, flexible_space: bool = True) -> str:
    """A regex alternation of ``words``, longest first; spaces match any whitespace and an
    apostrophe either form.

    >>> alternation(["new year's eve", "eve"])
    "new\\\\s+year['’]s\\\\s+eve|eve"
    """
    parts = []
    for w in sorted(set(words), key=len, reverse=True):
        p = re.escape(w)
        if flexible_space:
            p = p.replace(r"\ ", r"\s+")
        parts.append(p.replace("'", "['’]"))
    return "|".join(parts)


# Words a name keeps in lower case after its first word: "Fourth of July".
_LOWER_IN_NAMES = frozenset({"of", "the", "and"})


def cased(words: Iterable[str]) -> str:
    """Alternation of ``words`` in Title case and UPPER case only (names of months, days);
    each word's first letter is raised, so "new year's eve" is "New Year's Eve", not the
    "New Year'S Eve" of ``str.title``, except "of", "the", "and" after the first word
    ("Fourth of July"; "the Fourth of July" is "The Fourth of July")."""
    forms = set()
    for w in words:
        parts = w.split(" ")
        forms.add(" ".join(p if p in _LOWER_IN_NAMES and i else p[:1].upper() + p[1:]
                           for i, p in enumerate(parts)))  # fmt: skip
        forms.add(w.upper())
    return alternation(forms)
