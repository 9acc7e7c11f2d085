"""Briefing-site generator: YAML briefings in, Markdown pages out.

The pipeline, one module per stage: `load` (YAML with positions) ->
`validate` against `model` -> `checks` (cross-references, dates, quotes),
orchestrated by `pipeline`; then `render` (Markdown from templates) and
`export` (briefing.json). `plugin` serves the pages through MkDocs; `cli`
does the same from the command line.
"""

__version__ = "0.1.0"
