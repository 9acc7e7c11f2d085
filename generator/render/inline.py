"""Inline-Markdown fields (md), read once and written as Markdown, as plain words or as HTML.

An (md) field may use emphasis, strong, code spans, line breaks and links to
http, https or mailto addresses; anything else it holds (HTML, images, other
links, headings, lists) is shown as the text it is, never obeyed. Every output
reads the field with the same parser and one walker over its tokens (`_walk`),
so they all agree with the page: the pages get safe Markdown (`inline`), the
descriptions, CSV cells and JSON-LD the words alone (`to_plain`), TimelineJS
and the Atom feed escaped HTML (`to_html`).
"""

from __future__ import annotations

import re
from functools import lru_cache
from html import escape
from typing import Any, ClassVar

from generator.content.translation_status import Translated
from generator.render.escape import (
    Md,
    code_span,
    escape_ends,
    escape_markdown,
    is_allowed_link,
    link_target,
    plain,
)
from generator.render.wording import marked

_WHITESPACE = re.compile(r"\s+")
# Text without these holds no inline Markdown and no line break: it needs no parser.
_MARKUP = re.compile(r"[*_`\[\]\\\n\r]")


_FINAL_STOP = re.compile(r"(?<=[a-z0-9)\]*_])\.\s*\Z")
"""A full stop that ends a sentence, not an abbreviation ("U.S.") or an ellipsis."""


def as_phrase(text: str) -> str:
    """An (md) field without the full stop that ends it, for text followed by other
    punctuation: "A ceasefire: **Pending**", never "A ceasefire.: **Pending**" (a field
    of a translation keeps its language and state)."""
    return _same_kind(_FINAL_STOP.sub("", text), text)


def _same_kind(made: str, text: str) -> str:
    """`made` from `text`, a `Translated` again if `text` was one, so it keeps its marks."""
    if isinstance(text, Translated):
        return Translated.of(made, text.lang, text.state)
    return made


def inline(text: str) -> Md:
    """An (md) field as Markdown, keeping only the allowed syntax; the rest shows as text."""
    if not _MARKUP.search(text):
        return plain(text)  # what the parser would make of it, at a fraction of the cost
    return parsed_inline(text)


def inline_label(text: str) -> Md:
    """An (md) field for use as the label of a link: as `inline`, but any link in it shows
    as its label alone (a link inside a link is no Markdown)."""
    if not _MARKUP.search(text):
        return plain(text)
    return parsed_inline(text, links=False)


def parsed_inline(text: str, *, links: bool = True) -> Md:
    """`inline` through the Markdown parser, whatever the text holds (a field of a
    translation marked as `wording.marked` says)."""
    return Md(marked(_parsed(text, links), text))


@lru_cache(maxsize=4096)
def _parsed(text: str, links: bool) -> str:
    # Cached by the words alone (a translated field's marks are added after, by `marked`):
    # a large desk shows each briefing's summary on several listings' pages (five times
    # over at the bench's 100 briefings), and the parser was half of a card's cost.
    return escape_ends(_walk(_tokens(text), _Markdown(links)))


def to_plain(text: str) -> str:
    """An (md) field as the words a reader sees, on one line, without markup:
    `Read *the* [report](https://example.org)` -> `Read the report`."""
    return _WHITESPACE.sub(" ", _walk(_tokens(text), _Plain())).strip()


def to_html(text: str) -> str:
    """An (md) field as HTML: emphasis, strong, code, line breaks and allowed links become
    elements; every other character is escaped."""
    return _walk(_tokens(text), _Html()).strip()


def plain_html(text: str) -> str:
    """A plain-text field as HTML: escaped, whitespace folded."""
    return escape(_WHITESPACE.sub(" ", text).strip())


def first_phrase(text: str, limit: int = 90) -> str:
    """The start of an (md) field as plain words, to its first sentence's end (a stop
    before a capital letter, so not the one in "U.S. to mediate") or clause's, or `limit`
    characters, cut at a word and marked with an ellipsis where it was cut."""
    words = to_plain(text)
    end = next((m.start() + 1 for m in _STOP.finditer(words)
                if m.end() == len(words) or words[m.end()].isupper()), None)
    clause = _CLAUSE.search(words)
    if clause and (end is None or clause.start() < end):
        head, cut = words[:clause.start()], True
    else:
        head, cut = (words[:end] if end else words), False
    if len(head) > limit:
        head, cut = head[:limit].rsplit(" ", 1)[0], True
    return _same_kind(head.rstrip(",;: ") + "…" if cut else head, text)


_STOP = re.compile(r"[.!?](\s+|$)")
_CLAUSE = re.compile(r"[;:](\s|$)")


def truncate(text: str, limit: int) -> str:
    """`text` cut at the last word boundary within `limit` characters, with an ellipsis
    when anything was cut."""
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    if not text[limit - 1].isspace() and " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.-–—") + "…"


@lru_cache(maxsize=1)
def _parser() -> Any:
    from markdown_it import MarkdownIt

    # Images are parsed only so that they can be shown as text: left unparsed,
    # `![x](url)` would read as "!" and a link, which Python-Markdown then turns
    # back into an image.
    return MarkdownIt("zero", {"html": False}).enable(
        ["emphasis", "backticks", "link", "image", "newline", "escape"])


def _tokens(text: str) -> list[Any]:
    tokens = _parser().parseInline(text.strip())
    return list(tokens[0].children or []) if tokens else []


def _walk(tokens: list[Any], out: _Output) -> str:
    """The tokens of an (md) field written by `out`: the one reading of a field that
    every output shares."""
    i = 0
    while i < len(tokens):
        token = tokens[i]
        kind = token.type
        if kind in ("text", "text_special"):
            out.text(token.content)
        elif kind == "code_inline":
            out.code(token.content)
        elif kind == "link_open":
            depth, j = 1, i + 1
            while depth:
                depth += {"link_open": 1, "link_close": -1}.get(tokens[j].type, 0)
                j += 1
            href = str(token.attrs.get("href", ""))
            out.link(_walk(tokens[i + 1:j - 1], out.fresh()), href, is_allowed_link(href))
            i = j
            continue
        elif kind == "image":
            out.image(_walk(list(token.children or []), out.fresh()),
                      str(token.attrs.get("src", "")))
        else:
            out.mark(kind)
        i += 1
    return "".join(out.parts)


class _Output:
    """How one output writes each kind of token (the base writes the words alone)."""

    marks: ClassVar[dict[str, str]] = {"softbreak": " ", "hardbreak": " "}
    """What emphasis, strong and line breaks become: nothing, by default, but a space
    for a line break."""

    def __init__(self) -> None:
        self.parts: list[str] = []

    def fresh(self) -> _Output:
        """An output of the same kind for a link's label or an image's text."""
        return type(self)()

    def text(self, content: str) -> None:
        self.parts.append(content)

    def code(self, content: str) -> None:
        self.parts.append(content)

    def mark(self, kind: str) -> None:
        self.parts.append(self.marks.get(kind, ""))

    def link(self, label: str, href: str, allowed: bool) -> None:
        # As the page shows a link that is not allowed: the whole of it as text.
        self.parts.append(label if allowed else f"[{label}]({href})")

    def image(self, alt: str, src: str) -> None:
        self.parts.append(f"![{alt}]({src})")


_Plain = _Output


class _Html(_Output):
    marks: ClassVar[dict[str, str]] = {
        "em_open": "<em>", "em_close": "</em>", "strong_open": "<strong>",
        "strong_close": "</strong>", "softbreak": " ", "hardbreak": "<br>"}

    def text(self, content: str) -> None:
        self.parts.append(escape(content))

    def code(self, content: str) -> None:
        self.parts.append(f"<code>{escape(content)}</code>")

    def link(self, label: str, href: str, allowed: bool) -> None:
        self.parts.append(f'<a href="{escape(href)}">{label}</a>' if allowed
                          else f"[{label}]({escape(href)})")

    def image(self, alt: str, src: str) -> None:
        self.parts.append(f"![{alt}]({escape(src)})")


class _Markdown(_Output):
    marks: ClassVar[dict[str, str]] = {
        "em_open": "*", "em_close": "*", "strong_open": "**", "strong_close": "**",
        "softbreak": " ", "hardbreak": "<br>"}

    def __init__(self, links: bool = True) -> None:
        super().__init__()
        self.links = links
        """False for a link's label: a link inside it shows as its label alone."""

    def fresh(self) -> _Markdown:
        return _Markdown(self.links)

    def text(self, content: str) -> None:
        self.parts.append(escape_markdown(_WHITESPACE.sub(" ", content)))

    def code(self, content: str) -> None:
        self.parts.append(code_span(content))

    def link(self, label: str, href: str, allowed: bool) -> None:
        if not self.links:
            self.parts.append(label)
        elif allowed:
            if self.parts and self.parts[-1].endswith("!"):  # "!" + "[x](url)": an image
                self.parts[-1] = self.parts[-1][:-1] + "\\!"
            self.parts.append(f"[{label}]({link_target(href)})")
        else:
            self.parts.append(f"\\[{label}\\]\\({escape_markdown(href)}\\)")

    def image(self, alt: str, src: str) -> None:
        self.parts.append(f"!\\[{alt}\\]\\({escape_markdown(src)}\\)")
