"""The content model walked by its types: which fields hold keys, references, dates or fixed
words, every reference an item makes, and every id a file holds.

What a field holds is said once, by its type in `model` (a `Key` marks ids, references
and seed names; `Date` and `Literal` types the rest), and read here. So a field added
to the model is followed wherever its type says, with no list to update: a new
reference is checked by `cross_checks`, a new date is shown as a date by `diff`.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from pydantic import BaseModel

from generator.content.dates import Date
from generator.content.ids import check_id
from generator.content.model import FILE_MODELS, Briefing, Key

Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class Field:
    """What one field of a model holds, as its type says."""

    name: str
    """The attribute's name (`from_`)."""
    key: str
    """The YAML key (`from`)."""
    many: bool
    """A list of what follows."""
    key_of: Key | None = None
    """Its `Key` marker: an id, a reference or a seed's name."""
    model: type[BaseModel] | None = None
    """The model of the item (or items) it holds."""
    date: bool = False
    term: bool = False
    """A word from a fixed list (`vocabulary`)."""
    required: bool = False


class Kept(list[Any]):
    """The items of a list that validated on their own, with the position each held in
    the list as written (see `model_errors.salvage`): messages name items by position."""

    def __init__(self, pairs: Iterable[tuple[int, Any]] = ()) -> None:
        pairs = list(pairs)
        super().__init__(item for _, item in pairs)
        self.positions = [position for position, _ in pairs]


def numbered(items: list[Any]) -> Iterable[tuple[int, Any]]:
    """(position as written, item) for each item of a list of a model (see `Kept`)."""
    if isinstance(items, Kept):
        return zip(items.positions, items, strict=True)
    return enumerate(items)


@cache
def fields_of(model: type[BaseModel]) -> tuple[Field, ...]:
    """The fields of `model`, in order, with what each holds."""
    return tuple(_field(name, info.alias or name, info.annotation, info.metadata,
                        info.is_required())
                 for name, info in model.model_fields.items())


def _field(name: str, key: str, annotation: Any, metadata: list[Any], required: bool) -> Field:
    found = [m for m in metadata if isinstance(m, Key)]
    kind = _without_none(annotation)
    many = typing.get_origin(kind) is list
    if many:
        kind = typing.get_args(kind)[0]
    if typing.get_origin(kind) is typing.Annotated:
        found += [m for m in typing.get_args(kind)[1:] if isinstance(m, Key)]
        kind = typing.get_args(kind)[0]
    model = kind if isinstance(kind, type) and issubclass(kind, BaseModel) else None
    return Field(name, key, many, found[0] if found else None, model,
                 date=kind is Date, term=typing.get_origin(kind) is typing.Literal,
                 required=required)


def _without_none(annotation: Any) -> Any:
    """`X` for `X | None`."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        others = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(others) == 1:
            return others[0]
    return annotation


def all_fields() -> Iterator[Field]:
    """Every field of every model a briefing is made of."""
    seen: set[type[BaseModel]] = set()
    pending: list[type[BaseModel]] = [Briefing, *FILE_MODELS.values()]
    while pending:
        model = pending.pop()
        if model in seen:
            continue
        seen.add(model)
        for field in fields_of(model):
            yield field
            if field.model is not None:
                pending.append(field.model)


def keys_where(test: typing.Callable[[Field], bool]) -> frozenset[str]:
    """The YAML keys of the fields, anywhere in the model, that pass `test`."""
    return frozenset(field.key for field in all_fields() if test(field))


Value = tuple[Field, Path_, Any]
"""(field, path, value): one value an item holds (see `values_within`)."""


def values_within(item: BaseModel, path: Path_ = ()) -> list[Value]:
    """(field, path, value) for every value `item` holds at any depth, other than the
    items inside it (which are walked): a list's values one by one. Walked once, it can
    be read for `references` and `written_texts` alike."""
    return list(_values(item, path))


def _values(item: BaseModel, path: Path_) -> Iterator[Value]:
    for field in fields_of(type(item)):
        value = getattr(item, field.name, None)
        if value is None:
            continue
        if field.model is not None:
            if field.many:
                for i, sub in numbered(value):
                    yield from _values(sub, (*path, field.key, i))
            else:
                yield from _values(value, (*path, field.key))
        elif field.many:
            for j, each in enumerate(value):
                yield field, (*path, field.key, j), each
        else:
            yield field, (*path, field.key), value


def references(values: Iterable[Value]) -> Iterator[tuple[Path_, str, str]]:
    """(path, kind, id) for every id named among `values` (`values_within` a file's model,
    or an item in it): `(("events", 2, "actors", 1), "actor", "ttp")`."""
    for field, where, value in values:
        if field.key_of is not None and field.key_of.refers_to is not None:
            yield where, field.key_of.refers_to, value


def written_texts(values: Iterable[Value]) -> Iterator[tuple[Path_, str]]:
    """(path, text) for every text an editor wrote among `values` (`values_within` a file's
    model, or an item in it), ids included: not references to other items, dates or words
    from a fixed list."""
    for field, where, value in values:
        refers = field.key_of is not None and field.key_of.refers_to is not None
        if isinstance(value, str) and not (field.date or field.term or refers):
            yield where, value


def item_kind(model: type[BaseModel]) -> str | None:
    """The kind of item a model is, if it has an id of its own: `event` for `Event`."""
    field = next((f for f in fields_of(model) if f.key == "id"), None)
    if field is None or field.key_of is None or field.key_of.refers_to is not None:
        return None
    return model.__name__.lower()


def ids_of(model: type[BaseModel], data: Any
           ) -> tuple[list[tuple[str, Path_, str]], set[str]]:
    """Every item with an id of its own in `data`, the YAML data of a file of `model`,
    whether the item is valid or not (an item with a mistake elsewhere is still the item
    its id names), as (kind, path of the item, id); and the kinds of item of which some
    could not be read (a list that is not one, an item without a valid id): the ids found
    of those kinds are not all there are."""
    found: list[tuple[str, Path_, str]] = []
    unreadable: set[str] = set()

    def walk(model: type[BaseModel], data: Any, path: Path_) -> None:
        for field in fields_of(model):
            if field.model is None:
                continue
            raw = data.get(field.key) if isinstance(data, dict) else None
            if raw is None and not (field.required and isinstance(data, dict)):
                continue  # none there
            items = list(enumerate(raw)) if field.many and isinstance(raw, list) else \
                [(None, raw)] if not field.many and isinstance(raw, dict) else None
            if items is None:
                unreadable.update(kinds_within(field.model))
                continue
            kind = item_kind(field.model)
            for i, item in items:
                where = (*path, field.key) if i is None else (*path, field.key, i)
                if not isinstance(item, dict):
                    unreadable.update(kinds_within(field.model))
                    continue
                if kind is not None:
                    id_ = _valid_id(item.get("id"))
                    if id_ is None:
                        unreadable.add(kind)
                    else:
                        found.append((kind, where, id_))
                walk(field.model, item, where)

    if isinstance(data, dict):
        walk(model, data, ())
    else:
        unreadable.update(kinds_within(model))
    return found, unreadable


def kinds_within(model: type[BaseModel]) -> set[str]:
    """The kinds of item `model` is or holds, at any depth."""
    kinds = {kind for kind in [item_kind(model)] if kind is not None}
    for field in fields_of(model):
        if field.model is not None:
            kinds |= kinds_within(field.model)
    return kinds


def _valid_id(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    try:
        return check_id(value)
    except ValueError:
        return None
