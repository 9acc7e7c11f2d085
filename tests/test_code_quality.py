"""The code keeps the house rules: ruff's checks, mypy's types and the import contracts
(config in pyproject.toml)."""

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


def test_the_import_contracts_hold() -> None:
    """The stages import only the stages below them, only the MkDocs adapter imports
    MkDocs, and no module imports one that imports it back, type hints included (the
    contracts are in pyproject.toml)."""
    result = subprocess.run([str(BIN / "lint-imports"), "--no-cache"], cwd=REPO,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 3 kept, 0 broken." in result.stdout


def test_every_module_of_the_generator_is_in_a_stage_that_says_what_it_holds() -> None:
    """A newcomer reads the folder list and each stage's docstring to know where a change
    belongs: every module lies in a stage, and every stage says what it may import."""
    import ast

    package = REPO / "generator"
    loose = sorted(p.name for p in package.glob("*.py")
                   if p.name not in ("__init__.py", "__main__.py"))
    assert loose == []
    for stage in sorted(p for p in package.iterdir() if (p / "__init__.py").is_file()):
        docstring = ast.get_docstring(ast.parse((stage / "__init__.py").read_text()))
        assert docstring and "May import:" in docstring, stage.name
        for module in stage.glob("*.py"):
            assert ast.get_docstring(ast.parse(module.read_text())), module
