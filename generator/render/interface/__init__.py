"""The site's own words in each language: one catalog per language, `<code>.json`, mapping
each interface string (as the code writes it, in English) to its wording.

`render.wording.say` looks strings up here for the language pages are rendered in; a
regional language (`fa-AF`) takes its language's catalog (`fa.json`) and may override
some of it in its own (`fa-AF.json`). A string missing from a catalog shows in English.
To add a language, write its catalog with every string `interface_strings` lists (the
test suite checks the bundled catalogs are complete, placeholders included).
"""

from __future__ import annotations

from importlib import resources


def interface_strings() -> set[str]:
    """Every interface string the templates (`_("...")`) and the code (`say("...")`) say,
    and the words of the vocabulary they look up: what each language's catalog translates
    (tests/test_languages.py checks the bundled ones are complete)."""
    import re
    from typing import get_args

    from generator.content import vocabulary
    from generator.render import analysis, maps, page_table, pictures, places, renderer, view

    root = resources.files("generator")
    found: set[str] = set()
    quoted = r'"((?:[^"\\]|\\.)*)"'
    for template in root.joinpath("render/templates").iterdir():
        found.update(m.replace('\\"', '"') for m in re.findall(r"_\(" + quoted,
                                                                template.read_text("utf-8")))
    for folder in ("render", "content"):
        for module in root.joinpath(folder).iterdir():
            if module.name.endswith(".py"):
                text = module.read_text("utf-8")
                found.update(re.findall(r"(?:say|phrase)\(\s*" + quoted, text))
                found.update(re.findall(r"(?:say|phrase)\(\s*'([^']*)'", text))
                for pair in re.findall(r'say\(\s*"([^"]*)" if [^"]* else "([^"]*)"', text):
                    found.update(pair)
    for labels in pictures.RELATION_LABELS.values():
        found.update(labels)
    found.add(pictures.RELATION_LABELS["mediates"][0].replace(" with", " between"))
    found.add(pictures.RELATION_LABELS["mediates"][1].replace(" with", " between"))
    for words in view.RELATION_WORDS.values():
        found.update(words)
        found.update(w.replace(" with", " between") for w in words if w.endswith(" with"))
    found.update(view.KIND_HEADINGS.values())
    found.update(analysis.STATUS_WORDS.values())
    found.update(places.KIND_WORDS.values())
    found.update(places.PRECISION_WORDS.values())
    found.update(maps.STATUS_WORDS.values())
    found.update(renderer.HEADER_LABELS.values())
    found.update(renderer.TIMELINE_WORDS)
    found.update(renderer.SEARCH_WORDS)
    found.update(kind.title for kind in page_table.PAGE_KINDS)
    for kind in (vocabulary.ActorKind, vocabulary.EventKind, vocabulary.SourceKind,
                 vocabulary.BriefingStatus, vocabulary.Trend, vocabulary.PlaceKind):
        for word in get_args(kind):
            found.update({word.capitalize(), word.replace("-", " ").capitalize()})
    return found


