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
    ("The blast happened at 4 in the morning.", "the morning", "2025-02-21TMO"),
    ("Shelling went on during the night, residents said.", "the night", "2025-02-21TNI"),
    ("He landed on Feb. 3. That evening he met the king.", "That evening", "2025-02-03TEV"),
    # "overnight" is the night before
    ("Fighting continued overnight in the east.", "overnight", "2025-02-20TNI"),
]  # fmt: skip


@pytest.mark.parametrize("sentence,expression,value", PART_OF_DAY_CASES)
def test_a_part_of_a_day_is_a_time(sentence, expression, value):
    assert (expression, "TIME", value) in found(sentence)
