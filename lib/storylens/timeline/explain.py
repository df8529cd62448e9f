"""A reader's gloss of a TIMEX3 value: what "2025-W09" or "PXM" says, in words.

:func:`explain_value` turns the ``value`` (with its ``type`` and ``mod``) of a row of
:func:`~storylens.timeline.extract_timexes` into a short phrase for a report: a calendar
value by its dates, a duration by its count and unit, a set as "every ...", a reference
by its side of the article date. Its words are in ``data/timex_lexicon.yaml``
(``glosses``); month and weekday names come from the shared lexicon.

>>> explain_value("2025-W09", "DATE")
'week of 24 Feb 2025'
>>> explain_value("P2Y", "DURATION", mod="EQUAL_OR_LESS")
'at most 2 years'
>>> explain_value("2025-02-21TNI", "TIME")
'night of 21 Feb 2025'
"""

from __future__ import annotations

import datetime as dt
import re

from storylens.timeline.resources import MONTHS, TIMEX_LEXICON, WEEKDAYS

__all__ = ["explain_value"]

GLOSSES = TIMEX_LEXICON["glosses"]
# Month number -> its three-letter name ("Feb") and its full name ("February"); ISO
# weekday -> its full name ("Monday").
MONTH_ABBR = {n: w.title() for w, n in MONTHS.items() if len(w) == 3}
MONTH_NAMES = {n: max((w for w, k in MONTHS.items() if k == n), key=len).title()
               for n in set(MONTHS.values())}  # fmt: skip
WEEKDAY_NAMES = {n: max((w for w, k in WEEKDAYS.items() if k == n), key=len).title()
                 for n in set(WEEKDAYS.values())}  # fmt: skip

# A duration: "P2Y", "P2.5Y", "PT5H", "P1DE", "PXM", "P2Y6M" (accepts); "P", "2Y" (rejects)
DURATION_RE = re.compile(r"P(?P<date>(?:(?:\d+(?:\.\d+)?|X)(?:CE|DE|[YQMWDX]))*)"
                         r"(?:T(?P<time>(?:(?:\d+(?:\.\d+)?|X)[HMS])+))?")  # fmt: skip
# One part of a duration: "2Y", "XDE", "30M", "XX" (accepts); "Y" (rejects)
DURATION_PART_RE = re.compile(r"(\d+(?:\.\d+)?|X)(CE|DE|[YQMWDHSX])")
# A day, perhaps with a time or a part of day: "2025-02-21", "XXXX-12-07", "2025-02-21T20:00",
# "2025-02-21TNI", "XXXX-XX-XXTMO" (accepts); "2025-02" (rejects)
DAY_RE = re.compile(r"(?P<y>\d{4}|XXXX)-(?P<m>\d\d|XX)-(?P<d>\d\d|XX)"
                    r"(?:T(?:(?P<hm>\d\d(?::\d\d)?)|(?P<pod>MO|AF|EV|NI|DT)))?")  # fmt: skip
# A week or a day of one: "2025-W09", "2025-W09-WE", "XXXX-WXX-1" (accepts); "2025-09" (rejects)
WEEK_RE = re.compile(
    r"(?P<y>\d{4}|XXXX)-W(?P<w>\d\d?|XX)(?:-(?P<d>WE|[1-7]))?(?:T(?P<pod>MO|AF|EV|NI))?"
)
# A month or a part of a year: "2025-02", "XXXX-07", "2026-Q1", "2025-SU" (accepts); "2025"
# (rejects)
PART_RE = re.compile(r"(?P<y>\d{4}|XXXX)-(?:(?P<m>\d\d|XX)|(?P<part>Q[1-4]|H[12]|SP|SU|FA|WI|QX))")
# A year, decade or century: "2025", "199", "199X", "19", "19XX" (accepts); "2025-02" (rejects)
YEARS_RE = re.compile(r"(?P<y>\d{4})|(?P<dec>\d{3})X?|(?P<cen>\d{2})(?:XX)?|(?P<any>XXXX)")


def _day(y: str, m: str, d: str) -> str:
    """'21 Feb 2025', '7 Dec' (year unknown), 'a day in Feb 2025'."""
    month = MONTH_ABBR.get(int(m)) if m != "XX" else None
    if month is None:
        return "a day" if y == "XXXX" else f"a day in {y}"
    if d == "XX":
        return f"a day in {month}" + ("" if y == "XXXX" else f" {y}")
    return f"{int(d)} {month}" + ("" if y == "XXXX" else f" {y}")


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _day_value(m: re.Match) -> str:
    day = _day(m["y"], m["m"], m["d"])
    if m["pod"]:
        pod = GLOSSES["parts_of_day"][m["pod"]]
        return f"a {pod}" if day == "a day" else f"{pod} of {day}"
    if m["hm"]:
        hm = m["hm"] if ":" in m["hm"] else f"{m['hm']}:00"
        return hm if day == "a day" else f"{hm} on {day}"
    return day


def _week_value(m: re.Match) -> str:
    if m["y"] == "XXXX" or m["w"] == "XX":
        if m["d"] and m["d"] != "WE":
            name = WEEKDAY_NAMES[int(m["d"])]
            pod = f" {GLOSSES['parts_of_day'][m['pod']]}" if m["pod"] else ""
            return f"a {name}{pod}"
        return "a weekend" if m["d"] == "WE" else "a week"
    try:
        monday = dt.date.fromisocalendar(int(m["y"]), int(m["w"]), 1)
    except ValueError:
        return m.group(0)
    if m["d"] == "WE":
        return f"weekend of {_fmt(monday + dt.timedelta(days=5))}"
    if m["d"]:
        return _fmt(monday + dt.timedelta(days=int(m["d"]) - 1))
    return f"week of {_fmt(monday)}"


def _fmt(d: dt.date) -> str:
    return f"{d.day} {MONTH_ABBR[d.month]} {d.year}"


def _part_value(m: re.Match) -> str:
    year = "" if m["y"] == "XXXX" else m["y"]
    if m["m"]:
        name = MONTH_NAMES.get(int(m["m"])) if m["m"] != "XX" else None
        return f"{name} {year}".strip() if name else (f"a month in {year}" if year else "a month")
    if m["part"] == "QX":
        return f"a quarter of {year}" if year else "a quarter"
    words = GLOSSES["year_parts"][m["part"]]
    return f"{words} {year}".strip() if year or not words.endswith(" of") else words[:-3]


def _years_value(m: re.Match) -> str:
    if m["y"]:
        return m["y"]
    if m["dec"]:
        return f"the {m['dec']}0s"
    if m["cen"]:
        return f"the {_ordinal(int(m['cen']) + 1)} century"
    return "a year"


def _count(n: str, unit: str, time_part: bool) -> str:
    """'2 years', 'some months', '1 minute'."""
    key = "TM" if time_part and unit == "M" else unit
    one, many = GLOSSES["units"][key]
    if n == "X":
        return "some time" if unit == "X" else f"some {many}"
    return f"{n} {one if float(n) == 1 else many}"


def _duration(m: re.Match) -> list[str]:
    parts = [_count(n, u, False) for n, u in DURATION_PART_RE.findall(m["date"] or "")]
    parts += [_count(n, u, True) for n, u in DURATION_PART_RE.findall(m["time"] or "")]
    return parts


def _calendar(value: str) -> str | None:
    """The gloss of a calendar value, or None if it is not one."""
    for pattern, gloss in ((DAY_RE, _day_value), (WEEK_RE, _week_value),
                           (PART_RE, _part_value), (YEARS_RE, _years_value)):  # fmt: skip
        if m := pattern.fullmatch(value):
            return gloss(m)
    return None


def _as_set(value: str) -> str | None:
    """'every week', 'every 2 weeks', 'every few years', 'every Monday', 'every morning'."""
    if (m := DURATION_RE.fullmatch(value)) and (parts := _duration(m)):
        if len(parts) == 1 and parts[0].startswith("1 "):
            return "every " + GLOSSES["units"][_unit_key(m)][0]
        return "every " + " ".join(parts).replace("some ", "few ")
    gloss = _calendar(value)
    if gloss is None:
        return None
    return "every " + re.sub(r"^(?:an?|a day in|a month in)\s+", "", gloss)


def _unit_key(m: re.Match) -> str:
    n, unit = DURATION_PART_RE.findall(m["date"] or m["time"])[0]
    return "TM" if not m["date"] and unit == "M" else unit


def explain_value(value: str, type: str, mod: str | None = None, dct=None) -> str:
    """A reader's gloss of a TIMEX3 ``value`` of ``type`` (DATE, TIME, DURATION, SET), with
    the phrase of its ``mod`` before it; ``dct`` (a date or ISO string), if given, names
    the article date a ``*_REF`` value lies around. A value it cannot read comes back as
    it is.

    >>> explain_value("PXM", "DURATION"), explain_value("PAST_REF", "DATE")
    ('some months', 'some time before')
    >>> explain_value("P1W", "SET"), explain_value("199", "DATE", mod="END")
    ('every week', 'the late 1990s')
    >>> explain_value("PAST_REF", "DATE", dct="2025-02-21")
    'some time before 21 Feb 2025'
    """
    v = str(value).strip().upper()
    if v in GLOSSES["references"]:
        gloss = GLOSSES["references_alone"][v]
        if dct is not None:
            day = dct if isinstance(dct, dt.date) else dt.date.fromisoformat(str(dct)[:10])
            gloss = f"{GLOSSES['references'][v]} {_fmt(day)}"
    elif type == "SET":
        gloss = _as_set(v)
    elif (m := DURATION_RE.fullmatch(v)) and (parts := _duration(m)):
        gloss = " ".join(parts)
    else:
        gloss = _calendar(v)
    if gloss is None:
        return str(value)
    phrase = GLOSSES["mods"].get(str(mod or "").upper())
    if phrase and gloss.startswith("the "):  # "the late 1990s", "the early 20th century"
        return f"the {phrase} {gloss[4:]}"
    return f"{phrase} {gloss}" if phrase else gloss
