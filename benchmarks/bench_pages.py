"""The reader pages and the cold load: CPU per page, and the load on 1 and 2 processes.

Generates N articles (:func:`storylens.synthetic.write_corpus`, fixed seed) and
  - loads them with a cold cache on one process, then on ``--jobs`` processes
    (``load_corpus(jobs=)``; wall time, alternating, ``--repeat`` times each),
  - annotates them, then times :func:`storylens.reports.articles.article_pages` (CPU time
    of this process: one process makes every page).

Usage: PYTHONPATH=lib .venv/bin/python benchmarks/bench_pages.py [--articles 300]
       [--jobs 2] [--repeat 2]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from storylens import analysis, load_corpus
from storylens.reports.articles import article_pages
from storylens.synthetic import write_corpus


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    print(f"{args.articles:,} articles; load average {os.getloadavg()[0]:.1f} at the start")
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_corpus(Path(tmp) / "corpus", args.articles, seed=7)
        for n in range(args.repeat):
            for jobs in (1, args.jobs):
                start = time.perf_counter()
                load_corpus(folder, cache=Path(tmp) / f"load-{n}-{jobs}", progress=False,
                            jobs=jobs)  # fmt: skip
                print(f"  cold load, {jobs} process(es): {time.perf_counter() - start:6.2f} s wall")
        cache = Path(tmp) / "cache"
        corpus = load_corpus(folder, cache=cache, progress=False)
        tables = analysis.analyse_corpus(corpus, cache=cache)
        start = time.process_time()
        pages = article_pages(corpus, tables)
        cpu = time.process_time() - start
        print(f"  reader pages: {len(pages) - 1:,} in {cpu:.2f} s CPU, "
              f"{1000 * cpu / max(1, len(pages) - 1):.1f} ms a page")  # fmt: skip


if __name__ == "__main__":
    main()
