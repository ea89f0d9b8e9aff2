"""Pydantic's validation errors as the plain one-line reasons council staff read: a missing key
with an example, a misspelt or misplaced key with "did you mean", a wrong type said in words."""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from typing import Annotated, Any, get_args, get_origin

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
            close = difflib.get_close_matches(str(loc[-1]), list(fields_of(parent)) if parent else [], n=1, cutoff=0.6)
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
    elif kind == "too_long":
        limit = problem.get("ctx", {}).get("max_length")
        count = problem.get("ctx", {}).get("actual_length")
        reason = f"has too many items ({count}; at most {limit}); a notice lists a few, so shorten the list" if count else f"has too many items (at most {limit})"
    elif kind == "too_short":
        reason = "must list at least one; add one, or remove the key to use the default"
    elif kind in ("bool_type", "bool_parsing"):
        reason = f"must be true or false, without quotes, not {_kind(value)}"
    elif kind in ("int_type", "int_parsing", "int_from_float"):
        reason = f"must be a whole number, without quotes, not {_kind(value)}"
    elif kind == "string_too_short":
        reason = "must not be empty; fill it in or remove the key"
    elif kind == "string_too_long":
        limit = problem.get("ctx", {}).get("max_length")
        reason = f"is too long ({len(value)} characters; at most {limit})"
    elif kind.startswith(("date_", "datetime_")):
        reason = "must be a date written as 2026-10-01, without quotes"
    elif kind == "value_error":
        reason = str(problem["ctx"]["error"])
        loc, reason = _named_key(model, loc, reason)
    else:
        reason = problem["msg"][0].lower() + problem["msg"][1:]
    return dotted(loc), reason


def fields_of(model: type[BaseModel]) -> dict[str, Any]:
    """A model's fields by the names a profile writes them with (an alias such as 'from', else the name)."""
    return {field.alias or name: field for name, field in model.model_fields.items()}


_KEY_FIRST = re.compile(r"^([a-z_0-9]+(?:\.[a-z_0-9]+)*): (.+)$", re.DOTALL)


def _named_key(model: type[BaseModel], loc: tuple[str | int, ...], reason: str) -> tuple[tuple[str | int, ...], str]:
    """A check of several keys together names the key to fix first ('next_review: ...'): make it the key."""
    found = _KEY_FIRST.match(reason)
    if found:
        named = (*loc, *found[1].split("."))
        if _field_at(model, named) is not None:
            return named, found[2]
    return loc, reason


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
        return f"text ({value[:60]!r}{'...' if len(value) > 60 else ''})"
    return f"a {type(value).__name__}"


def model_of(annotation: Any) -> type[BaseModel] | None:
    """The model an annotation holds (``Contact``, or ``Logo`` in ``Logo | None``), or None."""
    for candidate in (annotation, *get_args(annotation)):
        if get_origin(candidate) is Annotated:
            candidate = get_args(candidate)[0]
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
    return None


def _field_at(model: type[BaseModel], loc: tuple[str | int, ...]):
    """The pydantic FieldInfo at loc, or None when loc leaves the models."""
    field = None
    for part in loc:
        if isinstance(part, int):
            continue
        if model is None or part not in fields_of(model):
            return None
        field = fields_of(model)[part]
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
    known = list(fields_of(parent)) if parent else []
    if len(loc) > 1 and loc[-1] in fields_of(model):
        return f"unknown key; {loc[-1]!r} belongs at the top of the file, above the first [section]"
    hint = did_you_mean(str(loc[-1]), known)
    if hint:
        return f"unknown key{hint}"
    return f"unknown key; expected one of: {', '.join(known)}"
