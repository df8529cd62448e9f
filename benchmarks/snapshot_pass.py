"""Snapshot the per-document pass's tables, or compare them with a snapshot.

Runs :func:`storylens.analysis.analyse_document` on every document of the bundled seeds
and of a generated corpus (:func:`storylens.synthetic.write_corpus`, fixed seed), with no
cache, and concatenates each table over the documents (a ``corpus`` column says which
corpus a row came from), plus a ``shapes`` table of each document's rows, dtypes and
index per table (stacking could hide a per-document change, an empty table's dtypes).
``--write FOLDER`` saves every table as parquet and as a pickle (the check reads the
pickles, which keep every dtype); ``--check FOLDER`` compares the tables with the saved
ones exactly (values, dtypes, column order, row order) and exits non-zero on any
difference. A speed-up of the pass must leave the check passing. ``--corpus FOLDER ...``
adds corpora of your own (each folder loaded as one corpus, named by the folder), e.g.
each story of ``../shared/eval-data/basil-dev``. It runs with ``PYTHONHASHSEED=0``
(it restarts itself so): the sentiment features iterate a set of roles, so the order of
summing the model's weights, and a score's last bits, change with the hash seed.

Usage: PYTHONPATH=lib .venv/bin/python benchmarks/snapshot_pass.py --write /tmp/speed-ref
       PYTHONPATH=lib .venv/bin/python benchmarks/snapshot_pass.py --check /tmp/speed-ref
       [--articles 300] [--seed 7] [--corpus ../shared/eval-data/basil-dev/*/]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

import pandas as pd

from storylens import analysis, load_corpus
from storylens.actors import registry_for
from storylens.paths import seeds_dir
from storylens.synthetic import write_corpus


def index_kind(frame: pd.DataFrame) -> str:
    """The index's type, and whether it is the default 0..n-1."""
    plain = frame.index.equals(pd.RangeIndex(len(frame)))
    return f"{type(frame.index).__name__}:{frame.index.dtype}:{'default' if plain else 'other'}"


def corpus_tables(folder: Path, name: str) -> dict[str, pd.DataFrame]:
    """Every per-document table of the corpus in ``folder``, stacked over documents."""
    corpus = load_corpus(folder, cache=False, progress=False)
    params = analysis.Parameters(registry_for(corpus))
    parts: dict[str, list[pd.DataFrame]] = {t: [] for t in analysis.TABLES}
    shapes = []  # each document's frames: rows and dtypes (stacking could hide a change)
    for doc in analysis.document_inputs(corpus):
        found = analysis.analyse_document(doc, params)
        for table in analysis.TABLES:
            frame = getattr(found, table)
            parts[table].append(frame)
            dtypes = " ".join(f"{c}:{t}" for c, t in frame.dtypes.items())
            shapes.append((doc.doc_id, table, len(frame), dtypes, index_kind(frame)))
    tables = {t: pd.concat(p, ignore_index=True) for t, p in parts.items()}
    tables["shapes"] = pd.DataFrame(shapes, columns=["doc_id", "table", "rows", "dtypes", "index"])
    return {t: frame.assign(corpus=name) for t, frame in tables.items()}


def all_tables(n_articles: int, seed: int, folders: list[Path] = ()) -> dict[str, pd.DataFrame]:
    """The seeds' tables, then the generated corpus's, then each of ``folders``', per table."""
    parts = [corpus_tables(seeds_dir(), "seeds")]
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_corpus(Path(tmp) / "corpus", n_articles, seed=seed)
        parts.append(corpus_tables(folder, "synthetic"))
    parts += [corpus_tables(folder, folder.resolve().name) for folder in folders]
    return {t: pd.concat([p[t] for p in parts], ignore_index=True) for t in parts[0]}


def _differences(table: str, new: pd.DataFrame, old: pd.DataFrame) -> list[str]:
    if list(new.columns) != list(old.columns):
        return [f"{table}: columns {list(new.columns)} != {list(old.columns)}"]
    wrong = [f"{table}.{c}: dtype {new[c].dtype} != {old[c].dtype}" for c in new.columns
             if new[c].dtype != old[c].dtype]  # fmt: skip
    if len(new) != len(old):
        return [*wrong, f"{table}: {len(new)} rows != {len(old)}"]
    try:
        pd.testing.assert_frame_equal(new, old, check_exact=True)
    except AssertionError as error:
        wrong.append(f"{table}: {error}")
    return wrong


def main() -> int:
    if os.environ.get("PYTHONHASHSEED") != "0":  # one order of every set, run after run
        os.execve(
            sys.executable, [sys.executable, *sys.argv], {**os.environ, "PYTHONHASHSEED": "0"}
        )
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--write", type=Path)
    action.add_argument("--check", type=Path)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--corpus", type=Path, nargs="*", default=[],
                        help="more corpus folders, each loaded as one corpus")  # fmt: skip
    args = parser.parse_args()
    tables = all_tables(args.articles, args.seed, args.corpus)
    if args.write:
        args.write.mkdir(parents=True, exist_ok=True)
        for table, frame in tables.items():
            frame.to_pickle(args.write / f"{table}.pkl")
            frame.to_parquet(args.write / f"{table}.parquet")
            print(f"{table}: {len(frame):,} rows, columns {list(frame.columns)}")
        return 0
    problems = []
    for table, frame in tables.items():
        old = pd.read_pickle(args.check / f"{table}.pkl")
        wrong = _differences(table, frame, old)
        problems += wrong
        print(f"{table}: {len(frame):,} rows {'differ' if wrong else 'identical'}")
    print("\n".join(problems) if problems else "all tables identical")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
