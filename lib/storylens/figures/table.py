"""Figures of a corpus: each figure in its sentence, with its claimant and topic."""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np
import pandas as pd
from pandas.arrays import NumpyExtensionArray

from storylens import lexicon
from storylens.compat import frame_from_arrays
from storylens.figures.claims import figure_claim
from storylens.figures.extract import COLUMNS, figure_records
from storylens.figures.units import UnitTable, packaged_units
from storylens.frames import column_array, empty_frame, string_array

# The columns of one document's figures (document_figures), and of the corpus table.
DOCUMENT_FIGURE_COLUMNS = [
    "doc_id", "sent_id", "role", *COLUMNS, "conversion", "claim", "claimant", "claimant_via",
    "topic", "sentence",
]  # fmt: skip
FIGURE_TABLE_COLUMNS = [*DOCUMENT_FIGURE_COLUMNS, "outlet", "published"]
# Verbs by which the actor after a figure claims it (the lexicon's claim verbs): accepts
# "that Ukrainian President Zelensky believes", "that Russia says"; rejects "that Russia
# attacked".
CLAIM_AFTER = re.compile(
    r"\A[^.;]{0,12}?\b(?:that|which|who)\s+(?P<who>.{1,60}?)\s+"
    r"(?:" + lexicon.alternation(lexicon.claim_verbs()) + r")\b",
    re.I,
)
# A bare pronoun reporting speech: the speaker is the previous sentence's. Accepts "A
# successful one, he said, ..." and "..., she added."; rejects "Clarke said", "the said".
PRONOUN_SPEAKER = re.compile(
    r"\b(?P<pronoun>he|she|they)\s+(?:" + lexicon.alternation(lexicon.speech_verbs()) + r")\b",
    re.I,
)
# The gap between a figure and its conversion in brackets: accepts " (" in
# "600-mile (1,000-kilometer)"; rejects ", or" and " (about" (a qualifier is in the
# second figure's own text, so it never sits in the gap).
CONVERSION_OPEN = re.compile(r"\s*[(\[]\s*")
CONVERSION_CLOSE = re.compile(r"\s*[)\]]")


def _figure_topics(registry) -> list[dict]:
    return list(getattr(registry, "figure_topics", ()) or ())


def figure_topic(row: dict, sentence: str, rules: list[dict]) -> str:
    """The topic of one figure by the first matching rule, else ``"<kind>: <noun>"``."""
    own = str(row["text"]).lower()
    lowered = sentence.lower()
    for rule in rules:
        if rule.get("kinds") and row["kind"] not in rule["kinds"]:
            continue
        words = rule.get("words")
        if words and not any(re.search(rf"\b{re.escape(w.lower())}", own) for w in words):
            continue
        context = rule.get("context")
        if context and not any(c.lower() in lowered for c in context):
            continue
        return rule["name"]
    noun = row["noun"] if isinstance(row["noun"], str) and row["noun"] else row["unit"]
    return f"{row['kind']}: {noun}" if isinstance(noun, str) and noun else str(row["kind"])


def table_kind(kind: str, noun) -> str:
    """The kind a figure has in the figure table: a count of a noun with no group of its
    own in ``units.yaml`` names its noun ("count: votes", "count: Democrats"), since
    ``count`` alone says nothing a reader can use; every other kind is kept.

    >>> table_kind("count", "votes"), table_kind("count", None), table_kind("troops", "troops")
    ('count: votes', 'count', 'troops')
    """
    return f"{kind}: {noun}" if kind == "count" and isinstance(noun, str) and noun else kind


def kind_matches(kind: str, wanted: set[str]) -> bool:
    """Whether a table kind is one of ``wanted``; "count" takes every "count: <noun>"."""
    return kind in wanted or kind.split(": ", 1)[0] in wanted


def _claimant(sentence: str, start: int, end: int, spans) -> tuple[list[str], str]:
    """Who the sentence says gives the figure at ``sentence[start:end]``, and how."""
    from storylens.actors.attribution import speaker, subject

    after = CLAIM_AFTER.match(sentence[end:])
    if after:
        lo, hi = end + after.start("who"), end + after.end("who")
        named = [a for s, e, a in spans if lo <= s and e <= hi]
        if named:
            return named[-1:], "claim verb"
    said_by = speaker(sentence, spans, start)
    if said_by:
        return said_by, "speaker"
    done_by = subject(sentence, spans, start)
    if done_by:
        return done_by, "subject"
    return [], ""


def carried_speaker(sentence: str, previous: str, previous_spans, registry) -> list[str]:
    """The speaker a bare pronoun refers to ("A successful one, he said, ..."): the speaker,
    else the subject, of the previous sentence ("Michael Clarke ... warned that ...");
    "he"/"she" only take a person. Empty when ``sentence`` has no such pronoun."""
    from storylens.actors.attribution import speaker, subject

    pronoun = PRONOUN_SPEAKER.search(sentence)
    if not pronoun or not previous:
        return []
    end = len(previous)
    who = speaker(previous, previous_spans, end) or subject(previous, previous_spans, end)
    if pronoun.group("pronoun").lower() != "they":
        who = [a for a in who if registry.actor(a).get("kind") == "person"]
    return who


def merge_conversions(text: str, records: list[dict]) -> list[dict]:
    """The figures of ``text`` with each conversion in brackets folded into the figure it
    converts: "600-mile (1,000-kilometer)" is one figure, "600-mile", whose ``conversion``
    is "1,000-kilometer". A conversion has a unit of the same kind as the figure before it,
    but another unit, and sits alone in the brackets right after it."""
    merged: list[dict] = []
    for rec in records:
        prev = merged[-1] if merged else None
        if (
            prev is not None
            and isinstance(prev["unit"], str)
            and isinstance(rec["unit"], str)
            and prev["unit"] != rec["unit"]
            and prev["kind"] == rec["kind"]
            and prev["conversion"] is None
            and CONVERSION_OPEN.fullmatch(text, prev["end"], rec["start"])
            and CONVERSION_CLOSE.match(text, rec["end"])
        ):
            prev["conversion"] = rec["text"]
            continue
        merged.append({**rec, "conversion": None})
    return merged


def _sentence_claimant(doc_id, sentences, i, local, spans_by_sentence, registry):
    """The claimant of a figure at ``local`` offsets in sentence ``i`` of ``sentences``
    (:class:`_Sentences`), and how: by :func:`_claimant`, else the speaker a bare pronoun
    carries from the sentence before."""
    text = sentences.text[i]
    spans = spans_by_sentence.get((doc_id, sentences.sent_id[i]), [])
    who, via = _claimant(text, *local, spans)
    if not who and i > 0:
        prev_spans = spans_by_sentence.get((doc_id, sentences.sent_id[i - 1]), [])
        who = carried_speaker(text, sentences.text[i - 1], prev_spans, registry)
        via = "previous sentence" if who else ""
    return "; ".join(registry.actor(a)["name"] for a in dict.fromkeys(who)), via


class _Sentences:
    """A document's sentences as plain lists (``sent_id``, ``start``, ``role``,
    ``text``): reading a row of a DataFrame per figure costs more than the figure."""

    def __init__(self, sentences: pd.DataFrame) -> None:
        self.sent_id: list[int] = [int(x) for x in sentences["sent_id"].tolist()]
        self.start: list[int] = [int(x) for x in sentences["start"].tolist()]
        self.role: list = sentences["role"].tolist()
        self.text: list[str] = sentences["text"].tolist()


def _usual_array(values: tuple):
    """The array pandas infers for a figure column :func:`column_array` leaves, in the
    two usual cases: nothing but None and flags (``conversion`` none: an object array
    as it is), and text with NaN where there is none (``unit``: the ``str`` dtype, NaN
    missing); None for any other (pandas infers it)."""
    kinds = set(map(type, values))
    if kinds <= {type(None), bool} and type(None) in kinds:
        array = np.empty(len(values), dtype=object)
        array[:] = values
        return array
    if kinds == {str, float} and all(v != v for v in values if type(v) is float):
        return string_array([v if type(v) is str else None for v in values])
    return None


def _records_table(rows: list[tuple], columns: list[str]) -> pd.DataFrame:
    """``pd.DataFrame(rows, columns=columns)``: the columns of one Python type as
    :func:`storylens.frames.column_array` makes them, the others inferred by pandas
    (which infers each column on its own, so the result is the same)."""
    values = dict(zip(columns, zip(*rows, strict=True), strict=True))
    arrays = {name: column_array(v) for name, v in values.items()}
    arrays = {n: _usual_array(values[n]) if a is None else a for n, a in arrays.items()}
    rest = [name for name, array in arrays.items() if array is None]
    if rest:
        inferred = pd.DataFrame(list(zip(*(values[n] for n in rest), strict=True)), columns=rest)
        for name in rest:
            array = inferred[name].array
            arrays[name] = array.to_numpy() if isinstance(array, NumpyExtensionArray) else array
    return frame_from_arrays([arrays[name] for name in columns], pd.Index(columns), len(rows))


def document_figures(
    doc_id: str,
    text: str,
    sentences: pd.DataFrame,
    mentions: pd.DataFrame,
    registry,
    *,
    units: UnitTable | None = None,
) -> pd.DataFrame:
    """The figures of one document, each in its sentence with its claimant and topic.

    A pure function of the document: ``text`` is its cleaned text, ``sentences`` its rows
    of ``corpus.sentences`` (``doc_id, sent_id, start, end, text, role``, in order),
    ``mentions`` its rows of :func:`storylens.actors.actor_mentions` and ``registry`` the
    actor registry (actor names, the story's ``figure_topics``). Figures of every kind and
    in sentences of every role are returned: filtering is :func:`aggregate_figures`' job.

    Returns one row per figure, in text order, with the columns of
    :func:`extract_figures` (``start``/``end`` are offsets in ``text``) plus ``doc_id``,
    ``sent_id`` and ``role`` (of the sentence holding the figure's start), ``conversion``
    (the same figure in another unit, in brackets after it, as written: "1,000-kilometer"
    for "600-mile (1,000-kilometer)"; that conversion is not a row of its own; None when
    there is none), ``claim`` (the kind of claim, see
    :func:`storylens.figures.claims.figure_claim`: ``plan``, ``demand``, ``estimate``,
    ``other`` or ``incidental``), ``claimant`` (registry names, ``"; "``-joined, empty
    when the source states the figure itself), ``claimant_via`` (``claim verb``,
    ``speaker``, ``subject``, ``previous sentence`` or empty), ``topic`` and
    ``sentence`` (its text); see :func:`figure_table`. ``kind`` is
    :func:`table_kind`'s: a count names its noun ("count: votes").
    """
    from storylens.actors import mention_spans

    found = figure_records(text, units=units or packaged_units())
    if not found or sentences.empty:
        return empty_frame(DOCUMENT_FIGURE_COLUMNS)
    spans_by_sentence = mention_spans(mentions) if not mentions.empty else {}
    rules = _figure_topics(registry)
    sents = _Sentences(sentences)
    starts = np.asarray(sents.start, dtype=np.int64)
    rows = []
    for rec in merge_conversions(text, found):
        i = max(int(np.searchsorted(starts, rec["start"], side="right") - 1), 0)
        sentence, offset = sents.text[i], sents.start[i]
        local = (rec["start"] - offset, rec["end"] - offset)
        claimant, via = _sentence_claimant(doc_id, sents, i, local, spans_by_sentence, registry)
        claim = figure_claim(sentence, *local, text=rec["text"], kind=rec["kind"], noun=rec["noun"])
        row = {
            "doc_id": doc_id, "sent_id": sents.sent_id[i], "role": sents.role[i], **rec,
            "claim": claim, "claimant": claimant, "claimant_via": via,
            "topic": figure_topic(rec, sentence, rules), "sentence": sentence,
            "kind": table_kind(rec["kind"], rec["noun"]),
        }  # fmt: skip
        rows.append(tuple(row[c] for c in DOCUMENT_FIGURE_COLUMNS))
    return _records_table(rows, DOCUMENT_FIGURE_COLUMNS)


def aggregate_figures(
    figures: pd.DataFrame,
    documents: pd.DataFrame,
    *,
    kinds: Iterable[str] | None = None,
    roles: Iterable[str] = ("title", "body", "caption"),
) -> pd.DataFrame:
    """The corpus table of :func:`figure_table` from the documents' own tables.

    ``figures`` is the concatenation of :func:`document_figures` over the documents (in
    corpus order), ``documents`` is ``corpus.documents`` (for ``outlet`` and
    ``published``). Keeps the figures in sentences of ``roles`` and, if given, of
    ``kinds``, and returns the columns of :func:`figure_table`.
    """
    roles = tuple(roles)
    kinds = set(kinds) if kinds is not None else None
    meta = {
        doc.doc_id: (doc.outlet, doc.published)
        for doc in documents[["doc_id", "outlet", "published"]].itertuples(index=False)
    }
    rows = []
    for rec in figures.to_dict("records"):
        if (kinds is not None and not kind_matches(rec["kind"], kinds)) or rec["role"] not in roles:
            continue
        outlet, published = meta[rec["doc_id"]]
        rows.append({**rec, "outlet": outlet, "published": published})
    return pd.DataFrame(rows, columns=FIGURE_TABLE_COLUMNS)


def figure_table(
    corpus,
    *,
    registry=None,
    kinds: Iterable[str] | None = None,
    roles: Iterable[str] = ("title", "body", "caption"),
    units: UnitTable | None = None,
) -> pd.DataFrame:
    """Every figure in the corpus with its sentence, source, claimant and topic.

    Figures are extracted per document (a pure function of its text) and placed in their
    sentence. ``claimant`` is the registry actor the sentence attributes the figure to:
    the actor of "that <actor> believes/says/estimates/called for" after the figure, else
    the speaker of reported speech around it, else the subject of its clause ("Zelenskyy
    has called for a force of more than 100,000", "Macron ... to discuss a plan for
    40,000"); empty when the source states it itself. Several actors are ``"; "``-joined.
    ``topic`` is what the figure is about, from the rules in the story file
    (``figure_topics``) or ``"<kind>: <noun>"``.

    Returns the columns of :func:`extract_figures` (``start``/``end`` are document
    offsets) plus ``doc_id, sent_id, role, conversion, claim, claimant, claimant_via``
    (``claim verb``, ``speaker``, ``subject``, ``previous sentence`` or empty), ``topic,
    sentence, outlet, published``; in
    document order. ``kind`` names a count's noun ("count: votes", :func:`table_kind`);
    ``kinds`` keeps only those kinds ("count" keeps every "count: ..."). The change
    columns (``change``, ``change_part``, ``from_value``, ``to_value``) are
    :func:`extract_figures`'.

    This is :func:`aggregate_figures` over the per-document pass (:mod:`storylens.analysis`,
    which calls :func:`document_figures` for each document).
    """
    from storylens.analysis import analyse_corpus

    figures = analyse_corpus(corpus, registry=registry, units=units, tables=["figures"]).figures
    return aggregate_figures(figures, corpus.documents, kinds=kinds, roles=roles)
