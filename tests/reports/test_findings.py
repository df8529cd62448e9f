"""Tests for storylens.reports.findings: the key findings each report opens with."""

from __future__ import annotations

import pandas as pd

from storylens.reports import findings as kf

DOCS = pd.DataFrame({
    "doc_id": ["003_3b7b", "004_db59"],
    "outlet": ["Responsible Statecraft", None],
    "title": [None, "As Washington and Moscow edge toward negotiations"],
    "published": pd.to_datetime(["2024-12-13", "2025-02-21"]),
    "date_source": ["inferred", "header"],
    "n_sentences": [32, 33],
})  # fmt: skip


def test_the_box_escapes_its_sentences_and_shows_each_flag():
    box = kf.findings_html([kf.Finding("[y](javascript:alert(2)) <b>", (kf.ESTIMATED, kf.CAPTION))])
    assert "&lt;b&gt;" in box and "<b>" not in box and "href" not in box
    assert box.count('class="sl-flag"') == 2 and "photo caption" in box


def test_corpus_findings_count_and_flag_estimated_dates():
    removed = pd.DataFrame({"reason": ["navigation", "navigation", "image credit"]})
    found = kf.corpus_findings(DOCS, removed)
    assert found[0] == kf.Finding(
        "2 articles, published from 13 Dec 2024 to 21 Feb 2025; 1 of the dates are estimated "
        "and 0 unknown.",
        (kf.ESTIMATED,),
    )
    assert (
        found[1].text
        == "The longest article is As Washington and Moscow edge …, 21 Feb 2025 (33 sentences)."
    )
    assert found[1].flags == ()
    assert found[2].text.endswith("most of them as navigation (2).")


def test_timeline_findings_flag_statements_dated_against_an_estimate_and_captions():
    shown = pd.DataFrame({
        "doc_id": ["003_3b7b", "004_db59"], "source": ["Responsible Statecraft, 13 Dec 2024*", "AP, 21 Feb 2025"],
        "timex": ["December 7", "Feb. 19"], "role": ["body", "caption"], "estimated": [True, False],
        "date_start": pd.to_datetime(["2024-12-07", "2025-02-19"]),
        "date_end": pd.to_datetime(["2024-12-07", "2025-02-19"]),
    })  # fmt: skip
    events = pd.DataFrame({"n_sources": [2], "value": ["2025-W09"], "captions": [0],
                           "sources": ["A, 19 Feb 2025*; B, 21 Feb 2025"]})  # fmt: skip
    found = kf.timeline_findings(shown, events)
    assert found[0].text.endswith("1 of them dated against an estimated publication date.")
    assert found[1] == kf.Finding(
        'The earliest: 7 Dec 2024, "December 7" in Responsible Statecraft, 13 Dec 2024*.',
        (kf.ESTIMATED,),
    )
    assert found[2].flags == (kf.CAPTION,)
    assert found[3].text == "Told by 2 sources: 2025-W09 (A, 19 Feb 2025*; B, 21 Feb 2025)."


def test_actor_findings_headline_only_well_counted_actors_and_flag_thin_stances():
    mentions = pd.DataFrame({"actor": ["Russia"] * 6 + ["Pete Hegseth"] * 3,
                             "doc_id": ["a"] * 4 + ["b"] * 5})  # fmt: skip
    overall = pd.DataFrame({"actor": ["Russia", "Pete Hegseth"], "n": [6, 3], "mean": [-0.3, 0.24],
                            "ci_low": [-0.5, None], "ci_high": [-0.1, None]})  # fmt: skip
    stances = pd.DataFrame({"actor": ["Russia", "France"], "stance": ["oppose", "support"],
                            "n_sentences": [3, 1]})  # fmt: skip
    found = kf.actor_findings(mentions, overall, stances, min_mentions=5)
    texts = [f.text for f in found]
    assert texts[0] == "Russia is mentioned most: 6 times in 2 articles."
    assert not any("Pete Hegseth" in t for t in texts)  # 3 mentions: never headlined
    assert kf.Finding("Oppose: Russia (3 evidence sentences).") in found
    assert kf.Finding("Support: France (1 evidence sentence).", (kf.FEW_MENTIONS,)) in found


def test_figure_findings_give_the_range_the_disagreements_and_the_gap():
    chart = pd.DataFrame(
        {"low": [None, 100000.0], "high": [30000.0, None], "role": ["body", "caption"]}
    )
    pairs = pd.DataFrame({"relation": ["consistent", "consistent", "disagreement"]})
    gaps = pd.DataFrame({"topic": ["the proposed force"], "factor": [3.33],
                         "summary": ["the plan: at most 30,000; Volodymyr Zelensky: 100,000–200,000"]})  # fmt: skip
    found = kf.figure_findings(chart, pairs, gaps, kinds=["troops"])
    assert found[0] == kf.Finding("2 figures of troops, from 30,000 to 100,000.", (kf.CAPTION,))
    assert found[1].text.startswith("1 of 3 pairs of figures")
    assert found[2].text.endswith("(3.3 times).")
