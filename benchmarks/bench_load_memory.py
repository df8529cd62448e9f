"""Peak memory (RSS) of ``load_corpus`` on a generated corpus, cold and warm cache.

Writes N articles with :func:`storylens.synthetic.write_corpus` (once: an existing
folder with the right number of articles is reused), then runs each measurement in a
fresh Python process, so that each peak is that of one load alone:

  1. cold: ``load_corpus(folder, cache=<empty folder>)`` (every file processed, the
     per-file cache and the corpus snapshot written),
  2. warm: the same call again (the corpus read back from its snapshot),
  3. warm + tokens: the same, then ``corpus.tokens`` read (what a kernel that uses the
     tokens table pays).

"peak" is the child's ``ru_maxrss`` (``resource.getrusage``), "after load" its RSS when
``load_corpus`` has returned (``/proc/self/statm``): what a notebook kernel keeps
holding; "at the end" its RSS after the tokens were counted (or read, in run 3).

Usage: PYTHONPATH=lib .venv/bin/python benchmarks/bench_load_memory.py \
           [--articles 10000] [--folder /tmp/storylens-10k]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHILD = """
import json, os, resource, sys, time
from storylens import load_corpus
folder, cache, tokens = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
start = time.perf_counter()
corpus = load_corpus(folder, cache=cache, progress=False)
seconds = time.perf_counter() - start
rss = lambda: int(open("/proc/self/statm").read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
after = rss()
n_tokens = len(corpus.tokens) if tokens else int(corpus.documents["n_tokens"].sum())
print(json.dumps({"peak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
                  "after": after, "end": rss(), "seconds": seconds,
                  "documents": len(corpus.documents), "tokens": n_tokens}))
"""


def ensure_corpus(folder: Path, n: int) -> Path:
    """``folder`` holding exactly ``n`` generated articles (written unless already there)."""
    from storylens.synthetic import write_corpus

    if folder.is_dir() and len(list(folder.glob("article-*.txt"))) == n:
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    return write_corpus(folder, n)


def measure(folder: Path, cache: Path, *, tokens: bool) -> dict:
    """One load in a fresh process: its peak and final RSS in bytes, seconds, counts."""
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(folder), str(cache), "1" if tokens else "0"],
        check=True, capture_output=True, text=True, env=env,
    )  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000, help="articles (default 10000)")
    parser.add_argument("--folder", type=Path, default=Path("/tmp/storylens-10k"),
                        help="where the corpus is written (reused when complete)")  # fmt: skip
    args = parser.parse_args()
    start = time.perf_counter()
    folder = ensure_corpus(args.folder, args.articles)
    print(f"corpus: {folder} ({args.articles:,} articles, ready in "
          f"{time.perf_counter() - start:.0f} s)")  # fmt: skip
    cache = Path(tempfile.mkdtemp(prefix="storylens-bench-cache-"))
    try:
        runs = [("cold", False), ("warm", False), ("warm + tokens", True)]
        for label, tokens in runs:
            r = measure(folder, cache, tokens=tokens)
            print(f"{label:<14} peak {r['peak'] / 2**20:7,.0f} MiB | after load "
                  f"{r['after'] / 2**20:7,.0f} MiB | at the end {r['end'] / 2**20:7,.0f} MiB | "
                  f"load {r['seconds']:6.1f} s | "
                  f"{r['documents']:,} docs, {r['tokens']:,} tokens")  # fmt: skip
    finally:
        shutil.rmtree(cache, ignore_errors=True)


if __name__ == "__main__":
    main()
