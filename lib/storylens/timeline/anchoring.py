"""Anchoring: resolving relative values against the article date and what was told before.

Pure date arithmetic (months, quarters, ISO weeks), the tense of the clause around an
expression (does it point ahead of the article date or behind it), the choice of year for a
month or day named without one, the date of a weekday, the :class:`Anchors` a normaliser
reads (article date, the last year, month, day and quarter told of), and
:func:`timex_interval`, the calendar interval a value covers.

>>> pick_weekday(4, dt.date(2025, 2, 21), +1, "")   # "Thursday" ahead of Friday 21 Feb
datetime.date(2025, 2, 27)
>>> tense_direction("Starmer said Monday.", 13, 19)
-1
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import re

import pandas as pd

from storylens.timeline.patterns import CONTEXT, SPACES_RE

__all__ = [
    "SINCE", "Anchors", "add_months", "iso_week", "parse_dct", "pick_date", "pick_weekday",
    "pick_year_for_month", "quarter_of", "safe_date", "shift_quarter", "tense_direction",
    "timex_interval",
]  # fmt: skip

# ---------------------------------------------------------------------------- date helpers


def norm(s: str) -> str:
    """Lower case with single spaces: 'This  Past' -> 'this past'."""
    return SPACES_RE.sub(" ", s.lower())


def add_months(year: int, month: int, n: int) -> tuple[int, int]:
    """(year, month) ``n`` months later: add_months(2024, 12, 1) == (2025, 1)."""
    k = year * 12 + (month - 1) + n
    return k // 12, k % 12 + 1


def quarter_of(d: dt.date) -> tuple[int, int]:
    """(year, quarter) of a date."""
    return d.year, (d.month - 1) // 3 + 1


def shift_quarter(year: int, q: int, n: int) -> tuple[int, int]:
    """(year, quarter) ``n`` quarters later."""
    k = year * 4 + (q - 1) + n
    return k // 4, k % 4 + 1


def iso_week(d: dt.date) -> str:
    """The TIMEX3 value of the ISO week holding ``d``: '2025-W09'."""
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def safe_date(y: int, m: int, d: int) -> dt.date | None:
    """The date, or None when there is no such day (30 February)."""
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def parse_dct(dct) -> dt.date | None:
    """The article date as a ``datetime.date`` from a string, date, Timestamp or None."""
    if dct is None or dct == "":
        return None
    if isinstance(dct, dt.datetime):
        return dct.date()
    if isinstance(dct, dt.date):
        return dct
    if isinstance(dct, str):
        try:
            return dt.date.fromisoformat(dct.strip()[:10])
        except ValueError:
            pass
    try:  # pandas Timestamp and similar
        return pd.Timestamp(dct).date()
    except (ValueError, TypeError):
        raise ValueError(
            f"dct={dct!r} is not a date; pass 'YYYY-MM-DD', a datetime.date or None"
        ) from None


# ------------------------------------------------------------------------------ tense

# How far (characters) before an expression a tense cue is looked for, and as far after (if
# none is before): "On Tuesday, the National Abortion Rights Action League plans to ...".
CUE_WINDOW = 100
# Cue words that are not the verb of the clause: "Monday until Friday", "Friday last year".
NON_VERB_CUES = frozenset(
    {"has", "have", "had", "last", "earlier", "ago", "yesterday", "already", "tomorrow",
     "until", "upcoming", "ahead of", "as early as", "as soon as"}
)  # fmt: skip


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The stretch around text[start:end], at most CUE_WINDOW each side, within its
    sentence."""
    left = max(0, start - CUE_WINDOW)
    for m in CONTEXT.sentence_end.finditer(text, left, start):
        left = m.end()
    right = min(len(text), end + CUE_WINDOW)
    m = CONTEXT.sentence_end.search(text, end, right)
    if m:
        right = m.start()
    return left, right


def _nearest_cue(text: str, start: int, end: int) -> re.Match | None:
    """The last tense cue before the expression in its sentence, else the first after it
    in its clause (not past a "that" or "which" opening another)."""
    left, right = _sentence_bounds(text, start, end)
    best = None
    for c in CONTEXT.tense_cue.finditer(text, left, start):
        if is_cue(text, c):
            best = c
    # "Until Thursday, they had not ...": a verb after outweighs a bare "until" before
    weak = best is not None and best.end() >= start - 8 and best.group(0).lower() == "until"
    if best is None or weak:
        clause = CONTEXT.clause_start.search(text, end, right)
        for c in CONTEXT.tense_cue.finditer(text, end, clause.start() if clause else right):
            if is_cue(text, c):
                return c
    return best


def tense_direction(text: str, start: int, end: int) -> int:
    """+1 if the clause around text[start:end] points ahead, -1 behind, 0 unknown."""
    if CONTEXT.ahead_before.search(text, max(0, start - 15), start):
        return 1  # "payable Dec. 1", "effective Feb. 1": dates told ahead
    # the verb right after the expression is the one it belongs to: "on Sunday issued"
    gap = CONTEXT.verb_gap.match(text, end)
    verb = CONTEXT.tense_cue.match(text, gap.end()) if gap else None
    if verb is not None and norm(verb.group(0).lower()) not in NON_VERB_CUES:
        return 1 if verb.group("fut") else -1
    best = _nearest_cue(text, start, end)
    if best is None:
        return 0
    if best.group("fut"):
        # "had been due to expire Friday" lies behind; "were planning to" still ahead
        past_aux = "ing" not in best.group("fut").lower() and CONTEXT.past_aux_before.search(
            text, max(0, best.start() - 25), best.start()
        )
        return -1 if past_aux else 1
    return -1


def is_cue(text: str, c: re.Match) -> bool:
    """A past form right after "be", "is", "been" is a passive participle, and one right
    after "to" or a modal a base form ("expected to hit", "will cut"), not a tense; a
    participle right after "a" or "the" is an adjective ("a scheduled interview")."""
    left = max(0, c.start() - 20)
    if c.group(0)[-2:].lower() == "ed" and CONTEXT.determiner_before.search(text, left, c.start()):
        return False
    if c.group("fut"):
        return True
    if CONTEXT.base_form_before.search(text, left, c.start()):
        return False
    return not CONTEXT.passive_aux.search(text, left, c.start())


# ------------------------------------------------------------------------- the anchors

# A clock time or part of a day within this many characters after a day takes that day.
NEAR_DAY_CHARS = 600
# A month without a cue within this many characters after another month sits beside it.
NEAR_MONTH_CHARS = 40


@dataclasses.dataclass(frozen=True, slots=True)
class Anchors:
    """What resolving an expression reads: the text, the article date and the last dates
    told of before it. The tagger makes a new one after each expression
    (:meth:`after`); normalisers never change it."""

    text: str
    dct: dt.date | None
    ref_quarter: tuple[int, int] | None = None
    ref_year: int | None = None
    ref_month: tuple[int, int] | None = None
    ref_month_end: int = 0  # where the expression that gave ref_month ends
    ref_day: dt.date | None = None
    ref_day_end: int = 0  # where the expression that gave ref_day ends
    # the kind of reporting period last mentioned: "quarter" ("the third quarter") or
    # "year" ("the first nine months"); "a year earlier" then means that period a year before
    ref_span: str = ""

    def near_day(self, start: int) -> dt.date | None:
        """The day a time of day belongs to: a day mentioned shortly before, else the
        article's day."""
        if self.ref_day is not None and start - self.ref_day_end <= NEAR_DAY_CHARS:
            return self.ref_day
        return self.dct

    def direction(self, start: int, end: int) -> int:
        """:func:`tense_direction` of text[start:end]."""
        return tense_direction(self.text, start, end)

    def since(self, start: int) -> bool:
        """True if the expression at ``start`` follows "since" or a reporting period that
        "ended": its date lies before the article date however far, whatever the verb
        ("prices have risen since March", "in the fiscal year ended Jan. 31")."""
        left = max(0, start - 30)
        return bool(
            CONTEXT.since_before.search(self.text, left, start)
            or CONTEXT.period_ended_before.search(self.text, left, start)
        )

    def near_month(self, start: int) -> dt.date | None:
        """The month told just before ``start`` (its 15th), which a month named next to it
        without a cue sits beside: "a high of $42.875 in June from $29.75 in March"."""
        if self.ref_month is None or start - self.ref_month_end > NEAR_MONTH_CHARS:
            return None
        return dt.date(*self.ref_month, 15)

    def previous_quarter(self) -> tuple[int, int] | None:
        """The quarter before the article date's (the last completed one)."""
        if self.dct is None:
            return None
        return shift_quarter(*quarter_of(self.dct), -1)

    def after(self, timex, end: int) -> Anchors:
        """The anchors once ``timex`` (a :class:`~storylens.timeline.normalise.Timex`
        ending at ``end``) has been told: its reporting period, year, month and day."""
        changes: dict = {}
        if timex.period is not None:
            changes["ref_span"] = timex.period.span
            if timex.period.quarter is not None:
                changes["ref_quarter"] = timex.period.quarter
        value = timex.value
        if timex.type == "DATE" and timex.granularity in ("day", "month", "year"):
            if value[:4].isdigit():  # the year later "that year" refers to
                changes["ref_year"] = int(value[:4])
            if value[:4].isdigit() and value[5:7].isdigit():  # ... and "that month"
                changes["ref_month"] = (int(value[:4]), int(value[5:7]))
                changes["ref_month_end"] = end
        if timex.granularity in ("day", "time") and value[:4].isdigit():
            changes["ref_day"] = safe_date(int(value[:4]), int(value[5:7]), int(value[8:10]))
            changes["ref_day_end"] = end
        return dataclasses.replace(self, **changes) if changes else self


# ------------------------------------------------------------------ year, date, weekday

# A tense cue moves a month or day named without a year to the past or future side of the
# article date only if that lands within this many months; beyond it the nearest wins
# (a cue read from the wrong verb must not throw a date a year away).
CUE_REACH_MONTHS = 8
# ... but a month told as ahead ("up for re-election in November", said in January) is
# the next one, up to eleven months away: the future is rarely told of by mistake.
FUTURE_CUE_REACH_MONTHS = 11
# A month named without a year or a tense cue is the nearest one, which always lies within
# six months either side of the article date ("the November election", in July 2010:
# 2010-11); on a tie (six months each way) the past one.


def _cued_year(cands, here: int, direction: int) -> int | None:
    """The year a tense cue gives a month, if near (None without a cue: the nearest)."""
    if direction < 0:
        y, k = max((c for c in cands if c[1] <= here), key=lambda c: c[1])
        if here - k <= CUE_REACH_MONTHS:
            return y
    if direction > 0:  # a month told as ahead is the next one, up to a year ahead
        y, k = min((c for c in cands if c[1] >= here), key=lambda c: c[1])
        if k - here <= FUTURE_CUE_REACH_MONTHS:
            return y
    return None


def pick_year_for_month(month: int, dct: dt.date, direction: int, rel: str = "") -> int:
    """Year of a month named without one, seen from the article date."""
    here = dct.year * 12 + dct.month - 1
    cands = [(y, y * 12 + month - 1) for y in range(dct.year - 2, dct.year + 2)]
    if rel == "last" or rel == "this past":  # "last February" said in March: a year before
        return max(y for y, k in cands if k < here - 1)
    if rel == "next" or rel == "this coming":
        return min(y for y, k in cands if k > here)
    if rel == "this":
        return dct.year
    if rel == "since":  # "since March": the last March begun by the article date
        return max(y for y, k in cands if k <= here)
    cued = _cued_year(cands, here, direction)
    if cued is not None:
        return cued
    return min(cands, key=lambda c: (abs(c[1] - here), c[1] > here))[0]


# The direction of a date after "since": behind the article date, however far.
SINCE = -2


def pick_date(month: int, day: int, dct: dt.date, direction: int) -> dt.date | None:
    """Full date of a month and day named without a year, seen from the article date;
    ``direction`` :data:`SINCE` takes the last one on or before it."""
    cands = [d for y in (dct.year - 1, dct.year, dct.year + 1) if (d := safe_date(y, month, day))]
    if not cands:
        return None
    past = [d for d in cands if d <= dct]
    fut = [d for d in cands if d >= dct]
    if direction == SINCE and past:  # "since Dec. 5": the last one by the article date
        return max(past)
    if direction < 0 and past and (dct - max(past)).days <= CUE_REACH_MONTHS * 30.5:
        return max(past)
    # a future cue reaches as far as for a month: "will be released on Jan. 5" in February
    if direction > 0 and fut and (min(fut) - dct).days <= FUTURE_CUE_REACH_MONTHS * 30.5:
        return min(fut)
    return min(cands, key=lambda d: (abs((d - dct).days), d > dct))


def pick_weekday(wd: int, dct: dt.date, direction: int, rel: str) -> dt.date:
    """The date of a weekday (ISO number) seen from the article date."""
    delta = wd - dct.isoweekday()
    if rel == "this":
        return dct + dt.timedelta(days=delta)
    if rel in ("last", "this past", "past"):
        return dct + dt.timedelta(days=(delta % 7) - 7 if delta % 7 else -7)
    if rel in ("next", "coming", "this coming"):
        return dct + dt.timedelta(days=delta % 7 or 7)
    if delta == 0:
        return dct
    if direction > 0:
        return dct + dt.timedelta(days=delta % 7)
    return dct + dt.timedelta(days=(delta % 7) - 7)


# ---------------------------------------------------------------------------- intervals

# "2024-12-07", "2024-12-07T10:35" (accepts); "2024-12" (rejects)
INTERVAL_DAY_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:T.*)?")
# "2025-W09", "2025-W09-WE", "2025-W09-4" (accepts); "2025-09" (rejects)
INTERVAL_WEEK_RE = re.compile(r"(\d{4})-W(\d{1,2})(?:-(WE|[1-7]))?")
# "2024-12" (accepts); "2024-Q1" (rejects)
INTERVAL_MONTH_RE = re.compile(r"(\d{4})-(\d{2})")
# "2026-Q1", "2025-H2", "2025-SU" (accepts); "2025-Q5" (rejects)
INTERVAL_PART_RE = re.compile(r"(\d{4})-(Q[1-4]|H[12]|SP|SU|FA|WI)")
# "2024", "199", "199X", "19", "19XX" (accepts); "2024-12" (rejects)
INTERVAL_YEAR_RE = re.compile(r"(\d{4})|(\d{3})X?|(\d{2})(?:XX)?")
# Part of a year -> (first month, number of months).
YEAR_PARTS = {
    "Q1": (1, 3), "Q2": (4, 3), "Q3": (7, 3), "Q4": (10, 3), "H1": (1, 6),
    "H2": (7, 6), "SP": (3, 3), "SU": (6, 3), "FA": (9, 3), "WI": (12, 3),
}  # fmt: skip

Interval = tuple[dt.date | None, dt.date | None]
NO_INTERVAL: Interval = (None, None)


def _week_interval(m: re.Match) -> Interval:
    try:
        monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
    except ValueError:
        return NO_INTERVAL
    if m[3] == "WE":
        return monday + dt.timedelta(days=5), monday + dt.timedelta(days=6)
    if m[3]:
        d = monday + dt.timedelta(days=int(m[3]) - 1)
        return d, d
    return monday, monday + dt.timedelta(days=6)


def _month_interval(m: re.Match) -> Interval:
    y, mo = int(m[1]), int(m[2])
    if not 1 <= mo <= 12:
        return NO_INTERVAL
    return dt.date(y, mo, 1), dt.date(y, mo, calendar.monthrange(y, mo)[1])


def _part_interval(m: re.Match) -> Interval:
    y = int(m[1])
    first, n = YEAR_PARTS[m[2]]
    ly, lm = add_months(y, first, n - 1)
    return dt.date(y, first, 1), dt.date(ly, lm, calendar.monthrange(ly, lm)[1])


def _years_interval(m: re.Match) -> Interval:
    if m[1]:
        y0, y1 = int(m[1]), int(m[1])
    elif m[2]:
        y0, y1 = int(m[2]) * 10, int(m[2]) * 10 + 9
    else:
        y0, y1 = int(m[3]) * 100, int(m[3]) * 100 + 99
    return dt.date(y0, 1, 1), dt.date(y1, 12, 31)


def _day_interval(m: re.Match) -> Interval:
    d = safe_date(int(m[1]), int(m[2]), int(m[3]))
    return (d, d) if d else NO_INTERVAL


# Value forms, tried in order, with the interval each one covers.
_INTERVAL_FORMS = (
    (INTERVAL_DAY_RE, _day_interval),
    (INTERVAL_WEEK_RE, _week_interval),
    (INTERVAL_MONTH_RE, _month_interval),
    (INTERVAL_PART_RE, _part_interval),
    (INTERVAL_YEAR_RE, _years_interval),
)


def timex_interval(value: str) -> tuple[dt.date | None, dt.date | None]:
    """The calendar interval ``(first day, last day)`` a TIMEX3 DATE value covers.

    A day covers itself, a week Monday to Sunday (a weekend Saturday and Sunday), a month
    its days, a quarter or half its months, a season its three months (spring March-May,
    summer June-August, autumn September-November, winter December-February), a year, a
    decade (``199``, ``199X``) or a century (``19``, ``19XX``) its years. Values with unknown parts
    (``XXXX-12-07``), durations and ``*_REF`` values give ``(None, None)``.

    >>> timex_interval("2024-12")
    (datetime.date(2024, 12, 1), datetime.date(2024, 12, 31))
    >>> timex_interval("2026-Q1")
    (datetime.date(2026, 1, 1), datetime.date(2026, 3, 31))
    >>> timex_interval("XXXX-12-07")
    (None, None)
    """
    if not isinstance(value, str) or not value or value[0] not in "0123456789":
        return NO_INTERVAL
    for pattern, interval in _INTERVAL_FORMS:
        if m := pattern.fullmatch(value):
            return interval(m)
    return NO_INTERVAL
