"""``python -m storylens corpus [PATH]``: load a corpus and print its summary."""

from __future__ import annotations

import argparse
import errno
import sys
import traceback
import warnings

from storylens.corpus.errors import CorpusError
from storylens.corpus.loader import load_corpus, summarise

__all__ = ["failure_line", "main"]


def main(argv: list[str] | None = None) -> int:
    """``python -m storylens corpus [PATH]``: print the corpus summary. Exit code 2 when
    the corpus cannot be loaded as given, 1 for any other failure (one line on stderr
    either way; ``--debug`` adds the traceback)."""
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
    parser.add_argument(
        "--follow-links", action="store_true",
        help="read what links pointing out of the folder lead to (default: list them as skipped)",
    )  # fmt: skip
    parser.add_argument("--debug", action="store_true", help="show the traceback of a failure")
    args = parser.parse_args(argv)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # they are printed in the summary
            corpus = load_corpus(args.path, metadata=args.metadata, cache=not args.no_cache,
                                 follow_links=args.follow_links)  # fmt: skip
    except Exception as err:  # noqa: BLE001 - one line for the user, the traceback on --debug
        if args.debug:
            traceback.print_exc()
        print(f"storylens corpus: {failure_line(err)}", file=sys.stderr)
        return 2 if isinstance(err, CorpusError) else 1
    print(corpus.summary())
    return 0


def failure_line(err: BaseException) -> str:
    """One line saying what failed: a :class:`CorpusError`'s message as it is; a full disk
    or another system error with the file it names; anything else with its type and a
    pointer to ``--debug``.

    >>> print(failure_line(OSError(28, "No space left on device", "cache/x.parquet")))
    no space left on device (ENOSPC) writing cache/x.parquet; free some space or pass --no-cache
    """
    if isinstance(err, CorpusError):
        return str(err)
    if isinstance(err, OSError) and err.errno == errno.ENOSPC:
        where = f" writing {err.filename}" if err.filename else ""
        return f"no space left on device (ENOSPC){where}; free some space or pass --no-cache"
    if isinstance(err, OSError) and err.filename:
        return f"{err.filename}: {err.strerror or err}; check the path and its permissions"
    return f"unexpected {type(err).__name__}: {err} (run again with --debug for the traceback)"
