"""Every picture reads in both colour schemes: each mark at least 3:1 against the page
and each text at least 4.5:1 (WCAG 1.4.11 and 1.4.3), computed in real Chromium from
the colours its SVG marks and its words are drawn in, on every page with a picture of
the bundled briefing and of the `harbour` fixture (commitments due, a past relation),
light and dark."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from browser import chromium, serve
from conftest import bundled_project

pytestmark = pytest.mark.browser

SEED = "afpak-ceasefire-talks"
PAGES = ["", "timeline/", "actors/", "places/", "print/"]
"""The pages of a briefing that hold a picture (the places page, only where it has places)."""

CONTRASTS = """() => {
  function rgba(text) {
    const m = text.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return null;
    const [r, g, b, a] = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
    return [r, g, b, a === undefined ? 1 : a];
  }
  function over(top, bottom) {
    return [0, 1, 2].map(i => top[i] * top[3] + bottom[i] * (1 - top[3]));
  }
  function luminance(rgb) {
    const [r, g, b] = rgb.map(v => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  }
  function ratio(a, b) {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  }
  function background(element) {
    for (let e = element; e; e = e.parentElement) {
      const colour = rgba(getComputedStyle(e).backgroundColor);
      if (colour && colour[3] > 0) return colour.slice(0, 3);
    }
    return [255, 255, 255];
  }
  const found = [];
  const pictures = document.querySelectorAll(".picture-frame svg");
  pictures.forEach(svg => svg.querySelectorAll("circle, rect, path, line, text").forEach(e => {
    if (e.closest("defs") || e.closest("title")) return;
    const style = getComputedStyle(e);
    if (style.display === "none" || style.visibility === "hidden") return;
    const text = e.tagName === "text";
    const stroke = rgba(style.stroke);
    const stroked = !text && stroke && stroke[3] > 0 && parseFloat(style.strokeWidth) > 0;
    const paint = stroked ? stroke : rgba(style.fill);
    if (!paint) return;
    const opacity = parseFloat(stroked ? style.strokeOpacity : style.fillOpacity)
      * parseFloat(style.opacity);
    const page = background(svg);
    const drawn = over([paint[0], paint[1], paint[2], paint[3] * opacity], page);
    found.push({what: (e.getAttribute("class") || e.tagName) + " in "
                + (e.closest("g[class]") ? e.closest("g[class]").getAttribute("class") : "svg"),
                text: text, ratio: ratio(drawn, page)});
  }));
  document.querySelectorAll(".picture-frame").forEach(figure => figure.querySelectorAll(
      ".strip__label, .strip__when, .strip__legend li, .relations__actor, .relations__word"
    ).forEach(e => {
    const colour = rgba(getComputedStyle(e).color);
    const page = background(e);
    found.push({what: e.className + ": " + e.textContent.slice(0, 30), text: true,
                ratio: ratio(over(colour, page), page)});
  }));
  return found;
}"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("contrast")
    result = bundled_project(root, harbour=True).mkdocs("build", "--strict")
    assert result.returncode == 0, result.stderr
    with serve(root / "site") as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as instance:
        yield instance


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("briefing", [SEED, "harbour"])
def test_every_mark_and_text_of_every_picture_stands_out_from_the_page(
        browser: Any, site: str, scheme: str, briefing: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900},
                                  color_scheme=scheme)
    page = context.new_page()
    checked = 0
    for path in PAGES:
        if path == "places/" and briefing != SEED:
            continue
        page.goto(f"{site}{briefing}/{path}")
        assert page.evaluate("document.body.dataset.mdColorScheme") == \
            ("slate" if scheme == "dark" else "default")
        found = page.evaluate(CONTRASTS)
        checked += len(found)
        faint = [(path, f["what"], round(f["ratio"], 2)) for f in found
                 if f["ratio"] < (4.5 if f["text"] else 3.0)]
        assert faint == [], faint
    assert checked > 50
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_desk_maps_marks_and_words_stand_out_from_the_page(
        browser: Any, site: str, scheme: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    page.goto(site)
    found = page.evaluate(CONTRASTS)
    faint = [(f["what"], round(f["ratio"], 2)) for f in found
             if f["ratio"] < (4.5 if f["text"] else 3.0)]
    assert faint == []
    assert any("desk-pin" in f["what"] for f in found)
    context.close()
