"""Every size and count limit, in one place: what no content file may exceed.

Each limit bounds the time or memory that one file can cost a build, far above
what a real briefing needs. docs/safety.md's "Limits" lists the same
numbers (a test keeps the two in step).
"""

MAX_FILE_BYTES = 8 * 1024 * 1024
"""Larger YAML files are refused: no briefing needs more, and it bounds time and memory."""
MAX_VALUES = 50_000
"""More values (keys, scalars, lists, mappings) in one YAML file are refused: a real file
holds a few thousand, and reading each costs time, so this bounds a check's run time."""
MAX_DEPTH = 32
"""Deeper nesting is refused (libyaml's composer crashes on very deep input)."""
MAX_KEY_LENGTH = 100
"""Longer keys are refused before they reach a message: every real key is a short word."""
MAX_ID_LENGTH = 64
"""Ids and slugs become addresses and anchors: long enough for any name, short enough for
a URL."""
MAX_TEXT_LENGTH = 20_000
"""Characters in one text field: a long summary is a few hundred."""
MAX_SEED_BYTES = 4 * 1024 * 1024
"""Larger seeds are refused: an archived article is far smaller, and every quote is
searched in the whole text."""
MAX_SEED_NAME_LENGTH = 200
"""Characters in a seed's file name."""

HINT_BUDGET = 20_000
"""How many names "did you mean" hints may compare, per briefing: plenty for the
typos of a real briefing, while one with thousands of broken references still
checks in well under a second (each hint compares the name with every known one)."""

MAX_CACHE_BYTES = 256 * 1024 * 1024
"""Larger cache files are neither written nor read: far more than the pages of the largest
briefing these limits allow, and a bound on what a damaged or planted cache file costs."""
QUOTE_SEARCH_BUDGET = 10_000_000
"""How much work the search for missing quotes' nearest passages may do, per briefing: each
seed searched costs its length in characters, and each passage looked for the word matches
it compares. About two seconds of searching; past it, missing quotes are reported without
their nearest passage, so a briefing of many missing quotes still checks in seconds."""
PAGEFIND_TIMEOUT = 20 * 60
"""Seconds Pagefind may take to index a site before the build gives up on it: a site of a
hundred briefings takes a few seconds, so only a hung indexer ever reaches it."""
BUILD_TIMEOUT = 60 * 60
"""Seconds the worker processes of a cold build may take in all before the build gives up:
a hundred briefings take a minute on two cores, so only a hung worker ever reaches it."""
