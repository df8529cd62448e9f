"""A headless, offline Chromium driven over the DevTools protocol (``websocket-client``).

Used by the browser tests (``tests/reports/test_browser.py``) and by the screenshot target
(``benchmarks/screenshots.py``, ``make screenshots``); nothing in the reports needs it.
Debian's ``chromium`` is started with an empty profile, no network (every request goes to a
proxy that is not there, no host name resolves) and a DevTools port of its own:

>>> chrome = Chromium(find_chromium(), profile)            # doctest: +SKIP
>>> chrome.visit(page.as_uri())["errors"]                 # doctest: +SKIP
[]
>>> chrome.screenshot(page.as_uri(), width=1400)[:4]       # doctest: +SKIP
b'\x89PNG'
"""

from __future__ import annotations

import base64
import contextlib
import itertools
import json
import shutil
import subprocess
import time
from pathlib import Path

__all__ = ["CHROMIUM_FLAGS", "LOAD_TIMEOUT", "LOCAL_URLS", "Chromium", "find_chromium"]

CHROMIUM_NAMES = ("chromium", "chromium-browser")  # Debian installs /usr/bin/chromium
LOAD_TIMEOUT = 60  # seconds for a page (or the browser) to come up
# Requests that never leave the machine: files, inline data, and blobs the page made itself
# (itables unpacks its bundled DataTables into a blob: URL).
LOCAL_URLS = ("file:", "data:", "about:", "blob:")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--hide-scrollbars",
    "--allow-file-access-from-files",
    # No network: every request goes to a proxy that is not there, no name resolves.
    "--proxy-server=127.0.0.1:9",
    "--proxy-bypass-list=<-loopback>",
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--remote-debugging-port=0",
]


def find_chromium() -> str | None:
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


class Chromium:
    """Just enough of the DevTools protocol: open a URL, wait for load, read facts."""

    def __init__(self, executable: str, profile: Path):
        import websocket

        self.profile = profile
        self.log = open(profile.parent / "chromium.log", "wb")  # noqa: SIM115
        self.process = subprocess.Popen(
            [executable, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "about:blank"],
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        port_file = profile / "DevToolsActivePort"
        deadline = time.monotonic() + LOAD_TIMEOUT
        while not (port_file.exists() and len(port_file.read_text().splitlines()) >= 2):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.close()
                log = (profile.parent / "chromium.log").read_text(errors="replace")[-2000:]
                raise RuntimeError(f"Chromium did not start its DevTools endpoint:\n{log}")
            time.sleep(0.1)
        port, path = port_file.read_text().splitlines()[:2]
        self.ws = websocket.create_connection(
            f"ws://127.0.0.1:{port}{path}",
            timeout=LOAD_TIMEOUT,
            suppress_origin=True,
            http_no_proxy=["127.0.0.1"],
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

    def wait_for(self, method: str, session: str) -> None:
        deadline = time.monotonic() + LOAD_TIMEOUT
        seen = lambda: any(  # noqa: E731
            e.get("method") == method and e.get("sessionId") == session for e in self.events
        )
        while not seen():
            if time.monotonic() > deadline:
                raise TimeoutError(f"no {method} within {LOAD_TIMEOUT} s")
            self.events.append(json.loads(self.ws.recv()))

    def open_tab(self, url: str) -> tuple[str, str]:
        """A fresh tab on ``url``, loaded: ``(target id, session id)``."""
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})[
            "sessionId"
        ]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.call(f"{domain}.enable", session=session)
        self.events.clear()
        self.call("Page.navigate", {"url": url}, session=session)
        self.wait_for("Page.loadEventFired", session)
        return target, session

    def evaluate(self, session: str, expression: str):
        """The value of a JavaScript expression in the tab (promises awaited)."""
        reply = self.call(
            "Runtime.evaluate",
            {"expression": expression, "awaitPromise": True, "returnByValue": True},
            session=session,
        )
        if "exceptionDetails" in reply:
            raise RuntimeError(f"in the page: {reply['exceptionDetails']}")
        return reply["result"].get("value")

    def click(self, session: str, x: float, y: float) -> None:
        """A real left click at viewport point (x, y)."""
        for kind in ("mousePressed", "mouseReleased"):
            self.call("Input.dispatchMouseEvent",
                      {"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1},
                      session=session)  # fmt: skip

    def pump(self, seconds: float) -> None:
        """Read events for ``seconds`` (lets the page react to input)."""
        deadline = time.monotonic() + seconds
        self.ws.settimeout(0.05)
        try:
            while time.monotonic() < deadline:
                with contextlib.suppress(Exception):
                    self.events.append(json.loads(self.ws.recv()))
        finally:
            self.ws.settimeout(LOAD_TIMEOUT)

    def seen(self, session: str) -> dict:
        """The tab's errors and the requests that left the page, so far."""
        mine = [e for e in self.events if e.get("sessionId") == session]
        return {
            "errors": [_describe(e) for e in mine if _is_error(e)],
            "requests": [
                e["params"]["request"]["url"]
                for e in mine
                if e.get("method") == "Network.requestWillBeSent"
                and not e["params"]["request"]["url"].startswith(LOCAL_URLS)
            ],
            "dialogs": [
                e["params"] for e in mine if e.get("method") == "Page.javascriptDialogOpening"
            ],
        }

    def close_tab(self, target: str) -> None:
        self.call("Target.closeTarget", {"targetId": target})

    def visit(self, url: str, facts: str = "null") -> dict:
        """Load ``url`` in a fresh tab; return ``facts`` (the value of that JavaScript
        expression, a JSON string, in the loaded page), its errors and network requests."""
        target, session = self.open_tab(url)
        facts = json.loads(self.evaluate(session, facts))
        seen = self.seen(session)
        self.close_tab(target)
        return {"facts": facts, "errors": seen["errors"], "requests": seen["requests"]}

    def screenshot(self, url: str, width: int, *, settle: float = 1.0) -> bytes:
        """A PNG of the whole page at ``width`` CSS pixels, ``settle`` seconds after it
        loaded (interactive tables are built after the load event)."""
        target, session = self.open_tab(url)
        metrics = {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": False}
        self.call("Emulation.setDeviceMetricsOverride", metrics, session=session)
        self.pump(settle)
        size = self.call("Page.getLayoutMetrics", session=session)["cssContentSize"]
        metrics["height"] = max(1, int(size["height"]))
        self.call("Emulation.setDeviceMetricsOverride", metrics, session=session)
        shot = self.call("Page.captureScreenshot", {"format": "png"}, session=session)
        self.close_tab(target)
        return base64.b64decode(shot["data"])

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.call("Browser.close")
        with contextlib.suppress(Exception):
            self.ws.close()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


def _is_error(event: dict) -> bool:
    method, params = event.get("method"), event.get("params", {})
    if method == "Runtime.exceptionThrown":
        return True
    if method == "Runtime.consoleAPICalled":
        return params.get("type") in {"error", "assert"}
    if method == "Log.entryAdded":
        return params.get("entry", {}).get("level") == "error"
    return False


def _describe(event: dict) -> str:
    params = event.get("params", {})
    if event["method"] == "Runtime.exceptionThrown":
        details = params.get("exceptionDetails", {})
        return details.get("exception", {}).get("description") or details.get("text", "")
    if event["method"] == "Log.entryAdded":
        return params["entry"].get("text", "")
    return " ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", []))
