"""Translations as data (SPEC, `translations/<lang>.yml`): every translatable field of a
briefing at its address, what each translation was made from, how current it is, and a
briefing with its text in another language.

A field's translation records the source text it was made from (`source`) beside the
translation (`text`). Comparing that record with today's source gives each field's state:
`current`, `outdated` or `missing`. A translation may not change the facts: its numbers
(read across scripts: ۱۲ is 12) and its link targets must be those of the text it records,
and it may use only the Markdown its field allows. Ids, dates, numbers, references, tags,
source titles and quotes are never translated; a quote may get a rendering shown beside
the verbatim words.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pydantic import Field

from generator.base.limits import MAX_TEXT_LENGTH
from generator.base.problems import Problem, did_you_mean
from generator.content.model import Model
from generator.content.translation_status import State, Status, Translated

if TYPE_CHECKING:
    from generator.content.document import Document
    from generator.content.model import Briefing

class Entry(Model):
    """One field's translation."""

    source: str = Field(max_length=MAX_TEXT_LENGTH,
                        description="The source-language text this translation was made "
                                    "from, as it was then; `translate` fills it in.")
    text: str = Field("", max_length=MAX_TEXT_LENGTH,
                      description="The translation; empty until it is written.")


class TranslationFile(Model):
    """translations/<lang>.yml: one briefing's text in another language."""

    note: str | None = Field(
        None, description="What readers should know about this translation, in its language, "
                          "such as that it is partial on purpose; shown on the status page "
                          "(inline Markdown).")
    fields: dict[str, Entry] = Field(
        {}, description="Each translated field by its address, such as `briefing.summary`, "
                        "`actors.ttp.name` or `events.doha-talks.title`.")


@dataclass(frozen=True)
class Translatable:
    """A field of the briefing that a translation may give in another language."""

    address: str
    """Its address in translation files: `events.doha-talks.title`."""
    text: str
    """Its text today, in the source language."""
    markdown: bool
    """Whether it is an (md) field; otherwise plain text, where Markdown is not read."""
    target: tuple[str | int, ...] | None
    """Where it is in a `Briefing` (attribute names and list positions); None for a quote's
    rendering, which is shown beside the quote rather than in its place."""


def translatable(briefing: Briefing) -> dict[str, Translatable]:
    """Every translatable field of `briefing` by address, in reading order (SPEC)."""
    out: dict[str, Translatable] = {}

    def add(address: str, text: str | None, markdown: bool,
            target: tuple[str | int, ...] | None) -> None:
        if text:
            out[address] = Translatable(address, text, markdown, target)

    meta = briefing.briefing
    add("briefing.title", meta.title, False, ("briefing", "title"))
    add("briefing.summary", meta.summary, True, ("briefing", "summary"))
    add("briefing.region", meta.region, False, ("briefing", "region"))
    for n, point in enumerate(meta.key_points):
        add(f"briefing.key_points.{n}", point, True, ("briefing", "key_points", n))
    for n, paragraph in enumerate(meta.background):
        add(f"briefing.background.{n}", paragraph, True, ("briefing", "background", n))
    per_day = Counter(update.date.edtf() for update in meta.updates)
    seen: Counter[str] = Counter()
    for n, update in enumerate(meta.updates):
        day = update.date.edtf()
        key = day if per_day[day] == 1 else f"{day}.{seen[day]}"
        seen[day] += 1
        add(f"briefing.updates.{key}.summary", update.summary, True,
            ("briefing", "updates", n, "summary"))
    for i, actor in enumerate(briefing.actors):
        at = f"actors.{actor.id}"
        add(f"{at}.name", actor.name, False, ("actors", i, "name"))
        add(f"{at}.role", actor.role, False, ("actors", i, "role"))
        add(f"{at}.summary", actor.summary, True, ("actors", i, "summary"))
        add(f"{at}.stance", actor.stance, True, ("actors", i, "stance"))
        for n, quote in enumerate(actor.quotes):
            add(f"{at}.quotes.{n}.context", quote.context, False,
                ("actors", i, "quotes", n, "context"))
            add(f"{at}.quotes.{n}.translation", quote.text, False, None)
    for i, relation in enumerate(briefing.relations):
        name = relation.id or f"{relation.from_}.{relation.kind}.{relation.to[0]}"
        add(f"relations.{name}.summary", relation.summary, True, ("relations", i, "summary"))
    for i, event in enumerate(briefing.events):
        at = f"events.{event.id}"
        add(f"{at}.title", event.title, False, ("events", i, "title"))
        add(f"{at}.summary", event.summary, True, ("events", i, "summary"))
        add(f"{at}.location", event.location, False, ("events", i, "location"))
        add(f"{at}.according_to", event.according_to, False, ("events", i, "according_to"))
        for j, commitment in enumerate(event.commitments):
            add(f"commitments.{commitment.id}.text", commitment.text, True,
                ("events", i, "commitments", j, "text"))
        for j, implementation in enumerate(event.implements):
            add(f"{at}.implements.{implementation.commitment}.note", implementation.note, True,
                ("events", i, "implements", j, "note"))
    for i, claim in enumerate(briefing.claims):
        at = f"claims.{claim.id}"
        for name in ("about", "unit", "wording", "according_to"):
            add(f"{at}.{name}", getattr(claim, name), False, ("claims", i, name))
        add(f"{at}.quote.translation", claim.quote, False, None)
    for i, stake in enumerate(briefing.stakes):
        at = f"stakes.{stake.id}"
        add(f"{at}.title", stake.title, False, ("stakes", i, "title"))
        add(f"{at}.summary", stake.summary, True, ("stakes", i, "summary"))
        add(f"{at}.outlook", stake.outlook, True, ("stakes", i, "outlook"))
        for j, position in enumerate(stake.positions):
            add(f"{at}.positions.{position.actor}", position.position, True,
                ("stakes", i, "positions", j, "position"))
    for i, place in enumerate(briefing.places):
        add(f"places.{place.id}.name", place.name, False, ("places", i, "name"))
        add(f"places.{place.id}.note", place.note, True, ("places", i, "note"))
    for i, source in enumerate(briefing.sources):
        add(f"sources.{source.id}.note", source.note, True, ("sources", i, "note"))
    return out


def state_of(entry: Entry | None, today: str) -> State:
    """A field's state, given its entry in the translation file and its source text today."""
    if entry is None or not entry.text.strip():
        return "missing"
    if entry.source == today:
        return "current"
    if numbers(entry.source) != numbers(today) or links(entry.source) != links(today):
        return "superseded"
    return "outdated"


def status(fields: dict[str, Translatable], file: TranslationFile | None, lang: str) -> Status:
    """How each field of a briefing stands in its translation into `lang`."""
    entries = file.fields if file is not None else {}
    return Status(lang, {address: state_of(entries.get(address), f.text)
                         for address, f in fields.items()})


def check(doc: Document, file: TranslationFile, fields: dict[str, Translatable], *,
          strict: bool) -> list[Problem]:
    """The located problems of one translation file: errors for an address that names no
    field, and for a translation that changes a number or a link of the text it records or
    uses Markdown its field does not allow; a warning for each outdated field and one for
    the fields not yet translated (failing `--strict` only with `translations_strict`)."""
    problems = []
    for address, entry in file.fields.items():
        at = ("fields", address)
        known = fields.get(address)
        if known is None:
            problems.append(doc.problem(at, f"no translatable field has the address "
                                            f"{address!r}{did_you_mean(address, set(fields))}",
                                        at_key=True))
            continue
        if not entry.text.strip():
            continue
        for message in _changed_facts(entry.source, entry.text, known.markdown):
            problems.append(doc.problem((*at, "text"), message))
        if entry.source != known.text:
            problems.append(doc.problem(
                (*at, "source"), "outdated: the source text has changed since this was "
                                 "translated (python -m generator translate shows how)",
                severity="warning", stale=not strict))
    missing = [a for a in fields if a not in file.fields or not file.fields[a].text.strip()]
    if missing:
        problems.append(Problem(doc.file, 1, 1, "", (
            f"{len(missing)} of {len(fields)} fields not translated yet (empty or absent "
            f"`text`), such as {missing[0]!r}; python -m generator translate lists them"),
            "warning", not strict))
    return problems


def untranslated(where: str, lang: str, fields: dict[str, Translatable], *,
                 strict: bool) -> Problem:
    """The warning for a briefing that has no translation file for `lang` at all."""
    return Problem(where, None, None, "",
                   f"no translation into {lang} yet: {len(fields)} fields show in the source "
                   "language (python -m generator translate writes the file)",
                   "warning", not strict)


def translated(briefing: Briefing, file: TranslationFile | None,
               fields: dict[str, Translatable], lang: str,
               source_lang: str) -> tuple[Briefing, dict[str, Translated]]:
    """`briefing` with each field's text in `lang` where a translation may show, else the
    source text, every value a `Translated` that knows its language and state; and the
    renderings of quotes, by address."""
    copy = briefing.model_copy(deep=True)
    entries = file.fields if file is not None else {}
    renderings: dict[str, Translated] = {}
    for address, f in fields.items():
        entry = entries.get(address)
        state = state_of(entry, f.text)
        if f.target is None:
            if entry is not None and state in ("current", "outdated"):
                renderings[address] = Translated.of(entry.text, lang, state)
            continue
        if entry is not None and state in ("current", "outdated"):
            value = Translated.of(entry.text, lang, state)
        else:
            value = Translated.of(f.text, source_lang, state)
        _set(copy, f.target, value)
    return copy, renderings


def _set(root: Any, target: tuple[str | int, ...], value: str) -> None:
    """Put `value` at `target` inside a copied (frozen) model."""
    holder = root
    for step in target[:-1]:
        holder = holder[step] if isinstance(step, int) else getattr(holder, step)
    last = target[-1]
    if isinstance(last, int):
        holder[last] = value
    else:
        object.__setattr__(holder, last, value)  # a deep copy nothing else holds


# What a translation must keep.

_NUMBER = re.compile(r"\d+(?:[,.\u066C\u00A0\u202F\u2009' ]\d{3}(?!\d))*(?:[.,\u066B]\d+)?")
"""A number as any script writes it: digits, groups of three after a comma, point, space
(plain, no-break, narrow or thin), apostrophe or Arabic thousands separator, and a
decimal part after a point, comma or Arabic decimal separator."""
_GROUPS = re.compile(r"[,.\u066C\u00A0\u202F\u2009' ](?=\d{3}(?!\d))")
_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)|<((?:https?|mailto):[^>\s]+)>")
_PLAIN_MARKUP = re.compile(r"\[[^\]]*\]\([^)]*\)|`[^`]+`|\*\*|__|<[A-Za-z/!][^>]*>"
                           r"|(?<![\w*])\*[^*\s][^*]*\*(?![\w*])")
_MD_NOT_ALLOWED = re.compile(r"<[A-Za-z/!][^>]*>|!\[|^\s*(?:#{1,6}\s|[-*+]\s|\d+[.)]\s|>)",
                             re.MULTILINE)


def numbers(text: str) -> Counter[str]:
    """The numbers in `text`, each written one way whatever its script and grouping:
    "1,200", "1 200" and "۱٬۲۰۰" are all "1200"; "1.5", "1,5" and "۱٫۵" are all "1.5"
    (a separator before exactly three digits groups them; any other is a decimal point)."""
    return Counter(_one_number(match) for match in _NUMBER.findall(text))


def _one_number(written: str) -> str:
    plain = _GROUPS.sub("", written)
    return "".join(str(unicodedata.digit(c)) if c.isdigit() else "." for c in plain)


def links(text: str) -> Counter[str]:
    """The link targets in (md) text."""
    return Counter(a or b for a, b in _LINK.findall(text))


def _changed_facts(source: str, text: str, markdown: bool) -> list[str]:
    """Why a translation does not keep the facts of the text it was made from."""
    out = []
    before, after = numbers(source), numbers(text)
    if before != after:
        lost = sorted((before - after).elements())
        added = sorted((after - before).elements())
        said = "; ".join(part for part in (
            f"the source has {', '.join(lost)}" if lost else "",
            f"the translation has {', '.join(added)}" if added else "") if part)
        out.append(f"the translation's numbers differ from its source's ({said}); numbers "
                   "are facts: keep them as the source gives them, in any script")
    if links(source) != links(text):
        out.append(f"the translation links to {sorted(links(text)) or 'nothing'}, its source "
                   f"to {sorted(links(source)) or 'nothing'}; keep the source's links")
    wrong = (_PLAIN_MARKUP if not markdown else _MD_NOT_ALLOWED).search(text)
    if wrong and not (not markdown and wrong.group() in source):
        kind = "plain text, where Markdown is not read" if not markdown else \
            "inline Markdown (emphasis, code and links only)"
        out.append(f"{wrong.group().strip()!r} is not allowed here: this field is {kind}")
    return out
