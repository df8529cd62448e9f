"""Main-text extraction from real news pages: storylens' ``documents.text`` against
trafilatura's own ``extract()``, scored as the article-extraction benchmark does.

Reads ``eval-data/html-dev/`` (found at ``<project root>/../shared/eval-data`` or via the
environment variable STORYLENS_EVAL_DATA): ``html/ID.html`` pages as downloaded from news
sites and ``ground-truth.json`` ``{ID: {"articleBody", "url"}}`` (the benchmark of
scrapinghub/article-extraction-benchmark, MIT).

Score (the benchmark's token F1): per page, the bag of whitespace tokens of the extracted
text against that of ``articleBody``; precision = shared tokens / extracted tokens, recall
= shared tokens / true tokens, F1 their harmonic mean; each averaged over pages (a page
with no text extracted scores 0). storylens' text is what the loader keeps for the page
(:func:`storylens.corpus.reading.read_file` then
:func:`storylens.corpus.process.process_text`, exactly ``documents.text``);
trafilatura's is ``trafilatura.extract(html)`` with its defaults.

Run: ``PYTHONPATH=lib .venv/bin/python benchmarks/eval_html.py [--worst N]``
"""

from __future__ import annotations

import argparse
import json
import sys
import warnings
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from storylens import paths
from storylens.corpus.errors import SkipFile
from storylens.corpus.process import process_text
from storylens.corpus.reading import read_file


class Score(NamedTuple):
    """Token precision, recall and F1 of one page."""

    precision: float
    recall: float
    f1: float


def token_scores(true: str, pred: str) -> Score:
    """The benchmark's bag-of-whitespace-tokens score of one page.

    >>> token_scores("a b b c", "a b d")
    Score(precision=0.6666666666666666, recall=0.5, f1=0.5714285714285715)
    """
    t, p = Counter(true.split()), Counter(pred.split())
    shared = sum((t & p).values())
    if not shared:
        return Score(0.0, 0.0, 0.0)
    precision, recall = shared / sum(p.values()), shared / sum(t.values())
    return Score(precision, recall, 2 * precision * recall / (precision + recall))


def storylens_text(path: Path) -> str:
    """``documents.text`` of one page as the loader makes it ("" when it is skipped)."""
    try:
        articles, _ = read_file(path, path.read_bytes())
    except SkipFile:
        return ""
    return "\n\n".join(process_text(a).document["text"] for a in articles)


def trafilatura_text(path: Path) -> str:
    import trafilatura

    return trafilatura.extract(path.read_text("utf-8", errors="replace")) or ""


def eval_data_dir() -> Path:
    """The html-dev folder, or exit with a message saying where it was looked for."""
    try:
        return paths.eval_data_dir("html-dev")
    except FileNotFoundError as err:
        sys.exit(str(err))


def score_all(folder: Path, extract: Callable[[Path], str]) -> dict[str, Score]:
    """Each page's score for one extractor, by page id."""
    truth = json.loads((folder / "ground-truth.json").read_text("utf-8"))
    return {
        page: token_scores(item["articleBody"], extract(folder / "html" / f"{page}.html"))
        for page, item in sorted(truth.items())
    }


def mean(scores: dict[str, Score]) -> Score:
    n = max(1, len(scores))
    return Score(*(sum(s[i] for s in scores.values()) / n for i in range(3)))


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--worst", type=int, default=0, help="list the N pages storylens does worst")
    args = ap.parse_args(argv)
    folder = eval_data_dir()
    warnings.simplefilter("ignore")
    results = {"storylens": score_all(folder, storylens_text),
               "trafilatura": score_all(folder, trafilatura_text)}  # fmt: skip
    print(f"html-dev: {len(results['storylens'])} pages (token P / R / F1, mean over pages)")
    for name, scores in results.items():
        p, r, f = mean(scores)
        print(f"  {name:<12} P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
    ours, theirs = results["storylens"], results["trafilatura"]
    for page in sorted(ours, key=lambda k: ours[k].f1 - theirs[k].f1)[: args.worst]:
        print(f"  {page[:16]}  storylens {ours[page].f1:.3f}  trafilatura {theirs[page].f1:.3f}")


if __name__ == "__main__":
    main()
