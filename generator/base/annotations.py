"""Problems as GitHub Actions annotations, so they show on the changed line of a pull request.

Under GitHub Actions (`GITHUB_ACTIONS=true`) the CLI and the plugin print every
problem a second time as a workflow command, `::error file=…,line=…,col=…::…`,
which the runner turns into an annotation on that file and line. The ordinary
`file:line:col: field: message` lines stay exactly as they are.
"""

from __future__ import annotations

import os
import sys
from typing import TextIO

from generator.base.problems import Problem


def enabled() -> bool:
    """Whether this process runs as a GitHub Actions step."""
    return os.environ.get("GITHUB_ACTIONS") == "true"


def annotation(problem: Problem) -> str:
    """The workflow command for `problem`: its file, line and column (none for a whole
    folder), the field path as the annotation's title, and the message."""
    properties = [("file", problem.file)]
    if problem.line is not None:
        properties += [("line", str(problem.line)), ("col", str(problem.column))]
    if problem.field:
        properties.append(("title", problem.field))
    listed = ",".join(f"{name}={_escape_property(value)}" for name, value in properties)
    return f"::{problem.severity} {listed}::{_escape_data(problem.message)}"


def print_annotations(problems: list[Problem], file: TextIO | None = None) -> None:
    """Print an annotation for each problem when running under GitHub Actions. Standard
    output by default: the runner reads workflow commands there."""
    if not enabled():
        return
    out = file or sys.stdout
    for problem in problems:
        print(annotation(problem), file=out)
    out.flush()


# GitHub's escaping rules for workflow commands (the runner's ActionCommand): a
# message may hold any text once '%' and line breaks are escaped; a property
# value also may not hold the ':' and ',' that separate properties.
_DATA = str.maketrans({"%": "%25", "\r": "%0D", "\n": "%0A"})
_PROPERTY = str.maketrans({"%": "%25", "\r": "%0D", "\n": "%0A", ":": "%3A", ",": "%2C"})


def _escape_data(text: str) -> str:
    return text.translate(_DATA)


def _escape_property(text: str) -> str:
    return text.translate(_PROPERTY)
