"""api.py: render builds everything first and writes last; the example profile renders."""

from __future__ import annotations

import pytest

from conftest import REPO, files_under
from noticekit import api
from noticekit.build import formats
from noticekit.errors import NoticekitError, RenderError
from noticekit.workspace import Workspace
from readback import docx_text, normalise, pdf_text


def test_nothing_is_written_when_a_later_render_fails(workspace, tmp_path, monkeypatch):
    calls = []

    def failing_docx(notice, authority, variant=None):
        calls.append(authority.slug)
        if authority.slug == "lancashire":
            raise RenderError("boom")
        return b"docx"

    monkeypatch.setattr(formats, "build_docx", failing_docx)
    with pytest.raises(NoticekitError) as caught:
        api.render(["hampshire", "lancashire"], formats=["docx"], out=tmp_path / "out", workspace=workspace)
    assert caught.value.lines == ("boom",)
    assert calls == ["hampshire", "lancashire"]
    assert files_under(tmp_path / "out") == []


def test_unknown_format_is_refused(workspace, tmp_path):
    with pytest.raises(NoticekitError) as caught:
        api.render(["hampshire"], formats=["odt"], out=tmp_path / "out", workspace=workspace)
    assert caught.value.lines == ("unknown format 'odt'; use one of: pdf, docx, html",)
    assert files_under(tmp_path / "out") == []


def test_duplicates_are_rendered_once(workspace, tmp_path):
    report = api.render(["hampshire", "hampshire"], formats=["docx", "docx"], out=tmp_path, workspace=workspace)
    assert report.written == [tmp_path / "hampshire" / "children-in-need-1998.docx"]


def test_list_workspace_reports_a_broken_profile(workspace):
    (workspace.profiles / "broken.toml").write_text("name = 1\n")
    listing = api.list_workspace(workspace)
    assert listing.profiles[0] == ("broken", "(has problems: 2; first: profiles/broken.toml: name: must be text in quotes, not a number (1))")
    assert [name for name, _ in listing.layouts] == ["children-in-need", "children-in-need-1998", "children-in-need-young-people"]


@pytest.mark.slow
def test_the_example_profile_renders_with_every_value(tmp_path):
    workspace = Workspace.discover(REPO, profiles=REPO / "examples" / "profiles")
    api.render(["exampleshire"], out=tmp_path, workspace=workspace)
    profile = api.load_authorities(workspace, ["exampleshire"])[0].profile
    values = [profile.name, profile.website.label]
    for contact in (profile.contacts.write_to, profile.contacts.subject_access):
        values += [contact.team, *contact.address, contact.postcode, contact.email]
    pdf = normalise(pdf_text((tmp_path / "exampleshire" / "children-in-need.pdf").read_bytes()))  # its layout, the current notice
    docx = docx_text((tmp_path / "exampleshire" / "children-in-need.docx").read_bytes())
    for value in values:
        assert normalise(value) in pdf, value
        assert value in docx, value


@pytest.mark.slow
def test_markup_in_a_profile_is_printed_literally(workspace, tmp_path):
    (workspace.profiles / "smith.toml").write_text(
        'name = "<b>Smith & Co</b>"\nlayout = "children-in-need-1998"\n[website]\nurl = "https://www.smith.gov.uk"\n'
        '[contacts.write_to]\nteam = "<a href=\\"file:///etc/passwd\\">Team</a>"\n'
    )
    api.render(["smith"], out=tmp_path, workspace=workspace)
    pdf = pdf_text((tmp_path / "smith" / "children-in-need-1998.pdf").read_bytes())
    docx = docx_text((tmp_path / "smith" / "children-in-need-1998.docx").read_bytes())
    for text in (pdf, docx):
        assert "<b>Smith & Co</b>" in text
        assert '<a href="file:///etc/passwd">Team</a>' in text


def test_products_are_made_where_they_make_sense():
    from noticekit.build.products import products

    made = [(p.variant.name, p.fmt) for p in products(["pdf", "docx", "html"], ["standard", "large-print", "booklet"])]
    assert made == [("standard", "pdf"), ("standard", "docx"), ("standard", "html"), ("large-print", "pdf"), ("large-print", "docx"), ("booklet", "pdf")]
    assert [(p.variant.name, p.fmt) for p in products([], ["booklet"])] == [("booklet", "pdf")]
    with pytest.raises(NoticekitError) as caught:
        products(["docx"], ["booklet"])
    assert caught.value.lines == ("--docx: none of the chosen variants is made as DOCX (booklet: PDF)",)
    with pytest.raises(NoticekitError) as caught:
        products([], ["poster"])
    assert caught.value.lines == ("unknown variant 'poster'; use one of: standard, large-print, booklet",)
