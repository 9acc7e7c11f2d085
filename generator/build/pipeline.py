"""Run the pipeline over a whole `content/` folder: find briefings, then for each one
load, validate and check it, and (for a build) render its pages.

Briefings are independent of each other, so each is one task: taken whole from
the `BuildCache` when nothing it depends on has changed, and otherwise built,
in parallel worker processes when there are several to build. Nothing is
written anywhere: the caller decides, after seeing every problem, whether the
pages are used.

A one-off build need not wait for every page before it starts on the first:
loaded with `defer_pages`, briefings are checked and their data files made, and
`PagesLater` renders their pages in a worker process while the builder reads
the pages already there.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.base.disk import read_regular
from generator.base.limits import BUILD_TIMEOUT, MAX_SEED_BYTES
from generator.base.paths import shown
from generator.base.problems import BriefingError, Problem, errors_in, in_order
from generator.base.processes import forking_workers, worker_started
from generator.base.settings import PageOptions
from generator.base.walks import folder_problem, walk
from generator.build.briefing_folders import (
    slug_problem,
    taken_paths,
    translation_file,
    unknown_file,
    unknown_translations,
)
from generator.build.cache import BuildCache, code_digest
from generator.build.result import BriefingResult, with_digests
from generator.content.document import Document, parse_yaml, read_bytes
from generator.content.ids import FILE_NAMES, OPTIONAL_FILE_NAMES
from generator.content.languages import site_languages
from generator.render.card import Card
from generator.render.editions import Edition
from generator.render.page_table import briefing_paths
from generator.render.renderer import render_briefing
from generator.render.wording import speaking


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
    options: PageOptions
    deferred: bool = False
    """Work out the paths of the briefing's files only, each left empty (see `PagesLater`)."""


@dataclass
class Content:
    """Everything found in `content/`."""

    briefings: dict[str, BriefingResult] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    """Problems of the folder as a whole, such as a badly named briefing folder."""
    deferred: dict[str, _Task] = field(default_factory=dict)
    """The valid briefings whose files (pages and data) are left empty, to be rendered by
    `PagesLater`."""

    def all_problems(self) -> list[Problem]:
        """Every problem, in the order every command prints them (`in_order`): each once,
        although a file that cannot be used is met both by the walk of its folder and by
        the briefing that reads it."""
        found = list(self.problems)
        for result in self.briefings.values():
            found.extend(result.problems)
        return in_order(found)

    def cards(self) -> list[Card]:
        """The cards of the briefings without errors, in slug order."""
        return [r.card for r in self.briefings.values() if r.card is not None]


class ContentLoader:
    """Loads `content/`, taking unchanged briefings from the `BuildCache`.

    A briefing whose files, seeds and date have not changed since the cache
    last saw it (earlier in this `mkdocs serve` session, or in an earlier
    build) is neither parsed, validated, checked nor rendered again. The
    positions kept for error messages live only while a briefing is checked,
    so memory stays flat however long a preview session runs.
    """

    def __init__(self, root: Path, content_dir: Path, seeds_dir: Path,
                 cache: BuildCache | None = None, options: PageOptions | None = None) -> None:
        self.root = root
        self.content_dir = content_dir
        self.seeds_dir = seeds_dir
        self.cache = cache or BuildCache(None)
        self.options = options or PageOptions()
        self._seeds: str | None = None

    def load(self, today: dt.date, only: set[str] | None = None, *, render: bool = False,
             workers: int = 1, defer_pages: bool = False) -> Content:
        """Load every briefing folder (or only the slugs in `only`).

        With `render`, valid briefings come with their pages. With `workers` above 1,
        briefings not in the cache are built in that many processes at once (use it
        only where no other threads run: the workers are forked). With `defer_pages`
        too, the files (pages and data) of briefings not in the cache are left empty, for
        `PagesLater`, if there are more than two (with fewer, the builder would only wait
        for them).
        """
        content = Content()
        outside = [p for p in (folder_problem(self.content_dir, self.root, "content folder"),
                               folder_problem(self.seeds_dir, self.root, "seeds folder")) if p]
        if outside:
            content.problems.extend(outside)
            return content
        if not self.content_dir.is_dir():
            content.problems.append(Problem(shown(self.content_dir, self.root), None, None, "",
                                            "content folder not found"))
            return content
        content.problems.extend(walk(self.content_dir, self.root).problems)
        if self.seeds_dir.is_dir():
            content.problems.extend(walk(self.seeds_dir, self.root).problems)
        self._seeds = None
        tasks: list[_Task] = []
        results: dict[str, BriefingResult] = {}
        for folder in sorted(self.content_dir.iterdir()):
            if folder.name.startswith(".") or folder.is_symlink() or not folder.is_dir() \
                    or not _has_yaml(folder):
                continue  # (a link to a folder is a problem of the walk)
            if only is not None and folder.name not in only:
                continue
            problem = slug_problem(folder.name, self.options.languages)
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
        if render and defer_pages and len(tasks) > 2 and _can_fork():
            tasks = [dataclasses.replace(task, deferred=True) for task in tasks]
        for task, result in zip(tasks, _run(tasks, workers), strict=True):
            if task.deferred:
                if result.card is not None:
                    content.deferred[result.slug] = task
            else:
                self.cache.put(result)
            results[result.slug] = result
        content.briefings = {slug: results[slug] for slug in sorted(results)}
        prefixes = [lang.prefix for lang in site_languages(self.options.languages)]
        generated = {card.slug: [prefix + path for prefix in prefixes
                                 for path in briefing_paths(card.slug, card.pages,
                                                            card.actor_ids)]
                     for card in content.cards()}
        content.problems.extend(taken_paths(self.content_dir, self.root, generated,
                                            [p for p in prefixes if p]))
        return content

    def _task(self, folder: Path, today: dt.date, render: bool) -> _Task:
        """Read a briefing folder's files and work out its cache key."""
        problems = [unknown_file(path, self.root) for path in sorted(folder.iterdir())
                    if path.suffix in (".yml", ".yaml")
                    and path.name not in FILE_NAMES + OPTIONAL_FILE_NAMES]
        names = FILE_NAMES + tuple(name for name in OPTIONAL_FILE_NAMES
                                   if os.path.lexists(folder / name))
        translations = {translation_file(code) for code in self.options.languages[1:]}
        names += tuple(sorted(name for name in translations if os.path.lexists(folder / name)))
        problems.extend(unknown_translations(folder, self.root, translations))
        shown_folder = shown(folder, self.root)  # a slug's folder: its files' names are plain
        raws = {name: read_bytes(folder / name, f"{shown_folder}/{name}", self.root)
                for name in names}
        # Where the folders are is part of the key: messages and pages name them.
        where = f"{shown_folder}\0{shown(self.seeds_dir, self.root)}"
        digest = hashlib.sha256(f"{code_digest()}\0{today}\0{self._seeds_digest()}\0{where}"
                                f"\0{self.options}".encode("utf-8", "surrogateescape"))
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
            try:
                entries = sorted(os.scandir(self.seeds_dir), key=lambda e: e.name) \
                    if self.seeds_dir.is_dir() else []
                folder = os.path.realpath(self.seeds_dir)
            except OSError:
                entries = []  # the walk of seeds/ reports a folder it cannot read
            for entry in entries:
                digest.update(entry.name.encode("utf-8", "surrogateescape") + b"\0")
                # Where it is: the folder's real path, worked out once (for 2,400 seeds
                # at 300 briefings), and a link's own.
                real = os.path.realpath(entry.path) if entry.is_symlink() \
                    else os.path.join(folder, entry.name)  # noqa: PTH118
                digest.update(_file_digest(Path(entry.path), real).encode())
            self._seeds = digest.hexdigest()
        return self._seeds


def _run(tasks: list[_Task], workers: int) -> list[BriefingResult]:
    """Build every task, in `workers` processes when that is worth starting them.

    The workers die with this process, however it ends (see `base.processes`); on Ctrl-C it
    stops at once rather than finish the queue, and a worker that dies (the kernel's
    out-of-memory killer, say) fails the build instead of hanging it."""
    if workers > 1 and len(tasks) > 2 and _can_fork():
        from concurrent.futures.process import BrokenProcessPool

        # The first briefing is built here, before the workers are forked: it loads what
        # each worker would otherwise load for itself (the code that checks and renders,
        # the outlines, the gazetteer's data: about a second), and the workers, and
        # `PagesLater`'s after them, start with it loaded.
        first = _build_elsewhere(tasks[0])
        pool = _forked_pool(workers)
        try:
            with forking_workers():  # the workers are forked (and set up) in here
                pending = pool.map(_build_elsewhere, tasks[1:], timeout=BUILD_TIMEOUT)
            results = [first, *pending]
        except TimeoutError:
            _end_at_once(pool)
            raise BriefingError(f"building the briefings took more than {BUILD_TIMEOUT // 60} "
                                "minutes and was stopped; nothing was built") from None
        except BrokenProcessPool:
            pool.shutdown(wait=False, cancel_futures=True)
            raise BriefingError("a process building briefings died (out of memory?); "
                                "nothing was built") from None
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise
        pool.shutdown()
        if not any(task.deferred for task in tasks):
            _release_shared()  # no `PagesLater` to fork
        return results
    return [_build(task) for task in tasks]


def _release_shared() -> None:
    """Let go of the data this process loaded only for the workers it has forked (85 MB):
    the gazetteer's and the outlines'. Whatever needs them here again loads them again."""
    from generator.geo import gazetteer, outlines

    gazetteer.release_data()
    outlines.release()


def _can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def _forked_pool(workers: int) -> Any:
    """A pool of `workers` forked processes, which die with this one (`base.processes`)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"),
                               initializer=worker_started, initargs=(os.getpid(),))


def _end_at_once(pool: Any) -> None:
    """Shut `pool` down without waiting, killing any worker still at work: a hung worker
    would also hang this process's exit, which waits for them all (Python 3.14 has
    terminate_workers() for this; 3.11 only the private table)."""
    running = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in running:
        process.kill()


class PagesLater:
    """The files of the briefings that `load(defer_pages=True)` left empty (pages and data
    files), rendered one briefing after another in a worker process while the caller goes
    on: a cold build's builder reads the first briefing's pages while the next ones are
    rendered.

    Each briefing is built again from the very bytes that were checked, and its result,
    pages and all, goes into the cache from the worker. The worker keeps `AHEAD` briefings
    ahead of the caller, in the order `content` lists them, and no further: pages rendered
    far ahead would wait in memory (at 300 briefings, most of the pages at once). The
    worker is forked: start this only where no other threads run."""

    AHEAD = 4

    def __init__(self, content: Content, cache: BuildCache) -> None:
        self._futures: dict[str, Any] = {}
        """The briefings handed to the worker and not yet taken, by slug."""
        self._waiting = list(content.deferred.values())
        """The briefings not yet handed to the worker, in order."""
        self._cache = cache.folder
        self._pool: Any = None
        if self._waiting:
            self._pool = _forked_pool(1)
            with forking_workers():  # the worker is forked (and set up) in here
                self._hand_over()
        _release_shared()  # loaded for the workers (see `_run`), which have it now

    def _hand_over(self, first: str | None = None) -> None:
        """Give the worker briefing `first` if it has not had it, then more, up to `AHEAD`."""
        chosen = [t for t in self._waiting if t.folder.name == first][:1]
        while self._waiting and (chosen or len(self._futures) < self.AHEAD):
            task = chosen.pop() if chosen else self._waiting[0]
            self._waiting.remove(task)
            self._futures[task.folder.name] = self._pool.submit(
                _render_later, dataclasses.replace(task, deferred=False), self._cache)

    def result(self, slug: str) -> BriefingResult:
        """Briefing `slug` with its files (once: they are not kept), waiting for them if
        need be; raises `BriefingError` if they cannot be had."""
        from concurrent.futures.process import BrokenProcessPool

        if slug not in self._futures:
            self._hand_over(slug)  # asked for out of order
        future = self._futures.pop(slug)
        self._hand_over()
        try:
            result: BriefingResult = future.result(timeout=BUILD_TIMEOUT)
            return result
        except TimeoutError:
            self.stop()
            raise BriefingError(f"rendering the pages of '{slug}' took more than "
                                f"{BUILD_TIMEOUT // 60} minutes and was stopped") from None
        except BrokenProcessPool:
            self.stop()
            raise BriefingError("the process rendering pages died (out of memory?)") from None
        except BaseException:
            self.stop()
            raise

    def finish(self) -> None:
        """Wait until every briefing is rendered (and so cached), then end the worker."""
        while self._futures:
            self.result(next(iter(self._futures)))
        self.stop()

    def stop(self) -> None:
        """End the worker now, rendered or not."""
        pool, self._pool = self._pool, None
        self._futures, self._waiting = {}, []
        if pool is not None:
            _end_at_once(pool)


def _render_later(task: _Task, cache_folder: Path | None) -> BriefingResult:
    """In `PagesLater`'s worker: one briefing with its files, cached with the rest of it."""
    result = _build_elsewhere(task)
    if result.pages is None:
        # Checked a moment ago, from the same bytes: only a seed can have changed since.
        raise BriefingError(f"{result.folder} changed while the site was being built (a "
                            "seed it quotes?): build again")
    BuildCache(cache_folder, in_memory=False).put(result)
    return result


def _build_elsewhere(task: _Task) -> BriefingResult:
    result = _build(task)
    result.briefing = None  # the pages are what the caller needs; the models stay here
    return result


def _build(task: _Task) -> BriefingResult:
    """Load, validate, check and (if asked) render one briefing."""
    # Imported here: a build whose briefings all come from the cache needs none of it.
    from generator.content.cross_checks import Parts, check_briefing
    from generator.content.model import FILE_MODELS, OPTIONAL_FILE_MODELS, Briefing
    from generator.content.places import resolve_places
    from generator.content.seeds import Seeds

    root, folder = task.root, task.folder
    slug, where = folder.name, shown(folder, root)
    problems = list(task.problems)
    parts = Parts(docs={})
    models = FILE_MODELS | {name: model for name, model in OPTIONAL_FILE_MODELS.items()
                            if name in task.raws}
    for name, model in models.items():
        doc, value, file_problems = _file(folder / name, root, task.raws[name], model)
        parts.docs[name] = doc
        setattr(parts, name.removesuffix(".yml"), value)
        if not file_problems:
            parts.complete.add(name)
        problems.extend(file_problems)
    seeds = Seeds(task.seeds_dir, shown(task.seeds_dir, root), root)
    problems.extend(check_briefing(parts, seeds, task.today, task.options.stale_after_days))
    problems.extend(resolve_places(parts))
    briefing = None
    if not errors_in(problems):
        assert parts.briefing and parts.actors and parts.timeline and parts.stakes \
            and parts.sources
        briefing = Briefing.model_construct(
            slug=slug, briefing=parts.briefing, actors=parts.actors.actors,
            relations=parts.actors.relations, events=parts.timeline.events,
            claims=parts.timeline.claims, stakes=parts.stakes.stakes,
            sources=parts.sources.sources,
            places=parts.places.places if parts.places is not None else [])
    editions = _translations(task, briefing, problems) if briefing is not None else []
    if errors_in(problems):
        briefing, editions = None, []
    card = Card.of(briefing, task.options) if briefing is not None else None
    pages = None
    if task.render and briefing is not None:
        archives = {s.seed: seeds.get(s.seed) for s in briefing.sources if s.seed}
        pages = {}
        for edition, text in editions or [(None, briefing)]:
            pages.update(render_briefing(text, task.today, task.options, archives, edition,
                                         texts=not task.deferred))
    result = BriefingResult(slug, where, card, in_order(problems), task.key, briefing, pages)
    if pages is not None and not task.deferred:
        result.digests = with_digests(pages)
    for edition, text in editions[1:]:
        with speaking(edition.language):  # the card's dates in its language too
            result.editions[edition.language.code] = Card.of(text, task.options)
    if editions:
        result.translations = dict(editions[0][0].statuses)
    return result


def _translations(task: _Task, briefing: Any, problems: list[Problem]) -> list[tuple[Any, Any]]:
    """On a site in several languages, each language's edition of a valid briefing and
    the briefing in it, the source language's first; the problems of its translation files
    join `problems`."""
    languages = site_languages(task.options.languages)
    if len(languages) < 2:
        return []
    from generator.content.translations import (
        TranslationFile,
        check,
        status,
        translatable,
        translated,
        untranslated,
    )

    fields = translatable(briefing)
    strict = task.options.translations_strict
    statuses, notes, texts = {}, {}, {}
    for lang in languages[1:]:
        name = translation_file(lang.code)
        file = None
        if name in task.raws:
            doc, file, file_problems = _file(task.folder / name, task.root, task.raws[name],
                                             TranslationFile)
            problems.extend(file_problems)
            if file is not None:
                problems.extend(check(doc, file, fields, strict=strict))
                if file.note:
                    notes[lang.code] = file.note
        else:
            problems.append(untranslated(shown(task.folder / name, task.root), lang.code,
                                         fields, strict=strict))
        statuses[lang.code] = status(fields, file, lang.code)
        texts[lang.code] = translated(briefing, file, fields, lang.code, languages[0].code)
    out = [(Edition(languages[0], languages, statuses, {}, notes), briefing)]
    for lang in languages[1:]:
        text, renderings = texts[lang.code]
        out.append((Edition(lang, languages, statuses, renderings, notes), text))
    return out


def _file(path: Path, root: Path, raw: bytes | Problem,
          model: Any) -> tuple[Document, Any, list[Problem]]:
    """Parse and validate one file."""
    where = shown(path, root)
    from generator.content.model_errors import validate_document

    if isinstance(raw, Problem):
        return Document(where), None, [raw]
    doc, problems = parse_yaml(raw, where)
    if problems:
        return doc, None, problems
    value, problems = validate_document(doc, model)
    return doc, value, problems


def _file_digest(path: Path, real: str) -> str:
    """A hash of a seed's bytes (where a link leads, as the seed check reads it, and where
    it leads: `real`, its real path); of what it is, for anything a seed cannot be (a
    pipe, a file too large: read without waiting)."""
    try:
        data = read_regular(Path(real), MAX_SEED_BYTES, follow=False)
        return hashlib.sha256(real.encode("utf-8", "surrogateescape") + b"\0" + data).hexdigest()
    except OSError as exc:
        try:
            info = path.lstat()
        except OSError:
            return f"gone:{exc.errno}"
        return f"unusable:{exc.errno}:{info.st_mode}:{info.st_size}"


def _has_yaml(folder: Path) -> bool:
    try:
        return any(p.suffix in (".yml", ".yaml") for p in folder.iterdir())
    except OSError:
        return False  # the walk of content/ reports a folder it cannot read
