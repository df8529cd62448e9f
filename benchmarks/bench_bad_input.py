"""Peak memory of loading the inputs issue #14 found unbounded (a measurement, not a test).

Each case runs in a fresh interpreter (so its peak resident memory is its own, read from
``getrusage``) on a corpus built in a temporary folder:

  wall-2mb     one article that is one 2 MB line ("troops " repeated): sentences are split
               at ``MAX_SENTENCE_CHARS``; also the keyword-in-context rows and CSV bytes
  article-4mb  one 4 MB article of real-shaped sentences, under ``MAX_ARTICLE_CHARS``
  article-50mb one 50 MB article: over the limit, so listed in ``skipped``, never split
  gzip-bomb    a .txt.gz of a few hundred KB that unpacks to 1 GB: refused at the file limit

The issue measured 4.3 GB for the 50 MB article; the loader's bound is 4 GB on any input.

Usage: .venv/bin/python benchmarks/bench_bad_input.py [--case NAME]
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SENTENCE = "Britain is ready to put troops on the ground in Ukraine, Keir Starmer said. "
CASES = ("wall-2mb", "article-4mb", "article-50mb", "gzip-bomb")


def build(case: str, folder: Path) -> None:
    """Write the corpus of one case into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    if case == "wall-2mb":
        (folder / "wall.txt").write_text("Troops everywhere\n\n" + "troops " * 300_000)
    elif case == "article-4mb":
        (folder / "long.txt").write_text("A long report\n\n" + SENTENCE * (4_000_000 // 77))
    elif case == "article-50mb":
        (folder / "huge.txt").write_text("A huge report\n\n" + SENTENCE * (50_000_000 // 77))
    else:
        with gzip.open(folder / "bomb.txt.gz", "wb", compresslevel=9) as packed:
            for _ in range(1024):
                packed.write(b"troops " * (2**20 // 7))


def measure(case: str) -> dict:
    """Run in the child: load the case's corpus and report its peak memory."""
    import resource

    from storylens import load_corpus
    from storylens.terms import keyword_in_context

    with tempfile.TemporaryDirectory() as tmp:
        build(case, Path(tmp) / "corpus")
        clock = time.perf_counter()
        corpus = load_corpus(Path(tmp) / "corpus", cache=False)  # a CorpusError when refused
        seconds = time.perf_counter() - clock
    kwic = keyword_in_context(corpus, "troops") if case == "wall-2mb" else None
    return {
        "case": case,
        "documents": len(corpus.documents),
        "skipped": corpus.skipped["reason"].tolist(),
        "sentences": len(corpus.sentences),
        "longest_sentence": int(corpus.sentences["text"].str.len().max()),
        "kwic_rows": None if kwic is None else len(kwic),
        "kwic_csv_mb": None if kwic is None else round(len(kwic.to_csv()) / 1e6, 1),
        "load_s": round(seconds, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def run_case(case: str) -> dict:
    done = subprocess.run([sys.executable, __file__, "--child", case], capture_output=True,
                          text=True)  # fmt: skip
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["?"])[-1]
        return {"case": case, "refused": last[:160]}
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--case", choices=CASES, action="append")
    parser.add_argument("--child", choices=CASES, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        try:
            print(json.dumps(measure(args.child)))
        except Exception as exc:  # a refused corpus: say so, with the peak all the same
            import resource

            peak = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
            sys.exit(f"{type(exc).__name__} (peak {peak} MB): {str(exc).splitlines()[1:2]}")
        return
    for case in args.case or CASES:
        print(json.dumps(run_case(case)), flush=True)


if __name__ == "__main__":
    main()
