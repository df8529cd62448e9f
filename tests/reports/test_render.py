"""Tests for storylens.reports.render: HTML pages that need nothing from the network."""

from __future__ import annotations

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
