"""Helpers for browser tests: serve a built site on localhost and drive real Chromium."""

from __future__ import annotations

import functools
import http.server
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, ClassVar

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    extra_headers: ClassVar[dict[str, str]] = {}

    def end_headers(self) -> None:
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def send_error(self, code: int, message: str | None = None,
                   explain: str | None = None) -> None:
        """As static hosts do: an address the site lacks gets its 404.html, if it has one."""
        page = Path(str(self.directory), "404.html")
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextmanager
def serve(folder: Path, headers: dict[str, str] | None = None) -> Iterator[str]:
    """Serve `folder` over HTTP on 127.0.0.1, sending `headers` too; yields the base URL."""
    handler_class = type("Handler", (_QuietHandler,), {"extra_headers": headers or {}})
    handler = functools.partial(handler_class, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def chromium() -> Iterator[Any]:
    """Debian's Chromium, headless, driven by Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


RESULT_LINKS = (".pagefind-ui__result > .pagefind-ui__result-inner > "
                ".pagefind-ui__result-title > a.pagefind-ui__result-link")
"""The title link of each result page (not those of its sections)."""


def search_for(tab: Any, query: str) -> list[tuple[str, str]]:
    """Type `query` into the open search dialog, as one input (as from a phone keyboard or
    an IME), and wait until Pagefind has said what it found for it and shown every
    result; the (title, href) of each result page."""

    box = tab.locator("input.pagefind-ui__search-input")
    box.wait_for()
    box.fill("")
    box.focus()
    tab.keyboard.insert_text(query)
    return results_for(tab, query)


def results_for(tab: Any, query: str) -> list[tuple[str, str]]:
    """Wait until Pagefind has said what it found for `query` and shown every result; the
    (title, href) of each result page."""
    from playwright.sync_api import expect

    said = re.compile(rf"^(\d+ results?|No results) for {re.escape(query)}$")
    expect(tab.locator(".pagefind-ui__message")).to_have_text(said, timeout=30_000)
    expect(tab.locator(".pagefind-ui__results .pagefind-ui__loading")).to_have_count(
        0, timeout=30_000)
    links = tab.locator(RESULT_LINKS)
    return [(links.nth(i).inner_text(), links.nth(i).get_attribute("href") or "")
            for i in range(links.count())]
