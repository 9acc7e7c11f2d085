"""What an editor and a reader wait for: `mkdocs serve` reloads and in-browser search.

`serve_reload` starts the real `mkdocs serve`, edits one event title in a
briefing's timeline.yml and polls the served timeline page over HTTP until
the new title is there. `search` serves a built site from a local HTTP server
that counts every byte it sends, opens the home page in headless Chromium,
types a query into Material's search box and times the first result.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import os
import signal
import socket
import subprocess
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import urlsplit

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SEARCH_UIS = (  # the site's search, whichever it has: the first whose trigger is visible
    {"ui": "Pagefind dialog", "open": ".briefing-search__open",
     "input": "dialog.briefing-search input", "result": ".pagefind-ui__result-link"},
    {"ui": "Material search", "open": None, "input": "input.md-search__input",
     "result": ".md-search-result__item"},
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str, timeout: float) -> str:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.read().decode("utf-8", "replace")
    except (OSError, ValueError):  # not up yet, 404 while building, reset connection
        return ""


def _wait_for(url: str, text: str, deadline: float) -> float | None:
    """Poll `url` until its body contains `text`; the monotonic time it did, or None."""
    while time.monotonic() < deadline:
        if text in _get(url, timeout=max(1.0, deadline - time.monotonic())):
            return time.monotonic()
        time.sleep(0.05)
    return None


def serve_reload(root: Path, mkdocs: Path, env: dict[str, str], slug: str, titles: list[str],
                 edits: int, focus: bool, timeout: float = 1200) -> dict[str, Any]:
    """Seconds from `mkdocs serve` start to the first page, and from each save to the new page.

    Each edit renames one event (the first whose title line is unique in the file) and
    the file is restored afterwards. With `focus`, BRIEFING_FOCUS=<slug> is set.
    """
    timeline = root / "content" / slug / "timeline.yml"
    original = timeline.read_bytes()
    text = original.decode("utf-8")
    old = next(t for t in titles if text.count(f"title: {t}\n") == 1)
    env = dict(env, **({"BRIEFING_FOCUS": slug} if focus else {}))
    port = free_port()
    url = f"http://127.0.0.1:{port}/{slug}/timeline/"
    log = (root / f"serve{'-focus' if focus else ''}.log").open("wb")
    t0 = time.monotonic()
    # A shell's background job inherits SIGINT ignored, and then Python never turns it
    # into KeyboardInterrupt: restore it, so that serve can stop cleanly below.
    server = subprocess.Popen([str(mkdocs), "serve", "-a", f"127.0.0.1:{port}"], cwd=root,
                              env=env, stdout=log, stderr=subprocess.STDOUT,
                              preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    result: dict[str, Any] = {"focus": focus, "reload_s": []}
    try:
        ready = _wait_for(url, old, t0 + timeout)
        if ready is None:
            result["error"] = "serve never showed the page; see " + log.name
            return result
        result["first_build_s"] = ready - t0
        current = old
        for k in range(edits):
            new = f"Reload probe {k} {time.time_ns()}"
            text = text.replace(f"title: {current}\n", f"title: {new}\n")
            saved = time.monotonic()
            timeline.write_text(text, encoding="utf-8")
            shown = _wait_for(url, new, saved + timeout)
            if shown is None:
                result["error"] = f"edit {k} never showed; see {log.name}"
                break
            result["reload_s"].append(shown - saved)
            current = new
            time.sleep(1.0)  # let the watcher settle before the next save
    finally:
        result["stopped_by"] = _stop(server)
        log.close()
        timeline.write_bytes(original)
    return result


def _stop(server: subprocess.Popen) -> str:
    """Stop the server: SIGINT first (serve then removes its temporary site folder)."""
    for how in (signal.SIGINT, signal.SIGTERM, signal.SIGKILL):
        server.send_signal(how)
        try:
            server.wait(15)
            return how.name
        except subprocess.TimeoutExpired:
            continue
    return "never stopped"


class _CountingHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files and records (monotonic time, path, bytes) for each body it sends."""

    sent: ClassVar[list[tuple[float, str, int]]] = []

    def copyfile(self, source: Any, outputfile: Any) -> None:
        try:
            size = os.fstat(source.fileno()).st_size
        except (AttributeError, OSError):  # a generated body (directory listing, error)
            size = len(source.getvalue())
        super().copyfile(source, outputfile)
        self.sent.append((time.monotonic(), self.path, size))

    def log_message(self, format: str, *args: Any) -> None:
        pass


@functools.cache
def _gzip_size(path: Path, sent: int) -> int:
    try:
        return len(gzip.compress(path.read_bytes(), 6))
    except OSError:  # not a file on disk (a directory listing): count what was sent
        return sent


def _local(site: Path, url_path: str) -> Path:
    path = site / url_path.split("?", 1)[0].lstrip("/")
    return path / "index.html" if path.is_dir() else path


def search(site: Path, query: str, target: str, repeats: int) -> dict[str, Any]:
    """Bytes sent before, and milliseconds from typing to, the first search result.

    Each repeat uses a fresh browser context (empty cache): open the home page,
    open search the way a reader would (click the search button or box), type
    the query. Bytes are counted by the server, so requests made by a search
    worker count too; the gzip figure is what the same bodies weigh
    gzip-compressed, as most web servers send them.
    """
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_CountingHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    runs = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for _ in range(repeats):
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                page = context.new_page()
                _CountingHandler.sent = []
                opened = time.monotonic()
                page.goto(base, wait_until="load")
                ui = next((u for u in SEARCH_UIS
                           if page.locator(u["open"] or u["input"]).first.is_visible()), None)
                if ui is None:
                    raise RuntimeError("no search button or box on the home page")
                # Time in the page itself: a MutationObserver notes when the first result
                # exists. (Not wait_for_function: its polling evaluates strings, which the
                # site's Content-Security-Policy forbids.)
                page.evaluate("""selector => {
                    window.__first = null;
                    new MutationObserver((_, obs) => {
                        if (document.querySelector(selector)) {
                            window.__first = performance.now(); obs.disconnect(); }
                    }).observe(document.body, {childList: true, subtree: true});
                    window.__opened = performance.now();
                }""", ui["result"])
                if ui["open"]:
                    page.locator(ui["open"]).first.click()
                box = page.locator(ui["input"]).first
                box.wait_for(state="visible", timeout=120_000)
                box.click()
                page.evaluate("window.__typed = performance.now()")
                page.keyboard.type(query)
                page.wait_for_selector(ui["result"], timeout=600_000)
                seen = time.monotonic()
                times = page.evaluate("[window.__first - window.__typed, "
                                      "window.__first - window.__opened]")
                hrefs = page.locator(ui["result"]).evaluate_all(
                    "els => els.map(e => (e.matches('a') ? e : e.querySelector('a'))"
                    "?.getAttribute('href'))")
                context.close()
                sent = [(t, path, size) for t, path, size in _CountingHandler.sent
                        if opened <= t <= seen]
                runs.append({
                    "ui": ui["ui"],
                    "ms_to_first_result": times[0],
                    "ms_open_to_first_result": times[1],
                    "bytes_before_first_result": sum(s for _, _, s in sent),
                    "gzip_bytes_before_first_result": sum(
                        _gzip_size(_local(site, path), size) for _, path, size in sent),
                    "requests": [[path, size] for _, path, size in sent],
                    "results": len(hrefs),
                    "target_found": any(urlsplit(h or "").path.strip("/").endswith(
                        target.strip("/")) for h in hrefs),
                })
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return {"query": query, "runs": runs}
