"""A small driver of headless Chromium over the DevTools protocol, with the standard library only.

Chromium is started with ``--remote-debugging-pipe``: it reads commands
from file descriptor 3 and writes answers and events to descriptor 4, each
message JSON ended by a NUL byte. Every http(s) request goes to a proxy
that is not there (``127.0.0.1:9``, the discard port) and every host name
fails to resolve, so nothing can leave the machine; the network events are
recorded all the same, so a test sees any request a page tried to make.

    with Browser() as browser:
        tab = browser.open(Path("raportti.html"))
        tab.evaluate("document.title"), tab.requests, tab.errors
        tab.screenshot(), tab.pdf()

Used by the browser tests and by ``tools/screenshot_report.py``.
"""

from __future__ import annotations

import base64
import json
import os
import re
import select
import shutil
import subprocess
import tempfile
import time
import zlib
from pathlib import Path

__all__ = ["find_chromium", "Browser", "Tab", "BrowserError", "pdf_pages", "pdf_destinations"]

#: Seconds any one answer may take before the browser counts as hung.
TIMEOUT = 90.0


class BrowserError(RuntimeError):
    """The browser failed, answered with an error, or took too long."""


def find_chromium() -> str | None:
    """The Chromium (or Chrome) program on this machine, or None."""
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


class Browser:
    """Headless Chromium, started in a fresh profile, its pages ``width`` × ``height`` CSS pixels; a context
    manager that closes it."""

    def __init__(self, program: str | None = None, *, width: int = 1280, height: int = 900):
        program = program or find_chromium()
        if program is None:
            raise BrowserError("no chromium on this machine")
        self.profile = tempfile.mkdtemp(prefix="analyser-chromium-")
        to_browser, self._commands = os.pipe()
        self._answers, from_browser = os.pipe()

        def descriptors() -> None:  # in the child, before exec: the pipe ends become fds 3 and 4
            read_end, write_end = os.dup(to_browser), os.dup(from_browser)
            os.dup2(read_end, 3)
            os.dup2(write_end, 4)

        args = [program, "--headless", "--remote-debugging-pipe", f"--user-data-dir={self.profile}",
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--no-default-browser-check", "--disable-extensions", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--metrics-recording-only", "--mute-audio",
                "--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
                "--host-resolver-rules=MAP * ~NOTFOUND", f"--window-size={width},{height}", "about:blank"]
        self.process = subprocess.Popen(args, pass_fds=(3, 4), preexec_fn=descriptors, stdin=subprocess.DEVNULL,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_browser)
        os.close(from_browser)
        self.size = (width, height)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict] = []

    # -- the protocol ---------------------------------------------------------------------------

    def send(self, method: str, params: dict | None = None, session: str | None = None) -> int:
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._commands, json.dumps(message).encode("utf-8") + b"\0")
        return self._next_id

    def receive(self, timeout: float = TIMEOUT) -> dict:
        """The next message from the browser."""
        deadline = time.monotonic() + timeout
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._answers], [], [], left)[0]:
                raise BrowserError("the browser did not answer in time")
            chunk = os.read(self._answers, 1 << 20)
            if not chunk:
                raise BrowserError("the browser closed the connection")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def call(self, method: str, params: dict | None = None, session: str | None = None,
             timeout: float = TIMEOUT) -> dict:
        """Send a command and wait for its answer; events that come meanwhile are kept in :attr:`events`."""
        wanted = self.send(method, params, session)
        while True:
            message = self.receive(timeout)
            if message.get("id") == wanted:
                if "error" in message:
                    raise BrowserError(f"{method}: {message['error']}")
                return message.get("result", {})
            self.events.append(message)

    def wait_for(self, method: str, session: str, timeout: float = TIMEOUT) -> dict:
        """Wait for an event (it may have come already)."""
        for event in self.events:
            if event.get("method") == method and event.get("sessionId") == session:
                return event
        while True:
            message = self.receive(timeout)
            self.events.append(message)
            if message.get("method") == method and message.get("sessionId") == session:
                return message

    def open(self, path_or_url: str | os.PathLike, *, settle: float = 0.3, script: bool = True) -> "Tab":
        """A new tab showing a file (or URL), loaded, with its network and console watched from the start
        (``script=False``: with JavaScript off)."""
        url = path_or_url if isinstance(path_or_url, str) and "://" in path_or_url else \
            Path(path_or_url).resolve().as_uri()
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Network", "Runtime", "Log"):
            self.call(f"{domain}.enable", session=session)
        self.call("Emulation.setDeviceMetricsOverride", {"width": self.size[0], "height": self.size[1],
                                                          "deviceScaleFactor": 1, "mobile": False}, session=session)
        if not script:
            self.call("Emulation.setScriptExecutionDisabled", {"value": True}, session=session)
        self.call("Page.navigate", {"url": url}, session=session)
        self.wait_for("Page.loadEventFired", session)
        time.sleep(settle)  # let a script's timers and late requests show themselves
        self.call("Runtime.evaluate", {"expression": "0"}, session=session)  # collects the events so far
        return Tab(self, session, url, target)

    def close(self) -> None:
        try:
            if self.process.poll() is None:
                try:
                    self.call("Browser.close", timeout=10)
                except (BrowserError, OSError):
                    pass
                try:
                    self.process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    self.process.kill()
                    self.process.wait()
        finally:
            for fd in (self._commands, self._answers):
                try:
                    os.close(fd)
                except OSError:
                    pass
            shutil.rmtree(self.profile, ignore_errors=True)

    def __enter__(self) -> "Browser":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class Tab:
    """One page open in the browser."""

    def __init__(self, browser: Browser, session: str, url: str, target: str):
        self.browser = browser
        self.session = session
        self.url = url
        self.target = target

    def close(self) -> None:
        """Close the tab."""
        self.browser.call("Target.closeTarget", {"targetId": self.target})

    def _front(self) -> None:
        """Make this the tab in front: a tab behind another draws no frames, so it could not be captured."""
        self.browser.call("Page.bringToFront", session=self.session)

    def _events(self, method: str) -> list[dict]:
        return [e["params"] for e in self.browser.events
                if e.get("method") == method and e.get("sessionId") == self.session]

    @property
    def requests(self) -> list[str]:
        """Every URL the page asked for, other than the page itself."""
        return [e["request"]["url"] for e in self._events("Network.requestWillBeSent")
                if e["request"]["url"] != self.url]

    @property
    def responses(self) -> list[str]:
        """Every URL, other than the page itself, that an answer came for (a request that got through)."""
        return [e["response"]["url"] for e in self._events("Network.responseReceived")
                if e["response"]["url"] != self.url]

    @property
    def errors(self) -> list[str]:
        """Console errors and warnings, uncaught exceptions and the browser's own error log of the page."""
        found = [" ".join(str(a.get("value", a.get("description", ""))) for a in e["args"])
                 for e in self._events("Runtime.consoleAPICalled") if e["type"] in ("error", "warning", "assert")]
        found += [e["exceptionDetails"].get("exception", {}).get("description") or e["exceptionDetails"]["text"]
                  for e in self._events("Runtime.exceptionThrown")]
        found += [e["entry"]["text"] for e in self._events("Log.entryAdded")
                  if e["entry"]["level"] in ("error", "warning")]
        return found

    def evaluate(self, expression: str):
        """The value of a JavaScript expression in the page (JSON-able values)."""
        result = self.browser.call("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                        "awaitPromise": True}, session=self.session)
        if "exceptionDetails" in result:
            raise BrowserError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def screenshot(self, *, full_page: bool = False) -> bytes:
        """A PNG of the window (or of the whole page)."""
        self._front()
        return base64.b64decode(self.browser.call("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": full_page}, session=self.session)["data"])

    def pdf(self) -> bytes:
        """The page printed to PDF as its print style sheet asks (A4), backgrounds on."""
        self._front()
        return base64.b64decode(self.browser.call("Page.printToPDF", {
            "preferCSSPageSize": True, "printBackground": True}, session=self.session)["data"])


# -- reading the PDF back -----------------------------------------------------------------------

_OBJECT = re.compile(rb"(\d+) 0 obj\s*(.*?)\s*endobj", re.S)


def _objects(pdf: bytes) -> dict[int, bytes]:
    """The PDF's objects by number (those in compressed object streams unpacked too)."""
    objects = {int(n): body for n, body in _OBJECT.findall(pdf)}
    for body in list(objects.values()):
        if b"/Type /ObjStm" in body and b"/FlateDecode" in body:
            data = zlib.decompress(body[body.index(b"stream") + 6:].lstrip(b"\r\n"))
            first = int(re.search(rb"/First (\d+)", body)[1])
            numbers = [int(x) for x in data[:first].split()]
            offsets = list(zip(numbers[::2], numbers[1::2]))
            for k, (number, offset) in enumerate(offsets):
                end = first + offsets[k + 1][1] if k + 1 < len(offsets) else len(data)
                objects[number] = data[first + offset:end]
    return objects


def pdf_pages(pdf: bytes) -> list[int]:
    """The object numbers of the PDF's pages (``/Type /Page`` objects), in page order."""
    objects = _objects(pdf)
    pages = {n for n, body in objects.items() if re.search(rb"/Type\s*/Page(?![s\w])", body)}
    trees = [body for body in objects.values() if re.search(rb"/Type\s*/Pages\b", body)]
    kids = [int(n) for tree in trees
            for n in re.findall(rb"(\d+) 0 R", re.search(rb"/Kids\s*\[(.*?)\]", tree, re.S)[1])]
    ordered = [n for n in kids if n in pages]
    return ordered if len(ordered) == len(pages) else sorted(pages)


def pdf_destinations(pdf: bytes) -> dict[str, int]:
    """Named destinations (the targets of the page's own links, by element id) -> the page number they are on,
    counted from 1."""
    objects = _objects(pdf)
    order = {n: k for k, n in enumerate(pdf_pages(pdf), start=1)}
    catalogue = next((body for body in objects.values() if re.search(rb"/Type\s*/Catalog\b", body)), b"")
    reference = re.search(rb"/Dests\s+(\d+) 0 R", catalogue)
    table = objects.get(int(reference[1]), b"") if reference else b""
    return {name.decode("ascii"): order[int(page)]
            for name, page in re.findall(rb"/([\w.-]+)\s*\[\s*(\d+) 0 R\s*/XYZ", table) if int(page) in order}
