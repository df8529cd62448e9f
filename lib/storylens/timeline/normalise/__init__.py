"""The normalisers: one per kind of expression, each turning a match into a :class:`Timex`.

A normaliser is a pure function ``(match, anchors, start, end) -> Timex | None``: it reads
the text and the :class:`~storylens.timeline.anchoring.Anchors` (article date, the dates
told before) and returns the TIMEX3 type, value and granularity of the expression, or None
to drop the match ("80-year-old" is an age). What it tells later expressions (a reporting
quarter, "the first nine months") travels in :attr:`Timex.period`; the tagger applies it.
An *accept* function ``(match, text) -> bool`` rejects a match before any overlap is
settled ("Theresa May" is no month).

By kind: ``dates`` (calendar dates, months, years, holidays), ``periods`` (quarters,
seasons, "last year", "a year ago"), ``days`` (day words, weekdays, clock times),
``durations`` (durations, "two years ago", frequencies, references), ``holidays``
(Islamic holidays, "the holiday season"); ``values`` holds what
words are worth (numbers, units), ``records`` the typed records.

>>> import re
>>> from storylens.timeline.anchoring import Anchors
>>> m = re.match(r"(?P<y>\\d{4})-(?P<m>\\d\\d)-(?P<d>\\d\\d)(?P<hh>)(?P<mi>)", "2025-02-21")
>>> iso_date(m, Anchors("2025-02-21", None), 0, 10)
Timex(type='DATE', value='2025-02-21', granularity='day', mod='', relative=False, \
resolved=False, span_start=None, period=None)
"""

from __future__ import annotations

from storylens.timeline.normalise.dates import (
    NOT_NAME_WORDS,
    accept_month,
    accept_second_day,
    accept_spelled_year,
    accept_year,
    century,
    decade,
    holiday,
    iso_date,
    month,
    month_day,
    month_year,
    ordinal_day,
    second_day,
    slash_date,
    spelled_year,
    turn_of_century,
    week_of,
    year,
)
from storylens.timeline.normalise.days import (
    anaphoric_day,
    clock,
    clock_words,
    day_word,
    daylight,
    early_hours,
    part_of_day,
    part_of_day_of,
    phase_of_day,
    weekday,
)
from storylens.timeline.normalise.durations import (
    accept_bare_units,
    ago,
    ahead_units,
    bare_units,
    duration,
    frequency,
    part_century,
    reference,
    vague_span,
)
from storylens.timeline.normalise.holidays import (
    hijri_holiday,
    hijri_to_gregorian,
    holiday_season,
)
from storylens.timeline.normalise.periods import (
    a_year_ago,
    accept_month_span_quarter,
    bare_quarter,
    is_quoted_title,
    month_span_quarter,
    period_word,
    phase_of_unit,
    quarter,
    quarter_code,
    relative_unit,
    report_year,
    season,
    the_year,
    unit_before_after,
    unit_from,
    year_ago,
)
from storylens.timeline.normalise.records import (
    Period,
    Timex,
    anchored,
    unanchored,
)
from storylens.timeline.normalise.values import (
    duration_value,
    is_count_word,
    month_number,
    number,
    phase_mod,
    unit_of,
    year_int,
)

__all__ = [
    "NOT_NAME_WORDS",
    "Period",
    "Timex",
    "a_year_ago",
    "accept_bare_units",
    "accept_month",
    "accept_month_span_quarter",
    "accept_second_day",
    "accept_spelled_year",
    "accept_year",
    "ago",
    "ahead_units",
    "anaphoric_day",
    "anchored",
    "bare_quarter",
    "bare_units",
    "century",
    "clock",
    "clock_words",
    "day_word",
    "daylight",
    "decade",
    "duration",
    "duration_value",
    "early_hours",
    "frequency",
    "hijri_holiday",
    "hijri_to_gregorian",
    "holiday",
    "holiday_season",
    "is_count_word",
    "is_quoted_title",
    "iso_date",
    "month",
    "month_day",
    "month_number",
    "month_span_quarter",
    "month_year",
    "number",
    "ordinal_day",
    "part_century",
    "part_of_day",
    "part_of_day_of",
    "period_word",
    "phase_mod",
    "phase_of_day",
    "phase_of_unit",
    "quarter",
    "quarter_code",
    "reference",
    "relative_unit",
    "report_year",
    "season",
    "second_day",
    "slash_date",
    "spelled_year",
    "the_year",
    "turn_of_century",
    "unanchored",
    "unit_before_after",
    "unit_from",
    "unit_of",
    "vague_span",
    "week_of",
    "weekday",
    "year",
    "year_ago",
    "year_int",
]
