"""Turn text from YAML into Markdown (or HTML) that shows it exactly and obeys none of it.

A plain-text field is shown exactly as written: every character that Markdown or
HTML would read as syntax (emphasis, links, HTML, headings, lists, tables,
template syntax) is escaped so it shows as the character it is. What the page
may obey is marked by type: an `Md` string is already safe Markdown, and the
templates print anything else through `plain`. Markdown output (not HTML) keeps
the pages usable by any Markdown builder; the escapes used are the ones
Python-Markdown and CommonMark both honour. Inline-Markdown fields, which may
also use emphasis, code and links, are read in `inline`.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any
from urllib.parse import quote, urlsplit

from generator.content.translation_status import Translated
from generator.render.wording import marked


class Md(str):
    """A string that is already safe Markdown; templates print it as it is."""


# Characters that are syntax anywhere in a line. Escaped with a backslash, which
# Python-Markdown (with its tables extension) and CommonMark both remove; and
# the three that HTML gives a meaning, as character references.
_ESCAPES = str.maketrans({**{c: "\\" + c for c in "\\`*_{}[]|"},
                          "&": "&amp;", "<": "&lt;", ">": "&gt;"})
# Syntax only at the start of a line: headings, lists, rules, admonitions (`!!!`).
# Text is always folded onto one line, but a template may place it at a line's start.
_LINE_START = re.compile(r"^(?:[#+!-]|\d+(?=[.)]))")
# Fenced code (`~~~`) and setext underlines (`===`) also start a line, but
# Python-Markdown has no backslash escape for these two: a character reference
# shows the same character and starts nothing.
_LINE_START_REFERENCES = {"~": "&#126;", "=": "&#61;"}
# A heading drops the `#`s that end its line ("# C#" would read "C"), so a
# trailing run of them is escaped wherever the text ends up.
_TRAILING_HASHES = re.compile(r"#+$")
_LINK_SCHEMES = ("http", "https", "mailto")
_WHITESPACE = re.compile(r"\s+")


def plain(text: Any) -> Md:
    """Plain text as inline Markdown: every character shows as itself, on one line."""
    if isinstance(text, Md):
        return text
    if isinstance(text, Translated):
        return Md(marked(_plain(str(text)), text))
    return _plain(str(text))


@lru_cache(maxsize=8192)
def _plain(text: str) -> Md:
    # Names, labels and titles recur on every page of a briefing: escape each once.
    return Md(escape_ends(escape_markdown(_WHITESPACE.sub(" ", text).strip())))


def escape_ends(text: str) -> str:
    """Escape what means something at the start or the end of a line."""
    text = _TRAILING_HASHES.sub(lambda m: "\\#" * len(m.group()), text)
    if text[:1] in _LINE_START_REFERENCES:
        return _LINE_START_REFERENCES[text[0]] + text[1:]
    match = _LINE_START.match(text)
    if match is None:
        return text
    end = match.end()
    if text[0].isdigit():  # "1. " would start a numbered list: escape the dot.
        return text[:end] + "\\" + text[end:]
    return "\\" + text


def escape_markdown(text: str) -> str:
    """`text` with every character that is Markdown or HTML syntax anywhere in a line
    escaped (what means something at a line's start or end is left to `plain`)."""
    return text.translate(_ESCAPES)


def code_span(content: str) -> str:
    """A code span showing `content` literally, whatever backticks it holds."""
    content = _WHITESPACE.sub(" ", content).strip()
    longest = max((len(run) for run in re.findall(r"`+", content)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if content.startswith("`") or content.endswith("`") else ""
    return f"{fence}{pad}{content}{pad}{fence}"


def is_allowed_link(href: str) -> bool:
    """True for absolute http, https and mailto links."""
    try:
        parts = urlsplit(href)
    except ValueError:
        return False
    if parts.scheme.lower() not in _LINK_SCHEMES:
        return False
    return parts.scheme.lower() == "mailto" or bool(parts.netloc)


def link_target(url: str) -> str:
    """A URL made safe to place inside Markdown's `(...)`, and so into an `href`: every
    space, quote, parenthesis, angle bracket, backslash and control character
    percent-encoded (square brackets stay, for IPv6 hosts), and `&` as
    the character reference `&amp;`, so that the browser reads back exactly `url` (a
    bare `&quot;` in it would otherwise arrive as a quote mark)."""
    return quote(url, safe="/:?#@!$&*+,;=%~-._[]").replace("&", "&amp;")


def link(label: Md, url: str) -> Md:
    """A Markdown link with an already-escaped label to a checked URL."""
    return Md(f"[{label}]({link_target(url)})")


def html(text: Any) -> str:
    """Text escaped for HTML, for values that MkDocs or the theme print unescaped."""
    return (str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("'", "&#39;"))


def attribute(text: str) -> str:
    """Text for a quoted attribute value, in attr_list's `{: name="value" }` or in HTML."""
    return html(text)


_SCRIPTS = [  # (first code point, last code point, ISO 15924 code), for `script_of`
    (0x0370, 0x03FF, "Grek"), (0x0400, 0x052F, "Cyrl"), (0x0530, 0x058F, "Armn"),
    (0x0590, 0x05FF, "Hebr"), (0x0600, 0x06FF, "Arab"), (0x0750, 0x077F, "Arab"),
    (0x08A0, 0x08FF, "Arab"), (0xFB50, 0xFDFF, "Arab"), (0xFE70, 0xFEFF, "Arab"),
    (0x0900, 0x097F, "Deva"), (0x0980, 0x09FF, "Beng"), (0x0A00, 0x0A7F, "Guru"),
    (0x0B80, 0x0BFF, "Taml"), (0x0E00, 0x0E7F, "Thai"), (0x10A0, 0x10FF, "Geor"),
    (0x1200, 0x137F, "Ethi"), (0x3040, 0x30FF, "Jpan"), (0x3400, 0x9FFF, "Hani"),
    (0xAC00, 0xD7AF, "Hang"), (0x20000, 0x2FA1F, "Hani"),
]


def script_of(text: str) -> str:
    """The ISO 15924 code of the script most letters of `text` are in (`Latn` by default),
    for a `lang` of `und-<script>` where the language itself is not known."""
    counts: dict[str, int] = {}
    for char in text:
        point = ord(char)
        for first, last, code in _SCRIPTS:
            if first <= point <= last:
                counts[code] = counts.get(code, 0) + 1
                break
    return max(counts, key=lambda c: counts[c]) if counts else "Latn"
