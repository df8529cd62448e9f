"""Which words set each article apart, and where a term is used (keyword in context).

>>> from storylens import load_corpus
>>> corpus = load_corpus()
>>> kwic = keyword_in_context(corpus, "troops")
>>> row = kwic.iloc[0]
>>> corpus.text(row.doc_id)[row.start:row.end].lower()
'troops'
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import NamedTuple

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from storylens.corpus import Corpus
from storylens.frames import column_array
from storylens.lexicon import speech_verbs, term_pattern, words
from storylens.nlp import WORD_TOKEN, read_word_list

# A word worth counting: letters (with inner hyphens or apostrophes), at least 3 long.
# Accepts "peacekeepers", "Anglo-French"; rejects "30,000", "’s", "—", "US".
CONTENT_WORD = re.compile(r"[^\W\d_]{2,}(?:[-'’][^\W\d_]+)*[^\W\d_]?")


# A term is distinctive when its log-odds z-score is above this (about the 97.7th
# percentile of a standard normal): a clear difference, not a summary of emphasis.
MIN_Z = 2.0
# The prior of the log-odds scores weighs as much as this many words of the corpus'
# language (about two articles' content words): with the whole corpus as its weight,
# as before, the prior grew with the corpus and pulled every z towards 0 (at 10,000
# articles no word of any article passed 0.2), so the same article had distinctive words
# in a small corpus and none in a big one.
PRIOR_WORDS = 1000
DISTINCTIVE_COLUMNS = ["doc_id", "term", "count", "count_rest", "log_odds", "z", "rank"]
MAIN_TERM_COLUMNS = ["term", "titles", "documents", "count", "name"]


@functools.cache
def stopwords() -> frozenset[str]:
    """Lower-case stop words shipped in ``data/stopwords.txt``."""
    return frozenset(read_word_list("stopwords.txt"))


VOCABULARY_COLUMNS = [
    "doc_id", "role", "kind", "term", "count", "capital", "inner", "after_verb", "after_noun",
]  # fmt: skip


def document_vocabulary(doc_id: str, sentences: pd.DataFrame) -> pd.DataFrame:
    """What the corpus-wide term tables need from one document, so that they are sums
    over documents and never need the whole token table (the per-document pass keeps it
    as its ``vocabulary`` table). One row per sentence role, ``kind`` and ``term``:

    - ``word``: a content word (:func:`term_counts`) and its ``count``;
    - ``phrase``: two content words side by side (:func:`phrase_counts`) and its ``count``;
    - ``use``: any word that could be a term, ``count`` its uses; ``inner`` the uses not
      first in their sentence and ``capital`` those of them written with a capital
      (:func:`name_shares`); ``after_verb`` / ``after_noun`` the uses right after a word
      that comes before verbs or nouns (:func:`verb_like`).

    ``sentences``: the document's rows of ``Corpus.sentences`` (``text``, ``role``); the
    words are its tokens (``nlp.WORD_TOKEN``), lower-cased, with ’ as '.
    """
    streams: dict[str, tuple[list, list]] = {}  # role -> the kinds of its tokens, gaps
    kinds = _word_kinds()
    for text, role in zip(sentences["text"].tolist(), sentences["role"].tolist(), strict=True):
        parts = _TOKEN_SPLIT.split(text)  # text before, token, gap, token, ..., text after
        stream, single = streams.setdefault(role, ([], []))
        stream.append(_SENTENCE_START)
        stream += [kinds.get(t) or _known_kind(t) for t in parts[1::2]]
        single.append(False)
        single += [len(gap) == 1 for gap in parts[0:-1:2]]
    counts = {role: _role_counts(*streams[role]) for role in sorted(streams)}
    return _vocabulary_frame(doc_id, counts)


class _Kind(NamedTuple):
    """What one token is for :func:`document_vocabulary` (the same for every use)."""

    term: str | None  # lower case, ’ as ': when it could be a term
    counted: bool  # a content word
    ok: bool  # can be part of a phrase
    capital: bool  # written with a capital
    verb_next: bool  # the next word comes right after a word that comes before verbs
    noun_next: bool  # ... before nouns


# Before each sentence's first token: what the word "" would be (no term, in neither list).
_SENTENCE_START = _Kind(None, False, False, False, False, False)
# WORD_TOKEN as one group: re.split gives the tokens and the gaps between them.
_TOKEN_SPLIT = re.compile(f"({WORD_TOKEN.pattern})", WORD_TOKEN.flags)
# token -> its _Kind: the same for every use
_KINDS: dict[str, _Kind] = {}


def _word_kinds() -> dict[str, _Kind]:
    if len(_KINDS) > 1_000_000:  # a bound on memory in a long-running process
        _KINDS.clear()
    return _KINDS


def _known_kind(token: str) -> _Kind:
    """:func:`_word_kind` of ``token``, kept in ``_KINDS``."""
    kind = _KINDS[token] = _word_kind(token)
    return kind


def _word_kind(token: str) -> _Kind:
    """What ``token`` is for :func:`document_vocabulary` (see :class:`_Kind`)."""
    lower = token.lower()
    term = lower.replace("’", "'")
    after = (token[:1].isupper(), term in VERB_BEFORE, term in NOUN_BEFORE)
    if len(term) < 3 or CONTENT_WORD.fullmatch(term) is None:
        return _Kind(None, False, False, *after)
    stop = stopwords()
    ok = term not in stop and term not in weak_terms()
    return _Kind(term, lower not in stop, ok, *after)


def _role_counts(stream: list[_Kind], single: list[bool]) -> dict[str, Counter]:
    """The counts of :func:`document_vocabulary` of one role's tokens: ``stream`` their
    kinds, each sentence's after ``_SENTENCE_START``; ``single`` whether one character
    parts each from the one before."""
    pairs = list(zip(stream[:-1], stream[1:], single[1:], strict=True))  # before, token, gap
    start = _SENTENCE_START
    counts = {
        "word": Counter([k.term for k in stream if k.counted]),
        "phrase": Counter([f"{p.term} {k.term}" for p, k, one in pairs if one and p.ok and k.ok]),
        "count": Counter([k.term for k in stream]),
        "capital": Counter([k.term for p, k, _ in pairs if k.capital and p is not start]),
        "inner": Counter([k.term for p, k, _ in pairs if p is not start]),
        "after_verb": Counter([k.term for p, k, _ in pairs if p.verb_next]),
        "after_noun": Counter([k.term for p, k, _ in pairs if p.noun_next]),
    }
    for found in counts.values():
        found.pop(None, None)  # the tokens that are no terms, and the sentence starts
    return counts


def _vocabulary_frame(doc_id: str, counts: dict[str, dict[str, Counter]]) -> pd.DataFrame:
    """The rows of :func:`document_vocabulary`, sorted by role, kind and term, from each
    role's :func:`_role_counts`."""
    columns: dict[str, list] = {name: [] for name in VOCABULARY_COLUMNS}
    for role, found in counts.items():
        for kind in ("phrase", "use", "word"):  # in sorted order
            terms = sorted(found["count" if kind == "use" else kind])
            columns["role"] += [role] * len(terms)
            columns["kind"] += [kind] * len(terms)
            columns["term"] += terms
            for name in VOCABULARY_COLUMNS[4:]:
                if kind == "use" or name == "count":
                    per_term = found[name if kind == "use" else kind].get
                    columns[name] += [per_term(t, 0) for t in terms]
                else:
                    columns[name] += [0] * len(terms)
    columns["doc_id"] = [doc_id] * len(columns["term"])
    return _frame(columns)


def _frame(columns: dict[str, list]) -> pd.DataFrame:
    """The vocabulary table of ``columns`` (lists in ``VOCABULARY_COLUMNS`` order)."""
    for name in VOCABULARY_COLUMNS[4:]:
        columns[name] = np.array(columns[name], dtype="int64")
    if columns["term"]:
        arrays = {n: column_array(v) if isinstance(v, list) else v for n, v in columns.items()}
        if all(a is not None for a in arrays.values()):  # what pandas infers, not inferring it
            return pd.DataFrame(arrays, copy=False)
    return pd.DataFrame(columns, columns=VOCABULARY_COLUMNS)


def vocabulary(corpus: Corpus) -> pd.DataFrame:
    """The :func:`document_vocabulary` rows of every document of ``corpus`` (from the
    per-document cache when the corpus has one), as one table: for a big corpus read
    :func:`vocabulary_parts` instead."""
    from storylens.analysis import analyse_corpus

    return analyse_corpus(corpus, tables=["vocabulary"]).vocabulary


def vocabulary_parts(
    corpus: Corpus, *, columns: list[str] | None = None, where=None
) -> Iterator[pd.DataFrame]:
    """The :func:`vocabulary` rows one stored batch at a time when the corpus has a
    cache (every document is annotated first, so none is left out), else the whole
    table once: what the corpus-wide term tables sum, never all in memory at once.
    Each document's rows are in one part. ``columns``: only these (None: all);
    ``where``: only the rows meeting this pyarrow expression (see :func:`_rows`), chosen
    while reading so that the others never take memory."""
    yield from _stored_parts(corpus, _annotated(corpus), columns, where)


def _annotated(corpus: Corpus):
    """The corpus' store root once every document's ``vocabulary`` is in it (those not
    yet annotated are annotated now); None when the corpus has no cache."""
    from storylens import analysis
    from storylens.actors import registry_for

    root = analysis.store_root(getattr(corpus, "cache_root", None) or False)
    if root:
        params = analysis.Parameters(registry_for(corpus))
        docs = analysis.DocumentInputs(corpus)
        analysis.annotate(docs, params, cache=root, tables=["vocabulary"])
    return root or None


def _stored_parts(corpus: Corpus, root, columns, where) -> Iterator[pd.DataFrame]:
    """:func:`vocabulary_parts` from ``root`` (:func:`_annotated`), or the whole table."""
    from storylens import analysis

    if root:
        yield from analysis.table_partitions(
            corpus, "vocabulary", cache=root, columns=columns, where=where
        )
        return
    table = vocabulary(corpus)
    if where is not None or columns is not None:
        arrow = pa.Table.from_pandas(table, preserve_index=False)
        arrow = arrow if where is None else arrow.filter(where)
        table = arrow.select(columns or VOCABULARY_COLUMNS).to_pandas()
    yield table


def _rows(kind: str, roles: tuple[str, ...]):
    """The pyarrow expression for the vocabulary rows of ``kind`` in sentences of ``roles``."""
    return (pc.field("kind") == kind) & pc.field("role").isin(list(roles))


def _doc_counts(rows: pd.DataFrame) -> pd.Series:
    """(doc_id, term) -> uses, summed over the roles of ``rows`` (vocabulary rows of one
    kind: a term has a row per role)."""
    return rows.groupby(["doc_id", "term"], sort=True, observed=True)["count"].sum()


def _count_parts(corpus: Corpus, root, kind: str, roles: tuple[str, ...]) -> Iterator[pd.Series]:
    """:func:`_doc_counts` of the ``kind`` rows in sentences of ``roles``, per part
    (``root``: :func:`_annotated`)."""
    columns = ["doc_id", "term", "count"]
    for part in _stored_parts(corpus, root, columns, _rows(kind, roles)):
        yield _doc_counts(part)


def _counts(corpus: Corpus, kind: str, roles: tuple[str, ...]) -> pd.DataFrame:
    parts = list(_count_parts(corpus, _annotated(corpus), kind, roles))
    counts = pd.concat(parts).astype("int64").rename("count").reset_index()
    return counts.sort_values(["doc_id", "term"], kind="stable").reset_index(drop=True)


def _add(total: pd.DataFrame | pd.Series | None, part):
    """A running sum of per-term tables (terms missing on one side count 0)."""
    return part if total is None else total.add(part, fill_value=0)


def term_counts(corpus: Corpus, *, roles: tuple[str, ...] = ("title", "body")) -> pd.DataFrame:
    """Content-word counts per document: ``doc_id, term, count``.

    ``term`` is the lower-cased token; stop words, numbers, punctuation and words of
    fewer than three letters are left out. Only sentences whose role is in ``roles``
    count (captions are left out by default).
    """
    return _counts(corpus, "word", roles)


def distinctive_terms(
    corpus: Corpus,
    *,
    top: int = 10,
    min_count: int = 2,
    min_z: float = MIN_Z,
    roles: tuple[str, ...] = ("title", "body"),
    prior_words: int = PRIOR_WORDS,
) -> pd.DataFrame:
    """The words that set each article apart from the rest of the corpus.

    The measure is the log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi
    and Quinn 2008, "Fightin' Words"): for each document and word, the log-odds of the word
    in the document minus its log-odds in all other documents, each smoothed by the word's
    frequency in the whole corpus, divided by its standard error. The prior counts are the
    corpus' word shares times ``prior_words`` (or the corpus' word count if smaller), so
    the scores do not shrink as the corpus grows. A z above 2 means the
    word is used in this article clearly more than elsewhere; common words and words all
    articles share score low. Works on counts only, so it scales to large corpora.

    Only terms with at least ``min_count`` uses in the document and a z (as shown, to three
    decimals) above ``min_z`` are kept, at most ``top`` per document: an article whose
    words all score ``min_z`` or less has no row, so a report can say it has no
    distinctive term rather than list words that do not pass. Terms tied on z share a
    rank, and a tie that the ``top`` cut would split is left out whole (fewer than
    ``top`` terms rather than an alphabetical pick among equals).

    Returns ``doc_id, term, count`` (uses in the document), ``count_rest`` (uses in all
    other documents), ``log_odds`` (the smoothed difference in log-odds), ``z`` (log_odds
    over its standard error), ``rank`` (1 = most distinctive in the document; tied terms
    share the best rank of their tie), sorted by document, rank and term.
    """
    parts, totals = _score_inputs(corpus, roles)
    kept = []
    for counts in parts():
        scored = _scores(counts, *totals, prior_words)
        scored = scored[(scored["count"] >= min_count) & (scored["z"] > min_z)]
        scored = scored.sort_values(["doc_id", "z", "term"], ascending=[True, False, True])
        by_doc = scored.groupby("doc_id", observed=True)["z"]
        scored = scored.assign(rank=by_doc.rank(method="min", ascending=False).astype(int))
        kept.append(scored[by_doc.rank(method="max", ascending=False) <= top])
    if not kept:
        return pd.DataFrame(columns=DISTINCTIVE_COLUMNS)
    result = pd.concat(kept).sort_values(["doc_id", "z", "term"], ascending=[True, False, True])
    return result[DISTINCTIVE_COLUMNS].reset_index(drop=True)


def _score_inputs(corpus: Corpus, roles: tuple[str, ...]):
    """A function giving each part's term counts (``doc_id, term, count``) again, and the
    totals the scores need: uses per term, per document and in all (one pass to sum).
    The corpus is annotated once, not again for each pass over the parts."""
    root = _annotated(corpus)

    def parts() -> Iterator[pd.DataFrame]:
        for counts in _count_parts(corpus, root, "word", roles):
            counts = counts.astype("int64")
            if len(counts):
                yield counts.rename("count").reset_index()

    term_total, doc_total = None, []
    for counts in parts():
        term_total = _add(term_total, counts.groupby("term")["count"].sum())
        doc_total.append(counts.groupby("doc_id")["count"].sum())
    doc_total = pd.concat(doc_total) if doc_total else pd.Series(dtype="int64")
    grand = float(term_total.sum()) if term_total is not None else 0.0
    return parts, (term_total, doc_total, grand)


def _scores(
    counts: pd.DataFrame, term_total, doc_total, grand: float, prior_words: int
) -> pd.DataFrame:
    """``counts`` with ``count_rest, log_odds, z`` (see :func:`distinctive_terms`)."""
    y_i = counts["count"].to_numpy(float)
    y_all = counts["term"].map(term_total).to_numpy(float)
    n_i = counts["doc_id"].map(doc_total).to_numpy(float)
    y_j, n_j = y_all - y_i, grand - n_i
    alpha_0 = min(float(prior_words), grand)  # prior: the corpus' own word shares
    alpha_w = alpha_0 * y_all / grand
    with np.errstate(divide="ignore", invalid="ignore"):
        delta = np.log((y_i + alpha_w) / (n_i + alpha_0 - y_i - alpha_w)) - np.log(
            (y_j + alpha_w) / (n_j + alpha_0 - y_j - alpha_w)
        )
        z = delta / np.sqrt(1.0 / (y_i + alpha_w) + 1.0 / (y_j + alpha_w))
    scored = counts.assign(count_rest=y_j.astype(int), log_odds=delta, z=z)
    return scored.round({"log_odds": 4, "z": 3})


def term_scores(
    corpus: Corpus,
    *,
    roles: tuple[str, ...] = ("title", "body"),
    prior_words: int = PRIOR_WORDS,
) -> pd.DataFrame:
    """Every term of every document with its log-odds score (see
    :func:`distinctive_terms`): ``doc_id, term, count, count_rest, log_odds, z``, unfiltered
    and unsorted; ``log_odds`` to four decimals, ``z`` to three."""
    parts, totals = _score_inputs(corpus, roles)
    scored = [_scores(counts, *totals, prior_words) for counts in parts()]
    if not scored:
        return pd.DataFrame(columns=DISTINCTIVE_COLUMNS[:-1])
    return pd.concat(scored, ignore_index=True)


def name_shares(corpus: Corpus) -> pd.Series:
    """For each lower-cased word that could be a term, the share of its body uses
    written with a capital letter, leaving out sentence-initial uses: near 1 for a name
    ("Trump", "WikiLeaks"), near 0 for a common word ("elephant", "shutdown"); words
    with no such use are left out."""
    return _name_shares(_use_sums(_use_parts(corpus))[0])


def _use_parts(corpus: Corpus) -> Iterator[pd.DataFrame]:
    return vocabulary_parts(corpus, where=pc.field("kind") == "use")


def _use_sums(parts: Iterable[pd.DataFrame]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per term, the ``use`` rows summed: in bodies, and in titles and bodies."""
    body, both = None, None
    for part in parts:
        uses = part[part["kind"] == "use"]
        body = _add(body, _use_part(uses[uses["role"] == "body"]))
        both = _add(both, _use_part(uses[uses["role"].isin(("title", "body"))]))
    empty = _use_part(pd.DataFrame(columns=VOCABULARY_COLUMNS))
    return (empty if body is None else body), (empty if both is None else both)


def _use_part(uses: pd.DataFrame) -> pd.DataFrame:
    columns = ["count", "capital", "inner", "after_verb", "after_noun"]
    return uses.groupby("term", observed=True)[columns].sum()


def _name_shares(body: pd.DataFrame) -> pd.Series:
    body = body[body["inner"] > 0]
    return (body["capital"] / body["inner"]).rename_axis(None)


# Words right before a verb: accepts "to" in "to end the shutdown", "should" in "should
# cancel"; a word used after these in most of its uses is a verb, not a topic.
VERB_BEFORE = frozenset(
    "to will would can could should may might must not n't did does do he she they we i "
    "who is are was were be been being has have had".split()
)
# Words right before a noun: accepts "the" in "the deal", "his" in "his resignation".
NOUN_BEFORE = frozenset("the a an this that these those his her their its our my 's ’s".split())


@functools.cache
def weak_terms() -> frozenset[str]:
    """Words that never name a story's topic (``weak_terms`` in ``data/lexicon.yaml``) and
    the lexicon's verbs of saying, lower case."""
    return frozenset(words("weak_terms")) | frozenset(speech_verbs())


def verb_like(corpus: Corpus) -> pd.Series:
    """For each lower-cased word that could be a term, whether most of its uses in
    titles and bodies follow a word that comes before verbs ("to end", "should cancel",
    "was expected") and more follow such a word than a determiner ("the deal"): ``end``
    True, ``deal`` False."""
    return _verb_like(_use_sums(_use_parts(corpus))[1])


def _verb_like(both: pd.DataFrame) -> pd.Series:
    verb, noun = both["after_verb"] / both["count"], both["after_noun"] / both["count"]
    return ((verb >= 0.5) & (verb > noun)).rename_axis(None)


def phrase_counts(corpus: Corpus, *, roles: tuple[str, ...] = ("title", "body")) -> pd.DataFrame:
    """Two-word phrases of content words side by side (one blank between them, no weak
    word: "border wall", "emergency declaration"), per document: ``doc_id, term, count``
    like :func:`term_counts`, ``term`` the two lower-cased words joined by a blank."""
    return _counts(corpus, "phrase", roles)


def _term_sums(part: pd.DataFrame, kind: str) -> pd.DataFrame:
    """``term`` -> ``documents, count`` (in titles and bodies) and ``titles`` (documents
    using it in the title) for the ``kind`` rows of one part."""
    rows = part[part["kind"] == kind]
    per_doc = _doc_counts(rows[rows["role"].isin(("title", "body"))])
    sums = (
        per_doc.groupby(level="term").agg(["size", "sum"]).set_axis(["documents", "count"], axis=1)
    )
    titles = rows[rows["role"] == "title"].groupby("term", observed=True)["doc_id"].nunique()
    return sums.assign(titles=titles.reindex(sums.index, fill_value=0))


def _candidates(corpus: Corpus) -> pd.DataFrame:
    """Words and shared phrases (in two or more articles, used twice or more) with their
    counts and ``name``, ``weak`` and ``words`` (1 or 2); one pass over the parts."""
    words_, phrases, body, both = None, None, None, None
    for part in vocabulary_parts(corpus):
        words_ = _add(words_, _term_sums(part, "word"))
        phrases = _add(phrases, _term_sums(part, "phrase"))
        part_body, part_both = _use_sums([part])
        body, both = _add(body, part_body), _add(both, part_both)
    if words_ is None or words_.empty:
        return pd.DataFrame(columns=["term", "documents", "count", "titles", "name", "weak"])
    words_, phrases = words_.astype("int64"), phrases.astype("int64")
    phrases = phrases[(phrases["documents"] >= 2) & (phrases["count"] >= 2)]
    names = _name_shares(body) > 0.5
    verbs = _verb_like(both)
    weak = weak_terms()
    words_["name"] = names.reindex(words_.index, fill_value=False).to_numpy()
    words_["weak"] = [t in weak or bool(verbs.get(t, False)) for t in words_.index]
    parts = [t.split() for t in phrases.index]
    phrases["name"] = [any(names.get(w, False) for w in p) for p in parts]
    phrases["weak"] = False
    table = pd.concat([words_.assign(words=1), phrases.assign(words=2)])
    return table.rename_axis("term").reset_index()


def main_term_table(corpus: Corpus, *, top: int = 10, names: bool = False) -> pd.DataFrame:
    """The words and phrases that say what the whole corpus is about, most telling first.

    One story told by several sources shares its topic words: they stand in the headlines
    ("Trump holds off reversing ban on elephant trophy imports", "For Now, Trump to Keep
    Ban on Importing Elephant Trophies") and run through every article. So a term ranks by
    the number of headlines using it, then the number of articles using it, then its uses
    in all headlines and bodies (the :func:`term_counts` words: no stop words, no numbers).
    A two-word phrase (:func:`phrase_counts`, used in two or more articles: "foreign
    policy", "border wall") goes before a word in as many headlines and articles, and a
    word of a phrase ranked above it is left out; remaining ties go alphabetically. A corpus without
    headlines ranks by articles and uses.
    Weak words (:func:`weak_terms`: "left", "end", "expected", "said"; and verbs, see
    :func:`verb_like`: "cancel" in "should cancel") come after the others, and names (written
    with a capital in most of their uses inside body sentences: "Trump"; a phrase with a
    name in it) after those unless ``names`` is True: the actor report covers people and
    places, and a common word ("elephant") says what the story is about.

    Returns ``term, titles`` (headlines using it), ``documents`` (articles using it),
    ``count`` (uses in headlines and bodies), ``name`` (written as a name), at most
    ``top`` rows.
    """
    table = _candidates(corpus)
    if table.empty:
        return pd.DataFrame(columns=MAIN_TERM_COLUMNS)
    rank = (["name"] if not names else []) + ["weak", "titles", "documents", "words", "count"]
    table = table.sort_values(
        [*rank, "term"], ascending=[r in ("name", "weak") for r in rank] + [True]
    )
    kept, covered = [], set()
    for row in table.itertuples(index=False):
        if row.words == 1 and row.term in covered:
            continue
        kept.append(row)
        covered.update(row.term.split() if row.words == 2 else ())
        if len(kept) == top:
            break
    return pd.DataFrame(kept, columns=table.columns)[MAIN_TERM_COLUMNS].reset_index(drop=True)


def main_terms(corpus: Corpus, *, top: int = 5, names: bool = False) -> list[str]:
    """The corpus' main terms (:func:`main_term_table`), most telling first: the default
    keyword in context and the story's topic when no story file names one.

    >>> from storylens import load_corpus
    >>> main_terms(load_corpus(), top=3)
    ['force', 'peacekeeping', 'peacekeeping force']
    """
    return main_term_table(corpus, top=top, names=names)["term"].tolist()


# The most of a sentence a keyword-in-context row repeats: a longer sentence is cut to this
# many characters around the match (issue #14: one 2 MB "sentence" was stored once per
# match of "troops").
SENTENCE_WINDOW = 400


def _around(text: str, start: int, end: int, width: int) -> str:
    """``text`` when it is short enough, else the :data:`SENTENCE_WINDOW` characters of it
    (more when ``width`` either side of the match needs more) centred on the match."""
    size = max(SENTENCE_WINDOW, end - start + 2 * width)
    if len(text) <= size:
        return text
    left = max(0, min(start - (size - (end - start)) // 2, len(text) - size))
    return text[left : left + size]


def keyword_in_context(
    corpus: Corpus,
    term: str,
    *,
    width: int = 60,
    roles: tuple[str, ...] = ("title", "body", "caption"),
) -> pd.DataFrame:
    """Every use of ``term`` (a word or phrase, case-insensitive, whole words) in context.

    Returns ``doc_id, sent_id, role, start, end`` (offsets of the match in the document
    text), ``left``, ``match``, ``right`` (up to ``width`` characters either side, within
    the sentence) and ``sentence`` (the whole sentence, or the :data:`SENTENCE_WINDOW`
    characters of it around the match when it is longer), in document order.
    """
    columns = ["doc_id", "sent_id", "role", "start", "end", "left", "match", "right", "sentence"]
    # Whole words, any blank between them, any case: "reassurance  Force" matches
    # "reassurance force"; "troopship" does not match "troops".
    pattern = term_pattern([" ".join(term.split())])
    if pattern is None:
        raise ValueError("keyword_in_context needs a term to look for, got an empty string")
    sentences = corpus.sentences[corpus.sentences["role"].isin(roles)]
    rows = []
    for sent in sentences.itertuples(index=False):
        for m in pattern.finditer(sent.text):
            rows.append(
                (
                    sent.doc_id,
                    sent.sent_id,
                    sent.role,
                    sent.start + m.start(),
                    sent.start + m.end(),
                    sent.text[max(0, m.start() - width) : m.start()],
                    m.group(),
                    sent.text[m.end() : m.end() + width],
                    _around(sent.text, m.start(), m.end(), width),
                )
            )
    return pd.DataFrame(rows, columns=columns)
