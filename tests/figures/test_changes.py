"""Tests for storylens.figures.changes: a figure's part in a change (amount, from, to)
and its direction, read through extract_figures."""

from __future__ import annotations

import math

import pytest

from storylens.figures import extract_figures
from storylens.figures.changes import change_after, change_before, pair_direction

NAN = float("nan")


def _rows(text: str) -> list[tuple]:
    df = extract_figures(text)
    return [
        (r.text, r.change if isinstance(r.change, str) else None,
         r.change_part if isinstance(r.change_part, str) else None)
        for r in df.itertuples()
    ]  # fmt: skip


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The index rose by 5% in March.", [("5%", "increase", "amount")]),
        ("Employers added 3,000 jobs last month.", [("3,000 jobs", "increase", "amount")]),
        ("Support for the plan was up 12 points.", [("12 points", "increase", "amount")]),
        ("Shares fell 2% on Monday.", [("2%", "decrease", "amount")]),
        ("The Pentagon will cut 20,000 troops.", [("20,000 troops", "decrease", "amount")]),
        ("It reported a 3% drop in sales.", [("3%", "decrease", "amount")]),
        ("The army cut its forces in Europe by 20,000.", [("20,000", "decrease", "amount")]),
        ("Prices rose sharply 5% in May.", [("5%", "increase", "amount")]),
        ("Output rose by more than 5%.", [("more than 5%", "increase", "amount")]),
        ("an increase of 5 percent in wages", [("5 percent", "increase", "amount")]),
        ("the 20,000 job cuts announced", [("20,000 job cuts", "decrease", "amount")]),
        ("Shares closed 3% higher.", [("3%", "increase", "amount")]),
        ("About 3,000 jobs were lost in May.", [("About 3,000 jobs", "decrease", "amount")]),
        ("The deficit doubled to $40 billion.", [("$40 billion", "increase", "to")]),
        (
            "Attendance was 30, down from 40.",
            [("30", "decrease", "to"), ("40", "decrease", "from")],
        ),
        (
            "Sales rose from 5% to 7% last year.",
            [("5%", "increase", "from"), ("7%", "increase", "to")],
        ),
        ("prices rose to 7% from 5%", [("7%", "increase", "to"), ("5%", "increase", "from")]),
        (
            "Revenue rose 4.8% to $13.18 billion.",
            [("4.8%", "increase", "amount"), ("$13.18 billion", "increase", "to")],
        ),
        # the direction of an undirected verb comes from the two values
        (
            "Membership went from 5 to 7 countries.",
            [("5", "increase", "from"), ("7 countries", "increase", "to")],
        ),
        # no change: particles, objects between the verb and the number, plain levels
        ("Russia shot down 3 drones overnight.", [("3 drones", None, None)]),
        ("The plan would deploy up to 30,000 troops.", [("up to 30,000 troops", None, None)]),
        ("Officials cut the ribbon with 30 guests.", [("30 guests", None, None)]),
        ("Britain has 70,000 troops.", [("70,000 troops", None, None)]),
        # an undirected verb with a lone level makes no change
        ("The forecast was revised to 5%.", [("5%", None, None)]),
    ],
)
def test_change_and_part(text, expected):
    assert _rows(text) == expected


def test_from_and_to_values_link_the_pair():
    df = extract_figures("Unemployment fell from 40 to 30 percent.")
    assert df["from_value"].tolist() == [40.0, 40.0]
    assert df["to_value"].tolist() == [30.0, 30.0]
    assert df["qualifier"].tolist() == ["exact", "exact"]  # not a range
    amount = extract_figures("Employers added 3,000 jobs.")
    assert math.isnan(amount["from_value"][0]) and math.isnan(amount["to_value"][0])
    assert amount["value"][0] == 3000.0  # the amount is the value, never negative
    lone = extract_figures("The deficit doubled to $40 billion.")
    assert math.isnan(lone["from_value"][0]) and lone["to_value"][0] == 4e10


def test_offsets_point_at_the_figure():
    text = "Prices fell 2% to $5 billion."
    df = extract_figures(text)
    assert [text[s:e] for s, e in zip(df.start, df.end, strict=True)] == ["2%", "$5 billion"]


def test_rules_directly():
    s = "Attendance was 30, down from 40."
    assert change_before(s, s.index("40")) == ("decrease", "from")
    assert change_before(s, s.index("30")) is None  # "was" is no cue
    assert change_after("a 3% drop in sales", 4, None) == "decrease"
    assert change_after("3% of GDP", 2, None) is None
    assert pair_direction(5.0, 7.0, "") == "increase"
    assert pair_direction(5.0, 7.0, "decrease") == "decrease"  # the cue wins
    assert pair_direction(5.0, 5.0, "") == ""


@pytest.mark.parametrize(
    "text, expected",
    [
        # a count of change nouns counts the changes, unless it counts what is cut
        ("Five more losses were reported.", [("Five more losses", None, None)]),
        ("The firm announced 1,200 job cuts.", [("1,200 job cuts", "decrease", "amount")]),
        # "racked up" is a particle verb: a total, not a change
        (
            "The film has racked up more than $247 million.",
            [("more than $247 million", None, None)],
        ),
        # one change in two units
        (
            "Net income fell 2% or $1.40 a share.",
            [("2%", "decrease", "amount"), ("$1.40 a share", "decrease", "amount")],
        ),
    ],
)
def test_counts_of_changes_and_one_change_in_two_units(text, expected):
    assert _rows(text) == expected


def test_a_pair_with_a_time_between():
    text = "The number of elephants has shrunk from about 5 million a century ago to about 400,000."
    df = extract_figures(text)
    assert df[["text", "change", "change_part"]].values.tolist() == [
        ["about 5 million", "decrease", "from"],
        ["about 400,000", "decrease", "to"],
    ]
    assert df["from_value"].tolist() == [5e6, 5e6] and df["to_value"].tolist() == [4e5, 4e5]


@pytest.mark.parametrize(
    "text, expected",
    [
        # news sentence shapes where a verb of change takes no change
        (
            "The Trump campaign raised $3.9 million in the third quarter.",
            [("$3.9 million", None, None)],
        ),
        ("Her office dropped 16 felony counts against him.", [("16 felony counts", None, None)]),
        ("Bannon suggested that Trump cut a $50m check.", [("$50m", None, None)]),
        (
            "Trump spent the campaign reducing people to one identity.",
            [("one identity", None, None)],
        ),
        ("He was propped up by 89 million viewers.", [("89 million viewers", None, None)]),
        # ... and where it does
        ("The council raised taxes by 6.35% in April.", [("6.35%", "increase", "amount")]),
        (
            "He looks gaunt, reduced from the 220 pounds he weighed.",
            [("220 pounds", "decrease", "from")],
        ),
        ("The company added a further 3,000 jobs.", [("3,000 jobs", "increase", "amount")]),
        ("The market plummeted 190 points.", [("190 points", "decrease", "amount")]),
    ],
)
def test_verbs_of_change_that_take_no_change(text, expected):
    assert _rows(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a level after the amount, a few words or a second amount between
        (
            "The index fell 190 points, or 0.6 percent, to 31,500.",
            [
                ("190 points", "decrease", "amount"),
                ("0.6 percent", "decrease", "amount"),
                ("31,500", "decrease", "to"),
            ],
        ),
        (
            "The number of migrants has dropped 40% since January, to 12,000.",
            [("40%", "decrease", "amount"), ("12,000", "decrease", "to")],
        ),
        # ... but not across "and": another change
        (
            "The government plans to cut 20,000 troops and add 5,000 drones.",
            [("20,000 troops", "decrease", "amount"), ("5,000 drones", "increase", "amount")],
        ),
        # a level in two units, and the level before after the level after
        (
            "Net income rose to $45 million, or 80 cents a share, from $40 million.",
            [
                ("$45 million", "increase", "to"),
                ("80 cents a share", "increase", "to"),
                ("$40 million", "increase", "from"),
            ],
        ),
        (
            "The bank boosted its dividend to 30 cents a share from 25 cents.",
            [("30 cents", "increase", "to"), ("25 cents", "increase", "from")],
        ),
        # a level restated in parentheses, and a level after "at"
        (
            "Net gained to 235 million guilders ($113.2 million), or 6.70 guilders a share.",
            [
                ("235 million guilders", "increase", "to"),
                ("$113.2 million", "increase", "to"),
                ("6.70 guilders a share", "increase", "to"),
            ],
        ),
        (
            "GM closed down $1.875 at $44.875 in trading yesterday.",
            [("$1.875", "decrease", "amount"), ("$44.875", "decrease", "to")],
        ),
        (
            "GM fell $1.875 at about noon, to $44.875.",
            [("$1.875", "decrease", "amount"), ("$44.875", "decrease", "to")],
        ),
        # a level, then the amount that led to it
        (
            "In trading Friday, Aetna closed at $60, down 50 cents.",
            [("$60", "decrease", "to"), ("50 cents", "decrease", "amount")],
        ),
        (
            "Revenue was $2.3 billion, compared with $2.1 billion, up 9%.",
            [
                ("$2.3 billion", None, None),
                ("$2.1 billion", None, None),
                ("9%", "increase", "amount"),
            ],
        ),
        # "up to" before "from": the level reached, not a bound
        (
            "Approval is up to 43% from 40% in March.",
            [("43%", "increase", "to"), ("40%", "increase", "from")],
        ),
        (
            "The figure was revised down to 1.1% from 1.4%.",
            [("1.1%", "decrease", "to"), ("1.4%", "decrease", "from")],
        ),
    ],
)
def test_levels_linked_to_an_amount_or_a_from(text, expected):
    assert _rows(text) == expected


def test_up_to_a_level_is_exact():
    text = "Approval of the president has been ticking up to 43% in recent polls."
    row = extract_figures(text).iloc[0]
    assert (row["text"], row["qualifier"], row["low"], row["high"]) == ("43%", "exact", 43, 43)
    assert (row["change"], row["change_part"], row["to_value"]) == ("increase", "to", 43.0)
    assert text[row["start"] : row["end"]] == "43%"
    bound = extract_figures("The plan would deploy up to 30,000 troops.").iloc[0]
    assert (bound["qualifier"], bound["low"] != bound["low"], bound["high"]) == (
        "upper",
        True,
        30000.0,
    )


def test_a_pair_in_one_unit_links_its_values_and_two_units_do_not():
    df = extract_figures("The bank boosted its dividend to 30 cents a share from 25 cents.")
    assert df["from_value"].tolist() == [25.0, 25.0] and df["to_value"].tolist() == [30.0, 30.0]
    df = extract_figures("Net income rose to $45 million, or 80 cents a share, from $40 million.")
    assert df["to_value"].tolist()[:2] == [45e6, 80.0]
    assert math.isnan(df["to_value"][2]) and df["from_value"][2] == 40e6
