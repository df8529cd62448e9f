"""Actor discovery on the ten BASIL dev stories, with no story file.

Reads ``eval-data/basil-dev/`` (``<project root>/../shared/eval-data`` or the environment
variable STORYLENS_EVAL_DATA): one folder per story, three articles (Fox News, The New
York Times, HuffPost) and BASIL's ``annotations.jsonl`` (Fan et al., EMNLP 2019).

Per story it prints the actors the actor report lists with three or more mentions
(:func:`storylens.actors.actor_mentions` with the general registry only), each with its
kind and whether it was discovered (``*``), and checks them against BASIL's annotation
targets (``Donald_Trump`` style: the people and bodies the annotators saw bias aimed at):
a target whose surname (last word) the articles write three or more times should be
listed. Columns: ``listed`` (actors with 3+ mentions), ``people``/``orgs``, ``disc``
(discovered among them), ``targets`` (BASIL targets named 3+ times), ``found`` (of those,
listed), then the missed targets and the actors listed. The kinds are for a reader to
check; the script does not judge them.

Run: ``PYTHONPATH=lib .venv/bin/python benchmarks/basil_actors.py [--story NAME]``
"""

from __future__ import annotations

import argparse
import json
import re
import warnings
from pathlib import Path

from storylens import load_corpus, paths
from storylens.actors import actor_mentions, is_discovered

MIN_MENTIONS = 3


def _targets(story: Path, text: str) -> set[str]:
    """BASIL's annotation targets whose surname the articles write 3+ times."""
    found = set()
    for line in (story / "annotations.jsonl").read_text("utf-8").splitlines():
        target = (json.loads(line).get("target") or "").replace("_", " ").strip().rstrip(".")
        surname = target.split()[-1] if target else ""
        pattern = rf"(?<![\w-]){re.escape(surname)}(?![\w-])"
        if surname and len(re.findall(pattern, text)) >= MIN_MENTIONS:
            found.add(target)
    return found


def _listed(found: set[str], actors: list[str], texts: set[str]) -> set[str]:
    """The targets a listed actor covers: the same name or last word as the actor, or
    as a text that mentions it ("Democrats" for the Democratic Party)."""
    last = {a.split()[-1] for a in actors} | set(actors) | {t.split()[-1] for t in texts}
    return {t for t in found if t in last or t.split()[-1] in last}


def story_row(story: Path) -> dict:
    """The per-story figures and the actor list (see the module docstring)."""
    corpus = load_corpus(story)
    mentions = actor_mentions(corpus, roles=("title", "body"))
    counts = mentions.groupby(["actor_id", "actor", "kind"]).size().rename("n").reset_index()
    counts = counts[counts["n"] >= MIN_MENTIONS].sort_values("n", ascending=False)
    text = "\n".join(corpus.documents["text"])
    targets = _targets(story, text)
    texts = set(mentions.loc[mentions["actor_id"].isin(counts["actor_id"]), "text"])
    found = _listed(targets, counts["actor"].tolist(), texts)
    return {
        "story": story.name,
        "listed": len(counts),
        "people": int((counts["kind"] == "person").sum()),
        "orgs": int((counts["kind"] != "person").sum()),
        "disc": int(counts["actor_id"].map(is_discovered).sum()),
        "targets": len(targets),
        "found": len(found),
        "missed": sorted(targets - found),
        "actors": [
            f"{a}{'*' if is_discovered(i) else ''} ({k[:3]} {n})"
            for i, a, k, n in counts.itertuples(index=False)
        ],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--story", help="one story folder name (default: all ten)")
    args = parser.parse_args()
    root = paths.eval_data_dir("basil-dev")
    stories = sorted(p for p in root.iterdir() if p.is_dir())
    if args.story:
        stories = [root / args.story]
    warnings.simplefilter("ignore")
    rows = [story_row(s) for s in stories]
    print(f"{'story':15} listed people orgs disc targets found")
    for r in rows:
        print(f"{r['story']:15} {r['listed']:6} {r['people']:6} {r['orgs']:4} {r['disc']:4} "
              f"{r['targets']:7} {r['found']:5}")  # fmt: skip
    total = {k: sum(r[k] for r in rows) for k in ("listed", "disc", "targets", "found")}
    print(f"{'total':15} {total['listed']:6} {'':11} {total['disc']:4} {total['targets']:7} "
          f"{total['found']:5}")  # fmt: skip
    for r in rows:
        print(f"\n{r['story']}: missed {r['missed'] or 'none'}\n  " + "; ".join(r["actors"]))


if __name__ == "__main__":
    main()
