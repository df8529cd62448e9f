"""The public reader: ``extract_figures`` (a DataFrame), ``iter_figures`` (tuples) and
the scanner that walks a text from number to number.
"""

from __future__ import annotations

import functools
import operator
import os
from collections.abc import Iterator, Mapping
from typing import NamedTuple

import numpy as np
import pandas as pd

from storylens.compat import frame_from_arrays, string_array
from storylens.figures.changes import (
    AMOUNT_AT_LEVEL,
    AMOUNT_THEN_LEVEL,
    COMPARED_BEFORE,
    INCREASE,
    LEVEL_QUALIFIER,
    LEVEL_THEN_AMOUNT,
    LEVEL_THEN_FROM,
    PAIR_JOIN,
    RELATIVE_NOUNS,
    SAME_AMOUNT,
    UP_TO_THEN_FROM,
    change_after,
    change_before,
    pair_direction,
    up_to_level,
)
from storylens.figures.numbers import advance, next_number
from storylens.figures.reader import Reading, read_figure
from storylens.figures.units import UnitTable, load_units

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
    "change",
    "change_part",
    "from_value",
    "to_value",
    "unit",
    "noun",
    "kind",
]


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

    ``start``, ``end`` (offsets in ``text``), ``text`` (the figure as written, with its
    qualifier, currency, unit and counted noun), ``value`` (the number as stated, after
    scale words), ``low``, ``high`` (the interval it asserts, NaN where open),
    ``low_inclusive``, ``high_inclusive`` (nullable booleans), ``qualifier`` (``exact``,
    ``approx``, ``lower``, ``upper``, ``range``), ``change`` (``increase``, ``decrease``,
    missing), ``change_part`` (``amount``, ``from``, ``to``), ``from_value``,
    ``to_value`` (the levels of a from/to pair), ``unit`` (normalised, None for counts),
    ``noun`` (what is counted or qualified) and ``kind`` (money, percent, length, troops,
    people, count, fraction, age, number, ...): the fields of :class:`Figure`, whose
    documentation says exactly what each holds.

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
    linked figures, not a range: the ``from`` and ``to`` of one change.

    >>> df = extract_figures("It could last 20 or 30 years.")
    >>> df[["text", "low", "high", "qualifier", "unit"]].values.tolist()
    [['20 or 30 years', 20.0, 30.0, 'range', 'year']]
    """
    return _to_frame(text, list(_scan(text, units, ages)))


def figure_records(
    text: str,
    *,
    units: UnitTable | str | os.PathLike | Mapping | None = None,
    ages: bool = False,
) -> list[dict]:
    """``extract_figures(text, units=units, ages=ages).to_dict("records")`` without the
    frame: one dict per figure, keys :data:`COLUMNS`, values Python ints, floats and
    strings, missing text NaN and a missing flag None (a test compares the two)."""
    return [_record(text, r) for r in _scan(text, units, ages)]


def _text_or_nan(value: str | None) -> str | float:
    return np.nan if value is None else value


def _number(value) -> float:
    return np.nan if value is None else float(value)


def _flag(value) -> bool | None:
    return None if value is None else value is True


def _record(text: str, r: Reading) -> dict:
    """One row of :func:`figure_records`: the values a row of :func:`_columns`' arrays
    gives as Python objects, without making the arrays."""
    t, x, f = _text_or_nan, _number, _flag
    values = (
        int(r.start), int(r.end), text[r.start : r.end], x(r.value), x(r.low), x(r.high),
        f(r.low_inclusive), f(r.high_inclusive), t(r.qualifier), t(r.change),
        t(r.change_part), x(r.from_value), x(r.to_value), t(r.unit), t(r.noun), t(r.kind),
    )  # fmt: skip
    return dict(zip(COLUMNS, values, strict=True))


class Figure(NamedTuple):
    """One figure, with the same fields as a row of :func:`extract_figures`.

    Fields
    ------
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
    ``change``
        ``increase`` or ``decrease`` where the figure belongs to a change (None
        otherwise): see :mod:`storylens.figures.changes`. Beside the qualifier: "rose by
        more than 5%" is a ``lower`` bound of an increase.
    ``change_part``
        The figure's part in its change: ``amount`` (its size: "rose *5%*", "cut *20,000
        troops*", "a *3%* drop"; ``value`` is the size, never negative), ``from`` (the
        level before: "down from *40*"), ``to`` (the level after: "doubled to *$40
        billion*", "fell 2% to *$5 billion*", "closed at *$60*, down 50 cents"; "ticking
        up to *43%*" is the level reached, ``exact``, its text without "up to", while
        "deploy up to 30,000 troops" stays an ``upper`` bound); None for a figure that is
        no part of a change (a level).
    ``from_value``, ``to_value``
        The levels before and after the change, on its ``from`` and ``to`` figures ("rose
        from 5% to 7%": 5 and 7 on both figures; a lone "to 7%" has only ``to_value``);
        NaN otherwise, and where a level is a range.
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
        ``number`` for a bare number with neither unit nor noun. (``figure_table`` names
        a count's noun: "count: votes".)
    """

    start: int
    end: int
    text: str
    value: float
    low: float
    high: float
    low_inclusive: bool | None
    high_inclusive: bool | None
    qualifier: str
    change: str | None
    change_part: str | None
    from_value: float
    to_value: float
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
            r.change,
            r.change_part,
            r.from_value,
            r.to_value,
            r.unit,
            r.noun,
            r.kind,
        )


def _scan(text: str, units, ages: bool) -> Iterator[Reading]:
    """The figures of ``text``, each marked with its part in a change: a figure is held
    back until the next is read, which may be the other half of its from/to pair."""
    held = None
    for reading in _numbers(text, units, ages):
        _mark_change(text, reading)
        if held is not None:
            _link_pair(text, held, reading)
            yield _settled(held)
        held = reading
    if held is not None:
        yield _settled(held)


def _mark_change(text: str, r: Reading) -> None:
    """Set ``change`` and ``change_part`` from the words before the figure, else after."""
    if r.qualifier == "upper":
        number_start = up_to_level(text, r.start)
        if number_start is not None:  # "ticking up to 43%": the level after, exact
            _as_level_after(r, number_start, INCREASE)
            return
    relative = r.kind == "percent" or (r.unit is None and str(r.noun).lower() in RELATIVE_NOUNS)
    found = change_before(text, r.start, count=r.unit is None, noun=r.noun, relative=relative)
    if found is not None and found.part != "amount" and not _stated(text, r):
        found = None  # "reducing people to one identity": a number word is no level
    if found is not None:
        part = found.part
        if part == "amount" and LEVEL_QUALIFIER.match(text, r.start):
            part = "to"  # "climbed above 8,000": the level reached, a bound
        _set_part(r, found.direction, part)
        return
    noun = r.noun if r.unit is None and not relative else None
    direction = change_after(text, r.end, noun, relative=relative)
    if direction:
        r.change, r.change_part = direction, "amount"


def _set_part(r: Reading, direction: str | None, part: str) -> None:
    """Make ``r`` the ``part`` (amount, from, to) of a change in ``direction``; a level
    keeps its value as ``from_value`` or ``to_value``."""
    r.change, r.change_part = direction, part
    if part == "to":
        r.to_value = r.value
    elif part == "from":
        r.from_value = r.value


def _as_level_after(r: Reading, number_start: int, direction: str) -> None:
    """Make a figure read as "up to X" the exact level ``X`` a change reached."""
    if r.value != r.value:
        return  # a vague number ("up to hundreds") keeps its bound
    r.start, r.qualifier = number_start, "exact"
    r.low = r.high = r.value
    r.low_inclusive = r.high_inclusive = True
    _set_part(r, direction, "to")


def _stated(text: str, r: Reading) -> bool:
    """Whether a figure is written with digits or a unit (a level of a change must be)."""
    return r.unit is not None or any(c.isdigit() for c in text[r.start : r.end])


def _link_pair(text: str, a: Reading, b: Reading) -> None:
    """Link two figures that are the from and the to of one change ("from 5% to 7%",
    "to 7% from 5%"): both get both values, and the direction the values give."""
    if a.change_part is None and b.change_part is None:
        return  # the common case: neither is part of a change
    between = text[a.end : b.start] if b.start - a.end <= 40 else ""
    if not between:
        return  # "30, down from 40", "from 5% to 7%": the two are close
    if a.change_part is not None and b.change_part is None:
        if SAME_AMOUNT.fullmatch(between):
            # one amount or level in two units: "fell 2% or $1.40 a share", "to $45
            # million, or 80 cents a share"
            _set_part(b, a.change, a.change_part)
            return
        level = AMOUNT_THEN_LEVEL.fullmatch(between)
        prep = level.group("prep").lower() if level else None
        if a.change_part == "amount" and AMOUNT_AT_LEVEL.fullmatch(between):
            prep = "to"  # "closed down $1.875 at $44.875"
        if (
            prep is None
            or not _stated(text, b)
            or (a.change_part != "amount" and prep == a.change_part)
        ):
            return
        # "fell 190 points, or 0.6 percent, to 31,500", "to 30 cents a share from 25
        # cents": the level after (or before)
        _set_part(b, a.change, prep)
        if a.change_part == "amount" or a.unit != b.unit or a.noun != b.noun:
            return  # two levels of one change in one unit are a pair (below)
    if a.qualifier == "upper" and b.change_part == "from":
        if (m := UP_TO_THEN_FROM.match(text, a.start)) and m.end() <= a.end:
            _as_level_after(a, m.end(), b.change or "")  # "up to 43% from 40%"
    if a.change_part is None and b.change_part == "amount" and _stated(text, a):
        compared = COMPARED_BEFORE.search(text, max(0, a.start - 20), a.start)
        if LEVEL_THEN_AMOUNT.fullmatch(between) and not compared:
            _set_part(a, b.change, "to")  # "closed at $60, down 50 cents": the level after
        return
    if a.change_part is None and b.change_part == "from" and LEVEL_THEN_FROM.fullmatch(between):
        a.change_part = "to"  # "30, down from 40": 30 is the level after
    elif {a.change_part, b.change_part} != {"from", "to"}:
        return
    elif not PAIR_JOIN.fullmatch(between):
        return
    first, last = (a, b) if a.change_part == "from" else (b, a)
    direction = pair_direction(first.value, last.value, a.change or b.change or "")
    for r in (a, b):
        r.from_value, r.to_value, r.change = first.value, last.value, direction


def _settled(r: Reading) -> Reading:
    """A figure whose change has no direction (an undirected verb, no pair) is none."""
    if r.change == "":
        r.change = r.change_part = None
        r.from_value = r.to_value = float("nan")
    return r


def _numbers(text: str, units, ages: bool) -> Iterator[Reading]:
    table = units if isinstance(units, UnitTable) else load_units(units)
    pos = 0
    n = len(text)
    while pos < n:
        m = next_number(text, pos)
        if not m:
            break
        result = read_figure(text, m, table, ages)
        if isinstance(result, Reading):
            yield result
            pos = max(result.consumed, m.start() + 1)
        elif isinstance(result, int) and result > m.start():
            pos = result
        else:
            pos = advance(m)


# pandas' default string dtype ("str": pyarrow-backed when pyarrow is installed, missing
# values NaN), its array class, the column labels, and the fields of a row, made once
_STR_DTYPE = pd.StringDtype(na_value=np.nan)

_COLUMN_INDEX = pd.Index(COLUMNS)
_ROW_FIELDS = operator.attrgetter(
    "start", "end", "value", "low", "high", "low_inclusive", "high_inclusive",
    "qualifier", "change", "change_part", "from_value", "to_value", "unit", "noun", "kind",
)  # fmt: skip


def _to_frame(text: str, rows: list[Reading]) -> pd.DataFrame:
    """The rows as a DataFrame, built column-wise with fixed dtypes.

    ``extract_figures`` is mostly called once per sentence, where building the frame costs
    more than reading the figures, so nothing is inferred: numbers go into numpy arrays,
    the two flags into BooleanArrays (values and mask), and the five text columns into one
    string array in pandas' ``str`` dtype that is then sliced per column. The frame is
    assembled by :func:`storylens.compat.frame_from_arrays` (pandas' internal constructor,
    about 3x faster than the public one, which checks and converts every column again).
    Every frame gets its own index objects (a view of the column labels), so that
    renaming one frame's axes cannot touch another's; frames without rows share one set
    of empty columns, which have no values to change. The tests check the result against
    a frame built row by row.
    """
    arrays = _columns(text, rows) if rows else _empty_columns()
    return frame_from_arrays(arrays, _COLUMN_INDEX.view(), len(rows))


@functools.cache
def _empty_columns() -> list:
    return _columns("", [])


def _columns(text: str, rows: list[Reading]) -> list:
    """One array per column of COLUMNS, in order."""
    n = len(rows)
    fields = list(zip(*map(_ROW_FIELDS, rows), strict=True)) if n else [()] * 15
    (start, end, value, low, high, low_inc, high_inc, qualifier) = fields[:8]
    (change, part, from_v, to_v, unit, noun, kind) = fields[8:]
    texts: list[str | None] = [text[r.start : r.end] for r in rows]
    for column in (qualifier, change, part, unit, noun, kind):
        texts.extend(column)
    strings = string_array(texts, _STR_DTYPE)

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
        np.array(from_v, dtype=np.float64),
        np.array(to_v, dtype=np.float64),
        strings[4 * n : 5 * n],
        strings[5 * n : 6 * n],
        strings[6 * n : 7 * n],
    ]
