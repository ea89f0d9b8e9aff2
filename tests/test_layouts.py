"""layouts.py: loading a layout and filling its wording safely (sandboxed, escaped, strict)."""

from __future__ import annotations

import pytest

from noticekit.errors import LayoutError
from noticekit.layouts import fill_wording, load_layout

NAME = "children-in-need-1998"


def wording(workspace, template: str) -> str:
    (workspace.layouts / NAME / "notice.xml.j2").write_text(template)
    return fill_wording(load_layout(workspace.layouts, NAME), {"council": {"name": "<b>Smith & Co</b>"}})


def test_the_shipped_layout_loads(workspace):
    layout = load_layout(workspace.layouts, NAME)
    assert layout.description.startswith("Children in need or looked after")
    assert layout.stylesheet.is_file()


def test_values_are_escaped(workspace):
    assert wording(workspace, "<p>{{ council.name }}</p>") == "<p>&lt;b&gt;Smith &amp; Co&lt;/b&gt;</p>"


def test_a_missing_value_fails_instead_of_printing_nothing(workspace):
    with pytest.raises(LayoutError) as caught:
        wording(workspace, "<p>{{ council.phone }}</p>")
    assert caught.value.lines == (
        f"layouts/{NAME}/notice.xml.j2: line 1: uses 'phone', which the profile does not have here; check the name against `noticekit schema`",
    )


def test_include_outside_the_layout_is_refused(workspace):
    with pytest.raises(LayoutError) as caught:
        wording(workspace, '{% include "../../profiles/hampshire.toml" %}')
    assert caught.value.lines == (f"layouts/{NAME}/notice.xml.j2: template '../../profiles/hampshire.toml' not found inside layouts/{NAME}",)


def test_templates_run_sandboxed(workspace):
    with pytest.raises(LayoutError) as caught:
        wording(workspace, "{{ council.__class__.__mro__ }}")
    assert caught.value.lines[0].startswith(f"layouts/{NAME}/notice.xml.j2: ")
    assert "__class__" in caught.value.lines[0]


def test_template_syntax_error_names_the_line(workspace):
    with pytest.raises(LayoutError) as caught:
        wording(workspace, "<p>\n{% if %}</p>")
    assert caught.value.lines == (f"layouts/{NAME}/notice.xml.j2: line 2: Expected an expression, got 'end of statement block'",)


def test_a_layout_needs_its_files(workspace):
    (workspace.layouts / NAME / "print.css").unlink()
    with pytest.raises(LayoutError) as caught:
        load_layout(workspace.layouts, NAME)
    assert caught.value.lines == (f"layouts/{NAME}/print.css: missing; every layout needs notice.xml.j2 and print.css",)


def test_layout_toml_unknown_key(workspace):
    (workspace.layouts / NAME / "layout.toml").write_text('description = "x"\ndescriptoin = "y"\n')
    with pytest.raises(LayoutError) as caught:
        load_layout(workspace.layouts, NAME)
    assert caught.value.lines == (f"layouts/{NAME}/layout.toml: descriptoin: unknown key; did you mean 'description'?",)
