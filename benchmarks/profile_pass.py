"""Where the per-document pass spends its time: CPU seconds per stage, then a profile.

Generates N articles (:func:`storylens.synthetic.write_corpus`, fixed seed), loads them
without a cache, and runs each step of :func:`storylens.analysis.analyse_document` over
every document in one process, timing each stage by process (CPU) time (the least over
``--repeat`` runs: the machine is shared; the per-sentence caches are emptied before each
run, so a repeat does not read the sentences the run before it left there); then, with
``--profile``, runs the whole pass again under cProfile and prints the functions with the
most cumulative and own time. Tokenising alone (``storylens.nlp.word_spans`` of each
sentence) is timed too, the issue's yardstick (#13: the pass within about 7 times it).

Usage: PYTHONPATH=lib .venv/bin/python benchmarks/profile_pass.py [--articles 300]
       [--repeat 3] [--profile] [--top 40] [--sort tottime] [--save FILE]
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import tempfile
import time
from pathlib import Path

from storylens import analysis, load_corpus
from storylens.actors import registry_for
from storylens.synthetic import write_corpus


def _stage_times(docs: list, params) -> dict[str, float]:
    from storylens.sentiment import features

    features.clear_cache()  # cold per-sentence caches: a real corpus never repeats itself
    took = dict.fromkeys(analysis.TABLES, 0.0)
    for doc in docs:
        start = time.process_time()
        mentions = analysis._STEPS["mentions"](doc, params)
        took["mentions"] += time.process_time() - start
        for table in analysis.TABLES[1:]:
            start = time.process_time()
            analysis._STEPS[table](doc, params, mentions)
            took[table] += time.process_time() - start
    return took


def _tokenise_time(docs: list) -> float:
    from storylens.nlp import word_spans

    start = time.process_time()
    for doc in docs:
        for sentence in doc.sentences["text"]:
            list(word_spans(sentence))
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=1, help="runs; each stage's least time")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--sort", default="tottime")
    parser.add_argument("--save", type=Path, help="also write the profile here (pstats)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_corpus(Path(tmp) / "corpus", args.articles, seed=args.seed)
        corpus = load_corpus(folder, cache=False, progress=False)
    params = analysis.Parameters(registry_for(corpus))
    docs = list(analysis.document_inputs(corpus))
    analysis.analyse_document(docs[0], params)  # warm: resources loaded, regexes compiled
    runs = [_stage_times(docs, params) for _ in range(args.repeat)]
    took = {table: min(run[table] for run in runs) for table in analysis.TABLES}
    total = sum(took.values())
    print(f"{len(docs)} articles, {len(corpus.sentences):,} sentences")
    for table, seconds in took.items():
        print(f"  {table:<10} {seconds:7.2f} s cpu  {100 * seconds / total:5.1f}%")
    print(f"  {'all':<10} {total:7.2f} s cpu  -> {len(docs) / total:.1f} articles/s/core")
    tokenise = min(_tokenise_time(docs) for _ in range(args.repeat))
    print(f"  tokenise   {tokenise:7.2f} s cpu  (pass / tokenise = {total / tokenise:.1f})")
    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        for doc in docs:
            analysis.analyse_document(doc, params)
        profiler.disable()
        if args.save:
            profiler.dump_stats(args.save)
        pstats.Stats(profiler).sort_stats(args.sort).print_stats(args.top)


if __name__ == "__main__":
    main()
