"""The preview in a real browser: Debian's Chromium, headless, driven by Playwright (no browser is
downloaded: the driver is pointed at /usr/bin/chromium). It loads the page, follows edits to the
profile on disk without a reload and keeping its scroll positions, shows a broken profile's one
line above the last good render, and clears it once the profile is fixed."""

from __future__ import annotations

import os
import re
import shutil
import signal

import pytest

from preview_client import Running

pytestmark = pytest.mark.slow

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# As root in a container Chromium needs --no-sandbox; the rest keep it off this machine's closed network.
ARGUMENTS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]
WAIT_MS = 60_000


@pytest.fixture
def browser():
    if not os.path.exists(CHROMIUM):
        message = "Chromium is not installed (make test installs Debian's chromium)"
        pytest.fail(message) if os.environ.get("CI") else pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGUMENTS, headless=True)
        yield browser
        browser.close()


def test_the_preview_follows_the_profile_as_it_is_edited(browser, workspace_dir, cli, tmp_path):
    from playwright.sync_api import expect

    running = Running(workspace_dir, "hampshire")
    try:
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.goto(running.url)
        expect(page.locator("#title")).to_have_text("Hampshire County Council", timeout=WAIT_MS)
        web = page.frame_locator("#web iframe.current").locator("body")
        expect(web).to_contain_text("Hampshire County Council", timeout=WAIT_MS)
        expect(page.locator("#pages img[src]")).to_have_count(2, timeout=WAIT_MS)
        expect(page.locator("#check")).to_contain_text("UK GDPR Articles 13 and 14 in children-in-need-1998", timeout=WAIT_MS)
        first_pages = page.locator("#pages img").first.get_attribute("src")

        page.evaluate("window.notReloaded = true")
        page.frame_locator("#web iframe.current").locator("body").evaluate("body => body.ownerDocument.defaultView.scrollTo(0, 600)")
        page.locator("#pages").evaluate("pane => pane.scrollTo(0, 400)")

        profile = workspace_dir / "profiles" / "hampshire.toml"
        text = profile.read_text("utf-8")
        profile.write_text(text.replace('label = "www.hants.gov.uk"', 'label = "www.hants.gov.uk/childrens-privacy"'), "utf-8")
        expect(web).to_contain_text("www.hants.gov.uk/childrens-privacy", timeout=WAIT_MS)
        expect(page.locator("#pages img").first).not_to_have_attribute("src", first_pages, timeout=WAIT_MS)
        assert page.evaluate("window.notReloaded") is True, "the page updated itself, without a reload"
        assert page.frame_locator("#web iframe.current").locator("body").evaluate("body => body.ownerDocument.defaultView.scrollY") == 600
        assert page.locator("#pages").evaluate("pane => pane.scrollTop") == 400
        assert page.locator("#web iframe").count() == 1

        profile.write_text(text.replace('name = "Hampshire County Council"', 'name = ""'), "utf-8")
        printed = cli("render", "hampshire", "--out", str(tmp_path / "out")).stderr.splitlines()[0]
        problems = page.locator("#problems")
        expect(problems).to_be_visible(timeout=WAIT_MS)
        expect(problems.locator("p")).to_have_text([printed])
        assert re.fullmatch(r"profiles/hampshire\.toml: name: .+", printed)
        expect(web).to_contain_text("www.hants.gov.uk/childrens-privacy")  # the last good render, beneath it
        assert problems.bounding_box()["y"] < page.locator("#web").bounding_box()["y"]

        profile.write_text(text, "utf-8")
        expect(problems).to_be_hidden(timeout=WAIT_MS)
        expect(web).not_to_contain_text("www.hants.gov.uk/childrens-privacy", timeout=WAIT_MS)
        assert page.evaluate("window.notReloaded") is True
    finally:
        status, stderr = running.stop(signal.SIGINT)
    assert status == 0, stderr
