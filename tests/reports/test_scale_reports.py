"""The reports above their size, on a generated corpus: charts by outlet and period, tables
by their first rows with the total stated, share pages of bounded size (issue #13).

One run of ``python -m storylens reports`` on 80 generated articles with the size lowered
to 20 (``list_articles_up_to`` in a ``--config`` file), so that it stays cheap. Every
aggregate is checked against an independent count from the full CSV beside it.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pandas as pd
import pytest

from storylens.reports import scale

pytestmark = pytest.mark.slow

ARTICLES, LIMIT = 80, 20  # those of the shared run (scale_reports in conftest.py)
SIZES = scale.ReportScale(ARTICLES, LIMIT)  # the top-N sizes the notebooks use by default
SHARE_BYTES = 3 * 2**20  # a share page: the DataTables bundle (~1 MB), its charts and tables
FOLDED = {scale.OTHER_OUTLETS, scale.UNKNOWN_OUTLET}

# The chart tables written above the size: (notebook, file, the columns the chart draws
# its bars, stacks or cells by, bound on the distinct values per column).
CHARTS = [
    ("00-corpus-overview", "removed_by_outlet", ["outlet", "reason"], {}),
    ("00-corpus-overview", "sentences_by_outlet", ["outlet", "role"], {}),
    ("00-corpus-overview", "articles_by_period_outlet", ["period", "outlet"], {}),
    (
        "00-corpus-overview",
        "distinctive_terms_by_outlet",
        ["term", "outlet"],
        {"term": SIZES.terms},
    ),
    ("01-timeline", "timeline_by_period", ["period", "outlet"], {}),
    ("01-timeline", "timeline_top_events", ["event", "dated_by"], {"event": SIZES.events}),
    ("02-actor-sentiment", "attention_by_outlet", ["actor", "outlet"], {"actor": SIZES.actors}),
    ("02-actor-sentiment", "mentions_by_period", ["period", "outlet"], {}),
    ("02-actor-sentiment", "portrayal_grid", ["actor", "outlet"], {"actor": SIZES.actors}),
    ("02-actor-sentiment", "stances_by_actor", ["actor", "stance"], {"actor": SIZES.actors}),
    ("03-figure-comparison", "headline_by_outlet", ["outlet", "group"], {}),
    ("03-figure-comparison", "headline_top_claims", ["label", "group"], {"label": SIZES.claims}),
]
EMPTY_HERE = {"removed_by_outlet"}  # generated text: no web furniture to remove


@pytest.fixture(scope="module")
def big_reports(scale_reports) -> Path:
    assert (scale_reports.articles, scale_reports.limit) == (ARTICLES, LIMIT)
    return scale_reports.out


def table(out: Path, notebook: str, name: str) -> pd.DataFrame:
    return pd.read_csv(out / "data" / notebook / f"{name}.csv")


def outlets_named(out: Path) -> set[str]:
    return set(table(out, "00-corpus-overview", "sources")["outlet"].dropna())


@pytest.mark.parametrize(
    ("notebook", "name", "drawn", "bounds"), CHARTS, ids=[c[1] for c in CHARTS]
)
def test_charts_draw_a_bounded_number_of_outlets_not_articles(
    big_reports, notebook, name, drawn, bounds
):
    chart = table(big_reports, notebook, name)
    assert name in EMPTY_HERE or len(chart) > 0
    for column, most in bounds.items():
        assert chart[column].nunique() <= most, column
    if "outlet" in drawn:
        assert set(chart["outlet"]) <= outlets_named(big_reports) | FOLDED
        assert chart["outlet"].nunique() <= SIZES.outlets + 1  # the largest, then the rest
    labels = set(table(big_reports, "01-timeline", "document_dates")["source"])
    shown = {str(v) for v in chart[drawn].to_numpy().ravel()}
    assert not [s for s in shown for label in labels if label in s]  # no article's label


def test_counts_over_time_add_up_to_the_full_tables(big_reports):
    out = big_reports
    sources = table(out, "00-corpus-overview", "sources")
    per_period = table(out, "00-corpus-overview", "articles_by_period_outlet")
    assert per_period["articles"].sum() == sources["published"].notna().sum()
    assert (table(out, "00-corpus-overview", "sentences_by_outlet")["sentences"].sum()
            == table(out, "00-corpus-overview", "sentences_by_role")["sentences"].sum())  # fmt: skip
    statements = table(out, "01-timeline", "timeline_chart")
    assert table(out, "01-timeline", "timeline_by_period")["statements"].sum() == len(statements)
    mentions = table(out, "02-actor-sentiment", "mention_sentiment")
    assert table(out, "02-actor-sentiment", "mentions_by_period")["mentions"].sum() == len(mentions)
    figures = table(out, "03-figure-comparison", "headline_intervals")
    assert table(out, "03-figure-comparison", "headline_by_outlet")["figures"].sum() == len(figures)


def test_actor_aggregates_equal_a_recount_of_the_mentions(big_reports):
    out = big_reports
    mentions = table(out, "02-actor-sentiment", "mention_sentiment")
    per_actor = mentions["actor"].value_counts()
    attention = table(out, "02-actor-sentiment", "attention_by_outlet")
    by_actor = attention.groupby("actor")["mentions"].sum()
    assert by_actor.to_dict() == per_actor[by_actor.index].to_dict()
    assert set(by_actor.index) == set(per_actor.index[: SIZES.actors])  # the most mentioned
    grid = table(out, "02-actor-sentiment", "portrayal_grid")
    scored = mentions.dropna(subset=["sentiment"])["actor"].value_counts()
    assert grid.groupby("actor")["n"].sum().to_dict() == scored[grid["actor"].unique()].to_dict()
    stances = table(out, "02-actor-sentiment", "stances")
    taking = stances[stances["stance"] != "none"]
    recount = taking.groupby(["actor", "stance"])["doc_id"].nunique()
    chart = table(out, "02-actor-sentiment", "stances_by_actor").set_index(["actor", "stance"])
    assert chart["articles"].to_dict() == recount[chart.index].to_dict()


def test_ranked_events_and_claims_are_the_top_of_the_full_tables(big_reports):
    out = big_reports
    events = table(out, "01-timeline", "timeline_events")
    ranked = events.sort_values(["n_sources", "n_statements", "date_start"],
                                ascending=[False, False, True], kind="stable")  # fmt: skip
    top = table(out, "01-timeline", "timeline_top_events")
    assert top["event_id"].tolist() == ranked["event_id"].head(SIZES.events).tolist()
    assert top["rank"].tolist() == list(range(1, len(top) + 1))
    figures = table(out, "03-figure-comparison", "headline_intervals")
    keys = ["topic", "claim", "qualifier", "low", "high", "value"]
    per_claim = figures.groupby(keys, dropna=False)["doc_id"].nunique()
    claims = table(out, "03-figure-comparison", "headline_top_claims")
    for rec in claims.to_dict("records"):
        same = (figures[keys].fillna(-1) == pd.Series(rec)[keys].fillna(-1)).all(axis=1)
        assert rec["n_articles"] == figures.loc[same, "doc_id"].nunique(), rec["text"]
    assert claims["n_articles"].min() >= per_claim.sort_values().iloc[-len(claims)]


NOTE = re.compile(
    r'sl-table-note">(?:The first ([\d,]+) of|All) ([\d,]+) [^;<]*; (?:all of them are|also) in '
    r'<a href="\.\./data/([^"]+\.csv)"'
)
SUBSETS = {"stances.csv": lambda df: df[df["stance"] != "none"]}  # shown: actors taking one


@pytest.mark.parametrize("name", list(dict.fromkeys(c[0] for c in CHARTS)))
def test_evidence_tables_state_their_total_and_link_every_row(big_reports, name):
    page = (big_reports / "reports" / f"{name}.share.html").read_text(encoding="utf-8")
    notes = NOTE.findall(page)
    assert len(notes) >= 3
    for first, total, csv in notes:
        full = pd.read_csv(big_reports / "data" / csv)
        full = SUBSETS.get(Path(csv).name, lambda df: df)(full)
        assert int(total.replace(",", "")) == len(full), csv
        if first:
            assert int(first) == SIZES.rows < len(full)
    assert f"more than the {LIMIT} a report lists" in html.unescape(page)


@pytest.mark.parametrize("name", list(dict.fromkeys(c[0] for c in CHARTS)))
def test_share_pages_stay_small_and_charts_name_outlets(big_reports, name):
    path = big_reports / "reports" / f"{name}.share.html"
    assert path.stat().st_size < SHARE_BYTES
    page = html.unescape(path.read_text(encoding="utf-8"))
    alts = re.findall(r'alt="([^"]*)"', page)
    assert alts
    labels = set(table(big_reports, "01-timeline", "document_dates")["source"])
    assert not [a for a in alts for label in labels if label in a]


def test_figure_pairs_are_counted_and_the_report_states_their_sums(big_reports):
    """Above the size the figure report counts pairs (compare_at_scale): one row per
    thing, month and relation, and one change row per row of the summary; the finding
    states the sums of ``pairs``."""
    same_time = table(big_reports, "03-figure-comparison", "same_time_pairs")
    changes = table(big_reports, "03-figure-comparison", "change_summary")
    pairs = table(big_reports, "03-figure-comparison", "changes")
    assert len(same_time) and len(changes)
    key = ["relation", "kind", "topic", "measure", "claim", "claimant", "month"]
    assert not same_time.duplicated(key).any()
    assert pairs["pairs"].tolist() == changes["n_pairs"].tolist()
    total, disagree = same_time["pairs"].sum(), same_time.query("relation == 'disagreement'")
    page = html.unescape(
        (big_reports / "reports" / "03-figure-comparison.share.html").read_text(encoding="utf-8")
    )
    assert f"{disagree['pairs'].sum():,} of {total:,} pairs of figures" in page
