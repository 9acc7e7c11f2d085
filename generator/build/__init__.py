"""The whole site's content: every briefing of `content/` loaded, checked and rendered.

`pipeline` finds the briefings (`briefing_folders` says which folders are) and runs
`content` and `render` for each, in parallel when it pays, reusing unchanged ones
from `cache`; each gives a `result`. `site_pages` adds the pages of the whole site
(home, feed, the search's files) and, under serve, the last good pages. `inputs`
checks the folders a builder walks besides the briefings, and `site_check` runs
every check a build runs, for `check` and the plugin alike.

May import: `render`, `content`, `base`. Writes nothing but its cache.
"""
