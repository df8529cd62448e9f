"""HTML pages: each executed notebook as a self-contained report, and the landing page.

Every report opens with a bar of links (the index, the other reports, its full or share
version, :func:`navigation_html`) and, where the notebook has a cell tagged
``key-findings`` (:func:`storylens.reports.findings.show_findings`), that cell right
under its title. The staging folder a run writes into never shows in a page
(:func:`without_staging`).
"""

from __future__ import annotations

import copy
import html
import os
import re
from importlib import resources
from pathlib import Path
from typing import Any

__all__ = [
    "OFFLINE_TEMPLATE",
    "INDEX_TEMPLATE",
    "REPORT_CSS",
    "FINDINGS_TAG",
    "STAGING_SEGMENT",
    "template",
    "without_staging",
    "report_name",
    "navigation_html",
    "findings_first",
    "render_html",
    "index_rows",
    "index_note",
    "render_index",
]

# nbconvert's "lab" template minus the blocks that load scripts from a CDN (see the file).
OFFLINE_TEMPLATE = "offline.html.j2"  # in storylens/templates/
INDEX_TEMPLATE = "reports-index.html.j2"  # in storylens/templates/
REPORT_CSS = "report.css"  # in storylens/templates/: the reports' own styles
FINDINGS_TAG = "key-findings"  # the cell shown right under the report's title
# The run's staging folder in a path: "/out/.staging-2624/data" -> "/out/data"; leaves
# "/out/data/.staging-notes" alone (no digits).
STAGING_SEGMENT = re.compile(r"[/\\]\.staging-\d+\b")

_EXPORTERS: dict[bool, Any] = {}  # HTMLExporter by share, built once per process


def template(name: str) -> str:
    """The text of one of the package's templates (``storylens/templates/<name>``)."""
    return resources.files("storylens").joinpath("templates", name).read_text(encoding="utf-8")


def _exporter(share: bool):
    if share not in _EXPORTERS:
        import jinja2
        from nbconvert import HTMLExporter

        options: dict[str, Any] = {}
        if share:
            options = {"exclude_input": True, "exclude_input_prompt": True}
            options["exclude_output_prompt"] = True
        _EXPORTERS[share] = HTMLExporter(
            template_name="lab",
            extra_loaders=[
                jinja2.DictLoader({"storylens-offline.html.j2": template(OFFLINE_TEMPLATE)})
            ],
            template_file="storylens-offline.html.j2",
            embed_images=True,
            **options,
        )
    return _EXPORTERS[share]


def without_staging(text: str) -> str:
    """``text`` with the run's staging folder taken out of every path (where it will be).

    >>> without_staging('data_dir = "/tmp/out/.staging-2624/data/01-timeline"')
    'data_dir = "/tmp/out/data/01-timeline"'
    """
    return STAGING_SEGMENT.sub("", text)


def _clean_paths(cell) -> None:
    cell.source = without_staging(cell.source)
    for output in cell.get("outputs", []):
        if "text" in output:
            output.text = without_staging(output.text)
        for kind in ("text/plain", "text/html", "text/markdown"):
            if kind in output.get("data", {}):
                output.data[kind] = without_staging(output.data[kind])


def report_name(nb) -> str | None:
    """The report's name (``01-timeline``) from papermill's record of the notebook run."""
    path = nb.metadata.get("papermill", {}).get("input_path")
    return Path(path).stem if path else None


def _report_titles(source_dir: str | os.PathLike[str]) -> dict[str, str]:
    import nbformat

    from storylens.reports.notebooks import NOTEBOOK_NAME, title_and_question

    folder = Path(source_dir)
    paths = sorted(folder.glob("*.ipynb")) if folder.is_dir() else []
    titles = {}
    for path in paths:
        if NOTEBOOK_NAME.match(path.name):
            nb = nbformat.read(path, as_version=4)
            titles[path.stem] = title_and_question(nb)[0] or path.stem
    return titles


def navigation_html(name: str | None, titles: dict[str, str], *, share: bool) -> str:
    """The bar above a report: the index, every report (this one marked), full ⇄ share.

    >>> bar = navigation_html("01-timeline", {"00-corpus": "Corpus", "01-timeline": "Timeline"},
    ...                       share=True)
    >>> 'href="00-corpus.share.html"' in bar, 'aria-current="page">Timeline' in bar
    (True, True)
    >>> 'href="01-timeline.html">Full version, with the code' in bar
    True
    """
    suffix = ".share.html" if share else ".html"
    links = ['<a href="index.html">All reports (index)</a>']
    for stem, title in titles.items():
        text = html.escape(title)
        if stem == name:
            links.append(f'<span aria-current="page">{text}</span>')
        else:
            links.append(f'<a href="{html.escape(stem + suffix, quote=True)}">{text}</a>')
    if name:
        other, words = (".html", "Full version, with the code") if share else (
            ".share.html", "Share version, without code")  # fmt: skip
        href = html.escape(name + other, quote=True)
        links.append(f'<a class="sl-version" href="{href}">{words}</a>')
    return f'<nav class="sl-nav" aria-label="Reports">{"".join(links)}</nav>'


def findings_first(cells: list) -> list:
    """The cells with those tagged :data:`FINDINGS_TAG` moved right after the first (the title)."""
    tagged = [c for c in cells if FINDINGS_TAG in c.metadata.get("tags", [])]
    rest = [c for c in cells if FINDINGS_TAG not in c.metadata.get("tags", [])]
    return rest[:1] + tagged + rest[1:]


def _without_stderr(outputs: list) -> list:
    return [
        o for o in outputs if not (o.get("output_type") == "stream" and o.get("name") == "stderr")
    ]


def render_html(nb, *, title: str, share: bool, source_dir: str | os.PathLike[str] = ".") -> str:
    """An executed notebook as one self-contained HTML page.

    ``share=True`` hides code, prompts and stderr output (warnings), for sending on.
    Cells tagged ``remove-cell`` are left out of both versions; the page opens with
    :func:`navigation_html` for the reports in ``source_dir`` and the cells tagged
    ``key-findings`` (:func:`findings_first`); no path shows the staging folder.
    """
    nb = copy.deepcopy(nb)
    nb.metadata["title"] = title
    cells = [c for c in nb.cells if "remove-cell" not in c.metadata.get("tags", [])]
    nb.cells = findings_first(cells)
    for cell in nb.cells:
        _clean_paths(cell)
        if share and cell.cell_type == "code":
            cell.outputs = _without_stderr(cell.outputs)
    nav = navigation_html(report_name(nb), _report_titles(source_dir), share=share)
    resources = {
        "metadata": {"name": title, "path": without_staging(str(source_dir))},
        "storylens": {"nav": nav, "css": template(REPORT_CSS)},
    }
    body, _ = _exporter(share).from_notebook_node(nb, resources=resources)
    return body


def _documents_frame(documents: list[dict[str, Any]]):
    """The index's document rows as a documents table :mod:`storylens.reports.labels`
    reads (``first_words`` stand in for the text), in order of publication."""
    import pandas as pd

    docs = pd.DataFrame(documents)
    for column in ("title", "outlet", "date_note", "date_source", "first_words"):
        if column not in docs:
            docs[column] = None
    docs["text"] = docs["first_words"]
    docs["published"] = pd.to_datetime(docs["published"], errors="coerce")
    return docs.sort_values(["published", "doc_id"], na_position="last")


def index_note(documents: list[dict[str, Any]]) -> str:
    """The legend of the index's "*": the reports' own line
    (:func:`storylens.reports.labels.estimated_note`), "" when no date is estimated."""
    from storylens.reports.labels import estimated_note

    return estimated_note(_documents_frame(documents)) if documents else ""


def index_rows(documents: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The index's rows: each document with ``source``, ``published_label`` (marked *
    when ``estimated``, :mod:`storylens.reports.labels`), in order of publication.

    >>> rows = index_rows([{"doc_id": "b", "outlet": "AP", "published": "2025-02-21",
    ...                     "date_source": "header"},
    ...                    {"doc_id": "a", "outlet": None, "title": "A plan", "published":
    ...                     "2024-12-13", "date_source": "inferred"}])
    >>> [(r["source"], r["published_label"]) for r in rows]
    [('A plan, 13 Dec 2024*', '13 Dec 2024*'), ('AP, 21 Feb 2025', '21 Feb 2025')]
    """
    from storylens.reports.labels import ESTIMATED_MARK, published_labels, source_labels

    if not documents:
        return []
    docs = _documents_frame(documents)
    labels, days = source_labels(docs), published_labels(docs)
    # The first record of each doc_id, found once: a search per row was quadratic (minutes
    # of the 100,000-article run, after its last notebook).
    originals = {d["doc_id"]: d for d in reversed(documents)}
    rows = []
    for row in docs.to_dict("records"):
        day = days[row["doc_id"]]
        extra = {"source": labels[row["doc_id"]], "published_label": day,
                 "estimated": day.endswith(ESTIMATED_MARK)}  # fmt: skip
        rows.append({**originals[row["doc_id"]], **extra})
    return rows


def render_index(manifest: dict[str, Any], documents: list[dict[str, Any]]) -> str:
    """The landing page ``reports/index.html`` for a manifest (no scripts, no external files)."""
    import jinja2

    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    env.filters["when"] = lambda iso: iso.replace("T", " ").replace("+00:00", " UTC")
    return env.from_string(template(INDEX_TEMPLATE)).render(
        page_title="storylens reports",
        documents=index_rows(documents),
        estimated_note=index_note(documents),
        **{k: manifest[k] for k in ("status", "run", "corpus", "config", "packages", "notebooks")},
    )
