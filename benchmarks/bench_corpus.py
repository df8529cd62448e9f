"""Throughput of load + clean + split + tokenise, and the cached re-load time.

Builds a corpus of about 10 MB by repeating the bundled seeds (each copy made unique by
one extra line after the first, so neither duplicate detection nor the cache
shortcuts the work), then:
  1. loads it with the cache off (one core, the whole per-document pipeline),
  2. loads it with a fresh cache (the same work plus writing parquet),
  3. loads it again from the warm cache (the whole-corpus snapshot),
  4. edits one file and loads again (that file redone, the rest from the per-file cache).

Everything runs in one process on one core; "cpu" is the process CPU time, which stays
meaningful when other work shares the machine, "wall" is elapsed time.

Usage: .venv/bin/python benchmarks/bench_corpus.py [--mb 10]   (or: make bench)
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from storylens import load_corpus
from storylens.paths import seeds_dir


def build_corpus(folder: Path, megabytes: float) -> int:
    seeds = sorted(seeds_dir().glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in seeds]
    total, copy = 0, 0
    while total < megabytes * 1_000_000:
        for seed, text in zip(seeds, texts, strict=True):
            first, _, rest = text.partition("\n")  # after the first line, before any tail
            body = f"{first}\nBenchmark copy {copy} of {seed.stem}.\n{rest}"
            (folder / f"{seed.stem}-{copy:05d}.txt").write_text(body, encoding="utf-8")
            total += len(body.encode("utf-8"))
        copy += 1
    return total


def timed(label: str, size: int, **kwargs) -> float:
    start, cpu_start = time.perf_counter(), time.process_time()
    corpus = kwargs.pop("fn")(**kwargs)
    seconds = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    print(
        f"{label:<27} wall {seconds:6.2f} s {size / 1e6 / seconds:5.2f} MB/s | "
        f"cpu {cpu:6.2f} s {size / 1e6 / cpu:5.2f} MB/s | "
        f"{len(corpus.documents):,} docs, {len(corpus.sentences):,} sentences, "
        f"{len(corpus.tokens):,} tokens"
    )
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=10.0, help="corpus size in MB (default 10)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder, cache = Path(tmp) / "corpus", Path(tmp) / "cache"
        folder.mkdir()
        size = build_corpus(folder, args.mb)
        print(f"corpus: {size / 1e6:.1f} MB of text in {len(list(folder.iterdir())):,} files")
        timed("no cache (load+split+tok)", size, fn=load_corpus, source=folder, cache=False,
              progress=False)  # fmt: skip
        timed("cold cache (+ write)", size, fn=load_corpus, source=folder, cache=cache,
              progress=False)  # fmt: skip
        timed("warm cache (re-load)", size, fn=load_corpus, source=folder, cache=cache,
              progress=False)  # fmt: skip
        edited = sorted(folder.iterdir())[0]
        edited.write_text(edited.read_text(encoding="utf-8") + "\nEdited.\n", encoding="utf-8")
        timed("one file edited", size, fn=load_corpus, source=folder, cache=cache,
              progress=False)  # fmt: skip


if __name__ == "__main__":
    main()
