"""Each briefing's pages as a section of the nav that only its own pages show.

A site of many briefings would otherwise list every page of every briefing, actors
included, in the nav of every page. So generated pages are left out of the
global nav (`inclusion`), and each briefing's pages in the page table's order form
a section that `with_section` adds to the nav of that briefing's pages only. Actor
pages belong to the section without being listed, so it opens on them too.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from generator.render.card import Card
from generator.render.escape import html
from generator.render.page_table import HOME, PAGE_KINDS, actor_path


def briefing_sections(cards: Mapping[str, Card], config: MkDocsConfig,
                      files: Files) -> dict[str, Section]:
    """Each briefing's nav section by its folder (its slug; `fr/<slug>` for its French
    pages, whose `cards` are keyed so too), its pages linked to each other in order."""
    sections = {}
    for slug, card in cards.items():
        pages: list[Page] = []
        for kind in (k for k in PAGE_KINDS if k.in_nav):
            file = files.get_file_from_path(f"{slug}/{kind.path}")
            if file is not None:
                pages.append(file.page or Page(None, file, config))
        section = Section(html(card.title), list(pages))
        for actor_id in card.actor_ids:
            file = files.get_file_from_path(f"{slug}/{actor_path(actor_id)}")
            if file is not None:
                (file.page or Page(None, file, config)).parent = section
        for page in pages:
            page.parent = section
        for before, after in itertools.pairwise(pages):
            before.next_page, after.previous_page = after, before
        sections[slug] = section
    return sections


def with_section(nav: Navigation, section: Section) -> Navigation:
    """The site's nav with a briefing's section after its first item (the home page)."""
    items = list(nav.items)
    items.insert(1 if items else 0, section)
    pages: list[Any] = [*nav.pages, *section.children]  # its children are pages
    local = Navigation(items, pages)
    local.homepage = nav.homepage
    return local


def inclusion(path: str) -> InclusionLevel:
    """How a generated file is included: briefing pages reach the nav only through their
    own section."""
    return InclusionLevel.UNDEFINED if path == HOME else InclusionLevel.NOT_IN_NAV
