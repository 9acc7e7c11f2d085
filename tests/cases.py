"""Golden cases as data: edits to the valid `riverland` fixture, and what `check` prints.

Shared by the error cases (tests/error_cases.yml) and the hostile-input corpus
(tests/hostile/*.yml): how a case's project is made, how `check` is run on it,
and how a case file is written back when its expectations are regenerated.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import shutil
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).resolve().parent / "fixtures"
KEYS = ("name", "args", "edits", "lines", "expect", "status")
"""The keys a case may have, in the order a case file writes them."""


def text_of(value: str | list[Any]) -> str:
    """A string from a case: either itself, or pieces to join, where `[s, n]` is s
    repeated n times (with `{n}` in s numbered from 0)."""
    if isinstance(value, str):
        return value
    out = []
    for piece in value:
        if isinstance(piece, str):
            out.append(piece)
        elif "{n}" in piece[0]:
            out.extend(piece[0].replace("{n}", str(n)) for n in range(piece[1]))
        else:
            out.append(piece[0] * piece[1])
    return "".join(out)


def moved(line: str, slug: str) -> str:
    """A path or message of the riverland fixture, as it reads for briefing `slug`."""
    prefix = "content/riverland/"
    return prefix.replace("riverland", slug) + line[len(prefix):] \
        if line.startswith(prefix) else line


def apply(case: dict[str, Any], root: Path, slug: str = "riverland") -> None:
    """Make the project of a case in `root`: the fixture as briefing `slug`, then the
    case's edits (whose paths name the briefing `riverland`)."""
    if not (root / "seeds").exists():
        shutil.copytree(FIXTURES / "seeds", root / "seeds")
    shutil.copytree(FIXTURES / "riverland", root / "content" / slug)
    for edit in case.get("edits", []):
        path = root / moved(text_of(edit["file"]), slug)
        encoding = edit.get("encoding", "utf-8")
        if "remove" in edit:
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink()
        elif "mkdir" in edit:
            path.mkdir(parents=True)
        elif "symlink" in edit:
            path.symlink_to(edit["symlink"])
        elif "fifo" in edit:
            os.mkfifo(path)
        elif "bytes" in edit:  # each character one byte, for files that are not UTF-8
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(edit["bytes"].encode("latin-1"))
        elif "text" in edit:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(text_of(edit["text"]).encode(encoding))
        else:
            text = path.read_text(encoding="utf-8")
            assert text.count(edit["old"]) == 1, f"{edit['old']!r} not once in {path}"
            path.write_bytes(text.replace(edit["old"], text_of(edit["new"])).encode(encoding))


def run_check(root: Path, *args: str, cache: bool = True) -> tuple[int, list[str]]:
    """Run `python -m generator check` in `root`: exit status and stderr lines."""
    from generator.cli.main import main as run_cli

    err = io.StringIO()
    cwd = Path.cwd()
    os.chdir(root)
    try:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            status = run_cli([*([] if cache else ["--no-cache"]), "check", *args])
    finally:
        os.chdir(cwd)
    return status, err.getvalue().splitlines()


_INVISIBLE = re.compile("[\x7f-\xa0\xad\u200b-\u200f\u2028-\u202e\u2060-\u206f"
                        "\ufeff\ufff0-\uffff\u0300-\u036f]")


def quoted(value: Any) -> str:
    """JSON for a value (JSON strings are YAML strings too), with the characters a
    reader cannot see, or YAML will not read, as escapes."""
    return _INVISIBLE.sub(lambda m: f"\\u{ord(m.group()):04x}",
                          json.dumps(value, ensure_ascii=False))


def dump(case: dict[str, Any]) -> str:
    """One case in the compact style of the case files."""
    lines = [f"- name: {quoted(case['name'])}"]
    for key in KEYS[1:]:
        if key not in case:
            continue
        value = case[key]
        if key in ("edits", "expect"):
            lines.append(f"  {key}:" + ("" if value else " []"))
            lines += [f"  - {_flow(item) if isinstance(item, dict) else quoted(item)}"
                      for item in value]
        elif key == "status" or key == "lines":
            lines.append(f"  {key}: {value}")
        elif value:
            lines.append(f"  {key}: {quoted(value)}")
    return "\n".join(lines) + "\n"


def _flow(mapping: dict[str, Any]) -> str:
    return "{" + ", ".join(f"{k}: {quoted(v)}" for k, v in mapping.items()) + "}"


def rewrite(path: Path, cases: list[dict[str, Any]]) -> None:
    """Write `cases` back to their file, keeping the comment header above `cases:`."""
    header = path.read_text(encoding="utf-8").split("\ncases:\n", 1)[0] + "\n"
    path.write_text(header + "cases:\n" + "".join(dump(c) for c in cases), encoding="utf-8")
