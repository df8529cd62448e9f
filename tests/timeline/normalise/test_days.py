"""Tests for storylens.timeline.normalise.days, through extract_timexes: times of day and
parts of days ("8 PM", "Sunday night", "this morning") as TIMEX3 TIMEs."""

from __future__ import annotations

import pytest

from storylens.timeline import extract_timexes

DCT = "2025-02-21"  # a Friday


def found(sentence: str) -> list[tuple[str, str, str]]:
    df = extract_timexes(sentence, dct=DCT)
    return list(zip(df["text"], df["type"], df["value"], strict=True))


PART_OF_DAY_CASES = [
    ("The attack happened Sunday night near the border.", "Sunday night", "2025-02-16TNI"),
    ("Talks resumed Friday afternoon in Geneva.", "Friday afternoon", "2025-02-21TAF"),
    ("On Wednesday morning the court ruled against him.", "Wednesday morning",
     "2025-02-19TMO"),
    ("The minister will speak Monday evening.", "Monday evening", "2025-02-24TEV"),
    ("The president spoke to reporters this morning.", "this morning", "2025-02-21TMO"),
    ("He will address the nation tonight.", "tonight", "2025-02-21TNI"),
    ("Rebels attacked a convoy last night.", "last night", "2025-02-20TNI"),
    ("The vote will close at 8 PM.", "8 PM", "2025-02-21T20:00"),
    ("The ceremony begins at noon.", "noon", "2025-02-21T12:00"),
    # a part of the day told of shortly before, else of the article's day
    ("The protest began on Monday. In the afternoon, police arrived.", "the afternoon",
     "2025-02-17TAF"),
    ("Dealers placed heavy buy orders in the morning.", "the morning", "2025-02-21TMO"),
    ("Shelling went on during the night, residents said.", "the night", "2025-02-21TNI"),
    ("He landed on Feb. 3. That evening he met the king.", "That evening", "2025-02-03TEV"),
    # clock times without a.m./p.m., read in the part of the day they name
    ("The blast woke the town at 4 in the morning.", "4 in the morning", "2025-02-21T04:00"),
    ("The shops close at 11 at night.", "11 at night", "2025-02-21T23:00"),
    ("He woke at 6 o'clock.", "6 o'clock", "2025-02-21T06:00"),
    ("The train left at 10:30 last night.", "10:30 last night", "2025-02-20T22:30"),
    ("The deal was signed Friday at 9:15.", "Friday at 9:15", "2025-02-21T09:15"),
    ("The plane landed at 0600 GMT.", "0600 GMT", "2025-02-21T06:00"),
    ("The raid began at 9 p.m. Sunday night.", "9 p.m. Sunday night", "2025-02-16T21:00"),
    # "the night of" a day: that part of that day, one expression
    ("The attack came on the night of June 5, 2024.", "the night of June 5, 2024",
     "2024-06-05TNI"),
    ("On the morning of Sept. 11, 2001, planes struck.", "the morning of Sept. 11, 2001",
     "2001-09-11TMO"),
    ("On the afternoon of Friday, talks ended.", "the afternoon of Friday", "2025-02-21TAF"),
    # "overnight" is the night before
    ("Fighting continued overnight in the east.", "overnight", "2025-02-20TNI"),
]  # fmt: skip


@pytest.mark.parametrize("sentence,expression,value", PART_OF_DAY_CASES)
def test_a_part_of_a_day_is_a_time(sentence, expression, value):
    assert (expression, "TIME", value) in found(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "The score was 4 in the first round.",  # a count
        "The ratio stood at 3:1 in favour.",  # a ratio
        "Sales in 1989 GMT-adjusted terms fell.",  # no hour
    ],
)
def test_no_clock_time_in_numbers_that_are_not_hours(sentence):
    df = extract_timexes(sentence, dct=DCT)
    assert df[df["type"] == "TIME"].empty


def test_the_night_of_an_event_is_no_expression():
    assert found("The night of the attack was cold.") == []
