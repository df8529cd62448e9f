"""Tests for storylens.figures.intervals: intervals in words."""

from __future__ import annotations

import pytest

from storylens.figures import extract_figures, interval_text, span_text


@pytest.mark.parametrize(
    "text, words",
    [
        ("up to 30,000 troops", "at most 30,000"),
        ("fewer than 30,000 European troops", "fewer than 30,000"),
        ("more than 100,000 European troops", "more than 100,000"),
        ("at least 5 ships", "at least 5"),
        ("an estimated 600,000 Russian troops", "about 600,000"),
        ("could last 20 or 30 years", "20–30"),
        ("40,000 heavily armed European peacekeepers", "40,000"),
        ("5.5% of GDP", "5.5"),
    ],
)
def test_interval_text(text, words):
    (row,) = extract_figures(text).to_dict("records")
    assert interval_text(row) == words


@pytest.mark.parametrize(
    "texts, words",
    [
        (["up to 30,000 troops", "30,000 troops", "fewer than 30,000 troops"], "at most 30,000"),
        (["more than 100,000 troops", "200,000 troops"], "100,000–200,000"),
        (["at least 100 ships", "100 ships"], "at least 100"),
        (["40,000 troops"], "40,000"),
        (["up to 30,000 troops", "more than 30,000 troops"], "30,000"),
    ],
)
def test_span_text(texts, words):
    rows = [extract_figures(t).to_dict("records")[0] for t in texts]
    assert span_text(rows) == words


@pytest.mark.parametrize(
    "a, b, can_both_hold",
    [
        ("$13.6 million", "$13,625,777", True),  # 13.6 million rounds 13.55-13.65 million
        ("nearly $44 million", "$43,885,310", True),  # about: a whole unit either side
        ("$43 million", "$43,885,310", False),  # 43 million rounds 42.5-43.5 million
        ("30,000 troops", "31,000 troops", False),  # digits written out: no rounding
        ("10 m", "10.4 m", False),  # metres, not millions
    ],
)
def test_a_rounded_figure_stands_for_what_it_rounds(a, b, can_both_hold):
    from storylens.figures import compatible

    (ra,), (rb,) = extract_figures(a).to_dict("records"), extract_figures(b).to_dict("records")
    assert compatible(ra, rb) is can_both_hold
    assert compatible(rb, ra) is can_both_hold
