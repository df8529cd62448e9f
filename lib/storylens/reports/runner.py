"""The runner behind ``python -m storylens reports`` (what ``make reports`` calls).

:func:`run_reports` checks the request (notebooks, config, corpus, kernel) before anything
is written, runs the notebooks several at once in worker processes
(:mod:`storylens.reports.worker`), writes the manifest and the landing page, and moves the
run into place (:mod:`storylens.reports.staging`).

The runner injects ``corpus`` (an absolute path), ``data_dir`` (an absolute path to the
notebook's own data folder inside the run's staging folder) and any values from
``--config`` (:mod:`storylens.reports.config`). The executed notebooks therefore show the
staging path as ``data_dir`` in their injected parameters cell; the manifest records it
as ``data/NN-slug``. Times appear only in ``manifest.json`` and ``index.html``, never in
the CSVs.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import multiprocessing
import os
import queue
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from pathlib import Path
from typing import Any, TextIO

from storylens.compat import pool_processes, skip_rfc3987_syntax
from storylens.memory import release_unused_memory
from storylens.paths import notebooks_dir, outputs_dir, seeds_dir
from storylens.reports.articles import write_articles
from storylens.reports.config import Config, Story, check_story, load_config, plan_parameters
from storylens.reports.errors import ReportsError
from storylens.reports.links import ARTICLES_DIR
from storylens.reports.manifest import (
    MANIFEST_VERSION,
    CorpusGlance,
    NotebookRun,
    carried_over,
    corpus_files,
    corpus_glance,
    display_path,
    fingerprint,
    inputs_key,
    kernel_spec,
    notebook_entry,
    package_versions,
    previous_manifest,
    sha256_file,
    up_to_date,
    utc_now,
)
from storylens.reports.memory_plan import AUTO, available_gb, plan_memory
from storylens.reports.notebooks import Notebook, choose_targets, find_notebooks, inspect
from storylens.reports.render import render_index
from storylens.reports.staging import (
    fresh_staging,
    keep_failed,
    link_tree,
    locked,
    promote_all,
    promote_some,
    remove,
)
from storylens.reports.worker import (
    DEFAULT_MEMORY_LIMIT_GB,
    Task,
    init_worker,
    memory_bytes,
    run_one,
)

__all__ = [
    "DEFAULT_TIMEOUT",
    "RunResult",
    "Request",
    "usable_cores",
    "say",
    "check_request",
    "with_keys",
    "with_reuse",
    "build_manifest",
    "print_failure",
    "run_reports",
    "pool_context",
    "run_pool",
    "stop_kernels",
    "stop_pool",
    "drain",
    "store_for_notebooks",
    "with_memory",
]

DEFAULT_TIMEOUT = 600  # seconds per cell


@dataclasses.dataclass
class RunResult:
    """What :func:`run_reports` did: ``ok``, the output folder and the manifest written."""

    ok: bool
    out: Path
    manifest: dict[str, Any]
    failed: list[str]


@dataclasses.dataclass(frozen=True)
class Request:
    """A checked request: every path resolved, notebooks read, parameters valid."""

    corpus: Path
    out: Path
    notebook_folder: Path
    notebooks: list[Notebook]
    targets: list[str]
    only: bool  # whether --only picked the targets
    config: Config
    jobs: int
    timeout: float
    argv: list[str]
    kernel: dict[str, Any]
    story: Story | None = None
    memory_limit: int | None = None  # bytes of address space per kernel; None: no cap
    keys: dict[str, str] = dataclasses.field(default_factory=dict)  # name -> inputs_key
    reused: tuple[str, ...] = ()  # notebooks kept from the last run (up to date)
    articles_key: str = ""  # what the article pages depend on
    processes: int = 1  # for the reader pages: --jobs, else every usable core
    articles_current: bool = False  # whether the last run's article pages are kept

    @property
    def by_name(self) -> dict[str, Notebook]:
        return {nb.name: nb for nb in self.notebooks}


def usable_cores() -> int:
    """Cores this process may run on (a container's limit, not the host's count)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def say(stream: TextIO, message: str) -> None:
    """Print one progress line to ``stream`` at once."""
    print(message, file=stream, flush=True)


def _resolve(path: str | os.PathLike[str] | None, default: Path) -> Path:
    return Path(path).resolve() if path not in (None, "") else default


def check_request(
    corpus: str | os.PathLike[str] | None,
    *,
    out: str | os.PathLike[str] | None,
    config: str | os.PathLike[str] | None,
    notebooks: str | os.PathLike[str] | None,
    only: Sequence[str] | None,
    jobs: int | None,
    timeout: float,
    argv: Sequence[str] | None,
    stream: TextIO,
    story: str | os.PathLike[str] | None = None,
    memory_limit_gb: float | str | None = AUTO,
) -> Request:
    """The request of :func:`run_reports`, checked: raises :class:`ReportsError` when bad."""
    corpus_path = _resolve(corpus, seeds_dir().resolve())
    if not corpus_path.exists():
        raise ReportsError(f"corpus {corpus_path} does not exist; pass a folder or file")
    folder = _resolve(notebooks, notebooks_dir())
    kernel = kernel_spec()
    found = find_notebooks(folder)
    for other in sorted(set(folder.glob("*.ipynb")) - set(found)):
        say(stream, f"note: skipping {other.name} (report notebooks are named NN-slug.ipynb)")
    read = [inspect(p) for p in found]
    targets, picked = choose_targets([nb.name for nb in read], only)
    cfg = load_config(config)
    checked_story = check_story(story, corpus_path)
    # Checked with placeholder folders, so a bad config fails before anything is written.
    plan_parameters(read, cfg, targets=targets, corpus=corpus_path,
                    data_dirs=dict.fromkeys(targets), story=checked_story)  # fmt: skip
    n_jobs = max(1, min(jobs or usable_cores(), len(targets)))
    return Request(corpus_path, _resolve(out, outputs_dir()), folder, read, targets, picked,
                   cfg, n_jobs, timeout, list(argv or []), kernel, checked_story,
                   None if memory_limit_gb == AUTO else memory_bytes(memory_limit_gb),
                   processes=max(1, jobs or usable_cores()))  # fmt: skip


def with_memory(
    request: Request, articles: int, limit_gb: float | str | None, stream: TextIO
) -> Request:
    """``request`` with each kernel's cap and the notebooks run at once that the corpus
    size and the memory available allow (:func:`~storylens.reports.memory_plan.plan_memory`)."""
    plan = plan_memory(articles, limit_gb=limit_gb, jobs=request.jobs,
                       available=available_gb(), default_gb=DEFAULT_MEMORY_LIMIT_GB)  # fmt: skip
    if plan.note:
        say(stream, f"note: {plan.note}")
    return dataclasses.replace(request, memory_limit=memory_bytes(plan.cap_gb), jobs=plan.at_once)


def _story_sha(request: Request) -> str | None:
    return request.story.sha256 if request.story else None


def with_keys(request: Request, corpus_id: str) -> Request:
    """``request`` with the :func:`~storylens.reports.manifest.inputs_key` of each
    notebook and the key of the article pages (corpus, story, library)."""
    plan = plan_parameters(request.notebooks, request.config, targets=request.targets,
                           corpus=request.corpus, data_dirs=dict.fromkeys(request.targets),
                           story=request.story)  # fmt: skip
    by_name, story = request.by_name, _story_sha(request)
    keys = {
        name: inputs_key(sha256_file(by_name[name].path), plan[name], corpus_id, story)
        for name in request.targets
    }
    articles = inputs_key("articles", {}, corpus_id, story)
    return dataclasses.replace(request, keys=keys, articles_key=articles)


def with_reuse(request: Request, stream: TextIO) -> Request:
    """``request`` without the notebooks whose last run in the output folder is up to
    date (same inputs, outputs all there), which are kept as they are; the article pages
    are kept too when their key is the same. Notebooks picked by ``--only`` always run."""
    previous, note = previous_manifest(request.out)
    if note:
        say(stream, note)
    fresh = [] if request.only else up_to_date(previous, request.out, request.keys)
    for name in fresh:
        say(stream, f"{name}: up to date (same corpus, story, parameters, notebook and "
                    "library as the last run), kept; --force runs it again")  # fmt: skip
    pages = request.out / "reports" / ARTICLES_DIR / "index.html"
    current = bool(
        previous
        and (previous.get("articles") or {}).get("inputs_key") == request.articles_key
        and pages.is_file()
    )
    targets = [name for name in request.targets if name not in fresh]
    return dataclasses.replace(
        request, targets=targets, reused=tuple(fresh), articles_current=current
    )


def _tasks(request: Request, staging: Path) -> tuple[list[Task], dict[str, dict[str, Any]]]:
    plan = plan_parameters(
        request.notebooks,
        request.config,
        targets=request.targets,
        corpus=request.corpus,
        data_dirs={name: staging / "data" / name for name in request.targets},
        story=request.story,
    )
    by_name, total = request.by_name, len(request.targets)
    tasks = [
        Task(i + 1, total, name, by_name[name].title, str(by_name[name].path), str(staging),
             plan[name], request.timeout, request.memory_limit)
        for i, name in enumerate(request.targets)
    ]  # fmt: skip
    return tasks, plan


def _run_section(request: Request, started: str, clock: float) -> dict[str, Any]:
    return {
        "started": started,
        "finished": utc_now(),
        "duration_s": round(time.monotonic() - clock, 2),
        "command": ["python", "-m", "storylens", "reports", *request.argv],
        "only": request.targets if request.only else None,
        "jobs": request.jobs,
        "timeout_s": request.timeout,
        "memory_limit_gb": request.memory_limit / 2**30 if request.memory_limit else None,
        "reused": list(request.reused),
        "kernel": request.kernel,
        "notebook_folder": display_path(request.notebook_folder),
    }


def build_manifest(
    request: Request,
    glance: CorpusGlance,
    files: list[dict[str, Any]],
    entries: list[dict[str, Any]],
    *,
    ok: bool,
    run: dict[str, Any],
) -> dict[str, Any]:
    """The whole ``manifest.json`` of a run (``entries``: one per notebook, in any order)."""
    names = [nb.name for nb in request.notebooks]
    cfg = request.config
    return {
        "manifest_version": MANIFEST_VERSION,
        "status": "ok" if ok else "failed",
        "run": run,
        "corpus": {
            "path": str(request.corpus),
            "fingerprint": fingerprint(files),
            **glance.summary,
            "files": files,
        },
        "story": {
            "path": str(request.story.path) if request.story else None,
            "given": request.story.given if request.story else False,
            "sha256": request.story.sha256 if request.story else None,
        },
        "config": {
            "path": str(cfg.path) if cfg.path else None,
            "sha256": cfg.sha256,
            "common": cfg.common,
            "notebooks": cfg.per_notebook,
        },
        "packages": package_versions(),
        "articles": {"inputs_key": request.articles_key},
        "notebooks": sorted(entries, key=lambda e: names.index(e["name"])),
    }


def _write_run(staging: Path, manifest: dict[str, Any], documents: list[dict[str, Any]]) -> None:
    (staging / "reports").mkdir(exist_ok=True)
    (staging / "reports" / "index.html").write_text(
        render_index(manifest, documents), encoding="utf-8"
    )
    (staging / "manifest.json").write_text(
        json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )


def print_failure(stream: TextIO, entry: dict[str, Any], kept: Path) -> None:
    """Tell the terminal where a notebook failed: cell, its first lines, the error."""
    error = entry["error"]
    where = (
        f"cell {error['cell_index']} (execution count {error['execution_count']})"
        if error["cell_index"] is not None
        else "before or after its cells ran"
    )
    say(stream, f"\nFAILED {entry['name']} ({entry['source']}), {where}:")
    if error["source_head"]:
        say(stream, "\n".join(f"    | {line}" for line in error["source_head"].splitlines()))
    tail = error["traceback"].strip().splitlines()[-12:]
    if tail:
        say(stream, "\n".join(f"    {line}" for line in tail))
    say(stream, f"{error['ename']}: {error['evalue']}")
    say(stream, f"executed notebook kept: {kept / 'notebooks' / (entry['name'] + '.ipynb')}")


def _finish(
    request: Request,
    staging: Path,
    manifest: dict[str, Any],
    entries: list[dict[str, Any]],
    clock: float,
    stream: TextIO,
) -> RunResult:
    """Promote a good run, or keep a failed one in ``failed/`` and say what failed."""
    out, duration = request.out, time.monotonic() - clock
    if manifest["status"] == "ok":
        if request.only or request.reused:
            promote_some(staging, out, request.targets)
        else:
            promote_all(staging, out)
        remove(staging)
        say(stream, f"reports: {out / 'reports' / 'index.html'} ({duration:.1f} s)")
        return RunResult(True, out, manifest, [])
    kept = keep_failed(staging, out)
    failed = [e for e in entries if e["status"] != "ok"]
    for entry in failed:
        print_failure(stream, entry, kept)
    say(
        stream,
        f"\n{len(failed)} of {len(entries)} notebook(s) failed ({duration:.1f} s); this run "
        f"is kept in {kept}; the previous reports in {out / 'reports'} are unchanged",
    )
    return RunResult(False, out, manifest, [e["name"] for e in failed])


def _carried(request: Request, ok: bool, stream: TextIO) -> list[dict[str, Any]]:
    if not ((request.only or request.reused) and ok):
        return []
    previous, note = previous_manifest(request.out)
    if note:
        say(stream, note)
    names = [nb.name for nb in request.notebooks]
    return carried_over(previous, request.out, names, request.targets)


def _execute_request(
    request: Request,
    glance: CorpusGlance,
    files: list[dict[str, Any]],
    started: str,
    clock: float,
    stream: TextIO,
) -> RunResult:
    """Under the output folder's lock: stage, run, write the manifest, promote or keep."""
    staging = fresh_staging(request.out)
    tasks, plan = _tasks(request, staging)
    try:
        # The reader pages first, so every evidence sentence the notebooks show can link
        # to its place in them (tables link only to pages that exist).
        if request.articles_current:
            link_tree(request.out / "reports" / ARTICLES_DIR, staging / "reports" / ARTICLES_DIR)
        else:
            write_articles(request.corpus, staging / "reports",
                           registry=request.story and request.story.path,
                           jobs=request.processes)  # fmt: skip
        runs = run_pool(tasks, request.jobs, stream)
    except BaseException:
        remove(staging)
        raise
    ok = all(r.status == "ok" for r in runs.values())
    by_name, corpus_id = request.by_name, fingerprint(files)
    entries = [
        notebook_entry(by_name[n], plan[n], runs[n], corpus_id, request.keys[n])
        for n in request.targets
    ]
    carried = _carried(request, ok, stream)
    run = _run_section(request, started, clock)
    manifest = build_manifest(request, glance, files, [*entries, *carried], ok=ok, run=run)
    _write_run(staging, manifest, glance.documents)
    return _finish(request, staging, manifest, entries, clock, stream)


def run_reports(
    corpus: str | os.PathLike[str] | None = None,
    *,
    out: str | os.PathLike[str] | None = None,
    config: str | os.PathLike[str] | None = None,
    notebooks: str | os.PathLike[str] | None = None,
    only: Sequence[str] | None = None,
    jobs: int | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    stream: TextIO | None = None,
    argv: Sequence[str] | None = None,
    story: str | os.PathLike[str] | None = None,
    memory_limit_gb: float | str | None = AUTO,
    scheduler: str | None = None,
    force: bool = False,
    store: str | None = None,
) -> RunResult:
    """Execute and render the report notebooks into ``out`` (default ``outputs/``).

    The output folder::

        manifest.json                   the run manifest (also shown in reports/index.html)
        notebooks/NN-slug.ipynb         each notebook as executed, with its outputs
        reports/index.html              landing page: links, corpus at a glance, manifest
        reports/NN-slug.html            full report, code shown
        reports/NN-slug.share.html      the same without code, prompts or stderr: to send on
        data/NN-slug/<table>.csv        the data behind each chart and table (save_table)
        failed/                         the last failed run, same layout plus kernel logs

    ``story`` is the story file (``--story``; default: ``story.yaml`` beside the corpus),
    checked before anything runs and passed to the notebooks that declare ``story``.
    ``memory_limit_gb`` caps each kernel's address space (None or 0: no cap; the default,
    ``"auto"``: :data:`~storylens.reports.worker.DEFAULT_MEMORY_LIMIT_GB`, or more for a
    big corpus, and fewer notebooks at once when the memory available would not hold
    them; see :mod:`storylens.reports.memory_plan`): a cell over it fails with a
    ``MemoryError`` (or a dead kernel) reported with the cell.
    Before the notebooks, :func:`storylens.reports.prepass.run_prepass` annotates every
    document once on ``jobs`` processes (or the Dask ``scheduler``) into the cache:
    the per-document store, ``store`` (a folder or fsspec URL; ``--store``, default
    ``$STORYLENS_STORE``, else the cache folder), which the notebooks then read too.

    A notebook whose last run in ``out`` had the same inputs (corpus files, story,
    parameters, notebook source, library code and package versions; see
    :func:`~storylens.reports.manifest.inputs_key`) and left all its outputs is kept as it
    is, not run again, and so are the article pages: an unchanged corpus re-renders in
    seconds. ``force`` runs every notebook and writes every page again.

    Raises :class:`ReportsError` for a bad request (then nothing is run or written): a
    missing corpus, one with no articles (the loader's message), a story file the registry
    refuses (naming the file and entry), a config key no notebook declares. A
    notebook that fails gives ``RunResult(ok=False)`` after the others have finished.
    """
    stream = stream or sys.stderr
    clock, started = time.monotonic(), utc_now()
    skip_rfc3987_syntax()
    request = check_request(corpus, out=out, config=config, notebooks=notebooks, only=only,
                            jobs=jobs, timeout=timeout, argv=argv, stream=stream,
                            story=story, memory_limit_gb=memory_limit_gb)  # fmt: skip
    glance = corpus_glance(request.corpus)
    release_unused_memory()  # the corpus the glance loaded is gone: this process waits long
    request = with_memory(request, glance.summary["documents"], memory_limit_gb, stream)
    files = corpus_files(request.corpus)
    request = with_keys(request, fingerprint(files))
    if not force:
        request = with_reuse(request, stream)
    say(
        stream,
        f"storylens reports: {len(request.targets)} notebook(s) to run, {request.jobs} at a time; "
        f"corpus {request.corpus} ({glance.summary['documents']} documents); "
        f"output {request.out}",
    )
    from storylens.reports.prepass import run_prepass

    with store_for_notebooks(store):
        run_prepass(request, jobs=jobs or usable_cores(), scheduler=scheduler, stream=stream)
        release_unused_memory()  # and so is the corpus of the pass
        with locked(request.out):
            return _execute_request(request, glance, files, started, clock, stream)


@contextlib.contextmanager
def store_for_notebooks(store: str | None):
    """``$STORYLENS_STORE`` set to ``store`` (when given) while the prepass and the
    notebooks' kernels (which inherit it) run, and restored after. Raises
    :class:`ReportsError` for a URL whose protocol is unknown or not installed."""
    from storylens.analysis import STORE_VARIABLE
    from storylens.corpus.location import StoreLocationError, open_location

    if not store:
        yield
        return
    try:
        open_location(store)
    except StoreLocationError as err:
        raise ReportsError(f"--store: {err}") from err
    before = os.environ.get(STORE_VARIABLE)
    os.environ[STORE_VARIABLE] = store
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(STORE_VARIABLE, None)
        else:
            os.environ[STORE_VARIABLE] = before


# --------------------------------------------------------------------------- the pool


def pool_context():
    """``fork`` where it is safe (POSIX, no other threads): workers start with imports done."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1 and sys.platform != "darwin":
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def run_pool(tasks: list[Task], n_jobs: int, stream: TextIO) -> dict[str, NotebookRun]:
    """Run the tasks across ``n_jobs`` processes, printing progress as they start and end."""
    context = pool_context()
    events = context.Queue()
    runtime = tempfile.mkdtemp(prefix="storylens-")  # short path: ipc socket names < 108 B
    results: dict[str, NotebookRun] = {}
    width = len(str(len(tasks)))
    pool = ProcessPoolExecutor(
        n_jobs, mp_context=context, initializer=init_worker, initargs=(events, runtime)
    )
    try:
        pending = {pool.submit(run_one, task): task for task in tasks}
        while pending:
            done, _ = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
            drain(events, stream, width, len(tasks))
            for future in done:
                results[pending.pop(future).name] = future.result()
        pool.shutdown()
        drain(events, stream, width, len(tasks))
    except BaseException:  # Ctrl-C or a broken worker: stop everything this run started
        stop_pool(pool, runtime)
        raise
    finally:
        shutil.rmtree(runtime, ignore_errors=True)
    return results


def stop_kernels(runtime: str | os.PathLike[str]) -> None:
    """Kill the kernels whose pid files are in ``runtime`` (``kernel-*.pid``).

    Only a process that is still that kernel: its command line names the connection file
    beside the pid file. A pid file that is unreadable, or names a process that has ended
    or become something else, is ignored.
    """
    for pid_file in Path(runtime).glob("kernel-*.pid"):
        with contextlib.suppress(ValueError, OSError):
            pid = int(pid_file.read_text())
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
            if pid_file.with_suffix(".json").name.encode() in cmdline:
                os.kill(pid, signal.SIGKILL)


def stop_pool(pool: ProcessPoolExecutor, runtime: str | os.PathLike[str]) -> None:
    """Terminate the pool's workers, then the kernels they started (found by pid file).

    The workers are listed before ``shutdown()``, which forgets them (issue #14: read
    after it, the list was empty and the workers ran on).
    """
    workers = pool_processes(pool)
    pool.shutdown(wait=False, cancel_futures=True)
    for worker in workers:
        worker.terminate()
    for worker in workers:
        worker.join(5)
    stop_kernels(runtime)


def drain(events, stream: TextIO, width: int, total: int) -> None:
    """Print every progress message the workers have queued."""
    while True:
        try:
            kind, index, name, status, seconds, *peak = events.get_nowait()
        except queue.Empty:
            return
        if kind == "started":
            say(stream, f"[{index:>{width}}/{total}] started  {name}")
        else:
            verb = "finished" if status == "ok" else "FAILED  "
            memory = f", kernel peak {peak[0]:,} MB" if peak and peak[0] is not None else ""
            say(stream, f"[{index:>{width}}/{total}] {verb} {name} in {seconds:.1f} s{memory}")
