"""A starting ``story.yaml`` from what discovery found in a corpus.

:func:`discovered_story` writes the people and organisations that
:mod:`storylens.actors.discovery` found (mentioned ``min_mentions`` times or more) as
``story.yaml`` entries, with an empty topic and comments saying what to fill in. Save it
beside the articles, correct it (roles, affiliations, spellings, who is left out), and it
overrides discovery from then on.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import yaml

from storylens.actors.discovery import discover_actors, resolve_discovered
from storylens.actors.mentions import actor_mentions, sentence_rows
from storylens.actors.registry import Registry, is_discovered, registry_for
from storylens.corpus import Corpus

__all__ = ["discovered_story", "story_id"]

# Characters not allowed in a story id: accepts " " and "." in "Luis V. Gutiérrez";
# rejects "a" and "-".
NOT_ID = re.compile(r"[^\w-]+")

HEADER = """\
# A starting story.yaml written by storylens.actors.discovered_story from {n_docs}
# articles: the people and organisations discovery found, mentioned {min_mentions} times or
# more ({n_actors}), most mentioned first. Check each one: give people their `role` and
# `affiliation` (a registry name such as "United States", "Republican Party"), add other
# spellings to `aliases`, delete what is not an actor of the story. Then name the
# proposal in `topic` (a stance counts only in a sentence that uses one of its terms).
# Saved as story.yaml beside the articles, it overrides what discovery finds.
# Format: see seeds/story.yaml.
"""


def story_id(name: str) -> str:
    """A story id from a name: ``story_id("Luis V. Gutiérrez")`` is ``"luis-v-gutiérrez"``."""
    return NOT_ID.sub("-", name.lower()).strip("-")


def _people_roles(corpus: Corpus, registry: Registry | str | Path | None) -> dict[str, tuple]:
    """Discovered person's name -> ``(role, affiliation)``: the first its articles give
    (:func:`~storylens.actors.discovery.person_role`), under the corpus-wide name."""
    reg = registry_for(corpus, registry)
    found = [
        (d.actor_id, d.name, d.role, d.affiliation)
        for _, sents in corpus.sentences.groupby("doc_id", sort=False)
        for d in discover_actors(sentence_rows(sents), reg)
        if d.kind == "person" and (d.role or d.affiliation)
    ]
    if not found:
        return {}
    table = pd.DataFrame(found, columns=["actor_id", "actor", "role", "affiliation"])
    roles: dict[str, tuple] = {}
    for name, role, party in resolve_discovered(table)[["actor", "role", "affiliation"]].values:
        old = roles.get(name, ("", ""))
        roles[name] = (old[0] or role, old[1] or party)
    return roles


def _entries(mentions: pd.DataFrame, min_mentions: int, roles: dict[str, tuple]) -> list[dict]:
    found = mentions[mentions["actor_id"].map(is_discovered)]
    counts = found.groupby(["actor", "kind"]).size().sort_values(ascending=False, kind="stable")
    entries = []
    for (name, kind), n in counts.items():
        if n < min_mentions:
            break
        entry = {"id": story_id(name), "name": name, "kind": kind}
        if kind == "person":
            role, party = roles.get(name, ("", ""))
            entry |= {"role": role, "affiliation": party}
        entries.append(entry | {"aliases": []})
    return entries


def discovered_story(
    corpus: Corpus, *, min_mentions: int = 3, registry: Registry | str | Path | None = None
) -> str:
    """The text of a starting ``story.yaml`` for ``corpus``: a commented header, an empty
    ``topic`` and one ``actors`` entry (``id, name, kind``, for people the ``role`` and
    party ``affiliation`` their articles give, "Senate Majority Leader (Ky.)" and
    "Republican Party" from "Senate Majority Leader Mitch McConnell (R-Ky.)", else empty;
    ``aliases``) per discovered actor with at least
    ``min_mentions`` mentions. ``yaml.safe_load`` of it is a valid story part.
    """
    mentions = actor_mentions(corpus, registry=registry, roles=("title", "body"))
    entries = _entries(mentions, min_mentions, _people_roles(corpus, registry))
    header = HEADER.format(
        n_docs=len(corpus.documents), min_mentions=min_mentions, n_actors=len(entries)
    )
    body = {"topic": {"name": "", "terms": []}, "actors": entries}
    return header + "\n" + yaml.safe_dump(body, sort_keys=False, allow_unicode=True, width=88)
