"""What `mkdocs.yml` says, read by the command line as MkDocs reads it, without MkDocs.

`check`, `render` and `publish` run with the settings `mkdocs build` runs with: the
folders (docs_dir, site_dir, the theme's custom_dir), the site's name and address
(for the feed), and the `briefing` plugin's options. So `check --strict` fails
exactly where `mkdocs build --strict` would, and an option given on the command
line overrides the file. Where there is no mkdocs.yml, the defaults hold, with the
briefings in `content/`.

The file is read as MkDocs reads it: `!ENV NAME` and `!ENV [NAME, OTHER, default]`
take their value from the environment (with MkDocs' own library for the tag), and
`INHERIT: base.yml` merges the file it names under this one. Any other tag (such
as `!!python/name:` in Markdown extensions' settings) names code, which is never
run here: its value reads as nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from generator.base.paths import shown
from generator.base.problems import BriefingError, Problem, describe, did_you_mean
from generator.base.settings import Folders, Settings, Site
from generator.content.languages import languages_problem

PLUGIN = "briefing"
"""The plugin's name in mkdocs.yml's `plugins`."""
_WITHOUT_FILE = {"docs_dir": "content", "site_dir": "site"}
"""The folders of a project without mkdocs.yml."""
_MKDOCS_DEFAULTS = {"docs_dir": "docs", "site_dir": "site"}
"""MkDocs' own defaults, for a mkdocs.yml that does not set them."""


@dataclass(frozen=True)
class ProjectConfig:
    """A project's configuration: its folders, the site's facts and the plugin's options."""

    folders: Folders
    site: Site
    settings: Settings
    problems: list[Problem] = field(default_factory=list)
    """Warnings about the file, such as an option the plugin does not have: like MkDocs'
    own configuration warnings, they fail only a strict run."""


def read_config(root: Path, config_file: Path | None = None) -> ProjectConfig:
    """The configuration of the project at `root`, from `config_file` (by default
    `root/mkdocs.yml`, if there is one). Raises `BriefingError` for a file that cannot be
    read or a value MkDocs would refuse."""
    if config_file is None:
        default = root / "mkdocs.yml"
        if not default.is_file():
            return ProjectConfig(Folders.of(root, _WITHOUT_FILE["docs_dir"],
                                            _WITHOUT_FILE["site_dir"], None, Settings()),
                                 Site(), Settings())
        config_file = default
    config_file = root / config_file
    data = _load(config_file, root)
    where = _Locator(config_file, root)
    options, problems = _plugin_options(data.get("plugins"), where)
    settings = Settings(**options)
    problem = languages_problem(settings.languages)
    if problem:
        raise BriefingError(str(where.problem(("plugins", PLUGIN, "languages"), problem)))
    theme = data.get("theme")
    theme_dir = theme.get("custom_dir") if isinstance(theme, dict) else None
    folders = Folders.of(config_file.parent,
                         _text(data, "docs_dir", where) or _MKDOCS_DEFAULTS["docs_dir"],
                         _text(data, "site_dir", where) or _MKDOCS_DEFAULTS["site_dir"],
                         theme_dir if isinstance(theme_dir, str) else None, settings)
    language = theme.get("language") if isinstance(theme, dict) else None
    site = Site.of(_text(data, "site_name", where), _text(data, "site_url", where),
                   _text(data, "site_description", where), _text(data, "site_author", where),
                   language if isinstance(language, str) else None)
    return ProjectConfig(folders, site, settings, problems)


def _load(config_file: Path, root: Path, seen: tuple[Path, ...] = ()) -> dict[str, Any]:
    """The file's data, merged over the file its `INHERIT` names, as MkDocs merges them."""
    import mergedeep
    import yaml
    import yaml_env_tag

    class Loader(yaml.SafeLoader):
        """YAML's safe loader with MkDocs' `!ENV`; any other tag reads as nothing."""

    Loader.add_constructor("!ENV", yaml_env_tag.construct_env_tag)
    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    try:
        data = yaml.load(config_file.read_text(encoding="utf-8"), Loader=Loader)
    except FileNotFoundError:
        raise BriefingError(f"{shown(config_file, root)} not found; run from the folder "
                            "with mkdocs.yml, or name the file with -f") from None
    except (OSError, UnicodeDecodeError) as error:
        raise BriefingError(f"{shown(config_file, root)} cannot be read: "
                            f"{getattr(error, 'strerror', None) or error}") from None
    except yaml.YAMLError as error:
        raise BriefingError(f"{shown(config_file, root)}: not valid YAML: "
                            f"{' '.join(str(error).split())}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise BriefingError(f"{shown(config_file, root)}:1:1: expected a mapping of "
                            f"settings but received {describe(data)}")
    parent = data.pop("INHERIT", None)
    if isinstance(parent, str):
        inherited = (config_file.parent / parent).resolve()
        if inherited in seen:
            raise BriefingError(f"{shown(config_file, root)}: INHERIT leads back to "
                                f"{shown(inherited, root)}; remove one of them")
        data = mergedeep.merge(_load(inherited, root, (*seen, config_file.resolve())), data)
    return data


class _Locator:
    """Where a value stands in the configuration file, for messages (found only when one
    is needed: the file is parsed a second time, keeping positions)."""

    def __init__(self, config_file: Path, root: Path) -> None:
        self.file = config_file
        self.shown = shown(config_file, root)

    def problem(self, path: tuple[str | int, ...], message: str, *,
                severity: str = "error", at_key: bool = False) -> Problem:
        """A problem at the value at `path` (or at its key), as content problems are."""
        line, column = self._position(path, at_key)
        where = ".".join(str(part) for part in path)
        return Problem(self.shown, line, column, where, message,
                       "warning" if severity == "warning" else "error")

    def _position(self, path: tuple[str | int, ...], at_key: bool) -> tuple[int, int]:
        import yaml

        try:
            node: Any = yaml.compose(self.file.read_text(encoding="utf-8"),
                                     Loader=yaml.SafeLoader)
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            return 1, 1
        key = None
        for part in path:
            found = _child(node, part)
            if found is None:
                break
            key, node = found
        mark = (key if at_key and key is not None else node).start_mark
        return mark.line + 1, mark.column + 1


def _child(node: Any, part: str | int) -> tuple[Any, Any] | None:
    """The key and value nodes under `node` at `part`: a key's value, a list's item, or the
    plugin's own entry in `plugins` (`- briefing:` or `briefing:`)."""
    import yaml

    if isinstance(node, yaml.MappingNode):
        return next(((key, value) for key, value in node.value if key.value == part), None)
    if isinstance(node, yaml.SequenceNode):
        if isinstance(part, int):
            return (None, node.value[part]) if part < len(node.value) else None
        for item in node.value:
            if isinstance(item, yaml.ScalarNode) and item.value == part:
                return item, item
            found = _child(item, part)
            if found is not None:
                return found
    return None


def _text(data: dict[str, Any], key: str, where: _Locator) -> str | None:
    value = data.get(key)
    if value is None or isinstance(value, str):
        return value
    raise BriefingError(str(where.problem((key,), f"expected text but received "
                                                  f"{describe(value)}")))


_TYPES: dict[str, tuple[type, ...]] = {"bool": (bool,), "int": (int,), "str": (str,),
                                       "str | None": (str, type(None))}


def _plugin_options(plugins: Any, where: _Locator) -> tuple[dict[str, Any], list[Problem]]:
    """The `briefing` plugin's options as `Settings` takes them, checked as MkDocs checks
    them: a value of the wrong type is an error, an unknown option a warning."""
    given: Any = None
    if isinstance(plugins, dict):
        given = plugins.get(PLUGIN, {}) if PLUGIN in plugins else None
    elif isinstance(plugins, list):
        for item in plugins:
            if item == PLUGIN:
                given = {}
            elif isinstance(item, dict) and PLUGIN in item:
                given = item[PLUGIN] or {}
    if given is None:
        return {}, []
    if not isinstance(given, dict):
        raise BriefingError(str(where.problem(("plugins", PLUGIN), "expected the plugin's "
                                              f"options as a mapping but received "
                                              f"{describe(given)}")))
    kinds = {option.name: str(option.type) for option in fields(Settings)}
    options: dict[str, Any] = {}
    problems = []
    for name, value in given.items():
        path = ("plugins", PLUGIN, str(name))
        kind = kinds.get(str(name))
        if kind is None:
            hint = did_you_mean(str(name), set(kinds))
            problems.append(where.problem(path, f"the {PLUGIN} plugin has no option "
                                                f"'{name}'{hint}", severity="warning",
                                          at_key=True))
        elif kind.startswith("tuple"):
            if not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
                raise BriefingError(str(where.problem(path, "expected a list of name "
                                                            "patterns but received "
                                                            f"{describe(value)}")))
            options[name] = tuple(value)
        elif isinstance(value, _TYPES[kind]):
            options[name] = value
        else:
            expected = {"bool": "true or false", "int": "a whole number"}.get(kind, "text")
            raise BriefingError(str(where.problem(path, f"expected {expected} but received "
                                                        f"{describe(value)}")))
    return options, problems
