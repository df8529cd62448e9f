"""HTML pages: each executed notebook as a self-contained report, and the landing page."""

from __future__ import annotations

import copy
import os
from importlib import resources
from typing import Any

__all__ = [
    "OFFLINE_TEMPLATE",
    "INDEX_TEMPLATE",
    "template",
    "render_html",
    "render_index",
]

# nbconvert's "lab" template minus the blocks that load scripts from a CDN (see the file).
OFFLINE_TEMPLATE = "offline.html.j2"  # in storylens/templates/
INDEX_TEMPLATE = "reports-index.html.j2"  # in storylens/templates/

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


def _without_stderr(outputs: list) -> list:
    return [
        o for o in outputs if not (o.get("output_type") == "stream" and o.get("name") == "stderr")
    ]


def render_html(nb, *, title: str, share: bool, source_dir: str | os.PathLike[str] = ".") -> str:
    """An executed notebook as one self-contained HTML page.

    ``share=True`` hides code, prompts and stderr output (warnings), for sending on.
    Cells tagged ``remove-cell`` are left out of both versions.
    """
    nb = copy.deepcopy(nb)
    nb.metadata["title"] = title
    nb.cells = [c for c in nb.cells if "remove-cell" not in c.metadata.get("tags", [])]
    if share:
        for cell in nb.cells:
            if cell.cell_type == "code":
                cell.outputs = _without_stderr(cell.outputs)
    resources = {"metadata": {"name": title, "path": str(source_dir)}}
    body, _ = _exporter(share).from_notebook_node(nb, resources=resources)
    return body


def render_index(manifest: dict[str, Any], documents: list[dict[str, Any]]) -> str:
    """The landing page ``reports/index.html`` for a manifest (no scripts, no external files)."""
    import jinja2

    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    env.filters["when"] = lambda iso: iso.replace("T", " ").replace("+00:00", " UTC")
    return env.from_string(template(INDEX_TEMPLATE)).render(
        page_title="storylens reports",
        documents=documents,
        **{k: manifest[k] for k in ("status", "run", "corpus", "config", "packages", "notebooks")},
    )
