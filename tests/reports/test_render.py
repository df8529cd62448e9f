"""Tests for storylens.reports.render: HTML pages that need nothing from the network."""

from __future__ import annotations

import html
import re

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from storylens.reports import render as rp

from .notebook_factory import EXTERNAL_RESOURCE


def _executed_with_figure() -> nbformat.NotebookNode:
    nb = new_notebook()
    code = new_code_cell("secret_code_marker = 1\nplt.plot([1, 2])", execution_count=1)
    png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
    code.outputs = [
        new_output("stream", name="stderr", text="UserWarning: noisy\n"),
        new_output("display_data", data={"image/png": png, "text/plain": "<Figure>"}),
    ]
    nb.cells = [
        new_markdown_cell("# Costs\n\nIt costs $5bn and $3bn, [source](https://example.org)."),
        code,
    ]
    return nb


@pytest.mark.parametrize("share", [False, True])
def test_rendered_html_needs_nothing_from_the_network(share):
    page = rp.render_html(_executed_with_figure(), title="Costs", share=share)
    assert EXTERNAL_RESOURCE.search(page) is None
    assert "<script src" not in page
    assert "<title>Costs</title>" in page
    assert page.count('src="data:image/png;base64,') == 1
    assert ('href="https://example.org"' in page) is True  # a link still works
    assert ("secret_code_marker" in page) is (not share)
    assert ("UserWarning: noisy" in page) is (not share)


def test_the_external_resource_check_would_catch_a_cdn_script():
    stock = '<script src="https://cdnjs.cloudflare.com/ajax/libs/require.js/2.1.10/require.min.js">'
    assert EXTERNAL_RESOURCE.search(stock)
    assert EXTERNAL_RESOURCE.search("<link rel=stylesheet href='//fonts.example/x.css'>")
    assert not EXTERNAL_RESOURCE.search('<a href="https://example.org">source</a>')


def _report(tmp_path):
    """An executed two-report folder: 00-overview and 01-timeline, run by papermill."""
    import nbformat as nbf

    folder = tmp_path / "notebooks"
    folder.mkdir()
    for stem, title in [("00-overview", "Corpus overview"), ("01-timeline", "Timeline")]:
        nbf.write(new_notebook(cells=[new_markdown_cell(f"# {title}\n\nWhen?")]),
                  folder / f"{stem}.ipynb")  # fmt: skip
    nb = new_notebook()
    params = new_code_cell(
        'data_dir = "/tmp/out/.staging-2624/data/01-timeline"', execution_count=1
    )
    params.metadata["tags"] = ["injected-parameters"]
    params.outputs = [new_output("stream", name="stdout", text="/tmp/out/.staging-2624/data\n")]
    findings = new_code_cell("show_findings(...)", execution_count=3)
    findings.metadata["tags"] = ["key-findings"]
    findings.outputs = [new_output("display_data", data={"text/html": "<p>KEY-BOX</p>"})]
    png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
    chart = new_code_cell("show_chart()", execution_count=2)
    chart.outputs = [new_output("display_data", data={"image/png": png},
                                metadata={"image/png": {"alt": 'Timeline: 4 "dated" statements', "width": 600}})]  # fmt: skip
    nb.cells = [
        new_markdown_cell("# Timeline\n\nWhen?"), params, new_markdown_cell("## How this was computed"),
        chart, findings,
    ]  # fmt: skip
    nb.metadata["papermill"] = {"input_path": str(folder / "01-timeline.ipynb")}
    return nb, folder


@pytest.mark.parametrize("share", [False, True])
def test_a_report_opens_with_its_bar_and_key_findings(tmp_path, share):
    nb, folder = _report(tmp_path)
    page = rp.render_html(nb, title="Timeline", share=share, source_dir=folder)
    nav = page[page.index("<nav") : page.index("</nav>")]
    suffix = ".share.html" if share else ".html"
    assert 'href="index.html"' in nav and f'href="00-overview{suffix}"' in nav
    assert 'aria-current="page">Timeline' in nav
    assert f'href="01-timeline{".html" if share else ".share.html"}"' in nav  # full ⇄ share
    # the findings box right under the title, before the method
    assert page.index("<h1") < page.index("KEY-BOX") < page.index("How this was computed")
    assert ".staging-" not in page  # the run's staging folder never shows
    text = re.sub(r"<[^>]+>", "", page).replace("&quot;", '"')  # code is highlighted in spans
    assert ('data_dir = "/tmp/out/data/01-timeline"' in text) is (not share)
    alts = [html.unescape(a) for _, a in re.findall(r"<img [^>]*alt=([\"'])(.*?)\1", page)]
    assert alts == ['Timeline: 4 "dated" statements']
    assert "No description has been provided" not in page


def test_the_report_styles_are_inlined():
    page = rp.render_html(_executed_with_figure(), title="Costs", share=True)
    assert ".sl-nav {" in page and "sl-findings" in page


def test_the_index_names_sources_in_date_order_and_marks_estimates():
    documents = [
        {"doc_id": "004_db59", "title": None, "outlet": "AP", "published": "2025-02-21",
         "date_source": "header", "n_sentences": 33, "n_tokens": 688},
        {"doc_id": "003_3b7b", "title": "European 'peacekeepers' in Ukraine?", "outlet": None,
         "published": "2024-12-13", "date_source": "inferred", "n_sentences": 32, "n_tokens": 1034},
    ]  # fmt: skip
    rows = rp.index_rows(documents)
    assert [(r["source"], r["estimated"]) for r in rows] == [
        ("European 'peacekeepers' in Ukraine?, 13 Dec 2024*", True), ("AP, 21 Feb 2025", False),
    ]  # fmt: skip
    assert rows[0]["n_tokens"] == 1034  # the manifest's fields kept


def test_the_index_legend_is_the_reports_own_line():
    documents = [
        {"doc_id": "003_3b7b", "title": None, "first_words": "European peacekeepers in Ukraine? The idea",
         "outlet": None, "published": "2024-12-13", "date_source": "url", "date_note": None,
         "n_sentences": 32, "n_tokens": 1034},
    ]  # fmt: skip
    assert (
        rp.index_rows(documents)[0]["source"]
        == "European peacekeepers in Ukraine? The …, 13 Dec 2024*"
    )
    assert rp.index_note(documents) == (
        "* date estimated: European peacekeepers in Ukraine? The … from a date in its URL. "
        "So is everything dated against such a date."
    )
    assert rp.index_note([]) == ""
