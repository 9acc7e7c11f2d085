"""JavaScript packages from the npm registry that the browser tests load into pages: each
installed once per version into the user's cache folder, from nothing, with the
machine's npm."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

AXE_CORE = "axe-core@4.14.1"
"""Deque's accessibility rules engine, as used by Lighthouse and browser extensions."""
AXE_CORE_SHA256 = "29348999450cdf2849a8e70b7912fc2da85a849da39c0d0d5394f51d4a9ed95c"
"""The SHA-256 of that release's axe.min.js, as the npm registry served it (Nov 2026)."""
VNU_JAR = "vnu-jar@26.9.27"
"""The W3C's Nu HTML Checker (the validator behind validator.w3.org/nu), run with Java."""
VNU_JAR_SHA256 = "22f15dd39a33bed929d2a5c0cddf5946849a647eca9272bf4d5d00bc7e7a4d47"
"""The SHA-256 of that release's vnu.jar, as the npm registry served it (Dec 2026)."""


def npm_package(spec: str) -> Path:
    """The folder of an installed npm package (`name@version`), installing it first if need
    be. Raises if npm is missing or the registry cannot be reached: the tests need it."""
    name, _, version = spec.rpartition("@")
    # Not XDG_CACHE_HOME: each test gets its own (conftest.user_cache), and a package
    # should be fetched once per machine.
    prefix = Path.home() / ".cache" / "briefing-tests" / "npm" / \
        f"{name.replace('/', '+')}-{version}"
    folder = prefix / "node_modules" / name
    if not (folder / "package.json").is_file():
        npm = shutil.which("npm")
        assert npm is not None, "the browser tests need npm (Node.js) to fetch " + spec
        staging = prefix.with_name(prefix.name + ".partial")
        shutil.rmtree(staging, ignore_errors=True)
        subprocess.run([npm, "install", "--no-save", "--no-audit", "--no-fund",
                        "--prefix", str(staging), spec], check=True, capture_output=True,
                       timeout=600)
        shutil.rmtree(prefix, ignore_errors=True)
        staging.rename(prefix)
    return folder
