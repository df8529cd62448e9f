"""The normalisers: one per kind of expression, each turning a match into a :class:`Timex`.

A normaliser is a pure function ``(match, anchors, start, end) -> Timex | None``: it reads
the text and the :class:`~storylens.timeline.anchoring.Anchors` (article date, the dates
told before) and returns the TIMEX3 type, value and granularity of the expression, or None
to drop the match ("80-year-old" is an age). What it tells later expressions (a reporting
quarter, "the first nine months") travels in :attr:`Timex.period`; the tagger applies it.
An *accept* function ``(match, text) -> bool`` rejects a match before any overlap is
settled ("Theresa May" is no month).

>>> import datetime as dt, re
>>> m = re.match(r"(?P<y>\\d{4})-(?P<m>\\d\\d)-(?P<d>\\d\\d)(?P<hh>)(?P<mi>)", "2025-02-21")
>>> iso_date(m, Anchors("2025-02-21", None), 0, 10)
Timex(type='DATE', value='2025-02-21', granularity='day', mod='', relative=False, \
resolved=False, span_start=None, period=None)
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import NamedTuple

from storylens.timeline.anchoring import (
    Anchors,
    add_months,
    iso_week,
    norm,
    pick_date,
    pick_weekday,
    pick_year_for_month,
    quarter_of,
    safe_date,
    shift_quarter,
)
from storylens.timeline.patterns import ABBR_MONTHS, CONTEXT, rule_pattern
from storylens.timeline.resources import (
    COUNT_NOUNS,
    DECADE_WORDS,
    HOLIDAYS,
    MONTHS,
    MOVABLE_HOLIDAYS,
    NUMBER_WORDS,
    ORDINALS,
    PARTS_OF_DAY,
    SEASON_START_MONTH,
    SEASONS,
    UNITS,
    WEEKDAYS,
)


class Period(NamedTuple):
    """A reporting period an expression tells later ones about: ``span`` "quarter" (with
    the (year, quarter) told) or "year" ("the first nine months", quarter None)."""

    span: str
    quarter: tuple[int, int] | None = None


@dataclasses.dataclass(frozen=True, slots=True)
class Timex:
    """One normalised expression: its TIMEX3 ``type``, ``value``, ``granularity``,
    ``mod``, whether it is ``relative`` and ``resolved`` (see
    :func:`~storylens.timeline.tagger.extract_timexes`); ``span_start`` moves the start of
    the span ("for months": "months"), ``period`` is what it tells later expressions."""

    type: str
    value: str
    granularity: str
    mod: str = ""
    relative: bool = False
    resolved: bool = False
    span_start: int | None = None
    period: Period | None = None


def _anchored(type_: str, value: str, gran: str, *, mod: str = "", **kw) -> Timex:
    """A relative expression resolved against an anchor."""
    return Timex(type_, value, gran, mod, relative=True, resolved=True, **kw)


def _unanchored(type_: str, value: str, gran: str, *, mod: str = "") -> Timex:
    """A relative expression with nothing to anchor it (its value keeps X parts)."""
    return Timex(type_, value, gran, mod, relative=True)


# ------------------------------------------------------------------------------ numbers


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
    'PT1H30M'."""
    letter, mult, _ = UNITS[unit]
    time_part = unit in ("hour", "minute", "second")
    prefix = "PT" if time_part else "P"
    if n is None:
        return f"{prefix}X{letter}"
    n = n * mult
    whole = int(n)
    if n == whole:
        return f"{prefix}{whole}{letter}"
    # a fraction goes to the next smaller unit: 2 1/2 years -> P2Y6M, 1.5 minutes -> PT1M30S
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


def _is_count_word(word: str) -> bool:
    """A plural noun after a number makes it a count: "2000 troops", "4 civilians"."""
    return word in COUNT_NOUNS or bool(re.fullmatch(r"[a-z]{3,}[^s]s", word))


# --------------------------------------------------------------------- calendar dates


def iso_date(m: re.Match, ctx: Anchors, s: int, e: int) -> Timex | None:
    """'2025-02-21', '2025-02-21T10:35'."""
    y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
    if not safe_date(y, mo, d):
        return None
    if m["hh"]:
        return Timex("TIME", f"{y:04d}-{mo:02d}-{d:02d}T{m['hh']}:{m['mi']}", "time")
    return Timex("DATE", f"{y:04d}-{mo:02d}-{d:02d}", "day")


def slash_date(m: re.Match, ctx: Anchors, s: int, e: int) -> Timex | None:
    """'2/17/2025' (US order unless the first number is over 12)."""
    a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
    mo, d = (a, b) if a <= 12 else (b, a)
    if not safe_date(y, mo, d):
        return None
    return Timex("DATE", f"{y:04d}-{mo:02d}-{d:02d}", "day")


def _weekday_date(wd: int, mo: int, day: int, ctx: Anchors, direction: int) -> dt.date | None:
    """ "Monday, Oct. 26": the year (this, last, next) whose date falls on that weekday."""
    for y in (ctx.dct.year, ctx.dct.year - 1, ctx.dct.year + 1):
        d = safe_date(y, mo, day)
        if d and d.isoweekday() == wd:
            return d
    return pick_date(mo, day, ctx.dct, direction)


def month_day(m: re.Match, ctx: Anchors, s: int, e: int) -> Timex | None:
    """'Feb. 17, 2025', 'December 7', '19 February 2025', 'Monday, Oct. 26'."""
    mo = month_number(m["mon"])
    day = int(re.match(r"\d+", m["day"]).group())
    if m["year"] or m.groupdict().get("year2"):
        y = int(m["year"] or m["year2"])
        if not safe_date(y, mo, day):
            return None
        return Timex("DATE", f"{y:04d}-{mo:02d}-{day:02d}", "day")
    if ctx.dct is None:
        return _unanchored("DATE", f"XXXX-{mo:02d}-{day:02d}", "day")
    direction = ctx.direction(s, e)
    if m["wd"]:
        d = _weekday_date(WEEKDAYS[m["wd"].lower()], mo, day, ctx, direction)
    else:
        d = pick_date(mo, day, ctx.dct, direction)
    if d is None:
        return None
    return _anchored("DATE", d.isoformat(), "day")


def week_of(m: re.Match, ctx: Anchors, s: int, e: int) -> Timex | None:
    """'the week of March 6': the (ISO) week that holds the day."""
    rec = month_day(rule_pattern("month_day").match(ctx.text, m.start("date"), e), ctx, s, e)
    if rec is None:
        return None
    if rec.value[:1] == "X":
        return dataclasses.replace(rec, value="XXXX-WXX", granularity="week")
    week = iso_week(dt.date.fromisoformat(rec.value))
    return dataclasses.replace(rec, value=week, granularity="week")


def accept_second_day(m: re.Match, text: str) -> bool:
    """After "April 24 and", and not a count: "on March 3 and 4 people died" (rejects)."""
    nxt = CONTEXT.next_word.match(text, m.end())
    if _is_count_word(nxt.group(1) if nxt else ""):
        return False
    return bool(CONTEXT.first_day_before.search(text, max(0, m.start() - 30), m.start()))


def second_day(m: re.Match, ctx: Anchors, s: int, e: int) -> Timex | None:
    """The "25" of "April 24 and 25": the month (and year) of the day before it."""
    first = CONTEXT.first_day_before.search(ctx.text, max(0, s - 30), s)
    mo, day = month_number(first["mon"]), int(re.match(r"\d+", m["day"]).group())
    if m["year"]:
        y = int(m["year"])
    elif ctx.ref_day is not None and ctx.ref_day.month == mo:
        y = ctx.ref_day.year
    else:
        return _unanchored("DATE", f"XXXX-{mo:02d}-{day:02d}", "day")
    if not safe_date(y, mo, day):
        return None
    relative = not m["year"]
    return Timex("DATE", f"{y:04d}-{mo:02d}-{day:02d}", "day", relative=relative,
                 resolved=relative)  # fmt: skip


def accept_spelled_year(m: re.Match, text: str) -> bool:
    """Not a count: 'two thousand troops'; a bare 'two thousand' needs 'in' or 'the year'."""
    nxt = re.match(r"\s+([a-z]+)", text[m.end() : m.end() + 30])
    if nxt and _is_count_word(nxt.group(1)):
        return False
    if re.fullmatch(r"(?i:two\s+thousand)", m["year"]) and m.start() == m.start("year"):
        return bool(CONTEXT.year_prep_before.search(text, max(0, m.start() - 10), m.start()))
    return True


def spelled_year(m: re.Match, ctx: Anchors, s: int, e: int) -> Timex | None:
    """'nineteen ninety-six', 'the year two thousand'."""
    return Timex("DATE", f"{year_int(m['year']):04d}", "year")


def month_year(m: re.Match, ctx: Anchors, s: int, e: int) -> Timex | None:
    """'November 1998', 'May of 2016', 'March next year'."""
    mo = month_number(m["mon"])
    if m["year"]:
        return Timex("DATE", f"{year_int(m['year']):04d}-{mo:02d}", "month")
    if ctx.dct is None:
        return _unanchored("DATE", f"XXXX-{mo:02d}", "month")
    y = ctx.dct.year + {"this": 0, "next": 1, "last": -1}[m["rel"].lower()]
    return _anchored("DATE", f"{y:04d}-{mo:02d}", "month")


def accept_month(m: re.Match, text: str) -> bool:
    """A month alone: 'May', 'March', 'August' and abbreviations need a preposition."""
    name = m["mon"].rstrip(".").lower()
    if m["rel"]:
        return True
    if name in ("may", "march", "august") or name in ABBR_MONTHS:
        has_prep = CONTEXT.month_prep_before.search(text, max(0, m.start() - 12), m.start())
        if CONTEXT.the_before.search(text, max(0, m.start() - 5), m.start()):
            return bool(CONTEXT.noun_after.match(text, m.end()))  # "the March accession"
        return bool(has_prep) and not CONTEXT.name_after.match(text, m.end())
    return True


def month(m: re.Match, ctx: Anchors, s: int, e: int) -> Timex | None:
    """'in November', 'last April', 'each July' (a SET)."""
    mo = month_number(m["mon"])
    rel = norm((m["rel"] or "").lower())
    if rel in ("each", "every"):  # "each July": a SET
        return Timex("SET", f"XXXX-{mo:02d}", "set")
    if ctx.dct is None:
        return _unanchored("DATE", f"XXXX-{mo:02d}", "month")
    y = pick_year_for_month(mo, ctx.dct, ctx.direction(s, e), rel)
    return _anchored("DATE", f"{y:04d}-{mo:02d}", "month")


# Capitalised words a year may follow outside a name: "Christmas 1998", "Monday 1998".
NOT_NAME_WORDS = frozenset([*MONTHS, *WEEKDAYS, *SEASONS, *HOLIDAYS, "easter"])


def accept_year(m: re.Match, text: str) -> bool:
    """A four-digit number is a year unless it is a label ("Resolution 2231", "$2000") or
    a count ("2000 troops", "about 1500 people")."""
    if m["pp"] or m["fy"]:
        return True
    if int(m["year"]) > 2100:
        return False
    if CONTEXT.label_before.search(text, max(0, m.start() - 20), m.start()):
        return False
    name = CONTEXT.name_before_year.search(text, max(0, m.start() - 40), m.start())
    if name and name["last"].lower() not in NOT_NAME_WORDS:
        return False  # "a venture called Orion 1980", "exercise Platinum Wolf 2016"
    nxt = CONTEXT.next_word.match(text, m.end())
    word = nxt.group(1) if nxt else ""
    if CONTEXT.quantity_before.search(text, max(0, m.start() - 20), m.start()):
        return not _is_count_word(word)
    return word not in COUNT_NOUNS


def year(m: re.Match, ctx: Anchors, s: int, e: int) -> Timex | None:
    """'2014', 'pre-2014' (BEFORE), 'fiscal 1989'."""
    pp = (m["pp"] or "").lower()
    mod = {"pre": "BEFORE", "post": "AFTER", "mid": "MID"}.get(pp, "")
    return Timex("DATE", f"{int(m['year']):04d}", "year", mod=mod)


def decade(m: re.Match, ctx: Anchors, s: int, e: int) -> Timex | None:
    """'the 1990s', "'80s", 'the nineties', 'mid-1990s'."""
    pp = (m["pp"] or "").lower()
    mod = {"early": "START", "mid": "MID", "late": "END"}.get(pp, "")
    if m["dc"]:
        stem = m["dc"]
    elif m["ds"]:
        d = int(m["ds"])
        stem = f"19{d}" if d >= 2 else f"20{d}"
    else:
        stem = f"19{DECADE_WORDS[m['dw'].lower()]}"
    return Timex("DATE", f"{stem}X", "decade", mod=mod)


def century(m: re.Match, ctx: Anchors, s: int, e: int) -> Timex | None:
    """'the 20th century', 'twenty-first century'."""
    if m["n"]:
        n = int(m["n"])
    else:
        n = {"nineteenth": 19, "twentieth": 20, "twenty-first": 21}[m["w"].lower()]
    if not 1 <= n <= 22:
        return None
    return Timex("DATE", f"{n - 1:02d}XX", "century")


# ------------------------------------------------------------------ quarters and halves


def _quarter_year(m: re.Match, ctx: Anchors, s: int, e: int, n: int, gran: str) -> int | None:
    """The year of an ordinal quarter or half: written, "last year's", else the
    article's (a quarter not yet begun, told in the past tense, is last year's)."""
    whole = m.group(0).lower()
    yr = re.search(r"\b((?:19|20)\d\d)\b", whole)
    if m["y2"]:
        return int(m["y2"])
    if yr:
        return int(yr.group(1))
    if ctx.dct is None:
        return None
    rel = m["y2rel"] or next((w for w in ("last", "next") if f"{w} year" in whole), "")
    if rel == "last" or re.search(r"year-ago|year-earlier", whole):
        return ctx.dct.year - 1
    if rel == "next":
        return ctx.dct.year + 1
    dct_q = quarter_of(ctx.dct)[1] if gran == "quarter" else (ctx.dct.month - 1) // 6 + 1
    if n > dct_q and ctx.direction(s, e) < 0 and not rel:
        return ctx.dct.year - 1
    return ctx.dct.year


def quarter(m: re.Match, ctx: Anchors, s: int, e: int) -> Timex | None:
    """'the first quarter of 2026', 'third-quarter', 'the second half'."""
    n = ORDINALS[m["ord"].lower()]
    gran = "quarter" if m["q"] else "half"
    code = "Q" if m["q"] else "H"
    if gran == "half" and n > 2:
        return None
    written = bool(m["y2"]) or bool(re.search(r"\b((?:19|20)\d\d)\b", m.group(0).lower()))
    y = _quarter_year(m, ctx, s, e, n, gran)
    relative = not written
    ystr = f"{y:04d}" if y is not None else "XXXX"
    period = Period("quarter", (y, n)) if gran == "quarter" and y is not None else None
    return Timex("DATE", f"{ystr}-{code}{n}", gran, relative=relative,
                 resolved=relative and y is not None, period=period)  # fmt: skip


def quarter_code(m: re.Match, ctx: Anchors, s: int, e: int) -> Timex | None:
    """'Q1 2026', '2026-Q1', 'Q3', 'H1 2025'."""
    q = int(m["qa"] or m["qb"])
    code = m["ca"] or m["cb"]
    y = m["ya"] or m["yb"]
    if code == "H":  # "H1 2025"; "H1" alone is too often something else
        return Timex("DATE", f"{y}-H{q}", "half") if y and q <= 2 else None
    if y:
        return Timex("DATE", f"{y}-Q{q}", "quarter", period=Period("quarter", (int(y), q)))
    if ctx.dct is None:
        return _unanchored("DATE", f"XXXX-Q{q}", "quarter")
    period = Period("quarter", (ctx.dct.year, q))
    return _anchored("DATE", f"{ctx.dct.year}-Q{q}", "quarter", period=period)


def bare_quarter(m: re.Match, ctx: Anchors, s: int, e: int) -> Timex | None:
    """'the quarter', 'the latest period': the quarter named before, else the last
    completed one; 'the 1988 period' after 'the nine months' is that year."""
    if m["qy"] and ctx.ref_span == "year":  # "the nine months ... the 1988 period": that year
        return Timex("DATE", m["qy"], "year")
    q = ctx.previous_quarter()  # news of results: the last completed quarter
    ref = ctx.ref_quarter if ctx.ref_span == "quarter" else None
    if ref is not None and q is not None and ref <= quarter_of(ctx.dct):
        q = ref  # "the fiscal first quarter ... the quarter": the one named before
    if q is None:
        return _unanchored("DATE", "XXXX-QX", "quarter")
    if m["qy"]:  # "the 1988 period": that year's quarter of the same number
        return _anchored("DATE", f"{int(m['qy'])}-Q{q[1]}", "quarter")
    return _anchored("DATE", f"{q[0]}-Q{q[1]}", "quarter", period=Period("quarter", q))


# ----------------------------------------------------------------------------- seasons


def _season_year(rel: str, code: str, ctx: Anchors, s: int, e: int) -> int:
    """The year of a season named without one, seen from the article date."""
    start_month = SEASON_START_MONTH[code]
    d = ctx.dct
    # the season instance containing or next after a date, as (year, month index)
    here = d.year * 12 + d.month - 1
    insts = [(y, y * 12 + start_month - 1) for y in (d.year - 2, d.year - 1, d.year, d.year + 1)]
    current = [y for y, k in insts if k <= here < k + 3]
    if rel in ("last", "this past"):
        return max(y for y, k in insts if k + 3 <= here)
    if rel in ("next", "this coming"):
        return min(y for y, k in insts if k > here)
    if current:
        return current[0]
    if rel == "this":
        return d.year
    direction = ctx.direction(s, e)
    if direction > 0:
        return min(y for y, k in insts if k > here)
    if direction < 0:
        return max(y for y, k in insts if k + 3 <= here)
    return min(insts, key=lambda c: min(abs(c[1] - here), abs(c[1] + 2 - here)))[0]


def season(m: re.Match, ctx: Anchors, s: int, e: int) -> Timex | None:
    """'this summer', 'the winter of 1994', 'spring 2025', 'late fall'."""
    rel = norm((m["rel"] or "").lower())
    word = m["season"].lower()
    if not rel and not m["year"] and word in ("fall", "spring"):
        return None
    code = SEASONS[word]
    mod = {"early": "START", "late": "END", "mid": "MID", "mid-": "MID"}.get(rel, "")
    if m["year"]:
        return Timex("DATE", f"{year_int(m['year'])}-{code}", "season", mod=mod)
    if ctx.dct is None:
        return _unanchored("DATE", f"XXXX-{code}", "season", mod=mod)
    y = _season_year(rel, code, ctx, s, e)
    return _anchored("DATE", f"{y}-{code}", "season", mod=mod)


# ------------------------------------------------------------------------ days and times


def anaphoric_day(m: re.Match, ctx: Anchors, s: int, e: int) -> Timex | None:
    """'that same day', 'the next morning': the day last told of (else the article's),
    moved by "next"/"previous"; a month told of without its day gives YYYY-MM-XX."""
    step = {"next": 1, "following": 1, "previous": -1}.get((m["step"] or "").lower(), 0)
    mod = phase_mod(m["ph"]) if m["ph"] else ""
    month_later = ctx.ref_month is not None and ctx.ref_month_end > ctx.ref_day_end
    if ctx.ref_day is not None and not (month_later and not step):
        day = ctx.ref_day + dt.timedelta(days=step)
    elif ctx.ref_month is not None and not step:
        y, mo = ctx.ref_month
        return _unanchored("DATE", f"{y:04d}-{mo:02d}-XX", "month", mod=mod)
    elif ctx.dct is not None:
        day = ctx.dct + dt.timedelta(days=step)
    else:
        return _unanchored("DATE", "XXXX-XX-XX", "day", mod=mod)
    return _anchored("DATE", day.isoformat(), "day", mod=mod)


# Day word -> days from the article date.
_DAY_OFFSETS = {
    "today": 0, "tonight": 0, "this": 0, "tomorrow": 1, "yesterday": -1,
    "the day before yesterday": -2, "the day after tomorrow": 2, "last": -1,
}  # fmt: skip


def _generic_day_word(m: re.Match, w: str, pod: str, text: str, s: int, e: int) -> bool:
    """ "today's youth", "the people of tomorrow" (nowadays, the future) and "USA Today"
    (a newspaper) are no days."""
    generic = CONTEXT.generic_today_tail.match(text, e) or (
        not pod and CONTEXT.generic_of_before.search(text, max(0, s - 8), s)
    )
    if w in ("today", "tomorrow") and generic:
        return True
    return m.group(0) == "Today" and bool(CONTEXT.acronym_before.search(text, max(0, s - 12), s))


def day_word(m: re.Match, ctx: Anchors, s: int, e: int) -> Timex | None:
    """'today', 'yesterday morning', 'last night', 'the day after tomorrow'."""
    w = norm((m["w"] or m["tw"]).lower())
    pod = (m["pod"] or m["pod2"] or "").lower()
    if w == "tonight":
        pod = "night"
    if w == "last" and pod != "night":  # "last morning" is not an expression
        return None
    if _generic_day_word(m, w, pod, ctx.text, s, e):
        return None
    if ctx.dct is None:
        base, resolved = "XXXX-XX-XX", False
    else:
        base, resolved = (ctx.dct + dt.timedelta(days=_DAY_OFFSETS[w])).isoformat(), True
    if pod:
        return Timex("TIME", f"{base}T{PARTS_OF_DAY[pod]}", "time", relative=True,
                     resolved=resolved)  # fmt: skip
    return Timex("DATE", base, "day", relative=True, resolved=resolved)


def phase_of_day(m: re.Match, ctx: Anchors, s: int, e: int) -> Timex | None:
    """'mid-afternoon': that part of the day last mentioned (or the article's day)."""
    code = PARTS_OF_DAY[m["pod"].lower()]
    mod = phase_mod(m["ph"])
    day = ctx.near_day(s)
    if m["w"] and ctx.dct is not None:
        day = ctx.dct + dt.timedelta(days={"yesterday": -1, "today": 0}.get(m["w"].lower(), 1))
    if day is None:
        return _unanchored("TIME", f"XXXX-XX-XXT{code}", "time", mod=mod)
    return _anchored("TIME", f"{day.isoformat()}T{code}", "time", mod=mod)


def _weekday_value(wd: int, rel: str, ctx: Anchors, s: int, e: int) -> tuple[str, bool]:
    """(value, resolved) of a weekday: counted from the day last told of ("the previous
    Friday"), else from the article date by "last"/"next" or the tense."""
    anchor = ctx.ref_day or ctx.dct
    if rel in ("the previous", "the following", "the next") and anchor is not None:
        step = -1 if rel == "the previous" else 1
        d = anchor + dt.timedelta(days=step)
        while d.isoweekday() != wd:
            d += dt.timedelta(days=step)
        return d.isoformat(), True
    if ctx.dct is None:
        return f"XXXX-WXX-{wd}", False
    if CONTEXT.possessive.match(ctx.text, e):  # "Wednesday's ruling": an event told of,
        # past unless awaited: "ahead of Thursday's vote"
        ahead = CONTEXT.awaited_before.search(ctx.text, max(0, s - 20), s)
        direction = 1 if ahead else -1
    else:
        direction = ctx.direction(s, e)
    return pick_weekday(wd, ctx.dct, direction, rel).isoformat(), True


def weekday(m: re.Match, ctx: Anchors, s: int, e: int) -> Timex | None:
    """'Thursday', 'next Monday', 'Friday evening', 'on Mondays' (a SET)."""
    wd = WEEKDAYS[m["wd"].lower()]
    rel = norm((m["rel"] or "").lower())
    pod = PARTS_OF_DAY.get((m["pod"] or "").lower(), "")
    pod = f"T{pod}" if pod else ""
    if m["pl"] or m["pl2"] or rel in ("every", "each"):  # "on Mondays", "each Thursday"
        return Timex("SET", f"XXXX-WXX-{wd}{pod}", "set")
    mod = {"early": "START", "late": "END", "earlier": "START", "later": "END"}.get(rel, "")
    if mod:
        rel = ""
    value, resolved = _weekday_value(wd, rel, ctx, s, e)
    # "Friday night" keeps the day as its value: TimeBank and AQUAINT annotate it as a day
    # (the span often "Friday" alone) more often than as a TIME "...TNI"; but "Friday
    # evening" is a TIME "...TEV" there
    if pod == "TEV":
        return Timex("TIME", value + pod, "time", mod, relative=True, resolved=resolved)
    return Timex("DATE", value, "day", mod, relative=True, resolved=resolved)


def clock(m: re.Match, ctx: Anchors, s: int, e: int) -> Timex | None:
    """'10:35 a.m.', '5 p.m. EST', '14:30 GMT', 'noon': on the day last told of, else the
    article's (a day right after it, "5 p.m. Friday", is merged in by the tagger)."""
    if m["word"]:
        w = m["word"].lower()
        if w == "noon" and CONTEXT.high_before.search(ctx.text, max(0, s - 6), s):
            return None  # "High Noon", "high noon comes today": not a clock time
        hm = "24:00" if w == "midnight" else "12:00"
    elif m["h24"]:
        hm = f"{int(m['h24']):02d}:{m['mi24']}"
    else:
        h = int(m["h"]) % 12
        if m["ap"].lower().startswith("p"):
            h += 12
        hm = f"{h:02d}:{m['mi'] or '00'}"
    day = ctx.near_day(s)
    if day is None:
        return _unanchored("TIME", f"XXXX-XX-XXT{hm}", "time")
    return _anchored("TIME", f"{day.isoformat()}T{hm}", "time")


def _holiday_on(name: str, y: int) -> dt.date:
    """The date of a holiday in year ``y``."""
    if name.startswith("thanksgiving"):  # US Thanksgiving: the fourth Thursday of November
        first = dt.date(y, 11, 1)
        return first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21)
    if name == "election day":  # US Election Day: the Tuesday after the first Monday of Nov.
        first = dt.date(y, 11, 1)
        return first + dt.timedelta(days=(0 - first.weekday()) % 7 + 1)
    mo, day = (int(x) for x in HOLIDAYS[name].split("-"))
    return dt.date(y, mo, day)


def holiday(m: re.Match, ctx: Anchors, s: int, e: int) -> Timex | None:
    """'Christmas', "New Year's Eve", 'Thanksgiving', 'Election Day'."""
    name = norm(m["name"].lower().replace("’", "'"))
    if ctx.dct is None:
        if name in MOVABLE_HOLIDAYS:
            return _unanchored("DATE", "XXXX-11-XX", "day")
        mo, day = (int(x) for x in HOLIDAYS[name].split("-"))
        return _unanchored("DATE", f"XXXX-{mo:02d}-{day:02d}", "day")
    direction = ctx.direction(s, e)
    cands = [_holiday_on(name, y) for y in (ctx.dct.year - 1, ctx.dct.year, ctx.dct.year + 1)]
    if direction < 0:
        d = max(c for c in cands if c <= ctx.dct)
    elif direction > 0:
        d = min(c for c in cands if c >= ctx.dct)
    else:
        d = min(cands, key=lambda c: (abs((c - ctx.dct).days), c > ctx.dct))
    return _anchored("DATE", d.isoformat(), "day")


# -------------------------------------------------------------- weeks, months, years


def _is_quoted_title(m: re.Match, text: str, s: int) -> bool:
    """A capitalised unit right after an opening quote names a programme: ABC's "This Week",
    CBS's ''60 Minutes''."""
    quote = CONTEXT.title_quote_before.search(text, max(0, s - 3), s)
    return m["unit"][:1].isupper() and bool(quote)


# "last", "this", "next" ... -> units from the article's; the other words ("that", "the
# following", "the previous") count from the period last told of.
_DEICTIC_STEPS = {
    "this": 0, "current": 0, "the current": 0, "the present": 0, "the full": 0,
    "the whole": 0, "the entire": 0, "last": -1, "past": -1, "previous": -1,
    "this past": -1, "the latest": -1, "next": 1, "coming": 1, "this coming": 1,
}  # fmt: skip
_ANAPHORIC_STEPS = {"the following": 1, "the previous": -1, "the preceding": -1, "the prior": -1}
# A unit with no article date to count from.
_UNKNOWN_UNIT_VALUES = {
    "week": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "month": "XXXX-XX", "year": "XXXX",
    "quarter": "XXXX-QX", "decade": "XXX", "century": "XX",
}  # fmt: skip


def _told_unit(unit: str, step: int, ctx: Anchors) -> Timex | None:
    """'that year', 'the following month': counted from the year, quarter or month last
    told of, or None when none was."""
    if unit == "year" and ctx.ref_year is not None:
        return _anchored("DATE", f"{ctx.ref_year + step:04d}", "year")
    if unit == "quarter" and ctx.ref_quarter is not None:
        y, q = shift_quarter(*ctx.ref_quarter, step)
        return _anchored("DATE", f"{y}-Q{q}", "quarter")
    if unit == "month" and ctx.ref_month is not None:  # "In January ... the following month"
        y, mo = add_months(*ctx.ref_month, step)
        return _anchored("DATE", f"{y:04d}-{mo:02d}", "month")
    return None


def _dated_unit(unit: str, step: int, dct: dt.date) -> Timex:
    """'last year', 'this week', 'next quarter': counted from the article date."""
    if unit == "year":
        return _anchored("DATE", f"{dct.year + step:04d}", "year")
    if unit == "month":
        y, mo = add_months(dct.year, dct.month, step)
        return _anchored("DATE", f"{y:04d}-{mo:02d}", "month")
    if unit in ("week", "weekend"):
        # ISO weeks (Monday to Sunday), as TimeBank counts them even for a Sunday article
        value = iso_week(dct + dt.timedelta(weeks=step)) + ("-WE" if unit == "weekend" else "")
        return _anchored("DATE", value, "week")
    if unit == "quarter":
        y, q = shift_quarter(*quarter_of(dct), step)
        return _anchored("DATE", f"{y}-Q{q}", "quarter", period=Period("quarter", (y, q)))
    if unit == "decade":
        return _anchored("DATE", f"{dct.year // 10 + step}X", "decade")
    return _anchored("DATE", f"{dct.year // 100 + step:02d}XX", "century")


def unit_from(rel: str, unit: str, ctx: Anchors) -> Timex | None:
    """A unit named with a determiner ("last year", "the following month", "the past
    week" as a duration); ``rel`` in lower case with single spaces."""
    if rel in ("the past", "the last", "the next", "the coming"):
        if unit == "weekend":
            return None
        if unit != "year":
            return Timex("DURATION", duration_value(1, unit), "duration")
        # "over the past year", "the next year or so": TimeBank values the calendar year
        # before or after the article's, like "last year" and "next year"
        rel = "last" if rel in ("the past", "the last") else "next"
    step = _DEICTIC_STEPS.get(rel)
    if step is None:  # "that year", "the following year", "the previous year"
        step = _ANAPHORIC_STEPS.get(rel, 0)
        told = _told_unit(unit, step, ctx)
        if told is not None:
            return told
    if ctx.dct is None:
        gran = "week" if unit == "weekend" else unit
        return _unanchored("DATE", _UNKNOWN_UNIT_VALUES[unit], gran)
    return _dated_unit(unit, step, ctx.dct)


def relative_unit(m: re.Match, ctx: Anchors, s: int, e: int) -> Timex | None:
    """'last year', 'this week', 'next month', 'the past year', 'that year'."""
    if _is_quoted_title(m, ctx.text, s):
        return None
    return unit_from(norm(m["rel"].lower()), m["unit"].lower(), ctx)


def phase_of_unit(m: re.Match, ctx: Anchors, s: int, e: int) -> Timex | None:
    """'the end of the month', 'earlier in the year', 'the rest of the week'."""
    phase = m["phase"].lower()
    mod = "END" if re.match(r"(?:the\s+)?(?:rest|remainder)", phase) else phase_mod(phase)
    rec = unit_from("this", m["unit"].lower(), ctx)
    return dataclasses.replace(rec, mod=mod) if rec is not None else None


def period_word(m: re.Match, ctx: Anchors, s: int, e: int) -> Timex | None:
    """'the weekend' (the coming one if the clause points ahead or it is the weekend now,
    else the last one), 'year-end'."""
    if m["we"]:
        if ctx.dct is None:
            return _unanchored("DATE", "XXXX-WXX-WE", "week")
        d = ctx.dct
        if ctx.direction(s, e) > 0 or d.isoweekday() >= 6:
            value = iso_week(d)
        else:
            value = iso_week(d - dt.timedelta(weeks=1))
        return _anchored("DATE", value + "-WE", "week")
    if ctx.dct is None:
        return _unanchored("DATE", "XXXX", "year", mod="END")
    return _anchored("DATE", f"{ctx.dct.year}", "year", mod="END")


def report_year(m: re.Match, ctx: Anchors, s: int, e: int) -> Timex | None:
    """'the year ended Sept. 30': a reporting year, a duration."""
    return Timex("DURATION", "P1Y", "duration")


def the_year(m: re.Match, ctx: Anchors, s: int, e: int) -> Timex | None:
    """'a high for the year': the article's year."""
    if ctx.dct is None:
        return _unanchored("DATE", "XXXX", "year")
    return _anchored("DATE", f"{ctx.dct.year}", "year")


def a_year_ago(ctx: Anchors, what: str = "") -> Timex:
    """'a year ago', 'year-earlier': the same quarter a year before in reports on
    quarterly results (a quarter was mentioned before), else last year."""
    ref = ctx.ref_quarter if ctx.ref_span != "year" else None
    if ref is not None and ctx.dct is not None and ref > quarter_of(ctx.dct):
        ref = ctx.previous_quarter()  # a forecast quarter is not the one being reported
    if ref is not None and what in ("", "period", "quarter"):
        y, q = ref
        return _anchored("DATE", f"{y - 1}-Q{q}", "quarter")
    if what == "quarter":
        q = ctx.previous_quarter()
        if q:
            return _anchored("DATE", f"{q[0] - 1}-Q{q[1]}", "quarter")
    if ctx.dct is None:
        return _unanchored("DATE", "XXXX", "year")
    return _anchored("DATE", f"{ctx.dct.year - 1}", "year")


def year_ago(m: re.Match, ctx: Anchors, s: int, e: int) -> Timex | None:
    """'the year-ago quarter', 'year-earlier', 'the same period last year'."""
    what = norm((m["what"] or m["what2"] or m["what3"] or "").lower())
    if what in ("nine months", "six months"):
        return Timex("DURATION", "P9M" if what.startswith("nine") else "P6M", "duration")
    if what == "month":
        if ctx.dct is None:
            return _unanchored("DATE", "XXXX-XX", "month")
        return _anchored("DATE", f"{ctx.dct.year - 1}-{ctx.dct.month:02d}", "month")
    return a_year_ago(ctx, what)


# ------------------------------------------------------------------------- durations


def ago(n: float | None, unit: str, direction: int, ctx: Anchors) -> Timex:
    """'two years ago' -> the year two years before the article date."""
    if n is None:
        return _unanchored("DATE", "PAST_REF" if direction < 0 else "FUTURE_REF", "ref")
    dct = ctx.dct
    gran = UNITS[unit][2]
    if dct is None:
        unknown = {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "month": "XXXX-XX"}.get(gran, "XXXX")
        return _unanchored("DATE", unknown, gran if gran != "time" else "day")
    k = int(round(n * UNITS[unit][1])) * direction
    if unit in ("day", "night"):
        return _anchored("DATE", (dct + dt.timedelta(days=k)).isoformat(), "day")
    if unit in ("week", "fortnight"):
        return _anchored("DATE", iso_week(dct + dt.timedelta(weeks=k)), "week")
    if unit == "month":
        y, mo = add_months(dct.year, dct.month, k)
        return _anchored("DATE", f"{y:04d}-{mo:02d}", "month")
    if unit == "quarter":
        y, q = shift_quarter(*quarter_of(dct), k)
        return _anchored("DATE", f"{y}-Q{q}", "quarter")
    if unit in ("hour", "minute", "second"):
        return _anchored("DATE", dct.isoformat(), "day")
    return _anchored("DATE", f"{dct.year + k:04d}", "year")


def _not_a_duration(m: re.Match, text: str, s: int, e: int) -> bool:
    """Ages ("80-year-old"), programme names, rates ("24 hours a day") and fractions ("a
    quarter of the vote") are no stretches of time."""
    if m["adj"] == "old" or CONTEXT.age_tail.match(text, e):
        return True
    if _is_quoted_title(m, text, s):
        return True
    if not m["dir"] and CONTEXT.rate_tail.match(text, e):
        return True
    fraction = m["num"] and CONTEXT.fraction_tail.match(text, e)
    return bool(m["unit"].lower().startswith("quarter") and fraction)


def _verb_last(m: re.Match, text: str, s: int) -> bool:
    """ "could last 20 or 30 years": "last" is the verb, not part of the expression."""
    return bool(
        (m["rel"] or "").lower() == "last"
        and not m["det"]
        and CONTEXT.modal_before.search(text, max(0, s - 12), s)
    )


def _dated_duration(m: re.Match, n: float | None, unit: str, numtext: str, ctx: Anchors) -> Timex:
    """A duration with a direction: 'two years ago', 'a year earlier', 'a week from now'."""
    direction = m["dir"].lower()
    if numtext in ("a", "an") and unit == "year" and direction in ("ago", "earlier"):
        return a_year_ago(ctx)
    sign = 1 if direction in ("from now", "hence") else -1
    rec = ago(n, unit, sign, ctx)
    return dataclasses.replace(rec, mod="APPROX") if m["orso"] else rec


def _single_unit(m: re.Match, unit: str, ctx: Anchors, s: int) -> tuple[bool, Timex | None]:
    """'twice a year' (a SET), '$1.76 a year' (a rate, dropped), 'a second betrayal'
    (no time): (decided, result) for "a"/"an" + unit without a determiner."""
    text = ctx.text
    if CONTEXT.frequency_before.search(text, max(0, s - 25), s):
        return True, Timex("SET", duration_value(1, unit), "set")  # "twice a year"
    if CONTEXT.amount_before.search(text, max(0, s - 25), s):
        return True, None  # "$1.76 a year", "24 hours a day": a rate
    if unit == "second" and not (m["half"] or m["half2"]):
        return True, None  # "a second betrayal"
    return False, None


def duration(m: re.Match, ctx: Anchors, s: int, e: int) -> Timex | None:
    """'two years', 'the past 20 years', '20 or 30 years' (P20Y), 'a year ago', 'two-year',
    'several weeks' (PXW)."""
    if _not_a_duration(m, ctx.text, s, e):
        return None
    if _verb_last(m, ctx.text, s):
        begin = m.start("num") if m["num"] else m.start("vague")
        rec = duration(rule_pattern("duration").match(ctx.text, begin), ctx, begin, e)
        return dataclasses.replace(rec, span_start=begin) if rec is not None else None
    unit = unit_of(m["unit"])
    vague = m["vague"]
    n = None if vague else number(m["num"])
    if not vague and n is None:
        return None
    if n is not None and (m["half"] or m["half2"]):
        n += 0.5
    numtext = (m["num"] or "").lower()
    plural = m["unit"].lower().endswith(("s", "ies"))
    if numtext in ("a", "an") and plural:
        return None
    if m["dir"]:
        return _dated_duration(m, n, unit, numtext, ctx)
    if numtext in ("a", "an") and not m["det"] and not m["rel"]:
        decided, rec = _single_unit(m, unit, ctx, s)
        if decided:
            return rec
    return _plain_duration(m, n, unit, numtext, plural, ctx, s)


def _plain_duration(
    m: re.Match, n: float | None, unit: str, numtext: str, plural: bool, ctx: Anchors, s: int
) -> Timex:
    """A stretch of time with no direction; "recent years" and "will one day" are
    references, "the first nine months" tells a reporting year."""
    if m["vague"] and m["vague"].lower() in ("recent",) and unit in ("year",):
        return _unanchored("DATE", "PAST_REF", "ref")
    someday = numtext == "one" and unit == "day" and not plural and not m["det"]
    if someday and CONTEXT.subject_or_modal_before.search(ctx.text, max(0, s - 12), s):
        return _unanchored("DATE", "FUTURE_REF", "ref")  # "Islam will one day be"
    period = None
    if unit == "month" and n in (6, 9) and not m["adj"]:  # "the first nine months" of results
        period = Period("year")
    span_start = None
    if m["det"] and not m["rel"] and m["num"] and "-" in ctx.text[m.end("num") : m.start("unit")]:
        span_start = m.start("num")  # "the 30-day ceasefire": the span is "30-day"
    return Timex("DURATION", duration_value(n, unit), "duration", span_start=span_start,
                 period=period)  # fmt: skip


def accept_bare_units(m: re.Match, text: str) -> bool:
    """Not the second unit of "recent weeks and months" (that is one expression), not "a
    matter of months" ("soon") nor "by decades" (a difference, not a stretch of time)."""
    if CONTEXT.units_and_before.search(text, max(0, m.start() - 15), m.start()):
        return False
    if CONTEXT.not_a_span_before.search(text, max(0, m.start() - 12), m.start("unit")):
        return False
    return bool(m["pre"]) or m["unit"].lower() in ("years", "months", "decades", "centuries")


def ahead_units(m: re.Match, ctx: Anchors, s: int, e: int) -> Timex | None:
    """'the weeks ahead': PXW."""
    return Timex("DURATION", duration_value(None, unit_of(m["unit"])), "duration")


def bare_units(m: re.Match, ctx: Anchors, s: int, e: int) -> Timex | None:
    """'for months': PXM, the span "months"."""
    value = duration_value(None, unit_of(m["unit"]))
    return Timex("DURATION", value, "duration", span_start=m.start("unit"))


# Frequency adverb -> the unit it repeats.
_ADVERB_UNITS = {
    "daily": "day", "weekly": "week", "monthly": "month", "annually": "year",
    "yearly": "year", "hourly": "hour", "nightly": "day",
}  # fmt: skip


def frequency(m: re.Match, ctx: Anchors, s: int, e: int) -> Timex | None:
    """'daily', 'every week', 'each year', 'twice a year' (SETs); not a rate ("rise 8.5%
    annually")."""
    if CONTEXT.rate_before.search(ctx.text, max(0, s - 25), s):
        return None  # "rise 8.5% annually": a growth rate
    if m["adv"] and CONTEXT.amount_before.search(ctx.text, max(0, s - 25), s):
        return None  # "10,000 units annually", "C$17.9 million annually": a rate, as "a year"
    if m["adv"]:
        adv = m["adv"].lower()
        if adv == "quarterly":
            return Timex("SET", "P3M", "set")
        return Timex("SET", duration_value(1, _ADVERB_UNITS.get(adv)), "set")
    unit = unit_of(m["unit"] or m["unit2"])
    n = 2 if m["other"] else (number(m["n"]) or 1)
    return Timex("SET", duration_value(n, unit), "set")


def reference(m: re.Match, ctx: Anchors, s: int, e: int) -> Timex | None:
    """'now', 'recently', 'the future': PRESENT_REF, PAST_REF, FUTURE_REF."""
    if m.group(0) == "Now" and ctx.text[e : e + 1] == ",":
        return None  # "Now, he says, ...": opening a sentence, a discourse marker
    if m["future"] and CONTEXT.prospects_tail.match(ctx.text, e):
        return None  # "the future of Ukraine", "the future looks bleak": prospects
    if m["present"]:
        return _unanchored("DATE", "PRESENT_REF", "ref")
    if m["past"]:
        return _unanchored("DATE", "PAST_REF", "ref")
    return _unanchored("DATE", "FUTURE_REF", "ref")
