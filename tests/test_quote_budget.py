"""The search for a missing quote's nearest passage has a budget per briefing, counted in
work, not time: a seed of the allowed size with many missing quotes still checks in
seconds, and past the budget each miss is reported without its nearest passage."""

from __future__ import annotations

import pytest

from cases import run_check
from conftest import Project

NO_PASSAGE = "too many quotes are missing to show each one's nearest passage"


def quotes(texts: list[str]) -> str:
    return "".join(f"      - text: {text}\n        source: council-statement\n"
                   for text in texts)


def add_quotes(project: Project, texts: list[str]) -> None:
    project.edit("content/riverland/actors.yml",
                 "      - text: talks will resume next week\n        source: council-statement\n",
                 quotes(["talks will resume next week", *texts]))


def test_past_the_budget_a_missing_quote_is_reported_without_its_nearest_passage(
        project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.content import seeds

    monkeypatch.setattr(seeds, "QUOTE_SEARCH_BUDGET", 0)
    add_quotes(project, ["talks will begin next week", "the border remains tense"])
    status, lines = run_check(project.root, cache=False)
    assert status == 1
    assert lines == [
        f"content/riverland/actors.yml:11:15: actors[0].quotes[1].text: quote not found in "
        f"seeds/council.txt; {NO_PASSAGE}",
        f"content/riverland/actors.yml:13:15: actors[0].quotes[2].text: quote not found in "
        f"seeds/council.txt; {NO_PASSAGE}"]


@pytest.mark.slow
def test_many_missing_quotes_in_a_seed_of_the_allowed_size_stay_within_the_budget(
        project: Project) -> None:
    from generator.base.limits import MAX_SEED_BYTES

    sentence = "the council and the militia will meet on the bridge to talk about the river. "
    project.write("seeds/council.txt", "talks will resume next week\n"
                  + sentence * ((MAX_SEED_BYTES - 100) // len(sentence)))
    missing = [f"the council and the militia will meet on the ford number {n}"
               for n in range(300)]
    add_quotes(project, missing)
    status, lines = run_check(project.root, cache=False)
    assert status == 1 and len(lines) == len(missing)
    searched = [line for line in lines if "nearest passage, line" in line]
    # The first misses get their nearest passage; once the budget is spent, the rest
    # are reported without one, in the same order on every machine.
    assert 0 < len(searched) < len(missing)
    assert all(NO_PASSAGE in line for line in lines[len(searched):])
