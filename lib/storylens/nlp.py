"""Sentence splitting, word tokens and the VADER lexicon, all without downloads.

NLTK normally fetches its models with ``nltk.download()``. storylens never does: Punkt
gets its parameters (our abbreviation list, ``data/abbreviations.txt``) from the
package, and VADER reads the lexicon that the ``vaderSentiment`` package ships.

Word tokens follow NLTK's Treebank conventions (``NLTKWordTokenizer``: clitics ``'s``,
``n't`` split off, ``U.S.`` and ``30,000`` kept whole, a sentence-final period split off)
but are found with one compiled :mod:`re` pattern: since nltk 3.10 every NLTK regex
runs under a time-limited third-party engine, which made tokenising several times slower
than all the rest of loading. A test checks both give the same tokens on every seed
sentence.

>>> [s for s in split_sentences("Starmer met the U.S. envoy on Feb. 17, 2025. He left.")]
[(0, 44), (45, 53)]
>>> [t for _, _, t in word_spans("Ukraine’s 30,000 troops.")]
['Ukraine', '’s', '30,000', 'troops', '.']
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterator
from importlib import resources

from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

from storylens.compat import StdlibPunktLanguageVars

# One word token in Treebank style. Accepts "U.S." (mid-sentence), "30,000", "1.5",
# "Kosiniak-Kamysz", "’s", "n't"; rejects (splits) "troops." at the end of a sentence
# into "troops" + ".", and "Ukraine’s" into "Ukraine" + "’s".
WORD_TOKEN = re.compile(
    r"""
    \w+?(?=n['’]t\b)                                   # "is" of "isn't"
  | (?i:can(?=not\b)|gon(?=na\b)|got(?=ta\b)|wan(?=na\b))   # "can" of "cannot"
  | (?i:n['’]t|['’](?:s|re|ve|ll|d|m))(?!\w)           # clitics: n't 's 're 've 'll 'd 'm
  | \w+(?:(?:[-/&]|\.(?=\w)|(?<=\d)[,:](?=\d))\w+)*    # words, numbers, U.S, 30,000, 1.5
    (?:\.(?!\s*[\"'”’)\]]*\s*\Z))?                      # keep a non-final period: "U.S." "Feb."
  | \.{3}|-{2,}                                         # ellipsis, double dash
  | [^\w\s]                                             # any other punctuation mark
    """,
    re.X,
)


def read_word_list(name: str) -> list[str]:
    """Lines of the package data file ``data/<name>``, without comments and blank lines.

    >>> "u.s" in read_word_list("abbreviations.txt")
    True
    """
    text = resources.files("storylens").joinpath("data", name).read_text(encoding="utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


@functools.cache
def abbreviations() -> frozenset[str]:
    """The abbreviations Punkt must not split after (lower case, no final period)."""
    return frozenset(read_word_list("abbreviations.txt"))


def punkt_parameters() -> PunktParameters:
    """Punkt's parameters: storylens' abbreviation list, nothing trained or downloaded."""
    params = PunktParameters()
    params.abbrev_types = set(abbreviations())
    return params


@functools.cache
def _sentence_tokenizer() -> PunktSentenceTokenizer:
    return PunktSentenceTokenizer(punkt_parameters(), lang_vars=StdlibPunktLanguageVars())


# Where Punkt could end a sentence: a final mark, closing quotes, then more text. Accepts
# "left. He"; rejects "Feb" in a paragraph without such a mark (then Punkt is skipped).
POSSIBLE_BREAK = re.compile(r"[.!?…][\"'”’)\]]*\s+\S")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Character spans ``(start, end)`` of the sentences in ``text``, in order.

    Punkt with storylens' abbreviation list; no trained model is needed. A paragraph
    with no possible break inside is one sentence (Punkt would say the same, slower).
    """
    if not POSSIBLE_BREAK.search(text):
        stripped = text.strip()
        if not stripped:
            return []
        start = text.index(stripped[0])
        return [(start, start + len(stripped))]
    return list(_sentence_tokenizer().span_tokenize(text))


def word_spans(text: str, offset: int = 0) -> Iterator[tuple[int, int, str]]:
    """``(start, end, token)`` for each word token of ``text``.

    Offsets are shifted by ``offset`` (the position of ``text`` in its document), and
    ``token`` is always the original characters, so ``doc[start:end] == token``.
    """
    for match in WORD_TOKEN.finditer(text):
        yield match.start() + offset, match.end() + offset, match.group()


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
