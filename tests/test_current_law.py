"""The current-law layout (children-in-need): what it needs from a profile, and that it renders."""

from __future__ import annotations

import pytest

from conftest import REPO
from noticekit import api
from noticekit.layouts import load_layout
from noticekit.workspace import Workspace
from readback import docx_text, pdf_text

LAYOUT = "children-in-need"


def test_the_seed_councils_lack_what_current_law_needs(cli, workspace_dir):
    for slug in ("hampshire", "lancashire"):
        result = cli("render", slug, "--layout", LAYOUT)
        assert (result.exit_code, result.stderr) == (
            1,
            f"profiles/{slug}.toml: layout 'children-in-need' needs dpo.email, complaints.email, retention, partners, "
            "reviewed, which this profile lacks; add them, or choose another --layout\n",
        )
    assert not (workspace_dir / "out" / "hampshire").exists()


def test_it_borrows_the_legacy_design():
    layout = load_layout(REPO / "layouts", LAYOUT)
    assert layout.design == REPO / "layouts" / "children-in-need-1998"
    assert layout.current and dict(layout.coverage)["complaint_ico"] == "How to complain"


@pytest.mark.slow
def test_the_example_council_renders_every_section(tmp_path):
    workspace = Workspace.discover(REPO, profiles=REPO / "examples" / "profiles")
    api.render(["exampleshire"], layout=LAYOUT, out=tmp_path, workspace=workspace)
    for fmt, reader in (("pdf", pdf_text), ("docx", docx_text)):
        text = " ".join(reader((tmp_path / "exampleshire" / f"{LAYOUT}.{fmt}").read_bytes()).split())
        for expected in (
            "Who we are", "Data Protection Officer", "dpo@exampleshire.gov.uk", "Article 6(1)(e)", "Article 9(2)(g)",
            "until their 75th birthday", "Exampleshire Youth Justice Service", "section 83 of the Children Act 1989",
            "children in need census", "SSDA903", "complaints@exampleshire.gov.uk", "ico.org.uk/make-a-complaint",
            "0303 123 1113", "We last reviewed this notice on 1 October 2026.", "Other formats",
        ):
            assert expected in text, (fmt, expected)
        assert "1998" not in text
