"""Normalisers of holidays beyond the Gregorian ones of :mod:`.dates`: the Islamic
(Hijri) holidays ("Ramadan", "Eid al-Fitr") and the season of holidays at the end of the
year ("the holiday season").

Hijri dates are turned into Gregorian ones by the tabular (arithmetic) Islamic calendar:
a 30-year cycle of 354- and 355-day years, counted from 16 July 622 (Julian). The dates
observed follow the sighting of the new moon and may differ by a day; a month
("Ramadan") is valued as the Gregorian month holding most of it, which that day does not
change.

>>> hijri_to_gregorian(1446, 9, 1)
datetime.date(2025, 3, 1)
"""

from __future__ import annotations

import datetime as dt
import re

from storylens.timeline.anchoring import Anchors
from storylens.timeline.normalise.records import Timex, anchored, unanchored
from storylens.timeline.resources import HIJRI_HOLIDAYS

# Days from the proleptic Gregorian day 1 (date.toordinal) to the day before 1 Muharram
# of the year 1 AH (16 July 622, Julian calendar).
_HIJRI_EPOCH = dt.date(622, 7, 19).toordinal() - 1
# Mean Hijri year in Gregorian years, to find the Hijri years around a Gregorian date.
_HIJRI_YEAR_DAYS = 354.367


def hijri_to_gregorian(year: int, month: int, day: int) -> dt.date:
    """The Gregorian date of a date of the tabular Islamic calendar."""
    days = day + (59 * (month - 1) + 1) // 2 + (year - 1) * 354 + (3 + 11 * year) // 30
    return dt.date.fromordinal(_HIJRI_EPOCH + days)


def _hijri_year_of(d: dt.date) -> int:
    """The Hijri year holding ``d`` (give or take one; callers try its neighbours)."""
    return int((d.toordinal() - _HIJRI_EPOCH) / _HIJRI_YEAR_DAYS) + 1


def _pick(cands: list[dt.date], dct: dt.date, direction: int) -> dt.date:
    """The candidate the tense points to: the last before the article date, the next
    after it, else the nearest."""
    if direction < 0 and any(c <= dct for c in cands):
        return max(c for c in cands if c <= dct)
    if direction > 0 and any(c >= dct for c in cands):
        return min(c for c in cands if c >= dct)
    return min(cands, key=lambda c: (abs((c - dct).days), c > dct))


def hijri_holiday(m: re.Match, ctx: Anchors, s: int, e: int) -> Timex | None:
    """'Ramadan' (the month holding most of it), 'Eid al-Fitr', 'Eid al-Adha' (a day)."""
    month, day, gran = HIJRI_HOLIDAYS[(m["name"] or m["eid"]).lower()]
    if ctx.dct is None:
        return unanchored("DATE", "XXXX-XX" if gran == "month" else "XXXX-XX-XX", gran)
    here = _hijri_year_of(ctx.dct)
    cands = [hijri_to_gregorian(y, month, day) for y in range(here - 2, here + 2)]
    if gran != "month":
        return anchored("DATE", _pick(cands, ctx.dct, ctx.direction(s, e)).isoformat(), "day")
    under_way = [c for c in cands if c <= ctx.dct < c + dt.timedelta(days=30)]
    start = under_way[0] if under_way else _pick(cands, ctx.dct, ctx.direction(s, e))
    middle = start + dt.timedelta(days=14)  # the Gregorian month holding most of it
    return anchored("DATE", f"{middle.year:04d}-{middle.month:02d}", "month")


def holiday_season(m: re.Match, ctx: Anchors, s: int, e: int) -> Timex | None:
    """'the holiday season', 'last Christmas season': the December of that season (it runs
    from late November into the new year): under way from November, just over in January,
    else the coming one unless it is told of in the past or called "last"."""
    rel = (m["rel"] or "").lower()
    if ctx.dct is None:
        return unanchored("DATE", "XXXX-12", "month")
    d = ctx.dct
    if d.month >= 11:
        year = d.year
    elif d.month == 1:  # "last" is the one just over too
        year, rel = d.year - 1, "" if rel == "last" else rel
    else:
        year = d.year - 1 if not rel and ctx.direction(s, e) < 0 else d.year
        rel = "" if rel == "next" else rel
    year += {"last": -1, "next": 1}.get(rel, 0)
    return anchored("DATE", f"{year:04d}-12", "month")
