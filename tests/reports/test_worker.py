"""Tests for storylens.reports.worker: where a failed notebook failed."""

from __future__ import annotations

from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from storylens.reports import worker as rp

from .notebook_factory import params_cell


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
    nb.cells = [marker, new_markdown_cell("# T"), params_cell(), injected, marker, failing]
    report = rp.error_report(nb, 600, RuntimeError("unused"))
    assert report.cell_index == 2  # title, parameters, then this cell
    assert report.source_head == "troops = 30000\nshare = troops / 0"
    assert report.traceback == "ZeroDivisionError: division by zero"
    assert (report.ename, report.evalue) == ("ZeroDivisionError", "division by zero")


def test_a_timeout_names_the_cell_left_running():
    nb = new_notebook()
    done = new_code_cell("total = 0", execution_count=1)
    running = new_code_cell("import time\ntime.sleep(60)", execution_count=2)
    running.metadata["papermill"] = {"status": "running"}
    nb.cells = [new_markdown_cell("# Slow"), params_cell(), done, running]
    report = rp.error_report(nb, 2, TimeoutError("Cell execution timed out"))
    assert report.cell_index == 3
    assert report.source_head == "import time\ntime.sleep(60)"
    assert report.evalue.startswith("a cell ran longer than the per-cell timeout (2 s)")
