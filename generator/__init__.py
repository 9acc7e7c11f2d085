"""Briefing-site generator: YAML briefings in, a searchable static site out.

One sub-package per stage, each importing only the stages below it (the
contracts are in pyproject.toml, checked by `lint-imports` in the test suite):

    mkdocs/   cli/        the two ways in: the MkDocs plugin, and `python -m generator`
    publish/              a built site put in place: staging and swap, search index, CSP
    build/                the whole site: every briefing loaded, checked, rendered, cached
    render/               one validated briefing -> {page path: Markdown}, its data files
    content/              one briefing's YAML -> the validated model, and every problem
    base/                 rules every stage shares: problems, limits, paths, files, settings

Only `mkdocs/` imports MkDocs, so the pages can be built, and published, without it
(see docs/architecture.md).
"""

__version__ = "0.1.0"
