"""What an editor sees for each kind of mistake: the golden cases in error_cases.yml.

Each case edits the valid `riverland` fixture and lists the exact lines
`python -m generator check` prints. After a deliberate change to messages,
regenerate the expectations with `python tests/test_error_cases.py --update`
and review the diff.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

HERE = Path(__file__).resolve().parent
CASES_FILE = HERE / "error_cases.yml"
FIXTURES = HERE / "fixtures"


def load_cases() -> list[dict[str, Any]]:
    return yaml.safe_load(CASES_FILE.read_text(encoding="utf-8"))["cases"]


def apply(case: dict[str, Any], root: Path) -> None:
    """Make the project of a case: the valid fixture, then the case's edits."""
    shutil.copytree(FIXTURES / "seeds", root / "seeds")
    shutil.copytree(FIXTURES / "riverland", root / "content" / "riverland")
    for edit in case.get("edits", []):
        path = root / edit["file"]
        if "remove" in edit:
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink()
        elif "mkdir" in edit:
            path.mkdir(parents=True)
        elif "bytes" in edit:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(edit["bytes"].encode("latin-1"))
        elif "text" in edit:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(edit["text"], encoding="utf-8")
        else:
            text = path.read_text(encoding="utf-8")
            assert text.count(edit["old"]) == 1, f"{edit['old']!r} not once in {edit['file']}"
            path.write_text(text.replace(edit["old"], edit["new"]), encoding="utf-8")


def run_check(root: Path, *args: str) -> tuple[int, list[str]]:
    """Run `python -m generator check` in `root`; exit status and stderr lines."""
    from generator import cli

    err = io.StringIO()
    cwd = Path.cwd()
    os.chdir(root)
    try:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            status = cli.main(["check", *args])
    finally:
        os.chdir(cwd)
    return status, err.getvalue().splitlines()


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

    sys.path.insert(0, str(HERE.parent))
    text = CASES_FILE.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    for case in data["cases"]:
        with tempfile.TemporaryDirectory() as tmp:
            apply(case, Path(tmp))
            status, lines = run_check(Path(tmp), *case.get("args", []))
        case["expect"] = lines
        case["status"] = status
    header = text.split("\ncases:\n", 1)[0] + "\n"
    CASES_FILE.write_text(header + "cases:\n" + "".join(_dump(c) for c in data["cases"]),
                          encoding="utf-8")
    print(f"updated {len(data['cases'])} cases; review with git diff", file=sys.stderr)


def _dump(case: dict[str, Any]) -> str:
    """One case in the file's compact style (JSON strings are YAML strings too)."""
    import json

    def flow(mapping: dict[str, Any]) -> str:
        return "{" + ", ".join(f"{k}: {json.dumps(v, ensure_ascii=False)}"
                               for k, v in mapping.items()) + "}"

    lines = [f"- name: {json.dumps(case['name'])}"]
    if case.get("args"):
        lines.append(f"  args: {json.dumps(case['args'])}")
    lines.append("  edits:" + ("" if case.get("edits") else " []"))
    lines += [f"  - {flow(edit)}" for edit in case.get("edits", [])]
    lines.append("  expect:" + ("" if case["expect"] else " []"))
    lines += [f"  - {json.dumps(line, ensure_ascii=False)}" for line in case["expect"]]
    lines.append(f"  status: {case['status']}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__" and "--update" in sys.argv:
    _update()
