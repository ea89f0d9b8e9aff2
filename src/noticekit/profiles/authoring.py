"""New profiles: `noticekit new`'s keys and values (validated one by one, then as a whole), the
file it writes, and the profile's JSON Schema."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, get_args, get_origin

import tomli_w
from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic.fields import FieldInfo
from pydantic.json_schema import GenerateJsonSchema

from noticekit.errors import NoticekitError, ProfileError
from noticekit.problems import Problem, did_you_mean, display_path
from noticekit.profiles.messages import describe, fields_of, model_of
from noticekit.profiles.profile import Profile, parse_profile, read_profile, read_toml
from noticekit.workspace import SLUG, Workspace

SCHEMA_FILE = "profile.schema.json"
# The options of `noticekit new` that set a key directly; every key can be set with --set.
OPTIONS = {"name": "--name", "website": "--website", "website.url": "--website"}


@dataclass(frozen=True)
class Key:
    """One profile key as `new` asks for it. ``section`` names the optional [section] it is in, if
    any: such a key is required only once its section has been started. ``in_tables`` marks a key
    of each table in a list of tables ([[partners]]): documented, written in the file, never asked."""

    dotted: str
    field: FieldInfo
    section: str | None = None
    in_tables: bool = False

    @property
    def required(self) -> bool:
        return self.field.is_required()

    @property
    def is_list(self) -> bool:
        return get_origin(self.field.annotation) is tuple

    @property
    def example(self) -> str:
        if not self.field.examples:
            return ""
        example = self.field.examples[0]
        return "; ".join(map(str, example)) if isinstance(example, list) else str(example)

    def parse(self, text: str) -> Any:
        """The value ``text`` gives this key (one item, for a list key), or a ProfileError."""
        annotation = get_args(self.field.annotation)[0] if self.is_list else self.field.annotation
        if annotation is bool:
            return _yes_or_no(self.dotted, text)
        if self.field.metadata and not self.is_list:  # pydantic keeps Annotated constraints apart
            annotation = Annotated[(annotation, *self.field.metadata)]
        try:
            return TypeAdapter(annotation).validate_python(text)
        except ValidationError as error:
            raise ProfileError(*(Problem("", self.dotted, describe(Profile, problem)[1]) for problem in error.errors())) from None


def _yes_or_no(dotted: str, text: str) -> bool:
    answer = {"true": True, "yes": True, "false": False, "no": False}.get(text.strip().lower())
    if answer is None:
        raise ProfileError(Problem("", dotted, f"must be true or false, not {text!r}"))
    return answer


def keys(model: type[BaseModel] = Profile, prefix: str = "", section: str | None = None, in_tables: bool = False) -> Iterator[Key]:
    """Every key of the profile, in the order `new` asks for them; a list of tables gives its own key
    when a table may be written as plain text (a partner's name), then the keys of each table."""
    for name, field in fields_of(model).items():
        sub = model_of(field.annotation)
        dotted = f"{prefix}{name}"
        if sub is None:
            yield Key(dotted, field, section, in_tables)
        elif get_origin(field.annotation) is tuple:
            if _accepts_text(get_args(field.annotation)[0]):
                yield Key(dotted, field, section, in_tables)
            yield from keys(sub, f"{dotted}[].", section or dotted, True)
        else:
            optional = section or (dotted if not field.is_required() and sub is not field.annotation else None)
            yield from keys(sub, f"{dotted}.", optional, in_tables)


def _accepts_text(annotation: Any) -> bool:
    """Whether a table of this type may be given as one line of text (a partner as its name)."""
    try:
        TypeAdapter(annotation).validate_python("text")
    except ValidationError:
        return False
    return True


def parse_values(given: Mapping[str, str | None], settings: list[str]) -> tuple[dict[str, Any], list[str]]:
    """{dotted key: text} (None: not given) and KEY=VALUE settings, validated, as {dotted key:
    value}, with warning lines. A list key set again adds an item; one value holding commas for
    a list key is one item, and warned about with the repeated --set form."""
    known = {key.dotted: key for key in keys() if not key.in_tables}
    pairs = [(name, text) for name, text in given.items() if text is not None]
    for setting in settings:
        name, sep, text = setting.partition("=")
        if not sep:
            raise NoticekitError(f"--set {setting!r}: write it as KEY=VALUE, e.g. --set contacts.write_to.email=data@example.gov.uk")
        if name.strip() not in known:
            raise NoticekitError(f"--set {name.strip()}: unknown key{did_you_mean(name.strip(), list(known)) or '; see noticekit schema'}")
        pairs.append((name.strip(), text))
    values: dict[str, Any] = {}
    warnings = [_one_item(name, text) for name, text in pairs if known[name].is_list and "," in text and pairs.count((name, text)) == 1
                and sum(1 for other, _ in pairs if other == name) == 1]
    for name, text in pairs:
        value = known[name].parse(text)
        values[name] = [*values.get(name, []), value] if known[name].is_list else value
    return values, warnings


def _one_item(name: str, text: str) -> str:
    items = [item.strip() for item in text.split(",") if item.strip()]
    repeated = " ".join(f"--set {name}={item!r}" for item in items)
    return f"warning: --set {name}={text!r} gives one item; for {len(items)}, repeat the key: {repeated}"


def layout_needs(requires: Sequence[str]) -> set[str]:
    """The keys `new` must ask for so that a profile has what a layout requires: each key named,
    or the required keys of a section named (its last key when none is required: retention's summary)."""
    known = [key for key in keys() if not key.in_tables]
    needs = set()
    for dotted in requires:
        inside = [key for key in known if key.dotted == dotted or key.dotted.startswith(f"{dotted}.")]
        required = [key.dotted for key in inside if key.dotted == dotted or key.required]
        needs.update(required or [inside[-1].dotted] if inside else [])
    return needs


def set_keys(path: Path, settings: list[str]) -> tuple[bytes, list[str]]:
    """The profile at ``path`` with each KEY=VALUE set (a list key: its items, replacing the list),
    its comments, order and layout kept (tomlkit); validated as a whole before anything is written."""
    import tomlkit
    import tomlkit.items

    values, warnings = parse_values({}, settings)
    if not values:
        raise NoticekitError("give at least one KEY=VALUE to set, e.g. contacts.write_to.email=data@example.gov.uk")
    shown = display_path(path)
    document = tomlkit.parse(read_toml_text(path, shown))
    for dotted, value in values.items():
        *parents, last = dotted.split(".")
        table = document
        for part in parents:
            if part not in table:
                table[part] = tomlkit.table()
            table = table[part]
        if isinstance(table.get(last), tomlkit.items.AoT):  # replacing [[sections]] would take their comments with them
            raise NoticekitError(f"{shown}: {dotted}: is written as [[{dotted}]] sections in this profile; change them in the file")
        table[last] = _plain(value)
    data = tomlkit.dumps(document).encode("utf-8")
    parse_profile(data, shown)  # the whole profile, as it would be written
    return data, warnings


def read_toml_text(path: Path, shown: str) -> str:
    data = read_profile(path)
    read_toml(data, shown)  # a profile that is not valid TOML is refused with its line, before tomlkit sees it
    return data.decode("utf-8-sig")


def _plain(value: Any) -> Any:
    """A validated value as TOML holds it: a partner as its name, a list as a list."""
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, BaseModel):
        dumped = value.model_dump(by_alias=True, exclude_defaults=True)
        return dumped["name"] if set(dumped) == {"name"} else dumped
    return value


def profile_target(workspace: Workspace, slug: str, force: bool = False) -> Path:
    """Where `new` writes slug's profile; refuses a bad name, and an existing file unless ``force``."""
    if not SLUG.fullmatch(slug):
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
    return header + tomli_w.dumps(profile.model_dump(mode="json", by_alias=True, exclude_defaults=True))


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
