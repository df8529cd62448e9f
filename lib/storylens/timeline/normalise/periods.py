"""Normalisers of periods: quarters and halves, seasons, weeks, months and years named
with a determiner ("last year", "the following month"), "year-end", "a year ago".
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from storylens.timeline.anchoring import (
    Anchors,
    add_months,
    iso_week,
    norm,
    quarter_of,
    shift_quarter,
)
from storylens.timeline.normalise.records import Period, Timex, anchored, unanchored
from storylens.timeline.normalise.values import (
    duration_value,
    is_quoted_title,
    month_number,
    phase_mod,
    year_int,
)
from storylens.timeline.patterns import CONTEXT
from storylens.timeline.resources import (
    ORDINALS,
    SEASON_START_MONTH,
    SEASONS,
)


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
                 resolved=relative and y is not None, span_start=_adjective_start(m, s),
                 period=period)  # fmt: skip


# An article or possessive opening a quarter: "a ", "its " (accepts); "this year's " (rejects)
_ARTICLE_RE = re.compile(r"(?i:the|a|an|its|their|his|her)\s+")


def _adjective_start(m: re.Match, s: int) -> int | None:
    """Where "third-quarter" starts when it is written as an adjective after an article
    ("a third-quarter loss", "its fiscal second-quarter"): TIMEX3 and TimeBank leave the
    article to the noun; None for the noun "the third quarter"."""
    if "-" not in m.string[m.end("ord") : m.start("q") if m["q"] else m.start("h")]:
        return None
    article = _ARTICLE_RE.match(m.string, s)
    return article.end() if article else None


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
        return unanchored("DATE", f"XXXX-Q{q}", "quarter")
    period = Period("quarter", (ctx.dct.year, q))
    return anchored("DATE", f"{ctx.dct.year}-Q{q}", "quarter", period=period)


def ended_quarter(ctx: Anchors, e: int) -> Timex | None:
    """'the quarter ended Sept. 30': the calendar quarter holding most of the three months
    that end with the month named (its middle month), the last such quarter by the article
    date (results are told after the quarter ends): "ended July 31" is Q2 (May-July).
    A company's own quarter number told before wins (bare_quarter)."""
    tail = CONTEXT.period_end_tail.match(ctx.text, e)
    if tail is None or ctx.dct is None:
        return None
    y, middle = add_months(ctx.dct.year, month_number(tail["mon"]), -1)
    if (y, middle) > (ctx.dct.year, ctx.dct.month):
        y -= 1
    q = (y, (middle - 1) // 3 + 1)
    return anchored("DATE", f"{q[0]}-Q{q[1]}", "quarter", period=Period("quarter", q))


def bare_quarter(m: re.Match, ctx: Anchors, s: int, e: int) -> Timex | None:
    """'the quarter', 'the latest period': the quarter named before, else the last
    completed one; 'the 1988 period' after 'the nine months' is that year."""
    if m["qy"] and ctx.ref_span == "year":  # "the nine months ... the 1988 period": that year
        return Timex("DATE", m["qy"], "year")
    q = ctx.previous_quarter()  # news of results: the last completed quarter
    ref = ctx.ref_quarter if ctx.ref_span == "quarter" else None
    if ref is not None and q is not None and ref <= quarter_of(ctx.dct):
        q = ref  # "the fiscal first quarter ... the quarter": the one named before
    elif (ended := ended_quarter(ctx, e)) is not None:
        return ended  # none named before: "the quarter ended July 31" is Q2
    if q is None:
        return unanchored("DATE", "XXXX-QX", "quarter")
    if m["qy"]:  # "the 1988 period": that year's quarter of the same number
        return anchored("DATE", f"{int(m['qy'])}-Q{q[1]}", "quarter")
    return anchored("DATE", f"{q[0]}-Q{q[1]}", "quarter", period=Period("quarter", q))


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
        return unanchored("DATE", f"XXXX-{code}", "season", mod=mod)
    y = _season_year(rel, code, ctx, s, e)
    return anchored("DATE", f"{y}-{code}", "season", mod=mod)


# -------------------------------------------------------------- weeks, months, years


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
        return anchored("DATE", f"{ctx.ref_year + step:04d}", "year")
    if unit == "quarter" and ctx.ref_quarter is not None:
        y, q = shift_quarter(*ctx.ref_quarter, step)
        return anchored("DATE", f"{y}-Q{q}", "quarter")
    if unit == "month" and ctx.ref_month is not None:  # "In January ... the following month"
        y, mo = add_months(*ctx.ref_month, step)
        return anchored("DATE", f"{y:04d}-{mo:02d}", "month")
    return None


def _dated_unit(unit: str, step: int, dct: dt.date) -> Timex:
    """'last year', 'this week', 'next quarter': counted from the article date."""
    if unit == "year":
        return anchored("DATE", f"{dct.year + step:04d}", "year")
    if unit == "month":
        y, mo = add_months(dct.year, dct.month, step)
        return anchored("DATE", f"{y:04d}-{mo:02d}", "month")
    if unit in ("week", "weekend"):
        # ISO weeks (Monday to Sunday), as TimeBank counts them even for a Sunday article
        value = iso_week(dct + dt.timedelta(weeks=step)) + ("-WE" if unit == "weekend" else "")
        return anchored("DATE", value, "week")
    if unit == "quarter":
        y, q = shift_quarter(*quarter_of(dct), step)
        return anchored("DATE", f"{y}-Q{q}", "quarter", period=Period("quarter", (y, q)))
    if unit == "decade":
        return anchored("DATE", f"{dct.year // 10 + step}", "decade")
    return anchored("DATE", f"{dct.year // 100 + step:02d}", "century")


def unit_from(rel: str, unit: str, ctx: Anchors) -> Timex | None:
    """A unit named with a determiner ("last year", "the following month", "the past
    week" as a duration); ``rel`` in lower case with single spaces."""
    if unit in ("decade", "century") and rel in _ANAPHORIC_STEPS:
        rel = "the past"  # "the following decade": a decade's stretch, P1DE (TIMEX3)
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
        return unanchored("DATE", _UNKNOWN_UNIT_VALUES[unit], gran)
    return _dated_unit(unit, step, ctx.dct)


def unit_before_after(m: re.Match, ctx: Anchors, s: int, e: int) -> Timex | None:
    """'the year before', 'the month after', 'the week before': a unit from the one told
    of (a week from the day told of), else from the article's."""
    unit = m["unit"].lower()
    before = m["ba"].lower() == "before"
    if unit == "week" and ctx.ref_day is not None:
        week = iso_week(ctx.ref_day + dt.timedelta(weeks=-1 if before else 1))
        return anchored("DATE", week, "week")
    return unit_from("the previous" if before else "the following", unit, ctx)


def accept_month_span_quarter(m: re.Match, text: str) -> bool:
    """Three months from the first to the last ("April-June"), else the months alone."""
    return (month_number(m["m2"]) - month_number(m["m1"])) % 12 == 2


def month_span_quarter(m: re.Match, ctx: Anchors, s: int, e: int) -> Timex | None:
    """'the April-June quarter': the calendar quarter of its middle month, the last one
    begun by the article date unless told as ahead."""
    m1 = month_number(m["m1"])
    q = ((m1 % 12) // 3) + 1  # the quarter of the middle month (m1 + 1)
    if ctx.dct is None:
        return unanchored("DATE", f"XXXX-Q{q}", "quarter")
    y = ctx.dct.year
    if (y, q) > quarter_of(ctx.dct) and ctx.direction(s, e) <= 0:
        y -= 1
    return anchored("DATE", f"{y}-Q{q}", "quarter", period=Period("quarter", (y, q)))


def relative_unit(m: re.Match, ctx: Anchors, s: int, e: int) -> Timex | None:
    """'last year', 'this week', 'next month', 'the past year', 'that year'."""
    if is_quoted_title(m, ctx.text, s):
        return None
    return unit_from(norm(m["rel"].lower()), m["unit"].lower(), ctx)


def _this_unit(unit: str, ctx: Anchors, s: int) -> Timex | None:
    """The unit the text is in: a day or week is that of the day told of shortly before
    (else the article's), a longer unit the article's."""
    if unit not in ("day", "week"):
        return unit_from("this", unit, ctx)
    day = ctx.near_day(s)
    if day is None:
        return unanchored("DATE", "XXXX-XX-XX" if unit == "day" else "XXXX-WXX", unit)
    if unit == "week":
        return anchored("DATE", iso_week(day), "week")
    return anchored("DATE", day.isoformat(), "day")


def phase_of_unit(m: re.Match, ctx: Anchors, s: int, e: int) -> Timex | None:
    """'the end of the month', 'earlier in the year', 'the rest of the week', 'later in the
    day'."""
    phase = m["phase"].lower()
    mod = "END" if re.match(r"(?:the\s+)?(?:rest|remainder)", phase) else phase_mod(phase)
    rec = _this_unit(m["unit"].lower(), ctx, s)
    return dataclasses.replace(rec, mod=mod) if rec is not None else None


def period_word(m: re.Match, ctx: Anchors, s: int, e: int) -> Timex | None:
    """'the weekend' (the coming one if the clause points ahead or it is the weekend now,
    else the last one), 'year-end'."""
    if m["we"]:
        if ctx.dct is None:
            return unanchored("DATE", "XXXX-WXX-WE", "week")
        d = ctx.dct
        if ctx.direction(s, e) > 0 or d.isoweekday() >= 6:
            value = iso_week(d)
        else:
            value = iso_week(d - dt.timedelta(weeks=1))
        return anchored("DATE", value + "-WE", "week")
    if ctx.dct is None:
        return unanchored("DATE", "XXXX", "year", mod="END")
    if ctx.since(s) and (ctx.dct.month, ctx.dct.day) != (12, 31):
        return anchored("DATE", f"{ctx.dct.year - 1}", "year", mod="END")  # the last one
    return anchored("DATE", f"{ctx.dct.year}", "year", mod="END")


def report_year(m: re.Match, ctx: Anchors, s: int, e: int) -> Timex | None:
    """'the year ended Sept. 30': a reporting year, a duration."""
    return Timex("DURATION", "P1Y", "duration")


def the_year(m: re.Match, ctx: Anchors, s: int, e: int) -> Timex | None:
    """'a high for the year', 'for the week', "the week's most active session", 'rose 2%
    for the day': the article's year, week or month, the day told of."""
    return _this_unit((m["unit"] or m["unit2"] or m["unit3"]).lower(), ctx, s)


def a_year_ago(ctx: Anchors, what: str = "") -> Timex:
    """'a year ago', 'year-earlier': the same quarter a year before in reports on
    quarterly results (a quarter was mentioned before), else last year."""
    ref = ctx.ref_quarter if ctx.ref_span != "year" else None
    if ref is not None and ctx.dct is not None and ref > quarter_of(ctx.dct):
        ref = ctx.previous_quarter()  # a forecast quarter is not the one being reported
    if ref is not None and what in ("", "period", "quarter"):
        y, q = ref
        return anchored("DATE", f"{y - 1}-Q{q}", "quarter")
    if what == "quarter":
        q = ctx.previous_quarter()
        if q:
            return anchored("DATE", f"{q[0] - 1}-Q{q[1]}", "quarter")
    if ctx.dct is None:
        return unanchored("DATE", "XXXX", "year")
    return anchored("DATE", f"{ctx.dct.year - 1}", "year")


def year_ago(m: re.Match, ctx: Anchors, s: int, e: int) -> Timex | None:
    """'the year-ago quarter', 'year-earlier', 'the same period last year'."""
    what = norm((m["what"] or m["what2"] or m["what3"] or "").lower())
    if what in ("nine months", "six months"):
        return Timex("DURATION", "P9M" if what.startswith("nine") else "P6M", "duration")
    if what == "month":
        if ctx.dct is None:
            return unanchored("DATE", "XXXX-XX", "month")
        return anchored("DATE", f"{ctx.dct.year - 1}-{ctx.dct.month:02d}", "month")
    return a_year_ago(ctx, what)
