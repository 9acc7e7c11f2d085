"""What the benchmark runs inside a fresh child process, so every timing starts cold.

    python bench/child.py build OUT.json [--plain] [--profile OUT.prof] -- MKDOCS_ARGS...
        Runs `mkdocs MKDOCS_ARGS` in this process, exactly as the `mkdocs` console
        script does (same click entry point), and records the time spent in every
        `on_*` hook of the briefing plugin, plus the time to import the generator.
        --plain: a build without the plugin (the baseline); nothing is imported or timed.

    python bench/child.py generate OUT.json PROJECT_ROOT REPEATS
        The generator alone, in-process: ContentLoader.load (load + validate +
        check) and render_site, timed separately, REPEATS times.

Each writes its figures as JSON to OUT.json; the parent measures wall time,
CPU time and peak RSS of the whole process itself (os.wait4).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import resource
import sys
import time
from pathlib import Path

STARTED = time.perf_counter()


def build(out: Path, mkdocs_args: list[str], plain: bool, profile: str | None) -> int:
    # Import what MkDocs would import anyway before timing the generator's own import,
    # so `generator_import_s` is the generator's cost (pydantic models, etc.) and nothing else.
    import mkdocs.__main__
    import mkdocs.config.config_options
    import mkdocs.plugins
    import mkdocs.structure.nav
    import mkdocs.structure.pages

    hooks: dict[str, dict[str, float]] = {}
    generator_import_s = 0.0
    if not plain:
        t0 = time.perf_counter()
        from generator.mkdocs.plugin import BriefingPlugin
        generator_import_s = time.perf_counter() - t0
        for name in [n for n in vars(BriefingPlugin) if n.startswith("on_") and not profile]:
            setattr(BriefingPlugin, name, _timed(getattr(BriefingPlugin, name), hooks, name))

    generator = sys.modules.get("generator")
    code = 0
    t0 = time.perf_counter()
    try:
        if profile:
            import cProfile

            cProfile.runctx("mkdocs.__main__.cli(mkdocs_args)", globals(),
                            {"mkdocs": mkdocs, "mkdocs_args": mkdocs_args}, profile)
        else:
            mkdocs.__main__.cli(mkdocs_args)
    except SystemExit as exc:  # click always exits
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    mkdocs_s = time.perf_counter() - t0
    out.write_text(json.dumps({
        "exit": code, "mkdocs_s": mkdocs_s, "startup_s": t0 - STARTED,
        "generator_import_s": generator_import_s, "hooks": hooks,
        "generator_file": getattr(generator, "__file__", None),
        "hooks_s": sum(h["s"] for h in hooks.values()),
        # Without the subprocesses it ran (such as Pagefind), which the parent's wait4
        # figure includes.
        "self_peak_rss_mib": _peak_mib(resource.RUSAGE_SELF)}, indent=1))
    return code


def _peak_mib(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def _timed(method, hooks: dict[str, dict[str, float]], name: str):
    """Wrap a plugin hook to add its duration to hooks[name]; keeps MkDocs' priority attribute."""
    @functools.wraps(method)
    def wrapper(*args, **kwargs):
        t0 = time.perf_counter()
        try:
            return method(*args, **kwargs)
        finally:
            entry = hooks.setdefault(name, {"calls": 0, "s": 0.0})
            entry["calls"] += 1
            entry["s"] += time.perf_counter() - t0
    return wrapper


def generate(out: Path, root: Path, repeats: int) -> int:
    t0 = time.perf_counter()
    from generator.build.pipeline import ContentLoader
    from generator.content import places
    from generator.render import maps
    from generator.render.renderer import render_site
    import_s = time.perf_counter() - t0
    # The maps' share: time inside drawing them (and checking places against the outlines
    # and the gazetteer), within the same runs.
    parts: dict[str, dict[str, float]] = {}
    maps._Drawing.svg = _timed(maps._Drawing.svg, parts, "maps")
    maps.desk_map = _timed(maps.desk_map, parts, "desk_map")
    places.resolve_places = _timed(places.resolve_places, parts, "places_check")
    sizes: list[int] = []
    drawn: dict = {}
    draw = maps._drawn.__wrapped__  # not remembered from one run to the next

    def measured_drawn(*key):
        # Remembered within a run, as the build does (three pages show each map), and
        # forgotten between runs, so that each run draws its maps.
        if key not in drawn:
            drawn[key] = draw(*key)
            sizes.append(len(drawn[key].encode()))
        return drawn[key]

    maps._drawn = measured_drawn
    runs = []
    today = dt.date.today()
    for _ in range(repeats):
        parts.clear()
        sizes.clear()
        drawn.clear()
        # A new loader each time: its caches would otherwise skip the work being measured.
        loader = ContentLoader(root, root / "content", root / "seeds")
        t0 = time.perf_counter()
        content = loader.load(today)
        problems = content.all_problems()
        t1 = time.perf_counter()
        files = render_site([r.briefing for r in content.briefings.values()
                             if r.briefing is not None], today)
        t2 = time.perf_counter()
        runs.append({"load_check_s": t1 - t0, "render_s": t2 - t1, "problems": len(problems),
                     "maps_s": sum(parts.get(n, {}).get("s", 0.0) for n in ("maps", "desk_map")),
                     "places_check_s": parts.get("places_check", {}).get("s", 0.0),
                     "maps_drawn": len(sizes), "largest_map_bytes": max(sizes, default=0),
                     "pages": sum(p.endswith(".md") for p in files), "files": len(files),
                     "peak_rss_mib": _peak_mib(resource.RUSAGE_SELF)})
    out.write_text(json.dumps({"import_s": import_s, "runs": runs,
                               "generator_file": sys.modules["generator"].__file__}, indent=1))
    return 0


def main(argv: list[str]) -> int:
    command, out = argv[0], Path(argv[1])
    if command == "build":
        options, mkdocs_args = argv[2:argv.index("--")], argv[argv.index("--") + 1:]
        profile = options[options.index("--profile") + 1] if "--profile" in options else None
        return build(out, mkdocs_args, "--plain" in options, profile)
    if command == "generate":
        return generate(out, Path(argv[2]).resolve(), int(argv[3]))
    raise SystemExit(f"unknown command {command!r}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
