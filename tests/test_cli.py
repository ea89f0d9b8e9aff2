"""cli.py through Typer's CliRunner: what a user types, sees, and gets as exit status."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from conftest import REPO, files_under, write_profile
from noticekit import __version__

LANCASHIRE_OUT = ["lancashire/children-in-need-1998.docx", "lancashire/children-in-need-1998.pdf", "manifest.json"]


@pytest.mark.slow
def test_render_writes_both_formats_and_prints_each_path(cli, workspace_dir):
    result = cli("render", "lancashire")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["out/lancashire/children-in-need-1998.pdf", "out/lancashire/children-in-need-1998.docx"]
    assert files_under(workspace_dir / "out") == LANCASHIRE_OUT
    assert (workspace_dir / "out/lancashire/children-in-need-1998.pdf").read_bytes().startswith(b"%PDF-")


def test_render_docx_only_into_another_folder(cli, workspace_dir):
    result = cli("render", "hampshire", "--docx", "--out", "elsewhere")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["elsewhere/hampshire/children-in-need-1998.docx"]
    assert files_under(workspace_dir / "elsewhere") == ["hampshire/children-in-need-1998.docx", "manifest.json"]


@pytest.mark.slow
def test_render_pdf_only(cli, workspace_dir):
    result = cli("render", "hampshire", "--pdf")
    assert result.exit_code == 0, result.output
    assert files_under(workspace_dir / "out") == ["hampshire/children-in-need-1998.pdf", "manifest.json"]


def test_batch_carries_on_past_a_broken_profile(cli, workspace_dir):
    write_profile(workspace_dir, "brokenshire", 'name = "Brokenshire"\n[website]\nurl = "nope"\n')
    result = cli("render", "--all", "--docx", "--jobs", "1")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == ["out/hampshire/children-in-need-1998.docx", "out/lancashire/children-in-need-1998.docx"]
    assert result.stderr.splitlines() == [
        "[1/3] brokenshire: failed",
        "[2/3] hampshire: rendered",
        "[3/3] lancashire: rendered",
        "2 rendered, 0 unchanged, 1 failed",
        "profiles/brokenshire.toml: website.url: 'nope' is not a web address; write it in full, e.g. 'https://www.example.gov.uk'",
        "warning: hampshire, lancashire: layout 'children-in-need-1998' cites the Data Protection Act 1998, repealed on 25 May 2018; "
        "it was replaced by the UK GDPR and the Data Protection Act 2018; for today's notice use layout 'children-in-need' "
        "(layout = 'children-in-need' in the profile, or --layout children-in-need)",
    ]
    again = cli("render", "--all", "--docx")
    assert (again.exit_code, again.stdout) == (1, "")
    assert again.stderr.splitlines()[-3:-1] == [
        "0 rendered, 2 unchanged, 1 failed (use --force to render unchanged ones again)",
        "profiles/brokenshire.toml: website.url: 'nope' is not a web address; write it in full, e.g. 'https://www.example.gov.uk'",
    ]


def test_names_or_all_not_both(cli, workspace_dir):
    for args in (["render"], ["render", "--all", "hampshire"]):
        result = cli(*args)
        assert result.exit_code == 2
        assert "give authority names, or --all (not both)" in result.stderr


def test_unknown_authority(cli, workspace_dir):
    result = cli("render", "hamshire")
    assert result.exit_code == 1
    assert result.stderr == "unknown authority 'hamshire'; did you mean 'hampshire'? (known in profiles: hampshire, lancashire)\n"
    assert result.stdout == ""
    assert not (workspace_dir / "out").exists()


@pytest.mark.parametrize("name", ["../x", "/etc/passwd", "profiles/hampshire", "Hampshire", "hampshire.toml", ""])
def test_an_authority_is_a_slug_never_a_path(cli, workspace_dir, name):
    result = cli("render", name)
    assert result.exit_code == 1
    hint = "did you mean 'hampshire'?" if "hampshire" in name.lower() else "use a profile's name, such as 'hampshire'"
    assert result.stderr == f"{name!r} is not an authority name (lower-case letters, digits and hyphens); {hint}\n"
    assert not (workspace_dir / "out").exists()


def test_every_problem_of_every_authority_at_once_and_nothing_written(cli, workspace_dir):
    write_profile(workspace_dir, "brokenshire", 'name = 7\n[website]\nurl = "htp:/x"\n')
    result = cli("render", "hampshire", "brokenshire", "nowhere")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "profiles/brokenshire.toml: name: must be text in quotes, not a number (7)",
        "profiles/brokenshire.toml: website.url: 'htp:/x' is not a web address; write it in full, e.g. 'https://www.example.gov.uk'",
        "unknown authority 'nowhere' (known in profiles: brokenshire, hampshire, lancashire)",
    ]
    assert not (workspace_dir / "out").exists()


def test_bad_email_exit_1_nothing_written(cli, workspace_dir):
    path = workspace_dir / "profiles" / "lancashire.toml"
    path.write_text(path.read_text().replace("dataprotection@lancashire.gov.uk", "dataprotection-at-lancashire"))
    result = cli("render", "lancashire")
    assert (result.exit_code, result.stderr) == (
        1,
        "profiles/lancashire.toml: contacts.write_to.email: 'dataprotection-at-lancashire' is not an email address\n",
    )
    assert not (workspace_dir / "out").exists()


def test_malformed_toml_exit_1_nothing_written(cli, workspace_dir):
    write_profile(workspace_dir, "typo", 'name = "Typo Council\n')
    result = cli("render", "typo")
    assert (result.exit_code, result.stderr) == (
        1,
        "profiles/typo.toml: line 1, column 21: not valid TOML: the line ends inside quotes; close the quotes\n",
    )
    assert not (workspace_dir / "out").exists()


def test_unknown_layout(cli, workspace_dir):
    result = cli("render", "hampshire", "--layout", "children-in-need-1989")
    assert (result.exit_code, result.stderr) == (
        1,
        "unknown layout 'children-in-need-1989'; did you mean 'children-in-need-1998'? (known in layouts: children-in-need, children-in-need-1998, children-in-need-young-people)\n",
    )


def test_profiles_option_and_environment(cli, workspace_dir, tmp_path, monkeypatch):
    other = tmp_path / "elsewhere"
    other.mkdir()
    (other / "testshire.toml").write_text('name = "Testshire Council"\n[website]\nurl = "https://www.testshire.gov.uk"\n')
    result = cli("list", "--profiles", str(other))
    assert "testshire  Testshire Council" in result.stdout
    monkeypatch.setenv("NOTICEKIT_PROFILES", str(other))
    assert "testshire  Testshire Council" in cli("list").stdout
    assert cli("render", "hampshire", "--docx").stderr == f"unknown authority 'hampshire' (known in {other}: testshire)\n"


def test_profiles_folder_that_does_not_exist(cli, workspace_dir):
    result = cli("list", "--profiles", "nope")
    assert (result.exit_code, result.stderr) == (
        1,
        "nope: profiles folder not found (from --profiles); give a folder that holds <name>.toml files\n",
    )


def test_list(cli, workspace_dir):
    result = cli("list")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[:4] == [
        "Authorities (in profiles):",
        "  hampshire   Hampshire County Council",
        "  lancashire  Lancashire County Council",
        "Layouts (in layouts):",
    ]
    assert result.stdout.splitlines()[4].startswith("  children-in-need               Children in need and children looked after: the current notice")
    assert result.stdout.splitlines()[5].startswith("  children-in-need-1998          Children in need or looked after")
    assert result.stdout.splitlines()[6].startswith("  children-in-need-young-people  Children in need and children looked after: a one-page notice")
    assert result.stdout.splitlines()[4].endswith("in plain English (England and Wales; in English and Welsh)")


def test_list_says_where_a_council_is_and_its_languages(cli, workspace_dir):
    shutil.copy(REPO / "examples" / "profiles" / "enghraifft.toml", workspace_dir / "profiles")
    shutil.copy(REPO / "examples" / "profiles" / "enghraifft-logo.png", workspace_dir / "profiles")
    assert "  enghraifft  Enghraifft County Borough Council (Wales: English, Welsh, bilingual)" in cli("list").stdout.splitlines()


def test_version(cli):
    result = cli("--version")
    assert (result.exit_code, result.stdout) == (0, f"noticekit {__version__}\n")


def test_usage_errors_exit_2(cli, workspace_dir):
    assert cli("render", "--all", "--jobs", "0").exit_code == 2
    assert cli("render", "hampshire", "--pfd").exit_code == 2
    assert cli("frobnicate").exit_code == 2


@pytest.mark.parametrize("command", [[], ["render"], ["list"]])
def test_every_command_has_help(cli, command):
    result = cli(*command, "--help")
    assert result.exit_code == 0
    assert "Usage: noticekit" in result.stdout


def test_internal_errors_are_one_line(cli, workspace_dir, monkeypatch):
    from noticekit import api

    def broken(*args, **kwargs):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(api, "render", broken)
    result = cli("render", "hampshire")
    assert (result.exit_code, result.stderr) == (
        1,
        "noticekit: internal error (ZeroDivisionError: division by zero); please report it with the command you ran\n",
    )


def test_python_dash_m_and_help_imports_no_weasyprint(workspace_dir):
    code = "import sys, runpy; sys.argv = ['noticekit', '--help']\ntry:\n runpy.run_module('noticekit', run_name='__main__')\nexcept SystemExit: pass\nprint('weasyprint' in sys.modules, 'docx' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "Usage: noticekit" in result.stdout
    assert result.stdout.splitlines()[-1] == "False False"


def test_progress_is_a_bar_on_a_terminal_and_lines_otherwise(monkeypatch, capsys):
    from noticekit import cli as command

    class Terminal:
        written: list[str] = []

        def isatty(self):
            return True

        def write(self, text):
            self.written.append(text)
            return len(text)

        def flush(self):
            pass

    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")  # under TERM=dumb rich draws no live bar
    monkeypatch.setattr(command.sys, "stderr", Terminal())
    with command._progress(enabled=True) as tick:
        tick(1, 2, "hampshire", "rendered")
    drawn = "".join(Terminal.written)
    assert "hampshire" in drawn and "1/2" in drawn and "\x1b[" in drawn  # a live bar, drawn with terminal codes
    monkeypatch.undo()
    monkeypatch.setenv("CI", "true")
    with command._progress(enabled=True) as tick:
        tick(1, 2, "hampshire", "rendered")
    assert capsys.readouterr().err == "[1/2] hampshire: rendered\n"
    with command._progress(enabled=False) as tick:
        assert tick is None


def test_a_reader_that_stops_reading_is_not_an_internal_error(workspace_dir):
    """`noticekit check | head`: more output than a pipe holds, and the reader goes away."""
    lancashire = (workspace_dir / "profiles" / "lancashire.toml").read_text()
    for number in range(60):
        write_profile(workspace_dir, f"copy-{number}", lancashire)
    command = [sys.executable, "-m", "noticekit", "check"]
    with subprocess.Popen(command, cwd=workspace_dir, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        assert process.stdout.readline().startswith(b"layouts/children-in-need-1998/notice.xml.j2: line 23")
        process.stdout.close()
        assert (process.wait(timeout=60), process.stderr.read()) == (1, b"")


def test_profiles_whose_file_names_are_no_authority_names_are_named_with_their_rename(cli, workspace_dir):
    text = (workspace_dir / "profiles" / "hampshire.toml").read_text()
    for name in ("West-Sussex.toml", "east sussex.toml", "x.TOML"):
        (workspace_dir / "profiles" / name).write_text(text)
    expected = [
        "profiles/West-Sussex.toml: not an authority name (lower-case letters, digits and hyphens), so it is not rendered; rename it west-sussex.toml",
        "profiles/east sussex.toml: not an authority name (lower-case letters, digits and hyphens), so it is not rendered; rename it east-sussex.toml",
        "profiles/x.TOML: not an authority name (lower-case letters, digits and hyphens), so it is not rendered; rename it x.toml",
    ]
    batch = cli("render", "--all", "--docx", "--jobs", "1")
    assert batch.exit_code == 1
    assert batch.stderr.splitlines()[:3] == ["[1/5] West-Sussex.toml: failed", "[2/5] east sussex.toml: failed", "[3/5] x.TOML: failed"]
    assert batch.stderr.splitlines()[6:9] == expected
    checked = cli("check")
    assert checked.exit_code == 1 and all(line in checked.stdout.splitlines() for line in expected)
    listing = cli("list").stdout.splitlines()
    assert "  West-Sussex.toml  not an authority name (lower-case letters, digits and hyphens), so it is not rendered; rename it west-sussex.toml" in listing


def test_every_message_is_one_line_with_controls_shown_and_long_values_cut(cli, workspace_dir):
    key = "k" * 900_000 + "\\u001b[31m"  # TOML's escape for a terminal escape, which the key then holds
    (workspace_dir / "profiles" / "big.toml").write_text(f'name = "Big"\n"{key}" = 1\n[website]\nurl = "https://big.gov.uk"\n')
    result = cli("render", "big")
    assert result.exit_code == 1
    [line] = result.stderr.splitlines()
    assert line.startswith("profiles/big.toml: kkkk") and line.endswith(" characters cut)") and len(line) < 700
    assert "\x1b" not in result.stderr


def test_new_refuses_a_name_with_a_line_break(cli, workspace_dir):
    result = cli("new", "leeds\n", "--name", "Leeds", "--website", "https://leeds.gov.uk")
    assert result.exit_code == 1 and "is not an authority name" in result.stderr
    assert sorted(path.name for path in (workspace_dir / "profiles").iterdir()) == ["hampshire.toml", "lancashire.toml", "profile.schema.json"]


def test_jobs_beyond_the_cpus_are_capped_with_a_note_and_bleed_stays_in_range(cli, workspace_dir):
    from noticekit.build.pool import default_jobs

    result = cli("render", "hampshire", "--docx", "--jobs", "1000")
    assert result.exit_code == 0
    assert result.stderr.splitlines()[0] == f"note: --jobs 1000: using {default_jobs()} worker processes, one per CPU of this machine"
    for bleed in ("10.9mm", "11mm", "10.01mm", "3mm\n"):
        refused = cli("render", "hampshire", "--pdf", "--bleed", bleed)
        assert (refused.exit_code, refused.stderr) == (1, f"--bleed {bleed!r}: give millimetres from 0 to 10, e.g. --bleed 3mm\n".replace("\n'", "\\n'"))
    assert cli("render", "hampshire", "--pdf", "--bleed", "10mm").exit_code == 0


def test_a_profile_that_is_a_named_pipe_is_refused_at_once(cli, workspace_dir):
    import os

    os.mkfifo(workspace_dir / "profiles" / "piped.toml")
    line = "profiles/piped.toml: is a named pipe, not a file; a profile must be an ordinary .toml file"
    assert (cli("render", "piped").exit_code, cli("render", "piped").stderr) == (1, line + "\n")
    assert line in cli("check").stdout
    assert f"  piped       (has problems: 1; first: {line})" in cli("list").stdout


def test_a_failure_every_council_shares_is_said_once(cli, workspace_dir):
    (workspace_dir / "out").mkdir()
    for slug in ("hampshire", "lancashire"):
        (workspace_dir / "out" / slug).write_text("a file where the council's folder should be")
    result = cli("render", "--all", "--docx", "--jobs", "1")
    assert result.exit_code == 1
    assert [line for line in result.stderr.splitlines() if "cannot be written" in line] == [
        "out: cannot be written (File exists); check the output folder and free space (for 2 authorities: hampshire, lancashire)"]
