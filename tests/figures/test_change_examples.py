"""The examples of data/change_examples.yaml, one test case each: every word list the
change rules read has examples of what it accepts and what it must not take."""

from __future__ import annotations

import pytest

from storylens.figures import extract_figures
from storylens.figures.words import WORDS, read_data_yaml

EXAMPLES = read_data_yaml("change_examples.yaml")
CASES = [(group, *example) for group, examples in EXAMPLES.items() for example in examples]


def _figure(sentence: str, figure: str):
    df = extract_figures(sentence)
    rows = df[df["text"] == figure]
    assert len(rows) == 1, f"{figure!r} not read in {sentence!r}: {df['text'].tolist()}"
    return rows.iloc[0]


def _or_none(value):
    return value if isinstance(value, str) else None


@pytest.mark.parametrize("group, sentence, figure, change, part", CASES)
def test_change_example(group, sentence, figure, change, part):
    row = _figure(sentence, figure)
    assert (_or_none(row["change"]), _or_none(row["change_part"])) == (change, part)


def test_every_change_list_has_examples():
    lists = {key for key in WORDS if key.startswith("change_")}
    assert lists <= set(EXAMPLES), f"no examples for {sorted(lists - set(EXAMPLES))}"
    assert all(len(examples) >= 2 for examples in EXAMPLES.values())
