"""`mkdocs serve` for editors: saves reload the page, mistakes never stop the server."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from browser import chromium
from conftest import Project, _env

pytestmark = pytest.mark.slow

ERROR = ("ERROR   -  content/riverland/timeline.yml:15:23: events[1].actors[1]: unknown actor "
         "'concil' (did you mean 'council'?)")


class Server:
    """A running `mkdocs serve` and the lines it has printed."""

    def __init__(self, process: subprocess.Popen[str], url: str) -> None:
        self.process = process
        self.url = url
        self.lines: list[str] = []

    def get(self, path: str) -> str:
        with urllib.request.urlopen(self.url + path, timeout=60) as response:
            return str(response.read().decode("utf-8"))

    def status(self, path: str) -> int:
        """The HTTP status the server answers for `path`."""
        try:
            with urllib.request.urlopen(self.url + path, timeout=60) as response:
                return int(response.status)
        except urllib.error.HTTPError as error:
            return int(error.code)

    def wait_for(self, condition: Callable[[], bool], what: str, timeout: float = 300) -> None:
        """Poll until `condition` holds; `timeout` only stops a server that never gets
        there from hanging the suite."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if condition():
                return
            assert self.process.poll() is None, "mkdocs serve exited:\n" + "\n".join(self.lines)
            time.sleep(0.1)
        raise AssertionError(f"timed out waiting for {what}:\n" + "\n".join(self.lines))

    def builds(self) -> int:
        return sum("Reloading browsers" in line for line in self.lines)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serving(project: Project) -> Iterator[Server]:
    port = _free_port()
    mkdocs = str(Path(sys.executable).parent / "mkdocs")
    process = subprocess.Popen([mkdocs, "serve", "-a", f"127.0.0.1:{port}"], cwd=project.root,
                               stderr=subprocess.STDOUT, stdout=subprocess.PIPE, text=True,
                               env=_env())
    server = Server(process, f"http://127.0.0.1:{port}/")
    assert process.stdout is not None
    reader = threading.Thread(target=lambda: server.lines.extend(
        line.rstrip("\n") for line in process.stdout), daemon=True)  # type: ignore[union-attr]
    reader.start()
    try:
        server.wait_for(lambda: any("Serving on" in line for line in server.lines), "the server")
        yield server
    finally:
        process.terminate()
        process.wait(timeout=10)
        reader.join(timeout=10)
        process.stdout.close()


def test_a_broken_save_keeps_the_last_good_pages_and_a_fix_recovers(project: Project) -> None:
    with serving(project) as server:
        assert "Ceasefire agreed" in server.get("riverland/timeline/")
        project.edit("content/riverland/timeline.yml", "title: Ceasefire agreed",
                     "title: Ceasefire signed")
        project.edit("content/riverland/timeline.yml", "actors: [militia]",
                     "actors: [militia, concil]")
        server.wait_for(lambda: ERROR in server.lines, "the error")
        server.wait_for(lambda: server.builds() >= 1, "the rebuild")
        page = server.get("riverland/timeline/")
        assert "Ceasefire agreed" in page and "Ceasefire signed" not in page
        assert not any("Traceback" in line for line in server.lines)

        project.edit("content/riverland/timeline.yml", "actors: [militia, concil]",
                     "actors: [militia]")
        server.wait_for(lambda: "Ceasefire signed" in server.get("riverland/timeline/"),
                        "the fixed page")


def test_a_briefing_that_never_built_serves_a_page_listing_its_errors(project: Project) -> None:
    project.edit("content/riverland/timeline.yml", "actors: [militia]",
                 "actors: [militia, concil]")
    with serving(project) as server:
        page = server.get("riverland/")
        assert "Briefing 'riverland' has errors<a" in page
        assert ("<code>content/riverland/timeline.yml:15:23: events[1].actors[1]: unknown actor "
                "'concil' (did you mean 'council'?)</code>") in page
        assert ERROR in server.lines
        project.edit("content/riverland/timeline.yml", "actors: [militia, concil]",
                     "actors: [militia]")
        server.wait_for(lambda: "Riverland ceasefire" in server.get("riverland/"),
                        "the briefing")


def stamps(project: Project) -> dict[str, tuple[int, int]]:
    """Size and modification time of every file `mkdocs serve` watches in the project."""
    watched = [project.root / "mkdocs.yml", *[p for folder in ("content", "seeds", "overrides")
                                              for p in (project.root / folder).rglob("*")]]
    return {str(p): (p.stat().st_size, p.stat().st_mtime_ns) for p in watched}


@pytest.mark.browser
def test_each_yaml_save_reloads_the_open_page_once(project: Project) -> None:
    with serving(project) as server, chromium() as browser:
        page = browser.new_page()
        loads: list[str] = []
        page.on("load", lambda: loads.append(page.url))
        page.goto(server.url + "riverland/timeline/")
        project.edit("content/riverland/timeline.yml", "title: Ceasefire agreed",
                     "title: Ceasefire signed")
        watched = stamps(project)
        page.get_by_role("heading", name="Ceasefire signed").wait_for(timeout=120_000)
        # The build wrote nothing where serve watches, so nothing sets off another one.
        assert stamps(project) == watched
        # A second save: had the first one set off more than one build (a build that
        # touches what it watches rebuilds for ever), this one would come after those.
        project.edit("content/riverland/timeline.yml", "title: Clashes on the bridge",
                     "title: Clashes at the ford")
        page.get_by_role("heading", name="Clashes at the ford").wait_for(timeout=120_000)
        server.wait_for(lambda: server.builds() >= 2, "the second build")
        assert server.builds() == 2
        assert len(loads) == 3


def test_a_changed_plugin_option_takes_effect_on_the_next_reload(project: Project) -> None:
    with serving(project) as server:
        server.wait_for(lambda: server.status("pagefind/pagefind.js") == 200, "the index")
        project.edit("mkdocs.yml", "      seeds_dir: seeds",
                     "      seeds_dir: seeds\n      search: false")
        server.wait_for(lambda: server.builds() >= 1, "the rebuild")
        assert server.status("pagefind/pagefind.js") == 404


@pytest.mark.browser
def test_a_broken_save_shows_its_errors_over_the_page_until_a_good_save(
        project: Project) -> None:
    with serving(project) as server, chromium() as browser:
        page = browser.new_page()
        page.goto(server.url + "riverland/timeline/")
        assert page.locator(".briefing-problems").count() == 0
        project.edit("content/riverland/timeline.yml", "actors: [militia]",
                     "actors: [militia, concil]")
        overlay = page.locator(".briefing-problems")
        overlay.wait_for(timeout=120_000)
        assert overlay.get_attribute("role") == "alert"
        assert [line for line in overlay.inner_text().splitlines() if line] == [
            "1 error in the content: this preview keeps showing the last good pages until "
            "they are fixed. Fix the file and save: this page reloads.",
            "content/riverland/timeline.yml:15:23: events[1].actors[1]: unknown actor "
            "'concil' (did you mean 'council'?)"]
        project.edit("content/riverland/timeline.yml", "actors: [militia, concil]",
                     "actors: [militia]")
        overlay.wait_for(state="detached", timeout=120_000)
        assert page.get_by_role("heading", name="Ceasefire agreed").is_visible()
