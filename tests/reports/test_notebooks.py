"""Tests for storylens.reports.notebooks: finding and reading report notebooks."""

from __future__ import annotations

import re

import pytest
from nbformat.v4 import new_code_cell

from storylens.reports import notebooks as rp
from storylens.reports.errors import ReportsError

from .notebook_factory import make_good_notebooks, params_cell, write_notebook


@pytest.fixture
def good(tmp_path):
    return make_good_notebooks(tmp_path / "notebooks")


def test_inspect_reads_title_question_and_declared_parameters(good):
    nb = rp.inspect(good / "00-lengths.ipynb")
    assert (nb.name, nb.title, nb.question) == (
        "00-lengths",
        "Article lengths",
        "How long is each article?",
    )
    assert list(nb.declared) == ["corpus", "data_dir", "term", "label"]
    assert nb.declared["term"]["help"] == "a word"


def test_find_notebooks_takes_only_nn_slug_names(good):
    assert [p.name for p in rp.find_notebooks(good)] == ["00-lengths.ipynb", "01-outlets.ipynb"]


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        ([new_code_cell("x = 1")], "exactly one cell tagged 'parameters' (no cell tagged)"),
        (
            [params_cell(), params_cell()],
            "exactly one cell tagged 'parameters' (cells 0, 1 tagged)",
        ),
        ([params_cell(source='corpus: str = ""')], "does not declare data_dir"),
    ],
)
def test_inspect_refuses_notebooks_that_break_the_contract(tmp_path, cells, message):
    path = write_notebook(tmp_path / "00-bad.ipynb", cells)
    with pytest.raises(ReportsError, match=re.escape(message)):
        rp.inspect(path)


@pytest.mark.parametrize(
    ("wanted", "expected"),
    [("00-lengths", "00-lengths"), ("lengths", "00-lengths"), ("01", "01-outlets"),
     ("01-outlets.ipynb", "01-outlets")],
)  # fmt: skip
def test_match_notebook(wanted, expected):
    assert rp.match_notebook(wanted, ["00-lengths", "01-outlets"]) == expected


def test_match_notebook_names_the_choices():
    with pytest.raises(ReportsError, match="'timeline' matches no notebook; notebooks are: 00"):
        rp.match_notebook("timeline", ["00-lengths", "01-outlets"])
