"""Charts the report notebooks share, drawn with matplotlib.

Each function takes a tidy table (the same one the notebook saves as CSV beside the
chart), draws on a new figure and returns the matplotlib ``Figure``, so the notebook shows
it and a test can inspect it. Each figure carries its alt text, computed from the table
(:func:`alt_text`); :func:`show_chart` displays it as a high-DPI PNG with that alt text.
Text is at least 9 pt at the figure's size, and the figure is shown at that size.
"""

from __future__ import annotations

import base64
import html
import io
import textwrap
from typing import NamedTuple

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.colors import ListedColormap, TwoSlopeNorm
from matplotlib.dates import DateFormatter
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, LogLocator, MaxNLocator, NullFormatter

from storylens.reports.labels import empty_sentence

# One colour per value of storylens.actors.stance_values() (a test keeps them in step),
# in the order of the legend: support to oppose, then the values off that line.
STANCE_COLOURS = {
    "support": "#1a9850",
    "conditional support": "#a6d96a",
    "declines to take part": "#8fa8c8",
    "mixed": "#fdae61",
    "oppose": "#d73027",
    "none": "#f0f0f0",
}
STANCE_ON_DARK = ("support", "oppose")  # cells whose label is white
GREY = "#d9d9d9"
ALT_ATTRIBUTE = "storylens_alt"  # the figure attribute holding its alt text
DPI = 170  # pixels per inch of a shown chart (sharp on high-DPI screens and in print)
CSS_DPI = 96  # a shown chart is as wide on the page as the figure is in inches
SMALLEST_TEXT = 9  # points: every label of a chart is at least this size


EMPTY_ATTRIBUTE = "storylens_empty"  # the figure attribute holding why it has nothing to show


def nothing_to_show(because: str):
    """A stand-in for a chart whose table has no rows: an empty (current) figure that
    :func:`show_chart` displays as the sentence "Nothing to show, because …" instead of an
    image. ``because`` completes the sentence ("no actor is mentioned in these articles")."""
    fig = plt.figure(figsize=(1, 1))
    setattr(fig, EMPTY_ATTRIBUTE, " ".join(str(because).split()).rstrip("."))
    return describe(fig, empty_sentence(getattr(fig, EMPTY_ATTRIBUTE)))


def describe(fig, text: str):
    """Set ``text`` as the figure's alt text; returns the figure."""
    setattr(fig, ALT_ATTRIBUTE, " ".join(str(text).split()))
    return fig


def alt_text(fig) -> str:
    """The figure's alt text: what the chart function computed, else its titles and axes."""
    text = getattr(fig, ALT_ATTRIBUTE, "")
    if text:
        return text
    parts = []
    for ax in fig.axes:
        bits = [ax.get_title(), ax.get_xlabel() and f"x: {ax.get_xlabel()}",
                ax.get_ylabel() and f"y: {ax.get_ylabel()}"]  # fmt: skip
        parts.append("; ".join(b for b in bits if b))
    return "Chart: " + (". ".join(p for p in parts if p) or "no title")


def chart_png(fig) -> bytes:
    """The figure as PNG bytes at :data:`DPI`."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI, bbox_inches="tight", facecolor="white")
    return buffer.getvalue()


def show_chart(fig=None, *, alt: str | None = None) -> None:
    """Display ``fig`` (default: the current figure) as a PNG with alt text, and close it.

    The alt text is ``alt``, else :func:`alt_text`; the image is shown as wide as the
    figure (its inches at 96 px), so its 9-pt labels read at 9 pt. A figure from
    :func:`nothing_to_show` is shown as its sentence ("Nothing to show, because …").
    """
    from IPython.display import display

    fig = fig if fig is not None else plt.gcf()
    if getattr(fig, EMPTY_ATTRIBUTE, None):
        plt.close(fig)
        sentence = html.escape(empty_sentence(getattr(fig, EMPTY_ATTRIBUTE)))
        display({"text/html": f'<p class="sl-empty"><em>{sentence}</em></p>',
                 "text/plain": sentence}, raw=True)  # fmt: skip
        return
    png = chart_png(fig)
    width = round(int.from_bytes(png[16:20], "big") / DPI * CSS_DPI)  # PNG header: width
    meta = {"image/png": {"alt": alt or alt_text(fig), "width": width}}
    plt.close(fig)
    display({"image/png": base64.b64encode(png).decode("ascii"), "text/plain": alt_text(fig)},
            raw=True, metadata=meta)  # fmt: skip


def _ordered(values, order: list | None) -> list:
    """``values`` (unique) in ``order`` first, the rest sorted after."""
    values = list(dict.fromkeys(values))
    first = [v for v in (order or []) if v in values]
    return first + sorted(v for v in values if v not in first)


def stacked_bars(
    table: pd.DataFrame,
    *,
    bars: str,
    stacks: str,
    value: str,
    horizontal: bool = True,
    order: list | None = None,
    by_total: bool = False,
    title: str = "",
    axis_label: str = "",
    bar_label: str = "",
    colormap: str | None = None,
    legend_outside: bool = False,
    width: float | None = None,
    bar_height: float = 0.5,
    stack_order: list | None = None,
    colours: dict | None = None,
    empty: str = "there is nothing to count in these articles",
):
    """One bar per ``bars`` value, stacked by ``stacks``, of the ``value`` column.

    ``table`` is long (one row per bar and stack, as saved beside the chart); missing
    combinations count 0, several rows for one combination are summed. Bars are in sorted
    order, or in ``order`` (bars it names but the table lacks are drawn empty, e.g. months
    without articles), or with ``by_total`` from the smallest total to the largest (so the
    largest is on top of a horizontal chart).
    ``axis_label`` names the value axis, ``bar_label`` the other. A horizontal chart is
    ``width`` inches wide (default 9) and ``bar_height`` inches per bar (plus 1.5), a
    vertical one 10 by 3.5. Stacks (and their legend) are in ``stack_order`` (e.g. sources
    by date), the others sorted after. ``colours`` (stack value -> colour, e.g.
    :data:`STANCE_COLOURS`) wins over ``colormap``. Returns the figure; with no rows (or
    only zeros), :func:`nothing_to_show` saying ``empty``.
    """
    if table.empty or not (pd.to_numeric(table[value], errors="coerce").fillna(0) != 0).any():
        return nothing_to_show(empty)
    pivot = table.pivot_table(index=bars, columns=stacks, values=value, aggfunc="sum", fill_value=0)
    pivot = pivot[_ordered(pivot.columns, stack_order)]
    if order is not None:
        pivot = pivot.reindex(order, fill_value=0)
    if by_total:
        pivot = pivot.loc[pivot.sum(axis=1).sort_values().index]
    paint = (
        {"color": [colours.get(c, GREY) for c in pivot.columns]} if colours else
        {"colormap": colormap}
    )  # fmt: skip
    if horizontal:
        size = (width or 9, bar_height * len(pivot) + 1.5)
        ax = pivot.plot.barh(stacked=True, figsize=size, **paint)
        ax.set(xlabel=axis_label, ylabel=bar_label, title=title)
    else:
        size = (width or 10, 3.5)
        ax = pivot.plot.bar(stacked=True, figsize=size, width=0.8, **paint)
        ax.set(xlabel=bar_label, ylabel=axis_label, title=title)
    # counts: whole-number ticks only (no "0.25 articles")
    (ax.xaxis if horizontal else ax.yaxis).set_major_locator(MaxNLocator(integer=True))
    if legend_outside:
        ax.legend(bbox_to_anchor=(1.01, 1), loc="upper left", fontsize=SMALLEST_TEXT)
    totals = pivot.sum(axis=1)
    most = totals.idxmax() if len(totals) else None
    return describe(
        ax.figure,
        f"{'Horizontal' if horizontal else 'Vertical'} bar chart: {title}. {len(pivot)} bars"
        f" ({bar_label or bars}), {axis_label or value} stacked by {stacks} "
        f"({', '.join(map(str, pivot.columns))}); in all {totals.sum():,.0f}"
        + (f", the largest {most} with {totals.max():,.0f}." if most is not None else "."),
    )


def _cell_text(rec: dict, *, value: str, count: str, low, high, min_count: int) -> tuple:
    """The label of one heatmap cell and its text style: full for a well-counted cell,
    small and grey in brackets for a thin one."""
    n = int(rec[count])
    if n < min_count:
        return f"({rec[value]:+.2f})\nn={n}", {"fontsize": SMALLEST_TEXT, "color": "#444444"}
    label = f"{rec[value]:+.2f}"
    if low and high and pd.notna(rec.get(low)) and pd.notna(rec.get(high)):
        label += f"\n[{rec[low]:+.2f}, {rec[high]:+.2f}]"
    return label + f"\nn={n}", {"fontsize": SMALLEST_TEXT}


def score_heatmap(
    table: pd.DataFrame,
    *,
    row: str,
    column: str,
    value: str = "mean",
    count: str = "n",
    low: str | None = "ci_low",
    high: str | None = "ci_high",
    min_count: int = 3,
    title: str = "",
    limits: tuple[float, float] = (-1.0, 1.0),
    column_order: list | None = None,
    empty: str = "no cell has a score in these articles",
):
    """A heatmap of ``value`` for each ``row`` × ``column`` cell of a long table.

    Each cell shows the value to two decimals, its interval ``[low, high]`` when given,
    and ``n=``; cells with fewer than ``min_count`` observations are grey and show ``n=``
    with their value small, in brackets, as too uncertain to colour, and never an interval
    (even when the table has one). Colours diverge at zero (red negative, blue positive).
    Columns are in ``column_order`` (e.g. sources by date), the others sorted after.
    Returns the figure; with no rows, :func:`nothing_to_show` saying ``empty``.
    """
    if table.empty:
        return nothing_to_show(empty)
    rows = sorted(table[row].unique())
    cols = _ordered(table[column], column_order)
    records = table.to_dict("records")
    cells = {
        (rows.index(rec[row]), cols.index(rec[column])): rec for rec in records
    }  # a later row for the same cell wins, as in a dict of the table
    grid = np.full((len(rows), len(cols)), np.nan)
    for (i, j), rec in cells.items():
        if rec[count] >= min_count:
            grid[i, j] = rec[value]
    fig, ax = plt.subplots(figsize=(1.9 * len(cols) + 3.5, 0.7 * len(rows) + 2.2))
    cmap = plt.get_cmap("RdBu").with_extremes(bad=GREY)
    norm = TwoSlopeNorm(vmin=limits[0], vcenter=0.0, vmax=limits[1])
    image = ax.imshow(np.ma.masked_invalid(grid), cmap=cmap, norm=norm, aspect="auto")
    for (i, j), rec in sorted(cells.items()):
        label, style = _cell_text(
            rec, value=value, count=count, low=low, high=high, min_count=min_count
        )
        ax.text(j, i, label, ha="center", va="center", **style)
    ax.set_xticks(range(len(cols)), [str(c) for c in cols], rotation=30, ha="right")
    ax.set_yticks(range(len(rows)), [str(r) for r in rows])
    ax.set_title(
        f"{title or f'{value} by {row} and {column}'}\n"
        f"(grey: fewer than {min_count} mentions, too few for a colour or an interval)"
    )
    fig.colorbar(image, ax=ax, shrink=0.8, label=value)
    fig.tight_layout()
    rated = [rec for rec in cells.values() if rec[count] >= min_count]
    low_cell = min(rated, key=lambda r: r[value], default=None)
    high_cell = max(rated, key=lambda r: r[value], default=None)
    ends = (
        f" Lowest: {low_cell[row]} in {low_cell[column]} ({low_cell[value]:+.2f}); highest: "
        f"{high_cell[row]} in {high_cell[column]} ({high_cell[value]:+.2f})."
        if rated else ""
    )  # fmt: skip
    return describe(
        fig,
        f"Heatmap: {title or value}. {len(rows)} {row} values by {len(cols)} {column} values;"
        f" {len(rated)} of {len(cells)} cells have at least {min_count} mentions.{ends}",
    )


def stance_matrix(
    table: pd.DataFrame,
    *,
    row: str = "actor",
    column: str = "source",
    title: str = "",
    column_order: list | None = None,
    empty: str = "no actor takes a stance in these articles",
):
    """Actor × source matrix of stances (the values of ``STANCE_COLOURS``: ``support``,
    ``conditional support``, ``declines to take part``, ``mixed``, ``oppose``, ``none``).

    ``table`` is long: one row per actor and source with a ``stance`` column and, when
    present, ``n_sentences`` (the evidence sentences). Each cell is labelled with its
    stance value, and the number of sentences under it. Returns the figure; with no stance
    but ``none``, :func:`nothing_to_show` saying ``empty``.
    """
    if table.empty or (table["stance"] == "none").all():
        return nothing_to_show(empty)
    order = list(STANCE_COLOURS)
    unknown = set(table["stance"]) - set(order)
    if unknown:
        raise ValueError(f"stance_matrix: unknown stance values {sorted(unknown)}")
    rows = sorted(table[row].unique())
    cols = _ordered(table[column], column_order)
    grid = np.full((len(rows), len(cols)), order.index("none"))
    labels = {}
    for rec in table.to_dict("records"):
        i, j = rows.index(rec[row]), cols.index(rec[column])
        grid[i, j] = order.index(rec["stance"])
        if rec["stance"] != "none":
            n = rec.get("n_sentences")
            under = f"\n{n} sentence{'s' if n != 1 else ''}" if n is not None else ""
            labels[i, j] = (rec["stance"].replace(" ", "\n", 1) + under, rec["stance"])
    fig, ax = plt.subplots(figsize=(1.9 * len(cols) + 3.5, 0.75 * len(rows) + 2.2))
    ax.imshow(grid, cmap=ListedColormap(list(STANCE_COLOURS.values())), vmin=-0.5,
              vmax=len(order) - 0.5, aspect="auto")  # fmt: skip
    for (i, j), (text, stance) in labels.items():
        ax.text(j, i, text, ha="center", va="center", fontsize=SMALLEST_TEXT,
                color="white" if stance in STANCE_ON_DARK else "black")  # fmt: skip
    ax.set_xticks(range(len(cols)), [str(c) for c in cols], rotation=30, ha="right")
    ax.set_yticks(range(len(rows)), [str(r) for r in rows])
    ax.set_title(title or "Stance on the proposal")
    ax.legend(
        handles=[Patch(color=c, label=s) for s, c in STANCE_COLOURS.items()],
        loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=SMALLEST_TEXT,
    )  # fmt: skip
    fig.tight_layout()
    counts = table.loc[table["stance"] != "none", "stance"].value_counts()
    return describe(
        fig,
        f"Grid: {title or 'stance on the proposal'}. {len(rows)} {row} values by {len(cols)} "
        f"{column} values; {counts.sum()} cells with a stance: "
        + (", ".join(f"{s} {n}" for s, n in counts.items()) or "none")
        + ".",
    )


DAY_COLOUR = "#3a6ea5"  # the timeline's points and bars
INTERVAL_LABEL_WIDTH = 44  # characters per line of an interval chart's row label
BAND_LABEL_WIDTH = 26  # characters per line of a timeline band's label (a source)
LEAD_COLOUR = "#c0504d"  # an article's own news, dated by its publication (a lead)


class _Bands(NamedTuple):
    """Where a timeline draws: each statement's line, each band's top and height."""

    positions: list[tuple[float, dict]]  # (y, statement record), in drawing order
    top: dict  # band (row value) -> y of its first line
    lanes: dict  # band -> lines in it (at least 1)
    ticks: list[tuple[float, object]]  # (y of the band's middle, band)
    bottom: float  # y below the last band


def _bands(events: pd.DataFrame, row: str, groups: list) -> _Bands:
    """One band per group, one line per statement inside it, 0.8 lines between bands."""
    positions, top, lanes, ticks, y = [], {}, {}, [], 0.0
    by_group = {g: events[events[row] == g].to_dict("records") for g in groups}
    for g in groups:
        members = by_group[g]
        top[g], lanes[g] = y, max(1, len(members))
        positions += [(y + k, rec) for k, rec in enumerate(members)]
        ticks.append((y + (lanes[g] - 1) / 2, g))
        y += lanes[g] + 0.8
    return _Bands(positions, top, lanes, ticks, y)


def _draw_statement(ax, y: float, rec: dict, label: str, max_label: int) -> None:
    """A point for a single day, a bar over a longer span; its label on the right."""
    start, end = pd.Timestamp(rec["date_start"]), pd.Timestamp(rec["date_end"])
    caption = rec.get("role") == "caption"
    if rec.get("dated_by") == "publication":
        ax.plot(start, y, "D", color=LEAD_COLOUR, markersize=6, zorder=5)
    elif (end - start).days < 1:
        face = "white" if caption else DAY_COLOUR
        ax.plot(start, y, "o", color=DAY_COLOUR, markerfacecolor=face, markersize=5, zorder=3)
    else:
        ax.plot([start, end + pd.Timedelta(days=1)], [y, y], "-", color=DAY_COLOUR,
                linewidth=6, alpha=0.45, solid_capstyle="butt", zorder=2)  # fmt: skip
    text = str(rec[label])
    text = text if len(text) <= max_label else text[: max_label - 1] + "…"
    at = (end + pd.Timedelta(days=1), y)
    ax.annotate(("photo caption: " if caption else "") + text, at, xytext=(5, 0),
                textcoords="offset points", fontsize=SMALLEST_TEXT, va="center",
                color="#666666" if caption else "#222222",
                fontstyle="italic" if caption else "normal")  # fmt: skip


def _draw_published(ax, published: pd.DataFrame, row: str, bands: _Bands, window) -> None:
    """A dashed line across each band at its publication date (within ``window``: one
    outside it would stretch the axis the statements fit)."""
    lo, hi = window
    for rec in published.dropna(subset=["published"]).to_dict("records"):
        inside = (
            lo - pd.Timedelta(days=7) <= pd.Timestamp(rec["published"]) <= hi + pd.Timedelta(days=7)
        )
        if rec[row] in bands.top and inside:
            top = bands.top[rec[row]]
            ax.plot([pd.Timestamp(rec["published"])] * 2,
                    [top - 0.4, top + bands.lanes[rec[row]] - 0.6], "--", color="black",
                    linewidth=1.2, marker="|", zorder=4)  # fmt: skip


OUTLIER_SHARE = 0.1  # at most this share of statements (at least 1) is drawn at an edge
OUTLIER_GAP = 3.0  # ... when its gap to the rest is this many times the rest's span
OUTLIER_MIN_SPAN = 30.0  # days: the rest's span counts as at least this
OUTLIER_MIN_STATEMENTS = 5  # fewer statements: every one stays on the axis


def _cut(days: list[float]) -> int:
    """How many of the sorted ``days`` (numbers) to leave off at the start: those before
    the largest gap among the first few, when that gap dwarfs the span of the rest."""
    most = max(1, int(len(days) * OUTLIER_SHARE))
    best, cut = 0.0, 0
    for k in range(1, min(most, len(days) - 2) + 1):
        if days[k] - days[k - 1] > best:
            best, cut = days[k] - days[k - 1], k
    rest = max(days[-1] - days[cut], OUTLIER_MIN_SPAN)
    return cut if cut and best > OUTLIER_GAP * rest else 0


def timeline_window(events: pd.DataFrame) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The dates the timeline's axis spans: all statements, except a few far away from the
    rest (an article's lead dated Jan 2026 while the rest is Feb 2025), which are drawn at
    the edge with their date written (:func:`timeline_chart`).

    >>> ev = pd.DataFrame({"date_start": pd.to_datetime(["2025-02-17", "2025-02-19",
    ...     "2025-02-21", "2025-02-24", "2025-02-27", "2025-03-01", "2026-01-15"])})
    >>> [f"{d:%d %b %Y}" for d in timeline_window(ev.assign(date_end=ev["date_start"]))]
    ['17 Feb 2025', '01 Mar 2025']
    """
    starts = sorted(pd.to_datetime(events["date_start"]))
    ends = sorted(pd.to_datetime(events["date_end"]))
    if len(starts) < OUTLIER_MIN_STATEMENTS:
        return starts[0], ends[-1]
    day = pd.Timedelta(days=1)
    low = _cut([(d - starts[0]) / day for d in starts])
    high = _cut([(ends[-1] - d) / day for d in reversed(ends)])
    return starts[low], ends[len(ends) - 1 - high]


def _at_the_edge(events: pd.DataFrame, label: str, window) -> pd.DataFrame:
    """``events`` with each statement outside ``window`` moved to its edge, its label
    starting with its real date ("15 Jan 2026 (off the axis) ▸ …")."""
    lo, hi = window
    start, end = pd.to_datetime(events["date_start"]), pd.to_datetime(events["date_end"])
    outside = (start > hi) | (end < lo)
    if not outside.any():
        return events
    written = [f"{d.day} {d:%b %Y} (off the axis) ▸ " for d in start[outside]]
    moved = events.copy()
    moved[label] = moved[label].astype(object)
    moved.loc[outside, label] = [
        w + str(t) for w, t in zip(written, moved.loc[outside, label], strict=True)
    ]
    edge = start.where(~outside, start.where(start <= hi, hi).where(end >= lo, lo))
    moved.loc[outside, "date_start"] = edge[outside]
    moved.loc[outside, "date_end"] = edge[outside]
    return moved


def _timeline_legend(ax, *, leads: bool, captions: bool) -> None:
    lead = plt.Line2D([], [], marker="D", linestyle="", color=LEAD_COLOUR,
                      label="the article's news,\ndated by publication")  # fmt: skip
    handles = [
        plt.Line2D([], [], marker="o", linestyle="", color=DAY_COLOUR, label="a day"),
        plt.Line2D(
            [], [], linewidth=6, alpha=0.45, color=DAY_COLOUR, label="a week, month or longer"
        ),
        plt.Line2D([], [], linestyle="--", marker="|", color="black", label="published"),
    ] + ([lead] if leads else [])
    if captions:
        hollow = {"markerfacecolor": "white", "label": "a photo caption (italic)"}
        handles.append(plt.Line2D([], [], marker="o", linestyle="", color=DAY_COLOUR, **hollow))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=SMALLEST_TEXT)


def timeline_chart(
    events: pd.DataFrame,
    *,
    row: str = "source",
    label: str = "label",
    published: pd.DataFrame | None = None,
    title: str = "",
    max_label: int = 45,
    row_order: list | None = None,
    empty: str = "no statement in these articles has a date",
):
    """Dated statements on a time axis, grouped in one band per ``row`` value.

    ``events`` needs ``date_start``, ``date_end`` (the interval a date covers), ``row`` and
    ``label``. Each statement gets its own line inside its band, labelled on the right; a
    single day is a point, a week, month, quarter or year a bar over its span; a row whose
    optional ``dated_by`` is ``"publication"`` (an article's lead, dated by its publication,
    not by an expression) a red diamond, with its own legend entry.
    ``published`` (``row`` and ``published`` columns) marks each band's publication date
    with a dashed line. Labels are cut to ``max_label`` characters. A statement whose
    optional ``role`` is ``caption`` is drawn hollow, its label grey and italic. Bands are in
    ``row_order`` (e.g. sources by date), the others sorted after; the axis spans the
    statements' dates, except a few far from the rest (:func:`timeline_window`): those are
    drawn at the axis' edge, their label starting with their date ("15 Jan 2026 (off the
    axis) ▸ …"), and a publication line that far out is left off. Returns the figure;
    with no dated statement, :func:`nothing_to_show` saying ``empty``.
    """
    events = events.dropna(subset=["date_start", "date_end"]).sort_values([row, "date_start"])
    if events.empty:
        return nothing_to_show(empty)
    window = timeline_window(events)
    drawn = _at_the_edge(events, label, window)
    groups = list(events[row].unique())
    if published is not None:
        groups = groups + [g for g in published[row].dropna() if g not in groups]
    groups = _ordered(groups, row_order)
    bands = _bands(drawn, row, groups)
    fig, ax = plt.subplots(figsize=(12, 0.34 * sum(bands.lanes.values()) + 0.4 * len(groups) + 1.8))
    for y, rec in bands.positions:
        _draw_statement(ax, y, rec, label, max_label)
    if published is not None:
        _draw_published(ax, published, row, bands, window)
    for g in groups[1:]:
        ax.axhline(bands.top[g] - 0.9, color="#cccccc", linewidth=0.8)
    wrapped = [textwrap.fill(str(g), BAND_LABEL_WIDTH) for _, g in bands.ticks]
    ax.set_yticks([t for t, _ in bands.ticks], wrapped)
    ax.set_ylim(bands.bottom - 0.3, -1)
    ax.grid(axis="x", alpha=0.4)
    ax.margins(x=0.12)
    ax.set_title(title or "Timeline")
    _timeline_legend(
        ax,
        leads="dated_by" in events and (events["dated_by"] == "publication").any(),
        captions="role" in events and (events["role"] == "caption").any(),
    )
    ax.tick_params(labelsize=SMALLEST_TEXT + 1)
    ax.xaxis.set_major_formatter(DateFormatter("%b %Y"))  # "Feb 2025", as the tables write it
    fig.autofmt_xdate()
    fig.tight_layout()
    return describe(fig, _timeline_alt(events, row, groups, title))


def _timeline_alt(events: pd.DataFrame, row: str, groups: list, title: str) -> str:
    if events.empty:
        return f"Timeline: {title}. No dated statement."
    first = events.sort_values("date_start").iloc[0]
    last = events.sort_values("date_end").iloc[-1]
    per = events[row].value_counts()
    return (
        f"Timeline: {title}. {len(events)} dated statements from "
        f"{pd.Timestamp(first['date_start']):%d %b %Y} to "
        f"{pd.Timestamp(last['date_end']):%d %b %Y},"
        f" in {len(groups)} bands by {row}: "
        + "; ".join(f"{g} {per.get(g, 0)}" for g in groups)
        + "."
    )


def _bound_label(rec: dict) -> str | None:
    """The label of an open bound: "≥ 30,000 →", "> 100,000 →", "← ≤ 30,000", "← < 30,000"."""
    q = rec["qualifier"]
    if q == "lower" and pd.notna(rec["low"]):
        sign = "≥" if rec.get("low_inclusive") is not False else ">"
        return f"{sign} {rec['low']:,.0f} →"
    if q == "upper" and pd.notna(rec["high"]):
        sign = "≤" if rec.get("high_inclusive") is not False else "<"
        return f"← {sign} {rec['high']:,.0f}"
    return None


def _draw_claim(ax, i: int, rec: dict, colour) -> None:
    """One figure on line ``i`` (after the axis limits are set): an arrow from an open
    bound to the edge of the axis, labelled with the bound; a bar for a range; else a
    point (a dot when exact, a diamond when approximate)."""
    low, high, value, q = rec["low"], rec["high"], rec["value"], rec["qualifier"]
    arrow = {"arrowstyle": "->", "lw": 2, "color": colour}
    left, right = ax.get_xlim()
    label = _bound_label(rec)
    if label:
        bound, edge = (low, right) if q == "lower" else (high, left)
        ax.annotate("", (edge, i), (bound, i), arrowprops=arrow)
        ax.plot(bound, i, "|", color=colour, markersize=12)
        ax.annotate(label, (bound, i), xytext=(0, 6), textcoords="offset points",
                    ha="left" if q == "lower" else "right", fontsize=9, color=colour)  # fmt: skip
        return
    if pd.notna(low) and pd.notna(high) and high > low:
        ax.plot([low, high], [i, i], "-", color=colour, linewidth=6, alpha=0.7,
                solid_capstyle="butt")  # fmt: skip
        return
    point = value if pd.notna(value) else low
    ax.plot(point, i, "o" if q == "exact" else "D", color=colour, markersize=7)


def _value_axis(ax, known: pd.Series, *, log: bool) -> None:
    """Limits around every known bound and value (open bounds then run to the edge), and
    on a log axis ticks at 1, 2 and 5 of each decade with thousands written out."""
    known = known[known > 0] if log else known
    if log:
        ax.set_xscale("log")
        if len(known):
            ax.set_xlim(known.min() / 2.5, known.max() * 2.5)
        ax.xaxis.set_major_locator(LogLocator(base=10, subs=(1.0, 2.0, 5.0)))
        ax.xaxis.set_major_formatter(
            FuncFormatter(lambda x, _: f"{x:,.0f}" if x >= 1 else f"{x:g}")
        )
        ax.xaxis.set_minor_formatter(NullFormatter())
    elif len(known):
        pad = (known.max() - known.min()) * 0.15 or 1.0
        ax.set_xlim(known.min() - pad, known.max() + pad)


def _interval_legend(ax, colour: dict) -> None:
    handles = [Patch(color=c, label=str(g)) for g, c in colour.items()]
    handles += [
        plt.Line2D([], [], marker="o", linestyle="", color="grey", label="exact"),
        plt.Line2D([], [], marker="D", linestyle="", color="grey", label="approximate"),
        plt.Line2D([], [], linewidth=6, alpha=0.7, color="grey", label="range"),
        plt.Line2D([], [], marker=">", linestyle="-", color="grey", label="open bound"),
    ]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=SMALLEST_TEXT)


def interval_chart(
    claims: pd.DataFrame,
    *,
    label: str = "label",
    colour_by: str = "topic",
    title: str = "",
    log: bool = True,
    empty: str = "no figure in these articles has a value to draw",
):
    """Each figure as an interval: a point (exact), a bar (range), an arrow (open bound).

    ``claims`` needs ``low``, ``high``, ``value``, ``qualifier`` (``exact``, ``approx``,
    ``lower``, ``upper``, ``range``), ``label`` and ``colour_by`` columns; one row is one
    line of the chart. An open bound is drawn as an arrow from the known bound to the edge
    of the axis, labelled "≥ 30,000 →" (``low_inclusive``/``high_inclusive`` False give
    ">"/"<"). Returns the figure; with no rows, :func:`nothing_to_show` saying ``empty``.
    """
    if claims.empty:
        return nothing_to_show(empty)
    claims = claims.reset_index(drop=True)
    groups = sorted(claims[colour_by].fillna("other").unique())
    palette = plt.get_cmap("tab10")
    colour = {g: palette(i % 10) for i, g in enumerate(groups)}
    known = pd.concat([claims["low"], claims["high"], claims["value"]]).dropna()
    fig, ax = plt.subplots(figsize=(12, 0.75 * len(claims) + 2))
    ax.set_ylim(len(claims) - 0.5, -0.5)  # first row on top
    _value_axis(ax, known, log=log)
    for i, rec in enumerate(claims.to_dict("records")):
        group = rec[colour_by] if pd.notna(rec[colour_by]) else "other"
        _draw_claim(ax, i, rec, colour[group])
    wrapped = [
        "\n".join(textwrap.fill(line, INTERVAL_LABEL_WIDTH) for line in str(text).split("\n"))
        for text in claims[label]
    ]
    ax.set_yticks(range(len(claims)), wrapped, fontsize=SMALLEST_TEXT)
    ax.grid(axis="x", which="both", alpha=0.3)
    ax.set_title(title or "Figures as intervals")
    ax.tick_params(axis="x", labelsize=SMALLEST_TEXT, labelrotation=35)
    _interval_legend(ax, colour)
    fig.tight_layout()
    shown = known[known > 0] if log else known
    span = f" from {shown.min():,.0f} to {shown.max():,.0f}" if len(shown) else ""
    return describe(
        fig,
        f"Interval chart: {title or 'figures as intervals'}. {len(claims)} figures{span}"
        f"{' on a logarithmic axis' if log else ''}, one line each, coloured by {colour_by}"
        f" ({', '.join(map(str, groups))}).",
    )
