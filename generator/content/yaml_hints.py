"""Words for YAML's syntax errors: what an editor most likely did, in terms of the lines.

libyaml says "mapping values are not allowed in this context" or "did not find
expected '-' indicator"; an editor needs "this line is indented more than the key
above it". These hints look only at the text around the error: the line it stands on
and the nearest line above that holds something.
"""

from __future__ import annotations

import re

_KEY = re.compile(r"^(?P<indent> *)(?P<dash>- +)?(?P<key>[^\s#:][^:#]*?)\s*:(\s|$)")


def indentation_hint(text: str, line: int, problem: str) -> str:
    """A hint, starting with '; ', for the syntax error `problem` on (1-based) `line`,
    or '' when the lines do not show what went wrong."""
    lines = text.splitlines()
    if not 1 <= line <= len(lines):
        return ""
    here = lines[line - 1]
    above = next((i for i in range(line - 2, -1, -1)
                  if lines[i].strip() and not lines[i].lstrip().startswith("#")), None)
    if above is None:
        return ""
    previous = lines[above]
    indent, previous_indent = _indent(here), _indent(previous)
    key = _KEY.match(previous)
    # Where the keys of the mapping above start: after its "- " if it is a list item.
    key_column = previous_indent + (len(key.group("dash")) if key and key.group("dash") else 0)
    if "mapping values are not allowed" in problem:
        if ":" not in previous.split("#", 1)[0]:
            return (f"; line {above + 1} has no ':' after its key, so YAML reads it as text "
                    "that runs on into this line")
        if indent > key_column and key and not previous.rstrip().endswith(":"):
            return (f"; this line is indented more than the key above it ('{key.group('key')}' "
                    f"on line {above + 1}); line the two up")
    if "could not find expected ':'" in problem and ":" not in previous.split("#", 1)[0] \
            and not previous.lstrip().startswith("- "):
        return (f"; line {above + 1} is neither 'key: value' nor a list item '- ...'; "
                "if it continues the text above, indent it more than that text's key")
    if "expected '-' indicator" in problem:
        if key and key.group("dash") and previous_indent < indent < key_column:
            return (f"; this line is indented less than the key above it "
                    f"('{key.group('key')}' on line {above + 1}) but more than its '-'; "
                    "line it up with that key")
        if key and key.group("dash") and indent == previous_indent \
                and not here.lstrip().startswith("-"):
            return ("; this line stands where the list's items do but does not start "
                    "with '- '; add it, or indent the line under the item above")
        if key and not key.group("dash") and indent < previous_indent:
            return (f"; this line is indented less than the key above it "
                    f"('{key.group('key')}' on line {above + 1}); line the two up")
        if previous.lstrip().startswith("- ") and indent == previous_indent:
            return ("; this line stands where the list's items do but does not start "
                    "with '- '")
    return ""


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))
