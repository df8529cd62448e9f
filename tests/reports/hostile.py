"""Names and an article that read as Markdown links, scripts or HTML, for the tests of the
reports' escaping (#14); ``tests/conftest.py`` builds the corpus the browser and output
tests share from them."""

from __future__ import annotations

from pathlib import Path

HOSTILE_FILE = "[x](javascript:alert(1)).txt"
HOSTILE_OUTLET = "[y](javascript:alert(2))"
HOSTILE_SEED_FILE = "[z](javascript:alert(8)).txt"  # a seed article renamed


def write_hostile_article(folder: Path) -> Path:
    """A folder of one article whose file name, title, outlet, URL and text read as links,
    scripts or HTML."""
    folder.mkdir(parents=True)
    (folder / HOSTILE_FILE).write_text(
        "Macron said [the plan](javascript:alert(2)) needs 30,000 troops next week.\n\n"
        'Starmer called it <img src=x onerror="alert(3)"> a "reassurance force".\n',
        encoding="utf-8",
    )
    (folder / "metadata.csv").write_text(
        "file,title,outlet,url,published\n"
        f'"{HOSTILE_FILE}","<script>alert(4)</script> [t](javascript:alert(5))",'
        '"<b onclick=alert(6)>Outlet</b>","javascript:alert(7)",2025-02-20\n',
        encoding="utf-8",
    )
    return folder
