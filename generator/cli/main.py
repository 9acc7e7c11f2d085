"""`python -m generator check | render | new | diff | places | translate | translations |
schema | csp | publish`.

Run from the project root (the folder with `mkdocs.yml`). Every command reads
mkdocs.yml first (`-f` names another file; see `config`), so it runs with the
folders and the `briefing` plugin's options that `mkdocs build` runs with; an
option given here overrides the file. Each command returns an exit status from
`main(argv)`: 0 for success, 1 when the content has errors (or warnings, with
`--strict`) or the command could not do its job, 2 for a usage mistake.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from generator.base.problems import BriefingError, Problem, errors_in, failing, warnings_in
from generator.base.processes import printable_under_any_locale

if TYPE_CHECKING:
    from generator.build.pipeline import Content
    from generator.cli.config import ProjectConfig

PYTHON = ".venv/bin/python"
"""How the README's set-up runs Python; commands suggested to the editor use it."""


def main(argv: list[str] | None = None) -> int:
    """Run one command and return its exit status."""
    printable_under_any_locale()
    parser = _parser()
    args = parser.parse_args(argv)
    root = Path.cwd()
    try:
        return int(args.run(args, root))
    except BriefingError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except OSError as error:  # a full disk, a folder that vanished: one line, no traceback
        where = f"{os.fsdecode(error.filename)}: " if error.filename else ""
        print(f"error: {where}{error.strerror or error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=f"{PYTHON} -m generator", description="Validate and render briefings.")
    parser.add_argument("-f", "--config-file", type=Path, metavar="FILE",
                        help="the MkDocs configuration to read (default: mkdocs.yml)")
    parser.add_argument("--content", type=Path,
                        help="the folder of briefings (default: the plugin's content_dir, "
                             "else docs_dir; content without mkdocs.yml)")
    parser.add_argument("--seeds", type=Path,
                        help="the folder of archived sources (default: the plugin's "
                             "seeds_dir, seeds)")
    parser.add_argument("--no-cache", dest="cache", action="store_false",
                        help="check and render everything afresh, without the build cache")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    check = commands.add_parser("check", help="validate every briefing and report all problems")
    check.add_argument("--strict", action="store_true", help="fail on warnings too")
    check.add_argument("--fail-on-stale", action="store_true",
                       help="with --strict, fail on briefings past their review_by date too "
                            "(as the plugin's fail_on_stale does)")
    check.set_defaults(run=_check)

    render = commands.add_parser("render", help="write the Markdown pages to a folder")
    render.add_argument("--out", type=Path, required=True, help="the folder to write")
    render.set_defaults(run=_render)

    new = commands.add_parser("new", help="create a skeleton briefing that builds")
    new.add_argument("slug", help="the briefing's folder name, such as 'sahel-coup'")
    new.set_defaults(run=_new)

    csp = commands.add_parser("csp", help="print the Content-Security-Policy for a built site")
    csp.add_argument("site", type=Path, help="the built site folder, such as site")
    csp.set_defaults(run=_csp)

    publish = commands.add_parser(
        "publish", help="index a folder another builder wrote, give it the CSP, check it, "
                        "and put it in place of the site")
    publish.add_argument("built", metavar="BUILT", type=Path,
                         help="the built site, such as build/site (left as it is)")
    publish.add_argument("--site", type=Path,
                         help="where the site is published (default: site_dir, site)")
    publish.set_defaults(run=_publish)

    diff = commands.add_parser(
        "diff", help="what changed in the briefings between two git revisions, field by field")
    diff.add_argument("old", metavar="OLD", help="a revision, such as HEAD~1 or origin/main")
    diff.add_argument("new", metavar="NEW", nargs="?",
                      help="a later revision (default: the work tree, as it is now)")
    diff.add_argument("--markdown", action="store_true",
                      help="write Markdown, such as for a GitHub job summary")
    diff.set_defaults(run=_diff)

    places = commands.add_parser(
        "places", help="gazetteer candidates for events' location text, as YAML for places.yml")
    places.add_argument("slug", help="the briefing's folder name")
    places.set_defaults(run=_places)

    translate = commands.add_parser(
        "translate", help="add a briefing's missing fields to translations/LANG.yml and show "
                          "how the source changed under each outdated one")
    translate.add_argument("slug", help="the briefing's folder name")
    translate.add_argument("lang", help="one of the site's other languages, such as fr")
    translate.set_defaults(run=_translate)
    translations = commands.add_parser(
        "translations", help="every briefing's translation status per language")
    translations.set_defaults(run=_translations)
    schema = commands.add_parser("schema", help="write JSON Schemas for the five files")
    schema.add_argument("--out", type=Path, required=True, help="the folder to write")
    schema.set_defaults(run=_schema)
    return parser


def _config(args: argparse.Namespace, root: Path) -> ProjectConfig:
    """mkdocs.yml as the build reads it, with the command line's options over it."""
    import dataclasses

    from generator.cli.config import read_config

    config = read_config(root, args.config_file)
    folders = config.folders
    # Relative to the project, as the folders mkdocs.yml names are.
    if args.content is not None:
        folders = dataclasses.replace(folders, content_dir=folders.root / args.content)
    if args.seeds is not None:
        folders = dataclasses.replace(folders, seeds_dir=folders.root / args.seeds)
    if not args.cache:
        folders = dataclasses.replace(folders, cache_dir=None)
    return dataclasses.replace(config, folders=folders)


def _load(config: ProjectConfig, *, render: bool = False) -> tuple[list[Problem], Content]:
    """Load and check all content as a build does (and render it, if asked), with the
    folders the build reads, printing every problem."""
    from generator.base.annotations import print_annotations
    from generator.build.cache import BuildCache
    from generator.build.pipeline import ContentLoader
    from generator.build.site_check import check_site

    folders, settings = config.folders, config.settings
    loader = ContentLoader(folders.root, folders.content_dir, folders.seeds_dir,
                           BuildCache(folders.cache_dir), settings.page_options)
    checked = check_site(loader, folders, settings, dt.date.today(), render=render,
                         workers=os.cpu_count() or 1, besides=config.problems)
    for problem in checked.problems:
        print(problem, file=sys.stderr)
    print_annotations(checked.problems)
    return checked.problems, checked.content


def _check(args: argparse.Namespace, root: Path) -> int:
    config = _config(args, root)
    problems, content = _load(config)
    count = len(content.briefings)
    erred, warned = len(errors_in(problems)), len(warnings_in(problems))
    print(f"checked {count} briefing{'s' * (count != 1)}: "
          f"{erred} error{'s' * (erred != 1)}, {warned} warning{'s' * (warned != 1)}")
    stale = args.fail_on_stale or config.settings.fail_on_stale
    return 1 if failing(problems, strict=args.strict, fail_on_stale=stale) else 0


def _render(args: argparse.Namespace, root: Path) -> int:
    from generator.base.paths import is_within, shown
    from generator.build.site_pages import SitePages
    from generator.publish.markdown_tree import write_tree

    config = _config(args, root)
    out = root / args.out
    for folder in (config.folders.content_dir, config.folders.seeds_dir):
        if is_within(out, folder):
            raise BriefingError(f"{args.out} is inside {shown(folder, root)}, which the build "
                                "reads; write the pages somewhere else")
    problems, content = _load(config, render=True)
    if failing(problems, strict=False):
        print("nothing written: fix the errors above first", file=sys.stderr)
        return 1
    files, _ = SitePages(config.settings.languages).pages(content, dt.date.today(),
                                                          config.site)
    write_tree(out, files)
    print(f"wrote {len(files)} files to {args.out}")
    return 0


def _new(args: argparse.Namespace, root: Path) -> int:
    from generator.base.paths import is_within
    from generator.cli.skeleton import create
    from generator.content.ids import FILE_NAMES, OPTIONAL_FILE_NAMES

    config = _config(args, root)
    content_dir = config.folders.content_dir
    if not is_within(content_dir, root):
        raise BriefingError(f"{args.content or content_dir} is outside the project ({root}); "
                            "briefings belong inside it")
    languages = config.settings.languages
    folder = create(content_dir, args.slug, dt.date.today(), languages)
    names = ", ".join(FILE_NAMES + OPTIONAL_FILE_NAMES)
    print(f"created {folder}/ with {names}; replace the placeholders, then "
          f"run '{PYTHON} -m generator check'")
    for code in languages[1:]:
        print(f"then, for its {code} edition: '{PYTHON} -m generator translate "
              f"{args.slug} {code}'")
    return 0


def _diff(args: argparse.Namespace, root: Path) -> int:
    from generator.cli.diff import as_markdown, as_text, compare_revisions

    config = _config(args, root)
    folders = config.folders
    report = compare_revisions(root, folders.content_dir, folders.seeds_dir, args.old,
                               args.new, config.settings.page_options)
    print(as_markdown(report) if args.markdown else as_text(report), end="")
    return 0


def _places(args: argparse.Namespace, root: Path) -> int:
    from generator.base.paths import shown
    from generator.cli.places import as_yaml, suggest
    from generator.content.ids import check_id

    folders = _config(args, root).folders
    try:
        check_id(args.slug)
    except ValueError as exc:
        raise BriefingError(f"{exc}: give a briefing's folder name") from None
    timeline = folders.content_dir / args.slug / "timeline.yml"
    if not timeline.is_file():
        raise BriefingError(f"no briefing '{args.slug}' in {shown(folders.content_dir, root)} "
                            "(its timeline.yml is missing)")
    print(as_yaml(*suggest(timeline, root)), end="")
    return 0


def _translate(args: argparse.Namespace, root: Path) -> int:
    from generator.cli.translations import translate

    return translate(_config(args, root), args.slug, args.lang, dt.date.today())


def _translations(args: argparse.Namespace, root: Path) -> int:
    from generator.cli.translations import report

    return report(_config(args, root), dt.date.today())


def _schema(args: argparse.Namespace, root: Path) -> int:
    from generator.content.schema import write_schemas

    written = write_schemas(args.out)
    print(f"wrote {len(written)} schemas to {args.out}")
    return 0


def _csp(args: argparse.Namespace, root: Path) -> int:
    from generator.publish.csp import policy_for_site

    if not (args.site / "index.html").is_file():
        raise BriefingError(f"{args.site} is not a built site; run '.venv/bin/mkdocs build' "
                            "first")
    found = policy_for_site(args.site)
    if "'sha256-" not in found:
        raise BriefingError(f"the pages in {args.site} carry no policy; build them with the "
                            "briefing plugin's csp option on (the default), or publish them "
                            f"with '{PYTHON} -m generator publish'")
    print(found)
    return 0


def _publish(args: argparse.Namespace, root: Path) -> int:
    import dataclasses

    from generator.base.paths import shown
    from generator.build.inputs import misplaced_site
    from generator.publish.built_site import publish_built

    config = _config(args, root)
    site = root / args.site if args.site is not None else config.folders.site_dir
    misplaced = misplaced_site(dataclasses.replace(config.folders, site_dir=site))
    if misplaced is not None:
        raise BriefingError(str(misplaced))
    pages = publish_built(root / args.built, site, config.settings, config.folders.cache_dir)
    print(f"published {pages} pages from {args.built} to {shown(site, root)}")
    return 0
