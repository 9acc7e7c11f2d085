"""The code keeps the house rules: ruff's checks and mypy's types (config in pyproject.toml)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import REPO

BIN = Path(sys.executable).parent


def test_ruff_finds_nothing() -> None:
    result = subprocess.run([str(BIN / "ruff"), "check", "generator", "tests", "bench"],
                            cwd=REPO, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_finds_nothing() -> None:
    result = subprocess.run([str(BIN / "mypy")], cwd=REPO, capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def imports_of(module: Path) -> set[str]:
    """The generator's modules that `module` imports when it runs, at its top or inside a
    function (imports for type checkers only, under `if TYPE_CHECKING:`, do not count)."""
    import ast

    tree = ast.parse(module.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING":
            node.body = []
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                found.add(node.module.split(".")[0])
            else:
                found.update(alias.name for alias in node.names)
    return found


def test_the_generator_imports_form_no_cycle() -> None:
    import graphlib

    package = REPO / "generator"
    graph = {path.stem: imports_of(path) for path in package.glob("*.py")}
    graphlib.TopologicalSorter(graph).prepare()  # raises CycleError on a cycle


def test_only_the_plugin_imports_mkdocs() -> None:
    import re

    for path in sorted((REPO / "generator").glob("*.py")):
        text = path.read_text(encoding="utf-8")
        if re.search(r"^\s*(from|import) mkdocs\b", text, re.M):
            assert path.name == "plugin.py", path.name
