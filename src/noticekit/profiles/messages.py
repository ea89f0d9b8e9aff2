"""Pydantic's validation errors as the plain one-line reasons council staff read: a missing key
with an example, a misspelt or misplaced key with "did you mean", a wrong type said in words."""

from __future__ import annotations

import datetime as dt
import difflib
import json
from typing import Any

from pydantic import BaseModel

from noticekit.problems import did_you_mean


def dotted(loc: tuple[str | int, ...]) -> str:
    """('contacts', 'write_to', 'address', 1) -> 'contacts.write_to.address[1]'."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def describe_all(model: type[BaseModel], problems: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """Every pydantic error as (dotted key, reason), less a "missing" key that was only misplaced
    under a [section] (the line about the misplaced key says what to do)."""
    explained = set()
    for p in problems:
        if p["type"] == "extra_forbidden":
            loc = tuple(p["loc"])
            explained.add((loc[-1],))  # a top-level key misplaced under a [section]
            parent = _model_at(model, loc[:-1])
            close = difflib.get_close_matches(str(loc[-1]), list(parent.model_fields) if parent else [], n=1, cutoff=0.6)
            explained.update({(*loc[:-1], name) for name in close})  # a misspelt key
    return [describe(model, p) for p in problems if not (p["type"] == "missing" and tuple(p["loc"]) in explained)]


def describe(model: type[BaseModel], problem: dict[str, Any]) -> tuple[str, str]:
    """One pydantic error as (dotted key, plain reason and fix)."""
    loc = tuple(problem["loc"])
    kind = problem["type"]
    value = problem.get("input")
    if kind == "missing":
        reason = f"required key is missing; add it{_example(model, loc)}"
    elif kind == "extra_forbidden":
        reason = _unknown_key(model, loc)
    elif kind in ("string_type", "string_sub_type"):
        reason = f"must be text in quotes, not {_kind(value)}"
    elif kind in ("tuple_type", "list_type"):
        reason = f"must be a list of text in square brackets, not {_kind(value)}{_example(model, loc, ', e.g. ')}"
    elif kind in ("model_type", "model_attributes_type", "dict_type"):
        reason = f"must be a table (a [{dotted(loc)}] section), not {_kind(value)}"
    elif kind == "string_too_short":
        reason = "must not be empty; fill it in or remove the key"
    elif kind == "string_too_long":
        limit = problem.get("ctx", {}).get("max_length")
        reason = f"is too long ({len(value)} characters; at most {limit})"
    elif kind.startswith(("date_", "datetime_")):
        reason = "must be a date written as 2026-10-01, without quotes"
    elif kind == "value_error":
        reason = str(problem["ctx"]["error"])
    else:
        reason = problem["msg"][0].lower() + problem["msg"][1:]
    return dotted(loc), reason


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return f"true/false ({json.dumps(value)})"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return f"text ({value!r})"
    return f"a {type(value).__name__}"


def model_of(annotation: Any) -> type[BaseModel] | None:
    """The model an annotation holds (``Contact``, or ``Logo`` in ``Logo | None``), or None."""
    for candidate in (annotation, *getattr(annotation, "__args__", ())):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
    return None


def _field_at(model: type[BaseModel], loc: tuple[str | int, ...]):
    """The pydantic FieldInfo at loc, or None when loc leaves the models."""
    field = None
    for part in loc:
        if isinstance(part, int):
            continue
        if model is None or part not in model.model_fields:
            return None
        field = model.model_fields[part]
        model = model_of(field.annotation)
    return field


def _model_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> type[BaseModel] | None:
    if not loc:
        return model
    field = _field_at(model, loc)
    return model_of(field.annotation) if field else None


def _example(model: type[BaseModel], loc: tuple[str | int, ...], prefix: str = ", e.g. ") -> str:
    field = _field_at(model, loc)
    if field is None:
        return ""
    if field.examples:
        example = field.examples[0]
        rendered = example.isoformat() if isinstance(example, dt.date) else json.dumps(example, ensure_ascii=False).replace('","', '", "')
        return f"{prefix}{loc[-1]} = {rendered}"
    sub = _model_at(model, loc)
    if sub is not None:
        return f" as a [{dotted(loc)}] section"
    return ""


def _unknown_key(model: type[BaseModel], loc: tuple[str | int, ...]) -> str:
    parent = _model_at(model, loc[:-1])
    known = list(parent.model_fields) if parent else []
    if len(loc) > 1 and loc[-1] in model.model_fields:
        return f"unknown key; {loc[-1]!r} belongs at the top of the file, above the first [section]"
    hint = did_you_mean(str(loc[-1]), known)
    if hint:
        return f"unknown key{hint}"
    return f"unknown key; expected one of: {', '.join(known)}"
