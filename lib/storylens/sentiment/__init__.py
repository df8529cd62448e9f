"""Sentiment towards a target: how a sentence portrays one of the things it names.

Sentence-level VADER gives every actor in "Macron praised Starmer but condemned Putin"
the same score. :func:`target_sentiment` scores the span instead, with a linear model
(one weight per feature and class, softmax) over features scoped to the target:

- the VADER lexicon (with VADER's negation words; "like" only as a verb) split by where
  each hit stands: in the target's clause (clauses end at commas, semicolons, quotes,
  dashes, "but", "while", ...), before or after the target, and weighted by
  ``1 / (1 + distance)``; hits with another capitalised name between them and the
  target count separately;
- the same hits by who holds them (:mod:`~storylens.sentiment.roles`): the target, or
  the nearest other name or role noun ("from aggressors", "by Moscow"), or the speaker
  when the hit stands right before "that" and the target after it ("arguing that
  Ukraine's ..."), and apart, the hits in irrealis scope ("limits its ability",
  "would require approval");
- the words of the sentence, of the target's clause (also by stem, "criticiz" for
  "criticized" and "criticizing") and of a five-word window on each side ("like" as a
  preposition, "countries like Italy", a word apart from the verb), the words at exact
  positions next to it, and the word n-grams that touch the target with the target
  replaced by ``<T>`` ("criticized <T>", "<T> said") and other names by ``<E>``
  ("<T> attacked <E>");
- the same words' clusters (k-means over GloVe word vectors, 256 and 1024 of them,
  ``data/sentiment_clusters.tsv``), by clause, window and the rest of the sentence, so
  a word never seen in training ("denounced") shares the weights of its cluster's
  ("condemned", "critics");
- the target's role: at the start of the sentence, inside a quotation, followed by a
  speech verb, possessive, subject, object, agent of a passive, next to an aggressor or
  victim noun, other names in its clause; each role crossed with the sign of the hits
  the target holds.

Nothing scores the sentence as a whole (VADER's compound would give every target the
same push); lexicon hits outside the target's clause count apart, by whether a
contrast word ("but", "while") or another name stands between them and the target.

The weights were fitted by ``benchmarks/train_sentiment.py`` on the training split of
NewsMTSC (Hamborg & Donnay, EACL 2021) — NB-weighted one-vs-rest logistic regression
with a calibration layer, folded into one weight matrix — and live in
``data/sentiment_model.json``; its ``metadata`` names the data, the command and the
cross-validated macro-F1. Inference is plain Python and numpy: no
scikit-learn, no downloads. The score is ``P(positive) - P(negative)``, in [-1, 1]: the
expected polarity when negative, neutral and positive count -1, 0 and 1, so scores can
be averaged. The label of one mention is its most probable class (``score_mentions``
gives both); :func:`target_label` labels a bare score by a threshold, which is a little
less accurate (see ``benchmarks/eval_newsmtsc.py``).

The modules: :mod:`~storylens.sentiment.features` (what the model reads around a
target), :mod:`~storylens.sentiment.model` (the model file and scoring:
:func:`score_mentions`, one mention at a time, so one document's mentions can be scored
alone), :mod:`~storylens.sentiment.roles` (who a lexicon hit is about, the target's
role) and :mod:`~storylens.sentiment.portrayal` (means per actor and source with
bootstrap intervals, and the mentions behind them).

>>> s = "Macron praised Starmer's courage but condemned Putin's brutal aggression."
>>> target_sentiment(s, 15, 22) > 0 > target_sentiment(s, 47, 52)
True
"""

from storylens.sentiment.features import target_features
from storylens.sentiment.model import (
    LABELS,
    MODEL_FILE,
    SCORE_COLUMNS,
    Model,
    default_threshold,
    load_model,
    score_mentions,
    scored_mentions,
    target_label,
    target_probabilities,
    target_sentiment,
)
from storylens.sentiment.portrayal import (
    MIN_MENTIONS,
    PORTRAYAL_COLUMNS,
    Headline,
    PortrayalHeadline,
    bootstrap_interval,
    extreme_mentions,
    portrayal,
    portrayal_headline,
)
from storylens.sentiment.roles import hit_owners, irrealis_hits, target_roles

__all__ = [
    "LABELS",
    "MIN_MENTIONS",
    "MODEL_FILE",
    "PORTRAYAL_COLUMNS",
    "SCORE_COLUMNS",
    "Headline",
    "Model",
    "PortrayalHeadline",
    "bootstrap_interval",
    "default_threshold",
    "extreme_mentions",
    "hit_owners",
    "irrealis_hits",
    "load_model",
    "portrayal",
    "portrayal_headline",
    "score_mentions",
    "scored_mentions",
    "target_features",
    "target_label",
    "target_probabilities",
    "target_roles",
    "target_sentiment",
]
