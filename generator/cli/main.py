"""Command line: `python -m generator check | render | new | diff | csp | schema`.

Run from the project root (the folder with `mkdocs.yml`). Each command
returns an exit status from `main(argv)`: 0 for success, 1 when the content
has errors (or warnings, with `--strict`), 2 for a usage mistake.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path
from typing import Any

from generator.base.problems import BriefingError, Problem, errors, failing, warnings

PYTHON = ".venv/bin/python"
"""How the README's set-up runs Python; commands suggested to the editor use it."""


def main(argv: list[str] | None = None) -> int:
    """Run one command and return its exit status."""
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
    parser.add_argument("--content", type=Path, default=Path("content"),
                        help="the folder of briefings (default: content)")
    parser.add_argument("--seeds", type=Path, default=Path("seeds"),
                        help="the folder of archived sources (default: seeds)")
    parser.add_argument("--no-cache", dest="cache", action="store_false",
                        help="check and render everything afresh, without the build cache")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    check = commands.add_parser("check", help="validate every briefing and report all problems")
    check.add_argument("--strict", action="store_true", help="fail on warnings too")
    check.add_argument("--fail-on-stale", action="store_true",
                       help="with --strict, fail on briefings past their review_by date too")
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

    diff = commands.add_parser(
        "diff", help="what changed in the briefings between two git revisions, field by field")
    diff.add_argument("old", metavar="OLD", help="a revision, such as HEAD~1 or origin/main")
    diff.add_argument("new", metavar="NEW", nargs="?",
                      help="a later revision (default: the work tree, as it is now)")
    diff.add_argument("--markdown", action="store_true",
                      help="write Markdown, such as for a GitHub job summary")
    diff.set_defaults(run=_diff)

    schema = commands.add_parser("schema", help="write JSON Schemas for the five files")
    schema.add_argument("--out", type=Path, required=True, help="the folder to write")
    schema.set_defaults(run=_schema)
    return parser


def _load(args: argparse.Namespace, root: Path, *, render: bool = False) -> tuple[
        list[Problem], Any]:
    """Load and check all content (and render it, if asked), printing every problem."""
    from generator.base.annotations import print_annotations
    from generator.build.cache import BuildCache, default_cache_dir
    from generator.build.pipeline import ContentLoader

    loader = ContentLoader(root, root / args.content, root / args.seeds,
                           BuildCache(default_cache_dir(root) if args.cache else None))
    content = loader.load(dt.date.today(), render=render, workers=os.cpu_count() or 1)
    problems = content.all_problems()
    for problem in problems:
        print(problem, file=sys.stderr)
    print_annotations(problems)
    return problems, content


def _check(args: argparse.Namespace, root: Path) -> int:
    problems, content = _load(args, root)
    count = len(content.briefings)
    erred, warned = len(errors(problems)), len(warnings(problems))
    print(f"checked {count} briefing{'s' * (count != 1)}: "
          f"{erred} error{'s' * (erred != 1)}, {warned} warning{'s' * (warned != 1)}")
    return 1 if failing(problems, strict=args.strict, fail_on_stale=args.fail_on_stale) else 0


def _render(args: argparse.Namespace, root: Path) -> int:
    from generator.base.paths import inside
    from generator.base.site import read_site
    from generator.build.site_pages import SitePages
    from generator.publish.markdown_tree import write_tree

    for folder in (args.content, args.seeds):
        if inside(root / args.out, root / folder):
            raise BriefingError(f"{args.out} is inside {folder}, which the build reads; "
                                "write the pages somewhere else")
    problems, content = _load(args, root, render=True)
    if failing(problems, strict=False):
        print("nothing written: fix the errors above first", file=sys.stderr)
        return 1
    files, _ = SitePages().pages(content, dt.date.today(), read_site(root / "mkdocs.yml"))
    write_tree(args.out, files)
    print(f"wrote {len(files)} files to {args.out}")
    return 0


def _new(args: argparse.Namespace, root: Path) -> int:
    from generator.base.paths import inside
    from generator.cli.skeleton import create
    from generator.content.ids import FILE_NAMES

    if not inside(root / args.content, root):
        raise BriefingError(f"{args.content} is outside the project ({root}); "
                            "briefings belong inside it")
    folder = create(root / args.content, args.slug, dt.date.today())
    print(f"created {folder}/ with {', '.join(FILE_NAMES)}; replace the placeholders, then "
          f"run '{PYTHON} -m generator check'")
    return 0


def _diff(args: argparse.Namespace, root: Path) -> int:
    from generator.cli.diff import as_markdown, as_text, compare_revisions

    report = compare_revisions(root, args.content, args.seeds, args.old, args.new)
    print(as_markdown(report) if args.markdown else as_text(report), end="")
    return 0


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
                            "briefing plugin's csp option on (the default)")
    print(found)
    return 0
