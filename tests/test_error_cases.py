"""What an editor sees for each kind of mistake: the golden cases in error_cases.yml.

Each case edits the valid `riverland` fixture and lists the exact lines
`python -m generator check` prints. After a deliberate change to messages,
regenerate the expectations with `python tests/test_error_cases.py --update`
and review the diff.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from cases import apply, rewrite, run_check

HERE = Path(__file__).resolve().parent
CASES_FILE = HERE / "error_cases.yml"


def load_cases() -> list[dict[str, Any]]:
    return yaml.safe_load(CASES_FILE.read_text(encoding="utf-8"))["cases"]


CASES = load_cases()


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_error_case(case: dict[str, Any], tmp_path: Path) -> None:
    apply(case, tmp_path)
    status, lines = run_check(tmp_path, *case.get("args", []))
    assert lines == case["expect"]
    assert status == case.get("status", 1)


def test_every_case_has_a_unique_name() -> None:
    names = [c["name"] for c in CASES]
    assert len(names) == len(set(names))


def _update() -> None:
    """Rewrite every case's `expect` and `status` from what `check` prints now."""
    import tempfile

    data = yaml.safe_load(CASES_FILE.read_text(encoding="utf-8"))
    for case in data["cases"]:
        with tempfile.TemporaryDirectory() as tmp:
            apply(case, Path(tmp))
            case["status"], case["expect"] = run_check(Path(tmp), *case.get("args", []))
    rewrite(CASES_FILE, data["cases"])
    print(f"updated {len(data['cases'])} cases; review with git diff", file=sys.stderr)


if __name__ == "__main__" and "--update" in sys.argv:
    _update()
