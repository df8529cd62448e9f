"""Tests for storylens.reports.api: the CSV helpers and the choices notebooks share."""

from __future__ import annotations

import importlib
import inspect
import re
from pathlib import Path

import pandas as pd
import pytest

from storylens.paths import outputs_dir
from storylens.reports import api as rp

# ----------------------------------------------------------------------------- CSV helpers
# Real seed text: a title with typographic quotes and an ampersand, one with a single
# quote and a question mark, a sentence with commas and a figure.
TITLE_002 = "France & UK Push for “Boots on Ground” Peacekeeping Force in Post-War Ukraine"
TITLE_003 = "European 'peacekeepers' in Ukraine? A horrible idea."
SENTENCE_000 = (
    "A Western force of 30,000 troops is a significant presence and would undoubtedly "
    "strengthen Ukraine’s defense capabilities."
)


@pytest.mark.parametrize(
    ("frame", "expected"),
    [
        (  # text with a comma is quoted; typographic quotes pass through as UTF-8
            pd.DataFrame({"doc_id": ["000", "002"], "text": [SENTENCE_000, TITLE_002]}),
            f'doc_id,text\n000,"{SENTENCE_000}"\n002,{TITLE_002}\n',
        ),
        (  # floats: 10 significant digits, whatever the arithmetic noise
            pd.DataFrame({"share": [0.1 + 0.2, 2 / 3, 30000.0], "n": [1, 2, 3]}),
            "share,n\n0.3,1\n0.6666666667,2\n30000,3\n",
        ),
        (  # missing values are empty fields; row order is kept as given (not sorted)
            pd.DataFrame({"title": [TITLE_003, None], "outlet": [None, "Responsible Statecraft"]}),
            f"title,outlet\n{TITLE_003},\n,Responsible Statecraft\n",
        ),
        (  # a named index (after groupby) becomes a column; the unnamed one is dropped
            pd.DataFrame({"outlet": ["a", "b", "a"], "n": [1, 2, 3]}).groupby("outlet").sum(),
            "outlet,n\na,4\nb,2\n",
        ),
        (  # dates without a time of day are written as dates
            pd.DataFrame({"published": pd.to_datetime(["2025-02-19", "2024-12-13"])}),
            "published\n2025-02-19\n2024-12-13\n",
        ),
        (  # a line break inside a field is quoted, and stays \n
            pd.DataFrame({"text": ["first line\nsecond line"]}),
            'text\n"first line\nsecond line"\n',
        ),
    ],
)
def test_table_csv(frame, expected):
    assert rp.table_csv(frame) == expected


def test_save_table_writes_utf8_bytes_and_returns_the_frame(tmp_path):
    frame = pd.DataFrame({"title": [TITLE_002], "share": [1 / 3]})
    returned = rp.save_table(frame, "titles", data_dir=tmp_path)
    assert returned is frame
    written = (tmp_path / "titles.csv").read_bytes()
    assert written == f"title,share\n{TITLE_002},0.3333333333\n".encode()
    assert b"\r" not in written
    rp.save_table(frame.copy(), "titles", data_dir=str(tmp_path))
    assert (tmp_path / "titles.csv").read_bytes() == written
    assert sorted(p.name for p in tmp_path.iterdir()) == ["titles.csv"]  # no temp files left


def test_data_path_default_is_outputs_data():
    assert rp.data_path("kwic_troops") == outputs_dir() / "data" / "kwic_troops.csv"
    assert rp.data_path("x", data_dir="/tmp/d") == Path("/tmp/d/x.csv")


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("sources.csv", "without .csv"),
        ("../sources", "letters, digits"),
        ("", "letters, digits"),
        ("_private", "starting with"),
        ("a b", "letters, digits"),
    ],
)
def test_bad_table_names_are_refused(name, message, tmp_path):
    with pytest.raises(ValueError, match=re.escape(message)):
        rp.save_table(pd.DataFrame({"a": [1]}), name, data_dir=tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_multiindex_columns_are_refused():
    frame = pd.DataFrame([[1, 2]], columns=pd.MultiIndex.from_tuples([("a", "x"), ("a", "y")]))
    with pytest.raises(ValueError, match="flatten the columns"):
        rp.table_csv(frame)


# ----------------------------------------------------------------------------- imports

JUPYTER_PACKAGES = {"jupyter_client", "nbconvert", "nbclient", "papermill"}


def test_the_notebook_api_imports_no_jupyter_package(modules_after):
    assert modules_after["notebook api"] & JUPYTER_PACKAGES == set()


def test_the_check_would_see_the_runner_load_jupyter(modules_after):
    assert "jupyter_client" in modules_after["runner"]


def test_every_public_name_of_the_package_resolves():
    import storylens.reports as package

    assert [name for name in package.__all__ if not hasattr(package, name)] == []
    assert package.save_table is rp.save_table
    with pytest.raises(AttributeError, match="no attribute 'nonexistent'"):
        package.nonexistent  # noqa: B018


MODULES = ["api", "errors", "notebooks", "config", "manifest", "render", "worker", "staging",
           "runner", "cli", "memory_plan"]  # fmt: skip


@pytest.mark.parametrize("name", MODULES)
def test_the_package_re_exports_each_modules_public_names(name):
    import storylens.reports as package

    module = importlib.import_module(f"storylens.reports.{name}")
    assert set(module.__all__) <= set(package.__all__)
    if name in package.LAZY:
        assert list(package.LAZY[name]) == list(module.__all__)
    for public in module.__all__:
        assert getattr(package, public) is getattr(module, public), public


@pytest.mark.parametrize("name", MODULES)
def test_each_module_lists_every_function_and_class_it_defines(name):
    module = importlib.import_module(f"storylens.reports.{name}")
    defined = {
        n
        for n, value in vars(module).items()
        if not n.startswith("_")
        and (inspect.isfunction(value) or inspect.isclass(value))
        and value.__module__ == module.__name__
    }
    assert defined <= set(module.__all__)


# ----------------------------------------------------------------------------- notebook choices


@pytest.mark.parametrize(
    ("include_captions", "expected"),
    [(False, ("title", "body")), (True, ("title", "body", "caption"))],
)
def test_sentence_roles(include_captions, expected):
    assert rp.sentence_roles(include_captions=include_captions) == expected


def test_with_source_labels_each_row_like_source_labels(seeds):
    from storylens.reports.labels import source_labels

    docs = seeds.documents
    table = pd.DataFrame({"doc_id": list(reversed(docs["doc_id"])), "n": range(len(docs))})
    labelled = rp.with_source(table, docs)
    assert list(labelled.columns) == ["doc_id", "n", "source"]
    assert "source" not in table  # a copy: the table given is unchanged
    labels = source_labels(docs)
    assert labelled["source"].tolist() == [labels[d] for d in table["doc_id"]]
    # by hand: 000 has no outlet (its title's first words stand in) and an inferred date;
    # 003 names its outlet, with a date the metadata note calls estimated
    by_id = dict(zip(labelled["doc_id"], labelled["source"], strict=True))
    assert (
        by_id[docs["doc_id"].iloc[0]]
        == "Anglo-French Peacekeeping Force in Ukraine …, 19 Feb 2025*"
    )
    assert by_id[docs["doc_id"].iloc[3]] == "Responsible Statecraft, 13 Dec 2024*"
    assert by_id[docs["doc_id"].iloc[4]].endswith(", 21 Feb 2025")  # a header date: stated


def test_with_source_joins_the_labels_of_an_id_list(seeds):
    docs = seeds.documents
    first, second = docs["doc_id"].iloc[0], docs["doc_id"].iloc[1]
    events = pd.DataFrame({"doc_ids": [f"{first}; {second}", second]})
    labelled = rp.with_source(events, docs, doc_id="doc_ids", name="sources", sep="; ")
    one = rp.with_source(pd.DataFrame({"doc_id": [first, second]}), docs)["source"].tolist()
    assert labelled["sources"].tolist() == [f"{one[0]}; {one[1]}", one[1]]


@pytest.mark.parametrize(
    ("kinds", "claims", "expected"),
    [
        # the border story: money figures outnumber the rest
        (["money", "money", "money", "count", "percent"], ["plan", "demand", "other", "other", "other"], ["money"]),
        # durations and bare numbers are not a headline, whatever their number
        (["duration"] * 4 + ["number"] * 3 + ["money"], ["other"] * 8, ["money"]),
        # incidental figures ("one problem") do not count
        (["count", "count", "troops"], ["incidental", "incidental", "plan"], ["troops"]),
        (["money", "troops"], ["other", "other"], ["money"]),  # a tie: alphabetical
        (["number"], ["other"], []),
    ],
)  # fmt: skip
def test_default_kinds_is_the_most_frequent_kind_of_figure(kinds, claims, expected):
    figures = pd.DataFrame({"kind": kinds, "claim": claims})
    assert rp.default_kinds(figures) == expected


def test_default_kinds_counts_agree_with_value_counts():
    figures = pd.DataFrame({"kind": ["money"] * 3 + ["people"] * 2 + ["troops"],
                            "claim": ["other"] * 6})  # fmt: skip
    assert rp.default_kinds(figures, top=3) == list(figures["kind"].value_counts().index)


def test_mark_discovered_marks_actors_found_in_the_text_in_any_table():
    from storylens.reports import mark_discovered

    mentions = pd.DataFrame({
        "actor": ["FBI", "Peter Strzok", "Peter Strzok"],
        "actor_id": ["US-FBI", "discovered:peter-strzok", "discovered:peter-strzok"],
    })  # fmt: skip
    cells = pd.DataFrame({"actor": ["Peter Strzok", "FBI", "Nobody"], "n": [2, 1, 0]})
    marked = mark_discovered(cells, mentions)
    assert marked["discovered"].tolist() == [True, False, False]
    assert marked["n"].tolist() == [2, 1, 0] and "discovered" not in cells
