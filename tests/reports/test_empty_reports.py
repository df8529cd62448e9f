"""The whole `reports` command on corpora that give (almost) nothing: every report renders,
and says "Nothing to show, because …" where a chart or table has nothing (#12)."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import nbformat
import pytest

from storylens.paths import notebooks_dir

pytestmark = pytest.mark.slow

NOTEBOOKS = sorted(p.stem for p in notebooks_dir().glob("[0-9][0-9]-*.ipynb"))
RUSSIAN = {
    "a.txt": "Президент заявил, что переговоры продолжатся в понедельник.\n\n"
    "Министр иностранных дел отверг предложение о размещении войск.\n",
    "b.txt": "Правительство сообщило о росте цен на пять процентов.\n",
}
TINY = {f"note{i:03d}.txt": f"Note {i}.\n" for i in range(100)}


def run_reports(folder: Path, files: dict[str, str]) -> Path:
    from storylens.reports import cli

    corpus = folder / "corpus"
    corpus.mkdir()
    for name, text in files.items():
        (corpus / name).write_text(text, encoding="utf-8")
    out = folder / "out"
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = cli.main(["--out", str(out), "--corpus", str(corpus)])
    assert code == 0, err.getvalue()
    return out


@pytest.fixture(scope="module", params=["russian", "tiny"])
def empty_reports(request, tmp_path_factory) -> Path:
    files = RUSSIAN if request.param == "russian" else TINY
    return run_reports(tmp_path_factory.mktemp(request.param), files)


def test_every_cell_of_every_report_renders_on_an_empty_corpus(empty_reports):
    said = ""
    for name in NOTEBOOKS:
        nb = nbformat.read(empty_reports / "notebooks" / f"{name}.ipynb", as_version=4)
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            assert [o for o in cell.outputs if o.output_type == "error"] == [], cell.source
            if "show_chart(" in cell.source or "show_table(" in cell.source:
                assert cell.outputs, f"{name}: a cell that shows something shows nothing"
        said += (empty_reports / "reports" / f"{name}.share.html").read_text(encoding="utf-8")
    assert (
        "Nothing to show, because no actor of the registry is mentioned in these articles." in said
    )
    assert (
        "Nothing to show, because no actor takes a stance in a sentence about the proposal." in said
    )
    assert "no numeric data to plot" not in said and "Traceback" not in said
