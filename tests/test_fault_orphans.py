"""No orphans, no hangs: killing the parent of a cold build, however it is killed, leaves
no worker and no indexer running.

A cold build renders briefings in forked worker processes and runs Pagefind; each
case waits until those children are there, kills the parent, and then looks for
any process of the build's process group still alive.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import Project
from faults import SIGNALS, Running, assert_no_survivors, wait_until

pytestmark = pytest.mark.slow

EVENT = """  - id: event-{n}
    date: 2025-10-{day:02d}
    title: Event number {n} on the river
    summary: Something happened on the river, *again*, as the council reported.
    actors: [council, militia]
    sources: [council-statement]
"""


def many_briefings(project: Project, count: int = 8, events: int = 400) -> None:
    """`count` briefings of `events` events each: enough work that the workers run a while."""
    timeline = project.content / "riverland/timeline.yml"
    timeline.write_text(timeline.read_text() + "".join(
        EVENT.format(n=n, day=1 + n % 19) for n in range(events)))
    for n in range(1, count):
        shutil.copytree(project.content / "riverland", project.content / f"river-{n}")


def comm(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return ""


@pytest.mark.parametrize("name", list(SIGNALS))
def test_killing_a_cold_build_leaves_no_worker_alive(project: Project, name: str) -> None:
    many_briefings(project)
    run = Running(project, "build", "--strict")
    # Workers are forked copies of the build: the same command, children of it.
    wait_until(lambda: len(run.children()) >= 2 or run.process.poll() is not None,
               "the worker processes")
    assert run.process.poll() is None, "the build ended before its workers were seen"
    run.signal(SIGNALS[name], group=name == "Ctrl-C")
    status, output = run.finish()
    assert status != 0
    assert "Traceback" not in output
    assert_no_survivors(run.group)


def test_killing_a_build_while_pagefind_indexes_leaves_no_indexer(project: Project) -> None:
    many_briefings(project, count=4)
    run = Running(project, "build", "--strict")
    wait_until(lambda: any(comm(pid) == "pagefind" for pid in run.children())
               or run.process.poll() is not None, "Pagefind to start")
    assert run.process.poll() is None, "the build ended before Pagefind was seen"
    run.signal(SIGNALS["SIGKILL"])
    run.finish()
    assert_no_survivors(run.group)


def test_workers_that_run_past_the_time_allowed_are_stopped_with_a_clean_error(
        project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every wait has an end. With no time allowed at all, as if every worker had hung,
    the build stops with one message and takes its workers down with it."""
    import datetime as dt
    import multiprocessing

    from generator.base.problems import BriefingError
    from generator.build import pipeline

    many_briefings(project, count=4, events=50)
    monkeypatch.setattr(pipeline, "BUILD_TIMEOUT", 0)
    loader = pipeline.ContentLoader(project.root, project.content, project.seeds)
    with pytest.raises(BriefingError) as raised:
        loader.load(dt.date(2026, 1, 15), render=True, workers=2)
    assert str(raised.value) == ("building the briefings took more than 0 minutes and was "
                                 "stopped; nothing was built")
    wait_until(lambda: not multiprocessing.active_children(), "the workers to be gone",
               timeout=60)
