"""Validate a loaded YAML document against its model, with messages for editors.

pydantic says "Input should be a valid string"; an editor needs
"content/afpak/timeline.yml:14:7: events[2].title: expected text but
received the number 2021; put it in quotes". This module does the wording
and the locating; the models in `model` do the validating.

A file with a mistake in one item still has its other items checked against the
rest of the briefing: `salvage` keeps what validates on its own (every field but
the broken ones, every item of a list but the broken ones), so one mistake does
not hide another; only what depends on the broken value is left unchecked.
"""

from __future__ import annotations

import types
import typing
from functools import cache
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from generator.base.problems import Problem, describe, did_you_mean, typo_of
from generator.content.document import Document
from generator.content.model_walk import Kept, fields_of

M = TypeVar("M", bound=BaseModel)


def validate_document(doc: Document, model: type[M]) -> tuple[M | None, list[Problem]]:
    """The validated model for `doc` and no problems; or every problem found in it, with
    what of it validates on its own (see `salvage`), or None where nothing does."""
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        found = exc.errors()
    # A misspelt key shows up twice, as unknown and as missing: report it once.
    # The missing keys are grouped by mapping first, so a file with many unknown
    # keys costs time in proportion to its size, not to its size squared.
    missing_in: dict[tuple[Any, ...], set[str]] = {}
    for error in found:
        if error["type"] == "missing":
            missing_in.setdefault(tuple(error["loc"][:-1]), set()).add(str(error["loc"][-1]))
    misspelt = set()
    for error in found:
        if error["type"] == "extra_forbidden":
            path = tuple(error["loc"])
            missing = missing_in.get(path[:-1], set())
            close = did_you_mean(str(path[-1]), missing) if missing else ""
            if close:
                misspelt.add((*path[:-1], close.split("'")[1]))
    problems = [_problem(doc, model, error) for error in found
                if not (error["type"] == "missing" and tuple(error["loc"]) in misspelt)]
    return salvage(model, doc.data, found), problems


def salvage(model: type[M], data: Any, errors: list[Any]) -> M | None:
    """What of `data`, a file of `model` that did not validate, validates on its own, for
    the checks that span files: every field but those with `errors`, and of a list of
    items, every item but those with errors, as a `model_walk.Kept` list that remembers
    each item's position. A broken or missing field holds its default, or None where it
    has none. None where nothing can be kept (`data` is not a mapping)."""
    if not isinstance(data, dict):
        return None
    lists = {f.key for f in fields_of(model) if f.model is not None and f.many}
    broken: set[str] = set()
    broken_items: dict[str, set[int]] = {}
    for error in errors:
        loc = error["loc"]
        if not loc:
            return None  # the file as a whole
        if loc[0] in lists and len(loc) > 1 and isinstance(loc[1], int):
            broken_items.setdefault(str(loc[0]), set()).add(loc[1])
        else:
            broken.add(str(loc[0]))
    cleaned: dict[str, Any] = {}
    kept: dict[str, list[int]] = {}
    for key, value in data.items():
        if key in broken:
            continue
        if key in lists and isinstance(value, list):
            kept[key] = [i for i in range(len(value)) if i not in broken_items.get(key, set())]
            value = [value[i] for i in kept[key]]
        cleaned[key] = value
    try:
        partial = _partial(model).model_validate(cleaned)
    except ValidationError:
        return None
    values = {}
    for field, info in zip(fields_of(model), model.model_fields.values(), strict=True):
        value = getattr(partial, field.name)
        if field.key not in cleaned:
            value = None if info.is_required() else info.get_default(call_default_factory=True)
        elif field.key in kept:
            value = Kept(zip(kept[field.key], value, strict=True))
        values[field.name] = value
    return model.model_construct(**values)


@cache
def _partial(model: type[M]) -> type[BaseModel]:
    """`model` with every field optional, its checks kept."""
    from pydantic import create_model

    fields: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        kind = typing.Annotated[(info.annotation, *info.metadata)] if info.metadata \
            else info.annotation
        fields[name] = (typing.Optional[kind], None)  # noqa: UP045 (a value: `|` is not defined on every typing form)
    partial: type[BaseModel] = create_model(f"Partial{model.__name__}",
                                            __config__=model.model_config, **fields)
    return partial


def _problem(doc: Document, model: type[BaseModel], error: Any) -> Problem:
    path = tuple(error["loc"])
    kind = error["type"]
    value = error.get("input")
    if kind == "missing":
        return doc.problem(path[:-1], f"missing required field '{path[-1]}'")
    if kind == "extra_forbidden":
        allowed = _field_names(model, path[:-1])
        hint = did_you_mean(str(path[-1]), allowed) or \
            f" (expected one of: {', '.join(sorted(allowed))})"
        return doc.problem(path, f"unknown field '{path[-1]}'{hint}", at_key=True)
    return doc.problem(path, _message(kind, error, value))


def _message(kind: str, error: Any, value: Any) -> str:
    received = describe(value)
    if kind == "value_error":
        return str(error["ctx"]["error"])
    if kind in ("string_type", "str_type"):
        hint = "; put it in quotes" if isinstance(value, (int, float, bool)) else ""
        return f"expected text but received {received}{hint}"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"expected a mapping of 'key: value' lines but received {received}"
    if kind == "list_type":
        return f"expected a list of '- item' lines but received {received}"
    if kind == "bool_type":
        return f"expected true or false but received {received}"
    if kind == "literal_error":
        expected = error["ctx"]["expected"]
        choices = [c.strip(" '") for c in expected.replace(" or ", ", ").split(",")]
        typo = typo_of(value, choices) if isinstance(value, str) else ""
        hint = f" (did you mean '{typo}'?)" if typo else ""
        return f"expected one of {expected} but received {received}{hint}"
    if kind == "too_short":
        return "needs at least one item"
    return f"{error['msg']} (received {received})"


def _field_names(model: type[BaseModel], path: tuple[Any, ...]) -> set[str]:
    """The keys the model allows at `path`, by walking the field annotations."""
    current: Any = model
    for part in path:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return set()
        field = next((f for name, f in current.model_fields.items()
                      if (f.alias or name) == part), None)
        if field is None:
            return set()
        current = _model_in(field.annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return {f.alias or name for name, f in current.model_fields.items()}
    return set()


def _model_in(annotation: Any) -> Any:
    """The model class inside `list[X]`, `X | None` or `X`, if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (list, typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found = _model_in(arg)
            if found is not None:
                return found
    return None
