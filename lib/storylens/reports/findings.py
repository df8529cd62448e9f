"""The "Key findings" box each report opens with: a few sentences computed from its tables.

Each report has a function that turns the tables it shows into :class:`Finding` records
(a sentence and its caveat flags: an estimated date, a photo caption, few mentions), and
:func:`show_findings` displays them in a cell tagged ``key-findings``, which
:func:`storylens.reports.render.render_html` moves right under the report's title.
Every value in a sentence is escaped when the box is drawn (:func:`findings_html`).
"""

from __future__ import annotations

import html
from typing import NamedTuple

import pandas as pd

from storylens.figures.compare import pair_count
from storylens.reports.labels import date_label, is_estimated, source_labels
from storylens.reports.tables import format_number

__all__ = [
    "ESTIMATED",
    "CAPTION",
    "FEW_MENTIONS",
    "Finding",
    "findings_html",
    "show_findings",
    "corpus_findings",
    "timeline_findings",
    "actor_findings",
    "figure_findings",
]

ESTIMATED = "estimated date"  # rests on a publication date that was worked out
CAPTION = "photo caption"  # comes from a photo caption, not the article's prose
FEW_MENTIONS = "few mentions"  # rests on fewer mentions or sentences than min_mentions


class Finding(NamedTuple):
    """One sentence of the box and the caveats a reader must see beside it."""

    text: str
    flags: tuple[str, ...] = ()


def findings_html(findings: list[Finding]) -> str:
    """The box as HTML: each sentence escaped, each flag a label beside it.

    >>> box = findings_html([Finding("5 articles <b>", (ESTIMATED,))])
    >>> box.split("<ul>")[1]
    '<li>5 articles &lt;b&gt; <span class="sl-flag">estimated date</span></li></ul></section>'
    """
    items = []
    for f in findings:
        flags = "".join(f' <span class="sl-flag">{html.escape(x)}</span>' for x in f.flags)
        items.append(f"<li>{html.escape(f.text)}{flags}</li>")
    body = "".join(items) or "<li>Nothing to report on this corpus.</li>"
    return (
        '<section class="sl-findings" aria-label="Key findings"><h2>Key findings</h2>'
        f"<ul>{body}</ul></section>"
    )


def show_findings(findings: list[Finding]) -> None:
    """Display the box (put the call in a cell tagged ``key-findings``)."""
    from IPython.display import HTML, display

    display(HTML(findings_html(findings)))


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def corpus_findings(documents: pd.DataFrame, removed: pd.DataFrame) -> list[Finding]:
    """How many articles from when, how many dates are estimated, what the loader removed."""
    dated = documents.dropna(subset=["published"])
    n_est = int(is_estimated(documents).sum())
    span = (
        f", published from {date_label(dated['published'].min())} to "
        f"{date_label(dated['published'].max())}"
        if len(dated)
        else ", none of them dated"
    )
    first = Finding(
        f"{_plural(len(documents), 'article')}{span}; {n_est:,} of the dates are estimated "
        f"and {len(documents) - len(dated):,} unknown.",
        (ESTIMATED,) if n_est else (),
    )
    found = [first]
    longest = documents.sort_values(["n_sentences", "doc_id"], ascending=[False, True])
    if len(longest):
        top = longest.iloc[0]
        label = source_labels(documents)[top["doc_id"]]
        found.append(
            Finding(
                f"The longest article is {label} ({_plural(int(top['n_sentences']), 'sentence')}).",
                (ESTIMATED,) if is_estimated(documents)[top["doc_id"]] else (),
            )
        )
    if len(removed):
        reason = removed["reason"].value_counts()
        found.append(
            Finding(
                f"The loader removed {_plural(len(removed), 'line')} of web furniture, most of "
                f"them as {reason.index[0]} ({reason.iloc[0]:,})."
            )
        )
    return found


def _statement_flags(row: dict) -> tuple[str, ...]:
    flags = (ESTIMATED,) if row.get("estimated") else ()
    return flags + ((CAPTION,) if row.get("role") == "caption" else ())


def timeline_findings(shown: pd.DataFrame, events: pd.DataFrame) -> list[Finding]:
    """The span of the chart, its first and last statements, the most widely told event.

    ``shown`` is the chart's rows with ``source``, ``doc_id``, ``date_start``, ``date_end``,
    ``timex``, ``role`` and ``estimated`` (dated against an estimated publication date,
    :func:`storylens.reports.labels.resolved_against_estimate`); ``events`` as
    ``timeline_events`` with ``sources``.
    """
    if shown.empty:
        return [Finding("No dated statement to show.")]
    rows = shown.sort_values(["date_start", "doc_id"]).to_dict("records")
    n_est = sum(bool(r.get("estimated")) for r in rows)
    found = [
        Finding(
            f"{_plural(len(rows), 'dated statement')} from "
            f"{date_label(rows[0]['date_start'])} to {date_label(rows[-1]['date_end'])}; "
            f"{n_est:,} of them dated against an estimated publication date.",
            (ESTIMATED,) if n_est else (),
        )
    ]
    for which, row in (("earliest", rows[0]), ("latest", rows[-1])):
        what = f'"{row["timex"]}"' if row.get("timex") else "its publication date"
        found.append(
            Finding(
                f"The {which}: {date_label(row['date_start'])}, {what} in {row['source']}.",
                _statement_flags(row),
            )
        )
    shared = events[events["n_sources"] > 1].sort_values("n_sources", ascending=False)
    if len(shared):
        e = shared.iloc[0]
        found.append(
            Finding(
                f"Told by {e['n_sources']} sources: {e['value']} ({e['sources']}).",
                (CAPTION,) if e.get("captions", 0) else (),
            )
        )
    return found


def actor_findings(
    mentions: pd.DataFrame,
    overall: pd.DataFrame,
    stances: pd.DataFrame,
    *,
    min_mentions: int,
) -> list[Finding]:
    """The most mentioned actor, the most negatively and positively portrayed, the stances.

    ``mentions`` as ``scored_mentions`` (``actor``, ``doc_id``), ``overall`` as
    ``portrayal(..., by=["actor"])``, ``stances`` as ``actor_stances`` (without ``none``).
    """
    if mentions.empty:
        return [Finding("No actor is mentioned.")]
    counts = mentions["actor"].value_counts()
    top = counts.index[0]
    n_docs = mentions.loc[mentions["actor"] == top, "doc_id"].nunique()
    found = [
        Finding(
            f"{top} is mentioned most: {counts.iloc[0]:,} times in {_plural(n_docs, 'article')}."
        )
    ]
    rated = overall[overall["n"] >= min_mentions].sort_values(["mean", "actor"])
    if rated.empty:
        found.append(
            Finding(
                f"No actor has {min_mentions} mentions: no portrayal is headlined.", (FEW_MENTIONS,)
            )
        )
    for row, end in ((rated.head(1), "negatively"), (rated.tail(1), "positively")):
        for r in row.itertuples():
            found.append(
                Finding(
                    f"Most {end} portrayed (from {min_mentions} mentions up): {r.actor}, mean "
                    f"{r.mean:+.2f} (90% interval {r.ci_low:+.2f} to {r.ci_high:+.2f}, n={r.n})."
                )
            )
    for stance, group in stances.groupby("stance", sort=True):
        names = sorted(set(group["actor"]))
        thin = bool((group["n_sentences"] < 2).all())
        found.append(
            Finding(
                f"{stance.capitalize()}: {', '.join(names[:6])}"
                + (f" and {len(names) - 6} more" if len(names) > 6 else "")
                + f" ({_plural(int(group['n_sentences'].sum()), 'evidence sentence')}).",
                (FEW_MENTIONS,) if thin else (),
            )
        )
    return found


def figure_findings(
    chart: pd.DataFrame, same_time: pd.DataFrame, gaps: pd.DataFrame, *, kinds: list[str]
) -> list[Finding]:
    """The headline figures' range, the disagreements, and the gap between plan and demand.

    ``chart`` is the headline figures (``low``, ``high``, ``role``), ``same_time`` the pairs
    from sources within the window (``relation``; of a collapsed ``compare``, ``pairs``
    says how many pairs each row stands for), ``gaps`` as ``figure_gaps``.
    """
    if chart.empty:
        return [Finding(f"No {', '.join(kinds) or 'headline'} figure in the corpus.")]
    bounds = pd.concat([chart["low"], chart["high"]]).dropna()
    captions = (CAPTION,) if (chart.get("role", pd.Series(dtype=str)) == "caption").any() else ()
    found = [
        Finding(
            f"{_plural(len(chart), 'figure')} of {', '.join(kinds)}, from "
            f"{format_number(bounds.min())} to {format_number(bounds.max())}.",
            captions,
        )
    ]
    disagree = (
        pair_count(same_time[same_time["relation"] == "disagreement"]) if len(same_time) else 0
    )
    found.append(
        Finding(
            f"{disagree:,} of {_plural(pair_count(same_time), 'pair')} of figures for the same "
            "thing at the same time cannot both hold."
        )
    )
    for r in gaps.head(2).itertuples():
        found.append(Finding(f"The gap on {r.topic}: {r.summary} ({r.factor:.1f} times)."))
    return found
