"""The English rules of the timeline: which pattern proposes which kind of expression,
the normaliser that reads it, and the trigger words that let a rule run at all.

Earlier rules win ties between spans of the same length.
"""

from __future__ import annotations

from storylens.timeline import normalise as nz
from storylens.timeline import patterns as p
from storylens.timeline.engine import Rule

__all__ = ["RULES"]

# Words one of which must be in the (lower-cased) text for a rule to run at all.
_UNIT_STEMS = ("second", "minute", "hour", "day", "night", "week", "month", "quarter", "year",
               "decade", "centur", "fortnight")  # fmt: skip
_MONTH_STEMS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_DIGITS = tuple("0123456789")
_REF_WORDS = ("now", "current", "recent", "lately", "past", "future", "present", "moment",
              "these days", "term")  # fmt: skip
_SECOND_DAY_JOINS = (" and ", " or ", " to ", " through ", " until ", " till ", "&")

RULES: list[Rule] = [
    Rule("iso_date", p.ISO_DATE_RE, nz.iso_date, triggers=("-",)),
    Rule("slash_date", p.SLASH_DATE_RE, nz.slash_date, triggers=("/",)),
    Rule("month_day", p.MONTH_DAY_RE, nz.month_day, triggers=_MONTH_STEMS),
    Rule("day_month", p.DAY_MONTH_RE, nz.month_day, triggers=_MONTH_STEMS),
    Rule("week_of", p.WEEK_OF_RE, nz.week_of,
         triggers=("week of", "week beginning", "week starting")),
    Rule("second_day", p.SECOND_DAY_RE, nz.second_day, nz.accept_second_day,
         triggers=_SECOND_DAY_JOINS),
    Rule("month_year", p.MONTH_YEAR_RE, nz.month_year, triggers=_MONTH_STEMS),
    Rule("quarter", p.QUARTER_RE, nz.quarter, triggers=("quarter", "half")),
    Rule("quarter_code", p.QUARTER_CODE_RE, nz.quarter_code, triggers=("q", "h")),
    Rule("year_ago", p.YEAR_AGO_RE, nz.year_ago,
         triggers=("year-", "year's", "year’s", "last year", "year ago", "year earlier")),
    Rule("duration", p.DURATION_RE, nz.duration, triggers=_UNIT_STEMS),
    Rule("relative_unit", p.RELATIVE_UNIT_RE, nz.relative_unit, triggers=_UNIT_STEMS),
    Rule("phase_of_unit", p.PHASE_OF_UNIT_RE, nz.phase_of_unit, triggers=(" of the ", " in the ")),
    Rule("report_year", p.REPORT_YEAR_RE, nz.report_year, triggers=("year",)),
    Rule("the_year", p.THE_YEAR_RE, nz.the_year, triggers=("the year",)),
    Rule("decade", p.DECADE_RE, nz.decade, triggers=("0s", "0's", "0’s", "ties"),
         starts="(?=[\\w'’])"),  # "'80s" starts at its apostrophe
    Rule("century", p.CENTURY_RE, nz.century, triggers=("century",)),
    Rule("season", p.SEASON_RE, nz.season,
         triggers=("spring", "summer", "autumn", "fall", "winter")),
    Rule("holiday", p.HOLIDAY_RE, nz.holiday,
         triggers=("christmas", "thanksgiving", "day", "eve", "halloween")),
    Rule("day_word", p.DAY_WORD_RE, nz.day_word,
         triggers=("day", "tonight", "tomorrow", "night", "morning", "evening", "afternoon")),
    Rule("anaphoric_day", p.ANAPHORIC_DAY_RE, nz.anaphoric_day,
         triggers=("that ", "the next ", "the following ", "the previous ", "the same ")),
    Rule("weekday", p.WEEKDAY_RE, nz.weekday, triggers=("day",)),
    Rule("phase_of_day", p.PHASE_OF_DAY_RE, nz.phase_of_day,
         triggers=("morning", "afternoon", "evening")),
    Rule("month", p.MONTH_RE, nz.month, nz.accept_month, triggers=_MONTH_STEMS),
    Rule("year", p.YEAR_RE, nz.year, nz.accept_year, triggers=_DIGITS),
    Rule("spelled_year", p.SPELLED_YEAR_RE, nz.spelled_year, nz.accept_spelled_year,
         triggers=("nineteen", "eighteen", "thousand")),
    Rule("clock", p.CLOCK_RE, nz.clock, triggers=("m", "noon", "midday", "midnight", ":")),
    Rule("frequency", p.SET_RE, nz.frequency,
         triggers=("ly", "every", "each", "once", "twice", "times", "annual")),
    Rule("period_word", p.PERIOD_WORD_RE, nz.period_word, triggers=("weekend", "end")),
    Rule("bare_quarter", p.BARE_QUARTER_RE, nz.bare_quarter, triggers=("quarter", "period")),
    Rule("reference", p.REF_RE, nz.reference, triggers=_REF_WORDS),
    Rule("bare_units", p.BARE_UNITS_RE, nz.bare_units, nz.accept_bare_units,
         triggers=_UNIT_STEMS),
    Rule("ahead_units", p.AHEAD_UNITS_RE, nz.ahead_units, triggers=("ahead",)),
]  # fmt: skip
