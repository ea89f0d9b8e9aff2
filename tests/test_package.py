"""Packaging: the wheel bundles profiles, layouts and fonts, so an installed noticekit works anywhere."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile

import pytest

from conftest import REPO

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    folder = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "--wheel-dir", str(folder), str(REPO)],
        check=True, capture_output=True, timeout=300,
    )
    return next(folder.glob("noticekit-*.whl"))


def test_wheel_bundles_the_workspace(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in (
        "noticekit/_data/profiles/hampshire.toml",
        "noticekit/_data/profiles/lancashire.toml",
        "noticekit/_data/layouts/children-in-need-1998/notice.xml.j2",
        "noticekit/_data/layouts/children-in-need-1998/print.css",
        "noticekit/_data/fonts/fonts.css",
        "noticekit/_data/fonts/OFL.txt",
        "noticekit/_data/fonts/AtkinsonHyperlegibleNext-BoldItalic.ttf",
        "noticekit/preview/templates/shell.html.j2",
        "noticekit/preview/templates/panel.html.j2",
        "noticekit/preview/templates/preview.js",
        "noticekit/preview/templates/preview.css",
    ):
        assert name in names


def test_installed_package_renders_from_an_empty_folder(wheel, tmp_path):
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(site), str(wheel)], check=True, timeout=300)
    empty = tmp_path / "anywhere"
    empty.mkdir()
    environment = {**os.environ, "PYTHONPATH": str(site)}
    environment.pop("NOTICEKIT_PROFILES", None)
    result = subprocess.run(
        [sys.executable, "-m", "noticekit", "render", "hampshire", "--out", "notices"],
        cwd=empty, env=environment, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["notices/hampshire/children-in-need-1998.pdf", "notices/hampshire/children-in-need-1998.docx"]
    listing = subprocess.run([sys.executable, "-m", "noticekit", "list"], cwd=empty, env=environment, capture_output=True, text=True)
    assert f"Authorities (in {site / 'noticekit' / '_data' / 'profiles'}):" in listing.stdout
