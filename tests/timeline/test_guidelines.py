"""A guideline table for storylens.timeline: for each TIMEX3 category (TimeML TIMEX3
guidelines v1.2.1 as used in TempEval-3), news-style sentences written for this test with
the expected span, type, value and mod given the article date. The forms are chosen to be
ones TimeBank has few or none of (weekday sets, holidays of other calendars, "the turn of
the century", "a 10-year plan"), since the rules are measured on TimeBank itself.

Article date for most cases: Wednesday 2025-06-18 (ISO week 2025-W25).
"""

from __future__ import annotations

import pytest

from storylens.timeline import extract_timexes

D = "2025-06-18"  # a Wednesday, week 2025-W25
J = "2025-01-08"  # a Wednesday in January (for "the holiday season" told after it)

# (category, sentence, article date, expected span, type, value, mod)
CASES = [
    # --- SET: frequencies and recurring times
    ("set", "The committee now meets every other week.", D, "every other week", "SET", "P2W", ""),
    ("set", "Inspectors visit the plant twice a year.", D, "twice a year", "SET", "P1Y", ""),
    ("set", "The clinic is open weekdays from 9 a.m.", D, "weekdays", "SET", "XXXX-WXX-WD", ""),
    ("set", "Markets are closed on weekends.", D, "weekends", "SET", "XXXX-WXX-WE", ""),
    ("set", "The paper prints a supplement every Sunday.", D, "every Sunday", "SET",
     "XXXX-WXX-7", ""),
    ("set", "Rents are reviewed annually.", D, "annually", "SET", "P1Y", ""),
    ("set", "She trains three times a week.", D, "three times a week", "SET", "P1W", ""),
    ("set", "The festival is held each summer.", D, "each summer", "SET", "XXXX-SU", ""),
    ("set", "The union meets on Tuesdays.", D, "Tuesdays", "SET", "XXXX-WXX-2", ""),
    ("set", "Buses run every 15 minutes.", D, "every 15 minutes", "SET", "PT15M", ""),
    # --- weekends
    ("weekend", "Protesters gathered in the capital over the weekend.", D, "the weekend",
     "DATE", "2025-W24-WE", ""),
    ("weekend", "Thousands marched this past weekend.", D, "this past weekend", "DATE",
     "2025-W24-WE", ""),
    ("weekend", "The talks will resume this weekend.", D, "this weekend", "DATE",
     "2025-W25-WE", ""),
    ("weekend", "The final is next weekend.", D, "next weekend", "DATE", "2025-W26-WE", ""),
    ("weekend", "Fighting flared last weekend.", D, "last weekend", "DATE", "2025-W24-WE", ""),
    # --- parts of years, months, weeks (mod START / MID / END)
    ("phase", "The plant opened in late 2024.", D, "late 2024", "DATE", "2024", "END"),
    ("phase", "A decision is expected early next year.", D, "early next year", "DATE",
     "2026", "START"),
    ("phase", "The strike began in mid-March.", D, "mid-March", "DATE", "2025-03", "MID"),
    ("phase", "Sales fell in the first half of 2025.", D, "the first half of 2025", "DATE",
     "2025-H1", ""),
    ("phase", "The minister resigned earlier this month.", D, "earlier this month", "DATE",
     "2025-06", "START"),
    ("phase", "The law takes effect later this year.", D, "later this year", "DATE",
     "2025", "END"),
    ("phase", "Prices peaked in mid-2024.", D, "mid-2024", "DATE", "2024", "MID"),
    ("phase", "The fund will close at the end of 2025.", D, "the end of 2025", "DATE",
     "2025", "END"),
    ("phase", "The bill passed early last week.", D, "early last week", "DATE",
     "2025-W24", "START"),
    ("phase", "Output rose in the second half of last year.", D,
     "the second half of last year", "DATE", "2024-H2", ""),
    # --- vague stretches ahead and behind
    ("vague", "More layoffs are expected in the coming weeks.", D, "the coming weeks",
     "DURATION", "PXW", ""),
    ("vague", "Inflation has eased in recent years.", D, "recent years", "DATE",
     "PAST_REF", ""),
    ("vague", "Dozens have died in the past few days.", D, "the past few days", "DURATION",
     "PXD", ""),
    ("vague", "The town has not seen snow for ages.", D, "ages", "DURATION", "PXY", ""),
    ("vague", "Prices are high now.", D, "now", "DATE", "PRESENT_REF", ""),
    ("vague", "The company will soon cut jobs.", D, "soon", "DATE", "FUTURE_REF", ""),
    ("vague", "Talks will continue in the days ahead.", D, "the days ahead", "DURATION",
     "PXD", ""),
    ("vague", "Wages have stalled in recent months.", D, "recent months", "DURATION",
     "PXM", ""),
    # --- decades and centuries
    ("decade", "Growth was slower than in the previous decade.", D, "the previous decade",
     "DURATION", "P1DE", ""),
    ("decade", "The city boomed in the 1980s and '90s.", D, "the 1980s", "DATE", "198", ""),
    ("decade", "The city boomed in the 1980s and '90s.", D, "'90s", "DATE", "199", ""),
    ("decade", "Crime peaked in the late 1990s.", D, "the late 1990s", "DATE", "199", "END"),
    ("decade", "The firm was founded in the early 2000s.", D, "the early 2000s", "DATE",
     "200", "START"),
    ("decade", "Rents have doubled since the turn of the century.", D,
     "the turn of the century", "DATE", "20", "START"),
    ("decade", "It was the worst flood of the 21st century.", D,
     "the 21st century", "DATE", "20", ""),
    ("decade", "Music of the 2010s filled the hall.", D, "the 2010s", "DATE", "201", ""),
    # --- business periods
    ("business", "Revenue rose 4% in Q3.", D, "Q3", "DATE", "2025-Q3", ""),
    ("business", "The company expects a loss in fiscal 2025.", D, "fiscal 2025", "DATE",
     "2025", ""),
    ("business", "Profit fell in the second quarter.", D, "the second quarter", "DATE",
     "2025-Q2", ""),
    ("business", "Profit fell in the fourth quarter of last year.", D,
     "the fourth quarter of last year", "DATE", "2024-Q4", ""),
    ("business", "Results for Q1 2026 will be released in May.", D, "Q1 2026", "DATE",
     "2026-Q1", ""),
    ("business", "Orders slowed in the first half.", D, "the first half", "DATE",
     "2025-H1", ""),
    # --- durations, including those used as modifiers
    ("duration", "The president began a three-day visit.", D, "three-day", "DURATION",
     "P3D", ""),
    ("duration", "The government unveiled a 10-year plan.", D, "10-year", "DURATION",
     "P10Y", ""),
    ("duration", "He had lived abroad for a fortnight.", D, "a fortnight", "DURATION",
     "P2W", ""),
    ("duration", "The ban will last at least five years.", D, "at least five years",
     "DURATION", "P5Y", "EQUAL_OR_MORE"),
    ("duration", "The war has lasted nearly two decades.", D, "nearly two decades",
     "DURATION", "P2DE", "LESS_THAN"),
    ("duration", "Unions called a 24-hour strike.", D, "24-hour", "DURATION", "PT24H", ""),
    ("duration", "The hearing took half an hour.", D, "half an hour", "DURATION",
     "PT30M", ""),
    ("duration", "Officials have 90 days to respond.", D, "90 days", "DURATION", "P90D", ""),
    ("duration", "The talks went on for more than a year.", D, "more than a year",
     "DURATION", "P1Y", "MORE_THAN"),
    ("duration", "The firm signed a multiyear deal.", D, "multiyear", "DURATION", "PXY", ""),
    ("duration", "The outage lasted several hours.", D, "several hours", "DURATION",
     "PTXH", ""),
    ("duration", "The pair talked for 45 minutes.", D, "45 minutes", "DURATION", "PT45M", ""),
    ("duration", "Prices rose over the past 12 months.", D, "the past 12 months",
     "DURATION", "P12M", ""),
    ("duration", "A week-long festival starts Friday.", D, "week-long", "DURATION", "P1W", ""),
    ("duration", "Ministers held a two-hour meeting.", D, "two-hour", "DURATION", "PT2H", ""),
    ("duration", "A fire broke out and, hours later, the roof fell in.", D, "hours",
     "DURATION", "PTXH", ""),
    # --- dates counted from the article date or from a date told before
    ("anchored", "The deal was signed on June 10. A day earlier, talks had stalled.", D,
     "A day earlier", "DATE", "2025-06-09", ""),
    ("anchored", "The factory closed two weeks ago.", D, "two weeks ago", "DATE",
     "2025-W23", ""),
    ("anchored", "The mayor was elected three years ago.", D, "three years ago", "DATE",
     "2022", ""),
    ("anchored", "The vote is next month.", D, "next month", "DATE", "2025-07", ""),
    ("anchored", "The bridge will reopen a year from now.", D, "a year from now", "DATE",
     "2026", ""),
    ("anchored", "Police said the man was arrested on Monday.", D, "Monday", "DATE",
     "2025-06-16", ""),
    ("anchored", "The court will rule on Friday.", D, "Friday", "DATE", "2025-06-20", ""),
    ("anchored", "Voters go to the polls on June 29.", D, "June 29", "DATE", "2025-06-29", ""),
    ("anchored", "The minister spoke yesterday.", D, "yesterday", "DATE", "2025-06-17", ""),
    # --- times of day
    ("time", "The storm passed overnight.", D, "overnight", "TIME", "2025-06-17TNI", ""),
    ("time", "The curfew begins at midnight.", D, "midnight", "TIME", "2025-06-18T24:00", ""),
    ("time", "The leaders meet at noon.", D, "noon", "TIME", "2025-06-18T12:00", ""),
    ("time", "Troops moved in at dawn.", D, "dawn", "TIME", "2025-06-18TMO", ""),
    ("time", "Polls close at dusk.", D, "dusk", "TIME", "2025-06-18TEV", ""),
    ("time", "The market opens at 9 a.m. ET.", D, "9 a.m. ET", "TIME", "2025-06-18T09:00", ""),
    ("time", "The ceasefire starts at 18:00 GMT.", D, "18:00 GMT", "TIME",
     "2025-06-18T18:00", ""),
    ("time", "The blast came at 3:30 p.m. Tuesday.", D, "3:30 p.m. Tuesday", "TIME",
     "2025-06-17T15:30", ""),
    ("time", "Shots were heard Monday night.", D, "Monday night", "TIME",
     "2025-06-16TNI", ""),
    ("time", "The president spoke this morning.", D, "this morning", "TIME",
     "2025-06-18TMO", ""),
    ("time", "The quake struck in the early hours of Sunday.", D,
     "the early hours of Sunday", "TIME", "2025-06-15TMO", "START"),
    ("time", "The rally ended at midday.", D, "midday", "TIME", "2025-06-18T12:00", ""),
    # --- holidays and named days
    ("holiday", "Shops expect record sales over the holiday season.", D, "the holiday season",
     "DATE", "2025-12", ""),
    ("holiday", "Sales were weak over the holiday season.", J, "the holiday season",
     "DATE", "2024-12", ""),
    ("holiday", "The prisoners will be freed on Christmas Eve.", D, "Christmas Eve", "DATE",
     "2025-12-24", ""),
    ("holiday", "Attacks rose during Ramadan.", D, "Ramadan", "DATE", "2025-03", ""),
    ("holiday", "Voters will head to the polls on Election Day.", D, "Election Day", "DATE",
     "2025-11-04", ""),
    ("holiday", "The parade is held on Independence Day.", D, "Independence Day", "DATE",
     "2025-07-04", ""),
    ("holiday", "Families gathered for Thanksgiving.", J, "Thanksgiving", "DATE",
     "2024-11-28", ""),
    ("holiday", "The truce was broken on New Year's Day.", J, "New Year's Day", "DATE",
     "2025-01-01", ""),
    ("holiday", "Crowds filled the square on Easter Sunday.", D, "Easter Sunday", "DATE",
     "2025-04-20", ""),
    ("holiday", "Stores reopen after Labor Day.", D, "Labor Day", "DATE", "2025-09-01", ""),
    # --- more holidays (US and Christian calendars, fixed and movable)
    ("holiday", "Fireworks lit the sky on the Fourth of July.", "2025-07-10", "Fourth of July",
     "DATE", "2025-07-04", ""),
    ("holiday", "Shoppers lined up on Black Friday.", J, "Black Friday", "DATE", "2024-11-29", ""),
    ("holiday", "Retailers expect record sales on Cyber Monday.", D, "Cyber Monday", "DATE",
     "2025-12-01", ""),
    ("holiday", "The parade will be on St. Patrick's Day.", D, "St. Patrick's Day", "DATE",
     "2026-03-17", ""),
    ("holiday", "Offices will close for Veterans Day.", D, "Veterans Day", "DATE", "2025-11-11", ""),
    ("holiday", "Offices close on Juneteenth.", D, "Juneteenth", "DATE", "2025-06-19", ""),
    ("holiday", "Stores closed on Presidents Day.", D, "Presidents Day", "DATE", "2025-02-17", ""),
    ("holiday", "Revelers gathered for Mardi Gras.", D, "Mardi Gras", "DATE", "2025-03-04", ""),
    ("holiday", "Parties are planned for New Year's.", "2024-12-20", "New Year's", "DATE",
     "2025-01-01", ""),
    ("holiday", "The bank closes on Memorial Day.", D, "Memorial Day", "DATE", "2025-05-26", ""),
    ("holiday", "Crowds prayed on Eid al-Fitr.", D, "Eid al-Fitr", "DATE", "2025-03-31", ""),
    # --- more durations
    ("duration", "Stocks fell for three straight days.", D, "three straight days", "DURATION",
     "P3D", ""),
    ("duration", "Prices rose for five consecutive years.", D, "five consecutive years",
     "DURATION", "P5Y", ""),
    ("duration", "The park has existed for a quarter-century.", D, "a quarter-century",
     "DURATION", "P25Y", ""),
    ("duration", "The bridge has stood for a half-century.", D, "a half-century", "DURATION",
     "P50Y", ""),
    ("duration", "He will serve a four-year term.", D, "four-year", "DURATION", "P4Y", ""),
    ("duration", "The strike lasted a year and a half.", D, "a year and a half", "DURATION",
     "P1.5Y", ""),
    ("duration", "A 90-minute meeting was held.", D, "90-minute", "DURATION", "PT90M", ""),
    ("duration", "The economy grew 2% in the year to March.", D, "the year", "DURATION",
     "P1Y", ""),
    ("duration", "Growth slowed in the three months to March.", D, "the three months",
     "DURATION", "P3M", ""),
    ("duration", "Unemployment hit its highest level in a decade.", D, "a decade", "DURATION",
     "P1DE", ""),
    ("duration", "The war has raged for most of the past two decades.", D,
     "the past two decades", "DURATION", "P2DE", ""),
    ("duration", "The election is less than a month away.", D, "less than a month",
     "DURATION", "P1M", "LESS_THAN"),
    # --- more sets
    ("set", "The firm reports results quarterly.", D, "quarterly", "SET", "P3M", ""),
    ("set", "The council meets once a month.", D, "once a month", "SET", "P1M", ""),
    ("set", "He visits his mother every few weeks.", D, "every few weeks", "SET", "PXW", ""),
    ("set", "The tournament is played every four years.", D, "every four years", "SET",
     "P4Y", ""),
    # --- more dates
    ("anchored", "He arrived on June 3 and had spoken to police the day before.", D,
     "the day before", "DATE", "2025-06-02", ""),
    ("anchored", "She arrived on Monday and left the day after.", D, "the day after", "DATE",
     "2025-06-17", ""),
    ("anchored", "The index rose 2% on the day.", D, "the day", "DATE", "2025-06-18", ""),
    ("anchored", "The law was passed late last year.", D, "late last year", "DATE", "2024",
     "END"),
    ("anchored", "The market rallied earlier Monday.", D, "earlier Monday", "DATE",
     "2025-06-16", "START"),
    ("anchored", "The new rules take effect Jan. 1.", D, "Jan. 1", "DATE", "2026-01-01", ""),
    ("anchored", "The prime minister took office 100 days ago.", D, "100 days ago", "DATE",
     "2025-03-10", ""),
    ("anchored", "He has been in office since January 2021.", D, "January 2021", "DATE",
     "2021-01", ""),
    ("anchored", "The trial is set for next spring.", D, "next spring", "DATE", "2026-SP", ""),
    ("anchored", "The fiscal year begins Oct. 1.", D, "Oct. 1", "DATE", "2025-10-01", ""),
    ("business", "The FY2026 budget was approved.", D, "FY2026", "DATE", "2026", ""),
    ("business", "Second-quarter profit rose.", D, "Second-quarter", "DATE", "2025-Q2", ""),
    ("decade", "A truce is hoped for by mid-century.", D, "mid-century", "DATE", "20", "MID"),
    ("decade", "The dispute dates to the 1970s.", D, "the 1970s", "DATE", "197", ""),
    # --- more times
    ("time", "Talks will go on into the night.", D, "the night", "TIME", "2025-06-18TNI", ""),
    ("time", "The town was quiet by late afternoon.", D, "late afternoon", "TIME",
     "2025-06-18TAF", "END"),
    ("time", "The rally drew crowds on Sunday afternoon.", D, "Sunday afternoon", "TIME",
     "2025-06-15TAF", ""),
    ("time", "The curfew runs from 10 p.m. to 6 a.m.", D, "6 a.m.", "TIME",
     "2025-06-18T06:00", ""),
    ("time", "He was killed the night before.", "2025-06-18", "the night before", "TIME",
     "2025-06-17TNI", ""),
]  # fmt: skip


@pytest.mark.parametrize(
    "category, sentence, dct, span, typ, value, mod",
    CASES,
    ids=[f"{c[0]}:{c[3]}" for c in CASES],
)
def test_guideline_case(category, sentence, dct, span, typ, value, mod):
    df = extract_timexes(sentence, dct=dct)
    hits = df[df["text"] == span]
    assert len(hits) == 1, f"{span!r} not tagged once; found {df['text'].tolist()}"
    row = hits.iloc[0]
    assert (row["type"], row["value"], row["mod"]) == (typ, value, mod)


# (sentence, a phrase that holds no temporal expression of its own)
NOT_TIMEXES = [
    ("The Sunday Times reported the deal.", "Sunday"),
    ("Theresa May spoke in Parliament.", "May"),
    ("The ages of the victims were not released.", "ages"),
    ("The holiday was cancelled.", "holiday"),
    ("Sunset Boulevard was closed.", "Sunset"),
    ("It was the dawn of a new era.", "dawn"),
    ("The turn of the tide came late.", "turn of the tide"),
    ("Stocks hit their quarter-century low.", "quarter-century"),
    ("The early hours of trading were calm.", "early hours"),
    ("He spoke on the day of the vote.", "the day"),
    ("She left the day before the vote.", "the day before"),
    ("The company signed a multi-billion deal.", "multi"),
]  # fmt: skip


@pytest.mark.parametrize("sentence, phrase", NOT_TIMEXES, ids=[p for _, p in NOT_TIMEXES])
def test_not_a_timex(sentence, phrase):
    df = extract_timexes(sentence, dct=D)
    start = sentence.index(phrase)
    end = start + len(phrase)
    overlapping = df[(df["start"] < end) & (df["end"] > start)]
    assert overlapping.empty, overlapping[["text", "value"]].values.tolist()
