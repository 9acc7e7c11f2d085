"""Properties that hold for any input, checked on random briefings with Hypothesis.

- Any valid briefing, whatever its text, passes `check`, renders, and its
  pages read back as Markdown with no element that plain words would not
  make, and with front matter MkDocs can read; and a real `mkdocs build`
  of it succeeds, under `--strict` whenever `check --strict` passes.
- Any damage to the valid fixture (random bytes or characters inserted, text
  cut out, keys removed, values replaced by random YAML) ends in `check`
  exiting 0 or 1 with every problem on one `file:line:col: ...` line; never an
  exception, and `render` writes nothing outside its output folder.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures"
FILES = ("briefing.yml", "actors.yml", "timeline.yml", "stakes.yml", "sources.yml")
PROBLEM = re.compile(r"content/riverland/[a-z]+\.yml:\d+:\d+: \S.*")
"""One problem line: file, line, column, then the field and message."""
SUMMARY = re.compile(r"checked \d+ briefings?: \d+ errors?, \d+ warnings?")
SETTINGS = settings(max_examples=100, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])
"""Fixed examples, so a run in CI fails or passes the same way every time."""


@contextlib.contextmanager
def project() -> Iterator[Path]:
    """A project folder with the fixture's seeds and an empty content folder."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        shutil.copytree(FIXTURES / "seeds", root / "seeds")
        (root / "content").mkdir()
        yield root


def run(root: Path, *args: str) -> tuple[int, list[str], list[str]]:
    """Run `python -m generator ARGS` in `root`: status, stdout and stderr lines."""
    from generator.cli.main import main as run_cli

    out, err = io.StringIO(), io.StringIO()
    cwd = Path.cwd()
    os.chdir(root)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = run_cli(list(args))
    finally:
        os.chdir(cwd)
    return status, out.getvalue().splitlines(), err.getvalue().splitlines()


def files_under(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


# Random valid briefings

HOSTILE = [s["text"] for group, items in yaml.safe_load(
    (HERE / "hostile" / "text.yml").read_text(encoding="utf-8")).items()
    if group != "urls" for s in items]
"""The hostile strings of the corpus, to mix with random text."""

ids = st.from_regex(r"[a-z0-9]{1,6}(-[a-z0-9]{1,6}){0,2}", fullmatch=True).filter(
    lambda s: s != "index")
characters = st.one_of(
    st.characters(blacklist_categories=("Cc", "Cs")),
    # Beyond U+FFFF, drawn often: emoji and supplementary scripts once broke front matter.
    st.characters(min_codepoint=0x10000, blacklist_categories=("Cc", "Cs", "Cn", "Co")))
words = st.one_of(
    st.text(st.one_of(characters, st.sampled_from("\n\t <>&*_`[]()#!|{}%-=~\\")),
            min_size=1, max_size=40),
    st.sampled_from(HOSTILE)).filter(lambda s: s.strip())
days = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9000, 12, 31))


@st.composite
def dates(draw: Any) -> str:
    """A date at a random precision, as text: YYYY, YYYY-MM or YYYY-MM-DD."""
    day = draw(days)
    return day.isoformat()[:draw(st.sampled_from([4, 7, 10]))]


@st.composite
def briefings(draw: Any) -> dict[str, Any]:
    """The five files of a valid briefing with random ids, text and dates."""
    source_ids = draw(st.lists(ids, min_size=1, max_size=3, unique=True))
    actor_ids = draw(st.lists(ids, min_size=2, max_size=4, unique=True))
    some_sources = st.lists(st.sampled_from(source_ids), min_size=1, max_size=2)
    seeded = source_ids[0]

    def maybe(strategy: Any) -> Any:
        return draw(st.one_of(st.none(), strategy))

    def actor(actor_id: str) -> dict[str, Any]:
        data = {"id": actor_id, "name": draw(words), "aliases": draw(st.lists(words, max_size=2)),
                "kind": draw(st.sampled_from(["state", "government", "armed-group",
                                              "organization", "person"])),
                "summary": draw(words), "sources": draw(some_sources),
                "quotes": [{"text": draw(words), "source": seeded, "context": draw(words)}
                           for _ in range(draw(st.integers(0, 2)))]}
        for key in ("native_name", "role", "stance"):
            value = maybe(words)
            if value is not None:
                data[key] = value
        return data

    def event(event_id: str) -> dict[str, Any]:
        return {"id": event_id, "date": draw(dates()), "title": draw(words),
                "summary": draw(words), "approximate": draw(st.booleans()),
                "actors": draw(st.lists(st.sampled_from(actor_ids), min_size=1, max_size=2)),
                "location": draw(words), "sources": draw(some_sources)}

    actors = [actor(a) for a in actor_ids]
    return {
        "briefing.yml": {
            "title": draw(words), "summary": draw(words),
            "key_points": draw(st.lists(words, min_size=1, max_size=3)),
            "status": draw(st.sampled_from(["active", "monitoring", "resolved"])),
            "as_of": draw(dates()), "region": draw(words),
            "tags": draw(st.lists(words, max_size=2)), "sources": source_ids,
            "updates": [{"date": draw(dates()), "summary": draw(words)}
                        for _ in range(draw(st.integers(0, 2)))]},
        "actors.yml": {
            "actors": actors,
            "relations": [{"from": actor_ids[0], "to": actor_ids[1],
                           "kind": draw(st.sampled_from(["accuses", "mediates", "supports"])),
                           "summary": draw(words), "sources": draw(some_sources)}]},
        "timeline.yml": {"events": [event(e) for e in draw(
            st.lists(ids, min_size=1, max_size=3, unique=True))]},
        "stakes.yml": {"stakes": [
            {"id": stake_id, "title": draw(words), "summary": draw(words),
             "positions": [{"actor": a, "position": draw(words)} for a in actor_ids[:2]],
             "outlook": draw(words), "sources": draw(some_sources)}
            for stake_id in draw(st.lists(ids, min_size=1, max_size=2, unique=True))]},
        "sources.yml": {"sources": [
            {"id": s, "title": draw(words), "publisher": draw(words), "published": draw(dates()),
             "url": f"https://example.org/{s}", **({"seed": "quotes.txt"} if s == seeded else {})}
            for s in source_ids]},
        "quotes.txt": "\n".join(q["text"] for a in actors for q in a["quotes"]) + "\nend\n",
    }


def write(root: Path, files: dict[str, Any]) -> None:
    for name, data in files.items():
        if name.endswith(".txt"):
            (root / "seeds" / name).write_text(data, encoding="utf-8")
            continue
        path = root / "content" / "riverland" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True),
                        encoding="utf-8")


class _Tags(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)


def page_tags(folder: Path) -> tuple[set[str], list[str]]:
    """The elements of every rendered page read as MkDocs reads it, and the pages
    whose front matter MkDocs could not read."""
    from mkdocs.utils import meta
    from test_text import _site_markdown

    converter = _site_markdown()
    tags: set[str] = set()
    unreadable = []
    for page in sorted(folder.rglob("*.md")):
        body, data = meta.get_data(page.read_text(encoding="utf-8"))
        if "title" not in data:
            unreadable.append(page.name)
        converter.reset()
        tags |= _Tags(converter.convert(body)).tags
    return tags, unreadable


@pytest.fixture(scope="session")
def fixture_tags(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    """The elements the fixture's pages have, with every optional field filled in.

    Rendered once, with a user cache of its own, as conftest's user_cache gives each test."""
    with pytest.MonkeyPatch.context() as env, project() as root:
        env.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))
        shutil.copytree(FIXTURES / "riverland", root / "content" / "riverland")
        briefing = root / "content/riverland/briefing.yml"
        briefing.write_text(briefing.read_text() + "region: R\ntags: [t]\n"
                            "updates:\n  - {date: 2025-10-24, summary: U.}\n")
        actors = root / "content/riverland/actors.yml"
        actors.write_text(actors.read_text().replace(
            "    kind: armed-group", "    kind: armed-group\n    native_name: N\n"
            "    role: R\n    stance: S.\n"))
        # An event on a known day, which the timeline strip draws as a dot.
        timeline = root / "content/riverland/timeline.yml"
        timeline.write_text(timeline.read_text().replace(
            "    kind: agreement\n", "    kind: talks\n", 1))
        assert run(root, "render", "--out", "out")[0] == 0
        return page_tags(root / "out")[0]


INLINE = {"em", "strong", "code", "br", "a"}


@SETTINGS
@given(briefings())
def test_any_valid_briefing_checks_renders_and_makes_no_markup_of_its_text(
        fixture_tags: set[str], files: dict[str, Any]) -> None:
    with project() as root:
        write(root, files)
        status, out, err = run(root, "check")
        assert [line for line in err if ": warning: " not in line] == []
        assert status == 0 and SUMMARY.fullmatch(out[-1])
        assert run(root, "render", "--out", "out")[0] == 0
        tags, unreadable = page_tags(root / "out")
        assert tags <= fixture_tags | INLINE
        assert unreadable == []


# Random damage to the valid fixture

def fixture() -> dict[str, bytes]:
    return {name: (FIXTURES / "riverland" / name).read_bytes() for name in FILES}


def paths_in(data: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """The path of every value inside `data`."""
    yield path
    items = data.items() if isinstance(data, dict) else \
        enumerate(data) if isinstance(data, list) else []
    for key, value in items:
        yield from paths_in(value, (*path, key))


yaml_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=12),
              days, st.sampled_from(HOSTILE)),
    lambda inner: st.one_of(st.lists(inner, max_size=3),
                            st.dictionaries(st.text(max_size=8), inner, max_size=3)),
    max_leaves=6)


@st.composite
def damage(draw: Any, files: dict[str, bytes]) -> dict[str, bytes]:
    """The fixture's files with one to three random changes."""
    files = dict(files)
    for _ in range(draw(st.integers(1, 3))):
        name = draw(st.sampled_from(FILES))
        raw = files[name]
        at = draw(st.integers(0, len(raw)))
        how = draw(st.sampled_from(["bytes", "text", "cut", "remove key", "replace value"]))
        if how == "bytes":
            raw = raw[:at] + draw(st.binary(min_size=1, max_size=6)) + raw[at:]
        elif how == "text":
            raw = raw[:at] + draw(st.text(max_size=6)).encode("utf-8", "surrogatepass") + raw[at:]
        elif how == "cut":
            raw = raw[:at] + raw[at + draw(st.integers(1, 40)):]
        else:
            from generator.content.document import parse_yaml

            doc, problems = parse_yaml(raw, name)
            if problems:
                continue
            data = doc.data
            paths = [p for p in paths_in(data) if p]
            if not paths:
                continue
            path = draw(st.sampled_from(paths))
            parent = data
            for key in path[:-1]:
                parent = parent[key]
            if how == "remove key":
                del parent[path[-1]]
            else:
                parent[path[-1]] = draw(yaml_values)
            raw = yaml.safe_dump(data, sort_keys=False, allow_unicode=True).encode()
        files[name] = raw
    return files


@settings(SETTINGS, max_examples=300)
@given(damage(fixture()))
def test_any_damage_to_the_fixture_ends_in_clean_problems_never_an_exception(
        files: dict[str, bytes]) -> None:
    with project() as root:
        folder = root / "content" / "riverland"
        folder.mkdir()
        for name, raw in files.items():
            (folder / name).write_bytes(raw)
        before = files_under(root)
        status, out, err = run(root, "check")
        assert status in (0, 1)
        assert SUMMARY.fullmatch(out[-1])
        assert [line for line in err if not PROBLEM.fullmatch(line)] == []
        assert (status == 1) == any(": warning: " not in line for line in err)
        status, _, _ = run(root, "render", "--out", "out")
        assert status in (0, 1)
        new = {f for f in files_under(root) - before
               if not f.startswith(("out/", ".cache/"))}
        assert new == set()


@pytest.mark.slow
@settings(SETTINGS, max_examples=4)
@given(briefings())
def test_any_valid_briefing_builds_strict_when_check_strict_passes(
        files: dict[str, Any]) -> None:
    import subprocess
    import sys

    repo = HERE.parent
    with project() as root:
        write(root, files)
        shutil.copy(repo / "mkdocs.yml", root / "mkdocs.yml")
        shutil.copytree(repo / "overrides", root / "overrides")
        strict = run(root, "check", "--strict")[0] == 0  # random ones may carry warnings
        command = [str(Path(sys.executable).parent / "mkdocs"), "build",
                   *(["--strict"] if strict else [])]
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1", XDG_CACHE_HOME=str(root / "cache"))
        result = subprocess.run(command, cwd=root, capture_output=True, text=True, env=env,
                                check=False)
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr
        assert (root / "site/riverland/timeline/index.html").is_file()


front_values = st.recursive(
    st.none() | st.booleans() | st.integers(-10**6, 10**6)
    | st.text(st.one_of(characters, st.sampled_from("\n\t\"\\:-#{}[]")), max_size=30),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
        st.text(st.one_of(characters, st.sampled_from("\"\\:")), max_size=6), inner,
        max_size=3),
    max_leaves=8)


@settings(SETTINGS, max_examples=200)
@given(st.dictionaries(st.sampled_from(["title", "description", "jsonld", "briefing", "lang"]),
                       front_values, max_size=5), words)
def test_front_matter_reads_back_as_written_and_as_yaml_reads_it(
        meta: dict[str, Any], body: str) -> None:
    from mkdocs.utils import meta as mkdocs_meta

    from generator.render.front_matter import front_matter_value, read_front_matter

    front = "".join(f"{key}: {front_matter_value(value)}\n" for key, value in meta.items())
    text = f"---\n{front}---\n{body}"
    assert read_front_matter(text) == (meta, body)
    assert mkdocs_meta.get_data(text)[1] == meta  # the same data any YAML reader gets


@pytest.mark.parametrize("text", [
    "no front matter", "---\ntitle: \"a\"\n---", "---\nTitle: \"a\"\n---\nb",
    "---\nti-tle: 1\n---\nb", "---\ntitle \"a\"\n---\nb", "---\n: 1\n---\nb",
    "---\ntitle: \n---\nb", "---\n\n---\nb", "---\r\ntitle: 1\n---\nb"])
def test_anything_else_is_not_taken_for_front_matter(text: str) -> None:
    from generator.render.front_matter import read_front_matter

    assert read_front_matter(text) is None


@pytest.mark.parametrize("name", FILES)
def test_a_clean_file_locates_its_values_as_a_file_with_a_mistake_does(name: str) -> None:
    # A file that parses cleanly has its positions found only when a later check asks for
    # one; a file with a mistake is read with them at once. Both must say the same.
    from generator.content.document import parse_yaml

    raw = (FIXTURES / "riverland" / name).read_bytes()
    clean, problems = parse_yaml(raw, name)
    assert problems == []
    first_key = next(iter(clean.data)).encode()
    flawed, problems = parse_yaml(raw + b"\n" + first_key + b": repeated\n", name)
    assert [problem.message.split(" (")[0] for problem in problems] == \
        [f"duplicate key '{first_key.decode()}'"]
    assert flawed.data == clean.data  # the repeated key's value is dropped
    for path in paths_in(clean.data):
        assert clean.position(path) == flawed.position(path)
        assert clean.position(path, at_key=True) == flawed.position(path, at_key=True)
