"""What the plugin changes of the theme's output: only the files that pages load are
published, and pages hold only markup that the W3C's Nu validator accepts.

Material copies into every site the files of its own search (lunr, its language
packs and the web worker that runs them) and source maps for its script and
styles, and the theme here has a script that only `mkdocs serve` loads. A site
whose search is Pagefind's never asks for the first, readers never ask for maps,
and a published site never asks for the preview's script: together about 2.3 MB
of a 5 MB site. With Material's search plugin switched on, its files stay.

Material's base template, which has no block to override them, marks its two hidden
checkboxes (the drawer's and search's) `autocomplete="off"`, which HTML allows on
text fields only: `valid_templates` takes it off the templates as they are loaded,
once a build rather than on each page.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

PREVIEW_SCRIPT = "assets/briefing-preview.js"
"""The script that shows the last save's problems on every page of a preview."""
_MATERIAL_SEARCH = ("assets/javascripts/lunr/", "assets/javascripts/workers/")
_TOGGLE = '<input class="md-toggle"'
_AUTOCOMPLETE_OFF = ' autocomplete="off">'
"""How Material's hidden checkboxes start, and how their tags end with the `autocomplete`
that the validator rejects."""
_MAP_COMMENT = re.compile(rb"\n//# sourceMappingURL=[^\n]*\s*\Z")
"""The last line of a minified script that names its source map."""


def published_only(files: Files, config: MkDocsConfig, *, serving: bool) -> None:
    """Leave out of `files` the theme's files that no page of this site loads, and
    have scripts no longer name the source maps left out."""
    material_search = any(name in ("search", "material/search") for name in config.plugins)
    docs = os.path.realpath(config.docs_dir)
    for file in list(files):
        if file.page is not None or file.generated_by or not file.abs_src_path \
                or os.path.realpath(file.abs_src_path).startswith(docs + os.sep):
            continue  # a page, or a file of the site's own, not the theme's
        uri = file.src_uri
        if (uri.endswith(".map")
                or (uri == PREVIEW_SCRIPT and not serving)
                or (uri.startswith(_MATERIAL_SEARCH) and not material_search)):
            files.remove(file)
        elif uri.startswith("assets/javascripts/") and uri.endswith(".js"):
            content = Path(file.abs_src_path).read_bytes()
            if _MAP_COMMENT.search(content):
                files.remove(file)
                files.append(File.generated(config, uri,
                                            content=_MAP_COMMENT.sub(b"\n", content)))


def valid_templates(env: jinja2.Environment,
                    compiled: CompiledTemplates | None = None) -> None:
    """Have `env` load its templates through `valid_markup`, and keep what it compiles
    in `compiled`, if given, for the next environment (MkDocs makes one for every build,
    and under `mkdocs serve` compiling the theme's templates again cost each rebuild
    almost a second)."""
    if env.loader is not None and not isinstance(env.loader, _ValidMarkupLoader):
        env.loader = _ValidMarkupLoader(env.loader)
    if compiled is not None:
        compiled.compiling_for(env)
        env.bytecode_cache = compiled


class CompiledTemplates(jinja2.BytecodeCache):
    """Templates compiled by earlier builds of this process, in memory. Jinja files each
    under its name and a hash of its source, so an edited template is compiled anew."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}
        self._settings: tuple[object, ...] | None = None

    def compiling_for(self, env: jinja2.Environment) -> None:
        """Forget what was compiled if `env` compiles differently from the environment
        before it (another extension, say, after mkdocs.yml changed under `serve`): Jinja
        checks a template's source, not the environment's settings."""
        settings = (sorted(env.extensions), env.block_start_string, env.block_end_string,
                    env.variable_start_string, env.variable_end_string,
                    env.comment_start_string, env.comment_end_string,
                    env.line_statement_prefix, env.line_comment_prefix, env.trim_blocks,
                    env.lstrip_blocks, env.newline_sequence, env.keep_trailing_newline,
                    env.optimized, env.autoescape if not callable(env.autoescape) else "a test")
        if settings != self._settings:
            self._code.clear()
            self._settings = settings

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self._code.clear()


class _ValidMarkupLoader(jinja2.BaseLoader):
    """A template loader handing out another's templates through `valid_markup`."""

    def __init__(self, loader: jinja2.BaseLoader) -> None:
        self.loader = loader

    def get_source(self, environment: jinja2.Environment,
                   template: str) -> tuple[str, str | None, Callable[[], bool] | None]:
        source, filename, uptodate = self.loader.get_source(environment, template)
        return valid_markup(source), filename, uptodate

    def list_templates(self) -> list[str]:
        return self.loader.list_templates()


def valid_markup(page: str) -> str:
    """A page or template as Material wrote it, without the attributes that HTML does
    not allow where Material puts them (see above)."""
    kept, at = [], 0
    while (start := page.find(_TOGGLE, at)) >= 0:
        end = page.find(">", start) + 1
        if end == 0:
            break
        tag = page[start:end]
        if tag.endswith(_AUTOCOMPLETE_OFF) and "<" not in tag[1:]:
            kept += [page[at:start], tag[:-len(_AUTOCOMPLETE_OFF)], ">"]
            at = end
        else:
            kept.append(page[at:start + 1])
            at = start + 1
    return "".join(kept) + page[at:] if kept else page


def interface_languages(config: MkDocsConfig, codes: tuple[str, ...]) -> dict[str, str]:
    """For each of the site's languages, the theme's file of interface strings its pages
    use (`overrides/partials/language.html`): its own (`fr`), its language's for a
    regional one (`fa` for `fa-AF`), or, where the theme has neither, English."""
    dirs = [Path(d) for d in config.theme.dirs]

    def has(name: str) -> bool:
        return any((d / "partials" / "languages" / f"{name}.html").is_file() for d in dirs)

    found = {}
    for code in codes:
        base = code.split("-")[0]
        found[code] = next((name for name in (code, base) if has(name)), "en")
    return found
