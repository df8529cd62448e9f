"""Time of each analysis stage on a corpus of N articles (default 1,000).

Builds the corpus from the bundled seeds, each copy made unique by one extra line after
the first (as in bench_corpus.py) and the seeds' story.yaml beside them, loads it with
the cache off, then times every analysis the reports run, in one process on one core:

  stage, cold    each stage alone, from a freshly loaded corpus (nothing shared)
  notebooks      the calls the four notebooks make, in order, on one corpus object
                 (what a report run costs; stages may share work here)
  pass, ...      the per-document pass (storylens.analysis) alone: no cache, a cold
                 cache (computing and writing it), a warm one (reading it back)

"cpu" is the process CPU time, which stays meaningful when other work shares the machine.

Usage: .venv/bin/python benchmarks/bench_stages.py [--articles 1000] [--repeat 1]
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from storylens import load_corpus
from storylens.actors import actor_mentions, actor_stances, stance_evidence, unlisted_names
from storylens.figures import compare, figure_table
from storylens.paths import seeds_dir
from storylens.sentiment import portrayal, score_mentions
from storylens.timeline import build_timeline, timeline_events


def build_corpus(folder: Path, n_articles: int) -> None:
    seeds = sorted(seeds_dir().glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in seeds]
    shutil.copy(seeds_dir() / "story.yaml", folder / "story.yaml")
    for i in range(n_articles):
        seed, text = seeds[i % len(seeds)], texts[i % len(seeds)]
        first, _, rest = text.partition("\n")
        body = f"{first}\nBenchmark copy {i} of {seed.stem}.\n{rest}"
        (folder / f"{seed.stem}-{i:05d}.txt").write_text(body, encoding="utf-8")


def _mentions_scored(corpus):
    mentions = actor_mentions(corpus)
    scores = score_mentions(mentions, sentence_start_col="sent_start")
    return mentions.assign(sentiment=scores["sentiment"])


STAGES: dict[str, Callable] = {
    "actor_mentions": actor_mentions,
    "build_timeline": build_timeline,
    "timeline_events": lambda c: timeline_events(build_timeline(c)),
    "stance_evidence": stance_evidence,
    "actor_stances": actor_stances,
    "actor_stances(government)": lambda c: actor_stances(c, level="government"),
    "score_mentions": _mentions_scored,
    "portrayal": lambda c: portrayal(_mentions_scored(c), by=["actor", "doc_id"]),
    "figure_table": figure_table,
    "compare": lambda c: compare(figure_table(c)),
    "unlisted_names": unlisted_names,
}

# What the notebooks call, in their order (01 timeline, 02 actors, 03 figures).
NOTEBOOK_CALLS = [
    "build_timeline", "actor_mentions", "score_mentions", "actor_stances",
    "actor_stances(government)", "stance_evidence", "unlisted_names", "figure_table",
]  # fmt: skip


def _fresh_state() -> None:
    """Forget per-corpus results memoised in this process, where the library keeps any."""
    try:
        from storylens import analysis
    except ImportError:
        return
    clear = getattr(analysis, "clear_memo", None)
    if clear:
        clear()


def _time(fn: Callable, corpus) -> tuple[float, float]:
    start, cpu_start = time.perf_counter(), time.process_time()
    fn(corpus)
    return time.perf_counter() - start, time.process_time() - cpu_start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=1, help="runs; the minimum is shown")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        build_corpus(folder, args.articles)
        start, cpu_start = time.perf_counter(), time.process_time()
        corpus = load_corpus(folder, cache=False, progress=False)
        load = (time.perf_counter() - start, time.process_time() - cpu_start)
        print(f"corpus: {len(corpus.documents):,} articles, {len(corpus.sentences):,} sentences")
        print(f"{'stage':<28} {'wall s':>8} {'cpu s':>8}")
        print(f"{'load (no cache)':<28} {load[0]:8.2f} {load[1]:8.2f}")
        for name, fn in STAGES.items():
            best = None
            for _ in range(args.repeat):
                _fresh_state()
                fresh = load_corpus(folder, cache=False, progress=False)
                took = _time(fn, fresh)
                best = took if best is None or took[1] < best[1] else best
            print(f"{name + ', cold':<28} {best[0]:8.2f} {best[1]:8.2f}")
        _fresh_state()
        fresh = load_corpus(folder, cache=False, progress=False)
        total = [0.0, 0.0]
        for name in NOTEBOOK_CALLS:
            wall, cpu = _time(STAGES[name], fresh)
            total[0] += wall
            total[1] += cpu
        print(f"{'notebooks (all calls)':<28} {total[0]:8.2f} {total[1]:8.2f}")
        _time_pass(folder, Path(tmp) / "cache")


def _time_pass(folder: Path, cache: Path) -> None:
    """The per-document pass alone, where the library has one."""
    try:
        from storylens.analysis import analyse_corpus
    except ImportError:
        return
    for label, where in (("no cache", False), ("cold cache", cache), ("warm cache", cache)):
        _fresh_state()
        fresh = load_corpus(folder, cache=False, progress=False)
        wall, cpu = _time(lambda c, w=where: analyse_corpus(c, cache=w), fresh)
        print(f"{'pass, ' + label:<28} {wall:8.2f} {cpu:8.2f}")


if __name__ == "__main__":
    main()
