"""Tests for storylens.reports: CSV helpers, config and parameter checks, and the runner.

The end-to-end tests (marked slow) run ``python -m storylens reports`` on small notebooks
made here with nbformat, including a broken one and a slow one, into temporary folders.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import re
import shutil
import sys
from pathlib import Path
from types import SimpleNamespace

import nbformat
import pandas as pd
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from storylens import load_corpus
from storylens import reports as rp
from storylens.paths import outputs_dir, seeds_dir

# Real seed text: a title with typographic quotes and an ampersand, one with a single
# quote and a question mark, a sentence with commas and a figure.
TITLE_002 = "France & UK Push for “Boots on Ground” Peacekeeping Force in Post-War Ukraine"
TITLE_003 = "European 'peacekeepers' in Ukraine? A horrible idea."
SENTENCE_000 = (
    "A Western force of 30,000 troops is a significant presence and would undoubtedly "
    "strengthen Ukraine’s defense capabilities."
)

# ----------------------------------------------------------------------------- CSV helpers


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


# ----------------------------------------------------------------------------- notebooks
# Small notebooks for the runner. Each declares corpus and data_dir; 00 writes a table from
# the corpus and draws a figure, so the CSV can be checked against the library.

FIRST_TABLE = """\
import sys, os
import matplotlib.pyplot as plt
from storylens import load_corpus
from storylens.reports import save_table
docs = load_corpus(corpus).documents
lengths = docs[["doc_id", "n_sentences", "n_tokens"]].assign(
    tokens_per_sentence=docs["n_tokens"] / docs["n_sentences"])
save_table(lengths, "lengths", data_dir=data_dir)
"""
FIRST_FIGURE = """\
fig, ax = plt.subplots(figsize=(4, 3))
ax.bar(lengths["doc_id"].str[:3], lengths["n_tokens"])
ax.set_title(f"tokens per article ({term})")
plt.show()
"""
FIRST_FACTS = """\
import warnings
warnings.warn("a warning that the share version leaves out")
print(sys.executable)
print(os.environ.get("PYTHONHASHSEED"))
print(term, label)
"""


def _params(extra: str = "", *, source: str | None = None) -> nbformat.NotebookNode:
    cell = new_code_cell(
        source
        if source is not None
        else 'corpus: str = ""  # folder or file of articles\n'
        'data_dir: str = ""  # where the CSVs go\n' + extra
    )
    cell.metadata["tags"] = ["parameters"]
    return cell


def _write(path: Path, cells: list) -> Path:
    nb = new_notebook()
    nb.cells = cells
    nb.metadata["kernelspec"] = {"name": "python3", "language": "python", "display_name": "P"}
    nbformat.write(nb, path)
    return path


def make_good_notebooks(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    _write(
        folder / "00-lengths.ipynb",
        [
            new_markdown_cell("# Article lengths\n\nHow long is each article?"),
            _params('term: str = "troops"  # a word\nlabel: str = "default"  # a label'),
            new_code_cell(FIRST_TABLE),
            new_code_cell(FIRST_FIGURE),
            new_code_cell(FIRST_FACTS),
        ],
    )
    _write(
        folder / "01-outlets.ipynb",
        [
            new_markdown_cell("# Outlets\n\nWhich outlets published?"),
            _params('label: str = "default"  # a label'),
            new_code_cell(
                "from storylens import load_corpus\nfrom storylens.reports import save_table\n"
                "docs = load_corpus(corpus).documents\n"
                "counts = docs['outlet'].fillna('(none)').value_counts().rename_axis('outlet')"
                ".sort_index().reset_index()\n"
                "save_table(counts, 'outlets', data_dir=data_dir)\nprint(label)"
            ),
        ],
    )
    _write(folder / "notes.ipynb", [new_markdown_cell("not a report: no NN- prefix")])
    return folder


def make_broken_notebooks(folder: Path, good: Path) -> Path:
    """The good notebooks plus one that raises."""
    shutil.copytree(good, folder)
    _write(
        folder / "02-broken.ipynb",
        [
            new_markdown_cell("# Broken"),
            _params(),
            new_code_cell("troops = 30000\nshare = troops / 0  # raises"),
            new_code_cell("print('never reached')"),
        ],
    )
    return folder


def make_slow_notebook(folder: Path) -> Path:
    folder.mkdir(parents=True)
    _write(
        folder / "00-slow.ipynb",
        [
            new_markdown_cell("# Slow"),
            _params(),
            new_code_cell("total = 0"),
            new_code_cell("import time\ntime.sleep(60)"),
        ],
    )
    return folder


def run_main(*args) -> SimpleNamespace:
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = rp.main([str(a) for a in args])
    return SimpleNamespace(code=code, stderr=err.getvalue())


def snapshot(folder: Path) -> dict[str, str]:
    """SHA-256 of every file under ``folder``, by relative path."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


# ----------------------------------------------------------------------------- planning


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
        ([_params(), _params()], "exactly one cell tagged 'parameters' (cells 0, 1 tagged)"),
        ([_params(source='corpus: str = ""')], "does not declare data_dir"),
    ],
)
def test_inspect_refuses_notebooks_that_break_the_contract(tmp_path, cells, message):
    path = _write(tmp_path / "00-bad.ipynb", cells)
    with pytest.raises(rp.ReportsError, match=re.escape(message)):
        rp.inspect(path)


@pytest.mark.parametrize(
    ("wanted", "expected"),
    [("00-lengths", "00-lengths"), ("lengths", "00-lengths"), ("01", "01-outlets"),
     ("01-outlets.ipynb", "01-outlets")],
)  # fmt: skip
def test_match_notebook(wanted, expected):
    assert rp.match_notebook(wanted, ["00-lengths", "01-outlets"]) == expected


def test_match_notebook_names_the_choices():
    with pytest.raises(rp.ReportsError, match="'timeline' matches no notebook; notebooks are: 00"):
        rp.match_notebook("timeline", ["00-lengths", "01-outlets"])


def _plan(good: Path, config_text: str, tmp_path: Path) -> dict:
    config = tmp_path / "story.yaml"
    config.write_text(config_text, encoding="utf-8")
    notebooks = [rp.inspect(p) for p in rp.find_notebooks(good)]
    names = [nb.name for nb in notebooks]
    return rp.plan_parameters(
        notebooks,
        rp.load_config(config),
        targets=names,
        corpus=Path("/c"),
        data_dirs={n: Path("/d") / n for n in names},
    )


def test_config_top_level_goes_to_declaring_notebooks_and_sections_win(good, tmp_path):
    plan = _plan(
        good,
        "term: soldiers\nlabel: everywhere\nnotebooks:\n  outlets:\n    label: only here\n",
        tmp_path,
    )
    assert plan == {
        "00-lengths": {
            "corpus": "/c",
            "data_dir": "/d/00-lengths",
            "term": "soldiers",
            "label": "everywhere",
        },
        "01-outlets": {"corpus": "/c", "data_dir": "/d/01-outlets", "label": "only here"},
    }


@pytest.mark.parametrize(
    ("config_text", "message"),
    [
        (  # a per-notebook value the notebook does not declare: name both
            "notebooks:\n  01-outlets:\n    term: soldiers\n",
            "parameter 'term'",
        ),
        ("notebooks:\n  01-outlets:\n    term: soldiers\n", "notebook 01-outlets"),
        ("actors: [Starmer, Macron]\n", "config parameter 'actors'"),
        ("notebooks:\n  timeline:\n    label: x\n", "'timeline' matches no notebook"),
        ("corpus: seeds\n", "'corpus' cannot be set in a config file; pass --corpus"),
        ("- just\n- a list\n", "must be a mapping"),
    ],
)
def test_bad_config_is_an_error(good, tmp_path, config_text, message):
    with pytest.raises(rp.ReportsError, match=re.escape(message)):
        _plan(good, config_text, tmp_path)


def test_yaml_dates_become_iso_strings(tmp_path):
    config = tmp_path / "c.yaml"
    config.write_text("since: 2025-02-19\nnotebooks:\n  00:\n    until: [2026-01-07]\n")
    loaded = rp.load_config(config)
    assert loaded.common == {"since": "2025-02-19"}
    assert loaded.per_notebook == {"00": {"until": ["2026-01-07"]}}


def test_undeclared_parameter_stops_the_command_before_anything_runs(good, tmp_path):
    config = tmp_path / "story.yaml"
    config.write_text("notebooks:\n  01-outlets:\n    term: soldiers\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run_main("--notebooks", good, "--out", out, "--config", config)
    assert result.code == 2
    assert "parameter 'term'" in result.stderr and "notebook 01-outlets" in result.stderr
    assert not out.exists()


# ----------------------------------------------------------------------------- corpus facts


def test_corpus_files_hashes_agree_with_the_seeds_checksum_file():
    files = {f["path"]: f for f in rp.corpus_files(seeds_dir())}
    listed = dict(
        reversed(line.split()) for line in (seeds_dir() / "SHA256SUMS").read_text().splitlines()
    )
    assert {name: files[name]["sha256"] for name in listed} == listed
    assert files["metadata.csv"]["bytes"] == (seeds_dir() / "metadata.csv").stat().st_size


def test_corpus_glance_counts_agree_with_the_loaded_tables():
    glance = rp.corpus_glance(seeds_dir())
    loaded = load_corpus(seeds_dir(), cache=False)
    assert glance["documents"] == len(list(seeds_dir().glob("*.txt")))
    assert glance["sentences"] == len(loaded.sentences)
    assert glance["tokens"] == len(loaded.tokens)
    dated = loaded.documents["published"].dropna().sort_values()
    assert (glance["date_min"], glance["date_max"]) == (
        dated.iloc[0].strftime("%Y-%m-%d"),
        dated.iloc[-1].strftime("%Y-%m-%d"),
    )
    assert glance["undated"] + len(dated) == glance["documents"]
    assert sum(glance["outlets"].values()) + glance["no_outlet"] == glance["documents"]


# ----------------------------------------------------------------------------- HTML


# What a page would have to fetch to display: scripts, stylesheets, images, frames, CSS
# url() and @import. Plain <a href> links are navigation, not needed to show the page.
EXTERNAL_RESOURCE = re.compile(
    r"<(?:script|link|img|iframe|source|embed)\b[^>]*\b(?:src|href)\s*=\s*[\"']?(?:https?:)?//"
    r"|url\(\s*[\"']?(?:https?:)?//|@import",
    re.I,
)


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


def test_error_report_gives_the_cell_index_in_the_source_notebook():
    nb = new_notebook()
    injected = new_code_cell("corpus = '/c'")
    injected.metadata["tags"] = ["injected-parameters"]
    marker = new_markdown_cell("error below")
    marker.metadata["tags"] = ["papermill-error-cell-tag"]
    failing = new_code_cell("troops = 30000\nshare = troops / 0", execution_count=3)
    failing.outputs = [
        new_output("error", ename="ZeroDivisionError", evalue="division by zero",
                   traceback=["\x1b[0;31mZeroDivisionError\x1b[0m: division by zero"])
    ]  # fmt: skip
    nb.cells = [marker, new_markdown_cell("# T"), _params(), injected, marker, failing]
    report = rp._error_report(nb, 600, RuntimeError("unused"))
    assert report["cell_index"] == 2  # title, parameters, then this cell
    assert report["source_head"] == "troops = 30000\nshare = troops / 0"
    assert report["traceback"] == "ZeroDivisionError: division by zero"


# ----------------------------------------------------------------------------- end to end


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """Run the command four times on one output folder and record what each left.

    1. good notebooks, with a config (and a decoy "storylens" kernel on JUPYTER_PATH that
       would fail if picked); 2. the same again; 3. with a broken and a slow notebook
       added (must fail and leave 2's outputs alone); 4. ``--only 01-outlets``.
    """
    root = tmp_path_factory.mktemp("reports")
    good = make_good_notebooks(root / "notebooks")
    broken = make_broken_notebooks(root / "broken", good)
    config = root / "story.yaml"
    config.write_text(
        "term: soldiers\nnotebooks:\n  01-outlets:\n    label: per notebook\n", encoding="utf-8"
    )
    decoy = root / "decoy" / "kernels" / "storylens"
    decoy.mkdir(parents=True)
    (decoy / "kernel.json").write_text(
        json.dumps(
            {
                "argv": ["/bin/false", "{connection_file}"],
                "language": "python",
                "display_name": "decoy",
            }
        )  # fmt: skip
    )
    out = root / "out"
    common = ["--notebooks", good, "--out", out, "--config", config, "--jobs", "2"]
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("JUPYTER_PATH", str(root / "decoy"))
        first = run_main(*common)
    snap1 = snapshot(out)
    manifest1 = json.loads((out / "manifest.json").read_text())
    second = run_main(*common)
    snap2 = snapshot(out)
    manifest2 = json.loads((out / "manifest.json").read_text())
    third = run_main("--notebooks", broken, "--out", out, "--jobs", "2")
    snap3 = snapshot(out)
    slow = run_main("--notebooks", make_slow_notebook(root / "slow"), "--out", root / "out-slow",
                    "--timeout", "2")  # fmt: skip
    fourth = run_main(*common, "--only", "01-outlets")
    snap4 = snapshot(out)
    return SimpleNamespace(
        root=root, out=out, good=good, first=first, second=second, third=third, fourth=fourth, slow=slow,
        snap1=snap1, snap2=snap2, snap3=snap3, snap4=snap4, manifest1=manifest1,
        manifest2=manifest2,
    )  # fmt: skip


def _managed(snap: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in snap.items() if k.split("/")[0] in rp.MANAGED}


@pytest.mark.slow
def test_a_run_writes_every_output(runs):
    assert runs.first.code == 0, runs.first.stderr
    expected = {
        "manifest.json",
        "reports/index.html",
        "notebooks/00-lengths.ipynb",
        "notebooks/01-outlets.ipynb",
        "reports/00-lengths.html",
        "reports/00-lengths.share.html",
        "reports/01-outlets.html",
        "reports/01-outlets.share.html",
        "data/00-lengths/lengths.csv",
        "data/01-outlets/outlets.csv",
    }
    assert set(_managed(runs.snap1)) == expected
    assert not [k for k in runs.snap1 if k.startswith((".staging", ".trash", "failed"))]


@pytest.mark.slow
def test_progress_lines_name_each_notebook(runs):
    assert "note: skipping notes.ipynb (report notebooks are named NN-slug.ipynb)" in (
        runs.first.stderr
    )
    for name in ("00-lengths", "01-outlets"):
        assert re.search(rf"\] started  {name}\n", runs.first.stderr)
        assert re.search(rf"\] finished {name} in \d+\.\d s\n", runs.first.stderr)


@pytest.mark.slow
@pytest.mark.parametrize("name", ["00-lengths", "01-outlets"])
def test_executed_notebooks_have_no_errors_and_the_injected_values(runs, name):
    nb = nbformat.read(runs.out / "notebooks" / f"{name}.ipynb", as_version=4)
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert [o for o in outputs if o.output_type == "error"] == []
    injected = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert len(injected) == 1
    assert f'corpus = "{seeds_dir()}"' in injected[0].source
    assert f"/data/{name}" in injected[0].source


@pytest.mark.slow
def test_the_project_kernel_ran_with_fixed_hash_seed_and_config_values(runs):
    nb = nbformat.read(runs.out / "notebooks" / "00-lengths.ipynb", as_version=4)
    printed = "".join(o.get("text", "") for o in nb.cells[-1].outputs if o.name == "stdout")
    kernel = rp.kernel_spec()
    assert printed.splitlines() == [kernel["argv"][0], "0", "soldiers default"]
    assert Path(kernel["argv"][0]).resolve() == Path(sys.executable).resolve()


@pytest.mark.slow
def test_csvs_match_the_library_and_rerun_identically(runs):
    docs = load_corpus(seeds_dir()).documents
    lengths = docs[["doc_id", "n_sentences", "n_tokens"]].assign(
        tokens_per_sentence=docs["n_tokens"] / docs["n_sentences"]
    )
    csv = (runs.out / "data" / "00-lengths" / "lengths.csv").read_text(encoding="utf-8")
    assert csv == rp.table_csv(lengths)
    read_back = pd.read_csv(io.StringIO(csv))
    assert list(read_back["doc_id"]) == list(docs["doc_id"])
    assert (read_back["tokens_per_sentence"] - lengths["tokens_per_sentence"]).abs().max() < 1e-8
    data = {k: v for k, v in runs.snap1.items() if k.startswith("data/")}
    assert data and data == {k: v for k, v in runs.snap2.items() if k.startswith("data/")}
    assert runs.snap1["manifest.json"] != runs.snap2["manifest.json"]  # times differ there


@pytest.mark.slow
def test_manifest_records_corpus_parameters_versions_and_times(runs):
    m = runs.manifest1
    assert m["status"] == "ok"
    assert [f["path"] for f in m["corpus"]["files"]] == sorted(
        p.name for p in seeds_dir().iterdir() if not p.name.startswith(".")
    )
    assert m["corpus"]["documents"] == 5
    assert m["packages"]["papermill"] == __import__("papermill").__version__
    assert m["run"]["kernel"]["name"] == "storylens"
    assert m["run"]["duration_s"] >= max(nb["duration_s"] for nb in m["notebooks"])
    by_name = {nb["name"]: nb for nb in m["notebooks"]}
    assert by_name["00-lengths"]["parameters"] == {
        "corpus": str(seeds_dir()),
        "data_dir": "data/00-lengths",
        "term": "soldiers",
    }
    assert by_name["01-outlets"]["parameters"]["label"] == "per notebook"
    csv = runs.out / "data" / "00-lengths" / "lengths.csv"
    assert by_name["00-lengths"]["outputs"]["data"] == [
        {"path": "data/00-lengths/lengths.csv",
         "sha256": hashlib.sha256(csv.read_bytes()).hexdigest()}
    ]  # fmt: skip


@pytest.mark.slow
def test_index_links_resolve_and_name_the_corpus(runs):
    index = runs.out / "reports" / "index.html"
    page = index.read_text(encoding="utf-8")
    links = re.findall(r'<a href="([^"#]+)"', page)
    assert len(links) == 2 * 3 + 2 + 1  # report, with code, .ipynb each; 2 CSVs; manifest
    for link in links:
        assert (index.parent / link).resolve().is_file(), link
    assert "5 documents" in page
    assert "2024-12-13 to 2026-01-07" in page
    assert EXTERNAL_RESOURCE.search(page) is None


@pytest.mark.slow
def test_share_report_hides_code_and_the_full_one_shows_it(runs):
    share = (runs.out / "reports" / "00-lengths.share.html").read_text(encoding="utf-8")
    full = (runs.out / "reports" / "00-lengths.html").read_text(encoding="utf-8")
    assert "save_table" not in share and "save_table" in full
    assert "<title>Article lengths</title>" in share
    assert share.count('src="data:image/png;base64,') == 1
    assert EXTERNAL_RESOURCE.search(share) is None and EXTERNAL_RESOURCE.search(full) is None


@pytest.mark.slow
def test_a_failing_notebook_fails_the_run_and_says_where(runs):
    assert runs.third.code == 1
    err = runs.third.stderr
    assert "FAILED 02-broken" in err and "cell 2 (execution count" in err
    assert "| share = troops / 0  # raises" in err
    assert "ZeroDivisionError: division by zero" in err
    assert re.search(r"\] finished 00-lengths", err)  # the others still ran


@pytest.mark.slow
def test_a_failed_run_leaves_the_previous_reports_alone(runs):
    assert _managed(runs.snap3) == _managed(runs.snap2)


@pytest.mark.slow
def test_a_failed_run_is_kept_for_debugging(runs):
    failed = runs.out / "failed"
    nb = nbformat.read(failed / "notebooks" / "02-broken.ipynb", as_version=4)
    errors = [
        o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"
    ]
    assert [e.ename for e in errors] == ["ZeroDivisionError"]
    manifest = json.loads((failed / "manifest.json").read_text())
    status = {nb["name"]: nb["status"] for nb in manifest["notebooks"]}
    assert status == {"00-lengths": "ok", "01-outlets": "ok", "02-broken": "failed"}
    assert (failed / "reports" / "02-broken.html").is_file()
    assert not (failed / "reports" / "02-broken.share.html").exists()


@pytest.mark.slow
def test_only_replaces_one_notebook_and_keeps_the_others(runs):
    assert runs.fourth.code == 0, runs.fourth.stderr
    before, after = _managed(runs.snap2), _managed(runs.snap4)
    for key in ("notebooks/00-lengths.ipynb", "reports/00-lengths.share.html",
                "data/00-lengths/lengths.csv", "data/01-outlets/outlets.csv"):  # fmt: skip
        assert before[key] == after[key], key
    assert before["notebooks/01-outlets.ipynb"] != after["notebooks/01-outlets.ipynb"]
    manifest = json.loads((runs.out / "manifest.json").read_text())
    assert manifest["run"]["only"] == ["01-outlets"]
    assert [nb["name"] for nb in manifest["notebooks"]] == ["00-lengths", "01-outlets"]
    assert manifest["notebooks"][0] == runs.manifest2["notebooks"][0]  # carried over as was
    assert manifest["notebooks"][1]["started"] >= runs.manifest2["notebooks"][1]["started"]


@pytest.mark.slow
def test_a_cell_over_the_timeout_fails_the_run_and_is_named(runs):
    assert runs.slow.code == 1
    assert "FAILED 00-slow" in runs.slow.stderr
    assert "cell 3 (execution count" in runs.slow.stderr
    assert "| time.sleep(60)" in runs.slow.stderr
    assert "CellTimeoutError: a cell ran longer than the per-cell timeout (2 s)" in runs.slow.stderr
    assert not (runs.root / "out-slow" / "reports").exists()
    assert (runs.root / "out-slow" / "failed" / "notebooks" / "00-slow.ipynb").is_file()
