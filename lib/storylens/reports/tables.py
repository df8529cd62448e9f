"""Tables for reading: headers in words, numbers and dates formatted, codes explained.

:func:`table_html` turns a table a notebook shows into HTML (every value escaped), and
:func:`show_table` displays it: a short table as a static HTML table, a long one (more
than :data:`LONG_TABLE` rows) as an interactive table (sort, search, filter per column,
pages) drawn by itables from the DataTables bundle embedded in the page, so that no
request leaves it. Both link to the CSV behind them; evidence sentences link to their
place in the article's reader page (:func:`storylens.reports.links.article_href`).

Above a report's size (:class:`storylens.reports.scale.ReportScale`) a table shows only
its ``first`` rows, each long text cut rather than folded, and says how many rows it has
in all and that every one is in the CSV: the page stays the same size whatever the corpus.

The headers, the codes explained in words and the columns of prose live in
``data/report_columns.yaml``.
"""

from __future__ import annotations

import hashlib
import html
import os
import re
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

import pandas as pd
import yaml

from storylens.reports.labels import date_label, empty_sentence
from storylens.reports.links import ARTICLES_DIR, article_href
from storylens.reports.scale import TopRows
from storylens.timeline import explain_value

__all__ = [
    "LONG_TABLE",
    "LONG_TEXT",
    "Column",
    "column_settings",
    "column_label",
    "code_words",
    "format_number",
    "explain_timex",
    "csv_href",
    "article_pages_written",
    "cell_html",
    "table_html",
    "datatables_bundle_html",
    "show_table",
]

LONG_TABLE = 15  # more rows than this: an interactive table with pages
LONG_TEXT = 220  # longer text is folded: its first SUMMARY_TEXT characters, open on demand
SUMMARY_TEXT = 160
SHORT_CODE = 12
# The ES-module export clause at the end of itables' DataTables bundle; accepts
# "export{Md as DateTime,Go as ITable}", rejects "exports.x = 1".
EXPORT_CLAUSE = re.compile(r"export\s*\{([^}]*)\}\s*;?")
# What would end or confuse an inline <script> in HTML; accepts "<script", "<!--", "</SCRIPT".
SCRIPT_BREAKERS = re.compile(r"<(?=!--|/?script)", re.I)
SENTENCE_COLUMNS = ("sentence", "sentence_a", "sentence_b")  # linked to the article


class Column(NamedTuple):
    """One column as shown: its name in the table, its header, how its cells read."""

    name: str
    label: str
    kind: str  # "text" (left-aligned prose), "number", "date", "code" or "short" (a code
    # of at most SHORT_CODE characters, kept on one line: "2025-02-19", "DURATION")


@cache
def column_settings() -> dict[str, Any]:
    """``data/report_columns.yaml``: ``labels``, ``values``, ``decimals``, ``prose``."""
    path = resources.files("storylens").joinpath("data", "report_columns.yaml")
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def column_label(name: str) -> str:
    """The header of column ``name``.

    >>> column_label("n_sentences"), column_label("text_a"), column_label("new_col")
    ('sentences', 'text (first)', 'new col')
    """
    labels = column_settings()["labels"]
    if name in labels:
        return labels[name]
    base, _, side = name.rpartition("_")
    if side in ("a", "b") and base in labels:
        return f"{labels[base]} ({'first' if side == 'a' else 'second'})"
    return name.replace("_", " ")


def code_words(column: str, codes: pd.Series) -> pd.Series:
    """``codes`` of ``column`` in the words of ``data/report_columns.yaml`` (others kept).

    >>> code_words("date_source", pd.Series(["header", "inferred", "new"])).tolist()
    ['the file itself', 'latest date in the text (estimated)', 'new']
    """
    words = column_settings()["values"].get(column, {})
    return codes.map(lambda code: words.get(code, code))


def format_number(value: float, *, decimals: bool = False) -> str:
    """A number as a reader writes it: "30,000", "0.42" (``decimals``), "" when missing.

    >>> format_number(600000.0), format_number(2.5), format_number(-0.4166, decimals=True)
    ('600,000', '2.50', '-0.42')
    >>> format_number(float("nan"))
    ''
    """
    if value is None or pd.isna(value):
        return ""
    if decimals:
        return f"{value:,.2f}"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}"


def explain_timex(value: str, type_: str = "DATE", mod: str | None = None, dct=None) -> str:
    """A TIMEX3 value with its meaning: "2025-W09 · week of 24 Feb 2025".

    The meaning comes from ``storylens.timeline.explain_value``; a value it cannot read is
    shown as the code alone.
    """
    if not isinstance(value, str) or not value:
        return ""
    meaning = explain_value(value, type_, mod=mod, dct=dct)
    return meaning if not meaning or meaning.startswith(value) else f"{value} · {meaning}"


def csv_href(csv: str | os.PathLike[str]) -> str:
    """The link from a report (in ``reports/``) to the CSV ``<out>/data/NN-slug/name.csv``.

    >>> csv_href("/tmp/out/.staging-12/data/01-timeline/timeline_events.csv")
    '../data/01-timeline/timeline_events.csv'
    >>> csv_href("outputs/data/sources.csv")
    '../data/sources.csv'
    """
    path = Path(csv)
    folder = "" if path.parent.name == "data" else f"{path.parent.name}/"
    return f"../data/{folder}{path.name}"


def article_pages_written(csv: str | os.PathLike[str] | None) -> bool:
    """Are the article reader pages there to link to, for a report whose data is ``csv``?

    The pages live in ``<out>/reports/articles/`` beside ``<out>/data/NN-slug/name.csv``;
    until the run has written them, evidence sentences are not linked (a link must never
    lead nowhere). Without ``csv`` (a table shown on its own) they are linked.
    """
    if csv is None:
        return True
    out = Path(csv).parent.parent
    out = out.parent if out.name == "data" else out
    return (out / "reports" / ARTICLES_DIR).is_dir()


def _columns(df: pd.DataFrame, columns) -> list[Column]:
    settings = column_settings()
    names = list(columns) if columns is not None else list(df.columns)
    labels = dict(columns) if isinstance(columns, dict) else {}
    shown = []
    for name in names:
        if name not in df:
            raise KeyError(f"show_table: no column {name!r}; the table has {', '.join(df.columns)}")
        dtype = df[name].dtype
        if pd.api.types.is_datetime64_any_dtype(dtype):
            kind = "date"
        elif pd.api.types.is_numeric_dtype(dtype) and not pd.api.types.is_bool_dtype(dtype):
            kind = "number"
        elif name in settings["prose"] or name.rpartition("_")[0] in settings["prose"]:
            kind = "text"
        else:
            longest = df[name].dropna().astype(str).str.len().max() if len(df) else 0
            kind = "short" if not longest or longest <= SHORT_CODE else "code"
        shown.append(Column(name, labels.get(name) or column_label(name), kind))
    return shown


def _folded(text: str, *, whole: bool = True) -> str:
    if len(text) <= LONG_TEXT:
        return html.escape(text)
    if not whole:  # cut: the whole text is in the CSV, not in the page
        return html.escape(text[:SUMMARY_TEXT].rstrip()) + ' <span class="sl-hint">… (cut)</span>'
    head = html.escape(text[:SUMMARY_TEXT].rstrip())
    return (
        f'<details class="sl-more"><summary>{head} … <span class="sl-hint">(more)</span>'
        f"</summary>{html.escape(text)}</details>"
    )


def _sentence_link(row: dict, column: str) -> str:
    side = column.rpartition("_")[2] if column.startswith("sentence_") else ""
    doc_id = row.get(f"doc_id_{side}" if side else "doc_id")
    sent_id = None if side else row.get("sent_id")
    if not isinstance(doc_id, str) or not doc_id:
        return ""
    sent_id = int(sent_id) if sent_id is not None and pd.notna(sent_id) else None
    href = html.escape(article_href(doc_id, sent_id), quote=True)
    return f' <a class="sl-read" href="{href}">in the article&nbsp;↗</a>'


def cell_html(
    value,
    column: Column,
    row: dict,
    *,
    timex: bool = False,
    links: bool = True,
    whole: bool = True,
) -> str:
    """One cell as HTML: formatted, escaped, a code explained, a long text folded (or, when
    not ``whole``, cut to its first :data:`SUMMARY_TEXT` characters)."""
    if value is None or (not isinstance(value, list | tuple) and pd.isna(value)):
        return ""
    settings = column_settings()
    if column.kind == "number":
        return format_number(value, decimals=column.name in settings["decimals"])
    if column.kind == "date":  # marked when dated against an estimated publication date
        return date_label(value) + ("*" if row.get("estimated") is True else "")
    if isinstance(value, bool):
        return "yes" if value else "no"
    text = str(value)
    if timex and column.name == "value":
        dct = row.get("published")
        return html.escape(explain_timex(text, row.get("type") or "DATE", row.get("mod"), dct))
    words = settings["values"].get(column.name, {})
    if text in words:
        return f'<span title="{html.escape(text, quote=True)}">{html.escape(words[text])}</span>'
    if column.kind in ("code", "short"):
        return html.escape(text)
    link = _sentence_link(row, column.name) if links and column.name in SENTENCE_COLUMNS else ""
    return _folded(text, whole=whole) + link


def _cells(
    df: pd.DataFrame, shown: list[Column], *, timex: bool, links: bool, whole: bool = True
) -> pd.DataFrame:
    rows = df.to_dict("records")
    data = {
        c.label: [cell_html(r[c.name], c, r, timex=timex, links=links, whole=whole) for r in rows]
        for c in shown
    }
    return pd.DataFrame(data, columns=[c.label for c in shown])


def _static(cells: pd.DataFrame, shown: list[Column]) -> str:
    head = "".join(
        f'<th scope="col" class="sl-{c.kind}">{html.escape(c.label)}</th>' for c in shown
    )
    body = "".join(
        "<tr>"
        + "".join(f'<td class="sl-{c.kind}">{v}</td>' for c, v in zip(shown, row, strict=True))
        + "</tr>"
        for row in cells.itertuples(index=False)
    )
    return f'<table class="sl-table"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _interactive(cells: pd.DataFrame, shown: list[Column]) -> str:
    from itables import to_html_datatable

    left = [i for i, c in enumerate(shown) if c.kind in ("text", "code", "short")]
    right = [i for i, c in enumerate(shown) if c.kind in ("number", "date")]
    digest = hashlib.sha256(cells.to_json().encode("utf-8")).hexdigest()[:12]
    return to_html_datatable(
        cells,
        table_id=f"sl-{digest}",
        connected=False,
        allow_html=True,
        showIndex=False,
        pageLength=LONG_TABLE,
        lengthMenu=[LONG_TABLE, 50, 200],
        column_filters="footer",
        classes="display compact sl-table",
        columnDefs=[
            {"targets": left, "className": "dt-left"},
            {"targets": right, "className": "dt-right"},
        ],
        autoWidth=False,
    )


def table_html(
    df: pd.DataFrame,
    *,
    columns: list[str] | dict[str, str] | None = None,
    csv: str | os.PathLike[str] | None = None,
    note: str = "",
    timex: bool = False,
    interactive: bool | None = None,
    empty: str = "these articles give no rows for this table",
    first: int | None = None,
    what: str = "rows",
) -> str:
    """``df`` as HTML for reading (see the module): every value escaped.

    ``columns`` picks the columns shown, in order (a dict also gives their headers; the
    rest come from ``data/report_columns.yaml``); the other columns stay available to the
    cells: ``doc_id`` and ``sent_id`` link each ``sentence`` to its article (once the
    article pages are written, :func:`article_pages_written`). ``csv`` is the
    file behind the table (:func:`~storylens.reports.data_path`), linked under it;
    ``note`` is a line under it (escaped). ``timex`` explains a ``value`` column as TIMEX3.
    ``interactive`` defaults to more than :data:`LONG_TABLE` rows. A table without rows is
    the sentence "Nothing to show, because ``empty``." (and its CSV link and note).

    With ``first`` (a report above its size, :attr:`~storylens.reports.scale.ReportScale.first`)
    only the first ``first`` rows of ``df`` are shown, long texts cut, and the line under
    the table says "The first 50 of 12,345 ``what``; all of them are in <the CSV>.".
    """
    shown = _columns(df, columns)
    top = TopRows(df.head(first), len(df)) if first is not None else TopRows(df, len(df))
    cells = _cells(top.rows, shown, timex=timex, links=article_pages_written(csv),
                   whole=first is None)  # fmt: skip
    long = len(top.rows) > LONG_TABLE if interactive is None else interactive
    table = _interactive(cells, shown) if long else _static(cells, shown)
    if df.empty:
        table = f'<p class="sl-empty"><em>{html.escape(empty_sentence(empty))}</em></p>'
    parts = [f"{len(df):,} row{'' if len(df) == 1 else 's'}"]
    link = ""
    if csv is not None:
        href = html.escape(csv_href(csv), quote=True)
        link = f'<a href="{href}">the data as CSV ({html.escape(Path(csv).name)})</a>'
        parts.append(link)
    if first is not None and not df.empty:
        parts = [top.sentence(html.escape(what), link or "the data behind this report")]
    if note:
        parts.append(html.escape(note))
    caption = f'<p class="sl-table-note">{" · ".join(parts)}</p>'
    return f'<div class="sl-table-box">{table}{caption}</div>'


@cache
def datatables_bundle_html() -> str:
    """The DataTables bundle itables ships, as inline ``<style>`` and ``<script>`` HTML.

    itables' own offline mode loads the same bundle through a ``blob:`` URL (a request,
    if a local one); inline, the page requests nothing. The bundle's ES-module exports
    become the promise ``window._itables_<version>`` that itables' tables wait for, and
    the event they listen for is sent.
    """
    import itables

    folder = resources.files("itables").joinpath("html")
    js = folder.joinpath("dt_bundle.js").read_text(encoding="utf-8")
    css = folder.joinpath("dt_bundle.css").read_text(encoding="utf-8")
    clause = list(EXPORT_CLAUSE.finditer(js))[-1]
    pairs = [part.split(" as ") for part in clause.group(1).split(",")]
    exports = ",".join(f"{alias.strip()}:{local.strip()}" for local, alias in pairs)
    version = itables.__version__
    ready = (
        f"window._itables_{version.replace('.', '_')}=Promise.resolve({{{exports}}});"
        f'window.dispatchEvent(new Event("itables-{version}-ready"));'
    )
    js = SCRIPT_BREAKERS.sub(r"\\x3C", js[: clause.start()] + ready + js[clause.end() :])
    css = css.replace("</", "<\\/")  # nothing in the CSS ends the <style> element
    return f'<style>{css}</style><script type="module">{js}</script>'


def show_table(df: pd.DataFrame, **options) -> None:
    """Display :func:`table_html` of ``df`` in the notebook (same options).

    The first interactive table of a kernel also displays the DataTables bundle it needs
    (:func:`datatables_bundle_html`: embedded, nothing is fetched).
    """
    from IPython.display import HTML, display

    page = table_html(df, **options)
    if "dataTable" not in _SHOWN and "new ITable(" in page:
        display(HTML(datatables_bundle_html()))
        _SHOWN.add("dataTable")
    display(HTML(page))


_SHOWN: set[str] = set()  # "dataTable" once the kernel has displayed the bundle
