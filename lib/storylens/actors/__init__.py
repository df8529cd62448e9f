"""Who is in the story: an actor registry, actor mentions, and each actor's stance.

The registry has two parts: a general one shipped in the package (governments with their
capitals, demonyms and institutional metonyms; NATO, the EU, the UN ...) and a story part
beside the corpus (``story.yaml``: the people of the story and the proposal's topic
terms). The modules:

- :mod:`~storylens.actors.registry`: :func:`load_registry`, :func:`registry_for`;
- :mod:`~storylens.actors.mentions`: :func:`actor_mentions` finds every mention of a
  registered actor (:func:`document_mentions` in one document);
- :mod:`~storylens.actors.discovery`: :func:`discover_actors` finds the people and
  organisations no registry lists (ids ``discovered:<kind>:<Name>``), which
  :func:`document_mentions` mentions beside the registry's; :func:`resolve_discovered`
  gives a surname-only person the corpus' one full name;
- :mod:`~storylens.actors.story_file`: :func:`discovered_story` writes what was
  discovered as a starting ``story.yaml``;
- :mod:`~storylens.actors.names`: :func:`unlisted_names` lists the capitalised names that
  match no actor;
- :mod:`~storylens.actors.attribution`: who a sentence says does or says something
  (:func:`speaker`, :func:`subject`), for stances and figures;
- :mod:`~storylens.actors.stances`: :func:`actor_stances` says what each actor does or
  says about the proposal (:func:`document_stance_cues` for one document), on the
  scale of :func:`stance_values`.

>>> from storylens import load_corpus
>>> corpus = load_corpus()
>>> m = actor_mentions(corpus)
>>> row = m[m["how"] == "metonym"].iloc[0]
>>> (row.text, row.actor)
('Kremlin', 'Russia')
"""

from storylens.actors.attribution import (
    Cues,
    agent,
    coordinated,
    cues,
    in_carried_quote,
    quote_speaker,
    reported_subject,
    speaker,
    subject,
)
from storylens.actors.discovery import Discovered, discover_actors, resolve_discovered
from storylens.actors.mentions import (
    MENTION_COLUMNS,
    actor_mentions,
    document_mentions,
    find_mentions,
    mention_spans,
)
from storylens.actors.names import unlisted_names
from storylens.actors.registry import (
    KINDS,
    STORY_FILE,
    Registry,
    RegistryError,
    Role,
    Surface,
    discovered_id,
    is_discovered,
    load_registry,
    registry_for,
)
from storylens.actors.stances import (
    EVIDENCE_COLUMNS,
    POLARITIES,
    STANCE_COLUMNS,
    StanceRule,
    actor_stances,
    aggregate_stances,
    document_stance_cues,
    fold_to_governments,
    stance_evidence,
    stance_of,
    stance_rules,
    stance_values,
)
from storylens.actors.story_file import discovered_story
from storylens.actors.topic import StanceTopic, stance_topic

__all__ = [
    "EVIDENCE_COLUMNS",
    "KINDS",
    "MENTION_COLUMNS",
    "POLARITIES",
    "STANCE_COLUMNS",
    "STORY_FILE",
    "Cues",
    "Discovered",
    "Registry",
    "StanceTopic",
    "RegistryError",
    "Role",
    "StanceRule",
    "Surface",
    "actor_mentions",
    "actor_stances",
    "agent",
    "aggregate_stances",
    "coordinated",
    "cues",
    "discover_actors",
    "discovered_id",
    "discovered_story",
    "document_mentions",
    "document_stance_cues",
    "find_mentions",
    "fold_to_governments",
    "in_carried_quote",
    "is_discovered",
    "load_registry",
    "mention_spans",
    "quote_speaker",
    "reported_subject",
    "registry_for",
    "resolve_discovered",
    "speaker",
    "stance_evidence",
    "stance_topic",
    "stance_of",
    "stance_rules",
    "stance_values",
    "subject",
    "unlisted_names",
]
