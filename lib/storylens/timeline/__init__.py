"""Temporal expressions (TIMEX3) found in news text and resolved against the article's date.

``extract_timexes`` is a rule-based tagger and normaliser in pure Python: every pattern is
compiled once at import, so a call costs only regular-expression passes over the text.
Values follow TIMEX3 as annotated in TempEval-3 (TimeBank, AQUAINT):

>>> df = extract_timexes("Starmer said Monday he will go there next week.", dct="2025-02-21")
>>> df[["text", "type", "value", "resolved"]].values.tolist()
[['Monday', 'DATE', '2025-02-17', True], ['next week', 'DATE', '2025-W09', True]]
>>> timex_interval("2025-W09")
(datetime.date(2025, 2, 24), datetime.date(2025, 3, 2))

The package keeps the grammar apart from the engine, as HeidelTime does:

- ``resources``: the words (shared ones from :mod:`storylens.lexicon`, TIMEX3 tables from
  ``data/timex_lexicon.yaml``);
- ``patterns``: the grammar, compiled once: building blocks and context patterns of
  ``data/timex_patterns.yaml``, the rule patterns of ``data/timex_rules.yaml``;
- ``rules``: each rule of ``timex_rules.yaml`` (with its example) bound to its normaliser;
- ``engine``: the language-free rule runner (matches, overlaps);
- ``normalise``: the normalisers, pure functions returning a typed ``Timex``;
- ``anchoring``: the article date, tense, the dates told before, ``timex_interval``;
- ``tagger``: ``extract_timexes`` and the per-document ``document_timexes``;
- ``aggregate``: ``build_timeline`` = ``aggregate_timeline`` over the documents' tables
  and each article's lead (``lead_statements``), ``dated_statements`` and what they
  leave out (``statements_left_out``, ``describe_left_out``), ``timeline_events``,
  ``statement_labels``;
- ``events``: which statements tell the same happening (``group_events``);
- ``explain``: a reader's gloss of a value (``explain_value``: "2025-W09" is "week of 24
  Feb 2025", "PXM" "some months").

How it works: each rule proposes spans; overlapping proposals are settled
longest-first; each chosen span is then normalised in text order by its normaliser, which
may use the article date (``dct``) and the dates mentioned before it ("that year", "the
following month", "the previous Friday"; "a year earlier" is the same quarter a year before
after a quarter, the year before after "the first nine months"; a clock time or "mid-
afternoon" belongs to a day named shortly before, else to the article's day). Modifiers
around a span ("within", "early", "pre-", "or so") widen it and set ``mod``. Weeks are ISO
weeks (Monday to Sunday), as TimeBank counts them.

Categories follow the TIMEX3 guidelines (TimeML 1.2.1, TempEval-3): sets ("every morning"
XXXX-XX-XXTMO, "each summer" XXXX-SU, "every few years" PXY, "twice a week" P1W);
vague references ("now", "at the time", "formerly", "soon", "the future": PRESENT_REF,
PAST_REF, FUTURE_REF); parts of days as TIMEs ("Sunday night" ...TNI, "Friday afternoon"
...TAF, "the night of June 5", "in the morning" of the day told of, "overnight" the night
before, "10:30 last night" T22:30, "at 4 in the morning", "8 PM"); centuries and decades
("the 20th century" 19, "the 1990s" 199, "the past decade" P1DE); durations with vague or
fractional counts ("minutes" PTXM, "decades" PXDE, "tenure" PXY, "two and a half years"
P2.5Y, "a few weeks" PXW).

Direction of weekdays and of months or days named without a year: an explicit ``last``,
``next``, ``this`` decides; otherwise the verb right after it ("the State Department on
Sunday issued"), else the nearest tense cue in the sentence around the
expression (``will``, ``set to``, ``is due``, ``up for``, ``until`` point ahead; ``said``,
``was``, other past forms behind; a past form after "is"/"be" is a passive and ignored;
a future seen from the past, "was due to", "had been expected to", lies behind).
A weekday with no cue lies behind the article date (news reports what happened), a
weekday equal to the article's own weekday is the article's day. A month with no cue is
the nearest one, within six months either side ("the November election" in July 2010 is
2010-11), or, right after another month, the one nearest that month ("in June from $29.75
in March"); a day of a month with no cue is the one nearest the article date. A past cue
only moves it behind if that lands within eight months (so a cue read off the wrong verb
cannot throw a date a year away), a future cue ahead within eleven ("up for re-election
in November", said in January). A capitalised temporal word that a run of capitalised
words goes on with is a name, not an expression: "the Weekly Standard", "New York Daily
News" (but "On Monday President Obama" keeps its Monday).

Measured accuracy: ``benchmarks/eval_timebank.py`` (TimeBank and AQUAINT, TempEval-3
metrics).
"""

from __future__ import annotations

from storylens.timeline.aggregate import (
    GRANULARITY_ORDER,
    TIMELINE_COLUMNS,
    aggregate_timeline,
    build_timeline,
    dated_statements,
    describe_left_out,
    lead_statements,
    statement_labels,
    statements_left_out,
    timeline_events,
)
from storylens.timeline.anchoring import timex_interval
from storylens.timeline.events import EVENT_COLUMNS, SENTENCE_SEP, group_events, happening_words
from storylens.timeline.explain import explain_value
from storylens.timeline.tagger import TIMEX_COLUMNS, document_timexes, extract_timexes

__all__ = [
    "GRANULARITY_ORDER",
    "TIMELINE_COLUMNS",
    "TIMEX_COLUMNS",
    "aggregate_timeline",
    "build_timeline",
    "EVENT_COLUMNS",
    "SENTENCE_SEP",
    "dated_statements",
    "describe_left_out",
    "document_timexes",
    "explain_value",
    "extract_timexes",
    "group_events",
    "happening_words",
    "lead_statements",
    "statement_labels",
    "statements_left_out",
    "timeline_events",
    "timex_interval",
]
