"""Scale: each stage and the whole ``reports`` run on N varied articles, with peak memory.

For each N (default 1,000 and 10,000; ``--huge`` adds 100,000) it writes N articles with
:func:`storylens.synthetic.write_corpus` (the seeds' paragraphs shuffled and varied, plus
sentences from templates; nothing downloaded) into a temporary folder and measures, with
a fresh cache:

  write            generating the articles
  load             load_corpus, writing the corpus cache
  pass 1 core      the per-document pass on one process over the first 500 articles:
                   articles/s/core (CPU time), the goal is >= 100
  pass, N jobs     the whole pass in --jobs processes (what the reports prepass runs)
  read tables      every per-document table read back from the cache
  notebook calls   build_timeline, scored_mentions, actor_stances, figure_table (warm)
  aggregates       the storylens.reports.scale tables (month x outlet, top actors, grid)
  add 1%           N/100 more articles: the pending documents and the time to annotate
  reports          ``python -m storylens reports`` end to end on the N + 1% articles
                   (--no-reports to skip),
                   then again on the unchanged corpus (re-render from the store)

With ``--share-sizes`` only the reports runs are measured: cold, with the size of each
share report (above ``list_articles_up_to``, 60 articles by default, the reports
aggregate, so their size should not follow N), then on the unchanged corpus, then after
adding N/100 articles. ``--keep DIR`` writes everything under DIR and leaves it there.

Peak memory: this process's maximum RSS (``resource``), and for the reports run the
peak of the summed proportional set size (PSS) of its whole process tree (psutil,
sampled every 0.5 s; RSS where PSS is not available).
"cpu" is the CPU time of this process and its finished children (the pass's worker
processes), meaningful when the machine is shared.

Usage: .venv/bin/python benchmarks/bench_scale.py [--articles 1000 10000] [--huge]
       [--jobs 2] [--no-reports] [--share-sizes] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from storylens import analysis, load_corpus
from storylens.actors import actor_stances, registry_for
from storylens.figures import figure_table
from storylens.reports import scale
from storylens.sentiment import scored_mentions
from storylens.synthetic import write_corpus
from storylens.timeline import build_timeline

ONE_CORE_SAMPLE = 500


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu() -> float:
    """CPU seconds of this process and of its finished children (the pass's workers)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


class Timer:
    """Wall and CPU seconds of a block, printed as one row."""

    def __init__(self, label: str, note: str = ""):
        self.label, self.note = label, note

    def __enter__(self):
        self.wall, self.cpu = time.perf_counter(), _cpu()
        return self

    def __exit__(self, *exc):
        self.wall = time.perf_counter() - self.wall
        self.cpu = _cpu() - self.cpu
        print(f"  {self.label:<26} {self.wall:9.2f} {self.cpu:9.2f} {_peak_mb():9.0f}  {self.note}",
              flush=True)  # fmt: skip


def _tree_mb(procs) -> float:
    """The memory of a process tree in MB: the sum of each process's proportional set
    size (PSS: a page shared by n processes counts 1/n in each), where Linux gives it;
    forked workers share most of their parent's pages, which a sum of RSS counts again
    for every worker (at 100,000 articles 17 GB of RSS for 8.4 GB of PSS)."""
    import psutil

    total = 0
    for p in procs:
        try:
            total += p.memory_full_info().pss
        except (AttributeError, psutil.AccessDenied):
            total += p.memory_info().rss
    return total / 2**20


def tree_peak(process: subprocess.Popen, every: float = 0.5) -> list[float]:
    """Start sampling the memory (MB, :func:`_tree_mb`) of ``process`` and its children;
    the returned list holds the peak so far, updated until the process ends."""
    import psutil

    peak = [0.0]

    def sample():
        root = psutil.Process(process.pid)
        while process.poll() is None:
            try:
                peak[0] = max(peak[0], _tree_mb([root, *root.children(recursive=True)]))
            except psutil.Error:
                pass
            time.sleep(every)

    threading.Thread(target=sample, daemon=True).start()
    return peak


def run_reports(folder: Path, out: Path, cache: Path, jobs: int, label: str) -> None:
    env = {**os.environ, "STORYLENS_CACHE": str(cache)}
    command = [sys.executable, "-m", "storylens", "reports", "--corpus", str(folder),
               "--out", str(out), "--jobs", str(jobs)]  # fmt: skip
    start = time.perf_counter()
    with open(out.parent / f"{label}.log", "w") as log:
        process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
        peak = tree_peak(process)
        code = process.wait()
    wall = time.perf_counter() - start
    share = sum(p.stat().st_size for p in (out / "reports").glob("*.share.html")) / 2**20
    status = "ok" if code == 0 else f"FAILED (exit {code}; the end of its log below)"
    print(f"  {label:<26} {wall:9.2f} {'':>9} {peak[0]:9.0f}  {status}; share reports "
          f"{share:.1f} MB in all", flush=True)  # fmt: skip
    kernel_peaks(out)
    if code != 0:  # the temporary folder, log included, is gone once the benchmark ends
        lines = (out.parent / f"{label}.log").read_text(errors="replace").splitlines()
        print("\n".join(f"    | {line}" for line in lines[-25:]), flush=True)


def kernel_peaks(out: Path) -> None:
    """Print each notebook's time and its kernel's peak memory, from the run's manifest
    (the last good run's, or the failed run's kept in ``failed/``)."""
    for manifest in (out / "failed" / "manifest.json", out / "manifest.json"):
        if manifest.is_file():
            run = json.loads(manifest.read_text(encoding="utf-8"))
            break
    else:
        return
    cap = run["run"].get("memory_limit_gb")
    for nb in run["notebooks"]:
        peak = nb.get("peak_memory_mb")
        peak = "?" if peak is None else f"{peak:,}"
        print(f"    {nb['name']:<28} {nb['duration_s']:8.1f} s  kernel peak {peak} MB "
              f"of a {cap or 'no'} GB cap, {nb['status']}", flush=True)  # fmt: skip


def share_sizes(out: Path) -> None:
    """Print the size of each share report in ``out``."""
    for path in sorted((out / "reports").glob("*.share.html")):
        print(f"  {path.name:<40} {path.stat().st_size / 2**20:9.2f} MB", flush=True)


def measure_reports(folder: Path, root: Path, n: int, jobs: int) -> None:
    """The reports runs alone: cold (and the share sizes), unchanged, with 1% added."""
    cache, out = root / "reports-cache", root / "out"
    run_reports(folder, out, cache, jobs, "reports (cold)")
    share_sizes(out)
    run_reports(folder, out, cache, jobs, "reports (unchanged)")
    n_add = max(1, n // 100)
    write_corpus(folder, n_add, first=n)
    run_reports(folder, out, cache, jobs, f"reports (+{n_add} articles)")


def measure_pass(folder: Path, root: Path, jobs: int) -> None:
    cache = root / "cache"
    with Timer(f"load (writes cache), {jobs} jobs"):
        corpus = load_corpus(folder, cache=cache, progress=False, jobs=jobs)
    params = analysis.Parameters(registry_for(corpus))
    docs = list(analysis.document_inputs(corpus))
    sample = docs[:ONE_CORE_SAMPLE]
    with Timer("pass 1 core (sample)") as one:
        analysis.annotate(sample, params, cache=root / "sample-cache", jobs=1)
    print(f"  {'':<26} -> {len(sample) / one.cpu:.1f} articles/s/core (CPU)")
    with Timer(f"pass, {jobs} jobs") as many:
        analysis.annotate(docs, params, cache=cache, jobs=jobs)
    print(f"  {'':<26} -> {len(docs) / many.wall:.1f} articles/s on {jobs} jobs (wall)")
    with Timer("read tables (warm)"):
        tables = analysis.analyse_corpus(corpus, cache=cache)
    with Timer("notebook calls (warm)"):
        build_timeline(corpus)
        mentions = scored_mentions(corpus)
        actor_stances(corpus)
        figure_table(corpus)
    with Timer("aggregates (scale)"):
        scale.counts_over_time(tables.mentions, corpus.documents, name="mentions")
        scale.top_actors(mentions)
        scale.portrayal_grid(mentions, corpus.documents)
    n_add = max(1, len(docs) // 100)
    write_corpus(folder, n_add, first=len(docs))
    with Timer(f"add {n_add} articles") as added:
        grown = load_corpus(folder, cache=cache, progress=False, jobs=jobs)
        done = analysis.annotate(list(analysis.document_inputs(grown)), params, cache=cache,
                                 jobs=jobs)  # fmt: skip
    added.note = f"{done} annotated"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--huge", action="store_true", help="also 100,000 articles")
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--no-reports", action="store_true", help="skip the reports runs")
    parser.add_argument(
        "--share-sizes", action="store_true", help="only the reports, once: each share page's size"
    )
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    args = parser.parse_args()
    sizes = [*args.articles, *([100_000] if args.huge else [])]
    print(
        f"storylens bench_scale: {os.cpu_count()} cpus, {args.jobs} jobs; load average "
        f"{os.getloadavg()[0]:.1f} at the start (a shared machine slows every figure)"
    )
    for n in sizes:
        if args.keep:
            measure_size(args.keep / f"n{n}", n, args)
            continue
        with tempfile.TemporaryDirectory(prefix="storylens-scale-") as tmp:
            measure_size(Path(tmp), n, args)


def measure_size(root: Path, n: int, args: argparse.Namespace) -> None:
    root.mkdir(parents=True, exist_ok=True)
    print(f"\n{n:,} articles\n  {'stage':<26} {'wall s':>9} {'cpu s':>9} {'peak MB':>9}")
    with Timer("write articles"):
        folder = write_corpus(root / "corpus", n)
    if args.share_sizes:
        measure_reports(folder, root, n, args.jobs)
        return
    measure_pass(folder, root, args.jobs)
    if not args.no_reports:
        cache = root / "reports-cache"
        run_reports(folder, root / "out", cache, args.jobs, "reports (cold)")
        run_reports(folder, root / "out", cache, args.jobs, "reports (unchanged)")


if __name__ == "__main__":
    main()
