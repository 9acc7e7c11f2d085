"""The MkDocs plugin `briefing`: the only place that imports MkDocs.

`plugin` holds MkDocs' hooks and hands each job to the stages below; `config`
declares its options for MkDocs (their defaults are `base.settings`'); `nav` gives
each briefing its nav section; `guards` keeps MkDocs to the files the build may
publish, and `theme` to the theme's files that pages load; `dirty` (with
`site_record`) makes dirty builds give a full build's site;
`serving` keeps `mkdocs serve` watching; `internals` is every reach past MkDocs'
plugin API, each with its reason.

May import: MkDocs, and every stage but `cli`.
"""
