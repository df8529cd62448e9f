"""Render the report notebooks into a folder an analyst can open and send on.

What a notebook calls (:mod:`~storylens.reports.api`, no Jupyter package imported):
:func:`save_table` writes the data behind a chart or table as a deterministic CSV,
:func:`data_path` says where it went, :func:`sentence_roles` and :func:`with_source` are
the choices every report makes. The rest is the runner behind ``python -m storylens
reports``, loaded only when one of its names is first used:

==========================  ==============================================================
module                      holds
==========================  ==============================================================
``reports.api``             ``save_table``, ``data_path``, ``table_csv``, notebook helpers
``reports.notebooks``       the notebook contract: ``find_notebooks``, ``inspect``, ...
``reports.config``          ``Config``, ``load_config``, ``plan_parameters``
``reports.manifest``        corpus files and hashes, glance, package versions, kernel
``reports.render``          HTML export of a notebook, the index page
``reports.worker``          one notebook in a worker process (papermill, kernel manager)
``reports.staging``         the output folder: lock, staging, promotion, ``failed/``
``reports.runner``          ``run_reports`` and the process pool
``reports.cli``             ``build_parser``, ``main``
==========================  ==============================================================
"""

from __future__ import annotations

import importlib

from storylens.reports.api import (
    FLOAT_FORMAT,
    TABLE_NAME,
    data_path,
    save_table,
    sentence_roles,
    source_column,
    table_csv,
    with_source,
)
from storylens.reports.errors import ReportsError

# Public names of the other modules, imported on first use (PEP 562), so that
# ``from storylens.reports import save_table`` in a notebook loads no Jupyter package.
_LAZY = {
    "storylens.reports.notebooks": (
        "KERNEL_NAME", "REQUIRED_PARAMETERS", "NOTEBOOK_NAME", "MARKDOWN_H1", "Notebook",
        "find_notebooks", "inspect", "match_notebook", "choose_targets", "title_and_question",
    ),
    "storylens.reports.config": ("Config", "load_config", "plan_parameters"),
    "storylens.reports.manifest": (
        "MANIFEST_VERSION", "KEY_PACKAGES", "CellError", "NotebookRun", "CorpusGlance",
        "corpus_files", "corpus_glance", "fingerprint", "package_versions", "kernel_spec",
        "sha256_file",
    ),
    "storylens.reports.render": ("render_html", "render_index"),
    "storylens.reports.staging": ("MANAGED",),
    "storylens.reports.worker": ("Task", "error_report", "failed_cell"),
    "storylens.reports.runner": (
        "DEFAULT_TIMEOUT", "RunResult", "run_reports", "usable_cores", "stop_pool",
    ),
    "storylens.reports.cli": ("build_parser", "main"),
}  # fmt: skip
_WHERE = {name: module for module, names in _LAZY.items() for name in names}

__all__ = [
    "FLOAT_FORMAT",
    "TABLE_NAME",
    "ReportsError",
    "data_path",
    "save_table",
    "sentence_roles",
    "source_column",
    "table_csv",
    "with_source",
    *_WHERE,
]


def __getattr__(name: str):
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
