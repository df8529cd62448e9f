"""``python -m storylens corpus [PATH]``: load a corpus and print its summary."""

from __future__ import annotations

import argparse
import sys
import warnings

from storylens.corpus.errors import CorpusError
from storylens.corpus.loader import load_corpus, summarise

__all__ = ["main"]


def main(argv: list[str] | None = None) -> int:
    """``python -m storylens corpus [PATH]``: print the corpus summary (exit code 2 when
    the corpus cannot be loaded)."""
    parser = argparse.ArgumentParser(
        prog="python -m storylens corpus", description=summarise.__doc__
    )
    parser.add_argument(
        "path", nargs="?", help="folder or file of articles (default: bundled seeds)"
    )
    parser.add_argument(
        "--metadata", help="metadata.csv to use instead of the one beside the files"
    )
    parser.add_argument("--no-cache", action="store_true", help="ignore and do not write the cache")
    args = parser.parse_args(argv)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # they are printed in the summary
            corpus = load_corpus(args.path, metadata=args.metadata, cache=not args.no_cache)
    except CorpusError as err:
        print(f"storylens corpus: {err}", file=sys.stderr)
        return 2
    print(corpus.summary())
    return 0
