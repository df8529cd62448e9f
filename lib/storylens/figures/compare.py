"""Comparing figures across sources: disagreements, changes over time, and gaps.

Two figures are compared only when they are about the same topic (``kind`` and
``topic``) and make the same kind of claim (``claim``: a plan's size, a demand, an
estimate, other; incidental numbers are never compared), or when one is a plan and the
other a demand on the same topic (a gap). Demands are compared only when they are the
same claimant's (or both are nobody's): two actors demanding different numbers do not
disagree. Time is the publication date of each source: sources published within
``window_days`` of each other speak of the same moment.

- ``disagreement``: two sources, same moment, intervals that cannot both hold
  (:func:`storylens.figures.intervals.compatible`: adjacent bounds are compatible);
- ``consistent``: two sources, same moment, intervals that can both hold;
- ``change``: same thing at two moments, different intervals ("40,000 (Dec 2024) → at
  most 30,000 (Feb 2025)");
- ``gap``: a plan set against a demand at the same moment ("the plan: at most 30,000;
  Volodymyr Zelensky: 200,000"), also within one source.

Pairs with an undated source are not related: when they were said cannot be told.

Changes are kept apart from levels (``measure``): the amount of a change ("cut 20,000
troops", ``change_part`` ``amount``) is compared only with amounts of changes in the same
direction, never with a level ("a force of 20,000"); the level after a change ("rose to
40,000", ``to``) is a level; the level before one ("down from 40", ``from``) is a past
level and is not compared.

The same topic is not yet the same thing. Figures whose topic is only their kind and
noun ("count: Democrats", no story rule) are related only when they count the same
thing (:func:`storylens.figures.claims.same_thing`): the same capitalised modifiers
where both have some ("33 Senate Democrats" is not "10 House Democrats"), the same event
where both have one ("33 Democrats voted" is not "the 10 Democrats who gathered"). A
group apart ("dozens of *other* Democrats") or a subset ("one *of the* Democrats") is
never compared, whatever its topic.
"""

from __future__ import annotations

import bisect
import datetime
from collections.abc import Iterable

import pandas as pd

from storylens.figures.claims import NOT_COMPARED, counted_thing, same_thing
from storylens.figures.intervals import bounds, compatible, interval_text, span_text

WINDOW_DAYS = 31
RELATIONS = ("disagreement", "consistent", "change", "gap")
# The columns each side of a pair carries (suffixed ``_a`` and ``_b``).
SIDE_COLUMNS = [
    "doc_id", "text", "claim", "qualifier", "value", "low", "high", "low_inclusive",
    "high_inclusive", "claimant", "published", "sentence",
]  # fmt: skip
COMPARE_COLUMNS = [
    "relation", "kind", "topic", "measure", "claim", "claimant", "days_apart", "summary",
    *[f"{c}_a" for c in SIDE_COLUMNS], *[f"{c}_b" for c in SIDE_COLUMNS],
]  # fmt: skip


def claimants_of(row) -> set[str]:
    return set(filter(None, str(row["claimant"] or "").split("; ")))


def memo(rec: dict, what) -> object:
    """``what(rec)``, computed the first time a pair asks and kept in the record (under
    the function's name): a figure is in many pairs, and these are functions of it alone."""
    key = f"_{what.__name__}"
    if key not in rec:
        rec[key] = what(rec)
    return rec[key]


def _published_month(rec) -> str:
    return month_of(rec["published"])


def month_of(published) -> str:
    return pd.Timestamp(published).strftime("%b %Y") if pd.notna(published) else "undated"


def _who(row) -> str:
    return row["claimant"] or "the source"


def measure_of(row) -> str | None:
    """What a figure measures: ``level`` (a figure that is no part of a change, or the
    level after one), ``increase`` or ``decrease`` (the amount of a change), or None
    (the level before a change, which is not compared)."""
    part, change = row.get("change_part"), row.get("change")
    if not isinstance(part, str) or part == "to":
        return "level"
    return change if part == "amount" and isinstance(change, str) else None


def is_default_topic(row) -> bool:
    """Whether a figure's topic is only its kind and noun (or unit), not a story rule's."""
    topic, kind = row["topic"], row["kind"]
    named = [row.get("noun"), row.get("unit")]
    return topic == kind or any(isinstance(n, str) and topic == f"{kind}: {n}" for n in named)


def _thing(row):
    sentence, measure = str(row.get("sentence") or ""), isinstance(row.get("unit"), str)
    return counted_thing(sentence, str(row["text"]), row.get("noun"), measure=measure)


def same_default_thing(a, b) -> bool:
    """On a topic that is only a kind and noun: whether the two figures are shown to
    count the same thing (:func:`same_thing`), and are not two actors' ("Clinton released
    eight years of returns", "Bush released 33 years of returns")."""
    who_a, who_b = memo(a, claimants_of), memo(b, claimants_of)
    if who_a and who_b and not who_a & who_b:
        return False
    return same_thing(a["thing"], b["thing"])


def _relation(a, b, window_days: int, *, one_source: bool = True) -> tuple[str, str] | None:
    """The relation of two figures of one topic and measure (``a`` published first) and
    the claimant they share, or None when they are not comparable. ``one_source=False``:
    do not ask whether they are from one source (for voices, which count that apart)."""
    if a["claim"] in NOT_COMPARED or b["claim"] in NOT_COMPARED:
        return None
    if pd.isna(a["published"]) or pd.isna(b["published"]):
        return None
    if a["thing"].apart or b["thing"].apart:
        return None  # "dozens of other Democrats", "one of the Democrats"
    same_time = abs((b["published"] - a["published"]).days) <= window_days
    if {a["claim"], b["claim"]} == {"plan", "demand"}:
        return ("gap", "") if same_time else None
    if a["claim"] != b["claim"]:
        return None
    if memo(a, is_default_topic) and not same_default_thing(a, b):
        return None  # the same noun, but not the same thing counted
    who_a, who_b = memo(a, claimants_of), memo(b, claimants_of)
    shared = "; ".join(sorted(who_a & who_b))
    if a["claim"] == "demand" and not shared and (who_a or who_b):
        return None  # different actors' demands measure different things
    if not same_time:
        return ("change", shared) if memo(a, bounds) != memo(b, bounds) else None
    if one_source and a["doc_id"] == b["doc_id"]:
        return None  # one source does not disagree with itself
    return ("consistent" if compatible(a, b) else "disagreement"), shared


def _summary(relation: str, a, b) -> str:
    """The pair in one readable line; amounts of change say so ("a decrease of 20,000")."""
    ia, ib = memo(a, interval_text), memo(b, interval_text)
    if a["measure"] in ("increase", "decrease"):
        ia, ib = f"a {a['measure']} of {ia}", f"a {b['measure']} of {ib}"
    if relation == "gap":
        return f"the plan: {ia}; {b['claimant'] or 'the demand'}: {ib}"
    if relation == "change":
        return f"{ia} ({memo(a, _published_month)}) → {ib} ({memo(b, _published_month)})"
    verdict = "cannot both hold" if relation == "disagreement" else "can both hold"
    return f"{ia} ({_who(a)}, {a['doc_id']}) and {ib} ({_who(b)}, {b['doc_id']}) {verdict}"


# ----------------------------------------------------------------- candidate pairs
#
# Most pairs of a topic and measure cannot be related, and :func:`_relation` is not
# asked about them: a related pair has the same kind of claim (or is a plan and a demand
# at the same moment), shares a claimant if it is a pair of demands (or neither names
# one), and, when the first figure's topic is only its kind and noun, shares something
# :func:`same_thing` ties on (an event, the capitalised modifiers, a word of the phrase
# after). Figures are grouped ("blocked") by these, and only pairs inside a block are
# candidates; :func:`_relation` still decides each one, so the pairs found are those of
# checking every pair (``compare(..., exhaustive=True)``, the reference in the tests).


def comparable(rec: dict) -> bool:
    """Whether a figure can be in any related pair (a claim compared, dated, not apart)."""
    return (
        rec["claim"] not in NOT_COMPARED and pd.notna(rec["published"]) and not rec["thing"].apart
    )


def _thing_ties(rec: dict) -> set[tuple]:
    """What two figures counting the same thing must share one of (see :func:`same_thing`)."""
    thing = rec["thing"]
    ties = {("of", word) for word in thing.of}
    if thing.event is not None:
        ties.add(("event", thing.event))
    if thing.modifiers:
        ties.add(("modifiers", thing.modifiers))
    return ties


def _claimant_ties(rec: dict) -> set[tuple]:
    """The claimants of a demand (two demands are related only when they share one), or
    the mark of a demand of nobody's (related only to another of nobody's)."""
    return {("claimant", who) for who in memo(rec, claimants_of)} or {("nobody",)}


def _tied_pairs(
    members: list[int],
    ties: dict[int, set[tuple]],
    *,
    untied: frozenset[int] = frozenset(),
    both_ways: bool = False,
) -> set[tuple[int, int]]:
    """The pairs ``(i, j)``, ``i < j``, of ``members`` (positions) sharing a tie; a member
    in ``untied`` (one whose pairs need no tie when it is the first) is paired with every
    later member (and every earlier one too if ``both_ways``). Every member's ties are
    looked up, untied or not: an untied figure can be the second of a tied pair."""
    index: dict[tuple, list[int]] = {}
    for i in members:
        for tie in ties[i]:
            index.setdefault(tie, []).append(i)
    found = set()
    for n, i in enumerate(members):
        if i in untied:
            found.update((i, j) for j in members[n + 1 :])
            if both_ways:
                found.update((j, i) for j in members[:n])
            continue
        for tie in ties[i]:
            found.update((i, j) for j in index[tie] if j > i)
    return found


def _same_claim_pairs(
    records: list[dict], members: list[int], *, both_ways: bool = False
) -> set[tuple[int, int]]:
    """Candidate pairs among figures of one kind of claim; ``both_ways``: also those
    related if the second were the first (voices of one day, whose figures interleave)."""
    if records[members[0]]["claim"] == "demand":
        ties = {i: _claimant_ties(records[i]) for i in members}
        return _tied_pairs(members, ties)
    ties = {i: _thing_ties(records[i]) for i in members}
    # tied only where the first is on a default topic
    untied = frozenset(i for i in members if not memo(records[i], is_default_topic))
    return _tied_pairs(members, ties, untied=untied, both_ways=both_ways)


def _gap_pairs(
    records: list[dict], plans: list[int], demands: list[int], window_days: int
) -> set[tuple[int, int]]:
    """Candidate pairs of a plan and a demand: those published within the window (with a
    day to spare: ``days_apart`` counts whole days)."""
    by_date = sorted(demands, key=lambda i: records[i]["published"])
    dates = [records[i]["published"] for i in by_date]
    margin = datetime.timedelta(days=window_days + 1)
    found = set()
    for p in plans:
        when = records[p]["published"]
        lo = bisect.bisect_left(dates, when - margin)
        hi = bisect.bisect_right(dates, when + margin)
        found.update((min(p, d), max(p, d)) for d in by_date[lo:hi])
    return found


def _candidates(
    records: list[dict], window_days: int, *, both_ways: bool = False
) -> list[tuple[int, int]]:
    """The pairs ``(i, j)``, ``i < j``, that may be related, in the order of checking
    every pair (so the output does not depend on the blocking)."""
    by_claim: dict[object, list[int]] = {}
    for i, rec in enumerate(records):
        if comparable(rec):
            by_claim.setdefault(rec["claim"], []).append(i)
    found: set[tuple[int, int]] = set()
    for members in by_claim.values():
        found |= _same_claim_pairs(records, members, both_ways=both_ways)
    found |= _gap_pairs(records, by_claim.get("plan", []), by_claim.get("demand", []), window_days)
    return sorted(found)


def _every_pair(n: int) -> Iterable[tuple[int, int]]:
    return ((i, j) for i in range(n) for j in range(i + 1, n))


def _row(relation: str, shared: str, a: dict, b: dict) -> tuple[tuple, dict, dict]:
    """The output row of a related pair (``a`` the first), and its two sides in order."""
    if relation == "gap" and a["claim"] != "plan":
        a, b = b, a  # the plan first
    days = abs((b["published"] - a["published"]).days)
    claim = a["claim"] if relation != "gap" else "plan / demand"
    summary = _summary(relation, a, b)
    head = (relation, a["kind"], a["topic"], a["measure"], claim, shared, days, summary)
    return (*head, *[a[c] for c in SIDE_COLUMNS], *[b[c] for c in SIDE_COLUMNS]), a, b


def _pairs(records: list[dict], window_days: int, exhaustive: bool) -> Iterable[tuple]:
    pairs = _every_pair(len(records)) if exhaustive else _candidates(records, window_days)
    for i, j in pairs:
        found = _relation(records[i], records[j], window_days)
        if found is not None:
            yield _row(*found, records[i], records[j])[0]


# ----------------------------------------------------------------- voices
#
# Many sources give the same figure for the same thing on the same day ("up to 30,000
# troops"): those figures are one voice, and every pair they are in relates the same way
# (:func:`_relation` reads nothing else of them but which source they are from). With
# ``collapse=True`` each pair of voices is checked once, on their first figures, and its
# row says how many figure pairs it stands for (``pairs``): the voices' product, less
# the pairs from one source where that rules a pair out (a source does not agree or
# disagree with itself). A pair of voices of one day whose figures interleave in the
# order of checking (their first figures are told apart only by source and position)
# is checked in both orders; the order matters only when one is on a default topic and
# the other not. The pairs inside one voice (two sources, one day, one interval) are one
# row with both sides the voice.

VOICE_COLUMNS = ["n_a", "n_b", "sources_a", "sources_b", "pairs", "voice_a", "voice_b",
                 "doc_ids_a", "doc_ids_b", "distinct_a", "distinct_b"]  # fmt: skip
EXCLUDES_ONE_SOURCE = ("disagreement", "consistent")


def _known(x) -> object:
    """A value of a figure's field as a key: missing values (None, NaN, NaT) are None."""
    return None if pd.isna(x) else x


def _voice_key(rec: dict) -> tuple:
    """What two figures of one kind, topic and measure share when they are one voice."""
    interval = [_known(rec[c]) for c in ("qualifier", "value", "low_inclusive", "high_inclusive")]
    return (
        rec["claim"], _known(rec["claimant"]), memo(rec, bounds), *interval, rec["thing"],
        memo(rec, is_default_topic), rec["published"],
    )  # fmt: skip


def _voices(records: list[dict], first_id: int) -> list[dict]:
    """The voices of some comparable figures (in order): each is its first figure's
    record, with ``_members`` (its figures in order), ``_docs`` (figures per source) and
    ``_voice`` (an id, counted from ``first_id``)."""
    voices: dict[tuple, dict] = {}
    for pos, rec in enumerate(records):
        if not comparable(rec):
            continue
        rec["_pos"] = pos
        key = _voice_key(rec)
        if key not in voices:
            voices[key] = {**rec, "_members": [], "_docs": {}}
        voice = voices[key]
        voice["_members"].append(rec)
        voice["_docs"][rec["doc_id"]] = voice["_docs"].get(rec["doc_id"], 0) + 1
    found = list(voices.values())
    for n, voice in enumerate(found):
        members = voice["_members"]
        voice.update(_voice=first_id + n, _n=len(members),
                     _doc_ids="; ".join(sorted(voice["_docs"])),
                     _distinct=len({(m["doc_id"], m["text"]) for m in members}))  # fmt: skip
    return found


def _shared_source_pairs(a: dict, b: dict) -> int:
    """How many pairs of a figure of voice ``a`` and one of ``b`` are from one source."""
    return sum(n * b["_docs"].get(doc, 0) for doc, n in a["_docs"].items())


def _ordered(a: dict, b: dict) -> tuple[int, int]:
    """How many pairs of a figure of ``a`` and one of ``b`` have ``a``'s first (all of
    them, and those from one source)."""
    pos_a = [m["_pos"] for m in a["_members"]]
    before = sum(bisect.bisect_left(pos_a, m["_pos"]) for m in b["_members"])
    one = 0
    for doc in a["_docs"].keys() & b["_docs"].keys():
        docs_a = [m["_pos"] for m in a["_members"] if m["doc_id"] == doc]
        one += sum(
            bisect.bisect_left(docs_a, m["_pos"]) for m in b["_members"] if m["doc_id"] == doc
        )
    return before, one


def _voice_extras(a: dict, b: dict, pairs: int) -> tuple:
    """The columns a collapsed row adds (:data:`VOICE_COLUMNS`)."""
    return (a["_n"], b["_n"], len(a["_docs"]), len(b["_docs"]), pairs, a["_voice"],
            b["_voice"], a["_doc_ids"], b["_doc_ids"], a["_distinct"], b["_distinct"])  # fmt: skip


def _between(a: dict, b: dict, window_days: int) -> Iterable[tuple]:
    """The collapsed rows of the figure pairs of two voices (``a`` first in order)."""
    both = a["published"] == b["published"]  # their figures may interleave
    orders = [(a, b), (b, a)] if both else [(a, b)]
    found = [_relation(x, y, window_days, one_source=False) for x, y in orders]
    total, one = len(a["_members"]) * len(b["_members"]), _shared_source_pairs(a, b)
    if len(found) == 2 and found[0] != found[1]:
        before, one_before = _ordered(a, b)
        counts = [(before, one_before), (total - before, one - one_before)]
    else:
        orders, found, counts = orders[:1], found[:1], [(total, one)]
    for (x, y), relation, (n, n_one) in zip(orders, found, counts, strict=True):
        if relation is None:
            continue
        pairs = n - (n_one if relation[0] in EXCLUDES_ONE_SOURCE else 0)
        if pairs:
            row, first, second = _row(*relation, x, y)
            yield (*row, *_voice_extras(first, second, pairs))


def _within(voice: dict, window_days: int) -> Iterable[tuple]:
    """The collapsed row of the pairs inside one voice (from two sources)."""
    other = next((m for m in voice["_members"] if m["doc_id"] != voice["doc_id"]), None)
    found = None if other is None else _relation(voice, other, window_days)
    if found is None:
        return
    n = len(voice["_members"])
    pairs = n * (n - 1) // 2 - sum(k * (k - 1) // 2 for k in voice["_docs"].values())
    row, _, _ = _row(*found, voice, other)
    yield (*row, *_voice_extras(voice, voice, pairs))


def _voice_pairs(voices: list[dict], window_days: int) -> Iterable[tuple]:
    for voice in voices:
        yield from _within(voice, window_days)
    for i, j in sorted(
        {tuple(sorted(p)) for p in _candidates(voices, window_days, both_ways=True)}
    ):
        yield from _between(voices[i], voices[j], window_days)


def pair_count(relations: pd.DataFrame) -> int:
    """How many figure pairs the rows of :func:`compare` stand for: the sum of ``pairs``
    for a collapsed table, else its rows."""
    return int(relations["pairs"].sum()) if "pairs" in relations else len(relations)


def compare(
    figures: pd.DataFrame,
    *,
    window_days: int = WINDOW_DAYS,
    exhaustive: bool = False,
    collapse: bool = False,
) -> pd.DataFrame:
    """Every pair of figures that can be compared, with how they relate.

    ``figures`` is a :func:`figure_table` (or its rows): it needs ``doc_id, start, kind,
    topic, claim, claimant, published`` and the interval columns. Figures are paired
    within one ``kind``, ``topic`` and measure; see the module documentation for which
    pairs are related and how. Tables without ``change_part`` (made before changes were
    read) hold levels only.

    Returns one row per related pair: ``relation`` (``disagreement``, ``consistent``,
    ``change``, ``gap``), ``kind``, ``topic``, ``measure`` (``level``, or ``increase`` /
    ``decrease`` for amounts of change: :func:`measure_of`), ``claim`` (the two sides'
    kind of claim; ``plan / demand`` for a gap), ``claimant`` (for demands: the claimant
    both sides share; else empty), ``days_apart`` (between the publication dates),
    ``summary`` (the pair in words), and for each side (``_a``, ``_b``): ``doc_id, text,
    claim, qualifier, value, low, high, low_inclusive, high_inclusive, claimant,
    published, sentence``.
    Side ``a`` is the earlier source (for a change, what it changed from), the plan
    (for a gap). Sorted by relation (in the order above), kind, topic, then the sides'
    dates and positions.

    Only pairs that share what a related pair must share are checked (see "candidate
    pairs" in the code), so the time grows with the pairs found rather than with the
    square of the figures; ``exhaustive=True`` checks every pair of a topic and measure
    instead (the same result, slowly: the reference the tests compare against).

    ``collapse=True``: figures of one kind, topic and measure that are one voice (the
    same claim, claimant, qualifier, value, interval and its bounds' inclusion, thing
    counted, topic-default-ness and publication date) are compared once, on the voice's
    first figure, which the row's sides show. The rows are the same relations, and each
    adds ``n_a, n_b`` (the figures each side's voice stands for), ``sources_a,
    sources_b`` (their distinct ``doc_id``), ``pairs`` (the figure pairs the row stands
    for: the rows of ``compare`` without ``collapse`` it replaces), ``voice_a,
    voice_b`` (the voices' ids, as :func:`figure_voices`), ``doc_ids_a, doc_ids_b``
    (the voices' sources, ``"; "``-joined) and ``distinct_a, distinct_b`` (their
    figures told apart by source and text). The pairs inside one voice (sources of one
    day giving one interval: ``consistent``) are one row whose sides are both the voice.
    The rows grow with the voices, not with the sources that repeat them.
    """
    missing = [c for c in ("start", "kind", "topic", *SIDE_COLUMNS) if c not in figures.columns]
    if missing:
        raise ValueError(
            f"compare needs the columns of figure_table; missing: {', '.join(missing)}"
            " (pass figure_table(corpus), or its rows)"
        )
    rows: list[tuple] = []
    voices = 0
    for records in measure_groups(figures):
        if not collapse:
            rows += _pairs(records, window_days, exhaustive)
            continue
        found = _voices(records, voices)
        voices += len(found)
        rows += _voice_pairs(found, window_days)
    out = pd.DataFrame(rows, columns=COMPARE_COLUMNS + (VOICE_COLUMNS if collapse else []))
    rank = out["relation"].map(RELATIONS.index)
    return out.iloc[rank.argsort(kind="stable")].reset_index(drop=True)


def measure_groups(figures: pd.DataFrame) -> Iterable[list[dict]]:
    """The figures of each kind, topic and measure as records (``_label``: the row's
    label in ``figures``), in the order pairs are checked."""
    order = ["published", "doc_id", "start"]
    for _, group in figures.groupby(["kind", "topic"], sort=True):
        by_measure: dict[str, list[dict]] = {}
        ordered = group.sort_values(order, kind="stable")
        for label, rec in zip(ordered.index, ordered.to_dict("records"), strict=True):
            measure = measure_of(rec)
            if measure is not None:
                by_measure.setdefault(measure, []).append(
                    {**rec, "measure": measure, "thing": _thing(rec), "_label": label}
                )
        for measure in sorted(by_measure):
            yield by_measure[measure]


def figure_voices(figures: pd.DataFrame) -> pd.Series:
    """The voice of each figure (``compare(..., collapse=True)``'s ``voice_a`` and
    ``voice_b``), aligned with ``figures``; missing for a figure never compared (an
    incidental or undated one, a group apart, the level before a change)."""
    voice = pd.Series(pd.NA, index=figures.index, dtype="Int64")
    first = 0
    for records in measure_groups(figures):
        found = _voices(records, first)
        first += len(found)
        for v in found:
            voice.loc[[m["_label"] for m in v["_members"]]] = v["_voice"]
    return voice


def _side(pairs: pd.DataFrame, suffix: str) -> list[dict]:
    """The distinct figures on one side of some pairs, as figure rows (of a collapsed
    table: each voice's first figure once for each of its ``distinct`` figures)."""
    columns = [f"{c}{suffix}" for c in ("doc_id", "text", *SIDE_COLUMNS[2:9])]
    if "pairs" in pairs:
        voices = pairs.drop_duplicates(subset=f"voice{suffix}")
        distinct = voices.loc[voices.index.repeat(voices[f"distinct{suffix}"]), columns]
    else:
        distinct = pairs[columns].drop_duplicates(subset=columns[:2])
    return [{k[: -len(suffix)]: v for k, v in r.items()} for r in distinct.to_dict("records")]


def _sources(pairs: pd.DataFrame, suffix: str) -> set[str]:
    """The sources on one side of some pairs (of a collapsed table: of their voices)."""
    if "pairs" not in pairs:
        return set(pairs[f"doc_id{suffix}"])
    return {doc for docs in pairs[f"doc_ids{suffix}"] for doc in docs.split("; ")}


def _months(pairs: pd.DataFrame, column: str) -> str:
    months = list(dict.fromkeys(month_of(p) for p in pairs[column].sort_values()))
    return months[0] if len(months) == 1 else f"{months[0]}–{months[-1]}"


CHANGE_COLUMNS = ["kind", "topic", "measure", "claim", "claimant", "before", "before_when",
                  "after", "after_when", "n_pairs", "doc_ids_before", "doc_ids_after",
                  "summary"]  # fmt: skip
GAP_COLUMNS = ["kind", "topic", "claimant", "plan", "demand", "plan_high", "demand_low",
               "factor", "n_plan", "n_demand", "doc_ids", "summary"]  # fmt: skip


def change_row(key: tuple, before: list[dict], after: list[dict], when: tuple[str, str],
               n_pairs: int, sources: tuple[set, set]) -> tuple:  # fmt: skip
    """A row of :func:`figure_changes`: ``key`` (kind, topic, measure, claim, claimant),
    the distinct figures on each side, their months in words, the pairs, the sources."""
    words_a, words_b = span_text(before), span_text(after)
    return (*key, words_a, when[0], words_b, when[1], n_pairs,
            "; ".join(sorted(sources[0])), "; ".join(sorted(sources[1])),
            f"{words_a} ({when[0]}) → {words_b} ({when[1]})")  # fmt: skip


def gap_row(key: tuple, plan: list[dict], demand: list[dict], sources: set) -> tuple:
    """A row of :func:`figure_gaps`: ``key`` (kind, topic, who demands), the distinct
    figures of the plan and of the demand, and the sources of both."""
    kind, topic, who = key
    plan_high = max(x for r in plan for x in bounds(r) if abs(x) != float("inf"))
    demand_low = min(x for r in demand for x in bounds(r) if abs(x) != float("inf"))
    words = span_text(plan), span_text(demand)
    summary = f"the plan: {words[0]}; {who or 'the demand'}: {words[1]}"
    return (kind, topic, who, *words, plan_high, demand_low, demand_low / plan_high,
            len(plan), len(demand), "; ".join(sorted(sources)), summary)  # fmt: skip


def figure_changes(relations: pd.DataFrame) -> pd.DataFrame:
    """The changes over time of :func:`compare`, one row per thing and pair of months.

    Returns ``kind, topic, measure, claim, claimant, before, before_when, after,
    after_when``
    (the figures on each side in words, :func:`storylens.figures.intervals.span_text`,
    and their months), ``n_pairs``, ``doc_ids_before``, ``doc_ids_after`` (``"; "``-joined)
    and ``summary`` ("40,000 (Dec 2024) → at most 30,000 (Feb 2025)"). A collapsed
    table (``compare(..., collapse=True)``) gives the same rows, and so does
    :func:`storylens.figures.at_scale.compare_at_scale` without listing the pairs.
    """
    changes = relations[relations["relation"] == "change"]
    keys = changes.assign(
        month_a=changes["published_a"].map(month_of), month_b=changes["published_b"].map(month_of)
    )
    rows = []
    by = ["kind", "topic", "measure", "claim", "claimant", "month_a", "month_b"]
    for key, pairs in keys.groupby(by):
        when = _months(pairs, "published_a"), _months(pairs, "published_b")
        sources = _sources(pairs, "_a"), _sources(pairs, "_b")
        rows.append(change_row(key[:5], _side(pairs, "_a"), _side(pairs, "_b"), when,
                               pair_count(pairs), sources))  # fmt: skip
    return pd.DataFrame(rows, columns=CHANGE_COLUMNS)


def figure_gaps(relations: pd.DataFrame) -> pd.DataFrame:
    """The gaps of :func:`compare` between a plan and a demand, one row per topic and
    demanding claimant.

    Returns ``kind, topic, claimant`` (who demands; empty when no one is named),
    ``plan``, ``demand`` (each side's figures in words,
    :func:`storylens.figures.intervals.span_text`), ``plan_high`` (the largest number the
    plan's figures state), ``demand_low`` (the smallest the demand's state), ``factor``
    (``demand_low / plan_high``: how many times the plan the smallest demand is),
    ``n_plan``, ``n_demand`` (distinct figures), ``doc_ids`` and ``summary`` ("the plan:
    at most 30,000; Volodymyr Zelensky: 100,000–200,000"). A collapsed table
    (``compare(..., collapse=True)``) gives the same rows, but for a source that gives one
    text in two voices (two claimants, say): it counts there once without ``collapse``,
    twice with it (in ``n_plan``, ``n_demand``).
    """
    gaps = relations[relations["relation"] == "gap"]
    rows = []
    for key, pairs in gaps.groupby(["kind", "topic", "claimant_b"]):
        sources = _sources(pairs, "_a") | _sources(pairs, "_b")
        rows.append(gap_row(key, _side(pairs, "_a"), _side(pairs, "_b"), sources))
    return pd.DataFrame(rows, columns=GAP_COLUMNS)


def figure_groups(figures: pd.DataFrame) -> pd.DataFrame:
    """One row per kind, topic, measure and kind of claim: how many figures and sources,
    and their span.

    Returns ``kind, topic, measure`` (:func:`measure_of`: ``level``, ``increase``,
    ``decrease``, or ``level before`` for the level a change started from), ``claim,
    n_figures, n_sources, lowest`` (the smallest known
    bound or value), ``highest`` (the largest), ``claimants`` (``"; "``-joined) and
    ``texts`` (the figures as written, ``" | "``-joined), sorted by kind, topic, measure
    and claim. A plan's size and a demand on the same topic are separate rows, and so are
    a level and the amount of a change ("a force of 40,000", "cut 20,000 troops"): they
    do not measure the same thing.
    """
    columns = ["kind", "topic", "measure", "claim", "n_figures", "n_sources", "lowest", "highest",
               "claimants", "texts"]  # fmt: skip
    if figures.empty:
        return pd.DataFrame(columns=columns)
    known = figures.assign(
        lo=figures[["low", "value", "high"]].min(axis=1),
        hi=figures[["low", "value", "high"]].max(axis=1),
        measure=[measure_of(r) or "level before" for r in figures.to_dict("records")],
    )
    groups = known.groupby(["kind", "topic", "measure", "claim"], sort=True).agg(
        n_figures=("text", "size"),
        n_sources=("doc_id", "nunique"),
        lowest=("lo", "min"),
        highest=("hi", "max"),
        claimants=(
            "claimant",
            lambda c: "; ".join(sorted({x for v in c for x in str(v).split("; ") if x})),
        ),
        texts=("text", " | ".join),
    )
    return groups.reset_index()[columns]
