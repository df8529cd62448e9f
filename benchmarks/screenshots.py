"""Full-page screenshots of the share reports and one article page, to look at (issue #12).

    python benchmarks/screenshots.py [--out outputs] [--render] [--width 1400]

Uses ``<out>/reports`` when it is there (``make reports``), else renders the seeds' reports
into ``<out>`` first (``--render`` always does). Writes one PNG per share report, the
landing page, the article index and the earliest article's reader page into
``<out>/screenshots/``, each ``--width`` CSS pixels wide and as tall as the page.
Debian's Chromium, headless and offline (no request leaves the machine), is driven over
the DevTools protocol (``storylens.browser``).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
from pathlib import Path

from storylens.browser import Chromium, find_chromium

# accepts: href="000_369a766a91fa2ef0.html"; rejects: href="../index.html"
READER_LINK = re.compile(r'href="([A-Za-z0-9._-]+\.html)"')


def pages_to_shoot(reports: Path) -> dict[str, Path]:
    """Screenshot name -> page: each share report, the index, the article index and the
    earliest article (the first in the article index)."""
    pages = {"index": reports / "index.html"}
    pages.update(
        {p.name.removesuffix(".share.html"): p for p in sorted(reports.glob("*.share.html"))}
    )
    articles = reports / "articles"
    if (articles / "index.html").is_file():
        pages["articles-index"] = articles / "index.html"
        index = (articles / "index.html").read_text(encoding="utf-8")
        # the article index lists the readers by date: the first link to one is the earliest
        readers = [h for h in READER_LINK.findall(index) if (articles / h).is_file()]
        if readers:
            pages["article-" + Path(readers[0]).stem] = articles / readers[0]
    return pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out",
        default=os.environ.get("STORYLENS_OUT") or "outputs",
        help="the reports' output folder (default $STORYLENS_OUT, else outputs)",
    )
    parser.add_argument("--render", action="store_true", help="render the seeds' reports first")
    parser.add_argument("--width", type=int, default=1400, help="page width in CSS pixels")
    args = parser.parse_args(argv)
    out = Path(args.out).resolve()
    if args.render or not (out / "reports" / "index.html").is_file():
        from storylens.reports import cli

        if cli.main(["--out", str(out)]) != 0:
            return 1
    folder = out / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="storylens-shots-") as tmp:
        executable = find_chromium()
        if executable is None:
            sys.exit("Chromium not found (Debian: apt-get install chromium)")
        profile = Path(tmp) / "profile"
        profile.mkdir()
        browser = Chromium(executable, profile)
        try:
            for name, page in pages_to_shoot(out / "reports").items():
                png = browser.screenshot(page.as_uri(), args.width)
                (folder / f"{name}.png").write_bytes(png)
                print(f"{folder / (name + '.png')}  ({len(png) / 1024:,.0f} KiB)")
        finally:
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
