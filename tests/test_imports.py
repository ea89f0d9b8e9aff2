"""The house: src/noticekit/ as rooms named for the stages a notice goes through, data flowing down.

Every import of every module is read with ast, those inside functions (lazy ones) and under
TYPE_CHECKING included, so a circle cannot hide in a function body.
"""

from __future__ import annotations

import ast
import itertools
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO

PACKAGE = REPO / "src" / "noticekit"
ROOMS = ("profiles", "wording", "render", "build", "check", "preview")
# What each part may import. The base (errors, problems, workspace, the package's __init__) is
# below everything; each room takes from the rooms before it; api from every room; cli from api.
MAY_IMPORT = {
    "base": {"base"},
    "profiles": {"base", "profiles"},
    "wording": {"base", "profiles", "wording"},
    "render": {"base", "profiles", "wording", "render"},
    "build": {"base", "profiles", "wording", "render", "build"},
    "check": {"base", "profiles", "wording", "render", "check"},
    "preview": {"base", "profiles", "wording", "render", "build", "check", "preview"},
    "api": {"base", *ROOMS},
    "cli": {"base", "api", "cli"},
}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imports_of(name: str) -> set[str]:
    """The noticekit modules ``name`` imports anywhere in its source (package __init__s aside)."""
    tree = ast.parse(MODULES[name].read_text("utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from its own package
                package = name.split(".") if MODULES[name].name == "__init__.py" else name.split(".")[:-1]
                base = ".".join(package[: len(package) - node.level + 1] + ([node.module] if node.module else []))
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return {module for module in found if module in MODULES and module != name and not _is_package(module)}


def _is_package(module: str) -> bool:
    return MODULES[module].name == "__init__.py" and module != "noticekit"


GRAPH = {name: imports_of(name) for name in MODULES}


def part_of(module: str) -> str:
    parts = module.split(".")
    if len(parts) > 2 or (len(parts) == 2 and parts[1] in ROOMS):
        return parts[1]
    if module in ("noticekit.api",):
        return "api"
    if module in ("noticekit.cli", "noticekit.__main__"):
        return "cli"
    return "base"


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every import circle (strongly connected group of two or more modules, or a self-import)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []
    counter = itertools.count()

    def visit(node: str) -> None:
        index[node] = low[node] = next(counter)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1 or node in graph[node]:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_circle_anywhere_lazy_imports_included():
    assert circles(GRAPH) == []


def test_lazy_imports_are_seen_and_circles_are_found():
    assert "noticekit.render.pdf" in GRAPH["noticekit.build.formats"]  # imported inside build_pdf only
    assert "noticekit.api" in GRAPH["noticekit.cli"]  # imported inside each command
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert circles({"a": {"a"}, "b": set()}) == [["a"]]
    assert circles({**GRAPH, "noticekit.wording.layouts": GRAPH["noticekit.wording.layouts"] | {"noticekit.check.coverage"}}) == [
        ["noticekit.check.coverage", "noticekit.wording.claims", "noticekit.wording.layouts"]
    ]


@pytest.mark.parametrize("module", sorted(MODULES))
def test_data_flows_down(module):
    """Each module imports only from its own part and the parts below it."""
    wrong = sorted(target for target in GRAPH[module] if part_of(target) not in MAY_IMPORT[part_of(module)])
    assert wrong == [], f"{module} ({part_of(module)}) imports {wrong}, which lie above it"


def test_the_top_level_holds_at_most_seven_modules_and_the_rooms():
    top = sorted(path.name for path in PACKAGE.glob("*.py"))
    assert len(top) <= 7, top
    assert sorted(path.name for path in PACKAGE.iterdir() if path.is_dir() and path.name != "__pycache__") == sorted(ROOMS)


@pytest.mark.parametrize("room", ROOMS)
def test_each_room_says_what_it_holds_in_one_line(room):
    docstring = ast.get_docstring(ast.parse((PACKAGE / room / "__init__.py").read_text("utf-8")))
    assert docstring and "\n" not in docstring


def test_no_two_modules_are_named_one_letter_apart():
    names = sorted({path.stem for path in PACKAGE.rglob("*.py")} - {"__init__", "__main__"})
    close = [(a, b) for a, b in itertools.combinations(names, 2) if _one_edit_apart(a, b)]
    assert close == []


def _one_edit_apart(a: str, b: str) -> bool:
    """Whether one insertion, deletion or substitution turns ``a`` into ``b``."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return a[i + 1:] == b[i + 1:] if len(a) == len(b) else a[i:] == b[i + 1:]
    return True


def test_the_name_check_sees_one_letter():
    assert _one_edit_apart("output", "outputs") and _one_edit_apart("ledger", "ledges")
    assert not _one_edit_apart("authority", "authoring") and not _one_edit_apart("files", "formats")


def test_every_test_file_is_collected():
    """pytest skips some folder names by default (build/ among them): every tests/**/test_*.py must run."""
    listed = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"],
                            cwd=REPO, capture_output=True, text=True, timeout=120).stdout
    collected = {line.split("::")[0] for line in listed.splitlines() if "::" in line}
    on_disk = {str(path.relative_to(REPO)) for path in (REPO / "tests").rglob("test_*.py")}
    assert on_disk - collected == set()
