"""Tests for storylens.reports.tables: tables a journalist can read, sort and follow."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from storylens.reports import tables as tb

# Rows as the figures report shows them (sentences from the seeds).
FIGURES = pd.DataFrame({
    "doc_id": ["004_db59", "000_369a"],
    "sent_id": [12, 3],
    "text": ["fewer than 30,000 European troops", "an estimated 600,000 Russian troops"],
    "qualifier": ["upper", "approx"],
    "low": [np.nan, 600000.0],
    "high": [30000.0, 600000.0],
    "mean": [-0.41666, 0.2],
    "published": pd.to_datetime(["2025-02-21", "2025-02-19"]),
    "claimant": [None, "Volodymyr Zelensky"],
    "sentence": ["The British-French-backed plan envisions fewer than 30,000 European troops "
                 "stationed away from active combat zones.",
                 "With an estimated 600,000 Russian troops still in Ukraine, analysts say any "
                 "cease-fire agreement that leaves them in place would be a fragile one."],
})  # fmt: skip


def _cells(page: str) -> list[str]:
    return re.findall(r"<td[^>]*>(.*?)</td>", page, re.S)


def test_a_short_table_is_static_with_headers_in_words_and_numbers_formatted():
    page = tb.table_html(FIGURES, columns=["text", "qualifier", "low", "high", "mean", "published",
                                           "claimant"])  # fmt: skip
    assert "<script" not in page and "<th" in page
    headers = re.findall(r"<th [^>]*>(.*?)</th>", page)
    assert headers == ["text", "bound", "from", "to", "mean sentiment", "published", "claimed by"]
    first, second = _cells(page)[:7], _cells(page)[7:]
    assert first[2:6] == ["", "30,000", "-0.42", "21 Feb 2025"]  # no NaN, no 30000.0
    assert second[2:4] == ["600,000", "600,000"]
    assert first[6] == ""  # None is an empty cell
    # codes in words, the code kept in the tooltip
    assert first[1] == '<span title="upper">at most / fewer than</span>'
    assert 'class="sl-text"' in page and 'class="sl-number"' in page


def test_a_long_table_is_interactive_offline_and_every_table_links_its_csv():
    long = pd.concat([FIGURES] * 10, ignore_index=True)
    page = tb.table_html(long, columns=["text", "high", "sentence"],
                         csv="/tmp/out/.staging-12/data/03-figure-comparison/figures.csv")  # fmt: skip
    assert "new ITable(" in page and '"pageLength": 15' in page
    assert "column_filters" in page or "footer" in page
    assert not re.search(r"<script[^>]+src=", page)  # nothing fetched
    assert 'href="../data/03-figure-comparison/figures.csv"' in page
    assert "20 rows" in page


def test_evidence_sentences_link_to_their_place_in_the_article():
    page = tb.table_html(FIGURES, columns=["text", "sentence"])
    assert re.findall(r'href="([^"]+)"', page) == [
        "articles/004_db59.html#s12", "articles/000_369a.html#s3",
    ]  # fmt: skip
    pair = pd.DataFrame({"doc_id_a": ["004_db59"], "sentence_a": ["A plan."]})
    assert 'href="articles/004_db59.html"' in tb.table_html(pair)


def test_long_text_is_complete_on_demand():
    text = "Starmer said Europe must step up. " * 12
    page = tb.table_html(pd.DataFrame({"sentence": [text]}))
    folded = re.search(r"<details.*?</details>", page, re.S).group(0)
    assert "<summary>" in folded and text.strip() in folded  # the whole text, once opened


@pytest.mark.parametrize(
    "hostile",
    ["[x](javascript:alert(1)).txt", "<img src=x onerror=alert(1)>", '"><script>1</script>'],
)
def test_every_value_is_escaped(hostile):
    page = tb.table_html(pd.DataFrame({"source": [hostile], "sentence": [hostile]}))
    assert "<script>1" not in page and "<img src=x" not in page
    assert "javascript:" not in "".join(re.findall(r'href="([^"]*)"', page))


def test_timex_values_are_explained_next_to_the_code():
    rows = pd.DataFrame(
        {
            "value": ["P2Y", "2025-W09", "PAST_REF", "not-a-value"],
            "type": ["DURATION", "DATE", "DATE", "DATE"],
        }
    )
    cells = _cells(tb.table_html(rows, columns=["value"], timex=True))
    assert cells[:3] == [
        "P2Y · 2 years",
        "2025-W09 · week of 24 Feb 2025",
        "PAST_REF · some time before",
    ]
    assert cells[3] == "not-a-value"


@pytest.mark.parametrize(
    ("name", "label"),
    [("n_sentences", "sentences"), ("ci_low", "90% interval from"), ("end_of_scale", "end of the scale"),
     ("text_a", "text (first)"), ("source_b", "source (second)"), ("not_listed", "not listed")],
)  # fmt: skip
def test_column_labels(name, label):
    assert tb.column_label(name) == label


def test_every_column_the_notebooks_show_has_a_label_in_words():
    import nbformat

    from storylens.paths import notebooks_dir

    named = set()
    for path in notebooks_dir().glob("*.ipynb"):
        for cell in nbformat.read(path, as_version=4).cells:
            for call in re.findall(r"show_table\(.*?columns=\[([^\]]*)\]", cell.source, re.S):
                named |= set(re.findall(r'"(\w+)"', call))
    assert len(named) > 30
    labels = tb.column_settings()["labels"]
    unlabelled = [n for n in named if n not in labels and n.rpartition("_")[0] not in labels]
    assert sorted(unlabelled) == []


def test_sentences_are_linked_only_once_the_article_pages_exist(tmp_path):
    csv = tmp_path / "out" / "data" / "03-figure-comparison" / "figures.csv"
    assert "sl-read" not in tb.table_html(FIGURES, columns=["sentence"], csv=csv)
    (tmp_path / "out" / "reports" / "articles").mkdir(parents=True)
    assert "sl-read" in tb.table_html(FIGURES, columns=["sentence"], csv=csv)
    assert tb.article_pages_written(tmp_path / "outputs" / "data" / "sources.csv") is False


def test_the_datatables_bundle_is_inline_and_requests_nothing():
    import itables

    bundle = tb.datatables_bundle_html()
    assert bundle.count("</script>") == 1 and bundle.endswith("</script>")  # nothing ends it early
    assert "<!--" not in bundle and bundle.count("<script") == 1
    assert "injectModule" not in bundle and not re.search(r"<script[^>]+src=", bundle)
    assert not re.search(r"(?<![\w.])import\s*\(|^import ", bundle, re.M)  # no module loaded
    version = itables.__version__
    assert f"window._itables_{version.replace('.', '_')}=Promise.resolve({{" in bundle
    assert "ITable:" in bundle and f'new Event("itables-{version}-ready")' in bundle


def test_a_table_without_rows_says_why_and_still_links_its_csv():
    empty = pd.DataFrame({"actor": [], "stance": []})
    page = tb.table_html(empty, csv="outputs/data/stances.csv", empty="no actor takes a <stance>")
    assert (
        '<p class="sl-empty"><em>Nothing to show, because no actor takes a &lt;stance&gt;.</em></p>'
        in page
    )
    assert "<table" not in page and "stances.csv" in page
    default = tb.table_html(empty)
    assert "Nothing to show, because these articles give no rows for this table." in default
