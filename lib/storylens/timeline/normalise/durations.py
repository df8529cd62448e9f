"""Normalisers of stretches of time and their relatives: durations ("two years",
"for months"), dates counted back ("two years ago"), frequencies (SETs) and the
``*_REF`` references ("now", "recently").
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
from storylens.timeline.normalise.periods import a_year_ago
from storylens.timeline.normalise.records import Period, Timex, anchored, unanchored
from storylens.timeline.normalise.values import (
    duration_value,
    is_quoted_title,
    number,
    unit_of,
)
from storylens.timeline.patterns import CONTEXT, rule_pattern
from storylens.timeline.resources import (
    PARTS_OF_DAY,
    SEASONS,
    UNITS,
)

# Years in a unit that has a TIMEX3 letter of its own: "two decades ago" is 20 years back.
_YEARS_PER = {"decade": 10, "century": 100}


def ago(n: float | None, unit: str, direction: int, ctx: Anchors) -> Timex:
    """'two years ago' -> the year two years before the article date."""
    if n is None:
        return unanchored("DATE", "PAST_REF" if direction < 0 else "FUTURE_REF", "ref")
    dct = ctx.dct
    gran = UNITS[unit][2]
    if dct is None:
        unknown = {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "month": "XXXX-XX"}.get(gran, "XXXX")
        return unanchored("DATE", unknown, gran if gran != "time" else "day")
    k = int(round(n * UNITS[unit][1] * _YEARS_PER.get(unit, 1))) * direction
    if unit in ("day", "night"):
        return anchored("DATE", (dct + dt.timedelta(days=k)).isoformat(), "day")
    if unit in ("week", "fortnight"):
        return anchored("DATE", iso_week(dct + dt.timedelta(weeks=k)), "week")
    if unit == "month":
        y, mo = add_months(dct.year, dct.month, k)
        return anchored("DATE", f"{y:04d}-{mo:02d}", "month")
    if unit == "quarter":
        y, q = shift_quarter(*quarter_of(dct), k)
        return anchored("DATE", f"{y}-Q{q}", "quarter")
    if unit == "decade":  # TIMEX3: the value is as precise as the unit, "two decades ago" 199
        return anchored("DATE", f"{(dct.year + k) // 10:03d}", "decade")
    if unit == "century":  # "a century ago" said in 2013: 19 (the 1900s)
        return anchored("DATE", f"{(dct.year + k) // 100:02d}", "century")
    if unit in ("hour", "minute", "second"):
        return anchored("DATE", dct.isoformat(), "day")
    return anchored("DATE", f"{dct.year + k:04d}", "year")


def _not_a_duration(m: re.Match, text: str, s: int, e: int) -> bool:
    """Ages ("80-year-old"), programme names, rates ("24 hours a day") and fractions ("a
    quarter of the vote") are no stretches of time."""
    if m["adj"] == "old" or CONTEXT.age_tail.match(text, e):
        return True
    if is_quoted_title(m, text, s):
        return True
    if not (m["dir"] or m["dir2"]) and CONTEXT.rate_tail.match(text, e):
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
    """A duration with a direction: 'two years ago', 'a year earlier', 'a week from now',
    "two weeks' time" (ahead)."""
    direction = norm(m["dir"].lower()) if m["dir"] else "from now"
    if numtext in ("a", "an") and unit == "year" and direction in ("ago", "earlier"):
        return a_year_ago(ctx)
    sign = 1 if direction in ("from now", "hence") else -1
    rec = ago(n, unit, sign, ctx)
    if direction == "earlier" and ctx.ref_day is not None and unit == "day" and n is not None:
        # "June 10. A day earlier": counted from the day told of, not the article's
        rec = anchored("DATE", (ctx.ref_day - dt.timedelta(days=round(n))).isoformat(), "day")
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
    in_time = m["dir2"] and ctx.text[max(0, s - 3) : s].lower() == "in "
    if m["dir"] or in_time:  # "in two weeks' time": ahead; "five years' time" alone a span
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
        return unanchored("DATE", "PAST_REF", "ref")
    someday = numtext == "one" and unit == "day" and not plural and not m["det"]
    if someday and CONTEXT.subject_or_modal_before.search(ctx.text, max(0, s - 12), s):
        return unanchored("DATE", "FUTURE_REF", "ref")  # "Islam will one day be"
    period = None
    if unit == "month" and n in (6, 9) and not m["adj"]:  # "the first nine months" of results
        period = Period("year")
    span_start = None
    if m["det"] and not m["rel"] and m["num"] and "-" in ctx.text[m.end("num") : m.start("unit")]:
        span_start = m.start("num")  # "the 30-day ceasefire": the span is "30-day"
    if numtext in ("a", "an") and (m["adj"] or "").lower() == "long":
        span_start = m.start("unit")  # "a week-long festival": "a" is the festival's
    return Timex("DURATION", duration_value(n, unit), "duration", span_start=span_start,
                 period=period)  # fmt: skip


def accept_bare_units(m: re.Match, text: str) -> bool:
    """Not the second unit of "recent weeks and months" (that is one expression), not "a
    matter of months" ("soon") nor "by decades" (a difference, not a stretch of time)."""
    if CONTEXT.units_and_before.search(text, max(0, m.start() - 15), m.start()):
        return False
    if CONTEXT.not_a_span_before.search(text, max(0, m.start() - 12), m.start("unit")):
        return False
    if m["pre"] or m["rel"] is not None:  # "for days", "minutes later"
        return True
    return m["unit"].lower() in ("years", "months", "decades", "centuries")


def vague_span(m: re.Match, ctx: Anchors, s: int, e: int) -> Timex | None:
    """'his tenure' (PXY, a term of office lasts years), 'for ages' (PXY), 'multiyear'
    (PXY; 'multi-month' PXM), 'for a while' (PXX)."""
    if m["tenure"]:
        return Timex("DURATION", "PXY", "duration", span_start=m.start("tenure"))
    if m["ages"]:
        return Timex("DURATION", "PXY", "duration")
    if m["multi"]:
        return Timex("DURATION", duration_value(None, unit_of(m["multi"])), "duration")
    return Timex("DURATION", "PXX", "duration")


def part_century(m: re.Match, ctx: Anchors, s: int, e: int) -> Timex | None:
    """'a half-century' P50Y, 'a quarter century' P25Y."""
    return Timex("DURATION", "P50Y" if m["part"].lower() == "half" else "P25Y", "duration")


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
    if m["pod"] or m["season"] or m["we"] or m["wes"] or m["wd"] or m["wds"]:
        return Timex("SET", _recurring_part(m), "set")
    unit = unit_of(m["unit"] or m["unit2"])
    if m["few"]:  # "every few years": PXY
        return Timex("SET", duration_value(None, unit), "set")
    n = 2 if m["other"] else (number(m["n"]) or 1)
    return Timex("SET", duration_value(n, unit), "set")


def _recurring_part(m: re.Match) -> str:
    """The value of a part of every day, year or week: "every morning" XXXX-XX-XXTMO,
    "each summer" XXXX-SU, "every weekend" XXXX-WXX-WE, "weekdays" XXXX-WXX-WD."""
    if m["pod"]:
        return f"XXXX-XX-XXT{PARTS_OF_DAY[m['pod'].lower()]}"
    if m["season"]:
        return f"XXXX-{SEASONS[m['season'].lower()]}"
    return "XXXX-WXX-WD" if m["wd"] or m["wds"] else "XXXX-WXX-WE"


def reference(m: re.Match, ctx: Anchors, s: int, e: int) -> Timex | None:
    """'now', 'recently', 'the future': PRESENT_REF, PAST_REF, FUTURE_REF."""
    if m.group(0) == "Now" and ctx.text[e : e + 1] == ",":
        return None  # "Now, he says, ...": opening a sentence, a discourse marker
    if m["future"] and CONTEXT.prospects_tail.match(ctx.text, e):
        return None  # "the future of Ukraine", "the future looks bleak": prospects
    if m["present"]:
        return unanchored("DATE", "PRESENT_REF", "ref")
    if m["past"]:
        return unanchored("DATE", "PAST_REF", "ref")
    return unanchored("DATE", "FUTURE_REF", "ref")
