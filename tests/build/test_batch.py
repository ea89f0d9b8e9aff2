"""build/pool.py and render --all: parallel, carrying on past failures, reproducible and incremental."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO
from noticekit import api
from noticekit.build import formats
from noticekit.build.pool import Outcome, Task, build_task, run_tasks
from noticekit.build.products import Product
from noticekit.profiles.authority import authority_digest, load_authority
from noticekit.render.variants import STANDARD
from noticekit.workspace import Workspace

DOCX = (Product(STANDARD, "docx"),)
COUNT = 150


def make_profiles(folder: Path, count: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        (folder / f"council-{i:03d}.toml").write_text(
            f'name = "Council {i:03d}"\nlayout = "children-in-need-1998"\n[website]\nurl = "https://www.council{i:03d}.gov.uk"\n'
            f'[contacts.write_to]\nteam = "Team {i}"\naddress = ["{i} High Street"]\npostcode = "TE1 1ST"\nemail = "info@council{i:03d}.gov.uk"\n'
        )


@pytest.fixture(scope="module")
def big_batch(tmp_path_factory):
    """150 valid profiles and one broken, rendered once with --jobs 2 (in PDF and DOCX)."""
    root = tmp_path_factory.mktemp("batch")
    make_profiles(root / "profiles", COUNT)
    (root / "profiles" / "zz-broken.toml").write_text('name = "Broken"\n[website]\nurl = "nope"\n')
    first = noticekit(root, "render", "--all", "--jobs", "2")
    return root, first


def noticekit(cwd: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    environment = {**os.environ, "CI": "true", **(env or {})}
    environment.pop("NOTICEKIT_PROFILES", None)
    return subprocess.run([sys.executable, "-m", "noticekit", *args], cwd=cwd, env=environment, capture_output=True, text=True, timeout=900)


def digests(out: Path) -> dict[str, str]:
    return {key: entry["sha256"] for key, entry in json.loads((out / "manifest.json").read_text())["outputs"].items()}


@pytest.mark.slow
def test_renders_150_and_reports_the_broken_one(big_batch):
    root, first = big_batch
    assert first.returncode == 1
    assert len(first.stdout.splitlines()) == 2 * COUNT
    summary = first.stderr.splitlines()[-3:]
    assert summary[:2] == [
        f"{COUNT} rendered, 0 unchanged, 1 failed",
        "profiles/zz-broken.toml: website.url: 'nope' is not a web address; write it in full, e.g. 'https://www.example.gov.uk'",
    ]
    assert summary[2].startswith(f"warning: council-000, council-001, council-002, council-003, council-004, and {COUNT - 5} more: layout ")
    assert len(digests(root / "out")) == 2 * COUNT
    assert not (root / "out" / "zz-broken").exists()
    assert not list((root / "out").rglob("*.tmp"))


@pytest.mark.slow
def test_second_run_renders_nothing_then_one_edit_renders_one(big_batch):
    root, _ = big_batch
    before = digests(root / "out")
    again = noticekit(root, "render", "--all", "--jobs", "2")
    assert again.stdout == ""
    assert f"0 rendered, {COUNT} unchanged, 1 failed (use --force to render unchanged ones again)" in again.stderr
    edited = root / "profiles" / "council-007.toml"
    edited.write_text(edited.read_text().replace("Team 7", "Team Seven"))
    third = noticekit(root, "render", "--all", "--jobs", "2")
    assert third.stdout.splitlines() == ["out/council-007/children-in-need-1998.pdf", "out/council-007/children-in-need-1998.docx"]
    assert f"1 rendered, {COUNT - 1} unchanged, 1 failed" in third.stderr
    after = digests(root / "out")
    assert {key for key in after if after[key] != before[key]} == {"council-007/children-in-need-1998.pdf", "council-007/children-in-need-1998.docx"}


@pytest.mark.slow
def test_force_renders_everything_again_to_the_same_bytes(big_batch):
    root, _ = big_batch
    before = digests(root / "out")
    forced = noticekit(root, "render", "--all", "--force", "--jobs", "1", "--docx")
    assert len(forced.stdout.splitlines()) == COUNT
    assert digests(root / "out") == before


@pytest.mark.slow
def test_separate_processes_give_identical_bytes(tmp_path):
    for name in ("a", "b"):
        result = noticekit(REPO, "render", "hampshire", "lancashire", "--variant", "standard", "--variant", "booklet", "--out", str(tmp_path / name))
        assert result.returncode == 0, result.stderr
    assert len(list((tmp_path / "a").rglob("*.pdf"))) == 6  # the imposed booklets too: their forms are named, never at random
    for path in (tmp_path / "a").rglob("*.*"):
        assert path.read_bytes() == (tmp_path / "b" / path.relative_to(tmp_path / "a")).read_bytes(), path


@pytest.mark.slow
def test_source_date_epoch_is_an_input(tmp_path):
    key = "hampshire/children-in-need-1998.pdf"
    assert noticekit(REPO, "render", "hampshire", "--pdf", "--out", str(tmp_path)).returncode == 0
    undated = digests(tmp_path)[key]
    dated = noticekit(REPO, "render", "hampshire", "--pdf", "--out", str(tmp_path), env={"SOURCE_DATE_EPOCH": "1767225600"})
    assert dated.stdout == f"{tmp_path}/{key}\n"
    assert digests(tmp_path)[key] != undated


def test_a_broken_profile_is_that_authoritys_failure_found_where_it_is_read(workspace, tmp_path):
    (workspace.profiles / "broken.toml").write_text("name = 1\n")
    report = api.render(["broken", "hampshire"], formats=["docx"], out=tmp_path / "out", workspace=workspace, keep_going=True)
    assert list(report.failed) == ["broken"] and report.written == [tmp_path / "out" / "hampshire" / "children-in-need-1998.docx"]
    assert report.failed["broken"][0] == "profiles/broken.toml: name: must be text in quotes, not a number (1)"


def test_a_task_reports_problems_instead_of_raising(workspace):
    outcome = build_task(Task(load_authority(workspace, "hampshire"), DOCX, "children-in-need", workspace))
    assert outcome.failed and outcome.documents == {}
    assert outcome.problems[0].startswith("profiles/hampshire.toml: layout 'children-in-need' needs dpo.email, ")


def test_a_bug_in_one_task_is_that_tasks_failure(workspace, monkeypatch):
    monkeypatch.setattr(formats, "build", lambda *args: 1 / 0)
    outcome = build_task(Task(load_authority(workspace, "hampshire"), DOCX, "children-in-need-1998", workspace))
    assert outcome.problems == ("hampshire: internal error (ZeroDivisionError: division by zero); please report it",)


def test_the_profile_is_read_once_and_the_manifest_records_what_was_validated(workspace, tmp_path, monkeypatch):
    from noticekit.profiles import authority as loading

    reads = []
    real = loading.read_profile
    monkeypatch.setattr(loading, "read_profile", lambda path: reads.append(path.name) or real(path))
    api.render(["hampshire"], formats=["docx"], out=tmp_path / "out", workspace=workspace, jobs=1)
    assert reads == ["hampshire.toml"]
    entry = json.loads((tmp_path / "out" / "manifest.json").read_text())["outputs"]["hampshire/children-in-need-1998.docx"]
    data = (workspace.profiles / "hampshire.toml").read_bytes()
    assert entry["inputs"]["profile"] == hashlib.sha256(data + b"\0\0").hexdigest() == authority_digest(data, b"", b"")
    assert (entry["inputs"]["profile_files"], entry["inputs"]["profile_layout"]) == ("|", "children-in-need-1998")


@pytest.fixture
def example(workspace):
    for path in (REPO / "examples" / "profiles").iterdir():
        shutil.copy(path, workspace.profiles / path.name)
    return workspace


def test_an_unchanged_authority_is_known_without_validating_its_profile(example, tmp_path, monkeypatch):
    from noticekit.profiles import authority as loading

    out = tmp_path / "out"
    api.render(["exampleshire", "hampshire"], out=out, workspace=example, keep_going=True)
    parsed = []
    real = loading.validate_profile
    monkeypatch.setattr(loading, "validate_profile", lambda raw, shown: parsed.append(shown) or real(raw, shown))
    again = api.render(["exampleshire", "hampshire"], out=out, workspace=example, keep_going=True)
    assert again.written == [] and len(again.unchanged) == 4 and parsed == []
    assert list(again.not_current) == ["children-in-need-1998"] and again.not_current["children-in-need-1998"] == ["hampshire"]
    api.render(["exampleshire"], out=out, workspace=example, keep_going=True, force=True)
    assert len(parsed) == 1 and parsed[0].endswith("exampleshire.toml")  # a forced render validates: the watch was on the right function


@pytest.mark.parametrize("changed", ["exampleshire-logo.png", "exampleshire-template.docx", "exampleshire.toml"])
def test_a_new_logo_template_or_profile_renders_the_council_again(example, tmp_path, changed):
    out = tmp_path / "out"
    api.render(["exampleshire"], out=out, workspace=example)
    path = example.profiles / changed
    if changed.endswith(".png"):
        from PIL import Image

        Image.open(path).transpose(Image.Transpose.FLIP_TOP_BOTTOM).save(path)
    elif changed.endswith(".docx"):
        import docx

        template = docx.Document(str(path))
        template.styles["Normal"].font.name = "Arial"
        template.save(str(path))
    else:
        path.write_text(path.read_text("utf-8") + "\n# a comment\n", "utf-8")
    again = api.render(["exampleshire"], out=out, workspace=example)
    assert sorted(path.name for path in again.written) == ["children-in-need.docx", "children-in-need.pdf"]


def test_a_layout_given_once_does_not_stand_for_the_profiles_own(example, tmp_path):
    out = tmp_path / "out"
    api.render(["exampleshire"], formats=["docx"], layout="children-in-need-young-people", out=out, workspace=example)
    again = api.render(["exampleshire"], formats=["docx"], out=out, workspace=example)
    assert [path.name for path in again.written] == ["children-in-need.docx"]
    third = api.render(["exampleshire"], formats=["docx"], layout="children-in-need-young-people", out=out, workspace=example)
    assert third.written == [] and [path.name for path in third.unchanged] == ["children-in-need-young-people.docx"]


def test_pool_and_single_process_agree(workspace):
    tasks = [Task(load_authority(workspace, slug), DOCX, "children-in-need-1998", workspace) for slug in ("hampshire", "lancashire")]
    serial = {outcome.slug: outcome.documents for outcome in run_tasks(tasks, jobs=1)}
    assert set(serial["hampshire"]) == {"children-in-need-1998.docx"}
    pooled = {outcome.slug: outcome.documents for outcome in run_tasks(tasks, jobs=2)}
    assert serial == pooled and set(serial) == {"hampshire", "lancashire"}
    assert isinstance(next(run_tasks(tasks[:1], jobs=2)), Outcome)


def test_workspace_is_picklable_for_workers(workspace):
    import pickle

    assert pickle.loads(pickle.dumps(workspace)) == workspace
    assert isinstance(workspace, Workspace)


def test_a_council_with_one_output_current_writes_the_other_and_counts_the_first_unchanged(workspace, tmp_path):
    out = tmp_path / "out"
    api.render(["hampshire"], formats=["docx"], out=out, workspace=workspace)
    both = api.render(["hampshire"], out=out, workspace=workspace)
    assert [path.name for path in both.written] == ["children-in-need-1998.pdf"]
    assert [path.name for path in both.unchanged] == ["children-in-need-1998.docx"]
