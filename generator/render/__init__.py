"""One validated briefing in, its pages as Markdown and its data files out: pure functions.

`page_table` lists every page and address the site has; `renderer` renders the rows
from `templates/`, with `view` (what the templates need, worked out once), `pictures`
(inline SVG), `head` (descriptions and JSON-LD) and `front_matter`; text from YAML
is escaped by `escape` and `inline`, so it never becomes markup. `exports` writes
briefing.json, TimelineJS and CSV; `card` is what the site shows of a briefing
elsewhere, with `feed` and `search_names` made from cards.

May import: `content`, `base`. Nothing here reads files, builds sites or knows MkDocs.
"""
