"""Tests for storylens.reports.runner: the whole command on small notebooks, and stopping.

The end-to-end tests (marked slow) run ``python -m storylens reports`` on small notebooks
made with nbformat (``notebook_factory.py``), including a broken one and a slow one, into
temporary folders.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import shutil
import signal
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from types import SimpleNamespace

import nbformat
import pandas as pd
import pytest

from storylens import load_corpus
from storylens.compat import pool_processes
from storylens.paths import seeds_dir
from storylens.reports import manifest, runner, staging
from storylens.reports.api import table_csv
from storylens.reports.links import article_href

from .notebook_factory import (
    EXTERNAL_RESOURCE,
    make_broken_notebooks,
    make_good_notebooks,
    make_slow_notebook,
    run_main,
    snapshot,
)


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
    second = run_main(*common, "--force")  # unchanged, run again: the same CSVs
    snap2 = snapshot(out)
    manifest2 = json.loads((out / "manifest.json").read_text())
    third = run_main("--notebooks", broken, "--out", out, "--jobs", "2")
    snap3 = snapshot(out)
    slow = run_main("--notebooks", make_slow_notebook(root / "slow"), "--out", root / "out-slow",
                    "--timeout", "2")  # fmt: skip
    fourth = run_main(*common, "--only", "01-outlets")
    snap4 = snapshot(out)
    manifest4 = json.loads((out / "manifest.json").read_text())
    # On a copy of that folder, so the tests above read the fourth run's outputs:
    again = root / "again"
    shutil.copytree(out, again)
    common_again = ["--notebooks", good, "--out", again, *common[4:]]
    fifth = run_main(*common_again)  # nothing changed since the fourth: every report is kept
    snap5 = snapshot(again)
    manifest5 = json.loads((again / "manifest.json").read_text())
    edited = shutil.copytree(good, root / "edited")
    lengths = nbformat.read(edited / "00-lengths.ipynb", as_version=4)
    lengths.cells[0].source += "\n\nAn added note."
    nbformat.write(lengths, edited / "00-lengths.ipynb")
    sixth = run_main("--notebooks", edited, *common_again[2:])  # one edited: only it runs
    snap6 = snapshot(again)
    manifest6 = json.loads((again / "manifest.json").read_text())
    return SimpleNamespace(
        root=root, out=out, good=good, first=first, second=second, third=third, fourth=fourth, slow=slow,
        snap1=snap1, snap2=snap2, snap3=snap3, snap4=snap4, manifest1=manifest1,
        manifest2=manifest2, manifest4=manifest4, fifth=fifth, snap5=snap5, manifest5=manifest5,
        sixth=sixth, snap6=snap6, manifest6=manifest6,
    )  # fmt: skip


def _managed(snap: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in snap.items() if k.split("/")[0] in staging.MANAGED}


@pytest.mark.slow
def test_a_run_writes_every_output(runs, seeds):
    assert runs.first.code == 0, runs.first.stderr
    articles = [article_href(d) for d in seeds.documents["doc_id"]] + ["articles/index.html"]
    expected = {
        *(f"reports/{href}" for href in articles),
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
        assert re.search(
            rf"\] finished {name} in \d+\.\d s, kernel peak [\d,]+ MB\n", runs.first.stderr
        )


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
    kernel = manifest.kernel_spec()
    assert printed.splitlines() == [kernel["argv"][0], "0", "soldiers default"]
    assert Path(kernel["argv"][0]).resolve() == Path(sys.executable).resolve()


@pytest.mark.slow
def test_csvs_match_the_library_and_rerun_identically(runs):
    docs = load_corpus(seeds_dir()).documents
    lengths = docs[["doc_id", "n_sentences", "n_tokens"]].assign(
        tokens_per_sentence=docs["n_tokens"] / docs["n_sentences"]
    )
    csv = (runs.out / "data" / "00-lengths" / "lengths.csv").read_text(encoding="utf-8")
    assert csv == table_csv(lengths)
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
    assert m["run"]["memory_limit_gb"] == 4  # auto: the default for a corpus this small
    # Each kernel's own peak, read before it stops: more than an empty interpreter's.
    assert all(30 < nb["peak_memory_mb"] < 4096 for nb in m["notebooks"]), m["notebooks"]
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
    # report, with code, .ipynb each; 2 CSVs; the article pages; manifest
    assert len(links) == 2 * 3 + 2 + 1 + 1
    assert "articles/index.html" in links
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
def test_an_unchanged_run_keeps_every_report_and_runs_nothing(runs):
    assert runs.fifth.code == 0, runs.fifth.stderr
    for name in ("00-lengths", "01-outlets"):
        assert f"{name}: up to date" in runs.fifth.stderr
    assert "0 notebook(s) to run" in runs.fifth.stderr
    assert "] started" not in runs.fifth.stderr  # no notebook was started
    rewritten = {"manifest.json", "reports/index.html"}
    before = {k: v for k, v in _managed(runs.snap4).items() if k not in rewritten}
    assert before == {k: v for k, v in _managed(runs.snap5).items() if k not in rewritten}
    assert any(k.startswith("reports/articles/") for k in before)  # the pages are kept too
    assert runs.manifest5["run"]["reused"] == ["00-lengths", "01-outlets"]
    assert runs.manifest5["notebooks"] == runs.manifest4["notebooks"]  # entries as they were


@pytest.mark.slow
def test_an_edited_notebook_runs_again_alone(runs):
    assert runs.sixth.code == 0, runs.sixth.stderr
    assert "01-outlets: up to date" in runs.sixth.stderr
    assert "00-lengths: up to date" not in runs.sixth.stderr
    assert runs.manifest6["run"]["reused"] == ["01-outlets"]
    old, new = runs.manifest5["notebooks"], runs.manifest6["notebooks"]
    assert new[1] == old[1]
    assert new[0]["source_sha256"] != old[0]["source_sha256"]
    assert new[0]["inputs_key"] != old[0]["inputs_key"] and new[0]["started"] > old[0]["started"]
    assert runs.snap6["notebooks/01-outlets.ipynb"] == runs.snap5["notebooks/01-outlets.ipynb"]
    assert runs.snap6["notebooks/00-lengths.ipynb"] != runs.snap5["notebooks/00-lengths.ipynb"]


@pytest.mark.slow
def test_a_cell_over_the_timeout_fails_the_run_and_is_named(runs):
    assert runs.slow.code == 1
    assert "FAILED 00-slow" in runs.slow.stderr
    assert "cell 3 (execution count" in runs.slow.stderr
    assert "| time.sleep(60)" in runs.slow.stderr
    assert "CellTimeoutError: a cell ran longer than the per-cell timeout (2 s)" in runs.slow.stderr
    assert not (runs.root / "out-slow" / "reports").exists()
    assert (runs.root / "out-slow" / "failed" / "notebooks" / "00-slow.ipynb").is_file()


# ----------------------------------------------------------------------------- stopping


def _sleeper(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)", *args])


def test_stop_pool_terminates_workers_busy_with_a_task(tmp_path):
    """Issue #14: Ctrl-C read the workers after shutdown() had forgotten them."""
    pool = ProcessPoolExecutor(1, mp_context=runner.pool_context())
    future = pool.submit(time.sleep, 60)
    deadline = time.monotonic() + 20
    while not (future.running() and pool_processes(pool)) and time.monotonic() < deadline:
        time.sleep(0.05)
    workers = pool_processes(pool)
    assert [w.is_alive() for w in workers] == [True]
    runner.stop_pool(pool, tmp_path)
    workers[0].join(
        60
    )  # stop_pool waits 5 s; a loaded machine (a CI run beside a benchmark) took longer
    assert [w.is_alive() for w in workers] == [False]
    assert workers[0].exitcode == -signal.SIGTERM


def test_stop_kernels_kills_only_processes_that_are_still_the_kernel(tmp_path):
    kernel = _sleeper("kernel-abc.json")
    other = _sleeper("something-else")
    try:
        (tmp_path / "kernel-abc.pid").write_text(str(kernel.pid))
        (tmp_path / "kernel-old.pid").write_text(str(other.pid))  # pid reused by another
        (tmp_path / "kernel-bad.pid").write_text("not a number")
        runner.stop_kernels(tmp_path)
        assert kernel.wait(10) == -signal.SIGKILL
        assert other.poll() is None
    finally:
        for process in (kernel, other):
            process.kill()
            process.wait()
