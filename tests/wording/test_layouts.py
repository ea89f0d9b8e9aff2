"""wording/layouts.py: loading a layout and filling its wording safely (sandboxed, escaped, strict)."""

from __future__ import annotations

import shutil

import pytest

from noticekit.errors import LayoutError
from noticekit.wording.layouts import fill_wording, load_layout

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


def test_coverage_claims_name_known_items_and_a_heading(workspace):
    meta = workspace.layouts / NAME / "layout.toml"
    for claims, message in (
        ('[coverage]\nretension = "How long"\n', "coverage.retension: not a UK GDPR Article 13 item; did you mean 'retention'?"),
        ('[coverage]\nretention = 3\n', "coverage.retention: must be the heading of the section that covers it, in quotes"),
        ('coverage = "all"\n', 'coverage: must be a [coverage] section of item = "Heading" lines'),
        ('current = "false"\n', "current: must be true or false, without quotes"),
    ):
        meta.write_text(f'description = "x"\n{claims}')
        with pytest.raises(LayoutError) as caught:
            load_layout(workspace.layouts, NAME)
        assert caught.value.lines == (f"layouts/{NAME}/layout.toml: {message}",)


def test_a_borrowing_layout_lays_its_own_sheets_over_the_design(workspace):
    from noticekit.render.variants import BOOKLET, LARGE_PRINT, STANDARD

    young = load_layout(workspace.layouts, "children-in-need-young-people")
    design, own = workspace.layouts / NAME, workspace.layouts / "children-in-need-young-people"
    assert young.stylesheets(STANDARD) == [design / "print.css", own / "print.css"]
    assert young.stylesheets(LARGE_PRINT) == [design / "print.css", own / "print.css", design / "large-print.css"]
    (own / "booklet.css").write_text("h1 { font-size: 15pt; }\n")
    assert young.stylesheets(BOOKLET) == [design / "print.css", own / "print.css", design / "booklet.css", own / "booklet.css"]
    current = load_layout(workspace.layouts, "children-in-need")
    assert current.stylesheets(STANDARD) == [design / "print.css"]


def test_a_template_that_loops_too_long_fails_naming_the_layout(workspace, monkeypatch):
    import time

    from noticekit.wording import layouts

    monkeypatch.setattr(layouts, "TEMPLATE_SECONDS", 0.5)
    shutil.copytree(workspace.layouts / "children-in-need-1998", workspace.layouts / "slow")
    wording = workspace.layouts / "slow" / "notice.xml.j2"
    wording.write_text("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}" + wording.read_text())
    started = time.monotonic()
    with pytest.raises(LayoutError) as caught:
        fill_wording(load_layout(workspace.layouts, "slow"), {"council": None})
    assert time.monotonic() - started < 2
    assert caught.value.lines == ("layouts/slow/notice.xml.j2: the wording took more than 0.5 seconds to fill (a loop that runs too long?); fix the template",)


def test_a_layout_file_that_is_a_named_pipe_is_refused_not_waited_for(workspace):
    import os

    folder = workspace.layouts / "piped"
    shutil.copytree(workspace.layouts / "children-in-need-1998", folder)
    (folder / "notice.xml.j2").unlink()
    os.mkfifo(folder / "notice.xml.j2")
    with pytest.raises(LayoutError) as caught:
        fill_wording(load_layout(workspace.layouts, "piped"), {})
    assert caught.value.lines == ("layouts/piped/notice.xml.j2: is a named pipe, not a file; a layout's files must be ordinary text files",)
    (folder / "layout.toml").unlink()
    os.mkfifo(folder / "layout.toml")
    with pytest.raises(LayoutError) as caught:
        load_layout(workspace.layouts, "piped")
    assert caught.value.lines == ("layouts/piped/layout.toml: is a named pipe, not a file; a layout's files must be ordinary text files",)
