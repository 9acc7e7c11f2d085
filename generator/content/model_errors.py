"""Validate a loaded YAML document against its model, with messages for editors.

pydantic says "Input should be a valid string"; an editor needs
"content/afpak/timeline.yml:14:7: events[2].title: expected text but
received the number 2021; put it in quotes". This module does the wording
and the locating; the models in `model` do the validating.
"""

from __future__ import annotations

import types
import typing
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from generator.base.problems import Problem, describe, did_you_mean, typo_of
from generator.content.document import Document

M = TypeVar("M", bound=BaseModel)


def validate_document(doc: Document, model: type[M]) -> tuple[M | None, list[Problem]]:
    """The validated model for `doc`, or None and every problem found in it."""
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
    return None, problems


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
