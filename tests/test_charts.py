"""Tests for storylens.charts: what is drawn follows the table."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import re  # noqa: E402

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from storylens.charts import (  # noqa: E402
    interval_chart,
    score_heatmap,
    stacked_bars,
    stance_matrix,
    timeline_chart,
)


@pytest.fixture(autouse=True)
def close_figures():
    """Each test's figures are closed after it: the suite draws more than pyplot keeps."""
    yield
    plt.close("all")


def test_heatmap_greys_thin_cells_and_writes_counts():
    table = pd.DataFrame({
        "actor": ["Russia", "Russia", "France"], "source": ["a", "b", "a"],
        "mean": [-0.5, 0.2, 0.4], "n": [5, 1, 3], "ci_low": [-0.7, np.nan, 0.1], "ci_high": [-0.3, np.nan, 0.6],
    })  # fmt: skip
    fig = score_heatmap(table, row="actor", column="source", min_count=3)
    ax = fig.axes[0]
    data = ax.images[0].get_array()
    # rows sorted: France, Russia; columns: a, b
    assert data.mask.tolist() == [[False, True], [False, True]]
    assert data[1, 0] == pytest.approx(-0.5)
    texts = [t.get_text() for t in ax.texts]
    assert "-0.50\n[-0.70, -0.30]\nn=5" in texts
    assert "(+0.20)\nn=1" in texts


def test_heatmap_shows_no_interval_for_a_thin_cell_even_when_the_table_has_one():
    table = pd.DataFrame({"actor": ["Pete Hegseth", "Russia"], "source": ["a", "a"], "mean": [0.2433, -0.15],
                          "n": [3, 45], "ci_low": [0.087, -0.238], "ci_high": [0.3997, -0.0676]})  # fmt: skip
    fig = score_heatmap(table, row="actor", column="source", min_count=5)
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert texts == ["(+0.24)\nn=3", "-0.15\n[-0.24, -0.07]\nn=45"]
    assert "fewer than 5 mentions" in fig.axes[0].get_title()


def test_stance_matrix_cells_are_labelled_with_the_stance_value():
    table = pd.DataFrame({
        "actor": ["Russia", "France", "United States", "Ukraine"], "source": ["a", "a", "b", "b"],
        "stance": ["oppose", "support", "declines to take part", "conditional support"],
        "n_sentences": [4, 1, 1, 2],
    })  # fmt: skip
    fig = stance_matrix(table)
    texts = sorted(t.get_text() for t in fig.axes[0].texts)
    assert texts == [
        "conditional\nsupport\n2 sentences",
        "declines\nto take part\n1 sentence",
        "oppose\n4 sentences",
        "support\n1 sentence",
    ]
    with pytest.raises(ValueError, match="unknown stance values"):
        stance_matrix(table.assign(stance="against"))


def test_stance_colours_cover_the_stance_scale():
    from storylens.actors import stance_values
    from storylens.charts import STANCE_COLOURS

    assert set(STANCE_COLOURS) == set(stance_values())


def test_timeline_points_for_days_and_bars_for_months():
    events = pd.DataFrame({
        "source": ["x", "x", "y"], "label": ["Paris meeting", "talks in November", "next week"],
        "date_start": pd.to_datetime(["2024-12-07", "2024-11-01", "2025-02-24"]),
        "date_end": pd.to_datetime(["2024-12-07", "2024-11-30", "2025-03-02"]),
    })  # fmt: skip
    published = pd.DataFrame(
        {"source": ["x", "y"], "published": pd.to_datetime(["2024-12-13", "2025-02-21"])}
    )
    fig = timeline_chart(events, published=published)
    lines = fig.axes[0].lines
    points = [ln for ln in lines if ln.get_marker() == "o"]
    bars = [ln for ln in lines if ln.get_linewidth() == 6]
    ticks = [ln for ln in lines if ln.get_linestyle() == "--"]
    assert (len(points), len(bars), len(ticks)) == (1, 2, 2)
    # each statement on its own line: three distinct heights
    assert len({ln.get_ydata()[0] for ln in points + bars}) == 3
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == ["x", "y"]


def test_timeline_draws_leads_dated_by_publication_apart():
    events = pd.DataFrame({
        "source": ["x", "x"], "label": ["Paris meeting", "Britain and France have taken"],
        "date_start": pd.to_datetime(["2024-12-07", "2026-01-07"]),
        "date_end": pd.to_datetime(["2024-12-07", "2026-01-07"]),
        "dated_by": ["expression", "publication"],
    })  # fmt: skip
    fig = timeline_chart(events)
    lines = fig.axes[0].lines
    assert [ln.get_marker() for ln in lines if ln.get_marker() in ("o", "D")] == ["o", "D"]
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert legend[-1] == "the article's news,\ndated by publication"
    plain = timeline_chart(events.drop(columns="dated_by"))
    assert "D" not in [ln.get_marker() for ln in plain.axes[0].lines]
    assert len(plain.axes[0].get_legend().get_texts()) == len(legend) - 1


def test_interval_chart_draws_arrows_for_open_bounds():
    claims = pd.DataFrame({
        "label": ["up to 30,000", "more than 100,000", "200,000", "20 or 30"],
        "value": [np.nan, np.nan, 200000, np.nan], "low": [np.nan, 100000, 200000, 20],
        "high": [30000, np.nan, 200000, 30], "qualifier": ["upper", "lower", "exact", "range"],
        "topic": ["force", "force", "force", "other"],
    })  # fmt: skip
    fig = interval_chart(claims)
    ax = fig.axes[0]
    notes = [c for c in ax.get_children() if c.__class__.__name__ == "Annotation"]
    arrows = [a for a in notes if a.arrow_patch is not None]
    assert len(arrows) == 2
    # open bounds run to the edge of the axis, not to an arbitrary length
    left, right = ax.get_xlim()
    assert sorted(a.xy[0] for a in arrows) == [left, right]
    labels = sorted(a.get_text() for a in notes if a.get_text())
    assert labels == ["← ≤ 30,000", "≥ 100,000 →"]
    assert ax.get_xscale() == "log"
    assert [t.get_text() for t in ax.get_yticklabels()] == claims["label"].tolist()
    # readable log ticks: more than the decades alone, thousands written out
    fig.canvas.draw()
    ticks = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
    assert len(ticks) >= 4 and "100,000" in ticks


def _bar_totals(ax, horizontal: bool) -> dict[str, float]:
    """Each bar's label and the far end of its last segment, read back from the drawing."""
    labels = [t.get_text() for t in (ax.get_yticklabels() if horizontal else ax.get_xticklabels())]
    ends = {}
    for patch in ax.patches:
        i = round(
            patch.get_y() + patch.get_height() / 2
            if horizontal
            else patch.get_x() + patch.get_width() / 2
        )
        end = (
            patch.get_x() + patch.get_width() if horizontal else patch.get_y() + patch.get_height()
        )
        ends[labels[i]] = max(ends.get(labels[i], 0.0), end)
    return ends


def test_stacked_bars_stack_to_each_total_and_sum_repeated_rows():
    removed = pd.DataFrame({
        "doc_id": ["000", "000", "001", "001"], "reason": ["navigation", "image credit", "navigation", "navigation"],
        "lines": [3, 2, 1, 4],
    })  # fmt: skip
    fig = stacked_bars(
        removed, bars="doc_id", stacks="reason", value="lines", axis_label="lines removed"
    )
    ax = fig.axes[0]
    assert _bar_totals(ax, horizontal=True) == {"000": 5, "001": 5}
    assert ax.get_xlabel() == "lines removed"
    assert sorted(t.get_text() for t in ax.get_legend().get_texts()) == [
        "image credit",
        "navigation",
    ]


def test_stacked_bars_order_and_totals():
    attention = pd.DataFrame({
        "actor": ["Russia", "Russia", "France", "Poland"], "source": ["a", "b", "a", "b"],
        "mentions": [4, 3, 9, 1],
    })  # fmt: skip
    ax = stacked_bars(
        attention, bars="actor", stacks="source", value="mentions", by_total=True
    ).axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Poland", "Russia", "France"]
    months = stacked_bars(
        pd.DataFrame({"month": ["2024-12", "2025-02"], "date_source": ["metadata", "inferred"], "articles": [2, 1]}),
        bars="month", stacks="date_source", value="articles", horizontal=False,
        order=["2024-12", "2025-01", "2025-02"], bar_label="month of publication",
    ).axes[0]  # fmt: skip
    assert [t.get_text() for t in months.get_xticklabels()] == ["2024-12", "2025-01", "2025-02"]
    assert _bar_totals(months, horizontal=False) == {"2024-12": 2, "2025-01": 0, "2025-02": 1}
    assert months.get_xlabel() == "month of publication"


def test_stacked_bars_count_in_whole_numbers():
    """Articles per month: ticks 0, 1, 2, never 0.25 articles."""
    fig = stacked_bars(
        pd.DataFrame({"month": ["2024-12", "2025-02"], "date_source": ["metadata", "header"],
                      "articles": [2, 1]}),
        bars="month", stacks="date_source", value="articles", horizontal=False,
    )  # fmt: skip
    ax = fig.axes[0]
    fig.canvas.draw()
    ticks = [t for t in ax.get_yticks() if ax.get_ylim()[0] <= t <= ax.get_ylim()[1]]
    assert ticks and all(float(t).is_integer() for t in ticks)


# ------------------------------------------------------------ fit for print and for reading


def _texts(fig) -> list:
    """Every piece of text drawn on the figure (ticks, titles, labels, legends, annotations)."""
    return [t for t in fig.findobj(matplotlib.text.Text) if t.get_text().strip()]


TIMELINE_ROWS = pd.DataFrame({
    "source": ["RS, 13 Dec 2024*", "RS, 13 Dec 2024*", "AP, 21 Feb 2025", "AP, 21 Feb 2025"],
    "label": ["Trump made the suggestion…", "It was discussed on Thursday…",
              "Starmer, set to meet Trump on…", "Kyiv, Feb. 19"],
    "date_start": pd.to_datetime(["2024-12-07", "2024-12-12", "2025-02-27", "2025-02-19"]),
    "date_end": pd.to_datetime(["2024-12-07", "2024-12-12", "2025-02-27", "2025-02-19"]),
    "role": ["body", "body", "body", "caption"],
})  # fmt: skip


def test_every_chart_says_what_it_shows_in_its_alt_text():
    from storylens.charts import alt_text

    fig = timeline_chart(TIMELINE_ROWS, title="What happened when")
    assert alt_text(fig) == (
        "Timeline: What happened when. 4 dated statements from 07 Dec 2024 to 27 Feb 2025, in 2 "
        "bands by source: AP, 21 Feb 2025 2; RS, 13 Dec 2024* 2."
    )
    bars = stacked_bars(
        pd.DataFrame({"source": ["a", "a", "b"], "role": ["body", "title", "body"], "n": [30, 1, 12]}),
        bars="source", stacks="role", value="n", title="Sentences", axis_label="sentences",
    )  # fmt: skip
    assert alt_text(bars) == (
        "Horizontal bar chart: Sentences. 2 bars (source), sentences stacked by role (body, "
        "title); in all 43, the largest a with 31."
    )


def test_charts_draw_no_text_under_nine_points():
    heat = score_heatmap(
        pd.DataFrame({"actor": ["Russia", "France"], "source": ["a", "b"], "mean": [-0.5, 0.2],
                      "n": [6, 1], "ci_low": [-0.7, np.nan], "ci_high": [-0.3, np.nan]}),
        row="actor", column="source", min_count=5,
    )  # fmt: skip
    stances = stance_matrix(pd.DataFrame({"actor": ["UK"], "source": ["a"], "stance": ["support"],
                                          "n_sentences": [2]}))  # fmt: skip
    for fig in (timeline_chart(TIMELINE_ROWS), heat, stances):
        sizes = [t.get_fontsize() for t in _texts(fig)]
        assert sizes and min(sizes) >= 9


def test_sources_follow_the_order_given_and_captions_are_told_apart():
    fig = timeline_chart(TIMELINE_ROWS, row_order=["RS, 13 Dec 2024*", "AP, 21 Feb 2025"])
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["RS, 13 Dec 2024*", "AP, 21 Feb 2025"]
    caption = [t for t in ax.texts if t.get_text().startswith("photo caption: ")]
    assert [t.get_text() for t in caption] == ["photo caption: Kyiv, Feb. 19"]
    assert caption[0].get_fontstyle() == "italic"
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend[-1] == "a photo caption (italic)"
    heat = score_heatmap(
        pd.DataFrame({"actor": ["UK", "UK"], "source": ["z, 2024", "a, 2025"], "mean": [0.1, 0.2],
                      "n": [5, 5], "ci_low": [0, 0], "ci_high": [0.3, 0.3]}),
        row="actor", column="source", column_order=["z, 2024", "a, 2025"],
    )  # fmt: skip
    assert [t.get_text() for t in heat.axes[0].get_xticklabels()] == ["z, 2024", "a, 2025"]


def test_show_chart_displays_a_high_dpi_png_with_its_alt_text(monkeypatch):
    import base64

    from storylens import charts

    shown = []
    monkeypatch.setattr(
        "IPython.display.display", lambda data, raw, metadata: shown.append((data, metadata))
    )
    fig = timeline_chart(TIMELINE_ROWS, title="When")
    charts.show_chart(fig)
    data, metadata = shown[0]
    png = base64.b64decode(data["image/png"])
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    pixels = int.from_bytes(png[16:20], "big")
    # shown at the figure's size in CSS pixels, with about 1.8 pixels per CSS pixel behind it
    assert metadata["image/png"]["width"] == round(pixels / charts.DPI * charts.CSS_DPI)
    assert pixels / metadata["image/png"]["width"] == pytest.approx(charts.DPI / 96, rel=0.01)
    assert metadata["image/png"]["alt"].startswith("Timeline: When. 4 dated statements")


def test_the_timeline_axis_writes_months_as_the_tables_do():
    fig = timeline_chart(TIMELINE_ROWS)
    fig.canvas.draw()
    ticks = [t.get_text() for t in fig.axes[0].get_xticklabels() if t.get_text()]
    assert ticks and all(re.fullmatch(r"[A-Z][a-z]{2} \d{4}", t) for t in ticks), ticks


EMPTY_CHARTS = {
    "bars": lambda: stacked_bars(
        pd.DataFrame({"actor": [], "source": [], "mentions": []}),
        bars="actor",
        stacks="source",
        value="mentions",
        empty="no actor is mentioned in these articles",
    ),
    "heatmap": lambda: score_heatmap(
        pd.DataFrame({"actor": [], "source": [], "mean": [], "n": []}), row="actor", column="source"
    ),
    "stances": lambda: stance_matrix(
        pd.DataFrame({"actor": ["UK"], "source": ["AP, 21 Feb 2025"], "stance": ["none"]})
    ),
    "timeline": lambda: timeline_chart(TIMELINE_ROWS.iloc[:0]),
    "intervals": lambda: interval_chart(
        pd.DataFrame({c: [] for c in ["low", "high", "value", "qualifier", "label", "topic"]})
    ),
}


@pytest.mark.parametrize("name", EMPTY_CHARTS)
def test_a_chart_of_nothing_says_why_instead_of_raising(monkeypatch, name):
    from storylens import charts

    shown = []
    monkeypatch.setattr("IPython.display.display", lambda data, raw, **_: shown.append(data))
    fig = EMPTY_CHARTS[name]()
    assert charts.alt_text(fig).startswith("Nothing to show, because ")
    charts.show_chart()  # the current figure, as the notebooks call it
    assert "image/png" not in shown[0]
    assert re.fullmatch(r'<p class="sl-empty"><em>Nothing to show, because [^<]+\.</em></p>',
                        shown[0]["text/html"])  # fmt: skip
    if name == "bars":
        assert shown[0]["text/plain"] == (
            "Nothing to show, because no actor is mentioned in these articles."
        )


def test_the_reason_is_escaped_when_shown(monkeypatch):
    from storylens import charts

    shown = []
    monkeypatch.setattr("IPython.display.display", lambda data, raw, **_: shown.append(data))
    charts.show_chart(charts.nothing_to_show("<b>no</b> rows"))
    assert "&lt;b&gt;no&lt;/b&gt; rows" in shown[0]["text/html"]


def test_a_far_away_lead_is_drawn_at_the_edge_with_its_date_written():
    from matplotlib.dates import num2date

    days = ["2025-02-17", "2025-02-19", "2025-02-21", "2025-02-24", "2025-02-27", "2026-01-15"]
    events = pd.DataFrame({
        "source": ["AP, 21 Feb 2025"] * 5 + ["RS, 15 Jan 2026"],
        "label": ["Starmer said", "Macron said", "Kyiv said", "Talks began", "Trump met", "Lead"],
        "date_start": pd.to_datetime(days), "date_end": pd.to_datetime(days),
        "dated_by": ["expression"] * 5 + ["publication"],
    })  # fmt: skip
    published = pd.DataFrame({"source": ["AP, 21 Feb 2025", "RS, 15 Jan 2026"],
                              "published": pd.to_datetime(["2025-02-21", "2026-01-15"])})  # fmt: skip
    fig = timeline_chart(events, published=published)
    left, right = (num2date(x).replace(tzinfo=None) for x in fig.axes[0].get_xlim())
    assert pd.Timestamp("2025-02-10") < left and right < pd.Timestamp("2025-03-10")
    texts = [t.get_text() for t in _texts(fig)]
    assert "15 Jan 2026 (off the axis) ▸ Lead" in texts
    assert "Starmer said" in texts  # the rest as before


def test_a_timeline_spread_evenly_keeps_every_date_on_the_axis():
    from storylens.charts import timeline_window

    assert timeline_window(TIMELINE_ROWS) == (
        pd.Timestamp("2024-12-07"),
        pd.Timestamp("2025-02-27"),
    )


def test_stacked_bars_paint_each_stack_in_the_colour_given():
    from matplotlib.colors import to_hex

    from storylens.charts import STANCE_COLOURS

    stances = pd.DataFrame({"actor": ["France", "France", "Germany"],
                            "stance": ["support", "oppose", "conditional support"],
                            "articles": [3, 1, 2]})  # fmt: skip
    fig = stacked_bars(stances, bars="actor", stacks="stance", value="articles",
                       stack_order=list(STANCE_COLOURS), colours=STANCE_COLOURS)  # fmt: skip
    ax = fig.axes[0]
    legend = {t.get_text(): to_hex(h.get_facecolor())
              for t, h in zip(ax.get_legend().get_texts(), ax.get_legend().legend_handles,
                              strict=True)}  # fmt: skip
    assert legend == {s: STANCE_COLOURS[s] for s in ["support", "conditional support", "oppose"]}
    assert _bar_totals(ax, horizontal=True) == {"France": 4, "Germany": 2}
    matplotlib.pyplot.close(fig)
