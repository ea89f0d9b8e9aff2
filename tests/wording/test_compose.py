"""wording/compose.py: the layout's wording filled from a profile, into the document model."""

from __future__ import annotations

import shutil

import pytest

from noticekit.profiles.profile import Profile
from noticekit.wording.compose import compose
from noticekit.wording.document import LineBreak, Link, Paragraph, Text, links, plain_text
from noticekit.wording.layouts import load_layout

NAME = "children-in-need-1998"


def notice_for(workspace, **values):
    profile = Profile.model_validate({"name": "Testshire Council", "website": {"url": "https://www.test.gov.uk"}, **values})
    return compose(profile, load_layout(workspace.layouts, NAME))


def paragraphs(notice):
    return [plain_text(block.runs) for block in notice.blocks if isinstance(block, Paragraph)]


def test_profile_values_are_data_never_markup(workspace):
    notice = notice_for(workspace, name="<b>Smith & Co</b>", contacts={"write_to": {"team": "Team <i>x</i>"}})
    assert notice.author == "<b>Smith & Co</b>"
    assert "Team <i>x</i>\n<b>Smith & Co</b>" in paragraphs(notice)


def test_a_council_without_address_or_email_is_named_alone(workspace):
    text = paragraphs(notice_for(workspace))
    at = text.index("or write to us at:")
    assert text[at + 1] == "Testshire Council"
    assert text[at + 2].startswith("If you are within one of these groups")
    assert text[-2] == "Testshire Council"
    assert text[-1].endswith("To ask, contact Testshire Council through our website, https://www.test.gov.uk.")
    assert not any(line.startswith("Email") for line in text)


def test_full_contact(workspace):
    contact = {"team": "Data Team", "address": ["1 High Street", "Testtown"], "postcode": "TE1 1ST", "email": "data@test.gov.uk"}
    notice = notice_for(workspace, contacts={"write_to": contact})
    address = next(block for block in notice.blocks if isinstance(block, Paragraph) and block.runs[0] == Text("Data Team"))
    assert address.runs == (
        Text("Data Team"), LineBreak(), Text("Testshire Council"), LineBreak(), Text("1 High Street"), LineBreak(),
        Text("Testtown"), LineBreak(), Text("TE1 1ST"),
    )
    assert Link("data@test.gov.uk", "mailto:data@test.gov.uk") in links(notice)


def test_website_label(workspace):
    assert Link("www.test.gov.uk", "https://www.test.gov.uk") in links(notice_for(workspace, website={"url": "https://www.test.gov.uk", "label": "www.test.gov.uk"}))
    assert Link("https://www.test.gov.uk", "https://www.test.gov.uk") in links(notice_for(workspace))


def test_document_date_from_profile_then_environment_then_constant(workspace):
    import datetime as dt

    from noticekit.errors import NoticekitError
    from noticekit.wording.compose import document_date
    from noticekit.wording.document import FIXED_DATE

    profile = Profile.model_validate({"name": "T", "website": {"url": "https://t.gov.uk"}})
    assert document_date(profile, {}) == FIXED_DATE
    assert document_date(profile, {"SOURCE_DATE_EPOCH": "1767225600"}) == dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
    reviewed = profile.model_copy(update={"reviewed": dt.date(2026, 10, 1)})
    assert document_date(reviewed, {"SOURCE_DATE_EPOCH": "1767225600"}) == dt.datetime(2026, 10, 1, tzinfo=dt.timezone.utc)
    with pytest.raises(NoticekitError) as caught:
        document_date(profile, {"SOURCE_DATE_EPOCH": "yesterday"})
    assert caught.value.lines == ("SOURCE_DATE_EPOCH: 'yesterday' is not a number of seconds since 1970; unset it or fix it",)


@pytest.mark.parametrize(("epoch", "message"), [
    ("-30000000000", "SOURCE_DATE_EPOCH: '-30000000000' is 1019-05-04, not a date a notice can carry (1980 to 2099); unset it or fix it"),
    ("99999999999999999999", "SOURCE_DATE_EPOCH: '99999999999999999999' is not a number of seconds since 1970; unset it or fix it"),
])
def test_a_source_date_epoch_a_notice_cannot_carry_is_refused_by_name(epoch, message):
    from noticekit.errors import NoticekitError
    from noticekit.profiles.profile import Profile
    from noticekit.wording.compose import document_date

    profile = Profile.model_validate({"name": "X", "website": {"url": "https://x.gov.uk"}})
    with pytest.raises(NoticekitError) as caught:
        document_date(profile, {"SOURCE_DATE_EPOCH": epoch})
    assert caught.value.lines == (message,)


def test_a_wording_mistake_points_at_the_line_the_officer_typed(workspace):
    from noticekit.errors import LayoutError
    from noticekit.profiles.profile import load_profile
    from noticekit.wording.compose import compose
    from noticekit.wording.layouts import load_layout

    shutil.copytree(workspace.layouts / "children-in-need-1998", workspace.layouts / "edited")
    wording = workspace.layouts / "edited" / "notice.xml.j2"
    lines = wording.read_text().splitlines()
    heading = next(i for i, line in enumerate(lines) if "<h1>" in line)
    profile = load_profile(workspace.profiles / "lancashire.toml")
    lines.insert(heading + 1, "<p>Our Health & Social Care teams, and a < b.</p>")  # a bare & and < are text
    wording.write_text("\n".join(lines))
    text = " ".join(b.runs[0].text for b in compose(profile, load_layout(workspace.layouts, "edited")).blocks[1:2])
    assert text == "Our Health & Social Care teams, and a < b."
    lines[heading + 1] = "<p>Our teams work <strong>together</p>"
    lines.insert(heading + 3, "Stray words outside any paragraph")
    wording.write_text("\n".join(lines))
    with pytest.raises(LayoutError) as caught:
        compose(profile, load_layout(workspace.layouts, "edited"))
    assert caught.value.lines == (f"layouts/edited/notice.xml.j2: line {heading + 2}: a closing tag does not match the tag it closes; "
                                  "give each <p>, <ul>, <li>, <a> and <strong> its own closing tag, in order",)
    lines[heading + 1] = "<p>Our teams work together</p>"
    wording.write_text("\n".join(lines))
    with pytest.raises(LayoutError) as caught:
        compose(profile, load_layout(workspace.layouts, "edited"))
    assert caught.value.lines == (f"layouts/edited/notice.xml.j2: line {heading + 4}: text directly inside <notice> "
                                  "('Stray words outside any paragraph'); put it in a <p> or <li>",)
