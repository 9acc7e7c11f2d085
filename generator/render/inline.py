"""Inline-Markdown fields as plain text and as HTML, for the outputs that are not pages.

The pages get Markdown from `text`; descriptions, CSV cells and JSON-LD want the
words alone, and TimelineJS and the Atom feed want HTML. Both read a field the
way `text.inline` does, with the same parser and the same rule for links (http,
https and mailto only), so every output agrees with the page: what the page
shows as text (HTML, images, other links) is text here too, and in HTML it is
escaped, never markup.
"""

from __future__ import annotations

import re
from html import escape
from typing import Any

from generator.render.escape import _parser, is_allowed_link

_WHITESPACE = re.compile(r"\s+")


def to_plain(text: str) -> str:
    """An inline-Markdown field as the words a reader sees, on one line, without markup:
    `Read *the* [report](https://example.org)` -> `Read the report`."""
    return _WHITESPACE.sub(" ", "".join(_walk(_tokens(text), _plain))).strip()


def to_html(text: str) -> str:
    """An inline-Markdown field as HTML: emphasis, strong, code, line breaks and allowed
    links become elements; every other character is escaped."""
    return "".join(_walk(_tokens(text), _html)).strip()


def plain_html(text: str) -> str:
    """A plain-text field as HTML: escaped, whitespace folded."""
    return escape(_WHITESPACE.sub(" ", text).strip())


def first_phrase(text: str, limit: int = 90) -> str:
    """The start of an inline-Markdown field as plain words, to its first sentence's end
    (a stop before a capital letter, so not the one in "U.S. to mediate") or clause's, or
    `limit` characters, cut at a word and marked with an ellipsis where it was cut."""
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
    return head.rstrip(",;: ") + "…" if cut else head


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


def _tokens(text: str) -> list[Any]:
    tokens = _parser().parseInline(text.strip())
    return list(tokens[0].children or []) if tokens else []


# What each token becomes, per output: (plain, html).
_plain = {"em_open": "", "em_close": "", "strong_open": "", "strong_close": "",
          "softbreak": " ", "hardbreak": " "}
_html = {"em_open": "<em>", "em_close": "</em>", "strong_open": "<strong>",
         "strong_close": "</strong>", "softbreak": " ", "hardbreak": "<br>"}


def _walk(tokens: list[Any], out: dict[str, str]) -> list[str]:
    as_html = out is _html
    quote = escape if as_html else _same
    parts: list[str] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        kind = token.type
        if kind in ("text", "text_special"):
            parts.append(quote(token.content))
        elif kind == "code_inline":
            parts.append(f"<code>{escape(token.content)}</code>" if as_html else token.content)
        elif kind == "link_open":
            depth, j = 1, i + 1
            while depth:
                depth += {"link_open": 1, "link_close": -1}.get(tokens[j].type, 0)
                j += 1
            label = "".join(_walk(tokens[i + 1:j - 1], out))
            href = str(token.attrs.get("href", ""))
            if not is_allowed_link(href):
                # As the page shows it: the whole link as text, never a link.
                parts.append(f"[{label}]({quote(href)})")
            elif as_html:
                parts.append(f'<a href="{escape(href)}">{label}</a>')
            else:
                parts.append(label)
            i = j
            continue
        elif kind == "image":
            alt = "".join(_walk(list(token.children or []), out))
            parts.append(f"![{alt}]({quote(str(token.attrs.get('src', '')))})")
        else:
            parts.append(out.get(kind, ""))
        i += 1
    return parts


def _same(text: str) -> str:
    return text
