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
    ALL_ROLES,
    FLOAT_FORMAT,
    PROSE_ROLES,
    TABLE_NAME,
    data_dir_or_default,
    data_path,
    default_kinds,
    mark_discovered,
    save_table,
    sentence_roles,
    source_column,
    table_csv,
    with_source,
)
from storylens.reports.errors import ReportsError

# Public names of the other modules (each module's __all__), imported on first use
# (PEP 562), so that ``from storylens.reports import save_table`` loads no Jupyter package.
# tests/reports/test_api.py checks this table against the modules.
LAZY = {
    "notebooks": (
        "KERNEL_NAME", "REQUIRED_PARAMETERS", "NOTEBOOK_NAME", "MARKDOWN_H1", "Notebook",
        "find_notebooks", "title_and_question", "inspect", "match_notebook", "choose_targets",
    ),
    "config": (
        "RESERVED", "STORY_VARIABLE", "Config", "Story", "plain", "load_config", "check_story",
        "plan_parameters", "check_value",
    ),
    "manifest": (
        "MANIFEST_VERSION", "KEY_PACKAGES", "CellError", "NotebookRun", "CorpusGlance",
        "utc_now", "display_path", "sha256_file", "corpus_files", "fingerprint",
        "files_with_hashes", "empty_corpus_message", "corpus_glance", "package_versions",
        "kernel_spec",
        "previous_manifest", "carried_over", "notebook_entry", "report_code_fingerprint",
        "inputs_key", "up_to_date",
    ),
    "render": (
        "OFFLINE_TEMPLATE", "INDEX_TEMPLATE", "REPORT_CSS", "FINDINGS_TAG", "STAGING_SEGMENT",
        "template", "without_staging", "report_name", "navigation_html", "findings_first",
        "render_html", "index_rows", "index_note", "render_index",
    ),
    "worker": (
        "ADDED_CELL_TAGS", "ANSI_ESCAPE", "KERNEL_STARTUP_FAILURE", "KERNEL_LOG_VARIABLE",
        "LocalKernelManager", "Task", "init_worker", "strip_ansi", "failed_cell",
        "error_report", "read_notebook", "execute", "run_one",
        "DEFAULT_MEMORY_LIMIT_GB", "MEMORY_LAUNCHER", "MEMORY_VARIABLE", "memory_bytes",
        "limited_command", "PEAK_VARIABLE", "peak_rss_mb", "record_peak", "read_peak",
    ),
    "memory_plan": (
        "AUTO", "CAP_BASE_GB", "CAP_GB_PER_1000", "NEED_BASE_GB", "NEED_GB_PER_1000",
        "MemoryPlan", "available_gb", "plan_memory",
    ),
    "staging": (
        "MANAGED", "locked", "remove", "fresh_staging", "promote_all", "promote_some",
        "keep_failed", "link_tree",
    ),
    "runner": (
        "DEFAULT_TIMEOUT", "RunResult", "Request", "usable_cores", "say", "check_request",
        "with_keys", "with_reuse", "build_manifest", "print_failure", "run_reports",
        "pool_context", "run_pool", "stop_kernels", "stop_pool", "drain", "store_for_notebooks",
        "with_memory",
    ),
    "cli": ("ENVIRONMENT", "positive", "from_environment", "build_parser", "main",
            "MEMORY_LIMIT_VARIABLE", "memory_limit_default", "COUNT_VARIABLES",
            "only_from_environment", "FORCE_VARIABLE", "add_run_options", "memory_limit"),
}  # fmt: skip
_WHERE = {name: module for module, names in LAZY.items() for name in names}

__all__ = [  # the lazy names resolve through __getattr__
    "ALL_ROLES",
    "FLOAT_FORMAT",
    "PROSE_ROLES",
    "TABLE_NAME",
    "ReportsError",
    "data_dir_or_default",
    "data_path",
    "default_kinds",
    "save_table",
    "sentence_roles",
    "source_column",
    "table_csv",
    "with_source",
    "mark_discovered",
    *_WHERE,
]


def __getattr__(name: str):
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
