"""Normalisers of calendar dates: ISO and US dates, month and day, month and year, months,
years (written or spelled), decades, centuries and holidays.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from storylens.timeline.anchoring import (
    SINCE,
    Anchors,
    iso_week,
    norm,
    pick_date,
    pick_year_for_month,
    safe_date,
)
from storylens.timeline.normalise.records import Timex, anchored, unanchored
from storylens.timeline.normalise.values import (
    is_count_word,
    month_number,
    year_int,
)
from storylens.timeline.patterns import ABBR_MONTHS, CONTEXT, rule_pattern
from storylens.timeline.resources import (
    COUNT_NOUNS,
    DAYS_AFTER_THANKSGIVING,
    DECADE_WORDS,
    EASTER_HOLIDAYS,
    HOLIDAYS,
    MONTHS,
    MOVABLE_HOLIDAYS,
    SEASONS,
    WEEKDAY_HOLIDAYS,
    WEEKDAYS,
)

# "on the 15th" takes the month told within this many characters before it.
NEAR_ORDINAL_DAY_CHARS = 300


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
        return unanchored("DATE", f"XXXX-{mo:02d}-{day:02d}", "day")
    direction = SINCE if ctx.since(s) else ctx.direction(s, e)
    if m["wd"]:
        d = _weekday_date(WEEKDAYS[m["wd"].lower()], mo, day, ctx, direction)
    else:
        d = pick_date(mo, day, ctx.dct, direction)
    if d is None:
        return None
    return anchored("DATE", d.isoformat(), "day")


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
    if is_count_word(nxt.group(1) if nxt else ""):
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
        return unanchored("DATE", f"XXXX-{mo:02d}-{day:02d}", "day")
    if not safe_date(y, mo, day):
        return None
    relative = not m["year"]
    return Timex("DATE", f"{y:04d}-{mo:02d}-{day:02d}", "day", relative=relative,
                 resolved=relative)  # fmt: skip


def accept_spelled_year(m: re.Match, text: str) -> bool:
    """Not a count: 'two thousand troops'; a bare 'two thousand' needs 'in' or 'the year'."""
    nxt = re.match(r"\s+([a-z]+)", text[m.end() : m.end() + 30])
    if nxt and is_count_word(nxt.group(1)):
        return False
    if re.fullmatch(r"(?i:two\s+thousand)", m["year"]) and m.start() == m.start("year"):
        return bool(CONTEXT.year_prep_before.search(text, max(0, m.start() - 10), m.start()))
    return True


def spelled_year(m: re.Match, ctx: Anchors, s: int, e: int) -> Timex | None:
    """'nineteen ninety-six', 'the year two thousand'."""
    return Timex("DATE", f"{year_int(m['year']):04d}", "year")


def ordinal_day(m: re.Match, ctx: Anchors, s: int, e: int) -> Timex | None:
    """'on the 15th': that day of the month told of just before, else of the article's
    month, or of the month before (after) it when the day is still ahead (behind) of the
    article date and the clause points behind (ahead)."""
    day = int(m["day"])
    if ctx.ref_month is not None and s - ctx.ref_month_end <= NEAR_ORDINAL_DAY_CHARS:
        d = safe_date(*ctx.ref_month, day)
    elif ctx.dct is not None:
        y, mo = ctx.dct.year, ctx.dct.month
        direction = ctx.direction(s, e)
        if direction < 0 and day > ctx.dct.day:
            y, mo = (y, mo - 1) if mo > 1 else (y - 1, 12)
        elif direction > 0 and day < ctx.dct.day:
            y, mo = (y, mo + 1) if mo < 12 else (y + 1, 1)
        d = safe_date(y, mo, day)
    else:
        return unanchored("DATE", f"XXXX-XX-{day:02d}", "day")
    return anchored("DATE", d.isoformat(), "day") if d is not None else None


def month_year(m: re.Match, ctx: Anchors, s: int, e: int) -> Timex | None:
    """'November 1998', 'May of 2016', 'March next year'."""
    mo = month_number(m["mon"])
    if m["year"]:
        return Timex("DATE", f"{year_int(m['year']):04d}-{mo:02d}", "month")
    if ctx.dct is None:
        return unanchored("DATE", f"XXXX-{mo:02d}", "month")
    y = ctx.dct.year + {"this": 0, "next": 1, "last": -1}[m["rel"].lower()]
    return anchored("DATE", f"{y:04d}-{mo:02d}", "month")


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
        return unanchored("DATE", f"XXXX-{mo:02d}", "month")
    direction = ctx.direction(s, e)
    if not rel and ctx.since(s):
        rel = "since"  # "since March": the last March begun by the article date
    base = ctx.dct if direction or rel else (ctx.near_month(s) or ctx.dct)
    y = pick_year_for_month(mo, base, direction, rel)
    return anchored("DATE", f"{y:04d}-{mo:02d}", "month")


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
        return not is_count_word(word)
    return word not in COUNT_NOUNS


def year(m: re.Match, ctx: Anchors, s: int, e: int) -> Timex | None:
    """'2014', 'pre-2014' (BEFORE), 'fiscal 1989'."""
    pp = (m["pp"] or "").lower()
    mod = {"pre": "BEFORE", "post": "AFTER", "mid": "MID"}.get(pp, "")
    return Timex("DATE", f"{int(m['year']):04d}", "year", mod=mod)


def decade(m: re.Match, ctx: Anchors, s: int, e: int) -> Timex | None:
    """'the 1990s', "'80s", 'the nineties', 'mid-1990s'; 'the 1800s', 'the early 1900s' are
    centuries ("18", "19"), as news means them; 'the 2000s' stays the decade "200"."""
    pp = (m["pp"] or "").lower()
    mod = {"early": "START", "mid": "MID", "late": "END"}.get(pp, "")
    if m["dc"] and m["dc"].endswith("0") and int(m["dc"]) < 200:
        return Timex("DATE", m["dc"][:2], "century", mod=mod)
    if m["dc"]:
        stem = m["dc"]
    elif m["ds"]:
        d = int(m["ds"])
        stem = f"19{d}" if d >= 2 else f"20{d}"
    else:
        stem = f"19{DECADE_WORDS[m['dw'].lower()]}"
    return Timex("DATE", stem, "decade", mod=mod)  # TIMEX3: the 1990s are "199"


_CENTURY_ORDINALS = {
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
    "twenty-first": 21,
}  # fmt: skip


def century(m: re.Match, ctx: Anchors, s: int, e: int) -> Timex | None:
    """'the 20th century', 'twenty-first century'."""
    if m["n"]:
        n = int(m["n"])
    else:
        n = _CENTURY_ORDINALS[m["w"].lower()]
    if not 1 <= n <= 22:
        return None
    return Timex("DATE", f"{n - 1:02d}", "century")  # TIMEX3: the 20th century is "19"


def turn_of_century(m: re.Match, ctx: Anchors, s: int, e: int) -> Timex | None:
    """'the turn of the century' (or millennium): the start of the century nearest the
    article date ("20" with mod START told in 1998 or in 2025); 'mid-century': the middle
    of the article's century ("20", MID, told in 2025)."""
    mod = "MID" if m["mid"] else "START"
    if ctx.dct is None:
        return unanchored("DATE", "XX", "century", mod=mod)
    century = ctx.dct.year // 100 if m["mid"] else (ctx.dct.year + 50) // 100
    return anchored("DATE", f"{century:02d}", "century", mod=mod)


def easter_sunday(y: int) -> dt.date:
    """Easter Sunday of the Gregorian year ``y`` (the anonymous Gregorian computus).

    >>> easter_sunday(2025), easter_sunday(2019)
    (datetime.date(2025, 4, 20), datetime.date(2019, 4, 21))
    """
    a, b, c = y % 19, y // 100, y % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ll = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ll) // 451
    month, day = divmod(h + ll - 7 * m + 114, 31)
    return dt.date(y, month, day + 1)


def _nth_weekday(y: int, month: int, wd: int, n: int) -> dt.date:
    """The n-th ISO weekday ``wd`` of a month (n = -1: the last)."""
    if n < 0:
        last = dt.date(y + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
        return last - dt.timedelta(days=(last.isoweekday() - wd) % 7)
    first = dt.date(y, month, 1)
    return first + dt.timedelta(days=(wd - first.isoweekday()) % 7 + 7 * (n - 1))


def _holiday_on(name: str, y: int) -> dt.date:
    """The date of a holiday in year ``y``."""
    if name in EASTER_HOLIDAYS:
        return easter_sunday(y) + dt.timedelta(days=EASTER_HOLIDAYS[name])
    if name in WEEKDAY_HOLIDAYS:
        return _nth_weekday(y, *WEEKDAY_HOLIDAYS[name])
    if name.startswith("thanksgiving") or name in DAYS_AFTER_THANKSGIVING:
        first = dt.date(y, 11, 1)  # US Thanksgiving: the fourth Thursday of November
        thanksgiving = first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21)
        return thanksgiving + dt.timedelta(days=DAYS_AFTER_THANKSGIVING.get(name, 0))
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
            return unanchored("DATE", "XXXX-11-XX", "day")
        if name in WEEKDAY_HOLIDAYS:
            return unanchored("DATE", f"XXXX-{WEEKDAY_HOLIDAYS[name][0]:02d}-XX", "day")
        if name in EASTER_HOLIDAYS:
            return unanchored("DATE", "XXXX-XX-XX", "day")
        mo, day = (int(x) for x in HOLIDAYS[name].split("-"))
        return unanchored("DATE", f"XXXX-{mo:02d}-{day:02d}", "day")
    direction = ctx.direction(s, e)
    cands = [_holiday_on(name, y) for y in (ctx.dct.year - 1, ctx.dct.year, ctx.dct.year + 1)]
    if direction < 0:
        d = max(c for c in cands if c <= ctx.dct)
    elif direction > 0:
        d = min(c for c in cands if c >= ctx.dct)
    else:
        d = min(cands, key=lambda c: (abs((c - ctx.dct).days), c > ctx.dct))
    return anchored("DATE", d.isoformat(), "day")
