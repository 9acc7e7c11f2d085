"""The few facts about the whole site that the feed and the home page's JSON-LD need.

They live in `mkdocs.yml`; the plugin hands them over from MkDocs' config, and
`python -m generator render` reads them from the file, so that both write the
same feed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Site:
    """The site's name, address and description, from mkdocs.yml."""

    name: str = "Situation briefings"
    url: str | None = None
    """`site_url`, ending in `/`; None when it is not set (see the feed and `head.resolve`)."""
    description: str | None = None
    author: str | None = None
    """`site_author`: the feed's author; the site's name when not set."""
    language: str = "en"

    @classmethod
    def of(cls, name: str, url: str | None, description: str | None = None,
           author: str | None = None, language: str | None = None) -> Site:
        """The site, with `url` ending in `/` (MkDocs' own rule for site_url)."""
        if url and not url.endswith("/"):
            url += "/"
        return cls(name or cls.name, url or None, description or None, author or None,
                   language or "en")


def read_site(config_file: Path) -> Site:
    """The site as `mkdocs.yml` describes it; the defaults where it cannot be read.

    MkDocs configurations may hold tags such as `!ENV` or `!!python/name:`; those
    values are read as nothing, and nothing in them is run."""
    import yaml

    class _Loader(yaml.SafeLoader):
        pass

    _Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    try:
        data: Any = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_Loader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return Site()
    if not isinstance(data, dict):
        return Site()
    theme = data.get("theme")
    language = theme.get("language") if isinstance(theme, dict) else None

    def text(key: str) -> str | None:
        value = data.get(key)
        return value if isinstance(value, str) else None

    return Site.of(text("site_name") or Site.name, text("site_url"), text("site_description"),
                   text("site_author"), language if isinstance(language, str) else None)
