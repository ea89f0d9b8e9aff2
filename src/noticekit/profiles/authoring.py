"""New profiles: `noticekit new`'s keys and values (validated one by one, then as a whole), the
file it writes, and the profile's JSON Schema."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import tomli_w
from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic.fields import FieldInfo
from pydantic.json_schema import GenerateJsonSchema

from noticekit.errors import NoticekitError, ProfileError
from noticekit.problems import Problem, did_you_mean, display_path
from noticekit.profiles.messages import describe, model_of
from noticekit.profiles.profile import Profile
from noticekit.workspace import SLUG, Workspace

SCHEMA_FILE = "profile.schema.json"
# The options of `noticekit new` that set a key directly; every key can be set with --set.
OPTIONS = {"name": "--name", "website": "--website", "website.url": "--website"}


@dataclass(frozen=True)
class Key:
    """One profile key as `new` asks for it. ``section`` names the optional [section] it is in, if
    any: such a key is required only once its section has been started."""

    dotted: str
    field: FieldInfo
    section: str | None = None

    @property
    def required(self) -> bool:
        return self.field.is_required()

    @property
    def is_list(self) -> bool:
        return getattr(self.field.annotation, "__origin__", None) is tuple

    @property
    def example(self) -> str:
        if not self.field.examples:
            return ""
        example = self.field.examples[0]
        return "; ".join(example) if isinstance(example, list) else str(example)

    def parse(self, text: str) -> Any:
        """The value ``text`` gives this key (one item, for a list key), or a ProfileError."""
        annotation = self.field.annotation.__args__[0] if self.is_list else self.field.annotation
        if self.field.metadata and not self.is_list:  # pydantic keeps Annotated constraints apart
            annotation = Annotated[(annotation, *self.field.metadata)]
        try:
            return TypeAdapter(annotation).validate_python(text)
        except ValidationError as error:
            raise ProfileError(*(Problem("", self.dotted, describe(Profile, problem)[1]) for problem in error.errors())) from None


def keys(model: type[BaseModel] = Profile, prefix: str = "", section: str | None = None) -> Iterator[Key]:
    """Every key of the profile, in the order `new` asks for them."""
    for name, field in model.model_fields.items():
        sub = model_of(field.annotation)
        if sub is None:
            yield Key(f"{prefix}{name}", field, section)
        else:
            optional = section or (f"{prefix}{name}" if not field.is_required() and sub is not field.annotation else None)
            yield from keys(sub, f"{prefix}{name}.", optional)


def parse_values(given: Mapping[str, str | None], settings: list[str]) -> dict[str, Any]:
    """{dotted key: text} (None: not given) and KEY=VALUE settings, validated, as {dotted key: value}.

    A list key set again adds an item.
    """
    known = {key.dotted: key for key in keys()}
    pairs = [(name, text) for name, text in given.items() if text is not None]
    for setting in settings:
        name, sep, text = setting.partition("=")
        if not sep:
            raise NoticekitError(f"--set {setting!r}: write it as KEY=VALUE, e.g. --set contacts.write_to.email=data@example.gov.uk")
        if name.strip() not in known:
            raise NoticekitError(f"--set {name.strip()}: unknown key{did_you_mean(name.strip(), list(known)) or '; see noticekit schema'}")
        pairs.append((name.strip(), text))
    values: dict[str, Any] = {}
    for name, text in pairs:
        value = known[name].parse(text)
        values[name] = [*values.get(name, []), value] if known[name].is_list else value
    return values


def profile_target(workspace: Workspace, slug: str, force: bool = False) -> Path:
    """Where `new` writes slug's profile; refuses a bad name, and an existing file unless ``force``."""
    if not SLUG.match(slug):
        raise NoticekitError(f"{slug!r} is not an authority name; use lower-case letters, digits and hyphens, e.g. 'west-sussex'")
    path = workspace.profiles / f"{slug}.toml"
    if path.exists() and not force:
        raise NoticekitError(f"{display_path(path)}: already exists; use --force to replace it")
    return path


def new_profile(workspace: Workspace, slug: str, values: Mapping[str, Any], force: bool = False) -> dict[Path, bytes]:
    """The files `new` writes: profiles/<slug>.toml from {dotted key: value}, validated as a
    whole, first; then the JSON Schema beside it, when the folder has none yet."""
    path = profile_target(workspace, slug, force)
    try:
        profile = Profile.model_validate(_nest(values))
    except ValidationError as error:
        raise ProfileError(*(_new_problem(display_path(path), problem) for problem in error.errors())) from None
    files = {path: profile_toml(profile).encode("utf-8")}
    schema = workspace.profiles / SCHEMA_FILE
    if not schema.exists():
        files[schema] = schema_text().encode("utf-8")
    return files


def _new_problem(shown: str, problem: dict) -> Problem:
    key, reason = describe(Profile, problem)
    if problem["type"] == "missing":
        option = OPTIONS.get(key, "--set")
        reason = f"required; give it with {option} {key + '=' if option == '--set' else ''}VALUE"
    return Problem(shown, key, reason)


def profile_toml(profile: Profile) -> str:
    header = (
        f"#:schema ./{SCHEMA_FILE}\n"
        f"# {profile.name}: authority profile for noticekit, written by `noticekit new`.\n"
        '# Every key is explained in the README ("Profile keys").\n\n'
    )
    return header + tomli_w.dumps(profile.model_dump(exclude_defaults=True))


def _nest(values: Mapping[str, Any]) -> dict[str, Any]:
    nested: dict[str, Any] = {}
    for dotted, value in values.items():
        *parents, last = dotted.split(".")
        target = nested
        for parent in parents:
            target = target.setdefault(parent, {})
        target[last] = value
    return nested


class _TomlSchema(GenerateJsonSchema):
    def nullable_schema(self, schema):
        """TOML has no null: an optional key is simply left out."""
        return self.generate_inner(schema["schema"])


def json_schema() -> dict[str, Any]:
    """The profile's JSON Schema, for editors that validate TOML as it is typed."""
    schema = Profile.model_json_schema(schema_generator=_TomlSchema)
    schema["title"] = "noticekit authority profile"
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **_without_nulls(schema)}


def schema_text() -> str:
    return json.dumps(json_schema(), indent=2, ensure_ascii=False, default=str) + "\n"


def _without_nulls(node: Any) -> Any:
    """The schema without null values (in defaults), which TOML cannot express."""
    if isinstance(node, dict):
        return {key: _without_nulls(value) for key, value in node.items() if value is not None}
    if isinstance(node, list):
        return [_without_nulls(item) for item in node]
    return node
