"""Who is in the story: an actor registry, actor mentions, and each actor's stance.

The registry has two parts: a general one shipped in the package (governments with their
capitals, demonyms and institutional metonyms; NATO, the EU, the UN ...) and a story part
beside the corpus (``story.yaml``: the people of the story and the proposal's topic
terms). :func:`actor_mentions` finds every mention of a registered actor in a corpus,
:func:`unlisted_names` lists the capitalised names that match no actor, and
:func:`actor_stances` says what each actor does or says about the proposal.

>>> from storylens import load_corpus
>>> corpus = load_corpus()
>>> m = actor_mentions(corpus)
>>> row = m[m["how"] == "metonym"].iloc[0]
>>> (row.text, row.actor)
('Kremlin', 'Russia')
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Iterable
from importlib import resources
from pathlib import Path

import pandas as pd
import yaml

from storylens.corpus import Corpus
from storylens.terms import stopwords

KINDS = ("person", "government", "organisation")
STORY_FILE = "story.yaml"

MENTION_COLUMNS = [
    "doc_id", "sent_id", "role", "start", "end", "text", "actor_id", "actor", "kind",
    "affiliation", "how", "sentence", "sent_start",
]  # fmt: skip

# Words for a body that acts, after a demonym: "British officials", "Russian troops".
ACTING_NOUNS = (
    "officials|official|government|governments|authorities|leaders|leader|leadership|"
    "diplomats|diplomat|ministers|minister|ministry|forces|troops|soldiers|military|army|"
    "navy|side|delegation|delegates|delegation|negotiators|strategists|politicians|"
    "establishment|administration|representatives|spokesman|spokeswoman|spokesperson|"
    "officers|generals|commanders|intelligence|parliament|lawmakers|president|presidency|"
    "prime\\s+minister|chancellor|envoy|embassy|state\\s+media|allies|partners|counterparts"
)
# After a demonym: accepts "officials", "troops", "state media"; rejects "aggression".
ACTING_NOUN_AFTER = re.compile(rf"\s+(?:{ACTING_NOUNS})\b", re.I)
# A place use of a capital, country or metonym, from the words just before it: accepts
# "talks in " / "Seen from " / "visit " / "traveled to "; rejects "accepted by ".
PLACE_BEFORE = re.compile(
    r"(?:\b(?:in|at|to|near|into|inside|outside|across|around|via|over|throughout|"
    r"visit|visits|visited|visiting|toward|towards|within|on)\s+(?:the\s+)?)\Z",
    re.I,
)
# A title before a person's name: accepts "French President ", "Foreign Minister ",
# "Sir ", "Kremlin spokesman "; rejects "said ".
TITLE_BEFORE = re.compile(
    r"(?:\b(?:President(?:-elect)?|Prime\s+Minister|(?:Foreign|Defen[cs]e|Deputy|Prime)\s+"
    r"Minister|Minister|Secretary(?:\s+of\s+State)?|Chancellor|Sir|Dame|Mr\.?|Mrs\.?|Ms\.?|"
    r"Dr\.?|Gen\.?|General|Sen\.?|Senator|Rep\.?|spokesman|spokeswoman|Envoy|envoy|"
    r"Ambassador|King|Queen|Pope|leader|Commission\s+president|Vice\s+President|Professor|"
    r"professor)\s+)\Z"
)
# A capitalised word right before, joining a longer proper name: accepts "College " in
# "King’s College London"; rejects "Moscow, " and "and ".
PROPER_WORD_BEFORE = re.compile(r"(?<![.!?]\s)\b([A-Z][\w’'-]*)\s+\Z")
# A possessive right after a name: accepts "’s", "'s", "’"; rejects "’re".
POSSESSIVE_AFTER = re.compile(r"[’']s?(?![\w’'])")
# Capitalised word sequences, for unlisted names: accepts "Khartya", "Radar MMS",
# "King’s College London", "Budapest Memorandum"; rejects "the", "30,000".
NAME_SEQUENCE = re.compile(
    r"(?<![\w’'-])(?:[A-Z][\w’'.-]*[\w]|[A-Z])(?:\s+(?:(?:of|de|von|der|van|the)\s+)?"
    r"(?:[A-Z][\w’'.-]*[\w]|[A-Z]))*"
)


# A word, for telling title-case headings apart: accepts "Hurdles", "and"; rejects "—".
WORD = re.compile(r"[^\W\d_][\w’'-]*")


class RegistryError(ValueError):
    """The actor registry cannot be used as written (names the file and entry)."""


@dataclasses.dataclass(frozen=True)
class Surface:
    """One way of writing an actor's name, and what it is (``how``)."""

    text: str
    actor_id: str
    how: str  # full name | alias | surname | demonym | capital | metonym


@dataclasses.dataclass
class Registry:
    """Actors and topic terms, with a compiled matcher.

    ``actors``: one row per actor: ``id, name, kind, affiliation, role, aliases`` (list),
    ``source`` (the file it came from). ``topic_terms``: the words and phrases that name
    the story's proposal. ``topic_name``: shown in reports. ``figure_topics``: the story's
    rules for what a figure is about (see storylens.figures.figure_topic).
    """

    actors: pd.DataFrame
    topic_terms: tuple[str, ...] = ()
    topic_name: str = ""
    surfaces: tuple[Surface, ...] = ()
    figure_topics: tuple[dict, ...] = ()  # story rules naming what a figure is about

    def __post_init__(self):
        self._by_text = {s.text: s for s in self.surfaces}
        names = sorted(self._by_text, key=len, reverse=True)
        self.pattern = (
            re.compile(
                r"(?<![\w’'-])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w-]|\.\w)"
            )
            if names
            else None
        )
        topic = sorted(self.topic_terms, key=len, reverse=True)
        self.topic_pattern = (
            re.compile(
                r"(?<!\w)(?:"
                + "|".join(r"\s+".join(map(re.escape, t.split())) for t in topic)
                + r")(?!\w)",
                re.I,
            )
            if topic
            else None
        )
        self._row = {r["id"]: r for r in self.actors.to_dict("records")}
        self._body_by_name = {r["name"]: i for i, r in self._row.items() if r["kind"] != "person"}

    def surface(self, text: str) -> Surface:
        return self._by_text[text]

    def actor(self, actor_id: str) -> dict:
        """The registry row of one actor."""
        return self._row[actor_id]

    def government_of(self, actor_id: str) -> str | None:
        """The id of the government or body an actor speaks for (itself for those)."""
        row = self._row[actor_id]
        if row["kind"] != "person":
            return actor_id
        return self._body_by_name.get(row["affiliation"])


def _read_yaml(path_or_text, label: str) -> dict:
    try:
        if isinstance(path_or_text, Path):
            return yaml.safe_load(path_or_text.read_text(encoding="utf-8")) or {}
        return yaml.safe_load(path_or_text) or {}
    except yaml.YAMLError as err:
        raise RegistryError(f"{label}: not valid YAML: {err}") from err


def _entries(spec: dict, label: str) -> list[dict]:
    entries = spec.get("actors", [])
    if not isinstance(entries, list):
        raise RegistryError(f"{label}: 'actors' must be a list of mappings")
    rows = []
    for i, entry in enumerate(entries, start=1):
        where = f"{label}: actor {i}"
        if not isinstance(entry, dict):
            raise RegistryError(f"{where}: must be a mapping with id, name, kind")
        for key in ("id", "name", "kind"):
            if not str(entry.get(key) or "").strip():
                raise RegistryError(f"{where} ({entry.get('name', '?')}): missing {key!r}")
        if entry["kind"] not in KINDS:
            raise RegistryError(
                f"{where} ({entry['name']}): kind {entry['kind']!r} is not one of "
                f"{', '.join(KINDS)}"
            )
        aliases = entry.get("aliases") or []
        if not isinstance(aliases, list):
            raise RegistryError(f"{where} ({entry['name']}): aliases must be a list")
        rows.append({**entry, "aliases": aliases, "source": label})
    return rows


def load_registry(story: str | Path | dict | None = None, *, general: bool = True) -> Registry:
    """The actor registry: the general part (package data) plus a story part.

    ``story``: a ``story.yaml`` path, its parsed content, or None for no story part. A
    story actor with the id of a general one replaces it. Errors name the file and entry.
    """
    rows: list[dict] = []
    if general:
        text = resources.files("storylens").joinpath("data", "actors.yaml").read_text("utf-8")
        rows += _entries(_read_yaml(text, "actors.yaml"), "storylens/data/actors.yaml")
    topic_terms: tuple[str, ...] = ()
    topic_name = ""
    figure_topics: tuple[dict, ...] = ()
    if story is not None:
        label = str(story) if not isinstance(story, dict) else "story"
        spec = story if isinstance(story, dict) else _read_yaml(Path(story), label)
        story_rows = _entries(spec, label)
        replaced = {r["id"] for r in story_rows}
        rows = [r for r in rows if r["id"] not in replaced] + story_rows
        topic = spec.get("topic") or {}
        topic_terms = tuple(str(t) for t in topic.get("terms", []))
        topic_name = str(topic.get("name", ""))
        figure_topics = tuple(spec.get("figure_topics") or ())
        for i, rule in enumerate(figure_topics, start=1):
            if not isinstance(rule, dict) or not rule.get("name"):
                raise RegistryError(f"{label}: figure_topics rule {i} needs a name")
    seen: dict[str, str] = {}
    for row in rows:
        if row["id"] in seen:
            raise RegistryError(f"{row['source']}: actor id {row['id']!r} is used twice")
        seen[row["id"]] = row["source"]
    surfaces = _surfaces(rows)
    actors = pd.DataFrame(
        [
            {
                "id": r["id"],
                "name": r["name"],
                "kind": r["kind"],
                "affiliation": r.get("affiliation") or (r["name"] if r["kind"] != "person" else ""),
                "role": r.get("role", ""),
                "aliases": list(r["aliases"]),
                "source": r["source"],
            }
            for r in rows
        ],
        columns=["id", "name", "kind", "affiliation", "role", "aliases", "source"],
    )
    return Registry(actors, topic_terms, topic_name, tuple(surfaces), figure_topics)


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
            surname = r.get("surname", r["name"].split()[-1])
            if surname:
                add(surname, r["id"], "surname")
            for alias in r["aliases"]:  # "Zelenskyy" from "Volodymyr Zelenskyy"
                if " " in alias and r.get("surname") is None:
                    add(alias.split()[-1], r["id"], "surname")
    return list(found.values())


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


# --------------------------------------------------------------------------- mentions


def find_mentions(sentence: str, registry: Registry) -> list[tuple[int, int, str, str]]:
    """Actor mentions in one sentence: ``(start, end, actor_id, how)``, offsets in it.

    ``how``: ``full name``, ``alias``, ``title + name``, ``possessive``, ``surname``,
    ``demonym``, ``capital``, ``metonym``. Capitals, country names and metonyms used as a
    place ("talks in Moscow") and country words used as a modifier of a proper name
    ("US President", "French President") are not mentions; a demonym is one only before a
    word for an acting body ("British officials": the span includes the noun) or as a
    plural noun ("the Russians").

    >>> reg = load_registry()
    >>> [(s, e, a, h) for s, e, a, h in find_mentions("Moscow rejected talks in Moscow.", reg)]
    [(0, 6, 'RU', 'capital')]
    """
    if registry.pattern is None:
        return []
    found = []
    for m in registry.pattern.finditer(sentence):
        surface = registry.surface(m.group())
        start, end, how = m.start(), m.end(), surface.how
        before, after = sentence[:start], sentence[end:]
        kind = registry.actor(surface.actor_id)["kind"]
        if how == "demonym":
            noun = ACTING_NOUN_AFTER.match(after)
            if noun:
                if re.match(r"\s+[A-Z]", after[noun.end() :]):
                    continue  # "British Prime Minister Keir Starmer": the person's title
                end += noun.end()
            elif not (surface.text.endswith("s") and surface.text[:-1] != surface.text.upper()):
                continue  # "Russian aggression": an adjective, not an actor
            elif after[:1].isupper() or re.match(r"\s+[A-Z]", after):
                continue
        if kind != "person" and how in {"full name", "alias", "capital", "metonym"}:
            if PLACE_BEFORE.search(before):
                continue
            name_before = PROPER_WORD_BEFORE.search(before)
            if name_before and name_before.group(1).lower() not in stopwords():
                continue  # "King’s College London": part of a longer name
            if re.match(r"\s+[A-Z][a-z]", after) and not re.match(r"\s+(?:and|or)\b", after):
                continue  # "US President Trump", "Kremlin Palace": part of a longer name
        if kind == "person":
            if TITLE_BEFORE.search(before):
                how = "title + name"
        if POSSESSIVE_AFTER.match(sentence, end) and how != "demonym":
            how = "possessive"
        found.append((start, end, surface.actor_id, how))
    return found


def actor_mentions(
    corpus: Corpus,
    *,
    registry: Registry | str | Path | None = None,
    roles: Iterable[str] = ("title", "body", "caption"),
) -> pd.DataFrame:
    """Every mention of a registered actor in the corpus.

    Returns one row per mention: ``doc_id, sent_id, role`` (of the sentence), ``start,
    end`` (offsets in the document text), ``text`` (the mention), ``actor_id, actor``
    (the registry name), ``kind``, ``affiliation``, ``how`` (see :func:`find_mentions`;
    a surname is ``surname after full name`` when the full name came earlier in the same
    document), ``sentence`` and ``sent_start`` (the sentence's offset in the document,
    so ``start - sent_start`` is the mention's offset in ``sentence``).
    """
    reg = registry_for(corpus, registry)
    roles = tuple(roles)
    rows = []
    for doc_id, sentences in corpus.sentences.groupby("doc_id", sort=False):
        named: set[str] = set()  # actors whose full name has appeared in this document
        for sent in sentences.itertuples(index=False):
            if sent.role not in roles:
                continue
            for start, end, actor_id, how in find_mentions(sent.text, reg):
                if how in {"full name", "alias", "title + name"} and " " in sent.text[start:end]:
                    named.add(actor_id)
                if how == "surname" and actor_id in named:
                    how = "surname after full name"
                actor = reg.actor(actor_id)
                rows.append(
                    (doc_id, sent.sent_id, sent.role, sent.start + start, sent.start + end,
                     sent.text[start:end], actor_id, actor["name"], actor["kind"],
                     actor["affiliation"], how, sent.text, sent.start)
                )  # fmt: skip
    return pd.DataFrame(rows, columns=MENTION_COLUMNS)


def mention_spans(mentions: pd.DataFrame) -> dict[tuple[str, int], list[tuple[int, int, str]]]:
    """The mentions of each sentence as ``(start, end, actor_id)`` with offsets in the
    sentence, sorted, keyed by ``(doc_id, sent_id)``: what the attribution rules read."""
    local = mentions.assign(
        s=mentions["start"] - mentions["sent_start"], e=mentions["end"] - mentions["sent_start"]
    )
    return {
        key: sorted(zip(g["s"], g["e"], g["actor_id"], strict=True))
        for key, g in local.groupby(["doc_id", "sent_id"])
    }


def unlisted_names(
    corpus: Corpus, *, registry: Registry | str | Path | None = None, min_count: int = 1
) -> pd.DataFrame:
    """Capitalised names in the corpus that match no registered actor.

    For extending the registry. A name is a run of capitalised words (allowing "of",
    "de", "von", "der"); a single word at the start of a sentence is left out when the
    corpus also uses it in lower case ("However"). Returns ``name, count, n_docs``,
    ``example`` (a sentence using it), ``doc_id``, ``start``, ``end`` (the first use),
    sorted by count.
    """
    reg = registry_for(corpus, registry)
    tokens = corpus.tokens
    lower_words = set(tokens["lower"][tokens["token"] == tokens["lower"]])
    # words seen capitalised inside a sentence, not only at its start
    first_in_sentence = tokens.groupby(["doc_id", "sent_id"])["tok_id"].transform("min")
    inner = tokens[(tokens["tok_id"] != first_in_sentence) & tokens["token"].str[:1].str.isupper()]
    capitalised_inside = set(inner["token"])
    known = reg.pattern
    calendar = re.compile(
        r"(?:January|February|March|April|May|June|July|August|September|October|November|"
        r"December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Jan|Feb|Mar|Apr|"
        r"Aug|Sept?|Oct|Nov|Dec)\.?\Z"
    )
    counts: dict[str, list] = {}
    for sent in corpus.sentences.itertuples(index=False):
        words = [w for w in WORD.findall(sent.text) if w.lower() not in stopwords()]
        if words and all(w[0].isupper() for w in words) and not sent.text.rstrip().endswith("."):
            continue  # a title-case heading ("Challenges and Diplomatic Hurdles")
        covered = [(m.start(), m.end()) for m in known.finditer(sent.text)] if known else []
        for m in NAME_SEQUENCE.finditer(sent.text):
            name, offset = re.sub(r"[’']s?\Z", "", m.group().rstrip(".")), m.start()
            first = name.split()[0]
            while " " in name and (
                first.lower() in stopwords()
                or (
                    offset == 0
                    and (first.lower() in lower_words or first not in capitalised_inside)
                )
            ):  # "But Western" -> "Western", "As the Journal" -> "Journal"
                name = name.split(" ", 1)[1].lstrip()
                offset = m.start() + m.group().index(name)
                first = name.split()[0]
            if name.split()[0].lower() in {"the", "of", "and", "de", "von", "der"}:
                continue
            if any(s < m.end() and m.start() < e for s, e in covered):
                # keep the part that is not an actor: "Radar MMS" yes, "Sir Keir Starmer" no
                continue
            words = name.split()
            if len(words) == 1:
                at_start = offset == 0 or sent.text[:offset].rstrip().endswith(("“", '"', ":"))
                if name.lower() in stopwords() or (
                    at_start and (name.lower() in lower_words or name not in capitalised_inside)
                ):
                    continue
                if len(name) < 2 or calendar.match(name) or name.lower() in {"i", "a"}:
                    continue
            if calendar.match(words[0]) and len(words) == 1:
                continue
            entry = counts.setdefault(
                name,
                [
                    0,
                    set(),
                    sent.text,
                    sent.doc_id,
                    sent.start + offset,
                    sent.start + offset + len(name),
                ],
            )
            entry[0] += 1
            entry[1].add(sent.doc_id)
    rows = [
        (name, c, len(docs), ex, d, s, e)
        for name, (c, docs, ex, d, s, e) in counts.items()
        if c >= min_count
    ]
    table = pd.DataFrame(
        rows, columns=["name", "count", "n_docs", "example", "doc_id", "start", "end"]
    )
    return table.sort_values(["count", "name"], ascending=[False, True]).reset_index(drop=True)


# --------------------------------------------------------------------------- stances

STANCE_COLUMNS = [
    "doc_id", "actor_id", "actor", "kind", "stance", "n_support", "n_oppose", "n_mentions",
    "evidence",
]  # fmt: skip
EVIDENCE_COLUMNS = [
    "doc_id", "sent_id", "role", "start", "end", "cue", "polarity", "actor_id", "actor",
    "via", "sentence",
]  # fmt: skip
# Demonym mentions that name armed forces: objects of a proposal, never its speakers.
MILITARY_NOUN = re.compile(r"\s(?:troops|forces|soldiers|military|army|navy)\Z", re.I)
# Clause boundaries for finding a cue's subject: accepts ";" and ", but"; rejects ",".
CLAUSE_BREAK = re.compile(r";|:(?!\d)|—|–|\s-\s|,?\s+\b(?:but|while|whereas|although|and\s+that)\b")
# A word that makes the next name an object, not a subject: accepts "from ", "with the ".
PREPOSITION_BEFORE = re.compile(
    r"\b(?:of|from|with|for|to|on|against|about|by|at|in|into|toward|towards|over|between|"
    r"among|than|like|including|under|meet|met|greets|greeted)\s+(?:the\s+)?\Z",
    re.I,
)
# A clause that has its own subject: accepts " it's", " they"; rejects " left the door".
SUBJECT_START = re.compile(
    r"\s*(?:it|its|it['’]s|they|he|she|we|i|you|the|this|that|these|those|a|an|there)\b", re.I
)
# A subordinate clause at the start: accepts "When ", "If ", "Although "; rejects "Russia ".
SUBORDINATE = re.compile(
    r"\s*(?:when|if|as|after|before|although|though|because|since|while|once|unless)\b", re.I
)
RELATIVE = re.compile(r"\b(?:who|whose|which|whom)\b")
# The gap between coordinated actors, titles allowed: accepts ", ", " and the ",
# ", British Prime Minister ", " & "; rejects " met ".
COORDINATION = re.compile(
    r"\A(?:\s*,\s*(?:and\s+)?|\s+(?:and|or|&)\s+)(?:the\s+)?(?:[A-Z][\w.’'-]*\s+){0,4}\Z"
)
QUOTE_OPEN, QUOTE_CLOSE = "“", "”"


@dataclasses.dataclass(frozen=True)
class _Cues:
    support: re.Pattern[str]
    oppose: re.Pattern[str]
    role_support: re.Pattern[str]
    role_oppose: re.Pattern[str]
    agent_after: re.Pattern[str]
    speech: re.Pattern[str]


@functools.cache
def _cues() -> _Cues:
    spec = yaml.safe_load(
        resources.files("storylens").joinpath("data", "stance_cues.yaml").read_text("utf-8")
    )

    def alternation(items: list[str]) -> re.Pattern[str]:
        return re.compile(r"(?<![\w-])(?:" + "|".join(items) + r")(?![\w-])", re.I)

    agent = re.compile(
        r"(?:" + "|".join(spec["agent_after"]) + r")(?:,\s*\w+)?\s+(?:from|by)\s+(?:the\s+)?\Z",
        re.I,
    )

    def role(items: list[str]) -> re.Pattern[str]:
        # "(strong supporter)" right after the name, or "is a key supporter"
        nouns = "|".join(items)
        return re.compile(
            rf"\A\s*(?:\((?:[\w’' -]+\s)?(?:{nouns})\b|,?\s+(?:is|are|was|were|as)\s+"
            rf"(?:a|an|the|its|their)?\s*(?:\w+\s+){{0,2}}(?:{nouns})\b)",
            re.I,
        )

    return _Cues(
        alternation(spec["support"]),
        alternation(spec["oppose"]),
        role(spec["role_support"]),
        role(spec["role_oppose"]),
        agent,
        alternation(spec["speech"]),
    )


def _coordinated(
    index: int, spans: list[tuple[int, int, str]], sentence: str, *, backward: bool = False
) -> list[str]:
    """The actor at ``spans[index]`` and those joined to it by "and", "&" or commas
    (after it, or before it with ``backward``), in sentence order."""
    group = [index]
    step = -1 if backward else 1
    i = index
    while 0 <= i + step < len(spans):
        a, b = (spans[i + step], spans[i]) if backward else (spans[i], spans[i + step])
        if not COORDINATION.match(sentence[a[1] : b[0]]):
            break
        i += step
        group.append(i)
    return [spans[i][2] for i in sorted(group)]


def _subject(sentence: str, spans, cue_start: int, *, clause_end: int | None = None) -> list[str]:
    """The actors doing what the cue at ``cue_start`` says, by surface rules."""
    before = sentence[:cue_start]
    breaks = [m.end() for m in CLAUSE_BREAK.finditer(before)]
    clause_start = breaks[-1] if breaks else 0
    # a relative clause: "the Polish government whose officials ... gave it a cool response"
    rel = [m for m in RELATIVE.finditer(before) if m.start() >= clause_start]
    if rel:
        antecedent = [
            i
            for i, (s, e, _) in enumerate(spans)
            if e <= rel[-1].start() and re.fullmatch(r"[\s,]*", before[e : rel[-1].start()])
        ]
        if antecedent:
            return [spans[antecedent[-1]][2]]
    candidates, agents = [], []
    for i, (start, end, _) in enumerate(spans):
        if not (clause_start <= start and end <= cue_start):
            continue
        if MILITARY_NOUN.search(sentence[start:end]):
            continue  # "Russian troops" are what the plan is about, not who takes a stance
        lead = re.sub(r"(?:\b\w+\s+(?:and|or|&)\s+|,\s*)\Z", "", sentence[clause_start:start])
        if re.search(r"\bby\s+(?:the\s+)?\Z", lead):
            agents.append(i)  # "the decision by London and Paris to spearhead"
            continue
        if PREPOSITION_BEFORE.search(lead):
            continue
        inside_relative = any(
            "," not in sentence[m.start() : start]
            for m in RELATIVE.finditer(sentence, clause_start, start)
        )
        sub_clause = SUBORDINATE.match(sentence, clause_start)
        if sub_clause and start < sentence.find(",", clause_start) < cue_start:
            continue  # "When Macron first suggested ..., polls showed ... opposing"
        if not inside_relative:
            candidates.append(i)
    if candidates:
        return _coordinated(candidates[-1], spans, sentence, backward=True)
    if agents:
        return _coordinated(agents[0], spans, sentence)
    if (
        breaks
        and sentence[clause_start - 4 : clause_start].strip() == "but"
        and not SUBJECT_START.match(sentence, clause_start)
    ):
        # "Hegseth has ruled out ground forces but left the door open": same subject
        return _subject(sentence, spans, clause_start - 4)
    return []


def _speaker(sentence: str, spans, cue_start: int, cues: _Cues) -> list[str]:
    """The actor a cue is reported from: "X warned that ... <cue>", "“<cue>,” X said"."""
    for verb in cues.speech.finditer(sentence):
        if verb.start() < cue_start:  # "Lavrov warned that ... unacceptable"
            near = [i for i, (s, e, _) in enumerate(spans)
                    if e <= verb.start() and re.fullmatch(r"[\s,]*(?:has\s+|had\s+|have\s+)?",
                                                          sentence[e : verb.start()])]  # fmt: skip
            if near:
                return [spans[near[-1]][2]]
        quote_end = sentence.rfind(QUOTE_CLOSE, 0, verb.start())
        if quote_end > cue_start:  # "“... <cue> ...,” Starmer said"
            after = [i for i, (s, e, _) in enumerate(spans) if quote_end < s < verb.start()]
            if after:
                return [spans[after[0]][2]]
    return []


def stance_evidence(
    corpus: Corpus,
    *,
    registry: Registry | str | Path | None = None,
    topic: Iterable[str] | None = None,
    roles: Iterable[str] = ("title", "body"),
    mentions: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Every stance cue attributed to an actor, with its sentence.

    A cue (``data/stance_cues.yaml``: "backed", "prepared to deploy", "called for",
    "rejected", "ruled out", "dismissed", "unacceptable", "we're not planning", ...) counts
    in a sentence that names the topic (``topic`` terms, default the registry's), or whose
    previous sentence does. It is given to: the actor after "from"/"by" ("pushback from
    Russia"); else the speaker when it sits in reported speech or a quote ("Lavrov warned
    that ...", "“...,” Starmer said", and the following sentences of a quote opened by
    "In the words of X:"); else the antecedent of a relative clause ("the Polish government
    whose officials ..."); else the first actor named in the cue's clause that is not the
    object of a preposition, with those coordinated to it ("Britain and France ...").

    Returns ``doc_id, sent_id, role, start, end`` (the cue's offsets in the document),
    ``cue``, ``polarity`` (``support`` | ``oppose``), ``actor_id, actor``, ``via``
    (``agent``, ``speaker``, ``quote``, ``relative``, ``subject``) and ``sentence``.
    """
    reg = registry_for(corpus, registry)
    cues = _cues()
    terms = tuple(topic) if topic is not None else reg.topic_terms
    topic_re = (
        re.compile(
            r"(?<!\w)(?:"
            + "|".join(
                r"\s+".join(map(re.escape, t.split())) for t in sorted(terms, key=len, reverse=True)
            )
            + r")(?!\w)",
            re.I,
        )  # fmt: skip
        if terms
        else None
    )
    if mentions is None:
        mentions = actor_mentions(corpus, registry=reg)
    by_sentence = mention_spans(mentions)
    roles = tuple(roles)
    rows = []
    for doc_id, sentences in corpus.sentences.groupby("doc_id", sort=False):
        previous_on_topic = False
        quote_speaker: list[str] = []
        for sent in sentences.itertuples(index=False):
            text = sent.text
            spans = by_sentence.get((doc_id, sent.sent_id), [])
            on_topic = bool(topic_re and topic_re.search(text))
            carried = quote_speaker
            # a quote that stays open at the end of this sentence carries its speaker on
            opened, closed = text.rfind(QUOTE_OPEN), text.rfind(QUOTE_CLOSE)
            if opened > closed:
                intro = [a for s, e, a in spans if e <= opened]
                quote_speaker = intro[-1:] if intro else quote_speaker
            elif closed >= 0:
                quote_speaker = []
            if sent.role not in roles or not (on_topic or previous_on_topic or carried):
                previous_on_topic = on_topic
                continue
            previous_on_topic = on_topic
            for polarity, pattern in (("support", cues.support), ("oppose", cues.oppose)):
                for cue in pattern.finditer(text):
                    actors, via = [], ""
                    tail = text[cue.end() :]
                    agent_match = re.match(r"(?:,\s*\w+)?\s+(?:from|by)\s+(?:the\s+)?", tail, re.I)
                    if agent_match and cues.agent_after.search(
                        text[: cue.end()] + agent_match.group()
                    ):
                        after = [
                            i
                            for i, (s, e, a) in enumerate(spans)
                            if s == cue.end() + agent_match.end()
                        ]
                        if not after:
                            continue  # "skepticism by Western allies": not a registry actor
                        actors, via = _coordinated(after[0], spans, text), "agent"
                    if not actors:
                        first_quote = text.find(QUOTE_CLOSE)
                        if (
                            carried
                            and (first_quote < 0 or cue.start() < first_quote)
                            and text.find(QUOTE_OPEN, 0, cue.start()) < 0
                        ):
                            actors, via = carried, "quote"
                    if not actors:
                        actors = _speaker(text, spans, cue.start(), cues)
                        via = "speaker" if actors else via
                    if not actors:
                        actors = _subject(text, spans, cue.start())
                        via = "subject" if actors else via
                    for actor_id in dict.fromkeys(actors):
                        rows.append(
                            (doc_id, sent.sent_id, sent.role, sent.start + cue.start(),
                             sent.start + cue.end(), cue.group(), polarity, actor_id,
                             reg.actor(actor_id)["name"], via, text)
                        )  # fmt: skip
            for _, end, actor_id in spans:  # "United Kingdom (strong supporter)"
                for polarity, pattern in (
                    ("support", cues.role_support),
                    ("oppose", cues.role_oppose),
                ):
                    role = pattern.match(text, end)
                    if role:
                        rows.append(
                            (doc_id, sent.sent_id, sent.role, sent.start + end,
                             sent.start + role.end(),
                             text[end : role.end()].strip(" (,"), polarity, actor_id,
                             reg.actor(actor_id)["name"], "role", text)
                        )  # fmt: skip
    table = pd.DataFrame(rows, columns=EVIDENCE_COLUMNS)
    return table.sort_values(["doc_id", "start", "actor_id"], kind="stable").reset_index(drop=True)


def _stance(n_support: int, n_oppose: int) -> str:
    if n_support and n_oppose:
        return "mixed"
    if n_support:
        return "support"
    if n_oppose:
        return "oppose"
    return "none"


def actor_stances(
    corpus: Corpus,
    *,
    registry: Registry | str | Path | None = None,
    topic: Iterable[str] | None = None,
    level: str = "actor",
    roles: Iterable[str] = ("title", "body"),
) -> pd.DataFrame:
    """Each actor's stance on the proposal, per document.

    ``level="actor"``: one row per document and actor mentioned in it. ``level=
    "government"``: people are folded into the government or body they speak for (their
    ``affiliation``), so Tusk ruling out troops counts for Poland.

    Returns ``doc_id, actor_id, actor, kind, stance`` (``support``, ``oppose``, ``mixed``
    when the document gives both, ``none`` when the actor is mentioned but takes no
    stance), ``n_support, n_oppose`` (cues), ``n_mentions`` (mentions in the document, at
    this level) and ``evidence`` (the sentences with a cue, one per line).
    """
    if level not in {"actor", "government"}:
        raise ValueError(f"level must be 'actor' or 'government', not {level!r}")
    reg = registry_for(corpus, registry)
    mentions = actor_mentions(corpus, registry=reg)
    evidence = stance_evidence(corpus, registry=reg, topic=topic, roles=roles, mentions=mentions)
    if level == "government":
        fold = {a: reg.government_of(a) for a in reg.actors["id"]}
        mentions = mentions.assign(actor_id=mentions["actor_id"].map(fold)).dropna(
            subset=["actor_id"]
        )
        evidence = evidence.assign(actor_id=evidence["actor_id"].map(fold)).dropna(
            subset=["actor_id"]
        )
    n_mentions = mentions.groupby(["doc_id", "actor_id"]).size().rename("n_mentions")
    cues = evidence.groupby(["doc_id", "actor_id", "polarity"]).size().unstack(fill_value=0)
    for column in ("support", "oppose"):
        if column not in cues:
            cues[column] = 0
    sentences = (
        evidence.drop_duplicates(["doc_id", "actor_id", "sent_id"])
        .groupby(["doc_id", "actor_id"])["sentence"]
        .agg("\n".join)
    )
    keys = sorted(set(n_mentions.index) | set(cues.index))
    rows = []
    for doc_id, actor_id in keys:
        support = int(cues["support"].get((doc_id, actor_id), 0))
        oppose = int(cues["oppose"].get((doc_id, actor_id), 0))
        actor = reg.actor(actor_id)
        rows.append(
            (doc_id, actor_id, actor["name"], actor["kind"], _stance(support, oppose), support,
             oppose, int(n_mentions.get((doc_id, actor_id), 0)),
             sentences.get((doc_id, actor_id), ""))
        )  # fmt: skip
    return pd.DataFrame(rows, columns=STANCE_COLUMNS)
