"""The actor registry: who can be mentioned, by which words, and the story's topic.

The general part ships in the package (``data/actors.yaml``: governments with their
capitals, demonyms and institutional metonyms; NATO, the EU, the UN ...); the story part
lives beside the corpus (``story.yaml``: the people of the story and the proposal's topic
terms). :func:`load_registry` merges both; :func:`registry_for` picks the one for a corpus.

>>> reg = load_registry()
>>> reg.actor("RU")["name"], reg.surface("Kremlin").how
('Russia', 'metonym')
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
from importlib import resources
from pathlib import Path

import pandas as pd
import yaml

from storylens.corpus import Corpus
from storylens.lexicon import term_pattern

__all__ = [
    "KINDS",
    "STORY_FILE",
    "Registry",
    "RegistryError",
    "Role",
    "Surface",
    "discovered_id",
    "discovered_row",
    "is_discovered",
    "load_registry",
    "registry_for",
]

KINDS = ("person", "government", "organisation", "bloc")
STORY_FILE = "story.yaml"
REGISTRY_COLUMNS = ["id", "name", "kind", "affiliation", "role", "roles", "aliases", "source"]


# The id prefix of an actor found in the text, not in a registry (storylens.actors.discovery).
DISCOVERED_PREFIX = "discovered:"


def discovered_id(name: str, kind: str) -> str:
    """The stable id of a discovered actor, the same in every document that names it in
    full: ``discovered:<kind>:<name with blanks as _>``.

    >>> discovered_id("Peter Strzok", "person")
    'discovered:person:Peter_Strzok'
    """
    return f"{DISCOVERED_PREFIX}{kind}:{'_'.join(name.split())}"


def is_discovered(actor_id: str) -> bool:
    """Whether an actor id is a discovered actor's (not a registry entry)."""
    return str(actor_id).startswith(DISCOVERED_PREFIX)


def discovered_row(actor_id: str) -> dict:
    """The registry-like row of a discovered actor, read back from its id.

    >>> row = discovered_row("discovered:person:Peter_Strzok")
    >>> row["name"], row["kind"], row["source"]
    ('Peter Strzok', 'person', 'discovered')
    """
    kind, _, name = actor_id[len(DISCOVERED_PREFIX) :].partition(":")
    if not is_discovered(actor_id) or kind not in KINDS or not name:
        raise KeyError(f"{actor_id!r} is neither a registry actor nor a discovered one")
    name = name.replace("_", " ")
    return {
        "id": actor_id, "name": name, "kind": kind,
        "affiliation": "" if kind == "person" else name, "role": "",
        "roles": (), "aliases": [], "source": "discovered",
    }  # fmt: skip


class RegistryError(ValueError):
    """The actor registry cannot be used as written (names the file and entry)."""


@dataclasses.dataclass(frozen=True)
class Role:
    """One position a person holds: for whom (``affiliation``, a registry name), as what
    (``role``), and when: from ``start`` to ``end``, both days included, None open.

    >>> merz = Role("Germany", "Chancellor", start=dt.date(2025, 5, 6))
    >>> merz.holds_on(dt.date(2024, 12, 13)), merz.holds_on(dt.date(2025, 5, 6))
    (False, True)
    """

    affiliation: str
    role: str = ""
    start: dt.date | None = None
    end: dt.date | None = None

    def holds_on(self, day: dt.date) -> bool:
        """Whether the role is held on ``day``."""
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclasses.dataclass(frozen=True)
class Surface:
    """One way of writing an actor's name, and what it is (``how``)."""

    text: str
    actor_id: str
    how: str  # full name | alias | surname | demonym | capital | metonym


def surface_pattern(names: list[str]) -> re.Pattern[str] | None:
    """A case-sensitive pattern for any of ``names`` as a whole word, longest first:
    ``surface_pattern(["Moscow"])`` accepts "Moscow" in "Moscow rejected"; rejects it in
    "Moscow-based" and "anti-Moscow". None when there are no names."""
    if not names:
        return None
    ordered = sorted(names, key=len, reverse=True)
    return re.compile(
        r"(?<![\w’'-])(?:" + "|".join(re.escape(n) for n in ordered) + r")(?![\w-]|\.\w)"
    )


@dataclasses.dataclass
class Registry:
    """Actors and topic terms, with a compiled matcher.

    ``actors``: one row per actor: ``id, name, kind, affiliation, role`` (a person's
    latest role: the one with no end, else the last), ``roles`` (a tuple of
    :class:`Role`, each with its dates; one undated role for the single ``affiliation``
    form), ``aliases`` (list), ``source`` (the file it came from). ``topic_terms``: the
    words and phrases that name the story's proposal. ``topic_name``: shown in reports.
    ``figure_topics``: the story's rules for what a figure is about (see
    storylens.figures.figure_topic).
    """

    actors: pd.DataFrame
    topic_terms: tuple[str, ...] = ()
    topic_name: str = ""
    surfaces: tuple[Surface, ...] = ()
    figure_topics: tuple[dict, ...] = ()  # story rules naming what a figure is about

    def __post_init__(self):
        self._by_text = {s.text: s for s in self.surfaces}
        self.pattern = surface_pattern(list(self._by_text))
        self.topic_pattern = term_pattern(self.topic_terms)
        self._row = {r["id"]: r for r in self.actors.to_dict("records")}
        self._body_by_name = {r["name"]: i for i, r in self._row.items() if r["kind"] != "person"}

    def surface(self, text: str) -> Surface:
        """The surface form ``text`` exactly as registered."""
        return self._by_text[text]

    def has(self, actor_id: str) -> bool:
        """Whether ``actor_id`` is one of this registry's rows (not only read from an id)."""
        return actor_id in self._row

    def actor(self, actor_id: str) -> dict:
        """The registry row of one actor; for a discovered actor (not in the registry), the
        row its id stands for (:func:`discovered_row`)."""
        row = self._row.get(actor_id)
        return row if row is not None else discovered_row(actor_id)

    def government_of(self, actor_id: str, on: dt.date | None = None) -> str | None:
        """The id of the registered government, party or body an actor speaks for on the
        day ``on`` (itself for those; None for a person holding no role for a registered
        body that day). With ``on`` None (date unknown) a person counts for a body only
        when all their roles are for the same one.

        >>> reg = load_registry({"actors": [{"id": "fm", "name": "Friedrich Merz",
        ...     "kind": "person", "roles": [{"affiliation": "Germany", "from": "2025-05-06"}]}]})
        >>> [reg.government_of("fm", on=dt.date(y, 6, 1)) for y in (2024, 2025)]
        [None, 'DE']
        """
        row = self.actor(actor_id)
        if row["kind"] != "person":
            return actor_id
        roles = row["roles"]
        if on is None:
            names = {r.affiliation for r in roles}
            held = [r for r in roles if len(names) == 1]
        else:
            held = [r for r in roles if r.holds_on(on)]
        found = [
            self._body_by_name[r.affiliation] for r in held if r.affiliation in self._body_by_name
        ]
        return found[0] if found else None


def _read_yaml(path_or_text: Path | str, label: str) -> dict:
    try:
        if isinstance(path_or_text, Path):
            return yaml.safe_load(path_or_text.read_text(encoding="utf-8")) or {}
        return yaml.safe_load(path_or_text) or {}
    except yaml.YAMLError as err:
        raise RegistryError(f"{label}: not valid YAML: {err}") from err


def _checked_entry(entry: object, where: str, label: str) -> dict:
    """One registry entry with its aliases as a list and its source, or a RegistryError."""
    if not isinstance(entry, dict):
        raise RegistryError(f"{where}: must be a mapping with id, name, kind")
    for key in ("id", "name", "kind"):
        if not str(entry.get(key) or "").strip():
            raise RegistryError(f"{where} ({entry.get('name', '?')}): missing {key!r}")
    if entry["kind"] not in KINDS:
        raise RegistryError(
            f"{where} ({entry['name']}): kind {entry['kind']!r} is not one of {', '.join(KINDS)}"
        )
    aliases = entry.get("aliases") or []
    if not isinstance(aliases, list):
        raise RegistryError(f"{where} ({entry['name']}): aliases must be a list")
    roles = _roles(entry, f"{where} ({entry['name']})")
    return {**entry, "aliases": aliases, "roles": roles, "source": label}


def _day(value: object, where: str) -> dt.date | None:
    """A role's ``from``/``to`` as a date: YAML dates and ``YYYY-MM-DD`` strings."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise RegistryError(f"{where}: {value!r} is not a date (write YYYY-MM-DD)") from None


def _roles(entry: dict, where: str) -> tuple[Role, ...]:
    """A person's roles: the ``roles`` list (``affiliation, role, from, to``), else one
    undated role from ``affiliation`` and ``role``."""
    spec = entry.get("roles")
    if spec is None:
        return (Role(str(entry.get("affiliation") or ""), str(entry.get("role") or "")),)
    if not isinstance(spec, list) or not all(isinstance(r, dict) for r in spec):
        raise RegistryError(
            f"{where}: roles must be a list of mappings (affiliation, role, from, to)"
        )
    roles = []
    for i, r in enumerate(spec, start=1):
        at = f"{where} role {i}"
        role = Role(str(r.get("affiliation") or ""), str(r.get("role") or ""),
                    _day(r.get("from"), at), _day(r.get("to"), at))  # fmt: skip
        if role.start and role.end and role.end < role.start:
            raise RegistryError(f"{at}: 'to' ({role.end}) is before 'from' ({role.start})")
        roles.append(role)
    return tuple(roles)


def _latest(roles: tuple[Role, ...]) -> Role | None:
    """The role with no end, else the one that ends last."""
    if not roles:
        return None
    return max(roles, key=lambda r: (r.end is None, r.end or dt.date.min, r.start or dt.date.min))


def _entries(spec: dict, label: str) -> list[dict]:
    entries = spec.get("actors", [])
    if not isinstance(entries, list):
        raise RegistryError(f"{label}: 'actors' must be a list of mappings")
    return [
        _checked_entry(entry, f"{label}: actor {i}", label)
        for i, entry in enumerate(entries, start=1)
    ]


@dataclasses.dataclass(frozen=True)
class _StoryPart:
    rows: list[dict]
    topic_terms: tuple[str, ...] = ()
    topic_name: str = ""
    figure_topics: tuple[dict, ...] = ()


def _story_part(story: str | Path | dict) -> _StoryPart:
    label = str(story) if not isinstance(story, dict) else "story"
    spec = story if isinstance(story, dict) else _read_yaml(Path(story), label)
    rows = _entries(spec, label)
    topic = spec.get("topic") or {}
    figure_topics = tuple(spec.get("figure_topics") or ())
    for i, rule in enumerate(figure_topics, start=1):
        if not isinstance(rule, dict) or not rule.get("name"):
            raise RegistryError(f"{label}: figure_topics rule {i} needs a name")
    return _StoryPart(
        rows,
        tuple(str(t) for t in topic.get("terms", [])),
        str(topic.get("name", "")),
        figure_topics,
    )


def _actor_table(rows: list[dict]) -> pd.DataFrame:
    seen: set[str] = set()
    for row in rows:
        if row["id"] in seen:
            raise RegistryError(f"{row['source']}: actor id {row['id']!r} is used twice")
        seen.add(row["id"])
    table = []
    for r in rows:
        latest = _latest(r["roles"])
        affiliation = latest.affiliation if latest else ""
        table.append({
            "id": r["id"],
            "name": r["name"],
            "kind": r["kind"],
            "affiliation": affiliation or (r["name"] if r["kind"] != "person" else ""),
            "role": latest.role if latest else "",
            "roles": r["roles"],
            "aliases": list(r["aliases"]),
            "source": r["source"],
        })  # fmt: skip
    return pd.DataFrame(table, columns=REGISTRY_COLUMNS)


def load_registry(story: str | Path | dict | None = None, *, general: bool = True) -> Registry:
    """The actor registry: the general part (package data) plus a story part.

    ``story``: a ``story.yaml`` path, its parsed content, or None for no story part. A
    story actor with the id of a general one replaces it. Errors name the file and entry.
    """
    rows: list[dict] = []
    if general:
        text = resources.files("storylens").joinpath("data", "actors.yaml").read_text("utf-8")
        rows += _entries(_read_yaml(text, "actors.yaml"), "storylens/data/actors.yaml")
    part = _StoryPart([])
    if story is not None:
        part = _story_part(story)
        replaced = {r["id"] for r in part.rows}
        rows = [r for r in rows if r["id"] not in replaced] + part.rows
    actors = _actor_table(rows)
    surfaces = tuple(_surfaces(rows))
    return Registry(actors, part.topic_terms, part.topic_name, surfaces, part.figure_topics)


def _surfaces(rows: list[dict]) -> list[Surface]:
    """Every surface form with its actor; a form two actors share goes to the first."""
    found: dict[str, Surface] = {}

    def add(text: str, actor_id: str, how: str) -> None:
        text = str(text).strip()
        if text and text not in found:
            found[text] = Surface(text, actor_id, how)

    # Full names and aliases first, so they win over another actor's demonym or surname.
    for r in rows:
        add(r["name"], r["id"], "full name")
        for alias in r["aliases"]:
            add(alias, r["id"], "alias")
    for r in rows:
        for metonym in r.get("metonyms") or []:
            add(metonym, r["id"], "metonym")
        if r.get("capital"):
            add(r["capital"], r["id"], "capital")
        for demonym in r.get("demonyms") or []:
            add(demonym, r["id"], "demonym")
        if r["kind"] == "person":
            for surname in _surnames(r):
                add(surname, r["id"], "surname")
    return list(found.values())


def _surnames(row: dict) -> list[str]:
    """A person's surname (given, or the last word of the name), then the last words of
    their multi-word aliases when no surname is given ("Zelenskyy" from "Volodymyr
    Zelenskyy")."""
    surname = row.get("surname", row["name"].split()[-1])
    found = [surname] if surname else []
    if row.get("surname") is None:
        found += [alias.split()[-1] for alias in row["aliases"] if " " in alias]
    return found


@functools.cache
def _cached_registry(story: str | None, mtime_ns: int) -> Registry:
    """``mtime_ns`` is part of the key, so an edited story.yaml is read again."""
    return load_registry(story)


def registry_for(corpus: Corpus, registry: Registry | str | Path | None = None) -> Registry:
    """The registry to use: the one given, or the general one plus the corpus' story.yaml."""
    if isinstance(registry, Registry):
        return registry
    if registry is not None:
        return load_registry(registry)
    source = Path(corpus.source)
    story = (source if source.is_dir() else source.parent) / STORY_FILE
    if not story.exists():
        return _cached_registry(None, 0)
    return _cached_registry(str(story), story.stat().st_mtime_ns)
