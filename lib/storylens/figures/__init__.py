"""Figures in news text: every number, what it counts or measures, and the interval it claims.

``extract_figures`` reads the numbers a news text gives ("up to 30,000 troops",
"an estimated 600,000 Russian troops", "€90 billion", "5% of GDP", "20 or 30 years",
"the 600-mile (1,000-kilometer) front line") and returns one row per figure with its
value, its interval and what it is about. It is rule-based: regular expressions compiled
once, word lists in ``data/figure_words.yaml`` and ``data/lexicon.yaml``, and the unit
table in ``data/units.yaml`` (read by ``load_units``; pass another table with
``units=``). ``iter_figures`` gives the same rows as tuples, without the cost of building
a DataFrame, for large corpora. Accuracy and speed: ``benchmarks/eval_quantities.py``.

The package, in reading order:

- ``words``: the word lists of ``data/figure_words.yaml`` and the regex helpers;
- ``numbers``: digits and number words ("30,000", "1.5 million", "two dozen");
- ``units``: the unit table (``UnitTable``, ``load_units``) and currency matching;
- ``qualifiers``: "up to", "more than", "or more" and the intervals they give;
- ``nonfigures``: dates, times, identifiers and list markers, which are not figures;
- ``nouns``: the counted noun after a number;
- ``reader``: one figure read around its number, in stages;
- ``extract``: ``extract_figures``, ``iter_figures``, ``Figure`` (the scanner);
- ``changes``: a figure's part in a change (the amount, the level before or after);
- ``claims``: the kind of claim a figure makes (plan, demand, estimate, other, incidental),
  and what it counts (``counted_thing``, ``same_thing``);
- ``table``: ``figure_table`` for a corpus (sentence, conversion, claim, claimant, topic);
- ``intervals``: whether two intervals can both hold, and intervals in words;
- ``compare``: ``compare`` (disagreements, changes over time, gaps between plan and
  demand), ``figure_changes``, ``figure_gaps`` and ``figure_groups``;
- ``at_scale``: ``compare_at_scale`` (the same relations counted, not listed, for big
  corpora) and ``figure_relations`` (what a report shows, listed or counted).

>>> df = extract_figures("Zelenskyy has called for a force of more than 100,000 European troops.")
>>> df[["text", "value", "low", "high", "qualifier", "noun", "kind"]].to_dict("records")[0]
{'text': 'more than 100,000 European troops', 'value': 100000.0, 'low': 100000.0, \
'high': nan, 'qualifier': 'lower', 'noun': 'troops', 'kind': 'troops'}
"""

from storylens.figures.at_scale import AtScale, Relations, compare_at_scale, figure_relations
from storylens.figures.claims import (
    claim_of,
    counted_thing,
    figure_claim,
    is_incidental,
    same_thing,
)
from storylens.figures.compare import (
    COMPARE_COLUMNS,
    VOICE_COLUMNS,
    WINDOW_DAYS,
    compare,
    figure_changes,
    figure_gaps,
    figure_groups,
    figure_voices,
    measure_of,
    pair_count,
)
from storylens.figures.extract import COLUMNS, Figure, extract_figures, iter_figures
from storylens.figures.intervals import compatible, interval_text, span_text
from storylens.figures.table import (
    CLAIM_AFTER,
    DOCUMENT_FIGURE_COLUMNS,
    FIGURE_TABLE_COLUMNS,
    aggregate_figures,
    document_figures,
    figure_table,
    figure_topic,
    table_kind,
)
from storylens.figures.units import UnitTable, load_units

__all__ = [
    "CLAIM_AFTER",
    "COLUMNS",
    "AtScale",
    "COMPARE_COLUMNS",
    "DOCUMENT_FIGURE_COLUMNS",
    "FIGURE_TABLE_COLUMNS",
    "Figure",
    "Relations",
    "UnitTable",
    "VOICE_COLUMNS",
    "WINDOW_DAYS",
    "aggregate_figures",
    "claim_of",
    "compare",
    "compare_at_scale",
    "compatible",
    "counted_thing",
    "document_figures",
    "extract_figures",
    "figure_changes",
    "figure_claim",
    "figure_gaps",
    "figure_groups",
    "figure_relations",
    "figure_table",
    "figure_topic",
    "figure_voices",
    "interval_text",
    "is_incidental",
    "iter_figures",
    "load_units",
    "measure_of",
    "pair_count",
    "same_thing",
    "span_text",
    "table_kind",
]
