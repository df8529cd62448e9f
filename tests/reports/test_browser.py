"""A real browser opens the rendered reports: Debian's Chromium, headless, offline.

For the landing page and every share report it checks that the page loads from
``file://``, shows its title, that every figure is decoded with a non-zero size (and as
many as the executed notebook produced), that no JavaScript error was logged and that
nothing was fetched from the network. Runs on reports of small notebooks made here and,
when ``notebooks/`` has report notebooks, on the project's own reports of the seeds.

Chromium is driven over the DevTools protocol with a minimal client on
``websocket-client``. Without Chromium the tests skip, except when ``CI`` is set: then
they fail, since CI must run them (``.ci/run`` installs Chromium).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from storylens import reports as rp
from storylens.browser import Chromium, find_chromium
from storylens.paths import notebooks_dir

from .hostile import write_hostile_article

pytestmark = [pytest.mark.slow, pytest.mark.browser]

# What each page reports about itself, evaluated in the page once it has loaded.
PAGE_FACTS = """
(async () => {
  const imgs = Array.from(document.images);
  await Promise.all(imgs.map(i => i.decode().catch(() => null)));
  const h1 = Array.from(document.querySelectorAll("h1")).map(h => ({
    text: h.textContent.replace(/\\u00b6/g, "").trim(),
    visible: h.getBoundingClientRect().height > 0,
  }));
  return JSON.stringify({
    title: document.title,
    readyState: document.readyState,
    h1: h1,
    images: imgs.map(i => ({complete: i.complete, width: i.naturalWidth,
                            height: i.naturalHeight, src: i.src.slice(0, 30)})),
    links: Array.from(document.querySelectorAll("a[href]")).map(a => a.href),
    text: document.body ? document.body.innerText.length : 0,
  });
})()
"""


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    executable = find_chromium()
    if executable is None:
        message = "Chromium not found (Debian: apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(f"{message}; CI must run the browser tests")
        pytest.skip(message)
    profile = tmp_path_factory.mktemp("chromium") / "profile"
    profile.mkdir()
    chrome = Chromium(executable, profile)
    yield chrome
    chrome.close()


# ----------------------------------------------------------------------------- the reports


def _figures_notebook(folder: Path) -> Path:
    """A report with two figures, a table, a link and a dollar sign (no MathJax needed)."""
    folder.mkdir(parents=True)
    params = new_code_cell('corpus: str = ""  # articles\ndata_dir: str = ""  # CSVs')
    params.metadata["tags"] = ["parameters"]
    nb = new_notebook()
    nb.cells = [
        new_markdown_cell(
            "# Troop numbers in the articles\n\nWhich figures do the articles give?\n\n"
            "A force of 30,000 troops, $5bn and [the source](https://example.org)."
        ),
        params,
        new_code_cell(
            "import matplotlib.pyplot as plt\nimport pandas as pd\n"
            "from storylens.reports import save_table\n"
            "numbers = pd.DataFrame({'claim': ['proposed force', 'Zelensky: needed'],"
            " 'troops': [30000, 200000]})\n"
            "save_table(numbers, 'troops', data_dir=data_dir)"
        ),
        new_code_cell(
            "fig, ax = plt.subplots(figsize=(4, 2))\nax.barh(numbers.claim, numbers.troops)\n"
            "plt.show()"
        ),
        new_code_cell("fig, ax = plt.subplots(figsize=(3, 2))\nax.plot([1, 3, 2])\nplt.show()"),
    ]
    nb.metadata["kernelspec"] = {"name": "python3", "language": "python", "display_name": "P"}
    nbformat.write(nb, folder / "00-troops.ipynb")
    return folder


def _render(tmp_path_factory, label: str, notebooks: Path | None) -> Path:
    out = tmp_path_factory.mktemp(label) / "out"
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = rp.main(["--out", str(out), *(["--notebooks", str(notebooks)] if notebooks else [])])
    assert code == 0, err.getvalue()
    return out


PROJECT_NOTEBOOKS = sorted(p.stem for p in notebooks_dir().glob("[0-9][0-9]-*.ipynb"))


@pytest.fixture(scope="module")
def rendered(tmp_path_factory, request):
    """Output folders by label: ``fixture`` always, ``project`` (the session's run of the
    project's notebooks on the seeds, shared with test_report_outputs.py) when they exist."""
    made = {}

    def get(label: str) -> Path:
        if label not in made:
            if label == "fixture":
                folder = _figures_notebook(tmp_path_factory.mktemp("nb") / "notebooks")
                made[label] = _render(tmp_path_factory, label, folder)
            else:
                made[label] = request.getfixturevalue("seed_reports")
        return made[label]

    return get


def _expected_images(executed: Path) -> int:
    """Figures in an executed notebook: one <img> per image/png output."""
    nb = nbformat.read(executed, as_version=4)
    return sum(
        "image/png" in o.get("data", {})
        for c in nb.cells
        if c.cell_type == "code" and "remove-cell" not in c.metadata.get("tags", [])
        for o in c.outputs
    )


PAGES = [("fixture", "index"), ("fixture", "00-troops")]
if PROJECT_NOTEBOOKS:
    PAGES += [("project", "index")] + [("project", name) for name in PROJECT_NOTEBOOKS]


@pytest.mark.parametrize(("label", "page"), PAGES, ids=[f"{a}-{b}" for a, b in PAGES])
def test_page_shows_title_and_figures_without_errors_offline(browser, rendered, label, page):
    out = rendered(label)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    if page == "index":
        path, title, images = out / "reports" / "index.html", "storylens reports", 0
    else:
        entry = next(nb for nb in manifest["notebooks"] if nb["name"] == page)
        path, title = out / entry["outputs"]["share_html"], entry["title"]
        images = _expected_images(out / entry["outputs"]["executed"])
    seen = browser.visit(path.as_uri(), PAGE_FACTS)
    facts = seen["facts"]
    assert seen["errors"] == []
    assert seen["requests"] == []
    assert facts["readyState"] == "complete"
    assert facts["title"] == title
    assert {"text": title, "visible": True} in facts["h1"]
    assert len(facts["images"]) == images
    for image in facts["images"]:
        assert image["complete"] and image["width"] > 0 and image["height"] > 0, image
        assert image["src"].startswith("data:image/png;base64,")
    for link in facts["links"]:
        parsed = urlparse(link)
        if parsed.scheme == "file":
            assert Path(unquote(parsed.path)).is_file(), link


def test_fixture_report_really_has_figures(rendered):
    """Guards the figure check above against a report that silently lost its images."""
    out = rendered("fixture")
    assert _expected_images(out / "notebooks" / "00-troops.ipynb") == 2


def test_the_checks_catch_a_page_that_needs_the_network(browser, tmp_path):
    """A page like nbconvert's stock output (CDN script) and a remote image must fail."""
    page = tmp_path / "online.html"
    page.write_text(
        "<!DOCTYPE html><html><head><title>online</title>"
        '<script src="https://cdnjs.cloudflare.com/ajax/libs/require.js/2.1.10/require.min.js">'
        "</script></head><body><h1>online</h1>"
        '<img src="https://example.org/figure.png"><script>undefinedFunction();</script>'
        "</body></html>",
        encoding="utf-8",
    )
    seen = browser.visit(page.as_uri(), PAGE_FACTS)
    assert any("undefinedFunction" in e for e in seen["errors"])
    assert "https://example.org/figure.png" in seen["requests"]
    assert seen["facts"]["images"][0]["width"] == 0


# ----------------------------------------------------------------------------- every page

ARTICLE_PAGES = "articles"  # reports/articles/: the reader pages (storylens.reports.articles)

# In the page: every link as the browser resolved it, every id, inline event handlers.
LINK_FACTS = """
JSON.stringify({
  links: Array.from(document.querySelectorAll("a[href], area[href]")).map(a => a.href),
  ids: Array.from(document.querySelectorAll("[id], a[name]")).map(e => e.id || e.name),
  inline: Array.from(document.querySelectorAll("*"))
    .filter(e => Array.from(e.attributes).some(a => a.name.toLowerCase().startsWith("on")))
    .map(e => e.outerHTML.slice(0, 120)),
})
"""

# In the page: click every link (navigation stopped, a javascript: link left to run), with
# every way a script shows itself replaced by a counter; then say whether anything ran.
CLICK_EVERY_LINK = """
(async () => {
  window.__ran = [];
  for (const name of ["alert", "confirm", "prompt", "open", "print"]) {
    window[name] = (...args) => { window.__ran.push(name + "(" + args.join(",") + ")"); };
  }
  window.addEventListener("click", e => {
    const a = e.target.closest && e.target.closest("a[href], area[href]");
    if (a && !a.href.trim().toLowerCase().startsWith("javascript:")) e.preventDefault();
  }, true);
  const before = location.href;
  const links = Array.from(document.querySelectorAll("a[href], area[href]"));
  for (const a of links) a.click();
  await new Promise(r => setTimeout(r, 300));
  return JSON.stringify({clicked: links.length, ran: window.__ran, moved: location.href !== before});
})()
"""

SAFE_SCHEMES = {"file", "http", "https", "mailto"}  # a link may use these and no other


def site_pages(out: Path) -> list[Path]:
    """Every HTML page of a run: the reports, the index, the article pages."""
    reports = out / "reports"
    return sorted(reports.glob("*.html")) + sorted((reports / ARTICLE_PAGES).glob("*.html"))


class _Ids(HTMLParser):
    def __init__(self, text: str):
        super().__init__()
        self.ids: set[str] = set()
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.ids.update(v for k, v in attrs.items() if k == "id" or (tag == "a" and k == "name"))


def _ids_of(path: Path, known: dict[Path, set[str]]) -> set[str]:
    if path not in known:
        known[path] = _Ids(path.read_text(encoding="utf-8", errors="replace")).ids
    return known[path]


def link_problems(page: Path, links: list[str], known: dict[Path, set[str]]) -> list[str]:
    """What is wrong with a page's links: a scheme not in SAFE_SCHEMES, a file that does not
    exist, an ``#anchor`` its target lacks (ids read from the target file)."""
    problems = []
    for link in links:
        parsed = urlparse(link)
        if parsed.scheme not in SAFE_SCHEMES:
            problems.append(f"{page.name}: link with scheme {parsed.scheme!r}: {link[:80]}")
            continue
        if parsed.scheme != "file":
            continue
        target = Path(unquote(parsed.path))
        if not target.is_file():
            problems.append(f"{page.name}: link to a missing file {target}")
        elif parsed.fragment and unquote(parsed.fragment) not in _ids_of(target, known):
            problems.append(f"{page.name}: no #{parsed.fragment} in {target.name}")
    return problems


def page_problems(browser, page: Path, known: dict[Path, set[str]]) -> list[str]:
    """Links and anchors, inline handlers, console errors, requests, and what clicking every
    link does, for one page."""
    target, session = browser.open_tab(page.as_uri())
    try:
        facts = json.loads(browser.evaluate(session, LINK_FACTS))
        known[page] = set(facts["ids"])
        problems = link_problems(page, facts["links"], known)
        problems += [f"{page.name}: inline event handler {h}" for h in facts["inline"]]
        clicked = json.loads(browser.evaluate(session, CLICK_EVERY_LINK))
        browser.pump(0.2)
        seen = browser.seen(session)
    finally:
        browser.close_tab(target)
    if clicked["ran"] or seen["dialogs"]:
        problems.append(f"{page.name}: clicking the links ran {clicked['ran'] or seen['dialogs']}")
    if clicked["moved"]:
        problems.append(f"{page.name}: clicking a link left the page")
    problems += [f"{page.name}: console error {e}" for e in seen["errors"]]
    problems += [f"{page.name}: request left the page: {r}" for r in seen["requests"]]
    return problems


@pytest.fixture(scope="module")
def hostile_reports(tmp_path_factory) -> Path:
    """The fixture notebook run on a one-article corpus of hostile names and text."""
    base = tmp_path_factory.mktemp("hostile")
    corpus = write_hostile_article(base / "corpus")
    notebooks = _figures_notebook(base / "notebooks")
    out = base / "out"
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = rp.main(["--out", str(out), "--notebooks", str(notebooks), "--corpus", str(corpus)])
    assert code == 0, err.getvalue()
    return out


SITES = ["fixture", "hostile"] + (["project", "hostile-project"] if PROJECT_NOTEBOOKS else [])
FIXTURES = {"hostile": "hostile_reports", "hostile-project": "hostile_project_reports"}


@pytest.mark.parametrize("label", SITES)
def test_every_link_and_anchor_resolves_and_clicking_runs_no_script(
    browser, rendered, request, label
):
    out = request.getfixturevalue(FIXTURES[label]) if label in FIXTURES else rendered(label)
    pages = site_pages(out)
    assert out / "reports" / ARTICLE_PAGES / "index.html" in pages
    assert len([p for p in pages if p.parent.name == ARTICLE_PAGES]) >= 2
    known: dict[Path, set[str]] = {}
    problems = [problem for page in pages for problem in page_problems(browser, page, known)]
    assert problems == []


def test_the_link_checks_catch_broken_links_and_scripts(browser, tmp_path):
    """A missing file, a missing anchor, a javascript: link and an inline handler fail."""
    (tmp_path / "other.html").write_text('<p id="here">x</p>', encoding="utf-8")
    page = tmp_path / "bad.html"
    page.write_text(
        '<!DOCTYPE html><html lang="en"><head><title>bad</title></head><body>'
        '<a href="missing.html">a</a> <a href="other.html#gone">b</a> '
        '<a href="other.html#here">c</a> <a href="#top">d</a> '
        '<a href="javascript:alert(1)">e</a> <span onmouseover="x()">f</span></body></html>',
        encoding="utf-8",
    )
    problems = page_problems(browser, page, {})
    assert any("missing file" in p and "missing.html" in p for p in problems)
    assert any("no #gone in other.html" in p for p in problems)
    assert any("no #top in bad.html" in p for p in problems)
    assert any("scheme 'javascript'" in p for p in problems)
    assert any("clicking the links ran ['alert(1)']" in p for p in problems), problems
    assert any("inline event handler" in p for p in problems)
    assert not any("#here" in p for p in problems)


# ----------------------------------------------------------------------------- tables

# In the page: the rows a DataTables table shows now (cell texts), by table number.
TABLE_ROWS = """
((i) => {
  const t = document.querySelectorAll("table.dataTable")[i];
  return JSON.stringify(Array.from(t.tBodies[0].rows)
    .filter(r => !r.querySelector("td.dt-empty, td.dataTables_empty"))
    .map(r => Array.from(r.cells).map(c => c.innerText.trim())));
})(%d)
"""
# In the page: the centre of header cell j of table i, scrolled into view.
HEADER_POINT = """
((i, j) => {
  const t = document.querySelectorAll("table.dataTable")[i];
  const row = t.tHead.rows[t.tHead.rows.length - 1];
  // DataTables 2 may sort only from the header's order icon (itables: selectable header text)
  const cell = row.cells[j].querySelector(".dt-column-order[role=button]") || row.cells[j];
  cell.scrollIntoView({block: "center"});
  const r = cell.getBoundingClientRect();
  return JSON.stringify([r.left + r.width / 2, r.top + r.height / 2]);
})(%d, %d)
"""
# In the page: focus the search box that belongs to table i (false when it has none).
FOCUS_SEARCH = """
((i) => {
  const t = document.querySelectorAll("table.dataTable")[i];
  const box = t.closest(".dt-container, .dataTables_wrapper");
  const input = box && box.querySelector("input[type=search]");
  if (!input) return false;
  input.scrollIntoView({block: "center"}); input.focus(); input.select();
  return true;
})(%d)
"""


def _varying_column(rows: list[list[str]]) -> int | None:
    width = min((len(r) for r in rows), default=0)
    for j in range(width):
        if len({r[j] for r in rows}) > 1:
            return j
    return None


def _search_term(rows: list[list[str]]) -> str | None:
    """A word that some shown rows hold and others do not."""
    words = sorted({w for r in rows for w in " ".join(r).lower().split() if len(w) >= 3})
    for word in words:
        holding = sum(word in " ".join(r).lower() for r in rows)
        if 0 < holding < len(rows):
            return word
    return None


def table_problems(browser, session: str, i: int) -> list[str]:
    """Click a header of table ``i`` twice and type in its search box: the order must
    change, and the search must leave only rows holding the term."""
    rows = lambda: json.loads(browser.evaluate(session, TABLE_ROWS % i))  # noqa: E731
    before = rows()
    column = _varying_column(before)
    if column is None:
        return []  # one row, or all alike: nothing to sort or filter
    problems = []
    orders = []
    for _ in range(2):
        x, y = json.loads(browser.evaluate(session, HEADER_POINT % (i, column)))
        browser.click(session, x, y)
        browser.pump(0.3)
        orders.append(rows())
    if orders[0] == orders[1]:
        problems.append(f"table {i}: clicking header {column} twice did not change the order")
    term = _search_term(orders[1])
    if term is None:
        return problems
    if not browser.evaluate(session, FOCUS_SEARCH % i):
        return [*problems, f"table {i}: no search box"]
    browser.call("Input.insertText", {"text": term}, session=session)
    browser.pump(0.6)
    found = rows()
    if found == orders[1] or not found:
        problems.append(f"table {i}: searching {term!r} did not filter the rows")
    elif not all(term in " ".join(r).lower() for r in found):
        problems.append(f"table {i}: rows without {term!r} left after searching it")
    return problems


def interactive_table_problems(browser, page: Path) -> list[str] | None:
    """``table_problems`` for every ``table.dataTable`` of a page; None when it has none."""
    target, session = browser.open_tab(page.as_uri())
    try:
        browser.pump(0.5)  # itables builds its tables after the load event
        count = browser.evaluate(session, 'document.querySelectorAll("table.dataTable").length')
        if not count:
            return None
        problems = [
            f"{page.name}: {p}" for i in range(count) for p in table_problems(browser, session, i)
        ]
        seen = browser.seen(session)
    finally:
        browser.close_tab(target)
    return problems + [f"{page.name}: console error {e}" for e in seen["errors"]]


def _itables_page(folder: Path) -> Path:
    """A page with one offline itables table (the library the reports use), 12 rows."""
    import pandas as pd
    from itables import options, to_html_datatable
    from itables.javascript import generate_init_offline_itables_html

    claims = pd.DataFrame({
        "claimant": ["Macron", "Starmer", "Zelensky", "Putin"] * 3,
        "troops": [30000, 10000, 200000, 0, 25000, 5000, 150000, 1, 20000, 8000, 100000, 2],
    })  # fmt: skip
    body = generate_init_offline_itables_html(options.dt_bundle) + to_html_datatable(
        claims, connected=False, pageLength=5
    )
    page = folder / "itables.html"
    page.write_text(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>t</title></head>'
        f"<body><main><h1>t</h1>{body}</main></body></html>",
        encoding="utf-8",
    )
    return page


def test_the_table_checks_drive_an_itables_table(browser, tmp_path):
    """The check below, on a table of the library the reports use: it sorts and filters."""
    assert interactive_table_problems(browser, _itables_page(tmp_path)) == []


@pytest.mark.parametrize("label", ["fixture"] + (["project"] if PROJECT_NOTEBOOKS else []))
def test_interactive_tables_sort_and_filter_when_clicked(browser, rendered, label):
    out = rendered(label)
    results = {page.name: interactive_table_problems(browser, page) for page in site_pages(out)}
    driven = {name: p for name, p in results.items() if p is not None}
    if not driven:
        pytest.skip(f"no page of the {label} reports has an interactive table (table.dataTable)")
    assert [p for problems in driven.values() for p in problems] == []


# ----------------------------------------------------------------------------- accessibility

AXE = Path(__file__).resolve().parents[1] / "browser" / "node_modules" / "axe-core" / "axe.min.js"
# In the page, after axe.min.js: the serious and critical violations, with where they are.
AXE_RUN = """
(async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return JSON.stringify(result.violations
    .filter(v => v.impact === "serious" || v.impact === "critical")
    .map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 3).map(n => n.target.join(" "))})));
})()
"""


# Serious violations excused on report pages (none: every rule holds everywhere).
REPORTED_VIOLATIONS: dict[str, str] = {}


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.is_file():
        message = f"{AXE} missing: make test installs it (npm ci --prefix tests/browser)"
        if os.environ.get("CI") and shutil.which("npm"):
            pytest.fail(message)
        pytest.skip(message)
    return AXE.read_text(encoding="utf-8")


def axe_violations(browser, page: Path, source: str) -> list[dict]:
    """axe-core's serious and critical violations on a page (axe injected over DevTools)."""
    target, session = browser.open_tab(page.as_uri())
    try:
        browser.pump(0.5)
        browser.evaluate(session, source)
        return json.loads(browser.evaluate(session, AXE_RUN))
    finally:
        browser.close_tab(target)


def _audited(label: str) -> list[str]:
    names = PROJECT_NOTEBOOKS if label == "project" else ["00-troops"]
    return ["index.html", *(f"{n}.share.html" for n in names), "articles/index.html", "article"]


AUDITS = [(label, page) for label in ("fixture", "project") if label == "fixture" or PROJECT_NOTEBOOKS
          for page in _audited(label)]  # fmt: skip


@pytest.mark.parametrize(("label", "page"), AUDITS, ids=[f"{a}-{b}" for a, b in AUDITS])
def test_accessibility_audit_finds_no_serious_violation(browser, rendered, axe_source, label, page):
    reports = rendered(label) / "reports"
    if page == "article":  # one article page: the earliest in the index
        path = sorted(
            p for p in (reports / ARTICLE_PAGES).glob("*.html") if p.name != "index.html"
        )[0]
    else:
        path = reports / page
    found = axe_violations(browser, path, axe_source)
    if path.parent.name != ARTICLE_PAGES:  # the article pages are held to every rule
        found = [v for v in found if v["id"] not in REPORTED_VIOLATIONS]
    assert found == []


def test_the_audit_finds_a_serious_violation(browser, axe_source, tmp_path):
    """An image without alt text and a page without lang are serious for axe-core."""
    page = tmp_path / "bad.html"
    page.write_text('<html><head><title>x</title></head><body><img src="data:,">'
                    '<p style="color:#bbb;background:#fff">faint</p></body></html>',
                    encoding="utf-8")  # fmt: skip
    found = {v["id"] for v in axe_violations(browser, page, axe_source)}
    assert {"image-alt", "html-has-lang", "color-contrast"} <= found
