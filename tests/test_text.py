"""How text from YAML becomes Markdown: shown exactly as written, obeyed only where allowed.

`plain()` is for plain-text fields: every character shows as itself. `inline()`
is for inline-Markdown fields: emphasis, strong, code spans, line breaks and
links to http, https and mailto work; everything else shows as the text it
is. The last tests put every hostile string of tests/hostile/text.yml through
both, in every place a template puts text, and read the result with
Python-Markdown set up as mkdocs.yml sets it up.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.render.analysis import number
from generator.render.escape import Md, html, is_allowed_link, link, link_target, plain
from generator.render.inline import first_phrase, inline

HERE = Path(__file__).resolve().parent


# Plain text

@pytest.mark.parametrize(("text", "markdown"), [
    ("River Council", "River Council"),
    ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
    ("&lt; &#60; &amp;", "&amp;lt; &amp;#60; &amp;amp;"),
    ("*a* _b_ `c` [d](e) {f} a|b \\", "\\*a\\* \\_b\\_ \\`c\\` \\[d\\](e) \\{f\\} a\\|b \\\\"),
    ("  two\n\tlines  ", "two lines"),
])
def test_plain_text_shows_every_character_as_itself_on_one_line(text: str,
                                                                  markdown: str) -> None:
    assert plain(text) == markdown


@pytest.mark.parametrize(("text", "markdown"), [
    ("# Heading", "\\# Heading"),
    ("- item", "\\- item"),
    ("+ item", "\\+ item"),
    ("1. item", "1\\. item"),
    ("1) item", "1\\) item"),
    ("!!! danger", "\\!!! danger"),
    ("~~~", "&#126;~~"),
    ("===", "&#61;=="),
    ("C#", "C\\#"),
    ("Number ##", "Number \\#\\#"),
    ("#", "\\#"),
])
def test_what_means_something_at_the_start_or_end_of_a_line_is_escaped(
        text: str, markdown: str) -> None:
    # A template may put a field at the start of a line, or at the end of a heading.
    assert plain(text) == markdown
    assert inline(text) == markdown


def test_text_that_is_already_markdown_is_left_alone() -> None:
    assert plain(Md("**kept**")) == "**kept**"


# Inline Markdown

@pytest.mark.parametrize(("text", "markdown"), [
    ("*a* **b** `c`", "*a* **b** `c`"),
    ("_a_ __b__", "*a* **b**"),
    ("first  \nsecond", "first<br>second"),
    ("first\nsecond", "first second"),
    ("``a ` b``", "``a ` b``"),
    ("[site](https://example.org/a)", "[site](https://example.org/a)"),
    ("[mail](mailto:desk@example.org)", "[mail](mailto:desk@example.org)"),
    ("*[x](https://example.org/)*", "*[x](https://example.org/)*"),
])
def test_inline_markdown_keeps_emphasis_code_breaks_and_web_links(text: str,
                                                                   markdown: str) -> None:
    assert inline(text) == markdown


@pytest.mark.parametrize(("text", "markdown"), [
    ("[x](javascript:alert(1))", "\\[x\\](javascript:alert(1))"),
    ("[x](//evil.example/)", "\\[x\\]\\(//evil.example/\\)"),
    ("[x](http:evil.example)", "\\[x\\]\\(http:evil.example\\)"),
    ("[x](ftp://evil.example/)", "\\[x\\]\\(ftp://evil.example/\\)"),
    ("[x](#top)", "\\[x\\]\\(#top\\)"),
    ("![pixel](https://evil.example/p.png)", "\\!\\[pixel\\]\\(https://evil.example/p.png\\)"),
    ("see ![pixel](https://evil.example/p.png)", "see !\\[pixel\\]\\(https://evil.example/p.png\\)"),
    ("<b>bold</b> & <https://example.org/>", "&lt;b&gt;bold&lt;/b&gt; &amp; &lt;https://example.org/&gt;"),
    ("[x][ref]", "\\[x\\]\\[ref\\]"),
])
def test_links_that_are_not_to_the_web_images_and_html_show_as_text(text: str,
                                                                      markdown: str) -> None:
    assert inline(text) == markdown


def test_a_bang_before_an_allowed_link_does_not_make_it_an_image() -> None:
    assert inline("\\![x](https://example.org/p.png)") == "\\![x](https://example.org/p.png)"


def test_link_labels_are_inline_markdown_too() -> None:
    assert inline("[<img src=x> *y*](https://example.org/)") == \
        "[&lt;img src=x&gt; *y*](https://example.org/)"


@pytest.mark.parametrize(("href", "allowed"), [
    ("https://example.org/", True),
    ("HTTP://EXAMPLE.ORG/", True),
    ("mailto:desk@example.org", True),
    ("https:example.org", False),
    ("//example.org/", False),
    ("javascript:alert(1)", False),
    ("JaVaScRiPt:alert(1)", False),
    ("data:text/html,x", False),
    ("vbscript:x", False),
    ("file:///etc/passwd", False),
    ("http://[broken", False),
    ("relative/page", False),
])
def test_only_http_https_and_mailto_links_are_allowed(href: str, allowed: bool) -> None:
    assert is_allowed_link(href) is allowed


def test_link_targets_cannot_end_the_link_or_its_attribute_early() -> None:
    assert link_target('https://e.org/a b"c(d)<e>') == "https://e.org/a%20b%22c%28d%29%3Ce%3E"
    assert link(plain("[x]"), "https://e.org/)") == "[\\[x\\]](https://e.org/%29)"


def test_html_escapes_everything_an_attribute_or_element_could_end_on() -> None:
    assert html("<a href=\"x\">'&'</a>") == \
        "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"


# Every hostile string, in every place a template puts text

def _site_markdown() -> Any:
    """Python-Markdown with the extensions mkdocs.yml lists, plus those MkDocs always adds."""
    import markdown

    config = yaml.safe_load((HERE.parent / "mkdocs.yml").read_text(encoding="utf-8"))
    names, configs = ["toc", "tables", "fenced_code"], {}
    for entry in config["markdown_extensions"]:
        name, options = (entry, {}) if isinstance(entry, str) else next(iter(entry.items()))
        names.append(name)
        configs[name] = options or {}
    return markdown.Markdown(extensions=list(dict.fromkeys(names)), extension_configs=configs)


PLACES = {
    "a paragraph": ("{x}", {"p"}),
    "two paragraphs": ("{x}\n\n{x}", {"p"}),
    "a list item": ("- **Label**: {x}", {"ul", "li", "strong"}),
    "a heading with an anchor": ("### {x} {{#anchor}}", {"h3"}),
    "a heading": ("# {x}", {"h1"}),
    "a table cell": ("| Who | Wants |\n| --- | --- |\n| A | {x} |",
                     {"table", "thead", "tbody", "tr", "th", "td"}),
    "a quotation": ("> “{x}”\n>\n> — {x}", {"blockquote", "p"}),
    "a numbered source": ("1. {x}, *{x}*, 2025.", {"ol", "li", "em"}),
}
INLINE = {"em", "strong", "code", "br", "a"}
STRINGS = [s for group, items in yaml.safe_load(
    (HERE / "hostile" / "text.yml").read_text(encoding="utf-8")).items()
    if group != "urls" for s in items]


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "br":
            self.text.append(" ")

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def handle_comment(self, data: str) -> None:
        self.tags.append(("!--", {}))


@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("kind", ["plain", "md"])
def test_hostile_text_anywhere_a_template_puts_it_makes_no_markup(kind: str,
                                                                  place: str) -> None:
    converter = _site_markdown()
    template, allowed = PLACES[place]
    problems = []
    for string in STRINGS:
        escaped = plain(string["text"]) if kind == "plain" else inline(string["text"])
        converter.reset()
        reader = _Reader()
        reader.feed(converter.convert(template.format(x=escaped)))
        for tag, attrs in reader.tags:
            if tag == "a" and attrs.get("class") == "headerlink":
                continue  # The heading's own permalink, added by the toc extension.
            extra = set(attrs) - {"id", "href"} if tag in allowed | INLINE else {tag}
            if tag == "a" and (kind == "plain" or not is_allowed_link(attrs.get("href") or "")):
                extra.add("a")
            if extra:
                problems.append(f"{string['name']}: <{tag} {attrs}>")
        seen = " ".join("".join(reader.text).split())
        want = " ".join((string.get("md", string["text"]) if kind == "md"
                         else string["text"]).split())
        if want not in seen:
            problems.append(f"{string['name']}: shows {seen!r}, not {want!r}")
    assert not problems, "\n".join(problems)


def test_the_hostile_corpus_is_not_empty() -> None:
    assert len(STRINGS) > 100
    assert all(re.fullmatch(r"[a-z0-9 ,'-]+", s["name"]) for s in STRINGS)


@pytest.mark.parametrize(("text", "shown"), [
    ("Joint patrols. Then more.", "Joint patrols."),
    ("Pakistan wants the U.S. to mediate the talks.", "Pakistan wants the U.S. to mediate "
                                                      "the talks."),
    ("Read *the* [report](https://example.org): and more", "Read the report…"),
    ("A deal " + "word " * 30, "A deal " + " ".join(["word"] * 16) + "…"),
])
def test_a_first_phrase_ends_at_a_sentence_or_clause_never_inside_one(text: str,
                                                                       shown: str) -> None:
    assert first_phrase(text) == shown


@pytest.mark.parametrize(("value", "shown"), [
    (2500, "2,500"), (2.5, "2.5"), (1234567.5, "1,234,567.5"), (12.3456789, "12.345679"),
])
def test_figures_read_as_readers_write_them(value: float, shown: str) -> None:
    assert number(value) == shown
