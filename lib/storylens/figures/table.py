"""Figures of a corpus: each figure in its sentence, with its claimant and topic."""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np
import pandas as pd

from storylens.figures.extract import COLUMNS, extract_figures
from storylens.figures.units import UnitTable, packaged_units

FIGURE_TABLE_COLUMNS = [
    "doc_id", "sent_id", "role", *COLUMNS, "claimant", "claimant_via", "topic", "sentence",
    "outlet", "published",
]  # fmt: skip
# Verbs by which the actor after a figure claims it: accepts "that Ukrainian President
# Zelensky believes", "that Russia says"; rejects "that Russia attacked".
CLAIM_AFTER = re.compile(
    r"\A[^.;]{0,12}?\b(?:that|which|who)\s+(?P<who>.{1,60}?)\s+"
    r"(?:believes?|says?|said|estimates?|estimated|wants?|wanted|thinks?|argues?|argued|"
    r"claims?|claimed|considers?|deems?|calls?\s+for|called\s+for|demands?|demanded|"
    r"proposes?|proposed|needs?)\b",
    re.I,
)


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


def _claimant(sentence: str, start: int, end: int, spans) -> tuple[list[str], str]:
    """Who the sentence says gives the figure at ``sentence[start:end]``, and how."""
    from storylens.actors import _cues, _speaker, _subject

    after = CLAIM_AFTER.match(sentence[end:])
    if after:
        lo, hi = end + after.start("who"), end + after.end("who")
        named = [a for s, e, a in spans if lo <= s and e <= hi]
        if named:
            return named[-1:], "claim verb"
    speaker = _speaker(sentence, spans, start, _cues())
    if speaker:
        return speaker, "speaker"
    subject = _subject(sentence, spans, start)
    if subject:
        return subject, "subject"
    return [], ""


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
    offsets) plus ``doc_id, sent_id, role, claimant, claimant_via`` (``claim verb``,
    ``speaker``, ``subject`` or empty), ``topic, sentence, outlet, published``; in
    document order. ``kinds`` keeps only those kinds.
    """
    from storylens.actors import actor_mentions, mention_spans, registry_for

    reg = registry_for(corpus, registry)
    rules = _figure_topics(reg)
    mentions = actor_mentions(corpus, registry=reg)
    spans_by_sentence = mention_spans(mentions)
    table_units = units or packaged_units()
    roles = tuple(roles)
    kinds = set(kinds) if kinds is not None else None
    rows = []
    sentences = corpus.sentences
    sentences_by_doc = dict(tuple(sentences.groupby("doc_id", sort=False)))
    for doc in corpus.documents.itertuples(index=False):
        found = extract_figures(doc.text, units=table_units)
        if found.empty:
            continue
        sents = sentences_by_doc.get(doc.doc_id)
        if sents is None:
            continue
        starts = sents["start"].to_numpy()
        for rec in found.to_dict("records"):
            if kinds is not None and rec["kind"] not in kinds:
                continue
            i = int(np.searchsorted(starts, rec["start"], side="right") - 1)
            sent = sents.iloc[max(i, 0)]
            if sent["role"] not in roles:
                continue
            spans = spans_by_sentence.get((doc.doc_id, int(sent["sent_id"])), [])
            local = (rec["start"] - sent["start"], rec["end"] - sent["start"])
            who, via = _claimant(sent["text"], *local, spans)
            rows.append({
                "doc_id": doc.doc_id, "sent_id": int(sent["sent_id"]), "role": sent["role"], **rec,
                "claimant": "; ".join(reg.actor(a)["name"] for a in dict.fromkeys(who)),
                "claimant_via": via, "topic": figure_topic(rec, sent["text"], rules),
                "sentence": sent["text"], "outlet": doc.outlet, "published": doc.published,
            })  # fmt: skip
    return pd.DataFrame(rows, columns=FIGURE_TABLE_COLUMNS)
