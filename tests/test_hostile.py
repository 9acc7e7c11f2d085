"""Hostile input: what text, links, paths, YAML and dates written to break the site get.

The corpus is data, in tests/hostile/:

- `text.yml` holds strings that try to become markup, links, template code or
  Markdown structure, and `fields.yml` every text field they go into. The
  site builds with all of them and shows each one as the text it is: no
  script runs, nothing loads from another host, and no page has an element
  or attribute that plain words in the same place would not give it.
- The other files hold edits to the valid `riverland` fixture that must be
  refused (or, marked `status: 0`, accepted) with the exact lines
  `python -m generator check` prints.

Every case is run through `check` on its own; all refused cases together go
through one real `mkdocs build`, which must fail without a traceback and
leave the last good site exactly as it was, and all accepted ones through
another, which must succeed. The safe strings are built into one site: every
page of it is read for markup, and every page that shows a hostile string is
opened in real Chromium. The cases that make a check do the most work are
also run at a quarter of their size, to show the work grows in proportion.
After a deliberate change to messages, regenerate the expectations with
`python tests/test_hostile.py --update` and review the diff.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import shutil
import sys
import time
from collections import Counter
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.base.settings import Site
from generator.build.pipeline import ContentLoader
from generator.content.document import parse_yaml
from generator.render import feed as feed_module
from generator.render.card import Card
from generator.render.feed import FEED_ENTRIES, atom_feed

from browser import chromium, search_for, serve
from cases import apply, moved, rewrite, run_check

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
CORPUS = HERE / "hostile"
FIXTURES = HERE / "fixtures"


# The corpus of refused cases

def load_cases() -> list[dict[str, Any]]:
    """Every case of every corpus file that has `cases:`, named `file: name`."""
    cases = []
    for path in sorted(CORPUS.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in data.get("cases", []):
            cases.append({**case, "id": f"{path.stem}: {case['name']}"})
    return cases


def expected_lines(case: dict[str, Any], lines: list[str]) -> list[str]:
    """The lines to compare with a case's `expect`: all of them, or, for a case that
    expects a great many, the first few."""
    return lines[:len(case["expect"])] if "lines" in case else lines


CASES = load_cases()
REFUSED = [c for c in CASES if c.get("status", 1) == 1]
ACCEPTED = [c for c in CASES if c.get("status", 1) == 0]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_check_prints_exactly_the_expected_lines(case: dict[str, Any], tmp_path: Path) -> None:
    apply(case, tmp_path)
    status, lines = run_check(tmp_path)
    assert expected_lines(case, lines) == case["expect"]
    if "lines" in case:
        assert len(lines) == case["lines"]
    assert status == case.get("status", 1)


LARGEST = ["yaml: twenty thousand unknown keys are all reported, quickly",
           "yaml: two thousand unknown references are all reported, quickly",
           "paths: long wrong quote against a long seed",
           "controls: seven megabyte title"]
"""The cases that make `check` do the most work: every problem reported, a long seed
searched for a long quote, a huge text field."""
GROWTH = 8.0
"""How much more a case may cost at four times the size: 4 if the work grows in
proportion, 16 if it grows with the square of the size."""


def scaled(value: Any, factor: float) -> Any:
    """A case's edits with every repeat count (`[piece, n]`) multiplied by `factor`."""
    if isinstance(value, list) and len(value) == 2 and isinstance(value[1], int) \
            and isinstance(value[0], str):
        return [value[0], max(1, round(value[1] * factor))]
    if isinstance(value, list):
        return [scaled(v, factor) for v in value]
    if isinstance(value, dict):
        return {k: scaled(v, factor) for k, v in value.items()}
    return value


def check_costs(*roots: Path, runs: int = 5) -> list[float]:
    """The least processor time that `check` took in each of `roots` (the build cache off,
    so each run does the whole work), over `runs` rounds taken in turn. Processor time,
    and rounds in turn, so that other work on the machine weighs alike on every root."""
    costs = [float("inf")] * len(roots)
    for _ in range(runs):
        for i, root in enumerate(roots):
            start = time.process_time()
            run_check(root, cache=False)
            costs[i] = min(costs[i], time.process_time() - start)
    return costs


@pytest.mark.slow
@pytest.mark.parametrize("name", LARGEST)
def test_the_largest_cases_cost_in_proportion_to_their_size(name: str,
                                                            tmp_path: Path) -> None:
    case = next(c for c in CASES if c["id"] == name)
    apply({"edits": scaled(case["edits"], 0.25)}, tmp_path / "quarter")
    apply(case, tmp_path / "whole")
    quarter, whole = check_costs(tmp_path / "quarter", tmp_path / "whole")
    assert whole < GROWTH * quarter, f"{whole:.3f} s against {quarter:.3f} s at a quarter"


def test_every_case_has_a_unique_name_and_an_expectation() -> None:
    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids))
    assert all("expect" in c and "status" in c for c in CASES)
    assert len(REFUSED) >= 100


# The same cases through a real `mkdocs build`, all at once: each case gets a
# briefing folder of its own, built first as the valid fixture, then with its edits.

def project(root: Path) -> Any:
    from conftest import Project, one_language_config

    (root / "mkdocs.yml").write_text(one_language_config(), encoding="utf-8")
    shutil.copytree(REPO / "overrides", root / "overrides")
    shutil.copytree(FIXTURES / "seeds", root / "seeds")
    return Project(root)


def slug_of(index: int) -> str:
    return f"case-{index:03d}"


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under `folder` with a hash of its bytes."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def batch(cases: list[dict[str, Any]], root: Path) -> tuple[Any, dict[str, str]]:
    """A project holding every case in its own briefing folder, built once without
    the edits; the project and a snapshot of that good site."""
    site = project(root)
    for index, _ in enumerate(cases):
        shutil.copytree(FIXTURES / "riverland", root / "content" / slug_of(index))
    good = site.mkdocs("build", "--strict")
    assert good.returncode == 0, good.stderr
    before = snapshot(root / "site")
    for index, case in enumerate(cases):
        shutil.rmtree(root / "content" / slug_of(index))
        apply(case, root, slug_of(index))
    return site, before


def build_lines(case: dict[str, Any], slug: str) -> list[str]:
    """The lines `mkdocs build` prints for a case, as `conftest.error_lines` reads them."""
    return [("WARNING: " if ": warning: " in line else "ERROR: ") + moved(line, slug)
            for line in case["expect"]]


@pytest.fixture(scope="module")
def refused_build(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    cases = [c for c in REFUSED if "lines" not in c]
    root = tmp_path_factory.mktemp("refused")
    site, before = batch(cases, root)
    result = site.mkdocs("build")
    return {"cases": cases, "result": result, "before": before,
            "after": snapshot(root / "site")}


@pytest.mark.slow
def test_a_build_with_every_refused_case_fails_cleanly_and_keeps_the_last_site(
        refused_build: dict[str, Any]) -> None:
    from conftest import error_lines

    result = refused_build["result"]
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert refused_build["after"] == refused_build["before"]
    expected = [line for i, c in enumerate(refused_build["cases"])
                for line in build_lines(c, slug_of(i))]
    errors = sum(line.startswith("ERROR") for line in expected)
    expected.append(f"ERROR: briefing: {errors} error(s) in content; nothing was built and "
                    "the site folder was left as it was")
    assert sorted(error_lines(result.stderr)) == sorted(expected)


@pytest.mark.slow
def test_a_build_with_every_accepted_case_succeeds(tmp_path: Path) -> None:
    from conftest import error_lines

    cases = ACCEPTED
    site, _ = batch(cases, tmp_path)
    result = site.mkdocs("build")
    assert result.returncode == 0, result.stderr
    expected = [line for i, c in enumerate(cases) for line in build_lines(c, slug_of(i))]
    assert sorted(error_lines(result.stderr)) == sorted(expected)
    for index, _ in enumerate(cases):
        assert (tmp_path / "site" / slug_of(index) / "index.html").is_file()


# Hostile text in every field: one site, built once

TEXT = yaml.safe_load((CORPUS / "text.yml").read_text(encoding="utf-8"))
FIELDS = yaml.safe_load((CORPUS / "fields.yml").read_text(encoding="utf-8"))
STRINGS = [s for group in ("markup", "links", "injection", "unicode") for s in TEXT[group]]
HOSTILE = "hostile"
"""The briefing whose lists hold one item per hostile string."""
PLAIN = "plain"
"""The same briefing with plain words: what each page may look like."""
PLAIN_SINGLE = "plain-single"


def fold(text: str) -> str:
    """Text as a reader sees it: runs of whitespace shown as one space."""
    return " ".join(text.split())


def shown(string: dict[str, Any], field: dict[str, Any]) -> str:
    """What a reader sees of a hostile string in a field."""
    return fold(string["md"] if field.get("md") and "md" in string else string["text"])


def goes_in(string: dict[str, Any], field: dict[str, Any]) -> bool:
    return field["field"] not in string.get("not_in", [])


def values(field: dict[str, Any]) -> list[str]:
    """What the field holds in item (or briefing) i: hostile string i, where it goes."""
    return [s["text"] if goes_in(s, field) else f"Words {i}" for i, s in enumerate(STRINGS)]


def single(k: int) -> str:
    return f"single-{k:03d}"


def actor(i: int) -> str:
    return f"actor-{i}"


def skeleton(n: int) -> dict[str, Any]:
    """A valid briefing with n items in every list, each with every text field."""
    def source(i: int) -> dict[str, Any]:
        return {"id": f"source-{i}", "title": f"Report {i}", "publisher": f"Agency {i}",
                "published": "2025-10-20", "url": TEXT["urls"][i % len(TEXT["urls"])],
                "seed": "hostile.txt", "kind": "news", "note": f"Note {i}."}

    return {
        "briefing.yml": {
            "title": "Every hostile string in every list", "summary": "A test briefing.",
            "key_points": [f"Point {i}." for i in range(n)], "status": "active",
            "as_of": "2025-10-25", "region": "Test region",
            "tags": [f"tag {i}" for i in range(n)], "sources": ["source-0"],
            "updates": [{"date": "2025-10-24", "summary": f"Update {i}."} for i in range(n)],
            "background": [f"Background {i}." for i in range(n)]},
        "actors.yml": {
            "actors": [{"id": actor(i), "name": f"Actor {i}", "aliases": [f"A{i}"],
                        "native_name": f"Native {i}", "kind": "organization",
                        "role": f"Role {i}", "summary": f"Actor {i} acts.",
                        "stance": f"Wants {i}.", "sources": [f"source-{i}"],
                        "quotes": [{"text": f"quote {i}", "source": f"source-{i}",
                                    "context": f"Context {i}"}]} for i in range(n)],
            "relations": [{"from": actor(i), "to": actor((i + 1) % n),
                           "kind": "negotiates-with", "summary": f"Relation {i}.",
                           "sources": [f"source-{i}"]} for i in range(n)]},
        "timeline.yml": {
            "events": [{"id": f"event-{i}", "date": "2025-10-19", "title": f"Event {i}",
                        "kind": "talks", "summary": f"Event {i} happened.",
                        "actors": [actor(i)], "location": f"Place {i}",
                        "places": [f"place-{i}"],
                        "sources": [f"source-{i}"], "reported": True,
                        "according_to": f"Witnesses {i}",
                        "commitments": [{"id": f"commitment-{i}", "text": f"Promise {i}.",
                                         "parties": [actor(i)], "sources": [f"source-{i}"]}],
                        "implements": [{"commitment": f"commitment-{i}", "status": "kept",
                                        "note": f"Kept {i}."}]} for i in range(n)],
            # n figures from claimants, then n reported by a source (`after` in fields.yml).
            "claims": [{"id": f"claim-{i}", "about": f"Counted {i}", "claimant": actor(i),
                        "value": i, "unit": f"unit {i}", "event": f"event-{i}",
                        "sources": [f"source-{i}"], "quote": f"claim {i}"} for i in range(n)]
            + [{"id": f"reported-{i}", "about": f"Counted {i}", "reported_by": f"source-{i}",
                "according_to": f"Witnesses {i}", "wording": f"many {i}", "event": f"event-{i}",
                "sources": [f"source-{i}"]} for i in range(n)]},
        "stakes.yml": {
            "stakes": [{"id": f"stake-{i}", "title": f"Stake {i}", "summary": f"About {i}.",
                        "positions": [{"actor": actor(i), "position": f"Wants {i}."},
                                      {"actor": actor((i + 1) % n), "position": "Not that."}],
                        "outlook": f"Watch {i}.", "sources": [f"source-{i}"]}
                       for i in range(n)]},
        "sources.yml": {"sources": [source(i) for i in range(n)]},
        "places.yml": {
            "places": [{"id": f"place-{i}", "name": f"Place {i}",
                        "native_name": f"Native place {i}", "kind": "site", "country": "AF",
                        "coordinates": [31 + i * 0.05, 62 + i * 0.05], "note": f"Near {i}."}
                       for i in range(n)]},
    }


def put(data: dict[str, Any], path: list[str], i: int, value: str) -> None:
    """Set the field at `path` (such as ["actors[]", "quotes[]", "text"]) of item i: the
    first `[]` picks item i of its list, any later one every item of its own list."""
    def walk(node: Any, parts: list[str], first: bool) -> None:
        head, rest = parts[0], parts[1:]
        if not head.endswith("[]"):
            if rest:
                walk(node[head], rest, first)
            else:
                node[head] = value
            return
        items = node[head[:-2]]
        for index in [i] if first else range(len(items)):
            if rest:
                walk(items[index], rest, False)
            else:
                items[index] = value

    walk(data, path, True)


def fill(files: dict[str, Any], field: dict[str, Any], values: list[str]) -> None:
    """Give item i of the field's list the value i (with `after`, item n + i of a list of
    2n, whose second half holds items of another shape)."""
    offset = len(values) if field.get("after") else 0
    for i, value in enumerate(values):
        put(files[field["file"]], field["field"].split("."), offset + i, value)


def write_briefing(root: Path, slug: str, files: dict[str, Any]) -> None:
    for name, data in files.items():
        text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=2 ** 20)
        path = root / "content" / slug / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        # The dumped YAML must read back as exactly the same data through the
        # generator's own loader, or a failure below would mean nothing.
        doc, problems = parse_yaml(text.encode(), name)
        assert problems == [] and doc.data == data, name


def hostile_site(root: Path) -> Any:
    """The project: the hostile briefing and its plain twin, one briefing per hostile
    string for the briefing's own fields, and their plain twin."""
    site = project(root)
    # The site's Content-Security-Policy would stop injected scripts anyway; it is
    # turned off so that these tests see what the escaping alone does.
    site.edit("mkdocs.yml", "      seeds_dir: seeds", "      seeds_dir: seeds\n      csp: false")
    hostile, plain = skeleton(len(STRINGS)), skeleton(3)
    for field in FIELDS["lists"]:
        fill(hostile, field, values(field))
        fill(plain, field, [f"Plain words {i}" for i in range(3)])
    quotes = [q["text"] for data in (hostile, plain)
              for a in data["actors.yml"]["actors"] for q in a["quotes"]]
    quotes += [c["quote"] for data in (hostile, plain) for c in data["timeline.yml"]["claims"]
               if "quote" in c]
    (root / "seeds" / "hostile.txt").write_text("\n".join(quotes) + "\n", encoding="utf-8")
    write_briefing(root, HOSTILE, hostile)
    write_briefing(root, PLAIN, plain)
    # Read as the generator reads it, so dates stay the text they are.
    fixture = {path.name: parse_yaml(path.read_bytes(), path.name)[0].data
               for path in sorted((FIXTURES / "riverland").glob("*.yml"))}
    for k in range(len(STRINGS) + 1):
        files = {name: dict(data) for name, data in fixture.items()}
        for field in FIELDS["singles"]:
            files[field["file"]][field["field"]] = \
                values(field)[k] if k < len(STRINGS) else "Plain words"
        write_briefing(root, single(k) if k < len(STRINGS) else PLAIN_SINGLE, files)
    return site


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hostile site, built with `mkdocs build --strict`."""
    root = tmp_path_factory.mktemp("hostile")
    result = hostile_site(root).mkdocs("build", "--strict")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return root / "site"


def pages_of(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def twin(page: str) -> str | None:
    """The plain page that a hostile page must look like, element for element."""
    if page.startswith(f"{HOSTILE}/"):
        return re.sub(r"^hostile/actors/actor-\d+/", "plain/actors/actor-0/",
                      page).replace(f"{HOSTILE}/", f"{PLAIN}/", 1)
    if page.startswith("single-"):
        return f"{PLAIN_SINGLE}/" + page.split("/", 1)[1]
    return None


class Page(HTMLParser):
    """What a page is made of: its elements, attributes, scripts and comments."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.shapes: set[tuple[str, tuple[str, ...], str]] = set()
        self.attributes: list[tuple[str, str, str]] = []
        self.scripts: list[list[str]] = []
        """[src, text, type] of each script element."""
        self.comments: list[str] = []
        self._in_script = False
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = tuple(sorted(name for name, _ in attrs))
        self.shapes.add((tag, names, dict(attrs).get("class") or ""))
        self.attributes.extend((tag, name, value or "") for name, value in attrs)
        self._in_script = tag == "script"
        if tag == "script":
            self.scripts.append([dict(attrs).get("src") or "", "", dict(attrs).get("type") or ""])

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1][1] += data

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)


INLINE_MARKDOWN = {("em", (), ""), ("strong", (), ""), ("code", (), ""), ("br", (), ""),
                   ("a", ("href",), "")}
"""What inline-Markdown fields may add to a page: emphasis, code, line breaks, links."""
CROWDED = {("div", ("class",), "strip__row strip__row--others"),
           ("text", ("class", "text-anchor", "x", "y"), "pic-number")}
"""What the hostile briefing's many events add to its timeline strip beside its plain
twin's three: the row that the events without a row of their own share, each drawn with
its number in the timeline's list."""
HOME = {("div", ("data-pagefind-body",), ""), ("div", ("class", "data-desk"), "desk"),
        ("article", ("class", "data-region", "data-status", "data-tags"), "desk__item"),
        ("p", ("class",), "desk__meta"), ("span", ("class",), "badge badge--active"),
        ("span", ("class", "data-review-due"), "badge badge--stale"),
        ("a", ("class", "href", "type"), "feed-link"),
        ("div", ("aria-label", "class", "data-desk-controls", "data-pending", "role"),
         "reader-controls"),
        ("span", (), ""), ("label", ("for",), ""), ("select", ("data-filter", "id"), ""),
        ("option", ("value",), ""), ("span", ("aria-live", "data-count", "data-count-words"), ""),
        ("figure", ("class", "data-pagefind-ignore"), "picture-frame picture-frame--desk"),
        ("svg", ("aria-label", "class", "role", "viewbox"), "map desk-map"),
        *(("path", ("class", "d"), f"desk-pin desk-pin--{status}")
          for status in ("active", "monitoring", "resolved")),
        ("text", ("aria-hidden", "class", "text-anchor", "x", "y"), "desk-label"),
        ("p", ("class",), "desk__unmapped"),
        ("nav", ("aria-label", "class"), "desk-browse"), ("a", ("class", "href"), "desk-more"),
        ("circle", ("class", "cx", "cy", "r"), "desk-cluster"),
        ("text", ("aria-hidden", "class", "text-anchor", "x", "y"), "desk-cluster__count")}
"""What the home page has that no briefing page has: search indexes it whole, each
briefing is an item of the desk, with badges, the desk's filters and feed link, and the
desk map with the briefings not on it; a large desk (this one) links its listings and
groups close briefings on its map."""
LINKS = {"href", "xlink:href"}
"""Attributes that link elsewhere: within the site, or to http, https and mailto."""
LOADS = {"src", "srcset", "srcdoc", "data", "poster", "background", "action", "formaction",
         "ping", "manifest"}
"""Attributes that load or send something: within the site only."""
THEME_SCRIPT = re.compile(r"(assets|pagefind)/[\w./-]+\.js$")
"""The scripts a page may load: the theme's own and the search's."""


def markup_problems(site: Path) -> list[str]:
    """Everything on the pages with hostile text that plain words would not have made."""
    parsed = {page: Page((site / page).read_text(encoding="utf-8")) for page in pages_of(site)}
    plain = set().union(*(p.shapes for name, p in parsed.items()
                          if name.startswith((f"{PLAIN}/", f"{PLAIN_SINGLE}/"))))
    problems = []
    for name, page in parsed.items():
        base = twin(name)
        if base is not None or name == "index.html":
            allowed = parsed[base].shapes if base else plain | HOME
            problems += [f"{name}: new element {shape}"
                         for shape in page.shapes - allowed - INLINE_MARKDOWN - CROWDED]
            comments = parsed[base].comments if base else []
            problems += [f"{name}: comment {c!r}" for c in page.comments if c not in comments]
        for tag, attribute, value in page.attributes:
            if attribute.startswith("on"):
                problems.append(f"{name}: event handler <{tag} {attribute}={value!r}>")
            if (attribute in LINKS and scheme(value) not in ("", "http", "https", "mailto")) \
                    or (attribute in LOADS and scheme(value) != ""):
                problems.append(f"{name}: <{tag} {attribute}={value!r}>")
        for src, text, kind in page.scripts:
            if kind == "application/ld+json":
                problems += [f"{name}: JSON-LD {p}" for p in json_ld_problems(text)]
            elif (src and not (scheme(src) == "" and THEME_SCRIPT.search(src))) \
                    or re.search(r"alert|msgbox|evil", text):
                problems.append(f"{name}: script {src or text[:80]!r}")
        if "<script>alert" in (site / name).read_text(encoding="utf-8").lower():
            problems.append(f"{name}: <script>alert")
    return problems


def json_ld_problems(text: str) -> list[str]:
    """What is wrong with a JSON-LD block: it must be JSON, and hold no `<` that could
    end its script element (Jinja's `tojson` writes it as `\\u003c`)."""
    try:
        json.loads(text)
    except ValueError as error:
        return [f"is not JSON: {error}"]
    return ["holds a raw <"] if "<" in text else []


def scheme(url: str) -> str:
    """The scheme of a URL as a browser reads it ("" for a link within the site); a
    protocol-relative `//host` counts as leaving the site."""
    cleaned = re.sub(r"[\x00-\x20]", "", url).lower()
    if cleaned.startswith(("//", "\\\\", "/\\", "\\/")):
        return "//"
    match = re.match(r"([a-z][a-z0-9+.-]*):", cleaned)
    return match.group(1) if match else ""


@pytest.mark.slow
def test_the_hostile_site_builds_with_every_string_in_every_field(site: Path) -> None:
    pages = pages_of(site)
    assert f"{HOSTILE}/actors/{actor(len(STRINGS) - 1)}/index.html" in pages
    assert f"{single(len(STRINGS) - 1)}/index.html" in pages


@pytest.mark.slow
def test_no_page_has_markup_that_plain_words_would_not_give_it(site: Path) -> None:
    problems = markup_problems(site)
    assert not problems, "\n".join(problems)


DATA_HTML = {("p", (), ""), *INLINE_MARKDOWN}
"""What the HTML inside the data files may hold: paragraphs and inline Markdown."""


def html_problems(where: str, html: str) -> list[str]:
    """Elements beyond `DATA_HTML`, and links other than http, https and mailto."""
    page = Page(html)
    problems = [f"{where}: element {shape}" for shape in page.shapes - DATA_HTML]
    problems += [f"{where}: <{tag} {name}={value!r}>" for tag, name, value in page.attributes
                 if name != "href" or scheme(value) not in ("http", "https", "mailto")]
    return problems


@pytest.mark.slow
def test_the_data_files_hold_the_hostile_text_as_data(site: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """The feed parses, with only safe HTML in its entries; TimelineJS's text is safe HTML
    and its group and date labels (which TimelineJS reads back into markup) plain words;
    each CSV has a row per event or claim and no cell a spreadsheet would run."""
    import csv

    import feedparser

    problems: list[str] = []
    feed = feedparser.parse((site / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert len(feed.entries) == FEED_ENTRIES  # the newest of the hostile briefing's updates
    # Every update as an entry, not only the newest the site's feed holds.
    content = ContentLoader(site.parent, site.parent / "content", site.parent / "seeds").load(
        dt.date.today())
    cards = [Card.of(r.briefing) for r in content.briefings.values() if r.briefing]
    monkeypatch.setattr(feed_module, "FEED_ENTRIES", len(STRINGS) + 3)
    every = atom_feed(cards, Site(), dt.date.today())
    assert len(feedparser.parse(every.encode()).entries) == len(STRINGS) + 3
    raw = re.findall(r"<content type=\"html\">(.*?)</content>", every, re.S)
    for n, content in enumerate(raw):
        problems += html_problems(f"feed entry {n}", _unescape(content))
    data = json.loads((site / HOSTILE / "timelinejs.json").read_text(encoding="utf-8"))
    for slide in [data["title"], *data["events"]]:
        for part in ("headline", "text"):
            problems += html_problems(f"timelinejs {part}", slide["text"][part])
        problems += [f"timelinejs label {slide[k]!r}" for k in ("group", "display_date")
                     if k in slide and not re.fullmatch(r"[\w .()-]+", slide[k])]
    for name, count in (("events.csv", len(STRINGS)), ("claims.csv", 2 * len(STRINGS))):
        with (site / HOSTILE / name).open(encoding="utf-8", newline="") as file:
            rows = list(csv.DictReader(file))
        assert len(rows) == count, name
        problems += [f"{name}: {cell!r}" for row in rows for cell in row.values()
                     if cell.startswith(("=", "+", "-", "@", "\t", "\r"))]
    assert not problems, "\n".join(problems)


def _unescape(text: str) -> str:
    import html

    return html.unescape(text)


def test_each_field_is_listed_once_and_every_text_field_of_the_model_is_listed() -> None:
    from generator.content import model

    listed = [(f["file"], re.sub(r"\[\]", "", f["field"]).replace(".", "/"))
              for f in FIELDS["singles"] + FIELDS["lists"]]
    assert len(listed) == len(set(listed))
    text_fields = set()
    for file, cls in (model.FILE_MODELS | model.OPTIONAL_FILE_MODELS).items():
        text_fields |= {(file, path) for path in _text_fields(cls, "")}
    assert set(listed) == text_fields


def _text_fields(cls: Any, prefix: str) -> Iterator[str]:
    """Paths of the fields of a model (and the models inside it) that readers see as text."""
    from generator.content import model

    for name, info in cls.model_fields.items():
        key = info.alias or name
        inner = _model_in(info.annotation)
        if inner is not None:
            yield from _text_fields(inner, f"{prefix}{key}/")
        elif model.check_text in [getattr(m, "func", None) for m in _metadata(info)]:
            yield f"{prefix}{key}"


def _model_in(annotation: Any) -> Any:
    import typing

    from pydantic import BaseModel

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def _metadata(info: Any) -> list[Any]:
    """The validators on a field, including those inside `list[...]` and `X | None`."""
    import typing

    found = list(info.metadata)
    stack = [info.annotation]
    while stack:
        annotation = stack.pop()
        found += list(getattr(annotation, "__metadata__", []))
        stack += list(typing.get_args(annotation))
    return found


# In a real browser

def expectations() -> dict[str, Counter[str]]:
    """For each page to open, the text readers must see there and how often at least."""
    expected: dict[str, Counter[str]] = {}

    def want(page: str, text: str) -> None:
        expected.setdefault(page, Counter())[text] += 1

    for k, string in enumerate(STRINGS):
        for field in FIELDS["singles"]:
            for page in field["pages"] if goes_in(string, field) else []:
                want("" if page == "/" else f"{single(k)}/{page}", shown(string, field))
        for field in FIELDS["lists"]:
            for page in field["pages"] if goes_in(string, field) else []:
                want(f"{HOSTILE}/{page.replace('{actor}', actor(k))}", shown(string, field))
    return expected


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as instance:
        yield instance


def every_briefing(site: Path) -> list[str]:
    """The addresses of the pages that list every briefing of a large desk, in order."""
    pages = [p.parent.relative_to(site).as_posix() for p in site.glob("briefings/*index.html")]
    pages += [p.parent.relative_to(site).as_posix()
              for p in site.glob("briefings/[0-9]*/index.html")]
    return [f"{page}/" for page in sorted(pages, key=len)]


@pytest.mark.browser
def test_every_page_shows_the_hostile_text_as_text_and_runs_none_of_it(
        site: Path, browser: Any) -> None:
    expected = expectations()
    title, name = FIELDS["singles"][0], FIELDS["lists"][3]
    assert (title["field"], name["field"]) == ("title", "actors[].name")
    titles = {f"{single(k)}/": fold(s["text"]) for k, s in enumerate(STRINGS)
              if goes_in(s, title)}
    titles |= {f"{HOSTILE}/actors/{actor(k)}/": fold(s["text"]) for k, s in enumerate(STRINGS)
               if goes_in(s, name)}
    failures: list[str] = []
    with serve(site) as base:
        context = browser.new_context()
        tab = context.new_page()
        events: list[str] = []
        tab.on("dialog", lambda d: (events.append(f"dialog {d.message!r}"), d.dismiss()))
        tab.on("console", lambda m: m.type == "error" and events.append(f"console {m.text}"))
        tab.on("pageerror", lambda e: events.append(f"error {e}"))
        tab.on("request", lambda r: r.url.startswith(base) or r.url.startswith("data:")
               or events.append(f"request {r.url}"))
        for page in sorted(expected):
            # The desk is the home page, and on a large desk (this one) its listing pages.
            text = ""
            for address in [page, *every_briefing(site)] if page == "" else [page]:
                tab.goto(base + address, wait_until="load")
                text += fold(tab.evaluate("document.body.innerText"))
            for want, count in expected[page].items():
                if text.count(want) < count:
                    failures.append(f"{page}: {want!r} shown {text.count(want)} times, "
                                    f"not {count}")
            if page in titles and titles[page] not in fold(tab.title()):
                failures.append(f"{page}: title {tab.title()!r} lacks {titles[page]!r}")
            failures += [f"{page}: {event}" for event in events]
            events.clear()
        context.close()
    assert not failures, "\n".join(failures)


@pytest.mark.slow
def test_astral_characters_in_a_title_keep_the_page_whole(tmp_path: Path) -> None:
    """Front matter spells characters beyond U+FFFF so YAML reads them back: JSON's
    surrogate pairs would make MkDocs drop the front matter and print it as text."""
    site = project(tmp_path)
    shutil.copytree(FIXTURES / "riverland", tmp_path / "content" / "riverland")
    site.edit("mkdocs.yml", "      seeds_dir: seeds", "      seeds_dir: seeds\n      csp: false")
    site.edit("content/riverland/briefing.yml", "title: Riverland ceasefire",
              "title: 'Riverland 😀 <img src=x onerror=alert(1)>'")
    site.edit("content/riverland/actors.yml", "name: River Council", "name: River 𝒳 Council")
    assert site.mkdocs("build", "--strict").returncode == 0
    overview = (tmp_path / "site/riverland/index.html").read_text(encoding="utf-8")
    actor = (tmp_path / "site/riverland/actors/council/index.html").read_text(encoding="utf-8")
    assert [a for a in Page(overview).attributes if a[1] == "onerror"] == []
    assert 'class="briefing-header"' in overview
    assert "<title>River 𝒳 Council - Riverland 😀 &lt;img" in actor


@pytest.mark.browser
def test_searching_the_hostile_text_runs_none_of_it(site: Path, browser: Any) -> None:
    """Pagefind's UI prints excerpts and filter values as HTML: excerpts are escaped
    before it does, and the briefing filter is the slug."""
    events: list[str] = []
    with serve(site) as base:
        tab = browser.new_page()
        tab.on("dialog", lambda d: (events.append(f"dialog {d.message!r}"), d.dismiss()))
        tab.on("pageerror", lambda e: events.append(f"error {e}"))
        tab.on("request", lambda r: r.url.startswith(base) or events.append(f"request {r.url}"))
        tab.goto(base)
        tab.locator("button.briefing-search__open").click()
        for query in ("onerror", "script alert", "javascript", "refresh"):
            assert search_for(tab, query) != [], query
            live = tab.locator(".pagefind-ui__results :is(img, script, iframe, svg, meta, style)")
            assert live.count() == 0, query
        tab.close()
    assert events == []


# Regenerating the expectations

def _update() -> None:
    """Rewrite every case's `expect` and `status` from what `check` prints now."""
    import tempfile

    sys.path.insert(0, str(REPO))
    for path in sorted(CORPUS.glob("*.yml")):
        text = path.read_text(encoding="utf-8")
        data = yaml.safe_load(text)
        if "cases" not in data:
            continue
        for case in data["cases"]:
            with tempfile.TemporaryDirectory() as tmp:
                apply(case, Path(tmp))
                status, lines = run_check(Path(tmp))
            case["expect"] = lines[:5] if "lines" in case else lines
            if "lines" in case:
                case["lines"] = len(lines)
            case["status"] = status
        rewrite(path, data["cases"])
    print("updated the corpus; review with git diff", file=sys.stderr)


if __name__ == "__main__" and "--update" in sys.argv:
    _update()
