"""Tests for storylens.timeline.rules and the resources they are built from: every rule's
example (data/timex_rules.yaml) is tagged as it says, by that rule."""

from __future__ import annotations

import pytest

from storylens.timeline import extract_timexes
from storylens.timeline.engine import candidates, select
from storylens.timeline.patterns import BLOCKS, expand
from storylens.timeline.rules import RULES


@pytest.mark.parametrize("rule", RULES, ids=[r.name for r in RULES])
def test_rule_example(rule):
    ex = rule.example
    assert ex is not None, f"rule {rule.name} has no example"
    df = extract_timexes(ex["text"], dct=ex["dct"])
    hits = df[df["text"] == ex["timex"]]
    assert len(hits) == 1, f"{ex['timex']!r} not found once in {df['text'].tolist()}"
    row = hits.iloc[0]
    assert (row["type"], row["value"], row["mod"]) == (ex["type"], ex["value"], ex.get("mod", ""))
    # ... and it is this rule that found it (its match overlaps the expression's span)
    found_by = [
        RULES[i].name
        for s, e, i, _ in select(candidates(ex["text"], RULES))
        if s < row["end"] and e > row["start"]
    ]
    assert rule.name in found_by


def test_rule_names_are_unique():
    names = [r.name for r in RULES]
    assert len(names) == len(set(names))


def test_an_unknown_block_is_an_error_naming_it():
    with pytest.raises(KeyError, match=r"\{mnth\} is not defined"):
        expand("{mnth} {day}", BLOCKS)


def test_a_repetition_is_not_a_block():
    assert expand(r"\d{1,3}{day}", {"day": "D"}) == r"\d{1,3}D"
