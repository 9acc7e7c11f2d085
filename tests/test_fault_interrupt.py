"""Publishing is atomic: a build interrupted at any moment leaves the previous site exactly
as it was, or the complete new one, search index included, and nothing else behind.

Each case alternates the project between two versions and interrupts the build of
the other one: at moments marked by what the build prints or starts (MkDocs
cleaning, MkDocs writing, Pagefind indexing), and at moments drawn at random from
the length of an uninterrupted build (a seeded draw, so a failure can be replayed).
The same holds for `render --out` and for `new`.
"""

from __future__ import annotations

import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

import generator

from conftest import Project, _env
from faults import SIGNALS, Running, assert_no_survivors, site_state, snapshot, wait_until

pytestmark = pytest.mark.slow


def version(project: Project, name: str) -> None:
    """Put the project's content in version "A" or "B": B renames an event and adds a
    hand-written page, so the two sites differ in a page's bytes and in their files."""
    timeline = project.content / "riverland/timeline.yml"
    text = timeline.read_text()
    if name == "B":
        timeline.write_text(text.replace("Ceasefire agreed", "Ceasefire signed"))
        project.write("content/about.md", "# About\n\nVersion B.\n")
    else:
        timeline.write_text(text.replace("Ceasefire signed", "Ceasefire agreed"))
        (project.content / "about.md").unlink(missing_ok=True)


def pagefind_running(run: Running) -> bool:
    for pid in run.children():
        try:
            if Path(f"/proc/{pid}/comm").read_text().strip() == "pagefind":
                return True
        except OSError:
            continue
    return False


MOMENTS: dict[str, Callable[[Running], bool]] = {
    "at once": lambda run: True,
    "as MkDocs cleans the site folder": lambda run: run.printed("Cleaning site directory"),
    "as MkDocs writes pages": lambda run: run.printed("Building documentation to directory"),
    "while Pagefind indexes": pagefind_running,
}


@pytest.fixture
def two_versions(project: Project) -> tuple[Project, dict[str, dict[str, str]], float]:
    """The project (three briefings, in version A, built), the sites of both versions,
    and how long an uninterrupted build takes."""
    for slug in ("hillside", "lakeshore"):
        shutil.copytree(project.content / "riverland", project.content / slug)
    # No cache: every build renders in worker processes and runs Pagefind.
    project.edit("mkdocs.yml", "      seeds_dir: seeds",
                 "      seeds_dir: seeds\n      cache: false")
    sites = {}
    started = time.monotonic()
    for name in ("B", "A"):
        version(project, name)
        status, output = Running(project, "build", "--strict").finish()
        assert status == 0, output
        sites[name] = site_state(project.root / "site")
    duration = (time.monotonic() - started) / 2
    assert sites["A"] != sites["B"] and "pagefind/pagefind.js" in sites["A"]
    return project, sites, duration


def assert_no_traceback_of_ours(output: str) -> None:
    """The build never prints a traceback. Python may, before the build begins: a Ctrl-C
    while the interpreter is still importing MkDocs is Python's to report."""
    lines = output.splitlines()
    begun = next((n for n, line in enumerate(lines) if line.startswith("INFO")), len(lines))
    assert "Traceback" not in "\n".join(lines[begun:]), output
    assert str(Path(generator.__file__).parent) not in output, output


def interrupt(project: Project, sites: dict[str, dict[str, str]], current: str,
              moment: Callable[[Running], bool] | float, number: int) -> str:
    """Build the other version, interrupt it with signal `number` at `moment` (a
    condition, or seconds after the start), and check what is left; returns the version
    the site now holds."""
    other = "B" if current == "A" else "A"
    version(project, other)
    run = Running(project, "build", "--strict")
    if callable(moment):
        wait_until(lambda: moment(run) or run.process.poll() is not None, "the moment")
    else:
        # The moment itself is what is tested here, not a stand-in for an event.
        time.sleep(moment)
    run.signal(number, group=number == signal.SIGINT)  # Ctrl-C reaches the whole group
    status, output = run.finish()
    assert_no_traceback_of_ours(output)
    assert_no_survivors(run.group)
    site = site_state(project.root / "site")
    assert site in (sites[current], sites[other]), \
        f"the site is neither the previous one nor the new one (exit status {status})"
    return current if site == sites[current] else other


@pytest.mark.parametrize("name", list(SIGNALS))
def test_an_interrupted_build_leaves_the_previous_site_or_the_new_one(
        two_versions: tuple[Project, dict[str, dict[str, str]], float], name: str) -> None:
    project, sites, duration = two_versions
    number = SIGNALS[name]
    draw = random.Random(f"{name} interrupts")
    moments: list[Callable[[Running], bool] | float] = list(MOMENTS.values())
    moments += [draw.uniform(0, duration * 1.2) for _ in range(4 if name == "SIGKILL" else 2)]
    current = "A"
    for moment in moments:
        current = interrupt(project, sites, current, moment, number)
    # The next build cleans up whatever the interrupted ones left, and succeeds.
    version(project, "A")
    status, output = Running(project, "build", "--strict").finish()
    assert status == 0, output
    assert site_state(project.root / "site") == sites["A"]
    assert [p.name for p in project.root.iterdir() if p.name.startswith(".site")] == []


def command(project: Project, *args: str) -> subprocess.Popen[bytes]:
    """`python -m generator ARGS` started in the project."""
    return subprocess.Popen([sys.executable, "-m", "generator", *args], cwd=project.root,
                            env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def render(project: Project) -> subprocess.Popen[bytes]:
    return command(project, "render", "--out", "md")


def test_an_interrupted_render_leaves_the_previous_output_or_the_new_one(
        project: Project) -> None:
    outputs = {}
    started = time.monotonic()
    for name in ("B", "A"):
        version(project, name)
        assert render(project).wait(timeout=300) == 0
        outputs[name] = snapshot(project.root / "md")
    duration = (time.monotonic() - started) / 2
    (project.root / "md/mine.txt").write_text("a user's file")
    for name in outputs:
        outputs[name]["mine.txt"] = snapshot(project.root / "md")["mine.txt"]
    draw = random.Random("render interrupts")
    current = "A"
    for _ in range(8):
        other = "B" if current == "A" else "A"
        version(project, other)
        process = render(project)
        time.sleep(draw.uniform(0, duration * 1.2))  # the moment under test
        process.kill()
        process.wait(timeout=300)
        found = snapshot(project.root / "md")
        assert found in (outputs[current], outputs[other])
        current = current if found == outputs[current] else other
    assert render(project).wait(timeout=300) == 0
    assert (project.root / "md/mine.txt").read_text() == "a user's file"
    assert [p.name for p in project.root.iterdir() if p.name.startswith(".md")] == []


def test_an_interrupted_new_leaves_nothing_that_blocks_a_retry(project: Project) -> None:
    def new() -> subprocess.Popen[bytes]:
        return command(project, "new", "sahel-coup")

    started = time.monotonic()
    assert new().wait(timeout=300) == 0
    duration = time.monotonic() - started
    files = sorted(p.name for p in (project.content / "sahel-coup").iterdir())
    draw = random.Random("new interrupts")
    for _ in range(8):
        shutil.rmtree(project.content / "sahel-coup")
        process = new()
        time.sleep(draw.uniform(0, duration * 1.2))  # the moment under test
        process.kill()
        process.wait(timeout=300)
        folder = project.content / "sahel-coup"
        assert not folder.exists() or sorted(p.name for p in folder.iterdir()) == files
        if folder.exists():
            shutil.rmtree(folder)
        assert new().wait(timeout=300) == 0  # a retry always works
        assert sorted(p.name for p in folder.iterdir()) == files
    assert [p.name for p in project.content.iterdir() if p.name.startswith(".")] == []


def test_a_build_started_off_the_main_thread_leaves_ctrl_c_alone() -> None:
    """A build ends at once on Ctrl-C only where Ctrl-C is its to handle: one started from
    another thread (by a tool embedding MkDocs) neither fails nor takes Ctrl-C over."""
    import threading

    from generator.mkdocs.plugin import BriefingPlugin

    plugin, failures = BriefingPlugin(), []
    before = signal.getsignal(signal.SIGINT)

    def start_and_stop() -> None:
        try:
            plugin.on_startup(command="build", dirty=False)
            plugin.on_shutdown()
        except Exception as error:  # reported below
            failures.append(error)

    thread = threading.Thread(target=start_and_stop)
    thread.start()
    thread.join(timeout=60)
    assert not thread.is_alive() and failures == []
    assert signal.getsignal(signal.SIGINT) is before
