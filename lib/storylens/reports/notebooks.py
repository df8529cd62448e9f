"""Finding and reading report notebooks: names, titles, questions, declared parameters.

The notebook contract. Report notebooks are ``NN-slug.ipynb`` in ``notebooks/``; each has
exactly one cell tagged ``parameters`` that declares at least ``corpus: str = ""`` (a
folder or file of articles; "" means the bundled seeds) and ``data_dir: str = ""`` (where
:func:`storylens.reports.save_table` writes; "" means ``outputs/data``).
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from storylens.reports.errors import ReportsError

__all__ = [
    "KERNEL_NAME",
    "REQUIRED_PARAMETERS",
    "NOTEBOOK_NAME",
    "MARKDOWN_H1",
    "Notebook",
    "find_notebooks",
    "title_and_question",
    "inspect",
    "match_notebook",
    "choose_targets",
]

KERNEL_NAME = "storylens"  # the Jupyter kernel `make env` installs into this environment
REQUIRED_PARAMETERS = ("corpus", "data_dir")  # every report notebook declares these
# A report notebook's file name: "00-corpus-overview.ipynb" yes, "Untitled.ipynb" or
# "0-overview.ipynb" no.
NOTEBOOK_NAME = re.compile(r"(?P<number>\d\d)-(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)\.ipynb\Z")
# A Markdown H1 line: "# Corpus overview" yes, "## Method" or "#hashtag" no.
MARKDOWN_H1 = re.compile(r"^#\s+(?P<title>\S.*?)\s*#*\s*$", re.M)


@dataclasses.dataclass(frozen=True)
class Notebook:
    """One report notebook: its name (``NN-slug``), path, title and declared parameters."""

    name: str
    path: Path
    title: str
    question: str
    declared: dict[str, dict[str, Any]]  # papermill.inspect_notebook: name -> details


def find_notebooks(folder: str | os.PathLike[str]) -> list[Path]:
    """Report notebooks in ``folder`` (``NN-slug.ipynb``), in reading order."""
    root = Path(folder)
    if not root.is_dir():
        raise ReportsError(f"notebook folder {root} does not exist")
    found = sorted(p for p in root.glob("*.ipynb") if NOTEBOOK_NAME.match(p.name))
    if not found:
        raise ReportsError(f"no report notebooks (NN-slug.ipynb) in {root}")
    return found


def title_and_question(nb) -> tuple[str, str]:
    """The first Markdown H1 of a notebook and the first paragraph after it (the question).

    >>> from nbformat.v4 import new_markdown_cell, new_notebook
    >>> title_and_question(new_notebook(cells=[new_markdown_cell("# Timeline\\n\\nWhen?")]))
    ('Timeline', 'When?')
    """
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        match = MARKDOWN_H1.search(cell.source)
        if not match:
            continue
        rest = cell.source[match.end() :].strip()
        question = rest.split("\n\n", 1)[0].replace("\n", " ").strip() if rest else ""
        return match.group("title"), question
    return "", ""


def _read(path: Path):
    import nbformat

    try:
        return nbformat.read(path, as_version=4)
    except Exception as exc:  # nbformat raises several kinds for a damaged file
        raise ReportsError(f"{path}: not a readable notebook ({exc})") from exc


def inspect(path: Path) -> Notebook:
    """Read a notebook: title, question and the parameters its ``parameters`` cell declares."""
    import papermill

    nb = _read(path)
    tagged = [i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", [])]
    if len(tagged) != 1:
        where = f"cells {', '.join(map(str, tagged))}" if tagged else "no cell"
        raise ReportsError(
            f"{path}: needs exactly one cell tagged 'parameters' ({where} tagged); "
            "tag it in JupyterLab with the property inspector"
        )
    # papermill picks the translator from the kernelspec; ours is Python whatever it says.
    nb.metadata["kernelspec"] = {"name": KERNEL_NAME, "language": "python", "display_name": ""}
    declared = papermill.inspect_notebook(nb)
    missing = [p for p in REQUIRED_PARAMETERS if p not in declared]
    if missing:
        raise ReportsError(
            f"{path}: the parameters cell does not declare {', '.join(missing)}; every report "
            'notebook declares corpus: str = "" and data_dir: str = ""'
        )
    title, question = title_and_question(nb)
    return Notebook(path.stem, path, title or path.stem, question, declared)


def match_notebook(wanted: str, names: Sequence[str]) -> str:
    """The notebook name ``wanted`` refers to: ``NN-slug``, ``slug``, ``NN`` or a file name.

    >>> match_notebook("corpus-overview", ["00-corpus-overview", "01-timeline"])
    '00-corpus-overview'
    """
    key = Path(wanted).name.removesuffix(".ipynb")
    hits = [n for n in names if key in (n, n[:2], n[3:])]
    if len(hits) != 1:
        problem = "matches several notebooks" if hits else "matches no notebook"
        raise ReportsError(f"{wanted!r} {problem}; notebooks are: {', '.join(names)}")
    return hits[0]


def choose_targets(names: Sequence[str], only: Sequence[str] | None) -> tuple[list[str], bool]:
    """The notebooks an ``--only`` list picks, in reading order, and whether it picked.

    Each item may hold several names separated by commas; no items means every notebook.

    >>> choose_targets(["00-a", "01-b", "02-c"], ["c,00"])
    (['00-a', '02-c'], True)
    >>> choose_targets(["00-a", "01-b"], None)
    (['00-a', '01-b'], False)
    """
    wanted = [w.strip() for item in only or [] for w in str(item).split(",") if w.strip()]
    chosen = {match_notebook(w, names) for w in wanted}
    return ([n for n in names if n in chosen] if wanted else list(names)), bool(wanted)
