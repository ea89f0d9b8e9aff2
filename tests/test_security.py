"""A render makes no network connection, reads nothing outside the workspace, and profile text
cannot inject markup, CSS or attachments."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile

import pytest

from conftest import CountingServer
from readback import docx_text, pdf_text

pytestmark = pytest.mark.slow

HOSTILE = '</p><style>@import url("{url}");</style><a rel="attachment" href="file:///etc/hostname">x</a><img src="{url}">'


def hostile_profile(workspace, url: str) -> None:
    text = HOSTILE.format(url=url).replace('"', '\\"')
    (workspace.profiles / "hostile.toml").write_text(  # every key the current notice needs, hostile wherever text goes
        f'name = "{text}"\nreviewed = 2026-10-01\npartners = ["{text}"]\n[website]\nurl = "{url}"\nlabel = "{text}"\n'
        f'[contacts.write_to]\nteam = "{text}"\nemail = "data@127.0.0.1.nip.io"\n'
        f'[dpo]\norganisation = "{text}"\nemail = "dpo@127.0.0.1.nip.io"\n[complaints]\nemail = "c@127.0.0.1.nip.io"\n'
        f'[information]\nsources = ["{text}"]\ncategories = ["{text}"]\n'
        f'[retention]\nschedule = "{url}"\n[[retention.periods]]\nrecords = "{text}"\nperiod = "{text}"\nfrom = "{text}"\n'
        f'[transfers]\noutside_uk = true\nstatement = "{text}"\n[automated_decisions]\nused = false\nstatement = "{text}"\n'
    )


def test_hostile_profile_text_is_printed_not_obeyed(workspace, cli):
    with CountingServer() as server:
        hostile_profile(workspace, server.url)
        result = cli("render", "hostile")
        assert result.exit_code == 0, result.output
    assert server.requests == 0
    pdf_path = workspace.profiles.parent / "out" / "hostile" / "children-in-need.pdf"
    listing = subprocess.run(["pdfdetach", "-list", str(pdf_path)], capture_output=True, text=True, check=True)
    assert listing.stdout.strip() == "0 embedded files"
    expected = HOSTILE.format(url=server.url)
    assert expected in docx_text((pdf_path.with_suffix(".docx")).read_bytes())
    assert "".join(expected.split()) in "".join(pdf_text(pdf_path.read_bytes()).split())


AUDIT = """
import json, sys
from pathlib import Path
opened = []
def hook(event, args):
    if event == "open" and isinstance(args[0], (str, bytes)):
        opened.append([str(Path(args[0] if isinstance(args[0], str) else args[0].decode()).resolve()), args[1], args[2]])
from noticekit import api
from noticekit.build.pool import warm_backends
from noticekit.workspace import Workspace
import weasyprint.pdf.anchors  # start-up reads of the libraries themselves (WeasyPrint: /etc/mime.types)
warm_backends()
workspace = Workspace.discover(Path.cwd())
sys.addaudithook(hook)
api.render(["lancashire"], out=Path("out"), workspace=workspace)
print(json.dumps(opened))
"""


def test_a_render_reads_nothing_outside_the_workspace_and_python(workspace_dir):
    result = subprocess.run([sys.executable, "-c", AUDIT], cwd=workspace_dir, capture_output=True, text=True, check=True)
    opened = json.loads(result.stdout)
    assert any(path.endswith("lancashire.toml") for path, _, _ in opened)
    allowed = [str(workspace_dir.resolve()), sys.prefix, sys.base_prefix, "/dev/null", *(p for p in sys.path if p.startswith("/"))]
    outside = [entry for entry in opened if not any(entry[0] == root or entry[0].startswith(root.rstrip("/") + "/") for root in allowed)]
    # Outside the workspace and Python, only files created afresh: the temporary copies of the
    # embedded fonts WeasyPrint hands to fontconfig. Nothing that existed is opened to be read.
    assert [entry for entry in outside if reads_existing(*entry)] == []
    assert all(entry[0].startswith(tempfile.gettempdir()) for entry in outside)


def reads_existing(path: str, mode, flags: int) -> bool:
    if isinstance(mode, str):
        return "r" in mode and "+" not in mode
    return flags & os.O_ACCMODE == os.O_RDONLY or not flags & os.O_CREAT
