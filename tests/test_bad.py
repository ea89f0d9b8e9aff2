"""tests/bad/: a corpus of bad inputs, each with the exact message it must give.

Each case is a folder: case.toml says what it is (`about`), the command (`args`, default
`render bad`) and the exact stderr; the other files are laid over a fresh workspace (for
example profiles/bad.toml). `layout_copy = "broken"` first copies the 1998 layout to
layouts/broken, and `edit = {file, old, new}` then changes one thing in it (so a case never
carries a stale copy of the layout); `symlinks` makes links. Every case must exit 1 with its one-line message, no
traceback and no output file; in a batch (`render --all`), the other authorities still render.
`make golden` (pytest --update-golden) rewrites the expected stderr, for review in the diff.
"""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest
import tomli_w

from conftest import REPO

BAD = Path(__file__).parent / "bad"
# The layout the seed councils' profiles name, which the layout cases copy and edit.
LEGACY = "children-in-need-1998"
CASES = sorted(path.parent for path in BAD.glob("*/case.toml"))


def prepare(case: Path, root: Path) -> dict:
    """Lay the case over the workspace at root; its case.toml as a dict."""
    spec = tomllib.loads((case / "case.toml").read_text("utf-8"))
    if "layout_copy" in spec:
        shutil.copytree(root / "layouts" / LEGACY, root / "layouts" / spec["layout_copy"])
    for path in case.rglob("*"):
        if path.is_file() and path.name != "case.toml":
            target = root / path.relative_to(case)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
    if "edit" in spec:
        edited = root / spec["edit"]["file"]
        text = edited.read_text("utf-8")
        assert spec["edit"]["old"] in text, f"{case.name}: the edit no longer applies to {spec['edit']['file']}"
        edited.write_text(text.replace(spec["edit"]["old"], spec["edit"]["new"], 1), "utf-8")
    for link, target in spec.get("symlinks", {}).items():
        (root / link).symlink_to(target)
    return spec


def output_files(root: Path) -> list[str]:
    out = root / "out"
    return sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file() and p.suffix in (".pdf", ".docx")) if out.exists() else []


def test_the_corpus_is_large_enough():
    assert len(CASES) >= 40


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_bad_input(case, cli, workspace_dir, update_golden):
    spec = prepare(case, workspace_dir)
    result = cli(*spec.get("args", ["render", "bad"]))
    if update_golden:
        spec["stderr"] = result.stderr
        (case / "case.toml").write_text(tomli_w.dumps(spec, multiline_strings=True), "utf-8")
    assert result.exit_code == 1, result.output
    assert result.stderr == spec["stderr"]
    assert len(result.stderr.splitlines()) == 1
    assert "Traceback" not in result.output and result.stdout == ""
    assert output_files(workspace_dir) == []
    if spec.get("batch", True):
        batch = cli("render", "--all", "--jobs", "1")
        assert batch.exit_code == 1
        assert spec["stderr"].strip() in batch.stderr.splitlines()
        assert output_files(workspace_dir) == [
            f"{slug}/{LEGACY}.{fmt}" for slug in ("hampshire", "lancashire") for fmt in ("docx", "pdf")
        ]


def test_cases_name_what_they_test():
    for case in CASES:
        spec = tomllib.loads((case / "case.toml").read_text("utf-8"))
        assert spec.get("about"), case.name
        assert REPO in case.parents
