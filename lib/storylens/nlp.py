"""Sentence splitting, word tokens and the VADER lexicon, all without downloads.

NLTK normally fetches its models with ``nltk.download()``. storylens never does: Punkt
gets its parameters (our abbreviation list, ``data/abbreviations.txt``) from the
package, the word tokenizer is NLTK's rule-based Treebank variant, and VADER reads the
lexicon that the ``vaderSentiment`` package ships.

>>> [s for s in split_sentences("Starmer met the U.S. envoy on Feb. 17, 2025. He left.")]
[(0, 44), (45, 53)]
>>> [t for _, _, t in word_spans("Ukraine’s 30,000 troops.")]
['Ukraine', '’s', '30,000', 'troops', '.']
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterator
from importlib import resources

from nltk.tokenize.destructive import NLTKWordTokenizer
from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

# Characters the Treebank rules only know in their ASCII form. Tokenising a copy of the
# text with these replaced one-for-one keeps every offset valid in the original text.
_ASCII_FOLD = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})


def _read_word_list(name: str) -> list[str]:
    """Lines of a package data file, without comments and blank lines."""
    text = resources.files("storylens").joinpath("data", name).read_text(encoding="utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


@functools.cache
def abbreviations() -> frozenset[str]:
    """The abbreviations Punkt must not split after (lower case, no final period)."""
    return frozenset(_read_word_list("abbreviations.txt"))


@functools.cache
def _sentence_tokenizer() -> PunktSentenceTokenizer:
    params = PunktParameters()
    params.abbrev_types = set(abbreviations())
    return PunktSentenceTokenizer(params)


@functools.cache
def _word_tokenizer() -> NLTKWordTokenizer:
    return NLTKWordTokenizer()


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Character spans ``(start, end)`` of the sentences in ``text``, in order.

    Punkt with storylens' abbreviation list; no trained model is needed.
    """
    return list(_sentence_tokenizer().span_tokenize(text))


def word_spans(text: str, offset: int = 0) -> Iterator[tuple[int, int, str]]:
    """``(start, end, token)`` for each word token of ``text``.

    Offsets are shifted by ``offset`` (the position of ``text`` in its document), and
    ``token`` is always the original characters, so ``doc[start:end] == token``.
    """
    folded = text.translate(_ASCII_FOLD)
    try:
        spans = list(_word_tokenizer().span_tokenize(folded))
    except ValueError:  # the Treebank aligner can fail on odd quote runs: fall back
        spans = _whitespace_spans(folded)
    for start, end in spans:
        yield start + offset, end + offset, text[start:end]


def _whitespace_spans(text: str) -> list[tuple[int, int]]:
    spans, start = [], None
    for i, ch in enumerate(text):
        if ch.isspace():
            if start is not None:
                spans.append((start, i))
                start = None
        elif start is None:
            start = i
    if start is not None:
        spans.append((start, len(text)))
    return spans


def vader_lexicon_path() -> str:
    """Path of ``vader_lexicon.txt`` as shipped by the vaderSentiment package."""
    import vaderSentiment

    path = os.path.join(os.path.dirname(vaderSentiment.__file__), "vader_lexicon.txt")
    if not os.path.exists(path):
        raise FileNotFoundError(
            f"vaderSentiment is installed but has no lexicon at {path}; "
            "reinstall it with `make clean env`."
        )
    return path


@functools.cache
def vader():
    """NLTK's VADER ``SentimentIntensityAnalyzer`` reading vaderSentiment's lexicon.

    >>> round(vader().polarity_scores("a horrible idea")["compound"], 3) < 0
    True
    """
    import nltk.data
    from nltk.sentiment.vader import SentimentIntensityAnalyzer

    # nltk >= 3.10 only opens resources under nltk.data.path, so the folder is added to
    # it and the lexicon is named relative to it.
    folder, name = os.path.split(vader_lexicon_path())
    if folder not in nltk.data.path:
        nltk.data.path.append(folder)
    return SentimentIntensityAnalyzer(lexicon_file=name)
