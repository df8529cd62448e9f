"""Small report notebooks for the runner tests, made with nbformat, and run helpers.

Each notebook declares ``corpus`` and ``data_dir``; ``00-lengths`` writes a table from the
corpus and draws a figure, so the CSV can be checked against the library.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import re
import shutil
from pathlib import Path
from types import SimpleNamespace

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from storylens.reports import cli

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


def params_cell(extra: str = "", *, source: str | None = None) -> nbformat.NotebookNode:
    cell = new_code_cell(
        source
        if source is not None
        else 'corpus: str = ""  # folder or file of articles\n'
        'data_dir: str = ""  # where the CSVs go\n' + extra
    )
    cell.metadata["tags"] = ["parameters"]
    return cell


def write_notebook(path: Path, cells: list) -> Path:
    nb = new_notebook()
    nb.cells = cells
    nb.metadata["kernelspec"] = {"name": "python3", "language": "python", "display_name": "P"}
    nbformat.write(nb, path)
    return path


def make_good_notebooks(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    write_notebook(
        folder / "00-lengths.ipynb",
        [
            new_markdown_cell("# Article lengths\n\nHow long is each article?"),
            params_cell('term: str = "troops"  # a word\nlabel: str = "default"  # a label'),
            new_code_cell(FIRST_TABLE),
            new_code_cell(FIRST_FIGURE),
            new_code_cell(FIRST_FACTS),
        ],
    )
    write_notebook(
        folder / "01-outlets.ipynb",
        [
            new_markdown_cell("# Outlets\n\nWhich outlets published?"),
            params_cell('label: str = "default"  # a label'),
            new_code_cell(
                "from storylens import load_corpus\nfrom storylens.reports import save_table\n"
                "docs = load_corpus(corpus).documents\n"
                "counts = docs['outlet'].fillna('(none)').value_counts().rename_axis('outlet')"
                ".sort_index().reset_index()\n"
                "save_table(counts, 'outlets', data_dir=data_dir)\nprint(label)"
            ),
        ],
    )
    write_notebook(folder / "notes.ipynb", [new_markdown_cell("not a report: no NN- prefix")])
    return folder


def make_broken_notebooks(folder: Path, good: Path) -> Path:
    """The good notebooks plus one that raises."""
    shutil.copytree(good, folder)
    write_notebook(
        folder / "02-broken.ipynb",
        [
            new_markdown_cell("# Broken"),
            params_cell(),
            new_code_cell("troops = 30000\nshare = troops / 0  # raises"),
            new_code_cell("print('never reached')"),
        ],
    )
    return folder


def make_slow_notebook(folder: Path) -> Path:
    folder.mkdir(parents=True)
    write_notebook(
        folder / "00-slow.ipynb",
        [
            new_markdown_cell("# Slow"),
            params_cell(),
            new_code_cell("total = 0"),
            new_code_cell("import time\ntime.sleep(60)"),
        ],
    )
    return folder


def run_main(*args) -> SimpleNamespace:
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = cli.main([str(a) for a in args])
    return SimpleNamespace(code=code, stderr=err.getvalue())


def snapshot(folder: Path) -> dict[str, str]:
    """SHA-256 of every file under ``folder``, by relative path."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


# What a page would have to fetch to display: scripts, stylesheets, images, frames, CSS
# url() and @import. Plain <a href> links are navigation, not needed to show the page.
EXTERNAL_RESOURCE = re.compile(
    r"<(?:script|link|img|iframe|source|embed)\b[^>]*\b(?:src|href)\s*=\s*[\"']?(?:https?:)?//"
    r"|url\(\s*[\"']?(?:https?:)?//|@import",
    re.I,
)
