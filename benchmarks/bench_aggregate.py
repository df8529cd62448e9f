"""How to aggregate a per-document table bigger than memory: three engines, measured.

    python benchmarks/bench_aggregate.py [--articles 10000] [--corpus DIR]

Generates ``--articles`` varied articles (``storylens.synthetic``) into ``--corpus`` unless
it is there, annotates their actor mentions into the corpus's cache, then counts the
mentions per actor and outlet (what the actor report's charts draw above the report
size) with each engine, each in a fresh process so its peak memory is its own:

- ``pandas-whole``: the whole ``mentions`` table as one frame (``analyse_corpus``), then
  ``groupby``: what a notebook does below the size;
- ``pandas-batches``: ``analysis.table_partitions`` yields one stored parquet batch at a
  time as pandas, counted with ``reports.scale.partition_counts``;
- ``arrow-batches``: the same parquet batches read as Arrow tables and counted with
  ``pyarrow.Table.group_by`` (only the small counts become pandas);
- ``dask``: ``dask.dataframe.read_parquet`` over the same parquet files, then ``groupby``.

The corpus gets a cache of its own (``<corpus>-cache``), so the last two, which read the
parquet files directly rather than through the store's keys, see this corpus only.

Prints the wall and CPU seconds of the counting alone (the corpus is loaded first), the
RSS once the corpus is loaded and the peak RSS, and whether each gives the same counts as
the first.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ENGINES = ("pandas-whole", "pandas-batches", "arrow-batches", "dask")


def _corpus(folder: Path, articles: int):
    from storylens import load_corpus
    from storylens.synthetic import write_corpus

    if not (folder / "metadata.csv").exists():
        write_corpus(folder, articles)
    # a cache of its own, so the store holds this corpus' entries only
    return load_corpus(folder, progress=False, cache=folder.with_name(folder.name + "-cache"))


def _outlets(corpus):
    import pandas as pd

    docs = corpus.documents
    return pd.Series(docs["outlet"].fillna("unknown outlet").to_numpy(), index=docs["doc_id"])


def _batch_files(corpus) -> list[str]:
    root = Path(corpus.cache_root) / "analysis" / "mentions"
    return sorted(str(p) for p in root.rglob("mentions.parquet"))


def count(engine: str, corpus) -> dict:
    """Mentions per (actor, outlet) with ``engine``: ``{"actor\\toutlet": n}``."""
    outlets = _outlets(corpus)
    if engine == "pandas-whole":
        from storylens.analysis import analyse_corpus

        mentions = analyse_corpus(corpus, tables=["mentions"]).mentions
        counts = mentions.assign(outlet=mentions["doc_id"].map(outlets))
        counts = counts.groupby(["actor", "outlet"]).size()
    elif engine == "pandas-batches":
        from storylens.analysis import table_partitions
        from storylens.reports.scale import partition_counts

        parts = (
            p.assign(outlet=p["doc_id"].map(outlets))
            for p in table_partitions(corpus, "mentions", columns=["doc_id", "actor"])
        )
        counts = partition_counts(parts, ["actor", "outlet"]).set_index(["actor", "outlet"])["n"]
    elif engine == "arrow-batches":
        import pyarrow.parquet as pq

        total = None
        for path in _batch_files(corpus):
            table = pq.read_table(path, columns=["key", "doc_id", "actor"])
            part = table.group_by(["doc_id", "actor"]).aggregate([("key", "count")]).to_pandas()
            part = part.assign(outlet=part["doc_id"].map(outlets))
            part = part.groupby(["actor", "outlet"])["key_count"].sum()
            total = part if total is None else total.add(part, fill_value=0)
        counts = total
    elif engine == "dask":
        import dask.dataframe as dd

        frame = dd.read_parquet(_batch_files(corpus), columns=["doc_id", "actor"])
        frame = frame.assign(outlet=frame["doc_id"].map(outlets, meta=("outlet", "object")))
        counts = frame.groupby(["actor", "outlet"]).size().compute()
    else:
        raise ValueError(f"unknown engine {engine!r}; one of {', '.join(ENGINES)}")
    return {f"{a}\t{o}": int(n) for (a, o), n in counts.items()}


def _child(engine: str, folder: Path) -> None:
    corpus = _corpus(folder, 0)  # loaded before the clock starts: the same for every engine
    loaded = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    clock, cpu = time.monotonic(), time.process_time()
    counts = count(engine, corpus)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"engine": engine, "wall": time.monotonic() - clock,
                      "cpu": time.process_time() - cpu, "loaded_mib": loaded,
                      "peak_mib": peak, "counts": counts}))  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--corpus", default=None, help="folder of generated articles")
    parser.add_argument("--child", choices=ENGINES, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    folder = Path(args.corpus or f"/tmp/storylens-aggregate-{args.articles}")
    if args.child:
        _child(args.child, folder)
        return 0
    from storylens.actors import registry_for
    from storylens.analysis import Parameters, annotate, document_inputs

    corpus = _corpus(folder, args.articles)
    clock = time.monotonic()
    done = annotate(list(document_inputs(corpus)), Parameters(registry_for(corpus)),
                    cache=corpus.cache_root, tables=["mentions"], jobs=2)  # fmt: skip
    batches = len(_batch_files(corpus))
    print(f"{len(corpus):,} articles; mentions annotated for {done:,} "
          f"in {time.monotonic() - clock:.0f} s; {batches} parquet batches")  # fmt: skip
    results = []
    for engine in ENGINES:
        run = subprocess.run([sys.executable, __file__, "--corpus", str(folder), "--child", engine],
                             capture_output=True, text=True, check=True)  # fmt: skip
        results.append(json.loads(run.stdout.strip().splitlines()[-1]))
    reference = results[0]["counts"]
    print(f"{'engine':<16} {'wall s':>7} {'CPU s':>7} {'loaded MiB':>10} {'peak MiB':>9}  same")
    for r in results:
        same = r["counts"] == reference
        times = f"{r['wall']:>7.1f} {r['cpu']:>7.1f}"
        memory = f"{r['loaded_mib']:>10,.0f} {r['peak_mib']:>9,.0f}"
        print(f"{r['engine']:<16} {times} {memory}  {same}")
    print(f"{sum(reference.values()):,} mentions in {len(reference):,} actor × outlet cells")
    return 0


if __name__ == "__main__":
    sys.exit(main())
