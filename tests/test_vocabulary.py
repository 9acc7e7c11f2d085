"""Every kind and status the content model allows has its words wherever the site shows it:
a kind added to the model that a page, picture or export has no words for fails here,
rather than vanishing from that page."""

from __future__ import annotations

import pytest

from generator.content import vocabulary
from generator.render import analysis, exports, head, pictures, view


@pytest.mark.parametrize("kind", vocabulary.ACTOR_KINDS)
def test_each_kind_of_actor_has_a_heading_and_a_schema_org_type(kind: str) -> None:
    assert view.KIND_HEADINGS[kind]
    assert head.ACTOR_TYPES[kind]


@pytest.mark.parametrize("kind", vocabulary.RELATION_KINDS)
def test_each_kind_of_relation_has_its_words_and_its_mark(kind: str) -> None:
    assert len(view.RELATION_WORDS[kind]) == 4
    assert len(pictures.RELATION_LABELS[kind]) == 2


@pytest.mark.parametrize("kind", vocabulary.EVENT_KINDS)
def test_each_kind_of_event_has_a_timelinejs_group(kind: str) -> None:
    assert exports.KIND_WORDS[kind]


@pytest.mark.parametrize("status", vocabulary.COMMITMENT_STATUSES)
def test_each_commitment_status_has_its_words(status: str) -> None:
    assert analysis.STATUS_WORDS[status]


def test_the_tables_name_no_kind_the_model_does_not_have() -> None:
    assert set(view.KIND_HEADINGS) == set(head.ACTOR_TYPES) == set(vocabulary.ACTOR_KINDS)
    assert set(view.RELATION_WORDS) == set(pictures.RELATION_LABELS) \
        == set(vocabulary.RELATION_KINDS)
    assert set(exports.KIND_WORDS) == set(vocabulary.EVENT_KINDS)
    assert set(analysis.STATUS_WORDS) == set(vocabulary.COMMITMENT_STATUSES)


def test_the_reserved_actor_ids_are_those_whose_page_would_take_another_pages_address() -> None:
    from generator.content.cross_checks import RESERVED_ACTOR_IDS
    from generator.render.page_table import PAGE_KINDS, actor_path

    pages = {kind.path for kind in PAGE_KINDS}
    taken = {path.removeprefix("actors/").removesuffix(".md") for path in pages
             if path.startswith("actors/")}
    assert taken == RESERVED_ACTOR_IDS
    assert all(actor_path(actor_id) in pages for actor_id in RESERVED_ACTOR_IDS)
