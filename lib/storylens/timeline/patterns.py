"""The English grammar of temporal expressions: building blocks and compiled patterns.

Each pattern is compiled once at import, named for what it matches, with a comment
showing an example it accepts and one it rejects. The rule patterns (one per kind of
expression) are what :mod:`storylens.timeline.rules` runs; the context patterns are
matched against the text just before or after an expression by the normalisers.

>>> bool(ISO_DATE_RE.fullmatch("2025-02-21")), bool(ISO_DATE_RE.fullmatch("2025-02-211"))
(True, False)
"""

from __future__ import annotations

import re

from storylens.timeline.resources import (
    DECADE_WORDS,
    FUTURE_CUES,
    GENERIC_AFTER_TODAY,
    HOLIDAYS,
    MONTHS,
    NUMBER_WORDS,
    PAST_CUES,
    QUANTITY_MODS,
    VAGUE_NUMBERS,
    WEEKDAYS,
    alternation,
    cased,
)

# ------------------------------------------------------------------------ building blocks

FULL_MONTHS = [m for m in MONTHS if len(m) > 4 or m in ("may", "june", "july")]
ABBR_MONTHS = [m for m in MONTHS if m not in FULL_MONTHS]
# A month name: "February", "Feb.", "FEB", "Feb 17"; not "Mar-a-Lago", not "may".
_MONTH = rf"(?:(?:{cased(FULL_MONTHS)})\b|(?:{cased(ABBR_MONTHS)})(?:\.|\b(?=\s+\d)))"
# A full weekday name: "Thursday", "THURSDAY"; not "thursday" or "Thu".
_WEEKDAY = rf"(?:{cased([w for w in WEEKDAYS if len(w) > 4])})"
# Day of month: "7", "07", "7th", "31"; not "32", not the "19" of "1998".
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d%]|:\d)"
_YEAR4 = r"(?:1[5-9]\d\d|20\d\d)(?![\d%])"
_NUM_WORD_ALT = alternation([w for w in NUMBER_WORDS if w not in ("a", "an")])
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_ONES = "one|two|three|four|five|six|seven|eight|nine"
# One number: "20", "1.5", "5 1/2", "1,000", "twenty-five", "a", "a dozen"; not "30,00".
_NUM = (
    rf"(?:(?<![\d,.$€£])\d{{1,3}}(?:,\d{{3}})*(?:\.\d+)?(?:\s+1/2)?(?![\d,]\d)"
    rf"|(?:{_TENS})[\s-](?:{_ONES})|{_NUM_WORD_ALT}|an?)"
)
_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
# A year in words, as broadcast transcripts write it: "nineteen ninety-six", "two thousand".
_SPELLED_YEAR = (
    rf"(?i:(?:nineteen|eighteen)[\s-](?:hundred(?:\s+and)?\s+)?(?:(?:{_TENS})(?:[\s-](?:{_ONES}))?"
    rf"|{_TEENS}|oh[\s-](?:{_ONES}))"
    rf"|two\s+thousand(?:\s+(?:and\s+)?(?:{_TEENS}|{_ONES}|(?:{_TENS})(?:[\s-](?:{_ONES}))?))?)"
)
_UNIT_ALT = (
    r"(?:second|minute|hour|day|night|week|fortnight|month|quarter|year|decade)s?"
    r"|centur(?:y|ies)"
)
_VAGUE_ALT = alternation(VAGUE_NUMBERS)

# ------------------------------------------------------------------------------- patterns
# Each pattern is named for what it matches, with an example it accepts and one it rejects.
# "2025-02-21" (accepts); "2025-02-211" (rejects)
ISO_DATE_RE = re.compile(
    r"(?<![\d-])(?P<y>(?:1[5-9]|20)\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])"
    r"(?:T(?P<hh>[01]\d|2[0-3]):(?P<mi>[0-5]\d))?(?![\d-])"
)
# "2/17/2025" (accepts, US order); "2/17" (rejects: a fraction or score)
SLASH_DATE_RE = re.compile(
    r"(?<![\d/.])(?P<a>[01]?\d|3[01])/(?P<b>[0-3]?\d)/(?P<y>(?:19|20)\d\d)(?![\d/])"
)
# "Feb. 17, 2025", "Monday, Oct. 26", "December 7" (accepts); "Article 5" (rejects)
MONTH_DAY_RE = re.compile(
    rf"(?:(?P<wd>{_WEEKDAY}),?\s+)?(?P<mon>{_MONTH})\s+(?P<day>{_DAY})"
    rf"(?!\s*(?:,\d{{3}}|[-–]\d))(?:,?\s+(?P<year>{_YEAR4}))?"
    # the year of "April 24 and 25, 1999" is read from after the second day
    rf"(?(year)|(?=\s+(?:and|or|to|through|&)\s+{_DAY},?\s+(?P<year2>{_YEAR4}))?)"
)
# "19 February 2025", "the 7th of December" (accepts); "30,000 troops" (rejects)
DAY_MONTH_RE = re.compile(
    rf"(?:(?P<wd>{_WEEKDAY}),?\s+)?(?:(?i:the)\s+)?(?<![\d,.])(?P<day>{_DAY})\s+(?:of\s+)?"
    rf"(?P<mon>{_MONTH})(?:,?\s+(?P<year>{_YEAR4}))?"
)
# "the week of March 6" (accepts); "the week of talks" (rejects)
WEEK_OF_RE = re.compile(
    rf"(?i:the\s+week\s+(?:of|beginning|starting)\s+)(?=(?P<date>{_MONTH}\s+{_DAY}))"
    rf"{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR4})?"
)
# The "25" of "April 24 and 25": a day number right after a month and day and a conjunction
# (accepted by _accept_second_day); "25" alone (rejects)
SECOND_DAY_RE = re.compile(
    r"(?:(?<=and\s)|(?<=or\s)|(?<=to\s)|(?<=&\s)|(?<=through\s)|(?<=until\s)|(?<=till\s))"
    rf"(?P<day>{_DAY})\b(?:,?\s+(?P<year>{_YEAR4}))?"
)
# "April 24 and " (accepts, the text before a second day); "troops and " (rejects)
FIRST_DAY_BEFORE_RE = re.compile(
    rf"(?P<mon>{_MONTH})\s+{_DAY},?\s+(?:and|or|to|through|until|till|&)\s+$"
)
# "November 1998", "May of 2016" (accepts); "November" alone (rejects: MONTH_RE's job)
MONTH_YEAR_RE = re.compile(
    rf"(?P<mon>{_MONTH})(?:\s+of)?,?\s+(?:(?P<year>{_YEAR4}|{_SPELLED_YEAR}\b)|(?P<rel>(?i:this|next|last))\s+(?i:year)\b)"
)
# "in November", "last April", "each July" (accepts); "Theresa May" (rejected by _accept_month)
MONTH_RE = re.compile(
    rf"(?:(?P<rel>(?i:this\s+past|this\s+coming|last|next|this|each|every))\s+)?"
    rf"(?P<mon>{_MONTH})(?!\s+\d)"
)
# "2014", "pre-2014", "fiscal 1989", "FY2024" (accepts); "2014%", "1990s", "30,000" (rejects)
YEAR_RE = re.compile(
    r"(?:(?<![\w$€£#.,/-])|(?<=\d\d\d\d[-–]))(?:(?P<pp>(?i:pre|post|mid))-)?"
    r"(?:(?P<fy>(?i:fiscal)(?:\s+(?i:year))?\s+|FY\s?))?"
    r"(?P<year>(?:1[6-9]|20)\d\d)(?![\w%]|[.,]\d|-\d(?!\d\d\d\b)|\s*(?:percent|per\s+cent)\b)"
)
# "the 1990s", "'80s", "the nineties", "mid-1990s" (accepts); "her forties" (rejects)
DECADE_RE = re.compile(
    r"(?:(?i:the)\s+)?(?:(?P<pp>(?i:early|mid|late))[\s-])?(?:(?<![\w$])(?P<dc>(?:1[6-9]|20)\d)0['’]?s"
    r"|['’](?P<ds>\d)0s|(?<=(?i:the)\s)(?P<dw>(?i:" + "|".join(DECADE_WORDS) + r")))\b"
)
# "the 20th century", "21st-century" (accepts); "20th anniversary" (rejects)
CENTURY_RE = re.compile(
    r"(?i:the\s+)?(?P<n>\d{1,2})(?:st|nd|rd|th)[\s-](?i:century)\b"
    r"|(?i:the\s+)?(?P<w>(?i:nineteenth|twentieth|twenty-first))[\s-](?i:century)\b"
)
# "the first quarter of 2026", "third-quarter", "the fiscal first quarter" (accepts);
# "a quarter of the vote" (rejects: no ordinal)
QUARTER_RE = re.compile(
    r"(?i:(?:(?:the|its|their|a|this\s+year['’]s|last\s+year['’]s|next\s+year['’]s)\s+)?"
    r"(?:(?P<qmod>latest|current|previous|same|comparable|corresponding|year-ago|year-earlier"
    r"|fiscal|calendar|flat|(?:19|20)\d\d)[\s-]+){0,3}"
    r"(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|final|(?:last|latter)(?=[\s-]+half))"
    r"[\s-]+(?:fiscal[\s-]+)?"
    r"(?:(?P<q>quarter)|(?P<h>half))(?![\w-])"
    r"(?:\s+of\s+(?:(?:the\s+)?(?:fiscal\s+|calendar\s+)?(?:year\s+)?(?P<y2>(?:19|20)\d\d)"
    r"|(?P<y2rel>this|last|next)\s+year))?)"
)
# "Q1 2026", "2026-Q1", "Q3", "H1 2025" (accepts); "Q5", "H3" (rejects)
QUARTER_CODE_RE = re.compile(
    r"\b(?:(?P<ca>[QH])(?P<qa>[1-4])(?:[\s/-]?(?P<ya>(?:19|20)\d\d)\b)?"
    r"|(?P<yb>(?:19|20)\d\d)[\s-]?(?P<cb>[QH])(?P<qb>[1-4]))\b"
)
# "nineteen ninety-six", "the year two thousand" (accepts); "nineteen" alone (rejects)
SPELLED_YEAR_RE = re.compile(
    rf"(?i:\b(?:the\s+year\s+)?)(?P<year>{_SPELLED_YEAR})\b(?![\s-]+(?:{_UNIT_ALT}|percent))"
)
# "the quarter", "the latest quarter", "the latest period" (accepts); "a quarter" (rejects)
BARE_QUARTER_RE = re.compile(
    r"(?i:\bthe\s+(?:(?:latest|most\s+recent|recent|(?P<qy>(?:19|20)\d\d))\s+(?:quarter|period)"
    r"|quarter)\b(?!-))"
)
# "this summer", "the winter of 1994", "spring 2025" (accepts); "fall" as a verb (rejects)
SEASON_RE = re.compile(
    r"(?i:\b(?:(?P<rel>this\s+past|this\s+coming|this|last|next|the|early|late|mid-?|in)\s+)?"
    r"(?P<season>spring|summer|autumn|fall|winter)(?:time)?\b"
    rf"(?:\s+(?:of\s+)?(?P<year>(?:19|20)\d\d\b|{_SPELLED_YEAR}\b))?)"
)
# "today", "yesterday morning", "last night", "the day after tomorrow" (accepts);
# "todays" (rejects)
DAY_WORD_RE = re.compile(
    r"(?i:\b(?:(?P<w>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|today|tonight"
    r"|tomorrow|yesterday)(?:\s+(?P<pod>morning|afternoon|evening|night))?"
    r"|(?P<tw>this|last|tomorrow|yesterday)\s+(?P<pod2>morning|afternoon|evening|night))\b)"
)
# "that same day", "earlier that day", "the next morning", "the previous day" (accepts: a
# day counted from the one last told of); "that day" (rejects: often any such day)
ANAPHORIC_DAY_RE = re.compile(
    r"(?i:\b(?:(?P<ph>earlier|later)\s+that|that\s+same|the\s+same"
    r"|the\s+(?P<step>next|following|previous))\s+(?:day|morning|afternoon|evening|night)\b"
    r"(?!['’]s))"
)
# "mid-afternoon", "early morning", "mid-afternoon yesterday" (accepts); "afternoon" alone
# (rejects: too often generic)
PHASE_OF_DAY_RE = re.compile(
    r"(?i:\b(?P<ph>early|mid|late)[\s-]?(?P<pod>morning|afternoon|evening)\b"
    r"(?:\s+(?P<w>yesterday|today|tomorrow)\b)?)"
)
# "Thursday", "next Monday", "Friday evening", "Mondays", "Tuesday nights", "each Thursday"
# (accepts); "thursday" (rejects)
WEEKDAY_RE = re.compile(
    rf"(?:(?P<rel>(?i:this\s+coming|this\s+past|last|next|this|coming|past|early|late|earlier"
    rf"|later|the\s+previous|the\s+following|the\s+next|every|each))\s+)?"
    rf"(?P<wd>{_WEEKDAY})(?P<pl>s)?\b"
    rf"(?:\s+(?P<pod>(?i:morning|afternoon|evening|night))(?P<pl2>s)?)?\b"
)
# "last year", "this week", "next month", "the past year", "that year" (accepts);
# "the year" (rejects: duration or date, too ambiguous)
RELATIVE_UNIT_RE = re.compile(
    r"(?i:\b(?P<rel>this\s+past|this\s+coming|the\s+past|the\s+last|the\s+next|the\s+coming"
    r"|the\s+current|the\s+previous|the\s+preceding|the\s+prior|the\s+following|the\s+same"
    r"|the\s+latest|the\s+present|the\s+full|the\s+whole|the\s+entire|this|last|next|that"
    r"|current|coming|past|previous)\s+(?:(?P<fiscal>fiscal|calendar)\s+)?"
    r"(?P<unit>weekend|week|month|year|quarter|decade|century)\b(?!-))"
)
# "the weekend", "year-end", "year's end" (accepts); "weekends" (rejects)
PERIOD_WORD_RE = re.compile(
    r"(?i:\b(?:(?P<we>the\s+weekend)|(?P<ye>year[\s-]end|year['’]s\s+end))\b(?!s))"
)
# "the end of the month", "earlier in the year", "the rest of the week" (accepts);
# "the end of the war" (rejects)
PHASE_OF_UNIT_RE = re.compile(
    r"(?i:\b(?P<phase>(?:the\s+)?(?:end|beginning|start|middle|close|rest|remainder)\s+of"
    r"|(?:earlier|later)\s+in)\s+the\s+(?:(?:fiscal|calendar)\s+)?"
    r"(?P<unit>year|month|week|quarter|decade|century)\b)"
)
# "the year ended Sept. 30", "the fiscal year ending in June" (accepts: a reporting year);
# "the year" alone (rejects)
REPORT_YEAR_RE = re.compile(r"(?i:\bthe\s+(?:fiscal\s+)?year(?=\s+(?:ended|ending|to\s+date)\b))")
# "the year" after "for", "of", "during" and ending a phrase: "a high for the year", "the first
# nine months of the year," (accepts: the current year); "for the year ended", "of the year
# 2000", "the year before" (rejects)
THE_YEAR_RE = re.compile(
    r"(?i:(?:(?<=\bfor\s)|(?<=\bof\s))the\s+year(?=\s*[,.;:]|\s+(?:of|was|is|were|are|has|have|and)\b))"
)
# "the year-ago quarter", "year-earlier" (accepts); "a year" (rejects)
YEAR_AGO_RE = re.compile(
    r"(?i:\b(?:(?:the\s+)?(?:comparable\s+|same\s+)?(?:year-ago|year-earlier|year-before)"
    r"(?:\s+(?P<what>period|quarter|nine\s+months|six\s+months|month))?"
    r"|last\s+year['’]s\s+(?P<what2>quarter|period)"
    r"|the\s+(?:(?:corresponding|comparable|same)\s+)?(?P<what3>period|quarter)\s+"
    r"(?:a\s+year\s+(?:ago|earlier)|last\s+year))\b)"
)
# "two years", "the past 20 years", "20 or 30 years", "a year ago", "two-year" (accepts);
# "80-year-old" (rejected by its handler: an age), "30,000 troops" (rejects)
DURATION_RE = re.compile(
    r"(?i:(?<![\w$€£.,-])(?:(?P<det>the|its|their|his|her|our)\s+)?"
    r"(?:(?P<rel>past|last|next|first|final|coming|previous|following|latest|initial|remaining"
    r"|additional|further|other|full|entire)\s+)?"
    rf"(?:(?P<num>{_NUM})(?:\s*(?:or|to|-|–)\s*(?P<num2>{_NUM}))?(?P<half>\s+and\s+a\s+half)?"
    rf"|(?P<vague>{_VAGUE_ALT}))[\s-]+"
    rf"(?P<more>more\s+|additional\s+|trading\s+|business\s+|working\s+)?(?P<unit>{_UNIT_ALT})(?![\w])"
    r"(?P<half2>\s+and\s+a\s+half)?(?:-(?P<adj>long|old))?"
    r"(?:(?P<orso>\s+or\s+so)?\s+(?P<dir>ago|earlier|from\s+now|hence|before\s+now))?)"
)
# "the weeks ahead", "the coming months ahead" (accepts, as PXW, PXM); "the weeks" (rejects)
AHEAD_UNITS_RE = re.compile(
    r"(?i:\bthe\s+(?:coming\s+)?(?P<unit>days|weeks|months|years|decades)\s+ahead\b)"
)
# "for months", "years", "weeks or months" (accepts, as PXM, PXY, PXW: the first unit);
# "days" alone (rejects: too often not a span)
BARE_UNITS_RE = re.compile(
    r"(?i:\b(?:(?P<pre>for|over|in|within|after|took|take|takes|lasted|spent)\s+)?"
    r"(?P<unit>years|months|weeks|decades|days|hours|minutes|centuries)"
    r"(?:\s+(?:or|to)\s+(?:years|months|weeks|decades|days|hours|minutes|centuries))?"
    r"\b(?![\s-]old))"
)
# "daily", "every week", "each year", "twice a year", "on Mondays" (accepts);
# "the daily newspaper" (rejects: an adjective before a noun)
SET_RE = re.compile(
    r"(?i:\b(?:(?P<adv>daily|weekly|monthly|annually|yearly|hourly|nightly|quarterly\b(?!\s+[a-z]))\b"
    rf"|(?:every|each)\s+(?:(?P<other>other)\s+|(?P<n>{_NUM})\s+)?(?P<unit>{_UNIT_ALT})\b"
    rf"|(?P<freq>once|twice|(?:{_NUM})\s+times)\s+(?:a|an|per|each|every)\s+(?P<unit2>{_UNIT_ALT})\b))"
)
# "10:35 a.m.", "5 p.m. EST", "14:30 GMT", "noon" (accepts); "3:1 ratio", "5 pm-ish" (rejects)
CLOCK_RE = re.compile(
    r"(?<![\w:.$])(?:(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<mi>[0-5]\d))?\s*"
    r"(?P<ap>(?i:a\.\s?m\.?|p\.\s?m\.?|am\b|pm\b))"
    r"|(?P<h24>[01]\d|2[0-3])[:.](?P<mi24>[0-5]\d)(?=\s*(?:GMT|UTC|BST|CET|hours|h\b|local)))"
    r"(?:\s+(?P<tz>EST|EDT|CST|CDT|PST|PDT|GMT|UTC|BST|CET|CEST|ET|PT))?"
    r"|\b(?P<word>(?i:noon|midnight|midday))\b"
)
# "now", "currently", "recently", "the future" (accepts); "futures" (rejects)
REF_RE = re.compile(
    r"(?i:\b(?:(?P<present>now|currently|current|nowadays|these\s+days|at\s+present"
    r"|at\s+the\s+moment|the\s+present)"
    r"|(?P<past>recently|recent|lately|the\s+past)"
    r"|(?P<future>the\s+(?:near\s+|distant\s+|foreseeable\s+)?future|the\s+near\s+term))\b(?!-))"
)
# Holidays on a weekday rule, not a fixed date (their rules are in normalise.holiday).
MOVABLE_HOLIDAYS = ["thanksgiving", "thanksgiving day", "election day"]
# "Christmas", "New Year's Eve", "Thanksgiving", "Election Day" (accepts); "christmas"
# (rejects)
HOLIDAY_RE = re.compile(rf"\b(?P<name>{cased(list(HOLIDAYS) + MOVABLE_HOLIDAYS)})\b")

# Context patterns, matched against the text just before or after an expression.
# "could ", "to " (accepts, before "last" used as a verb); "the " (rejects)
MODAL_BEFORE_RE = re.compile(
    r"(?i:\b(?:could|would|will|can|may|might|should|must|to|not|n't|cannot)\s+)$"
)
# Whitespace runs, collapsed by _norm: "this  past" (accepts); "this" (rejects)
SPACES_RE = re.compile(r"\s+")
# "in ", "since ", "mid-" (accepts, before "May" alone); "Theresa " (rejects)
MONTH_PREP_BEFORE_RE = re.compile(
    r"(?i:\b(?:in|since|by|until|till|through|during|from|to|of|early|mid|late|before|after"
    r"|between|and|or|last|next|this|that|on)[\s-]+)$"
)
# "the " (accepts, before "March" used as an adjective: "the March accession"); "a " (rejects)
THE_BEFORE_RE = re.compile(r"(?i:\bthe\s+)$")
# " accession" (accepts, a common noun after "the March"); " of Dimes", " Smith" (rejects)
NOUN_AFTER_RE = re.compile(r"\s+(?!of\b)[a-z]")
# " Smith" (accepts, a name after "May"); " 2024" (rejects)
NAME_AFTER_RE = re.compile(r"\s+[A-Z]")
# "in ", "by " (accepts, before a bare "two thousand"); "some " (rejects)
YEAR_PREP_BEFORE_RE = re.compile(r"(?i:\b(?:in|since|by|until|before|after)\s+)$")
# "twice ", "three times " (accepts, before "a year": a frequency); "$5 " (rejects)
FREQUENCY_BEFORE_RE = re.compile(r"(?i:\b(?:times|once|twice)\s*)$")
# "$1.76 ", "24 hours ", "5 percent " (accepts, before "a year": a rate); "for " (rejects)
AMOUNT_BEFORE_RE = re.compile(
    r"(?i:(?:[\d%]\S*\s+(?:[a-z]+\s+)?|\b(?:percent|dollars|euros|pounds|cents)\s*))$"
)
# "8.5% ", "20 percent " (accepts, before "annually"); "sales " (rejects)
RATE_BEFORE_RE = re.compile(r"(?i:(?:%|\bper\s*cent|\bpercent)\s+(?:\w+\s+)?)$")
# '"', "''", "“" (accepts, an opening quote right before a programme's name); "on " (rejects)
TITLE_QUOTE_BEFORE_RE = re.compile(r"(?:[\"“‘`]|'')$")
# "'s youth", "'s personal computers" (accepts, after "today": "nowadays", which TimeBank
# leaves untagged); "'s editions", "'s vote" (rejects: that day's)
GENERIC_TODAY_TAIL_RE = re.compile(
    rf"(?i:['’]s\s+(?:[a-z]+\s+)?(?:{alternation(GENERIC_AFTER_TODAY)})\b)"
)
# "the people of " (accepts, before "tomorrow": the future in general); "as of " (rejects)
GENERIC_OF_BEFORE_RE = re.compile(r"(?i:(?<!\bas\s)\bof\s+)$")
# " of our peoples", " looks bleak" (accepts, after "the future": prospects, not a time);
# " is uncertain", ", he said" (rejects)
PROSPECTS_TAIL_RE = re.compile(r"(?i:\s+(?:of|looks?|holds?|seems?)\b)")
# "USA ", "VOA " (accepts, before "Today" in a title); "The " (rejects)
ACRONYM_BEFORE_RE = re.compile(r"\b[A-Z]{2,}\s+$")
# "'s", "’s" (accepts, after a weekday: "Wednesday's ruling"); "s" (rejects)
POSSESSIVE_RE = re.compile(r"['’]s\b")
# "ahead of ", "until " (accepts, before a possessive weekday that lies ahead: "ahead of
# Thursday's vote"); "before " (rejects: "his share before Friday's purchases")
AWAITED_BEFORE_RE = re.compile(r"(?i:\b(?:ahead\s+of|until|in\s+time\s+for)\s+)$")
# "High ", "high " (accepts, before "noon": the film and the idiom for a showdown); "at "
# (rejects)
HIGH_BEFORE_RE = re.compile(r"(?i:\bhigh\s+)$")
# "weeks and ", "days or " (accepts, before a second bare unit); "and " (rejects)
UNITS_AND_BEFORE_RE = re.compile(r"(?i:\b(?:days|weeks|months|years|decades)\s+(?:and|or)\s+)$")
# "matter of ", "by " (accepts, before bare units that are no stretch of time: "a matter of
# months", "predates his birth by decades"); "for " (rejects)
NOT_A_SPAN_BEFORE_RE = re.compile(r"(?i:\b(?:matter\s+of|by)\s+)$")
# "will ", "he " (accepts, before "one day" meaning "some day"); "for " (rejects: a duration)
SUBJECT_OR_MODAL_BEFORE_RE = re.compile(
    r"(?i:\b(?:will|would|could|may|might|can|shall|should|must|i|you|he|she|we|they|it)\s+)$"
)
# " a day", " per week" (accepts, after "24 hours": a rate); " a day later" (rejects)
RATE_TAIL_RE = re.compile(
    r"(?i:\s+(?:a|an|per|each)\s+(?:day|week|month|year)\b"
    r"(?!\s+(?:later|earlier|ago|after|before)))"
)
# " old", " of age" (accepts, after "55 years"); " older" (rejects)
AGE_TAIL_RE = re.compile(r"(?i:\s+(?:old|of\s+age)\b)")
# " of the vote" (accepts, after "a quarter": a fraction); " of 2026", " of this year" (rejects)
FRACTION_TAIL_RE = re.compile(
    r"(?i:\s+of\b(?!\s+(?:(?:19|20)\d\d|this|last|next|the\s+year|fiscal)))"
)
# "within ", "more than ", "about " (accepts, at the end of the preceding text: the phrases
# of QUANTITY_MODS); "the " (rejects)
QUANTITY_PREFIX_RE = re.compile(rf"(?i:\b(?P<q>{alternation(QUANTITY_MODS)})\s+)$")
# "earlier ", "the end of ", "mid-", "early " (accepts); "during " (rejects)
PHASE_PREFIX_RE = re.compile(
    r"(?i:\b(?P<p>(?:the\s+)?(?:very\s+)?(?:early|late|mid|middle|earlier|later)"
    r"|(?:the\s+|by\s+the\s+)?(?:end|beginning|start|middle|close|turn|dawn)\s+of(?:\s+the)?"
    r"|(?:sometime|some\s+time)(?:\s+in)?)(?:\s+|-))$"
)
# " or so" (accepts, right after an expression); " or two" (rejects)
SUFFIX_RE = re.compile(r"(?i:\s+or\s+so\b)")
# "since ", "on ", "by " (accepts at the end of the preceding text); "sincere " (rejects)
SIGNAL_RE = re.compile(
    r"(?i:\b(?P<s>in|on|at|since|by|until|till|before|after|from|to|through|throughout|during"
    r"|for|within|between|of|around|as\s+of|ahead\s+of|prior\s+to|starting|from)\s+)$"
)
# "Article ", "No. ", "$" (accepts, before a number that is then not a year); "in " (rejects)
LABEL_BEFORE_RE = re.compile(
    r"(?i:(?:\b(?:article|no\.|number|resolution|flight|room|section|rule|route|highway|page"
    r"|pp?\.|model|chapter|paragraph|item)|[$€£#])\s*)$"
)
# "called Orion ", "exercise Platinum Wolf " (accepts, before a year that is part of a name,
# which TimeML leaves untagged); "Since ", "in July " (rejects: no lower-case word before)
NAME_BEFORE_YEAR_RE = re.compile(r"\b[a-z]+\s+(?:[A-Z][a-z]+\s+){0,2}(?P<last>[A-Z][a-z]+)\s$")
# "about ", "more than ", "to " (accepts, before "2000 people"); "in " (rejects)
QUANTITY_BEFORE_RE = re.compile(
    r"(?i:\b(?:at|about|around|to|and|than|over|some|nearly|almost|approximately|roughly)\s+)$"
)
# " troops" (accepts, the word after a number, group 1 "troops"); ", " (rejects)
NEXT_WORD_RE = re.compile(r"\s+([a-z]+)")
# Tense cues; future phrases first so that "set to" wins over the past form "set".
_FUTURE_ALT = alternation(FUTURE_CUES)
_PAST_ALT = alternation(PAST_CUES)
# "will meet", "set to", "said", "announced" (accepts); "need" (rejects)
TENSE_CUE_RE = re.compile(
    rf"(?i:(?<![\w'’])(?:(?P<fut>{_FUTURE_ALT})|(?P<past>{_PAST_ALT}"
    r"|(?-i:[a-z]{2,}(?<!need)(?<!speed)(?<!indeed)(?<!based)(?<!armed)(?<!proposed)ed)))\b)"
)
# " ", " quietly " (accepts, between a weekday and the verb right after it: "the State
# Department on Sunday issued", "Friday will see"); ", " (rejects)
VERB_GAP_RE = re.compile(r"\s+(?:[a-z]+ly\s+)?")
# "was ", "had been ", "were originally " (accepts, before "due to", "expected to": a future
# seen from the past, which lies behind the article date); "is " (rejects)
PAST_AUX_BEFORE_RE = re.compile(r"(?i:\b(?:was|were|had(?:\s+been)?)\s+(?:[a-z]+ly\s+)?)$")
# "is ", "be ", "been still " (accepts, right before a participle); "he " (rejects)
PASSIVE_AUX_RE = re.compile(r"(?i:\b(?:be|been|being|is|are|am|get|gets)\s+(?:[a-z]+ly\s+)?)$")
# "" " on " ", " (accepts, between "5 p.m. EST" and "Nov. 9"); " and " (rejects)
CLOCK_DAY_GAP_RE = re.compile(r"\s*,?\s*(?:on\s+)?")
# " at ", ", " (accepts, between "Friday" and "10 a.m."); " after " (rejects)
DAY_CLOCK_GAP_RE = re.compile(r"\s*,?\s*(?:at\s+|around\s+)?")
# Sentence ends used to bound the tense search: ". " before a capital, a line break; not
# the period of an initialism or a title: "4 a.m. EDT", "the U.S. Embassy", "Mr. Bush".
SENTENCE_END_RE = re.compile(
    r"(?<!\b[A-Za-z]\.[A-Za-z])(?<!\b[A-Z])(?<!\bCapt)"
    r"(?<!\b(?:Mr|Ms|Dr|St|Lt|Jr|Sr))(?<!\b(?:Mrs|Gen|Sen|Rep|Gov|Col|Maj|Sgt|Adm))"
    r"[.!?][\"”’']?\s+(?=[A-Z“\"])|\n"
)
# "ago", "earlier", "from now" (accepts, ending a relative date that takes "about" etc.);
# "ago now" (rejects)
AGO_END_RE = re.compile(r"(?i:\b(?:ago|earlier|from\s+now)$)")
# "early", "the end" (accepts, at the start of a span that already has its phase); "end"
# (rejects)
PHASE_START_RE = re.compile(r"(?i:early|late|mid|the\s+end|the\s+beginning)")
