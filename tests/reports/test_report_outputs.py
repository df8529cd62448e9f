"""The whole `reports` command on the bundled seeds: what an analyst receives.

Uses the session's single run (``seed_reports`` in conftest.py). Checks that every
report exists and ran without an error, that every CSV has rows and equals what the
library returns for the same question, and that the landing page's links resolve.
"""

from __future__ import annotations

import hashlib
import html
import io
import json
import re
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from storylens.paths import notebooks_dir, seeds_dir
from storylens.reports import table_csv

from .hostile import HOSTILE_OUTLET

pytestmark = pytest.mark.slow

NOTEBOOKS = sorted(p.stem for p in notebooks_dir().glob("[0-9][0-9]-*.ipynb"))


def read_csv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def as_csv_strings(df: pd.DataFrame) -> pd.DataFrame:
    """A library table as it reads back from its CSV (everything as text)."""
    return pd.read_csv(io.StringIO(table_csv(df)), dtype=str, keep_default_na=False)


def same_columns(csv: pd.DataFrame, library: pd.DataFrame) -> None:
    expected = as_csv_strings(library)
    pd.testing.assert_frame_equal(csv[list(expected.columns)], expected)


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_every_report_exists_and_ran_cleanly(seed_reports, name):
    for path in [
        seed_reports / "notebooks" / f"{name}.ipynb",
        seed_reports / "reports" / f"{name}.html",
        seed_reports / "reports" / f"{name}.share.html",
    ]:
        assert path.is_file() and path.stat().st_size > 0, path
    nb = nbformat.read(seed_reports / "notebooks" / f"{name}.ipynb", as_version=4)
    errors = [
        o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"
    ]
    assert errors == []
    share = (seed_reports / "reports" / f"{name}.share.html").read_text(encoding="utf-8")
    assert "<script src=" not in share and not re.search(r"<link[^>]+href=\"https?://", share)


# Tables the seeds leave empty, and why (none today: "boosting defense spending to 5% of
# GDP" made reported_changes.csv the last to get rows).
EMPTY_ON_SEEDS: dict[str, str] = {}


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_every_csv_has_rows(seed_reports, name):
    files = sorted((seed_reports / "data" / name).glob("*.csv"))
    assert files, f"{name} wrote no CSV"
    for path in files:
        if path.name not in EMPTY_ON_SEEDS:
            assert len(read_csv(path)) > 0, path.name


def test_the_changes_table_is_the_librarys_and_reads_the_level_reached(seed_reports, seeds):
    from storylens.actors import registry_for
    from storylens.figures import figure_table
    from storylens.reports.changes import reported_changes

    figures = figure_table(seeds, registry=registry_for(seeds))
    expected = reported_changes(figures)
    csv = read_csv(seed_reports / "data" / "03-figure-comparison" / "reported_changes.csv")
    assert csv["text"].tolist() == expected["text"].tolist()
    assert csv["reported"].tolist() == expected["reported"].tolist()
    spending = csv[csv["sentence"].str.contains("defense spending to 5%")]
    assert spending["reported"].tolist() == ["increase to 5%"]  # a level reached, not "of 5%"


def test_index_links_resolve_and_manifest_hashes_the_seeds(seed_reports):
    index = (seed_reports / "reports" / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'href="([^"#]+)"', index)
    local = [link for link in links if not link.startswith(("http:", "https:", "mailto:"))]
    assert len(local) >= 2 * len(NOTEBOOKS)
    for link in local:
        assert (seed_reports / "reports" / link).resolve().exists(), link
    manifest = json.loads((seed_reports / "manifest.json").read_text(encoding="utf-8"))
    hashes = {Path(f["path"]).name: f["sha256"] for f in manifest["corpus"]["files"]}
    for path in seeds_dir().glob("*.txt"):
        assert hashes[path.name] == hashlib.sha256(path.read_bytes()).hexdigest()


# -------------------------------------------------------------- CSVs equal the library


def unescaped(markdown: str) -> str:
    """Markdown with its backslash escapes and HTML entities read (escape_markdown undone)."""
    return html.unescape(re.sub(r"\\(.)", r"\1", markdown))


def markdown_said(seed_reports: Path, name: str) -> str:
    """Every Markdown output of an executed notebook, joined: what its narrative said
    (its escaped values read back as the text a reader sees)."""
    nb = nbformat.read(seed_reports / "notebooks" / f"{name}.ipynb", as_version=4)
    return "\n".join(
        unescaped(o.data["text/markdown"])
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.outputs
        if o.output_type == "display_data" and "text/markdown" in o.get("data", {})
    )


def test_overview_tables_equal_the_library(seed_reports, seeds):
    from storylens.terms import distinctive_terms, keyword_in_context

    data = seed_reports / "data" / "00-corpus-overview"
    terms = read_csv(data / "distinctive_terms.csv")
    same_columns(terms, distinctive_terms(seeds, top=8, min_z=2.0))
    # only terms that pass the report's own threshold; 004 has none, and it says so
    assert (terms["z"].astype(float) > 2).all()
    without = sorted(set(seeds.documents["doc_id"]) - set(terms["doc_id"]))
    assert [d[:3] for d in without] == ["004"]
    said = markdown_said(seed_reports, "00-corpus-overview")
    assert (
        f"4 of 5 articles have a word with z > 2 (at most 8 shown each, {len(terms)} in all)"
        in said
    )
    from storylens.reports.labels import source_labels

    names = "; ".join(source_labels(seeds.documents)[d] for d in without)
    assert f"No word passes in 1: {names};" in said  # sources by name, not by id
    # the keyword in context defaults to the corpus' main term, not a word of the seed story
    from storylens.terms import main_terms

    assert main_terms(seeds, top=1) == ["force"]
    same_columns(read_csv(data / "kwic.csv"), keyword_in_context(seeds, "force"))
    assert "**'force'** is used" in said and "the corpus' main term" in said
    same_columns(
        read_csv(data / "removed_lines.csv"), seeds.removed.sort_values(["doc_id", "line_no"])
    )
    sources = read_csv(data / "sources.csv")
    assert sources["n_tokens"].astype(int).sum() == len(seeds.tokens)


@pytest.mark.skipif("01-timeline" not in NOTEBOOKS, reason="no timeline notebook")
def test_timeline_tables_equal_the_library(seed_reports, seeds):
    from storylens.reports import with_source
    from storylens.timeline import (
        build_timeline,
        dated_statements,
        statements_left_out,
        timeline_events,
    )

    data = seed_reports / "data" / "01-timeline"
    timeline = build_timeline(seeds)  # the notebook's defaults: captions out, leads in
    same_columns(read_csv(data / "timeline_statements.csv"), timeline)
    window = {"coarsest": "month", "include_captions": False}
    shown = with_source(dated_statements(timeline, **window), seeds.documents)
    shown = shown.sort_values(["date_start", "source", "doc_id", "sent_id"])
    same_columns(read_csv(data / "timeline_chart.csv"),
                 shown[["source", "doc_id", "sent_id", "timex", "value", "date_start", "date_end",
                        "dated_by", "sentence"]])  # fmt: skip
    left_out = statements_left_out(timeline, **window)
    same_columns(read_csv(data / "timeline_left_out.csv"),
                 left_out[["doc_id", "sent_id", "timex", "value", "reason", "sentence"]])  # fmt: skip
    events = timeline_events(timeline, coarsest="month")
    same_columns(read_csv(data / "timeline_events.csv"), events)


@pytest.mark.skipif("01-timeline" not in NOTEBOOKS, reason="no timeline notebook")
def test_timeline_narrative_describes_the_rows_shown(seed_reports):
    """The summary's span is that of the charted rows; what the filters drop is said."""
    said = markdown_said(seed_reports, "01-timeline")
    chart = read_csv(seed_reports / "data" / "01-timeline" / "timeline_chart.csv")
    first = pd.Timestamp(chart["date_start"].min())
    assert f"The chart shows {len(chart)} dated statements from 4 articles (4 of them leads), " \
        f"from {first:%d %B %Y} to " in said  # fmt: skip
    assert first == pd.Timestamp("2024-11-01")  # not the 2014 of "pre-2014"
    assert "3 year-level expressions not shown: “…that pursuing Ukraine’s pre-2014” (2014)" in said
    assert "5 dated statements in photo captions not shown" in said


@pytest.mark.skipif("02-actor-sentiment" not in NOTEBOOKS, reason="no actor notebook")
def test_actor_tables_equal_the_library(seed_reports, seeds):
    from storylens.actors import actor_mentions, actor_stances, stance_evidence

    data = seed_reports / "data" / "02-actor-sentiment"
    stances = read_csv(data / "stances.csv")
    same_columns(stances, actor_stances(seeds, level="government"))
    evidence = read_csv(data / "stance_evidence.csv")
    same_columns(evidence, stance_evidence(seeds, level="government"))
    # every cell counts distinct evidence sentences, as the evidence table shows them
    per_cell = (
        evidence.drop_duplicates(["doc_id", "actor_id", "sent_id"])
        .groupby(["doc_id", "actor_id"])
        .size()
    )
    taking = stances[stances["stance"] != "none"].set_index(["doc_id", "actor_id"])
    assert taking["n_sentences"].astype(int).sort_index().to_dict() == per_cell.to_dict()
    mentions = actor_mentions(seeds, roles=("title", "body"))
    scored = read_csv(data / "mention_sentiment.csv")
    same_columns(
        scored, mentions[["doc_id", "sent_id", "start", "end", "text", "actor", "how", "sentence"]]
    )


@pytest.mark.skipif("02-actor-sentiment" not in NOTEBOOKS, reason="no actor notebook")
def test_portrayal_tables_equal_the_library(seed_reports, seeds):
    from storylens.reports import with_source
    from storylens.sentiment import portrayal, portrayal_headline, scored_mentions

    data = seed_reports / "data" / "02-actor-sentiment"
    mentions = with_source(scored_mentions(seeds, roles=("title", "body")), seeds.documents)
    attention = read_csv(data / "attention.csv")
    assert attention["mentions"].astype(int).sum() == len(mentions)
    cells = portrayal(mentions, by=["actor", "source"], min_mentions=5)
    same_columns(read_csv(data / "portrayal.csv"), cells)
    overall = portrayal(mentions, by=["actor"], min_mentions=5)
    csv = read_csv(data / "portrayal_overall.csv")
    same_columns(csv, overall)
    # no interval below the notebook's minimum (5), one at or above it
    thin = csv["n"].astype(int) < 5
    assert (csv.loc[thin, ["ci_low", "ci_high"]] == "").all().all()
    assert (csv.loc[~thin, ["ci_low", "ci_high"]] != "").all().all()
    # the headline names only actors with 5+ mentions: not Pete Hegseth (3)
    said = markdown_said(seed_reports, "02-actor-sentiment")
    headline = portrayal_headline(overall, min_mentions=5)
    assert f"**Across all sources.** {headline.sentence()}" in said
    assert "Pete Hegseth" not in said
    rated = overall[overall["n"] >= 5].set_index("actor")["mean"]  # the model decides who
    assert headline.most_positive.name == rated.idxmax() and headline.most_positive.n >= 5
    # the blocs are portrayed: Europe and the West from the general registry
    assert {"Europe", "the West"} <= set(csv["actor"])


@pytest.mark.skipif("03-figure-comparison" not in NOTEBOOKS, reason="no figures notebook")
def test_figure_tables_equal_the_library(seed_reports, seeds):
    from storylens.figures import figure_table

    data = seed_reports / "data" / "03-figure-comparison"
    same_columns(read_csv(data / "figures.csv"), figure_table(seeds))


@pytest.mark.skipif("03-figure-comparison" not in NOTEBOOKS, reason="no figures notebook")
def test_figure_relations_equal_the_library(seed_reports, seeds):
    from storylens.figures import compare, figure_changes, figure_gaps, figure_table

    data = seed_reports / "data" / "03-figure-comparison"
    from storylens.reports import default_kinds

    # the headline kind is the seeds' most frequent kind of figure, found, not typed in
    assert default_kinds(figure_table(seeds)) == ["troops"]
    relations = compare(figure_table(seeds, kinds=["troops"]))
    for name, relation in [
        ("same_time_pairs", ["disagreement", "consistent"]),
        ("changes", ["change"]),
        ("gaps", ["gap"]),
    ]:
        same_columns(read_csv(data / f"{name}.csv"), relations[relations.relation.isin(relation)])
    same_columns(read_csv(data / "change_summary.csv"), figure_changes(relations))
    same_columns(read_csv(data / "gap_summary.csv"), figure_gaps(relations))
    # what the report says, from its own tables: no disagreement, the plan's gap
    assert set(read_csv(data / "same_time_pairs.csv").relation) == {"consistent"}
    assert read_csv(data / "gap_summary.csv").summary.tolist() == [
        "the plan: at most 30,000; Volodymyr Zelensky: 100,000–200,000"
    ]
    said = markdown_said(seed_reports, "03-figure-comparison")
    assert "No source disagrees with another: the 3 pairs" in said
    assert "40,000 (Dec 2024) → at most 30,000 (Feb 2025)" in said


# -------------------------------------------------------------- what a reader sees


def _visible(page: str) -> str:
    """A page without its embedded images, scripts' link targets and hrefs."""
    page = re.sub(r'src="data:[^"]*"', "", page)
    return re.sub(r"articles/[^\"'\\\s#]+\.html", "", page)  # links to the article pages


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_share_reports_open_with_navigation_and_key_findings(seed_reports, seeds, name):
    reports = seed_reports / "reports"
    share = (reports / f"{name}.share.html").read_text(encoding="utf-8")
    full = (reports / f"{name}.html").read_text(encoding="utf-8")
    nav = re.search(r'<nav [^>]*class="sl-nav".*?</nav>', share, re.S).group(0)
    assert 'href="index.html"' in nav and f'href="{name}.html"' in nav
    others = [n for n in NOTEBOOKS if n != name]
    assert all(f'href="{n}.share.html"' in nav for n in others)
    assert f'href="{name}.share.html"' in full  # the full version links to the share one
    # the key findings come first: before the method note
    assert 0 < share.index("Key findings") < share.index("How this was computed")
    assert ".staging-" not in full and ".staging-" not in share
    # every image says what it shows; none has nbconvert's placeholder
    alts = re.findall(r'<img [^>]*alt="([^"]*)"', share)
    assert alts and len(alts) == share.count("<img ")
    assert all(len(a) > 40 and "No description" not in a for a in alts)
    # ids only in the data files (and in links to the articles): never shown
    visible = _visible(share)
    assert not [d for d in seeds.documents["doc_id"] if d in visible]
    assert not re.search(r"<td[^>]*>(?:NaN|None|nan|NaT)</td>", share)
    assert "<script src=" not in share  # itables' bundle is embedded, not fetched


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_every_table_links_to_a_csv_that_exists(seed_reports, name):
    share = (seed_reports / "reports" / f"{name}.share.html").read_text(encoding="utf-8")
    links = re.findall(r'href="(\.\./data/[^"]+\.csv)"', share)
    assert len(links) >= 3
    for link in links:
        assert (seed_reports / "reports" / link).resolve().is_file(), link


@pytest.mark.parametrize("name", ["01-timeline", "02-actor-sentiment", "03-figure-comparison"])
def test_evidence_sentences_link_to_their_sentence_in_the_article_reader(seed_reports, name):
    """The reader pages are written before the notebooks run, so the evidence tables link
    into them; every link leads to a page that has the sentence's anchor."""
    share = (seed_reports / "reports" / f"{name}.share.html").read_text(encoding="utf-8")
    links = set(re.findall(r'href="(articles/[^"#]+\.html)#(s\d+)"', share))
    assert len(links) >= 5
    for page, anchor in links:
        target = (seed_reports / "reports" / page).read_text(encoding="utf-8")
        assert f'id="{anchor}"' in target, (page, anchor)


def test_sources_are_labelled_in_date_order_with_estimates_marked(seed_reports, seeds):
    from storylens.reports.labels import source_order

    share = (seed_reports / "reports" / "00-corpus-overview.share.html").read_text("utf-8")
    order = source_order(seeds.documents)
    assert order[0] == "Responsible Statecraft, 13 Dec 2024*"
    # the sources table lists them by date; the legend line explains the mark
    table = share[share.index("The sources") :]
    at = [table.index(html.escape(label, quote=False)) for label in order]
    assert at == sorted(at)
    assert "* date estimated: " in share


JAVASCRIPT_URL = re.compile(r"""(?:href|src|action)\s*=\s*\\?["']?\s*javascript:""", re.I)


@pytest.mark.slow
@pytest.mark.parametrize("name", NOTEBOOKS)
def test_no_report_carries_a_javascript_url(hostile_project_reports, name):
    """Reports on the seeds with one file named like a Markdown link and one outlet named
    like one, and an article whose every field is hostile (``tests/conftest.py``)."""
    share = (hostile_project_reports / "reports" / f"{name}.share.html").read_text("utf-8")
    full = (hostile_project_reports / "reports" / f"{name}.html").read_text(encoding="utf-8")
    assert "javascript:alert(2)" in share  # the outlet is shown, as text
    assert JAVASCRIPT_URL.search(share) is None and JAVASCRIPT_URL.search(full) is None


def test_the_javascript_url_check_would_catch_a_live_link():
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    assert JAVASCRIPT_URL.search(markdown2html_mistune(f"Outlet: {HOSTILE_OUTLET}"))
    assert JAVASCRIPT_URL.search('<a href=\\"javascript:alert(1)\\">')
    assert not JAVASCRIPT_URL.search("<td>[y](javascript:alert(2))</td>")
