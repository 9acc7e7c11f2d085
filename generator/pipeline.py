"""Run the pipeline over a whole `content/` folder: find briefings, then for each one
load, validate and check it, and (for a build) render its pages.

Briefings are independent of each other, so each is one task: taken whole from
the `BuildCache` when nothing it depends on has changed, and otherwise built,
in parallel worker processes when there are several to build. Nothing is
written anywhere: the caller decides, after seeing every problem, whether the
pages are used.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .cache import BuildCache, code_digest
from .card import Card
from .errors import Problem, errors
from .limits import MAX_SEED_BYTES
from .load import Document, parse_yaml, read_bytes
from .options import SiteOptions
from .pages import briefing_paths
from .paths import shown, slug_problem, taken_paths, unknown_file
from .render import render_briefing
from .result import BriefingResult
from .rules import FILE_NAMES


@dataclass(frozen=True)
class _Task:
    """What a (possibly separate) process needs to build one briefing."""

    root: Path
    folder: Path
    seeds_dir: Path
    today: dt.date
    key: str
    problems: list[Problem]
    raws: dict[str, bytes | Problem]
    render: bool
    options: SiteOptions


@dataclass
class Content:
    """Everything found in `content/`."""

    briefings: dict[str, BriefingResult] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    """Problems of the folder as a whole, such as a badly named briefing folder."""
    folders: set[str] = field(default_factory=set)
    """Every briefing folder found, loaded or not (see `only`)."""

    def all_problems(self) -> list[Problem]:
        """Every problem, site-wide first, then by briefing, file, line and column."""
        found = list(self.problems)
        for result in self.briefings.values():
            found.extend(result.problems)
        return sorted(found, key=_order)

    def cards(self) -> list[Card]:
        """The cards of the briefings without errors, in slug order."""
        return [r.card for r in self.briefings.values() if r.card is not None]


def _order(problem: Problem) -> tuple[Any, ...]:
    return (problem.file, problem.line or 0, problem.column or 0, problem.message)


class ContentLoader:
    """Loads `content/`, taking unchanged briefings from the `BuildCache`.

    A briefing whose files, seeds and date have not changed since the cache
    last saw it (earlier in this `mkdocs serve` session, or in an earlier
    build) is neither parsed, validated, checked nor rendered again. The
    positions kept for error messages live only while a briefing is checked,
    so memory stays flat however long a preview session runs.
    """

    def __init__(self, root: Path, content_dir: Path, seeds_dir: Path,
                 cache: BuildCache | None = None, options: SiteOptions | None = None) -> None:
        self.root = root
        self.content_dir = content_dir
        self.seeds_dir = seeds_dir
        self.cache = cache or BuildCache(None)
        self.options = options or SiteOptions()
        self._seeds: str | None = None

    def load(self, today: dt.date, only: set[str] | None = None, *, render: bool = False,
             workers: int = 1) -> Content:
        """Load every briefing folder (or only the slugs in `only`).

        With `render`, valid briefings come with their pages. With `workers` above 1,
        briefings not in the cache are built in that many processes at once (use it
        only where no other threads run: the workers are forked).
        """
        content = Content()
        if not self.content_dir.is_dir():
            content.problems.append(Problem(shown(self.content_dir, self.root), None, None, "",
                                            "content folder not found"))
            return content
        self._seeds = None
        tasks: list[_Task] = []
        results: dict[str, BriefingResult] = {}
        for folder in sorted(self.content_dir.iterdir()):
            if folder.name.startswith(".") or not folder.is_dir() or not _has_yaml(folder):
                continue
            content.folders.add(folder.name)
            if only is not None and folder.name not in only:
                continue
            problem = slug_problem(folder.name)
            if problem:
                content.problems.append(Problem(shown(folder, self.root), None, None, "",
                                                problem))
                continue
            task = self._task(folder, today, render)
            cached = self.cache.get(folder.name, task.key)
            if cached is not None and (cached.pages is not None or not render):
                results[folder.name] = cached
            else:
                tasks.append(task)
        for result in _run(tasks, workers):
            self.cache.put(result)
            results[result.slug] = result
        content.briefings = {slug: results[slug] for slug in sorted(results)}
        generated = {card.slug: briefing_paths(card.slug, card.pages, card.actor_ids)
                     for card in content.cards()}
        content.problems.extend(taken_paths(self.content_dir, self.root, generated))
        return content

    def _task(self, folder: Path, today: dt.date, render: bool) -> _Task:
        """Read a briefing folder's files and work out its cache key."""
        problems = [unknown_file(path, self.root) for path in sorted(folder.iterdir())
                    if path.suffix in (".yml", ".yaml") and path.name not in FILE_NAMES]
        raws = {name: read_bytes(folder / name, shown(folder / name, self.root))
                for name in FILE_NAMES}
        digest = hashlib.sha256(f"{code_digest()}\0{today}\0{self._seeds_digest()}\0"
                                f"{self.options}".encode())
        for name, raw in raws.items():
            digest.update(name.encode())
            digest.update(raw if isinstance(raw, bytes) else str(raw).encode())
        for problem in problems:
            digest.update(str(problem).encode())
        return _Task(self.root, folder, self.seeds_dir, today, digest.hexdigest(), problems,
                     raws, render, self.options)

    def _seeds_digest(self) -> str:
        """A hash of every file in seeds/, computed once per load."""
        if self._seeds is None:
            digest = hashlib.sha256()
            for path in sorted(self.seeds_dir.iterdir()) if self.seeds_dir.is_dir() else []:
                digest.update(path.name.encode("utf-8", "surrogateescape") + b"\0")
                # Only regular files of a readable size are read: a pipe or a device
                # would block or never end (the seed check reports those).
                info = path.lstat()
                if stat.S_ISREG(info.st_mode) and info.st_size <= MAX_SEED_BYTES:
                    digest.update(_file_digest(path).encode())
                else:
                    digest.update(f"{info.st_mode}:{info.st_size}".encode())
            self._seeds = digest.hexdigest()
        return self._seeds


def _run(tasks: list[_Task], workers: int) -> list[BriefingResult]:
    """Build every task, in `workers` processes when that is worth starting them."""
    import multiprocessing

    if workers > 1 and len(tasks) > 2 and "fork" in multiprocessing.get_all_start_methods():
        from concurrent.futures import ProcessPoolExecutor

        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            return list(pool.map(_build_elsewhere, tasks))
    return [_build(task) for task in tasks]


def _build_elsewhere(task: _Task) -> BriefingResult:
    result = _build(task)
    result.briefing = None  # the pages are what the caller needs; the models stay here
    return result


def _build(task: _Task) -> BriefingResult:
    """Load, validate, check and (if asked) render one briefing."""
    # Imported here: a build whose briefings all come from the cache needs none of it.
    from .checks import Parts, Seeds, check_briefing
    from .model import FILE_MODELS, Briefing

    root, folder = task.root, task.folder
    slug, where = folder.name, shown(folder, root)
    problems = list(task.problems)
    parts = Parts(docs={})
    for name, model in FILE_MODELS.items():
        doc, value, file_problems = _file(folder / name, root, task.raws[name], model)
        parts.docs[name] = doc
        setattr(parts, name.removesuffix(".yml"), value)
        problems.extend(file_problems)
    seeds = Seeds(task.seeds_dir, shown(task.seeds_dir, root))
    problems.extend(check_briefing(parts, seeds, task.today, task.options.stale_after_days))
    briefing = None
    if not errors(problems):
        assert parts.briefing and parts.actors and parts.timeline and parts.stakes \
            and parts.sources
        briefing = Briefing.model_construct(
            slug=slug, briefing=parts.briefing, actors=parts.actors.actors,
            relations=parts.actors.relations, events=parts.timeline.events,
            claims=parts.timeline.claims, stakes=parts.stakes.stakes,
            sources=parts.sources.sources)
    card = Card.of(briefing, task.options) if briefing is not None else None
    pages = None
    if task.render and briefing is not None:
        archives = {s.seed: seeds.get(s.seed) for s in briefing.sources if s.seed}
        pages = render_briefing(briefing, task.today, task.options, archives)
    return BriefingResult(slug, where, card, sorted(problems, key=_order), task.key, briefing,
                          pages)


def _file(path: Path, root: Path, raw: bytes | Problem,
          model: Any) -> tuple[Document, Any, list[Problem]]:
    """Parse and validate one file."""
    where = shown(path, root)
    from .validate import validate_document

    if isinstance(raw, Problem):
        return Document(where), None, [raw]
    doc, problems = parse_yaml(raw, where)
    if problems:
        return doc, None, problems
    value, problems = validate_document(doc, model)
    return doc, value, problems


def _file_digest(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError as exc:
        return f"unreadable:{exc.errno}"


def _has_yaml(folder: Path) -> bool:
    return any(p.suffix in (".yml", ".yaml") for p in folder.iterdir())
