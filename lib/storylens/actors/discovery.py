"""Actors nobody registered: people and organisations found in one document's text.

A person is a run of two to four capitalised words named with a title or role ("Sen.
Mitch McConnell", "FBI agent Peter Strzok"), as a speaker ("..., said Peter Strzok"), or
written in full twice; a title before a single word ("President Obama", "Mr. Strzok")
names a person too. A surname, alone or after "Mr."/"Ms.", goes to the full name that
ends with it in the same document (to none when two full names share it). An
organisation is a run of capitalised words ending in an institution word ("House
Judiciary Committee") or "Department of ..." (``data/actor_words.yaml``). Each gets a
stable id from its name (:func:`storylens.actors.registry.discovered_id`), so the same
name is one actor across documents. Registered actors win: the caller drops a discovered
mention that overlaps a registry one, so a ``story.yaml`` entry overrides discovery.

>>> from storylens.actors.mentions import Sentence
>>> found = discover_actors([Sentence(0, 0, "Sen. Mitch McConnell spoke.", "body"),
...                          Sentence(1, 30, "Mr. McConnell left.", "body")])
>>> [(a.name, a.kind, a.surfaces) for a in found]
[('Mitch McConnell', 'person', (('Mitch McConnell', 'full name'), ('McConnell', 'surname')))]
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import NamedTuple

import pandas as pd

from storylens.actors.registry import (
    Registry,
    Surface,
    discovered_id,
    discovered_row,
    is_discovered,
    surface_pattern,
)
from storylens.actors.tails import search_tail
from storylens.actors.words import alternation_of, words
from storylens.lexicon import month_pattern
from storylens.terms import stopwords

__all__ = [
    "AMBIGUOUS",
    "Discovered",
    "DiscoveredActors",
    "corpus_people",
    "discover_actors",
    "discovered_actors",
    "discovered_registry",
    "resolve_discovered",
    "resolve_nearest",
]

# One word of a person's name: accepts "Strzok", "McConnell", "O’Rourke", "Gutiérrez",
# "Schumer" in "Schumer’s"; rejects "FBI" (no lower case), "said".
_NAME_WORD_REST = r"(?:[\w-]|[’'](?!s\b))*[a-z]"  # after its capital
_NAME_WORD = rf"[A-Z]{_NAME_WORD_REST}"
# Blanks within one line (a name never runs on across sentences): accepts " "; rejects "\n".
_BLANK = r"[^\S\n]+"
# The capital a name starts with, not right after a word character, apostrophe, period
# or hyphen: "(?<![\w’'.-])[A-Z]" written capital first, so that a search skips to the
# next capital instead of trying the lookbehind at every character.
_NAME_START = r"[A-Z](?<![\w’'.-][A-Z])"
# The end of a name word: not inside a word, a possessive may follow.
_WORD_END = r"(?![\w-]|[’'](?!s\b))"
# A person's full name: two to four name words, a middle initial allowed: accepts "Mitch
# McConnell", "Luis V. Gutiérrez", "Ruth Bader Ginsburg"; rejects "McConnell" alone.
FULL_NAME = re.compile(
    rf"{_NAME_START}{_NAME_WORD_REST}(?:{_BLANK}[A-Z]\.)?(?:{_BLANK}{_NAME_WORD}){{1,5}}{_WORD_END}"
)
# A single name word after a title: accepts "Obama" in "President Obama"; rejects "Obama"
# in "President Barack Obama" (a full name follows the title there).
SINGLE_NAME = re.compile(rf"{_NAME_START}{_NAME_WORD_REST}{_WORD_END}(?!\s+[A-Z])")
# A title or role right before a name: accepts "Sen. ", "FBI agent ", "Mr. "; rejects
# "said ".
TITLE_BEFORE = re.compile(rf"(?:\b(?:{alternation_of('titles')})\s+)\Z")
# The most words a TITLE_BEFORE match spans (the longest title: "Deputy Attorney General").
TITLE_WORDS = max(len(t.split()) for t in words("titles"))
# A word for telling names from words the corpus writes in lower case: accepts
# "Foreign", "well-known", "O’Brien"; rejects "," and spaces.
LOWER_WORD = re.compile(r"[\w’'-]+")
# A speech verb right after a name: accepts ", said", " says", ". said" (after "Jr."),
# " told"; rejects " and".
SAID_AFTER = re.compile(r"\.?,?\s+(?:said|says|told|added|wrote|argued|asked|testified)\b")
# A speech verb right before a name: accepts "said ", "says "; rejects "and ".
SAID_BEFORE = re.compile(r"\b(?:said|says|told|added|wrote|asked)\s+\Z")
# An organisation's name: capitalised words ending in an institution word, or an
# institution word then "of", "for" or "on" and capitalised words: accepts "House
# Judiciary Committee", "Fish and Wildlife Service", "Council on Foreign Relations",
# "Department of Homeland Security"; rejects "Committee" alone, "the committee".
ORGANISATION = re.compile(
    rf"(?<![\w’'.-])(?:(?:[A-Z][\w’'.-]*{_BLANK}(?:(?:and|of|for|the){_BLANK})?)+"
    rf"(?:{alternation_of('institution_ends')})(?!{_BLANK}(?:of|for)\b)"
    rf"|(?:{alternation_of('institution_heads')})\s+(?:of|for|on)\s+(?:the\s+)?"
    rf"[A-Z][\w’'-]*(?:\s+(?:and\s+)?[A-Z][\w’'-]*)*)(?![\w’'-])"
)
# A personal pronoun, for a person's gender from the rest of the sentence naming them:
# accepts "her" in "released her returns", "He"; rejects "here", "the".
PRONOUN = re.compile(r"\b(?:(he|him|his|himself)|(she|her|hers|herself))\b", re.I)
# Titles that say a person's gender, before a surname: "Mrs. Clinton", "Mr. Clinton".
FEMALE_TITLES = ("Mrs.", "Ms.", "Mrs", "Ms", "Miss")
MALE_TITLES = ("Mr.", "Mr")
AMBIGUOUS = " (ambiguous)"  # ends the name of a surname two people share
# What marks a capitalised run as a business, not a person: accepts ", L.L.C." and " Inc."
# after "Granny Sayz", "The company Mr. Grimm formed to operate it was called " and "The
# restaurant, called " before it; rejects ", said" and "a man called ".
COMPANY_AFTER = re.compile(r",?\s+(?:L\.L\.C\.|LLC|Inc\.|Corp\.|Co\.|Ltd\.|L\.P\.|LLP)(?!\w)")
COMPANY_BEFORE = re.compile(
    rf"\b(?:{alternation_of('business_nouns')})[\s,]+(?:[\w’'.]+[\s,]+){{0,6}}?(?:called|named)\s+\Z",
    re.I,
)
# The most words a COMPANY_BEFORE match spans: the noun, six words, "called".
COMPANY_WORDS = max(len(t.split()) for t in words("business_nouns")) + 7
# A party-state tag right after a name: accepts " (R-Ky.)", " (D-N.Y.)", " (R)", ", R-Ky.,";
# rejects ", I think" and " (AP)". Group 1 is the party letter, group 2 the state.
PARTY_TAG_AFTER = re.compile(
    r"(?:\s*\(([RDI])(?:-([A-Z][\w.]*(?:\s?[A-Z][\w.]*)?))?\)|,\s+([RDI])-([A-Z][\w.]*(?:\s?[A-Z][\w.]*)?))"
)
# A title run right before a name, for the person's role: accepts "Senate Majority Leader
# " and "FBI agent " (group 1); rejects "said ".
ROLE_BEFORE = re.compile(rf"((?:[A-Z][\w.’'-]*\s+){{0,3}}(?:{alternation_of('titles')}))\s+\Z")
# An appositive giving a role right after a name: accepts ", the FBI director," and ", the
# executive director of MoveOn." (group 1); rejects ", the deal".
ROLE_AFTER = re.compile(
    rf",\s+(?:the|a|an)\s+((?:[\w’'-]+\s+){{0,3}}?(?:{alternation_of('titles')})"
    rf"(?:\s+(?:of|for|at)\s+(?:the\s+)?[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*)?)(?=[,.;])"
)
# The word lists discovery tests names against, as sets.
TITLES = frozenset(words("titles"))
ONE_WORD_TITLES = frozenset(t for t in TITLES if " " not in t)
PLACES = frozenset(words("places"))
INSTITUTION_ENDS = frozenset(words("institution_ends"))
# Generational suffixes ending a person's name ("Donald Trump Jr.").
NAME_SUFFIXES = frozenset({"Jr", "Sr", "II", "III", "IV"})
# Words that open a sentence or phrase before an organisation's name, not part of it.
ORG_LEADS = frozenset(
    {
        "the",
        "a",
        "an",
        "and",
        "but",
        "or",
        "as",
        "at",
        "by",
        "for",
        "from",
        "in",
        "of",
        "on",
        "to",
        "with",
        "while",
        "when",
        "if",
        "after",
    }
)
# A one-word name with a capital inside, as organisations write themselves: accepts
# "WikiLeaks", "MoveOn"; rejects "McConnell", "DeGeneres", "O’Rourke" (surnames), "FBI".
CAMEL_NAME = re.compile(
    r"(?<![\w’'.-])(?!Mc|Mac|De|Di|Da|Du|La|Le|Van|Von|O[’'])[A-Z][a-z]+[A-Z][a-z]\w*(?![\w’'-])"
)
# Blanks and a capital after a surname: " Tower" of "Trump Tower" (accepts); "’s" (rejects).
CAPITAL_NEXT = re.compile(r"\s+[A-Z]")
# A month name, never part of a person's name: accepts "November"; rejects "Nov" in "Novak".
CALENDAR = re.compile(rf"(?:{month_pattern()})\Z")


# What may not stand right before or after a use of a name (:func:`_uses`). Before: a
# word character, hyphen or apostrophe: accepts "-" of "anti-Moscow", "’" of "O’Rourke";
# rejects " ". After (and before, for a gender's uses): a word character or hyphen:
# accepts "-" of "Moscow-based"; rejects "’" of "Moscow’s". After, with blanks and a
# capital too: accepts " T" of "Trump Tower"; rejects " s" of "Trump said".
WORDISH_BEFORE = re.compile(r"[\w’'-]")
WORDISH = re.compile(r"[\w-]")
WORDISH_OR_CAPITAL = re.compile(r"[\w-]|\s+[A-Z]")


def _uses(text: str, name: str, before: re.Pattern, after: re.Pattern) -> Iterator[int]:
    """Where ``name`` starts in ``text`` with no match of ``before`` on the character
    before it and none of ``after`` right after it: the starts
    ``re.finditer(f"(?<!{before}){re.escape(name)}(?!{after})", text)`` gives, found with
    ``str.find`` (a pattern made for each name costs a compile, and one that opens with a
    lookbehind is tried at every character)."""
    if not name:
        raise ValueError("a name to find must not be empty")
    size, pos = len(name), 0
    while (start := text.find(name, pos)) >= 0:
        if (start and before.match(text, start - 1)) or after.match(text, start + size):
            pos = start + 1
        else:
            yield start
            pos = start + size


# A word, for telling title-case headings apart: accepts "Hurdles", "and"; rejects "—".
WORD = re.compile(r"[^\W\d_][\w’'-]*")


def _is_heading(text: str) -> bool:
    """A title-case headline ("Rubio Unveils Policy Doctrine Invoking Kennedy"): every
    word that is not a stopword capitalised, and no final period. Its capitals say
    nothing about names, so discovery does not read it."""
    if text.rstrip().endswith("."):  # most sentences: no need to read their words
        return False
    found = [w for w in WORD.findall(text) if w.lower() not in stopwords()]
    return len(found) > 2 and all(w[0].isupper() for w in found)


class Discovered(NamedTuple):
    """An actor found in a document: ``name``, ``kind`` and the ``surfaces`` that name it
    there, as ``(text, how)`` with ``how`` as a registry surface's; for a person, the
    ``role`` and party ``affiliation`` the document gives (:func:`person_role`). A
    surname two people of the document share is an actor of its own, ``"Clinton
    (ambiguous)"``, whose ``candidates`` are those people's ids (see :func:`resolve_nearest`)."""

    name: str
    kind: str
    surfaces: tuple[tuple[str, str], ...]
    candidates: tuple[str, ...] = ()
    role: str = ""  # a person's title or office as the document gives it ("Senate Majority Leader")
    affiliation: str = ""  # a person's party from a party-state tag ("Republican Party")

    @property
    def actor_id(self) -> str:
        return discovered_id(self.name, self.kind)


def _clean(name: str, known: re.Pattern[str] | None) -> tuple[str | None, bool]:
    """A candidate person name without leading stopwords and without what comes up to
    its last title word ("Democratic Leader Chuck Schumer" -> "Chuck Schumer"), and
    whether a title was taken off; None when what is left is not a name: one word, a
    month, a stopword, a place ("North Dakota") or a word a registry actor owns ("Senate
    Democrats")."""
    parts = name.split()
    cut = max((i + 1 for i, p in enumerate(parts) if p in ONE_WORD_TITLES), default=0)
    parts = parts[cut:]
    while parts and parts[0].lower() in stopwords():
        parts = parts[1:]
    name = " ".join(parts)
    if (
        len(parts) < 2
        or name in PLACES
        or any(
            CALENDAR.match(p) or p.lower() in stopwords() or (known and known.fullmatch(p))
            for p in parts
        )
    ):
        return None, False
    return name, cut > 0


def _person_evidence(
    text: str, lower_words: set[str], known: re.Pattern[str] | None
) -> tuple[set[str], Counter, set[str]]:
    """The full names with a title or speech verb beside them, every full name's count,
    and the single words named with a title ("President Obama")."""
    strong, counts, single = set(), Counter(), set()
    for m in FULL_NAME.finditer(text):
        name, titled = _clean(m.group(), known)
        if name is None or name.split()[-1] in INSTITUTION_ENDS:
            continue
        counts[name] += 1
        kept = [w.start() for w in re.finditer(r"\S+", m.group())][-len(name.split())]
        start = m.start() + kept
        if (
            titled
            or search_tail(TITLE_BEFORE, text, start, words=TITLE_WORDS)
            or SAID_AFTER.match(text, m.end())
            or search_tail(SAID_BEFORE, text, start, words=1)
        ):
            strong.add(name)
    for m in SINGLE_NAME.finditer(text):
        word = m.group()
        if word in single or word.lower() in lower_words or word in PLACES or word in TITLES:
            continue  # the cheap tests first: "The", "It" are also written in lower case
        if search_tail(TITLE_BEFORE, text, m.start(), words=TITLE_WORDS):
            if not (known and known.fullmatch(word)):
                single.add(word)
    return strong, counts, single


def _surname(name: str) -> str:
    """The surname of a full name, with a generational suffix: "Strzok" of "Peter
    Strzok", "Trump Jr" of "Donald Trump Jr"."""
    parts = name.split()
    return " ".join(parts[-2:]) if parts[-1] in NAME_SUFFIXES and len(parts) > 2 else parts[-1]


def _repeated(counts: Counter, text: str, lower_words: set[str]) -> set[str]:
    """Full names with no word the document also writes in lower case ("New Year"),
    written three times, or twice with the surname alone somewhere too ("Cold War" twice
    is not a person), or once with the surname alone twice more, not before another
    capitalised word ("Hillary Clinton's campaign ... Clinton’s doctor ... Clinton
    said"; "Trump Tower" is no use of Ivanka Trump's surname)."""
    found = set()
    for name, n in counts.items():
        if any(w.lower() in lower_words for w in name.split()):
            continue
        alone, bare = _surname_uses(_surname(name), text)
        if n >= 3 or (n == 2 and alone > n) or bare >= n + 2:
            found.add(name)
    return found


def _surname_uses(surname: str, text: str) -> tuple[int, int]:
    """How often ``surname`` stands alone in ``text``, and how often not before another
    capitalised word; counted in one scan when two uses cannot overlap (no end of the
    surname is also its start), as the two scans of the whole text would count them."""
    ends = [start + len(surname) for start in _uses(text, surname, WORDISH_BEFORE, WORDISH)]
    if any(surname.startswith(surname[-k:]) for k in range(1, len(surname))):
        return len(ends), len(list(_uses(text, surname, WORDISH_BEFORE, WORDISH_OR_CAPITAL)))
    return len(ends), sum(1 for end in ends if not CAPITAL_NEXT.match(text, end))


def _gender(name: str, text: str) -> str:
    """``"f"``, ``"m"`` or ``""`` for a full name, by the first personal pronoun after it
    in the rest of each sentence naming it ("Hillary Rodham Clinton on Friday released
    her ..." -> f), the majority of its uses deciding."""
    votes = Counter()
    for start in _uses(text, name, WORDISH, WORDISH):
        end = start + len(name)
        line_end = text.find("\n", end)
        pronoun = PRONOUN.search(text, end, line_end if line_end >= 0 else len(text))
        if pronoun:
            votes["m" if pronoun.group(1) else "f"] += 1
    if votes["f"] == votes["m"]:
        return ""
    return "f" if votes["f"] > votes["m"] else "m"


def _shared_surname(surname: str, names: list[str], text: str) -> list[Discovered]:
    """The people of one surname two or more full names share ("Hillary Rodham Clinton",
    "Bill Clinton"): each by full name, by a title saying their gender when only one of
    them can have it ("Mrs. Clinton": the one woman, else the one not known to be a
    man), and by a first name no other of them has; the surname alone is an ambiguous
    actor of its own."""
    genders = {n: _gender(n, text) for n in names}
    firsts = Counter(n.split()[0] for n in names)
    found = []
    for name in names:
        forms = [(name, "full name")]
        for titles, own, other in ((FEMALE_TITLES, "f", "m"), (MALE_TITLES, "m", "f")):
            known = [n for n in names if genders[n] == own]
            if (known or [n for n in names if genders[n] != other]) == [name]:
                forms += [(f"{t} {surname}", "title + name") for t in titles]
        if firsts[name.split()[0]] == 1:
            forms.append((name.split()[0], "first name"))
        found.append(Discovered(name, "person", tuple(forms)))
    ids = tuple(d.actor_id for d in found)
    found.append(Discovered(surname + AMBIGUOUS, "person", ((surname, "surname"),), ids))
    return found


def _people(text: str, lower_words: set[str], known: re.Pattern[str] | None) -> list[Discovered]:
    """The people of one document's text (see the module docstring)."""
    strong, counts, single = _person_evidence(text, lower_words, known)
    titled_surnames = {n for n in counts if _surname(n) in single}
    full = strong | _repeated(counts, text, lower_words) | titled_surnames
    # "Trump Jr" and "Huckabee Sanders" are forms of "Donald Trump Jr", "Sarah Huckabee Sanders"
    full = sorted(n for n in full if not any(o != n and o.endswith(" " + n) for o in full))
    by_surname: dict[str, list[str]] = {}
    for name in full:
        by_surname.setdefault(_surname(name), []).append(name)
    found = []
    for surname, names in by_surname.items():
        if len(names) > 1:
            found += _shared_surname(surname, names, text)
        else:
            found.append(
                Discovered(names[0], "person", ((names[0], "full name"), (surname, "surname")))
            )
    for word in sorted(single - set(by_surname)):
        found.append(Discovered(word, "person", ((word, "surname"),)))
    return found


def resolve_nearest(mentions: list[tuple[int, str, str]], found: Sequence[Discovered]) -> list[str]:
    """The actor of each of a document's mentions, in order, as ``(sent_id, actor_id,
    how)``, with an ambiguous surname (see :class:`Discovered`) given to the one of its
    candidates named last in the same or the previous sentence ("Hillary Clinton said
    ... . Clinton added" -> Hillary Clinton); when none of them is, or two are, it stays
    ambiguous, and is listed as such."""
    candidates = {d.actor_id: set(d.candidates) for d in found if d.candidates}
    resolved, last_named = [], {}  # candidate id -> sentence it was last named in
    for sent_id, actor_id, _how in mentions:
        if actor_id in candidates:
            near = [c for c in candidates[actor_id] if sent_id - last_named.get(c, -9) <= 1]
            latest = max((last_named[c] for c in near), default=None)
            best = [c for c in near if last_named[c] == latest]
            actor_id = best[0] if len(best) == 1 else actor_id
        else:
            last_named[actor_id] = sent_id
        resolved.append(actor_id)
    return resolved


def _organisations(text: str) -> list[Discovered]:
    """The organisations of one document's text, each once, without a leading article:
    names ending in an institution word, and one-word names with an inner capital
    ("WikiLeaks") written three times or more."""
    names = set()
    for m in ORGANISATION.finditer(text):
        parts = m.group().split()
        while parts and parts[0].lower() in ORG_LEADS:
            parts = parts[1:]
        if len(parts) >= 2:
            names.add(" ".join(parts))
    for m in FULL_NAME.finditer(text):  # "a company ... called Granny Sayz, L.L.C."
        if COMPANY_AFTER.match(text, m.end()) or search_tail(
            COMPANY_BEFORE, text, m.start(), words=COMPANY_WORDS
        ):
            names.add(m.group())
    camel = Counter(m.group() for m in CAMEL_NAME.finditer(text))
    names |= {n for n, count in camel.items() if count >= 3 and n not in PLACES}
    return [Discovered(n, "organisation", ((n, "full name"),)) for n in sorted(names)]


def person_role(name: str, text: str) -> tuple[str, str]:
    """The ``role`` and party ``affiliation`` a document gives a person, from the first
    use of ``name`` (a full name, or a lone titled name) that has each: a title run before
    it ("Senate Majority Leader Mitch McConnell"), else an appositive after it ("Peter
    Strzok, the FBI agent,"); a party-state tag after it ("(R-Ky.)", ", D-N.Y.,") gives the
    party (``party_tags`` of ``data/actor_words.yaml``) and adds the state to the role.

    >>> person_role("Mitch McConnell", "Senate Majority Leader Mitch McConnell (R-Ky.) spoke.")
    ('Senate Majority Leader (Ky.)', 'Republican Party')
    >>> person_role("Anna Galland", "said Anna Galland, the executive director of MoveOn.")
    ('executive director of MoveOn', '')
    """
    role = party = state = ""
    parties = _parties()
    for start in _uses(text, name, WORDISH_BEFORE, WORDISH):
        end = start + len(name)
        line_start = text.rfind("\n", 0, start) + 1
        before = ROLE_BEFORE.search(text, line_start, start)
        after = ROLE_AFTER.match(text, end)
        if not role and (before or after):
            role = before.group(1) if before else after.group(1)
        tag = PARTY_TAG_AFTER.match(text, end)
        if tag and not party:
            letter, where = (tag.group(1), tag.group(2)) if tag.group(1) else tag.groups()[2:]
            party, state = parties.get(letter, ""), where or ""
    return (f"{role} ({state})" if role and state else role or state), party


@functools.cache
def _parties() -> dict[str, str]:
    """Party letter -> party name (``party_tags`` of ``data/actor_words.yaml``)."""
    return {t.split(" ", 1)[0]: t.partition(" ")[2] for t in words("party_tags")}


def _with_roles(people: list[Discovered], text: str) -> list[Discovered]:
    """People with the role and party their document gives them."""
    found = []
    for person in people:
        role, party = ("", "") if person.candidates else person_role(person.name, text)
        found.append(person._replace(role=role, affiliation=party))
    return found


def corpus_people(
    sentences: pd.DataFrame, registry: Registry | None = None, *, min_count: int = 3
) -> list[str]:
    """Full names no one article establishes but the corpus does: written ``min_count``
    times or more in the bodies of two or more articles ("Hillary Clinton" once in each
    of three reports on another subject), with no title left in them, no word the corpus
    writes in lower case ("Foreign Relations"), not a place and not a ``registry`` name.
    The corpus-level step after the per-document pass."""
    known = registry.pattern if registry is not None else None
    body = sentences[sentences["role"] == "body"]
    texts = body["text"].tolist()
    lower_words: set[str] = set()
    for sent in texts:  # one sentence at a time: at 100,000 articles all words at once is GBs
        lower_words.update(w for w in LOWER_WORD.findall(sent) if w == w.lower())
    counts, docs = Counter(), {}
    for doc_id, sent in zip(body["doc_id"].tolist(), texts, strict=True):
        for m in FULL_NAME.finditer(sent):
            name, _ = _clean(m.group(), known)
            if name and not any(w.lower() in lower_words for w in name.split()):
                counts[name] += 1
                docs.setdefault(name, set()).add(doc_id)
    return sorted(n for n, k in counts.items() if k >= min_count and len(docs[n]) >= 2)


def discover_actors(sentences: Sequence, registry: Registry | None = None) -> list[Discovered]:
    """The people and organisations one document names (records with ``text``, such as
    :class:`storylens.actors.mentions.Sentence`), people first; a name found as both is
    an organisation. A person's name holding a word that is a ``registry`` surface
    ("Senate Democrats") is none."""
    known = registry.pattern if registry is not None else None
    text = "\n".join(s.text for s in sentences if not _is_heading(s.text))
    lower_words = {w for w in set(re.findall(r"[\w’'-]+", text)) if w == w.lower()}
    organisations = _organisations(text)
    org_names = {o.name for o in organisations}
    people = [p for p in _people(text, lower_words, known) if p.name not in org_names]
    return _with_roles(people, text) + organisations


def _discovered_rows(found: Sequence[Discovered]) -> list[dict]:
    return [
        {"id": d.actor_id, "name": d.name, "kind": d.kind,
         "affiliation": d.affiliation if d.kind == "person" else d.name, "role": d.role,
         "roles": (), "aliases": [], "source": "discovered"}
        for d in found
    ]  # fmt: skip


def _discovered_surfaces(found: Sequence[Discovered]) -> tuple[Surface, ...]:
    surfaces: dict[str, Surface] = {}
    for d in found:
        for text, how in d.surfaces:
            surfaces.setdefault(text, Surface(text, d.actor_id, how))
    return tuple(surfaces.values())


def discovered_registry(found: Sequence[Discovered]) -> Registry:
    """A registry of the discovered actors alone, for :func:`find_mentions`, with each
    person's ``role`` and party ``affiliation`` as the document gives them (no dated
    ``roles``: a person so found counts for no government); a surface two of them share
    goes to the first."""
    return Registry(pd.DataFrame(_discovered_rows(found)), surfaces=_discovered_surfaces(found))


@dataclasses.dataclass(frozen=True)
class DiscoveredActors:
    """What :func:`storylens.actors.mentions.find_mentions` reads of a registry
    (``pattern``, :meth:`surface`, :meth:`actor`, :meth:`has`), for the actors
    discovered in one document: the lookups of :func:`discovered_registry` without its
    table, which the per-document pass does not need (:func:`discovered_actors`)."""

    rows: dict[str, dict]
    by_text: dict[str, Surface]
    pattern: re.Pattern[str] | None

    def surface(self, text: str) -> Surface:
        """The surface form ``text`` exactly as found."""
        return self.by_text[text]

    def has(self, actor_id: str) -> bool:
        """Whether ``actor_id`` is one of the discovered actors."""
        return actor_id in self.rows

    def actor(self, actor_id: str) -> dict:
        """The row of one actor, as :meth:`storylens.actors.Registry.actor` gives it."""
        row = self.rows.get(actor_id)
        return row if row is not None else discovered_row(actor_id)


def discovered_actors(found: Sequence[Discovered]) -> DiscoveredActors:
    """The lookups of :func:`discovered_registry` ``(found)`` (same rows, surfaces and
    pattern), without building a registry table."""
    by_text = {s.text: s for s in _discovered_surfaces(found)}
    rows = {r["id"]: r for r in _discovered_rows(found)}
    return DiscoveredActors(rows, by_text, surface_pattern(list(by_text)))


def _without_middle_names(full: set[str]) -> dict[str, str]:
    """Full names with a middle name or initial whose first and last words are another
    full name of the set: "Hillary Rodham Clinton" -> "Hillary Clinton"."""
    found = {}
    for name in full:
        parts = name.split()
        if len(parts) > 2 and parts[-1] not in NAME_SUFFIXES:
            short = f"{parts[0]} {parts[-1]}"
            if short in full:
                found[name] = short
    return found


def resolve_discovered(table: pd.DataFrame) -> pd.DataFrame:
    """A table with ``actor_id`` and ``actor`` columns (mentions, stance evidence) where
    a discovered person known in a document only by surname ("President Trump", "Mr.
    Trump Jr.") becomes the one discovered person of the corpus with that full name's
    surname ("Donald Trump"); a surname two full names share stays as it is, and so does
    an ambiguous one (:class:`Discovered`). A full name with a middle name becomes the
    same name without it when the corpus writes that too ("Hillary Rodham Clinton" ->
    "Hillary Clinton"). This is the corpus-level step after the per-document pass.

    >>> t = pd.DataFrame({"actor_id": ["discovered:person:Trump",
    ...                                "discovered:person:Donald_Trump"],
    ...                   "actor": ["Trump", "Donald Trump"]})
    >>> resolve_discovered(t)["actor"].tolist()
    ['Donald Trump', 'Donald Trump']
    """
    if table.empty or "actor_id" not in table:
        return table
    people = {
        a: n for a, n in zip(table["actor_id"], table["actor"], strict=True)
        if is_discovered(a) and a.startswith(discovered_id("", "person"))
    }  # fmt: skip
    full = {n for n in people.values() if _surname(n) != n and not n.endswith(AMBIGUOUS)}
    shorter = _without_middle_names(full)
    full -= set(shorter)
    by_surname: dict[str, list[str]] = {}
    for name in full:
        by_surname.setdefault(_surname(name), []).append(name)
    target = {
        a: names[0] for a, n in people.items()
        if (names := by_surname.get(n)) and len(names) == 1
    }  # fmt: skip
    target |= {a: shorter[n] for a, n in people.items() if n in shorter}
    if not target:
        return table
    ids = table["actor_id"].map(lambda a: discovered_id(target[a], "person") if a in target else a)
    names = [target.get(a, n) for a, n in zip(table["actor_id"], table["actor"], strict=True)]
    return table.assign(actor_id=ids, actor=names)
