"""A built site put in place for readers, whichever builder wrote it.

`staging` builds beside the live site and swaps in one step; `search_index` indexes
the pages with Pagefind in parts (`pagefind` runs it and checks what it wrote);
`csp` gives every page its Content-Security-Policy; `built_site` does all of it to a
folder another builder wrote (`python -m generator publish`); `markdown_tree`
writes `render --out`'s Markdown, all or nothing.

May import: `build`, `render`, `content`, `base`; never MkDocs.
"""
