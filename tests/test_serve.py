"""`mkdocs serve` for editors: saves reload the page, mistakes never stop the server."""

from __future__ import annotations

import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
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
def serving(project: Project, *options: str) -> Iterator[Server]:
    port = _free_port()
    mkdocs = str(Path(sys.executable).parent / "mkdocs")
    process = subprocess.Popen([mkdocs, "serve", "-a", f"127.0.0.1:{port}", *options],
                               cwd=project.root,
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
        # Ctrl-C, as an editor stops it: MkDocs then removes its temporary site folder
        # and the plugin its own (a SIGTERM would leave both in the temp folder).
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
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
        # The heading shows before the page's load event has fired (and been reported).
        page.wait_for_load_state("load")
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


def test_serve_keeps_watching_when_folders_move_and_shows_the_right_pages_again(
        project: Project) -> None:
    timeline = "content/riverland/timeline.yml"
    with serving(project) as server:
        assert "Ceasefire agreed" in server.get("riverland/timeline/")
        # content/ moved away (a branch switch does this): the server says so, keeps running.
        (project.root / "content").rename(project.root / "content-away")
        server.wait_for(lambda: any("isn't an existing directory" in line
                                    for line in server.lines), "the missing folder reported")
        (project.root / "content-away").rename(project.root / "content")
        # ... and back: saves reload pages again.
        project.edit(timeline, "Ceasefire agreed", "Ceasefire signed")
        server.wait_for(lambda: "Ceasefire signed" in server.get("riverland/timeline/"),
                        "the page edited after content/ came back")
        # seeds/ too: away, the quote cannot be checked; back, a changed seed is seen.
        (project.root / "seeds").rename(project.root / "seeds-away")
        server.wait_for(lambda: any("seed file 'council.txt' is not in seeds/" in line
                                    for line in server.lines), "the missing seed reported")
        (project.root / "seeds-away").rename(project.root / "seeds")
        seed = project.seeds / "council.txt"
        seed.write_text(seed.read_text().replace("talks will resume", "talks may resume"))
        server.wait_for(lambda: any("quote not found in seeds/council.txt" in line
                                    for line in server.lines), "the changed seed checked")
        seed.write_text(seed.read_text().replace("talks may resume", "talks will resume"))
        # A briefing renamed, then half written, then deleted.
        (project.content / "riverland").rename(project.content / "riverbank")
        server.wait_for(lambda: server.status("riverbank/timeline/") == 200, "the new address")
        assert server.status("riverland/timeline/") == 404
        path = project.content / "riverbank/timeline.yml"
        whole = path.read_text()
        path.write_text(whole[:len(whole) // 2])  # a save cut short
        server.wait_for(lambda: any(line.startswith("ERROR") and "riverbank/timeline.yml" in line
                                    for line in server.lines), "the half-written file reported")
        assert "Ceasefire signed" in server.get("riverbank/timeline/")  # the last good page
        path.write_text(whole.replace("Ceasefire signed", "Ceasefire kept"))
        server.wait_for(lambda: "Ceasefire kept" in server.get("riverbank/timeline/"),
                        "the page once the file is whole")
        shutil.rmtree(project.content / "riverbank")
        server.wait_for(lambda: server.status("riverbank/timeline/") == 404, "the page gone")
        assert server.process.poll() is None
        assert not any("Traceback" in line for line in server.lines)


def test_a_save_renders_only_its_pages_and_serves_what_a_fresh_start_would(
        project: Project) -> None:
    """Every rebuild under serve renders only the pages whose Markdown changed, with no
    setting; the pages served are still those a full build makes."""
    shutil.copytree(project.content / "riverland", project.content / "hillside")
    pages = ["riverland/timeline/", "riverland/", "hillside/timeline/", ""]
    with serving(project) as server:
        project.edit("content/riverland/timeline.yml", "title: Ceasefire agreed",
                     "title: Ceasefire signed")
        server.wait_for(lambda: "Ceasefire signed" in server.get("riverland/timeline/"),
                        "the edited page")
        server.wait_for(lambda: server.builds() >= 1, "the rebuild")
        after_save = {page: _without_livereload(server.get(page)) for page in pages}
    # The edited briefing's overview, timeline, print version and both actors' pages,
    # and the home page, which names its latest event; not the other briefing's 8 pages.
    assert any("briefing: rendered 6 changed page(s) of 17" in line for line in server.lines)
    with serving(project) as fresh:
        assert {page: _without_livereload(fresh.get(page)) for page in pages} == after_save


def _without_livereload(html: str) -> str:
    """A served page without what serve adds to it as it sends it (its reload script's
    ids and its address, which change from one start to the next)."""
    html = re.sub(r"livereload\(\d+, \d+\);", "", html)
    return re.sub(r"http://127\.0\.0\.1:\d+/", "http://127.0.0.1/", html)


def test_a_killed_servers_doorbell_is_removed_by_the_next_server() -> None:
    """The watch keeper's folder (see `serving`) outlives a server killed by a signal;
    the next server removes it, and leaves those of servers still running."""
    import os
    import tempfile

    from generator.base.processes import remove_abandoned
    from generator.mkdocs.serving import _BELL

    ended = subprocess.Popen(["true"])
    ended.wait()
    dead = Path(tempfile.mkdtemp(prefix=f"{_BELL}{ended.pid}-"))
    live = Path(tempfile.mkdtemp(prefix=f"{_BELL}{os.getpid()}-"))
    try:
        remove_abandoned(_BELL)
        assert not dead.exists()
        assert live.is_dir()
    finally:
        shutil.rmtree(dead, ignore_errors=True)
        shutil.rmtree(live, ignore_errors=True)


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_serve_stopped_by_a_signal_removes_its_temporary_site(project: Project,
                                                              number: int) -> None:
    """A service manager's stop or a closed terminal ends the preview as Ctrl-C does."""
    temp = Path(tempfile.gettempdir())
    before = set(temp.glob("mkdocs_*"))
    with serving(project) as server:
        assert set(temp.glob("mkdocs_*")) - before
        server.process.send_signal(number)
        assert server.process.wait(timeout=60) == 0
    assert set(temp.glob("mkdocs_*")) - before == set()
