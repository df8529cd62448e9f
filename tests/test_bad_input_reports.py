"""Issue #14, the report-runner half of the matrix: bad config, memory, dead kernels, full
disks. Each case builds its notebooks and corpus in ``tmp_path``; the end-to-end runs are
marked slow. The corpus cases are in ``tests/corpus/test_bad_input.py``.
"""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook
from reports.notebook_factory import (
    make_good_notebooks,
    params_cell,
    run_main,
    snapshot,
    write_notebook,
)

from storylens.reports import cli, manifest, worker
from storylens.reports.config import check_value

TYPED = (
    'include_captions: bool = False  # count photo captions\n'
    'n_terms: int = 8  # terms shown per article\n'
    'min_z: float = 2.0  # threshold\n'
    'date_from: str = ""  # first day shown, YYYY-MM-DD; empty means the earliest\n'
    'actors: list = []  # actors to show\n'
)  # fmt: skip


def typed_notebooks(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    write_notebook(
        folder / "00-typed.ipynb",
        [new_markdown_cell("# Typed\n\nWhat is declared?"), params_cell(TYPED),
         new_code_cell("print(include_captions, n_terms)")],
    )  # fmt: skip
    return folder


# ------------------------------------------------------------------ config value types


@pytest.mark.parametrize(
    ("config_text", "message"),
    [
        ('include_captions: "no"\n', "parameter 'include_captions' (CONFIG) of notebook "
         "00-typed is declared bool, but the value is the text 'no'; write true or false"),
        ('n_terms: "eight"\n', "'n_terms' (CONFIG) of notebook 00-typed is declared int, but "
         "the value is the text 'eight'; write a whole number"),
        ("n_terms: true\n", "declared int, but the value is True"),
        ('min_z: "2.5"\n', "declared float, but the value is the text '2.5'"),
        ("actors: Starmer\n", "declared list, but the value is the text 'Starmer'; write a list"),
        ('date_from: "21 Feb"\n', "'date_from' (CONFIG) of notebook 00-typed: '21 Feb' is not "
         "a day; write it as YYYY-MM-DD"),
        ("date_from: 2025-13-45\n", "CONFIG: a date that is not a real day (month must be in "
         "1..12); write it as YYYY-MM-DD"),
        ("notebooks:\n  typed:\n    n_terms: 2.5\n", "declared int, but the value is 2.5"),
    ],
)  # fmt: skip
def test_config_values_are_checked_against_declared_types_before_any_notebook(
    tmp_path, config_text, message
):
    folder = typed_notebooks(tmp_path / "notebooks")
    config = tmp_path / "config.yaml"
    config.write_text(config_text, encoding="utf-8")
    out = tmp_path / "out"
    done = run_main("--notebooks", folder, "--out", out, "--config", config)
    assert done.code == 2
    assert message.replace("CONFIG", str(config)) in done.stderr
    assert "Traceback" not in done.stderr
    assert not out.exists()  # refused before anything was written


@pytest.mark.parametrize(
    ("kind", "value"),
    [("bool", False), ("int", 3), ("float", 3), ("float", 2.5), ("str", "soldiers"),
     ("list", ["Starmer"]), ("dict", {"a": 1}), ("str", "")],
)  # fmt: skip
def test_values_of_the_declared_type_pass(kind, value):
    check_value("00-typed", "p", value, {"inferred_type_name": kind, "help": "a value"}, "")
    assert check_value("00-typed", "p", "2025-02-21", {"inferred_type_name": "str",
                       "help": "first day, YYYY-MM-DD"}, "") is None  # fmt: skip


# ------------------------------------------------------------------------- memory cap


@pytest.mark.parametrize(("megabytes", "fails"), [(100, False), (4000, True)])
def test_the_memory_launcher_caps_the_kernel_it_becomes(megabytes, fails):
    script = f"x = bytearray({megabytes} * 2**20); print(len(x) // 2**20)"
    command = worker.limited_command([sys.executable, "-c", script], worker.memory_bytes(2))
    assert command[:2] == [sys.executable, "-c"] and command[3] == str(2 * 2**30)
    done = subprocess.run(command, capture_output=True, text=True)
    if fails:
        assert done.returncode == 1 and "MemoryError" in done.stderr
    else:
        assert (done.returncode, done.stdout.strip()) == (0, "100")


def test_under_the_cap_arrow_uses_the_system_allocator():
    """mimalloc would reserve about 1 GB of address space at the first Arrow allocation,
    counted by the cap though never used; a pool the user chose is kept."""
    script = (
        "import os, pyarrow as pa, pandas as pd; pd.array(['a'], dtype='string[pyarrow]');"
        "size = [l for l in open('/proc/self/status') if l.startswith('VmSize')][0];"
        "print(pa.default_memory_pool().backend_name, int(size.split()[1]) // 1024)"
    )
    command = worker.limited_command([sys.executable, "-c", script], worker.memory_bytes(2))
    backend, megabytes = subprocess.run(command, capture_output=True, text=True).stdout.split()
    assert backend == "system" and int(megabytes) < 900
    chosen = subprocess.run(command, capture_output=True, text=True,
                            env={**os.environ, "ARROW_DEFAULT_MEMORY_POOL": "jemalloc"})  # fmt: skip
    assert chosen.stdout.split()[0] == "jemalloc"


def test_no_memory_limit_leaves_the_kernel_command_alone():
    command = ["python", "-m", "ipykernel_launcher", "-f", "k.json"]
    assert worker.limited_command(command, None) == command
    assert worker.limited_command(command, "") == command


@pytest.mark.parametrize(
    ("value", "ok"),
    [("", "auto"), ("auto", "auto"), ("1.5", 1.5), ("0", 0.0), ("lots", None), ("-2", None)],
)
def test_the_memory_limit_comes_from_the_environment(monkeypatch, value, ok):
    monkeypatch.setenv(cli.MEMORY_LIMIT_VARIABLE, value)
    if ok is None:
        with pytest.raises(cli.ReportsError, match=f"STORYLENS_MEMORY_LIMIT_GB is '{value}'"):
            cli.memory_limit_default()
    else:
        assert cli.memory_limit_default() == ok


def test_a_memory_error_names_the_limit_and_the_option():
    nb = new_notebook()
    cell = new_code_cell("sentences = text.split('troops') * 10**9", execution_count=2)
    cell.outputs = [{"output_type": "error", "ename": "MemoryError", "evalue": "",
                     "traceback": ["MemoryError"]}]  # fmt: skip
    nb.cells = [new_markdown_cell("# T"), params_cell(), cell]
    report = worker.error_report(nb, 600, RuntimeError("unused"), worker.memory_bytes(4))
    assert (report.ename, report.cell_index) == ("MemoryError", 2)
    assert report.evalue.startswith("the kernel reached its memory limit (4 GB)")
    assert "--memory-limit" in report.evalue


def test_a_dead_kernel_names_the_cell_it_was_running():
    nb = new_notebook()
    done = new_code_cell("total = 0", execution_count=1)
    done.metadata["papermill"] = {"status": "completed", "start_time": "2026-01-01T00:00:00"}
    killed = new_code_cell("import os, signal\nos.kill(os.getpid(), signal.SIGKILL)",
                           execution_count=2)  # fmt: skip
    killed.metadata["papermill"] = {"status": "completed", "start_time": "2026-01-01T00:00:01"}
    after = new_code_cell("print('never')")
    after.metadata["papermill"] = {"status": "pending", "start_time": None}
    nb.cells = [new_markdown_cell("# Killed"), params_cell(), done, killed, after]
    error = type("DeadKernelError", (RuntimeError,), {})("Kernel died")
    report = worker.error_report(nb, 600, error, worker.memory_bytes(4))
    assert report.cell_index == 3
    assert report.source_head.startswith("import os, signal")
    assert report.evalue.startswith("the kernel died while this cell ran")


# --------------------------------------------------------------------------- full disk


def test_a_full_disk_in_a_notebook_is_named():
    error = OSError(errno.ENOSPC, "No space left on device", "out/notebooks/00-a.ipynb")
    report = worker.error_report(None, 600, error)
    assert report.evalue == ("no space left on device (ENOSPC) writing out/notebooks/00-a.ipynb; "
                             "free some space or pass --out on another disk")  # fmt: skip


def test_half_a_notebook_left_by_a_full_disk_is_not_a_second_error(tmp_path):
    cut = tmp_path / "00-a.ipynb"
    cut.write_text('{"cells": [{"cell_type": "code", "sou')
    assert worker._partial_notebook(cut) is None  # noqa: SLF001 - the guard itself
    assert worker._partial_notebook(tmp_path / "none.ipynb") is None  # noqa: SLF001


def test_a_full_disk_in_the_runner_is_one_line_and_exit_1(monkeypatch, capsys):
    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", "/out/manifest.json")

    monkeypatch.setattr(cli, "run_reports", full)
    assert cli.main(["--out", "/out"]) == 1
    err = capsys.readouterr().err.strip()
    assert err == ("storylens reports: error: [Errno 28] No space left on device: "
                   "'/out/manifest.json'; free some space or pass another --out")  # fmt: skip


# ---------------------------------------------------------------- the manifest's listing


def test_the_manifest_lists_no_link_out_of_the_corpus_and_survives_an_unreadable_file(
    tmp_path, monkeypatch
):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Kyiv agreed to talks.")
    (corpus / "b.txt").write_text("Russia refused the plan.")
    (tmp_path / "secret.txt").write_text("not part of the story")
    os.symlink(tmp_path / "secret.txt", corpus / "link.txt")
    real = manifest.sha256_file

    def sha(path):
        if path.name == "b.txt":
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(manifest, "sha256_file", sha)
    files = {f["path"]: f["sha256"] for f in manifest.corpus_files(corpus)}
    assert sorted(files) == ["a.txt", "b.txt"]
    assert files["b.txt"] == "unreadable: Permission denied"


# ------------------------------------------------------------------ end to end (slow)


KILLER = "import os, signal\nos.kill(os.getpid(), signal.SIGKILL)"
HOG = "chunks = [bytearray(256 * 2**20) for _ in range(40)]  # 10 GB"


def _faulty(folder: Path, name: str, source: str) -> Path:
    folder.mkdir(parents=True)
    write_notebook(folder / f"00-{name}.ipynb", [new_markdown_cell(f"# {name}"), params_cell(),
                   new_code_cell("total = 0"), new_code_cell(source)])  # fmt: skip
    return folder


@pytest.fixture(scope="module")
def faults(tmp_path_factory):
    """A good run, then a notebook whose kernel is killed and one that asks for 10 GB
    under a 2 GB cap, both into the same output folder."""
    root = tmp_path_factory.mktemp("faults")
    out = root / "out"
    good = run_main("--notebooks", make_good_notebooks(root / "good"), "--out", out)
    before = snapshot(out / "reports")
    killed = run_main("--notebooks", _faulty(root / "killed", "killed", KILLER), "--out", out)
    after_kill = snapshot(out / "reports")
    hog = run_main("--notebooks", _faulty(root / "hog", "hog", HOG), "--out", out,
                   "--memory-limit", "2")  # fmt: skip
    return SimpleNamespace(out=out, good=good, killed=killed, hog=hog, before=before,
                           after_kill=after_kill, after_hog=snapshot(out / "reports"))  # fmt: skip


@pytest.mark.slow
def test_a_killed_kernel_is_reported_naming_the_cell_and_keeps_the_reports(faults):
    assert faults.good.code == 0, faults.good.stderr
    assert faults.killed.code == 1
    assert "FAILED 00-killed" in faults.killed.stderr
    assert "cell 3 (execution count" in faults.killed.stderr
    assert "| os.kill(os.getpid(), signal.SIGKILL)" in faults.killed.stderr
    assert "DeadKernelError: the kernel died while this cell ran" in faults.killed.stderr
    assert faults.after_kill == faults.before  # the previous reports are intact


@pytest.mark.slow
def test_a_kernel_over_its_memory_cap_fails_naming_the_cell_and_the_limit(faults):
    assert faults.hog.code == 1, faults.hog.stderr
    assert "cell 3 (execution count" in faults.hog.stderr
    assert "| chunks = [bytearray(256 * 2**20)" in faults.hog.stderr
    assert "memory limit (2 GB)" in faults.hog.stderr
    assert faults.after_hog == faults.before
    failed = json.loads((faults.out / "failed" / "manifest.json").read_text())
    assert failed["run"]["memory_limit_gb"] == 2


# ----------------------------------------------- JOBS and ONLY reach the runner as values


def test_jobs_and_only_come_from_the_environment_as_plain_values(monkeypatch, tmp_path):
    monkeypatch.setenv(cli.COUNT_VARIABLES["jobs"], "3")
    assert cli.build_parser().parse_args([]).jobs == 3
    assert cli.build_parser().parse_args(["--jobs", "1"]).jobs == 1  # the option wins
    monkeypatch.setenv(cli.COUNT_VARIABLES["only"], "00-lengths,outlets")
    assert cli.only_from_environment() == ["00-lengths,outlets"]
    monkeypatch.setenv(cli.COUNT_VARIABLES["only"], "")
    assert cli.only_from_environment() is None


def test_a_hostile_only_is_one_unmatched_name_and_runs_nothing(monkeypatch, tmp_path):
    marker = tmp_path / "pwned"
    monkeypatch.setenv(cli.COUNT_VARIABLES["only"], f"x; touch {marker} `touch {marker}`")
    done = run_main("--notebooks", make_good_notebooks(tmp_path / "nb"), "--out", tmp_path / "o")
    assert done.code == 2
    assert "matches no notebook" in done.stderr and not marker.exists()


def test_a_hostile_jobs_is_refused_by_the_option_parser(monkeypatch, capsys):
    monkeypatch.setenv(cli.COUNT_VARIABLES["jobs"], "2; touch /tmp/pwned")
    with pytest.raises(SystemExit) as stop:
        cli.build_parser().parse_args([])
    assert stop.value.code == 2
    assert "--jobs: invalid" in capsys.readouterr().err
