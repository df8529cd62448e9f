"""Full-page screenshots of the share reports and one article page, to look at (issue #12).

    python benchmarks/screenshots.py [--out outputs] [--render] [--width 1400]

Uses ``<out>/reports`` when it is there (``make reports``), else renders the seeds' reports
into ``<out>`` first (``--render`` always does). Writes one PNG per share report, the
landing page, the article index and the earliest article's reader page into
``<out>/screenshots/``, each ``--width`` CSS pixels wide and as tall as the page.
Debian's Chromium, headless and offline (no request leaves the machine), is driven over
the DevTools protocol with ``websocket-client``.
"""

from __future__ import annotations

import argparse
import base64
import itertools
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# accepts: href="000_369a766a91fa2ef0.html"; rejects: href="../index.html"
READER_LINK = re.compile(r'href="([A-Za-z0-9._-]+\.html)"')
TIMEOUT = 60  # seconds for the browser or a page to come up
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars",
    "--disable-background-networking", "--disable-component-update", "--disable-extensions",
    "--proxy-server=127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND",
    "--remote-debugging-port=0",
]  # fmt: skip


class Browser:
    """A headless Chromium and one DevTools connection to it."""

    def __init__(self, profile: Path):
        import websocket

        executable = shutil.which("chromium") or shutil.which("chromium-browser")
        if executable is None:
            sys.exit("Chromium not found (Debian: apt-get install chromium)")
        self.process = subprocess.Popen(
            [executable, *FLAGS, f"--user-data-dir={profile}", "about:blank"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        port_file, deadline = profile / "DevToolsActivePort", time.monotonic() + TIMEOUT
        while not (port_file.exists() and len(port_file.read_text().splitlines()) >= 2):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.process.kill()
                sys.exit("Chromium did not open its DevTools endpoint")
            time.sleep(0.1)
        port, path = port_file.read_text().splitlines()[:2]
        self.ws = websocket.create_connection(
            f"ws://127.0.0.1:{port}{path}", timeout=TIMEOUT, suppress_origin=True
        )
        self.ids = itertools.count(1)
        self.events: list[dict] = []

    def call(self, method: str, params: dict | None = None, session: str | None = None) -> dict:
        message = {"id": next(self.ids), "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        self.ws.send(json.dumps(message))
        while True:
            reply = json.loads(self.ws.recv())
            if reply.get("id") == message["id"]:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def screenshot(self, url: str, width: int) -> bytes:
        """A PNG of the whole page at ``width`` CSS pixels."""
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})
        session = session["sessionId"]
        self.call("Page.enable", session=session)
        metrics = {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": False}
        self.call("Emulation.setDeviceMetricsOverride", metrics, session=session)
        self.events.clear()
        self.call("Page.navigate", {"url": url}, session=session)
        deadline = time.monotonic() + TIMEOUT
        while not any(e.get("method") == "Page.loadEventFired" for e in self.events):
            if time.monotonic() > deadline:
                raise TimeoutError(f"{url} did not load within {TIMEOUT} s")
            self.events.append(json.loads(self.ws.recv()))
        time.sleep(1.0)  # interactive tables are built after the load event
        size = self.call("Page.getLayoutMetrics", session=session)["cssContentSize"]
        metrics["height"] = max(1, int(size["height"]))
        self.call("Emulation.setDeviceMetricsOverride", metrics, session=session)
        shot = self.call("Page.captureScreenshot", {"format": "png"}, session=session)
        self.call("Target.closeTarget", {"targetId": target})
        return base64.b64decode(shot["data"])

    def close(self) -> None:
        try:
            self.call("Browser.close")
            self.process.wait(timeout=10)
        except Exception:
            self.process.kill()


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
        browser = Browser(Path(tmp))
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
