"""Tests for storylens.timeline.tagger: temporal expressions in the seed articles, given their dates.

Document dates: 000 2025-02-19 (Wednesday), 001 2026-01-07, 003 2024-12-13 (Friday),
004 2025-02-21 (Friday); 002 has none.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from storylens.timeline import TIMEX_COLUMNS, extract_timexes, timex_interval

D000, D001, D003, D004 = "2025-02-19", "2026-01-07", "2024-12-13", "2025-02-21"

# (sentence from a seed, its document date, expression, type, value, mod, resolved)
SEED_CASES = [
    # 004: a meeting someone is "set to" attend lies ahead; a thing said "Monday" behind
    ("Starmer, set to meet Trump on Thursday, has underscored that the initiative hinges on "
     "U.S. military support – something that could be a tough sell.",
     D004, "Thursday", "DATE", "2025-02-27", "", True),
    ("“The only way to effectively deter Russia from attacking Ukraine again is a U.S. security "
     "guarantee,” Starmer said Monday.",
     D004, "Monday", "DATE", "2025-02-17", "", True),
    ("After months of behind-the-scenes talks, the proposal is gaining traction and is expected "
     "to be a key topic when British Prime Minister Keir Starmer and French President Emmanuel "
     "Macron visit Washington next week for separate meetings with President Donald Trump.",
     D004, "next week", "DATE", "2025-W09", "", True),
    ("After months of behind-the-scenes talks, the proposal is gaining traction.",
     D004, "months", "DURATION", "PXM", "", False),
    ("Michael Clarke, a visiting professor in war studies at King’s College London, warned that "
     "an unsuccessful force could collapse into renewed conflict within two years.",
     D004, "two years", "DURATION", "P2Y", "EQUAL_OR_LESS", False),
    ('A successful one, he said, "could last 20 or 30 years."',
     D004, "20 or 30 years", "DURATION", "P20Y", "", False),
    ("French President Emmanuel Macron, (L) greets Britain's Prime Minister Keir Starmer as he "
     "arrives for an informal meeting of leaders from key European Union nations and the U.K., "
     "Paris, France, Feb. 17, 2025. (AP Photo)",
     D004, "Feb. 17, 2025", "DATE", "2025-02-17", "", False),
    ("Ukraine's President Volodymyr Zelenskyy gives a press conference, Kyiv, Feb. 19, 2025.",
     D004, "Feb. 19, 2025", "DATE", "2025-02-19", "", False),
    # 003: year-less months and days, and "earlier this year"
    ("According to the Wall Street Journal and Le Monde, this idea first emerged in private "
     "talks between French and British officials in November.",
     D003, "November", "DATE", "2024-11", "", True),
    ("It was discussed on Thursday by NATO foreign ministers in Brussels.",
     D003, "Thursday", "DATE", "2024-12-12", "", True),
    ("Trump made the suggestion to French President Emmanuel Macron and Ukrainian President "
     "Volodymyr Zelensky at a meeting in Paris on December 7.",
     D003, "December 7", "DATE", "2024-12-07", "", True),
    ("When Macron first suggested French troops for Ukraine earlier this year, opinion polls "
     "showed overwhelming majorities of French citizens opposing the idea.",
     D003, "earlier this year", "DATE", "2024", "START", True),
    ("Friedrich Merz of the German Christian Democrats, almost certain to be chancellor after "
     "the elections due in February, has also distanced himself from the idea.",
     D003, "February", "DATE", "2025-02", "", True),
    ("The EU as a whole recognized that Ukraine’s war effort and governmental operations require "
     "substantial new financing no later than the first quarter of 2026.",
     D003, "the first quarter of 2026", "DATE", "2026-Q1", "", False),
    ("Serbia and the United States join together to participate in the final field exercise "
     "during exercise Platinum Wolf 2016 at Peacekeeping Operations Training Center South Base, "
     "Bujanovac, Serbia, May 20, 2016.",
     D003, "May 20, 2016", "DATE", "2016-05-20", "", False),
    # 002 (no date) and 000
    ("Multiple broken ceasefire agreements since 2014",
     None, "2014", "DATE", "2014", "", False),
    ("US Defense Secretary Hegseth recently expressed this sentiment, suggesting that pursuing "
     "Ukraine’s pre-2014 borders is an ‘unrealistic’ goal and would only prolong the war.",
     D000, "pre-2014", "DATE", "2014", "BEFORE", False),
    ("US Defense Secretary Hegseth recently expressed this sentiment.",
     D000, "recently", "DATE", "PAST_REF", "", False),
    ("Russian President Vladimir Putin holds a meeting during a visit to the Radar MMS research "
     "and production enterprise, manufacturing air and sea drones, in St. Petersburg, Russia, "
     "19 February 2025",
     D000, "19 February 2025", "DATE", "2025-02-19", "", False),
    ("This proposal, set to be discussed by Sir Keir Starmer in Washington next week, includes "
     "support from US and NATO partners.",
     D000, "next week", "DATE", "2025-W09", "", True),
    ("The proposal, which has reportedly been under discussion for months, stops short of "
     "committing NATO as an alliance.",
     D001, "months", "DURATION", "PXM", "", False),
]  # fmt: skip


def _row(sentence: str, dct: str | None, expression: str):
    df = extract_timexes(sentence, dct=dct)
    hits = df[df["text"] == expression]
    assert len(hits) == 1, f"{expression!r} not found once in {df['text'].tolist()}"
    return hits.iloc[0]


@pytest.mark.parametrize("sentence,dct,expression,type_,value,mod,resolved", SEED_CASES)
def test_seed_expressions(sentence, dct, expression, type_, value, mod, resolved):
    row = _row(sentence, dct, expression)
    assert (row["type"], row["value"], row["mod"], bool(row["resolved"])) == (
        type_,
        value,
        mod,
        resolved,
    )


def test_since_is_kept_as_signal():
    assert (
        _row("Multiple broken ceasefire agreements since 2014", None, "2014")["signal"] == "since"
    )


# Numbers that are not times: counts, article numbers, percentages, model names, ages.
NOT_TIMES = [
    "A proposed Anglo-French plan to deploy up to 30,000 troops as part of a peacekeeping force "
    "in Ukraine has faced pushback from Russia.",
    "However, it would not carry the same legal or political weight as NATO’s Article 5 "
    "guarantees.",
    "Additionally, the mention of boosting defense spending to 5% of GDP indicates that the US "
    "expects more from its European allies.",
    "MQ-9 Reaper Drone. Photo Credit: U.S. Air Force",
    "US Special Presidential Envoy for Ukraine and Russia Keith Kellogg, 80, (pictured with JD "
    "Vance) has encouraged Europe to join the conversation.",
    'But Western leaders are discussing a smaller "reassurance force," not a full-scale '
    "peacekeeping mission along the 600-mile (1,000-kilometer) front line.",
    "Ukrainian President Volodymyr Zelenskyy has called for a force of more than 100,000 "
    "European troops.",
    "Leaders of the G7 discussed the plan with 2000 troops on standby.",
    "The program is open to employees 55 years old or older.",
    "The preferred stock would have a dividend rate of $1.76 a year.",
    "Iraq imports about three-quarters of its foodstuffs.",
    "Former British prime minister Theresa May spoke.",
    "The Kremlin is likely to argue that such a force would amount to NATO expansion.",
    # programme names in quotes
    'The foreign secretary, speaking on ABC News\' "This Week," defended the plan.',
    "The envoy said on CBS's ''60 Minutes'' that the talks were stalled.",
    "The March of Dimes raised money for the victims.",
    # "today's" and "of tomorrow" meaning "nowadays", "the future" in general
    "European armies must prepare for the threats that shape today's world.",
    "Many of today's young Ukrainians have never known peace.",
    '"If I were choosing the generals of tomorrow, I would pick them," he said.',
    # "Now," opening a sentence is a discourse marker; "high noon" an idiom
    "Now, the minister said, Europe must carry more of the burden.",
    'For the people of Poland, "high noon" has come.',
    # "the future" of a country, or that "looks" some way, is its prospects
    "The summit will decide the future of Ukraine's security.",
    # "a matter of months" (soon), "by decades" (a difference): no stretch of time
    'The sale of the units should be completed in a "matter of months."',
    "The quarrel between the two capitals predates his birth by decades.",
    # a rate: "24 hours a day", "10,000 drones annually"
    "The plant would produce about 10,000 drones annually.",
    "Guards are stationed outside the embassy 24 hours a day.",
    # a newspaper or programme named "... Today"
    "The plan was first reported by USA Today.",
    # a year that is part of a name
    "Serbia and the United States join together to participate in the final field exercise "
    "during exercise Platinum Wolf 2016 at Peacekeeping Operations Training Center South Base.",
    "The astronaut later set up a joint venture called Orion 1980 in Budapest.",
]


@pytest.mark.parametrize("sentence", NOT_TIMES)
def test_numbers_that_are_not_times(sentence):
    assert extract_timexes(sentence, dct=D004).empty


# Without a document date, relative expressions keep their unknown parts.
NO_DCT_CASES = [
    ("Trump made the suggestion at a meeting in Paris on December 7.", "December 7", "XXXX-12-07"),
    ("Starmer, set to meet Trump on Thursday, has underscored the initiative.", "Thursday",
     "XXXX-WXX-4"),
    ("This idea first emerged in private talks in November.", "November", "XXXX-11"),
    ("Starmer and Macron visit Washington next week.", "next week", "XXXX-WXX"),
    ("Macron first suggested French troops earlier this year.", "earlier this year", "XXXX"),
]  # fmt: skip


@pytest.mark.parametrize("sentence,expression,value", NO_DCT_CASES)
def test_without_dct_values_keep_unknown_parts(sentence, expression, value):
    row = _row(sentence, None, expression)
    assert (row["value"], bool(row["relative"]), bool(row["resolved"])) == (value, True, False)


# Other forms news uses, on small hand-made sentences (dct 2025-02-21, a Friday).
FORM_CASES = [
    ("Markets fell yesterday.", "yesterday", "DATE", "2025-02-20"),
    ("As of today, 300 soldiers have crossed.", "today", "DATE", "2025-02-21"),
    ("The offer was advertised in today's editions.", "today", "DATE", "2025-02-21"),
    ("The vote is tomorrow.", "tomorrow", "DATE", "2025-02-22"),
    ("Profits rose last year.", "last year", "DATE", "2024"),
    ("Sales fell in the third quarter.", "the third quarter", "DATE", "2024-Q3"),
    ("Sales will rise in the third quarter.", "the third quarter", "DATE", "2025-Q3"),
    ("Growth slowed over the past two years.", "the past two years", "DURATION", "P2Y"),
    ("The plan was drafted two years ago.", "two years ago", "DATE", "2023"),
    ("Talks resumed this summer.", "this summer", "DATE", "2025-SU"),
    ("Prices peaked in the 1990s.", "the 1990s", "DATE", "199"),
    ("The index is published quarterly.", "quarterly", "SET", "P3M"),
    ("Commemorations are held here annually.", "annually", "SET", "P1Y"),
    ("The envoy met him at 10:30 a.m. on Tuesday.", "10:30 a.m. on Tuesday", "TIME",
     "2025-02-18T10:30"),
    ("Inflation is now falling.", "now", "DATE", "PRESENT_REF"),
    ("Troops may be deployed in the future.", "the future", "DATE", "FUTURE_REF"),
    ("Ukraine will one day join the alliance.", "one day", "DATE", "FUTURE_REF"),
    ("The minister had been in the job only one day.", "one day", "DURATION", "P1D"),
    ("The talks lasted 2 1/2 years.", "2 1/2 years", "DURATION", "P2.5Y"),
    ("The deal was signed on 2025-02-21.", "2025-02-21", "DATE", "2025-02-21"),
    ("They met last April.", "last April", "DATE", "2024-04"),
    ("The truce of 2014-2015 failed.", "2015", "DATE", "2015"),
    ("Results for H1 2025 were weak.", "H1 2025", "DATE", "2025-H1"),
    ("Atlanta nineteen ninety-six.", "nineteen ninety-six", "DATE", "1996"),
    ("The 30-day ceasefire begins.", "30-day", "DURATION", "P30D"),
    ("The talks ran for the first nine months.", "the first nine months", "DURATION", "P9M"),
]  # fmt: skip


@pytest.mark.parametrize("sentence,expression,type_,value", FORM_CASES)
def test_other_news_forms(sentence, expression, type_, value):
    row = _row(sentence, D004, expression)
    assert (row["type"], row["value"]) == (type_, value)


# TimeBank conventions, one case per rule, on news sentences written for these tests:
# (sentence, document date, expression, type, value)
CONVENTION_CASES = [
    # a weekday with "each"/"every" or in the plural is a SET
    ("Flights will leave Bombay each Thursday from August 6.", "1998-02-13",
     "each Thursday", "SET", "XXXX-WXX-4"),
    ("Two new flights leave on Monday and Tuesday nights.", "1998-02-13",
     "Tuesday nights", "SET", "XXXX-WXX-2TNI"),
    # "the previous Friday" counts back from the day last mentioned, not from the article
    ("The index closed at 2082.1 on Friday, down 4.5% from the previous Friday.", "1989-10-30",
     "the previous Friday", "DATE", "1989-10-20"),
    # ISO weeks run Monday to Sunday, also for an article dated on a Sunday
    ("Hezbollah fighters killed three soldiers last week.", "1998-03-01",
     "last week", "DATE", "1998-W08"),
    # "a year earlier" after a nine-month period is the year before; after a quarter, the
    # same quarter a year before
    ("In the first nine months, net income was $306 million, compared with $195 million a "
     "year earlier.", "1989-11-02", "a year earlier", "DATE", "1988"),
    ("The company posted a loss for the third quarter. For the quarter a year ago, it reported "
     "earnings of $16.3 million.", "1989-10-26", "the quarter a year ago", "DATE", "1988-Q3"),
    # "the quarter" is the quarter named before it, else the last one completed
    ("Sun posted a loss for its fiscal first quarter. Sales in the quarter rose 39%.",
     "1989-10-26", "the quarter", "DATE", "1989-Q1"),
    ("Sales in the quarter rose 39%.", "1989-10-26", "the quarter", "DATE", "1989-Q3"),
    # "April 24 and 25": the second day is a date of its own, in the first day's month
    ("The accession will be celebrated at the summit on April 24 and 25.", "1999-02-10",
     "25", "DATE", "1999-04-25"),
    ("The summit was held April 24 and 25, 1999, in Washington.", "2000-01-01",
     "April 24", "DATE", "1999-04-24"),
    ("The dispute may be resolved in a court hearing the week of March 6, the uncle said.",
     "2000-02-24", "the week of March 6", "DATE", "2000-W10"),
    # a future seen from the past ("had been due to") lies behind the article date
    ("The offer had been due to expire Friday evening.", "1989-10-30",
     "Friday evening", "TIME", "1989-10-27TEV"),
    # a weekday's night, like its evening, is a TIME: that part of that day (TIMEX3)
    ("The leaders met on Friday night in Paris.", "2025-02-24",
     "Friday night", "TIME", "2025-02-21TNI"),
    # "for the year" is the current year
    ("Its shares reached a high for the year of $42.875 in June.", "1989-10-30",
     "the year", "DATE", "1989"),
    # an irregular past form ("sought") is a tense cue
    ("In March, the ministry sought bids for new armoured vehicles.", "2025-10-20",
     "March", "DATE", "2025-03"),
    # "weeks or months" is one vague duration, valued by its first unit
    ("Officials said the hostage probably died within weeks or months of his capture.",
     "1998-02-19", "weeks or months", "DURATION", "PXW"),
    ("The company recently returned to profit after several quarters of losses.", "1989-10-30",
     "several quarters", "DURATION", "PXQ"),
    ("Eight trading days after the crash, the index had recovered.", "1989-10-30",
     "Eight trading days", "DURATION", "P8D"),
    ("Funds may have to sell more bonds in the weeks ahead.", "1989-10-27",
     "the weeks ahead", "DURATION", "PXW"),
    # a phase of a day is a TIME of the day told about
    ("In London at mid-afternoon yesterday, the shares were up 2 pence.", "1989-11-02",
     "mid-afternoon yesterday", "TIME", "1989-11-01TAF"),
    # "the March accession": a month used as an adjective after "the"
    ("The March accession will let the three countries attend the summit.", "1999-02-10",
     "March", "DATE", "1999-03"),
    # "each July" recurs
    ("Orangemen march each July through the town.", "1998-03-22", "each July", "SET", "XXXX-07"),
    # a clock time belongs to the day of the events told, not to the article's day
    ("The doctor was killed on Oct. 23, 1998, by a sniper. He was shot at 10 p.m. in his "
     "kitchen.", "1999-04-19", "10 p.m.", "TIME", "1998-10-23T22:00"),
    # "the past year", "the next year" are the calendar years before and after the article's
    ("Russia's economy shrank over the past year, the central bank said.", "2025-02-21",
     "the past year", "DATE", "2024"),
    ("The plant will be closed over the next year, a spokesman said.", "2025-02-21",
     "the next year", "DATE", "2026"),
    # the period of "a.m." or "Mr." does not end the sentence a tense cue is looked for in
    ("The envoy will leave Kyiv at 4 a.m. EDT Thursday.", "2025-02-19",
     "4 a.m. EDT Thursday", "TIME", "2025-02-20T04:00"),
    ("Mr. Starmer will meet Mr. Trump on Thursday.", "2025-02-21",
     "Thursday", "DATE", "2025-02-27"),
    # the verb right after a weekday decides its side, over a cue earlier in the sentence
    ("Just ahead of the summit, the State Department on Sunday issued a travel warning.",
     "2025-02-17", "Sunday", "DATE", "2025-02-16"),
    # with no cue before it, the first cue after a weekday decides, even some words on
    ("On Tuesday, the European Union's foreign affairs and security council plans to meet.",
     "2025-02-17", "Tuesday", "DATE", "2025-02-18"),
    # a possessive weekday names an event told of, behind unless awaited ("ahead of")
    ("Relatives said they would look for ways to get around Wednesday's ruling.",
     "2025-02-21", "Wednesday", "DATE", "2025-02-19"),
    ("Ministers met in Brussels ahead of Thursday's vote.", "2025-02-24",
     "Thursday", "DATE", "2025-02-27"),
    # a month with no tense cue is the last one before the article, if within nine months
    ("The high for the year: $42.875 in June, from $29.75 in March.", "2025-10-30",
     "March", "DATE", "2025-03"),
    # US Election Day: the Tuesday after the first Monday of November
    ("Border security will be the theme of his campaign until Election Day.", "2024-10-20",
     "Election Day", "DATE", "2024-11-05"),
    # "until" points ahead unless the verb after it says otherwise
    ("Until Thursday, investigators had not called him a suspect.", "2025-02-21",
     "Thursday", "DATE", "2025-02-20"),
    ("Officials gave the relatives until Tuesday to sign the paper.", "2025-02-17",
     "Tuesday", "DATE", "2025-02-18"),
    # "the next morning", "that same day" count from the day (or month) last told of; a
    # part of that day is a TIME, as "Friday morning" is
    ("He was released on Feb. 22 and appeared in court the next morning.", "2025-02-24",
     "the next morning", "TIME", "2025-02-23TMO"),
    ("He was released on Feb. 22 and appeared in court the next day.", "2025-02-24",
     "the next day", "DATE", "2025-02-23"),
    ("The doctor was shot last October. His name was struck from the website that same day.",
     "2025-02-06", "that same day", "DATE", "2024-10-XX"),
    # a day told as ahead is the next one, up to eleven months away, as for a month
    ("The results will be released on Jan. 5.", "2013-02-21", "Jan. 5", "DATE", "2014-01-05"),
    ("The results were released on Jan. 5.", "2013-02-21", "Jan. 5", "DATE", "2013-01-05"),
    # "planning for", "preparing for" point ahead
    ("Poland can now take part in planning for the summit in April.", "2025-12-05",
     "April", "DATE", "2026-04"),
    # "the following month" counts from the month last mentioned
    ("In March, the board hired a new chief executive. The following month, the company put "
     "itself up for sale.", "1989-10-27", "The following month", "DATE", "1989-04"),
]  # fmt: skip


@pytest.mark.parametrize("sentence,dct,expression,type_,value", CONVENTION_CASES)
def test_timebank_conventions(sentence, dct, expression, type_, value):
    row = _row(sentence, dct, expression)
    assert (row["type"], row["value"]) == (type_, value)


def test_columns_and_offsets_on_a_seed_paragraph():
    text = (
        "According to the Wall Street Journal and Le Monde, this idea first emerged in private "
        "talks between French and British officials in November. It was discussed on Thursday "
        "by NATO foreign ministers in Brussels. Trump made the suggestion to French President "
        "Emmanuel Macron and Ukrainian President Volodymyr Zelensky at a meeting in Paris on "
        "December 7."
    )
    df = extract_timexes(text, dct=dt.date(2024, 12, 13))
    assert list(df.columns) == TIMEX_COLUMNS
    # offsets recomputed from the text give back each expression
    assert [text[s:e] for s, e in zip(df["start"], df["end"], strict=True)] == df["text"].tolist()
    assert df["value"].tolist() == ["2024-11", "2024-12-12", "2024-12-07"]
    # a date object and its ISO string give the same table
    assert df.equals(extract_timexes(text, dct="2024-12-13T09:30:00"))


def test_empty_text_gives_an_empty_table_with_columns():
    df = extract_timexes("", dct=D004)
    assert df.empty and list(df.columns) == TIMEX_COLUMNS


def test_last_month_name_across_a_new_year():
    # "last <month>" skips the month just ended (that is "last month"), as TimeBank reads
    # "last February" written on 1 March: on 1 January 2025 both lie in earlier years
    df = extract_timexes("They met last December and last January.", dct="2025-01-01")
    assert df["value"].tolist() == ["2023-12", "2024-01"]


def test_bad_dct_names_the_value():
    with pytest.raises(ValueError, match="yesterday-ish"):
        extract_timexes("On Monday.", dct="yesterday-ish")


def test_every_resolved_seed_date_has_an_interval():
    """Resolved DATE values of a seed paragraph all map to a calendar interval (two ways)."""
    text = (
        "Starmer, set to meet Trump on Thursday, has underscored that the initiative hinges on "
        "U.S. military support. Macron and Starmer visit Washington next week. Talks began in "
        "November and the first quarter of 2026 is the deadline."
    )
    df = extract_timexes(text, dct=D004)
    dates = df[(df["type"] == "DATE") & df["resolved"]]
    assert len(dates) == 3
    for value in dates["value"]:
        first, last = timex_interval(value)
        assert first is not None and first <= last


def test_a_second_day_is_not_a_count():
    df = extract_timexes("Shelling on March 3 and 4 civilians died in Kharkiv.", dct=D004)
    assert df["text"].tolist() == ["March 3"]


def test_a_clock_time_far_from_a_date_belongs_to_the_article_day():
    text = (
        "The attack of Sept. 11, 2001, changed the alliance. "
        + "Officials have debated the force in private talks in many capitals. " * 10
        + "The minister will speak at 3 p.m. in London."
    )
    assert _row(text, D004, "3 p.m.")["value"] == "2025-02-21T15:00"


# A scheduled event told in the present tense lies ahead (article of Wednesday 20 March
# 2013); a past verb nearer the day still wins.
SCHEDULED_PRESENT_CASES = [
    ("Obama visits Israel on Friday.", "Friday", "2013-03-22"),
    ("The trial begins Monday in Boston.", "Monday", "2013-03-25"),
    ("The ban takes effect Monday.", "Monday", "2013-03-25"),
    ("Voters go to the polls Sunday.", "Sunday", "2013-03-24"),
    ("Kerry, who arrives in Cairo on Saturday, said he was hopeful.", "Saturday", "2013-03-23"),
    ("He returned Monday from a visit that began Friday.", "Monday", "2013-03-18"),
    ("Police said Monday that the summit opens in May.", "Monday", "2013-03-18"),
]  # fmt: skip


@pytest.mark.parametrize("sentence,expression,value", SCHEDULED_PRESENT_CASES)
def test_a_scheduled_event_in_the_present_tense_lies_ahead(sentence, expression, value):
    assert _row(sentence, "2013-03-20", expression)["value"] == value


# A clock time takes the day named right after it, also across "local time" (one TIME, as
# "5 p.m. EST, Nov. 6" in TimeBank); a day after another word is a separate expression.
CLOCK_DAY_CASES = [
    ("The shooting occurred at about 10:30 a.m. local time on Tuesday, police said.",
     "10:30 a.m. local time on Tuesday", "2025-02-18T10:30"),
    ("Polls will close at 8 p.m. local time, Sunday.",
     "8 p.m. local time, Sunday", "2025-02-23T20:00"),
    ("The offer expired at 5 p.m. EST, Nov. 6.", "5 p.m. EST, Nov. 6", "2024-11-06T17:00"),
    ("The offer expires at 5 p.m. EST, Nov. 6.", "5 p.m. EST, Nov. 6", "2025-11-06T17:00"),
]  # fmt: skip


@pytest.mark.parametrize("sentence,expression,value", CLOCK_DAY_CASES)
def test_a_clock_time_takes_the_day_named_right_after_it(sentence, expression, value):
    assert _row(sentence, D004, expression)["value"] == value


def test_a_second_unit_joined_by_and_is_not_a_new_expression():
    df = extract_timexes("Many funds in recent weeks and months have sold their bonds.", dct=D004)
    assert df["text"].tolist() == ["recent weeks"]


# A month without a year on a story nobody wrote rules for (sentences shaped like the
# BASIL stories): the tense or modality gives the side, else the nearest month wins.
MONTH_SIDE_CASES = [
    # "up for" points ahead (April 2014: this November, not last)
    ("Mr. Grimm, the only Republican member of the delegation, is up for re-election in "
     "November and faces a formidable challenger.", "2014-04-25", "2014-11"),
    # ahead even ten months away (said in January)
    ("They accused Senator Chuck Schumer of capitulating to protect senators up for "
     "re-election in November in Republican-leaning states.", "2018-01-22", "2018-11"),
    ("Many of the Democrats facing re-election in November hail from states that Mr. Trump "
     "carried.", "2018-01-22", "2018-11"),
    # no cue: the nearest November to July 2010 is four months ahead
    ("The November election is a referendum on the president's agenda.", "2010-07-14",
     "2010-11"),
    ("Akin also claimed he would help Romney and the Republican party in November by "
     "soldiering on.", "2012-08-21", "2012-11"),
    # told in the past: the last November
    ("The House Ethics Committee announced in November that Grimm was under investigation.",
     "2014-04-25", "2013-11"),
    ("The deal was struck in November.", "2010-07-14", "2009-11"),
    # a month right after another month sits beside it, not beside the article date
    ("The stock rose to a high for the year of $42.875 a share in June from $29.75 in March.",
     "1989-10-30", "1989-03"),
]  # fmt: skip


@pytest.mark.parametrize("sentence,dct,value", MONTH_SIDE_CASES)
def test_a_month_without_a_year_takes_its_side_from_the_tense(sentence, dct, value):
    rows = extract_timexes(sentence, dct=dct)
    months = rows[rows["granularity"] == "month"]
    assert months["value"].tolist()[-1:] == [value]


# A capitalised temporal word that a run of capitalised words goes on with is a name.
NAME_CASES = [
    ("Bill Kristol, editor of the Weekly Standard, said the plan was doomed.", []),
    ("The Weekly Standard reported the meeting on Monday.", [("Monday", "2010-07-12")]),
    ("He wrote in the Daily Beast that the vote was rigged.", []),
    ("A columnist for the New York Daily News called it a disgrace.", []),
    # still expressions: sentence-initial, after a preposition, with a number, lower case
    ("Weekly meetings will start soon.", [("Weekly", "P1W"), ("soon", "FUTURE_REF")]),
    ("On Monday President Obama said the talks would go on.", [("Monday", "2010-07-12")]),
    ("Flights were cancelled after the July 7 Embassy bombings.", [("July 7", "2010-07-07")]),
    ("The magazine is published weekly.", [("weekly", "P1W")]),
]


@pytest.mark.parametrize("sentence,expected", NAME_CASES)
def test_a_capitalised_name_is_not_an_expression(sentence, expected):
    rows = extract_timexes(sentence, dct="2010-07-14")
    assert list(zip(rows["text"], rows["value"], strict=True)) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Starmer said Monday he will go there next week.",
        "The report is dated 2025-02-21, some ten years after the late 1990s.",
    ],
)
def test_the_table_is_the_one_pandas_infers(sentence):
    """The tagger's ready-made columns give the frame pandas builds from the values."""
    from storylens.timeline.anchoring import parse_dct
    from storylens.timeline.tagger import tag

    rows = tag(sentence, parse_dct("2025-02-21"))
    fields = ("type", "value", "granularity", "mod", "relative", "resolved")
    expected = pd.DataFrame({
        "start": [r.start for r in rows], "end": [r.end for r in rows],
        "text": [r.text for r in rows],
        **{f: [getattr(r.timex, f) for r in rows] for f in fields},
        "signal": [r.signal for r in rows],
    })  # fmt: skip
    assert len(rows) >= 2
    pd.testing.assert_frame_equal(extract_timexes(sentence, dct="2025-02-21"), expected)
