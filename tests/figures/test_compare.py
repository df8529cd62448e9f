"""Tests for storylens.figures.compare: disagreements, changes over time, gaps between plan
and demand, and the span of each topic."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from storylens.figures import (
    COMPARE_COLUMNS,
    compare,
    compatible,
    figure_changes,
    figure_gaps,
    figure_groups,
    figure_table,
)


@pytest.fixture(scope="module")
def figures(seeds):
    return figure_table(seeds)


@pytest.fixture(scope="module")
def relations(figures):
    return compare(figures)


def _pairs(relations, relation):
    rows = relations[relations.relation == relation]
    return sorted(zip(rows.text_a, rows.text_b, strict=True))


def test_no_source_disagrees_with_another_on_the_seeds(relations):
    assert list(relations.columns) == COMPARE_COLUMNS
    assert (relations.relation == "disagreement").sum() == 0


def test_compatible_figures_at_the_same_time_are_consistent(relations):
    assert _pairs(relations, "consistent") == [
        # Zelensky's "200,000" (000) is more than his "more than 100,000" (004)
        ("200,000 troops", "more than 100,000 European troops"),
        # "30,000" against "fewer than 30,000": adjacent bounds
        ("30,000 troops", "fewer than 30,000 European troops"),
        ("up to 30,000 troops", "fewer than 30,000 European troops"),
    ]
    zelensky = relations[relations.text_a == "200,000 troops"].iloc[0]
    assert (zelensky.claim, zelensky.claimant, zelensky.days_apart) == (
        "demand", "Volodymyr Zelensky", 2,
    )  # fmt: skip


def test_the_december_plan_is_a_change_over_time(relations):
    changes = relations[relations.relation == "change"]
    assert set(changes.text_a) == {"40,000 heavily armed European “peacekeepers”"}
    assert sorted(changes.text_b) == [
        "30,000 troops", "fewer than 30,000 European troops", "up to 30,000 troops",
    ]  # fmt: skip
    assert set(changes.claim) == {"plan"}
    assert (changes.published_a < changes.published_b).all()
    assert "40,000 (Dec 2024) → at most 30,000 (Feb 2025)" in changes.summary.tolist()
    summary = figure_changes(relations)
    assert summary[["topic", "claim", "summary", "n_pairs"]].values.tolist() == [
        ["the proposed force", "plan", "40,000 (Dec 2024) → at most 30,000 (Feb 2025)", 3]
    ]


def test_plan_against_demand_is_a_gap(relations):
    gaps = relations[relations.relation == "gap"]
    assert set(gaps.claim_a) == {"plan"} and set(gaps.claim_b) == {"demand"}
    assert len(gaps) == 3 * 2  # the three February plan figures against both demands
    assert "the plan: at most 30,000; Volodymyr Zelensky: 200,000" in gaps.summary.tolist()
    summary = figure_gaps(relations)
    assert summary[["claimant", "plan", "demand", "factor"]].values.tolist() == [
        ["Volodymyr Zelensky", "at most 30,000", "100,000–200,000", pytest.approx(10 / 3)]
    ]
    assert summary.summary.tolist() == [
        "the plan: at most 30,000; Volodymyr Zelensky: 100,000–200,000"
    ]


def test_plans_and_demands_are_never_compared_as_one_thing(relations):
    same_kind = relations[relations.relation.isin(["disagreement", "consistent", "change"])]
    assert (same_kind.claim_a == same_kind.claim_b).all()
    # incidental numbers and figures of other topics are never paired
    assert not relations.text_a.isin(["one problem", "two", "three primary missions"]).any()
    assert not (relations.topic == "Russian forces").any()


def _row(doc, bounds, *, claim="plan", published="2025-02-19", claimant="", topic="t"):
    low, high, low_inc, high_inc = bounds
    return {
        "doc_id": doc, "kind": "troops", "topic": topic, "claim": claim, "claimant": claimant,
        "text": doc, "start": 0, "qualifier": "exact", "value": low if low == high else np.nan,
        "low": low, "high": high, "low_inclusive": low_inc, "high_inclusive": high_inc,
        "published": pd.Timestamp(published), "sentence": "",
    }  # fmt: skip


UP_TO_30K = (np.nan, 30000, None, True)
FEWER_30K = (np.nan, 30000, None, False)
AT_LEAST_30K = (30000, np.nan, True, None)
MORE_30K = (30000, np.nan, False, None)
EXACTLY_30K = (30000, 30000, True, True)
EXACTLY_40K = (40000, 40000, True, True)


@pytest.mark.parametrize(
    "a, b, can_both_hold",
    [
        (UP_TO_30K, AT_LEAST_30K, True),  # share 30,000
        (FEWER_30K, AT_LEAST_30K, True),  # adjacent: one bound includes 30,000
        (FEWER_30K, EXACTLY_30K, True),  # adjacent
        (FEWER_30K, MORE_30K, False),  # both open at 30,000
        (UP_TO_30K, EXACTLY_40K, False),
        ((100000, np.nan, False, None), (200000, 200000, True, True), True),
        ((20, 30, True, True), EXACTLY_40K, False),
    ],
)
def test_disagreement_needs_intervals_that_cannot_both_hold(a, b, can_both_hold):
    assert compatible(_row("a", a), _row("b", b)) is can_both_hold
    assert compatible(_row("b", b), _row("a", a)) is can_both_hold
    relations = compare(pd.DataFrame([_row("a", a), _row("b", b, published="2025-03-01")]))
    expected = "consistent" if can_both_hold else "disagreement"
    assert relations.relation.tolist() == [expected]


@pytest.mark.parametrize(
    "published_b, window, relation",
    [
        ("2025-03-21", 31, "disagreement"),  # 30 days apart: the same moment
        ("2025-03-23", 31, "change"),  # 32 days apart: a change over time
        ("2025-03-23", 40, "disagreement"),  # a wider window
        (None, 31, None),  # undated: not related
    ],
)
def test_the_time_window_separates_disagreement_and_change(published_b, window, relation):
    a = _row("a", UP_TO_30K)
    b = _row("b", EXACTLY_40K, published=published_b)
    relations = compare(pd.DataFrame([a, b]), window_days=window)
    assert relations.relation.tolist() == ([relation] if relation else [])


def test_demands_are_compared_only_for_the_same_claimant():
    a = _row("a", UP_TO_30K, claim="demand", claimant="Volodymyr Zelensky")
    b = _row("b", EXACTLY_40K, claim="demand", claimant="Donald Tusk")
    c = _row("c", EXACTLY_40K, claim="demand", claimant="Volodymyr Zelensky; Donald Tusk")
    relations = compare(pd.DataFrame([a, b, c]))
    assert relations[["relation", "doc_id_a", "doc_id_b", "claimant"]].values.tolist() == [
        ["disagreement", "a", "c", "Volodymyr Zelensky"],
        ["consistent", "b", "c", "Donald Tusk"],
    ]


def test_a_plan_and_a_demand_at_different_times_are_not_related():
    plan = _row("a", UP_TO_30K, published="2024-12-01")
    demand = _row("b", EXACTLY_40K, claim="demand", claimant="Volodymyr Zelensky")
    assert compare(pd.DataFrame([plan, demand])).empty
    estimate = _row("c", EXACTLY_40K, claim="estimate", published="2024-12-01")
    assert compare(pd.DataFrame([plan, estimate])).empty  # other kinds of claim: never


def test_one_source_does_not_disagree_with_itself():
    same = [_row("a", UP_TO_30K), _row("a", EXACTLY_40K)]
    assert compare(pd.DataFrame(same)).empty
    assert figure_changes(compare(pd.DataFrame(same))).empty
    assert figure_gaps(compare(pd.DataFrame(same))).empty


def test_figure_groups_count_what_the_table_holds(figures):
    groups = figure_groups(figures)
    # independent re-computation: sizes and sources per (kind, topic, claim) from the table
    keys = ["kind", "topic", "claim"]
    expected = figures.groupby(keys).agg(n=("text", "size"), s=("doc_id", "nunique"))
    assert groups.n_figures.tolist() == expected.n.tolist()
    assert groups.n_sources.tolist() == expected.s.tolist()
    force = groups[groups.topic == "the proposed force"].set_index("claim")
    assert force.n_figures.to_dict() == {"demand": 2, "plan": 4}
    assert figure_groups(figures.iloc[:0]).empty


def test_compare_says_which_columns_are_missing(figures):
    with pytest.raises(ValueError, match="missing: claim"):
        compare(figures.drop(columns=["claim"]))


def _change(doc, value, *, part="amount", change="decrease", published="2025-02-19"):
    row = _row(doc, (value, value, True, True), published=published)
    return {**row, "change": change, "change_part": part}


def test_a_change_never_disagrees_with_a_level():
    # "cut 20,000 troops" is not a force of 20,000, nor of 40,000
    level = _row("a", EXACTLY_40K)
    cut = _change("b", 20000)
    assert compare(pd.DataFrame([level, cut])).empty
    # two amounts of the same change are compared with each other, as changes
    other_cut = _change("c", 30000)
    relations = compare(pd.DataFrame([level, cut, other_cut]))
    assert relations[["relation", "measure", "doc_id_a", "doc_id_b"]].values.tolist() == [
        ["disagreement", "decrease", "b", "c"]
    ]
    assert relations.summary[0].startswith("a decrease of 20,000 (the source, b)")
    # an increase and a decrease are not one change
    assert compare(pd.DataFrame([cut, _change("d", 30000, change="increase")])).empty


def test_levels_after_a_change_are_levels_and_levels_before_are_left_out():
    level = _row("a", EXACTLY_40K)
    after = _change("b", 30000, part="to")  # "fell to 30,000"
    before = _change("c", 50000, part="from")  # "down from 50,000"
    relations = compare(pd.DataFrame([level, after, before]))
    assert relations[["relation", "measure", "doc_id_a", "doc_id_b"]].values.tolist() == [
        ["disagreement", "level", "a", "b"]
    ]


def _counted(doc, text, sentence, value, *, noun="Democrats"):
    row = _row(doc, (value, value, True, True), claim="other")
    kind, unit = (f"count: {noun}", None) if "$" not in text else ("money", "US dollar")
    topic = kind if unit is None else f"{kind}: {unit}"
    return {**row, "kind": kind, "text": text, "noun": noun if unit is None else None,
            "unit": unit, "sentence": sentence, "topic": topic}  # fmt: skip


# Sentence shapes of a shutdown story in three outlets (BASIL, 2018): the same noun,
# different things counted
VOTED = "MoveOn.org panned the agreement that 33 Senate Democrats voted to advance on Monday."
GATHERED = "Of the 10 Democrats who gathered outside the Senate chamber, six are on the ballot."
OTHERS = "The senator and the dozens of other Democrats who initially voted Friday to block it."
ONE_OF = "Progressives are already eyeing one of the Democrats who pushed for a compromise."
HOUSE = "The bill passed with 40 House Democrats voting for it."
SENATE = "The bill passed with 33 Senate Democrats voting for it."
VOTED_AGAIN = "In the end 30 Democrats voted to advance the bill."
VOTED_33 = "In the end 33 Democrats voted to advance the bill."
TAXES = "The documents show the Clintons have paid $43 million in federal taxes since 2007."
TAXES_2 = "The returns show that the couple paid $47 million in federal income taxes."
TAXES_3 = "From 2007 through 2014 the couple paid $43,885,310 in federal taxes."
STATE = "They also paid an additional $13.6 million in state taxes."
STATE_2 = "The couple paid $13,625,777 in state and local taxes."
RATE = "Her standard rate was $225,000."


@pytest.mark.parametrize(
    "a, b, relation",
    [
        ((VOTED, "33 Senate Democrats", 33), (GATHERED, "10 Democrats", 10), None),
        ((VOTED, "33 Senate Democrats", 33), (OTHERS, "dozens of other Democrats", 24), None),
        ((GATHERED, "10 Democrats", 10), (ONE_OF, "one of the Democrats", 1), None),
        ((SENATE, "33 Senate Democrats", 33), (HOUSE, "40 House Democrats", 40), None),
        # the same event and compatible modifiers: a genuine disagreement
        ((VOTED, "33 Senate Democrats", 33), (VOTED_AGAIN, "30 Democrats", 30), "disagreement"),
        ((VOTED, "33 Senate Democrats", 33), (VOTED_33, "33 Democrats", 33), "consistent"),
        # the same phrase after two sums: "in federal taxes"
        ((TAXES, "$43 million", 43e6), (TAXES_2, "$47 million", 47e6), "disagreement"),
        # a rounded sum stands for the numbers it rounds
        ((STATE, "$13.6 million", 13.6e6), (STATE_2, "$13,625,777", 13625777), "consistent"),
        ((TAXES, "$43 million", 43e6), (TAXES_3, "$43,885,310", 43885310), "disagreement"),
        # a sum with nothing to tie it to another: unrelated, not a disagreement
        ((TAXES, "$43 million", 43e6), (RATE, "$225,000", 225e3), None),
    ],
)
def test_the_same_noun_is_not_yet_the_same_thing(a, b, relation):
    rows = [_counted("a", a[1], a[0], a[2]), _counted("b", b[1], b[0], b[2])]
    relations = compare(pd.DataFrame(rows))
    assert relations.relation.tolist() == ([relation] if relation else [])


def test_a_story_topic_keeps_figures_of_different_wording_together():
    # a story rule's topic says what one thing is: the event words do not split it
    a = {**_counted("a", "33 Senate Democrats", VOTED, 33), "topic": "the Senate vote"}
    b = {**_counted("b", "10 Democrats", GATHERED, 10), "topic": "the Senate vote"}
    assert compare(pd.DataFrame([a, b])).relation.tolist() == ["disagreement"]
    # but a group apart is never compared, whatever its topic
    c = {**_counted("c", "one of the Democrats", ONE_OF, 1), "topic": "the Senate vote"}
    assert compare(pd.DataFrame([a, c])).empty


def test_figure_groups_keep_changes_apart_from_levels():
    rows = [_row("a", EXACTLY_40K), _change("b", 20000), _change("c", 50000, part="from")]
    groups = figure_groups(pd.DataFrame(rows).assign(claimant=""))
    assert groups[["measure", "n_figures", "lowest"]].values.tolist() == [
        ["decrease", 1, 20000.0],
        ["level", 1, 40000.0],
        ["level before", 1, 50000.0],
    ]
