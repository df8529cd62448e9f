"""Normalisers of days and times of day: "today", "that same day", "mid-afternoon",
weekdays, clock times.
"""

from __future__ import annotations

import datetime as dt
import re

from storylens.timeline.anchoring import (
    Anchors,
    norm,
    pick_weekday,
)
from storylens.timeline.normalise.records import Timex, anchored, unanchored
from storylens.timeline.normalise.values import (
    phase_mod,
)
from storylens.timeline.patterns import CONTEXT
from storylens.timeline.resources import (
    DAYLIGHT_WORDS,
    PARTS_OF_DAY,
    WEEKDAYS,
)


def anaphoric_day(m: re.Match, ctx: Anchors, s: int, e: int) -> Timex | None:
    """'that same day', 'the next morning', 'the day before': the day last told of (else the
    article's), moved by "next"/"previous"/"before"/"after", a TIME for a part of it
    (…TMO); a month told of without its day gives YYYY-MM-XX."""
    step = {"next": 1, "following": 1, "previous": -1}.get((m["step"] or "").lower(), 0)
    if m["ba"]:  # "the day before", "the night after"
        step = -1 if m["ba"].lower() == "before" else 1
    mod = phase_mod(m["ph"]) if m["ph"] else ""
    month_later = ctx.ref_month is not None and ctx.ref_month_end > ctx.ref_day_end
    if ctx.ref_day is not None and not (month_later and not step):
        day = ctx.ref_day + dt.timedelta(days=step)
    elif ctx.ref_month is not None and not step:
        y, mo = ctx.ref_month
        return unanchored("DATE", f"{y:04d}-{mo:02d}-XX", "month", mod=mod)
    elif ctx.dct is not None:
        day = ctx.dct + dt.timedelta(days=step)
    else:
        return unanchored("DATE", "XXXX-XX-XX", "day", mod=mod)
    pod = m["pod"] or (m["ba_unit"] if (m["ba_unit"] or "").lower() == "night" else None)
    if pod:  # "the next morning": a part of that day, a TIME as "Friday morning" is
        code = PARTS_OF_DAY[pod.lower()]
        return anchored("TIME", f"{day.isoformat()}T{code}", "time", mod=mod)
    return anchored("DATE", day.isoformat(), "day", mod=mod)


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


def part_of_day(m: re.Match, ctx: Anchors, s: int, e: int) -> Timex | None:
    """'in the morning', 'that evening': that part of the day last told of (or of the
    article's day); 'overnight': the night before it."""
    pod = "night" if m["ovn"] else (m["pod"] or m["pod2"] or m["pod3"]).lower()
    code = PARTS_OF_DAY[pod]
    day = ctx.near_day(s)
    if day is not None and m["ovn"]:
        day -= dt.timedelta(days=1)
    if day is None:
        return unanchored("TIME", f"XXXX-XX-XXT{code}", "time")
    return anchored("TIME", f"{day.isoformat()}T{code}", "time")


def daylight(m: re.Match, ctx: Anchors, s: int, e: int) -> Timex | None:
    """'at dawn', 'by nightfall': the part of the day it begins or ends (MO, EV) of the day
    last told of, else of the article's."""
    code = DAYLIGHT_WORDS[norm(m["w"].lower())]
    day = ctx.near_day(s)
    if day is None:
        return unanchored("TIME", f"XXXX-XX-XXT{code}", "time")
    return anchored("TIME", f"{day.isoformat()}T{code}", "time")


def early_hours(m: re.Match, ctx: Anchors, s: int, e: int) -> Timex | None:
    """'the early hours' (the start of the morning, TMO with mod START) of the day last told
    of; 'the early hours of' before a day is joined to it by the tagger, as 'the night of'."""
    if m["of"]:
        return Timex("TIME", "XXXX-XX-XXTMO", "time", mod="START", relative=True)
    day = ctx.near_day(s)
    if day is None:
        return unanchored("TIME", "XXXX-XX-XXTMO", "time", mod="START")
    return anchored("TIME", f"{day.isoformat()}TMO", "time", mod="START")


def part_of_day_of(m: re.Match, ctx: Anchors, s: int, e: int) -> Timex | None:
    """'the night of' before a day: that part of a day still unknown (XXXX-XX-XXTNI), which
    the tagger joins to the day after it."""
    return Timex("TIME", f"XXXX-XX-XXT{PARTS_OF_DAY[m['pod'].lower()]}", "time", relative=True)


def phase_of_day(m: re.Match, ctx: Anchors, s: int, e: int) -> Timex | None:
    """'mid-afternoon': that part of the day last mentioned (or the article's day)."""
    code = PARTS_OF_DAY[m["pod"].lower()]
    mod = phase_mod(m["ph"])
    day = ctx.near_day(s)
    if m["w"] and ctx.dct is not None:
        day = ctx.dct + dt.timedelta(days={"yesterday": -1, "today": 0}.get(m["w"].lower(), 1))
    if day is None:
        return unanchored("TIME", f"XXXX-XX-XXT{code}", "time", mod=mod)
    return anchored("TIME", f"{day.isoformat()}T{code}", "time", mod=mod)


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
    # "Friday night", "Sunday afternoon": a part of that day, a TIME "...TNI", "...TAF"
    # (TIMEX3 guidelines; TimeBank is split between this and the day alone)
    if pod:
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
        return unanchored("TIME", f"XXXX-XX-XXT{hm}", "time")
    return anchored("TIME", f"{day.isoformat()}T{hm}", "time")


def _spoken_hour(h: int, pod: str) -> int:
    """The 24-hour hour of "4 in the morning", "8 in the evening", "11 at night"."""
    if pod == "morning":
        return h % 12
    if pod in ("afternoon", "evening") or (pod == "night" and h >= 6):
        return h % 12 + 12
    return h


def clock_words(m: re.Match, ctx: Anchors, s: int, e: int) -> Timex | None:
    """ "6 o'clock", '4 in the morning', '11 at night', '10:30', '0600 GMT': on the day last
    told of, else the article's."""
    if m["h4"]:
        hm = f"{m['h4']}:{m['m4']}"
    elif m["hb"]:
        hm = f"{int(m['hb']):02d}:{m['mib']}"
    else:
        pod = (m["pod"] or m["pod2"] or "").lower() or (
            "night" if m["night"] or m["night2"] else ""
        )
        hm = f"{_spoken_hour(int(m['h']), pod):02d}:{m['mi'] or '00'}"
    day = ctx.near_day(s)
    if day is None:
        return unanchored("TIME", f"XXXX-XX-XXT{hm}", "time")
    return anchored("TIME", f"{day.isoformat()}T{hm}", "time")
