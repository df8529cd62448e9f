"""Every report notebook follows the house layout and is committed without outputs."""

from __future__ import annotations

import ast
import re

import nbformat
import pytest

from storylens.paths import notebooks_dir

NOTEBOOKS = sorted(notebooks_dir().glob("*.ipynb"))
NAME = re.compile(r"\d\d-[a-z0-9]+(?:-[a-z0-9]+)*\.ipynb")


def test_there_are_report_notebooks():
    assert [p.name for p in NOTEBOOKS][:1] == ["00-corpus-overview.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_name_is_number_and_slug(path):
    assert NAME.fullmatch(path.name)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_without_outputs(path):
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, cell.source[:60]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_opening_cells_follow_the_house_layout(path):
    """H1 + one-sentence question, 'How this was computed', imports, then parameters."""
    cells = nbformat.read(path, as_version=4).cells
    first = cells[0]
    assert first.cell_type == "markdown" and first.source.startswith("# ")
    question = first.source.split("\n", 1)[1].strip()
    assert question.endswith("?") and question.count("?") == 1
    assert cells[1].cell_type == "markdown" and cells[1].source.startswith(
        "## How this was computed"
    )
    imports = ast.parse(cells[2].source).body
    assert imports and all(isinstance(s, ast.Import | ast.ImportFrom) for s in imports)
    tagged = [i for i, c in enumerate(cells) if "parameters" in c.metadata.get("tags", [])]
    assert tagged == [3]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_parameters_are_typed_commented_literals(path):
    cells = nbformat.read(path, as_version=4).cells
    source = next(c.source for c in cells if "parameters" in c.metadata.get("tags", []))
    names = []
    for line, stmt in zip(source.splitlines(), ast.parse(source).body, strict=True):
        # one annotated assignment per line, of a literal value (nothing computed here:
        # papermill injects new values after this cell), with a comment saying what it is
        assert isinstance(stmt, ast.AnnAssign), line
        ast.literal_eval(stmt.value)
        assert re.search(r"\S\s+#\s+\w", line), f"no comment: {line}"
        names.append(stmt.target.id)
    assert names[:2] == ["corpus", "data_dir"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_path_hacks(path):
    text = path.read_text(encoding="utf-8")
    assert "sys.path" not in text
    assert "../" not in text


# What notebooks once wrote by hand and now call from the library (a notebook that needs
# one of these again should call the library function named beside it).
HAND_WRITTEN = {
    r'\("title", "body"(?:, "caption")?\)': "storylens.reports.sentence_roles",
    r"\.map\(sources": "storylens.reports.with_source",
    r"\.plot\.barh?\(stacked=True": "storylens.charts.stacked_bars",
}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
@pytest.mark.parametrize("pattern", list(HAND_WRITTEN))
def test_shared_pieces_come_from_the_library(path, pattern):
    cells = nbformat.read(path, as_version=4).cells
    code = "\n".join(c.source for c in cells if c.cell_type == "code")
    assert not re.search(pattern, code), f"use {HAND_WRITTEN[pattern]}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_tables_and_charts_are_shown_for_reading(path):
    """No raw pandas dump (a cell ending in a bare table) and no chart without alt text
    (plt.show): tables go through show_table, charts through show_chart."""
    cells = nbformat.read(path, as_version=4).cells
    for cell in (c for c in cells if c.cell_type == "code"):
        body = ast.parse(cell.source).body
        last = body[-1] if body else None
        bare = isinstance(last, ast.Expr) and isinstance(last.value, ast.Name | ast.Subscript)
        head = isinstance(last, ast.Expr) and isinstance(last.value, ast.Call) and (
            isinstance(last.value.func, ast.Attribute) and last.value.func.attr in ("head", "round")
        )  # fmt: skip
        assert not (bare or head), f"use show_table: {cell.source[-80:]}"
        assert "plt.show()" not in cell.source, "use storylens.charts.show_chart"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_each_report_has_one_key_findings_cell(path):
    cells = nbformat.read(path, as_version=4).cells
    tagged = [c for c in cells if "key-findings" in c.metadata.get("tags", [])]
    assert len(tagged) == 1 and "show_findings(" in tagged[0].source
