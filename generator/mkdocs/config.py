"""The plugin's options as MkDocs reads them, and what the generator takes from MkDocs' config.

MkDocs checks each option's type as it loads mkdocs.yml, so the options are
declared here in its terms; their defaults and meaning are `base.settings.Settings`',
written there once, and the command line reads the same block of mkdocs.yml into
the same `Settings` (`cli.config`). `settings_of`, `folders_of` and `site_of` hand
MkDocs' config over to the rest of the generator, which never sees MkDocs' types.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from generator.base.settings import Folders, Settings, Site
from generator.content.languages import languages_problem

log = logging.getLogger("mkdocs.plugins.briefing")
"""The plugin's log, as MkDocs prints it. Not `get_plugin_logger`: its "briefing: "
prefix would break the one `file:line:col: field: message` format."""

_DEFAULT = Settings()


class BriefingConfig(base.Config):
    """Options under `plugins: - briefing:` in mkdocs.yml; see `Settings` for each."""

    enabled = c.Type(bool, default=_DEFAULT.enabled)
    content_dir = c.Optional(c.Type(str))
    seeds_dir = c.Type(str, default=_DEFAULT.seeds_dir)
    fail_on_stale = c.Type(bool, default=_DEFAULT.fail_on_stale)
    cache = c.Type(bool, default=_DEFAULT.cache)
    cache_dir = c.Type(str, default=_DEFAULT.cache_dir)
    focus = c.Optional(c.Type(str))
    search = c.Type(bool, default=_DEFAULT.search)
    stale_after_days = c.Type(int, default=_DEFAULT.stale_after_days)
    publish_seeds = c.Type(bool, default=_DEFAULT.publish_seeds)
    languages = c.ListOfItems(c.Type(str), default=list(_DEFAULT.languages))
    translations_strict = c.Type(bool, default=_DEFAULT.translations_strict)
    csp = c.Type(bool, default=_DEFAULT.csp)
    static_files = c.ListOfItems(c.Type(str), default=list(_DEFAULT.static_files))


def settings_of(options: BriefingConfig) -> Settings:
    """The plugin's options as the generator takes them."""
    values = {name: options[name] for name in Settings.names()}
    values["static_files"] = tuple(values["static_files"])
    values["languages"] = tuple(values["languages"])
    problem = languages_problem(values["languages"])
    if problem:
        raise PluginError(f"briefing: {problem}")
    return Settings(**values)


def root_of(config: MkDocsConfig) -> Path:
    """The project: the folder holding mkdocs.yml, where MkDocs finds docs_dir. A
    mkdocs.yml that is a link (a shared configuration) is not followed: the project is
    where the link is, as MkDocs takes it."""
    if not config.config_file_path:
        return Path.cwd()
    return (Path.cwd() / config.config_file_path).parent


def folders_of(config: MkDocsConfig, settings: Settings) -> Folders:
    """Where the project's files are, as MkDocs resolved mkdocs.yml's folders."""
    custom = config.theme.custom_dir
    return Folders.of(root_of(config), config.docs_dir, config.site_dir, custom or None,
                      settings)


def site_of(config: MkDocsConfig) -> Site:
    """The facts about the site that its feed and JSON-LD need."""
    return Site.of(config.site_name, config.site_url, config.site_description,
                   config.site_author, config.theme.get("language"))
