"""Links are what they say: a source's URL becomes one quoted `href` whose value, as the
browser reads it, is the address the editor wrote, with quotes, brackets and invisible
characters percent-encoded, never split into other attributes."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from conftest import Project

pytestmark = pytest.mark.slow

URLS = {
    "apostrophe": ("https://example.org/o'brien'onmouseover='x",
                   "https://example.org/o%27brien%27onmouseover=%27x"),
    "entity": ("https://example.org/a&quot;b&lt;c", "https://example.org/a&quot;b&lt;c"),
    "query": ("https://example.org/?a=1&b=2&amp;c", "https://example.org/?a=1&b=2&amp;c"),
    "brackets": ("https://example.org/a(b)c", "https://example.org/a%28b%29c"),
    "backtick": ("https://example.org/a`b", "https://example.org/a%60b"),
    "invisible": ("https://example.org/a\u200bb", "https://example.org/a%E2%80%8Bb"),
    "encoded": ("https://example.org/%22%3E", "https://example.org/%22%3E"),
}


class Links(HTMLParser):
    """Every `<a>` of a page that leads to example.org: its attributes, decoded."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "a" and "example.org" in (attributes.get("href") or ""):
            self.found.append(attributes)


def test_source_urls_become_one_href_that_reads_back_as_written(project: Project) -> None:
    import yaml

    sources = yaml.safe_load((project.content / "riverland/sources.yml").read_text())
    for name, (url, _) in URLS.items():
        sources["sources"].append({"id": f"source-{name}", "title": name, "publisher": "X",
                                   "published": "2025-10-20", "url": url})
    project.write("content/riverland/sources.yml", yaml.safe_dump(sources, allow_unicode=True))
    project.edit("content/riverland/briefing.yml", "sources: [council-statement]",
                 "sources: [council-statement, "
                 + ", ".join(f"source-{name}" for name in URLS) + "]")
    result = project.mkdocs("build", "--strict")
    assert result.returncode == 0, result.stderr
    parser = Links()
    parser.feed((project.root / "site/riverland/sources/index.html").read_text())
    expected = [{"href": href} for _, href in URLS.values()]
    assert parser.found == expected


def test_links_in_text_fields_become_one_href_too(project: Project) -> None:
    project.edit("content/riverland/briefing.yml",
                 "summary: A ceasefire holds along the river.",
                 "summary: \"A ceasefire [holds](https://example.org/x'onmouseover='alert(1)) "
                 "along the river [again](https://example.org/a&quot;b).\"")
    result = project.mkdocs("build", "--strict")
    assert result.returncode == 0, result.stderr
    parser = Links()
    parser.feed((project.root / "site/riverland/index.html").read_text())
    assert parser.found == [{"href": "https://example.org/x%27onmouseover=%27alert%281%29"},
                            {"href": "https://example.org/a%22b"}]
