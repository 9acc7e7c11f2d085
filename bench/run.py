"""Benchmark the briefing generator and its MkDocs plugin on synthetic corpora.

    .venv/bin/python bench/run.py                 # N = 1 10 100 300, 3 repeats (hours)
    .venv/bin/python bench/run.py --n 10 300 --reps 1   # the growth figures alone
    .venv/bin/python bench/run.py --quick         # smoke run: N = 1 2, 1 repeat
    .venv/bin/python bench/run.py --n 1 10 --profile 10

For each N it writes a corpus (bench/corpus.py) into bench/out/work/n<N>/,
measures the generator alone, `mkdocs build` with the plugin against the same
pages built as plain Markdown, the built site, `mkdocs serve` reloads and
in-browser search, then prints one table and writes everything to
bench/out/results-<timestamp>.json. See bench/README.md for what each
figure means. Nothing here asserts a timing: it measures and reports.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import io
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tarfile
import time
from pathlib import Path
from typing import Any

import corpus
import probes
import yaml

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
OUT = BENCH / "out"
PYTHON = Path(sys.executable)
MKDOCS = PYTHON.parent / "mkdocs"
CHILD = BENCH / "child.py"
CODE = OUT / "work" / "code"
"""The code under test, copied at the start of a run (see snapshot)."""


def log(message: str) -> None:
    print(f"[{dt.datetime.now():%H:%M:%S}] {message}", file=sys.stderr, flush=True)


def child_env(project: Path | None = None) -> dict[str, str]:
    """Every child imports `generator` from the snapshot: PYTHONPATH comes before the
    editable install in sys.path. The generator's build cache goes to the project's
    .cache/ (XDG_CACHE_HOME), so a cold build can start without one."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONUNBUFFERED="1")
    if project is not None:
        env["XDG_CACHE_HOME"] = str(project / ".cache")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(CODE), env.get("PYTHONPATH")]))
    env.pop("BRIEFING_FOCUS", None)
    return env


def snapshot(rev: str | None) -> dict[str, Any]:
    """Copy the code under test (generator/, overrides/, mkdocs.yml) from the working tree,
    or from commit `rev`, so that edits to the repository during a long run cannot put
    two versions of the product into one table."""
    shutil.rmtree(CODE, ignore_errors=True)
    CODE.mkdir(parents=True)
    if rev:
        rev = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--verify", rev],
                             capture_output=True, text=True, check=True).stdout.strip()
        tar = subprocess.run(["git", "-C", str(REPO), "archive", "--format=tar", rev,
                              "generator", "overrides", "mkdocs.yml"],
                             capture_output=True, check=True).stdout
        with tarfile.open(fileobj=io.BytesIO(tar)) as archive:
            archive.extractall(CODE, filter="data")
    else:
        ignore = shutil.ignore_patterns("__pycache__")
        shutil.copytree(REPO / "generator", CODE / "generator", ignore=ignore)
        shutil.copytree(REPO / "overrides", CODE / "overrides", ignore=ignore)
        shutil.copy(REPO / "mkdocs.yml", CODE / "mkdocs.yml")
    digest = hashlib.sha256()
    for path in sorted(p for p in CODE.rglob("*") if p.is_file()):
        digest.update(path.relative_to(CODE).as_posix().encode() + b"\0" + path.read_bytes())
    return {"source": f"commit {rev[:10]}" if rev else "working tree", "sha256": digest.hexdigest(),
            "mkdocs_yml": (CODE / "mkdocs.yml").read_text("utf-8")}


def measured(cmd: list[str], cwd: Path, log_path: Path) -> dict[str, Any]:
    """Run `cmd` to completion: wall and CPU seconds, peak RSS and exit status of that process."""
    with log_path.open("wb") as out:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=child_env(cwd), stdout=out,
                                stderr=subprocess.STDOUT)
        # wait4 gives this child's own rusage; RUSAGE_CHILDREN would mix all children.
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    text = log_path.read_text("utf-8", "replace")
    return {"wall_s": wall, "cpu_s": usage.ru_utime + usage.ru_stime,
            "peak_rss_mib": usage.ru_maxrss / 1024, "exit": proc.returncode,
            "warnings": [line for line in text.splitlines() if line.startswith("WARNING")],
            "log": str(log_path.relative_to(OUT))}


def plugin_build(root: Path, logs: Path, name: str, *, cold: bool) -> dict[str, Any]:
    """One measured `mkdocs build --strict` of the project at `root` (after deleting its
    site folder and build cache, if `cold`), with `child.py`'s figures from inside."""
    if cold:
        shutil.rmtree(root / "site", ignore_errors=True)
        shutil.rmtree(root / ".cache", ignore_errors=True)
    stats = logs / f"{name}.json"
    result = measured([str(PYTHON), str(CHILD), "build", str(stats), "--", "build",
                       "--strict"], root, logs / f"{name}.log")
    if stats.exists():
        result.update(json.loads(stats.read_text()))
    return result


def share_without_search(build: dict[str, Any]) -> float:
    """The generator's share of a measured plugin build (`plugin_build`): its import and
    the plugin's hooks, less `on_post_build` (search indexing, which a plain site pays for
    too), over the build's wall time."""
    post_build = build.get("hooks", {}).get("on_post_build", {}).get("s", 0)
    return (build.get("generator_import_s", 0) + build.get("hooks_s", 0) - post_build) \
        / build["wall_s"]


def median(values: list[float]) -> float | None:
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def write_baseline_config(root: Path) -> None:
    """mkdocs.yml minus the briefing plugin, built from the rendered Markdown in rendered/.

    `not_in_nav` gives the briefing pages the inclusion the plugin gives them
    (NOT_IN_NAV), so both sites have the same global nav; without it MkDocs
    would list all N*35 pages in the nav of every page, a different site.
    """
    config = yaml.safe_load((root / "mkdocs.yml").read_text("utf-8"))
    config["plugins"] = [p for p in config.get("plugins", [])
                         if p != "briefing" and not (isinstance(p, dict) and "briefing" in p)]
    config.update(docs_dir="rendered", site_dir="site-baseline", not_in_nav="/*/\n")
    (root / "baseline.yml").write_text(yaml.safe_dump(config, sort_keys=False,
                                                      allow_unicode=True), "utf-8")


def site_figures(site: Path) -> dict[str, Any]:
    html = [p for p in site.rglob("*.html") if p.name != "404.html"]
    html_bytes = sum(p.stat().st_size for p in html)
    # Material's search writes one JSON file; Pagefind a folder of pieces fetched on demand.
    index, pagefind = site / "search" / "search_index.json", site / "pagefind"
    if index.exists():
        kind, index_bytes = "search_index.json", index.stat().st_size
    elif pagefind.is_dir():
        kind = "pagefind/"
        index_bytes = sum(p.stat().st_size for p in pagefind.rglob("*") if p.is_file())
    else:
        kind, index_bytes = "none", None
    home, feed = site / "index.html", site / "feed.xml"
    sitemap = site / "sitemap.xml"
    return {"pages_html": len(html), "site_bytes": sum(p.stat().st_size for p in site.rglob("*")
                                                        if p.is_file()),
            "html_bytes": html_bytes, "html_mean_bytes": html_bytes / max(1, len(html)),
            "largest_html_bytes": max((p.stat().st_size for p in html), default=0),
            "home_html_bytes": home.stat().st_size if home.exists() else None,
            "feed_bytes": feed.stat().st_size if feed.exists() else None,
            "feed_entries": feed.read_text("utf-8").count("<entry>") if feed.exists() else None,
            "sitemap_urls": sitemap.read_text("utf-8").count("<url>")
            if sitemap.exists() else None,
            "search_index_kind": kind, "search_index_bytes": index_bytes,
            **page_weight(site)}


def page_weight(site: Path) -> dict[str, Any]:
    """What the theme's assets weigh, the part of them no page loads (Material's own
    search and source maps), and what opening the home page downloads: its HTML and
    the styles and scripts it names (Pagefind's files load only when search opens)."""
    def size(paths: Any) -> int:
        return sum(p.stat().st_size for p in paths if p.is_file())

    assets = site / "assets"
    home = site / "index.html"
    loaded = {home}
    if home.is_file():
        text = home.read_text("utf-8")
        for link in re.findall(r'<(?:link[^>]*\srel="stylesheet"[^>]*\shref|script[^>]*\ssrc)'
                               r'="([^"#?]+)', text):
            if "://" not in link and not link.startswith("//"):
                loaded.add((site / link).resolve())
    return {"assets_bytes": size(assets.rglob("*")),
            "assets_unused_search_bytes": size([*assets.glob("javascripts/lunr/**/*"),
                                                *assets.glob("javascripts/workers/*")]),
            "assets_map_bytes": size(site.rglob("*.map")),
            "home_load_bytes": size(loaded)}


def builds(root: Path, logs: Path, reps: int) -> dict[str, list[dict[str, Any]]]:
    """Cold and warm builds, plugin and baseline, alternating which goes first."""
    runs: dict[str, list[dict[str, Any]]] = {f"{kind}_{temp}": [] for kind in
                                             ("plugin", "baseline") for temp in ("cold", "warm")}
    for rep in range(reps):
        order = ("plugin", "baseline") if rep % 2 == 0 else ("baseline", "plugin")
        for kind in order:
            config, site = ("mkdocs.yml", "site") if kind == "plugin" else \
                ("baseline.yml", "site-baseline")
            for temp in ("cold", "warm"):
                if temp == "cold":  # no site folder and no on-disk cache (.cache/) left over
                    shutil.rmtree(root / site, ignore_errors=True)
                    shutil.rmtree(root / ".cache", ignore_errors=True)
                stats = logs / f"{kind}-{temp}-{rep}.json"
                cmd = [str(PYTHON), str(CHILD), "build", str(stats),
                       *(["--plain"] if kind == "baseline" else []), "--",
                       "build", "--strict", "-f", config]
                result = measured(cmd, root, logs / f"{kind}-{temp}-{rep}.log")
                if stats.exists():
                    result.update(json.loads(stats.read_text()))
                if kind == "baseline":
                    # A plain site needs search too: index it the way the plugin does
                    # (Pagefind, same options), without the plugin's cache.
                    search = measured([str(PYTHON), "-m", "pagefind", "--exclude-selectors",
                                       ".headerlink", "--site", site], root,
                                      logs / f"{kind}-{temp}-{rep}-pagefind.log")
                    result["search_s"] = search["wall_s"]
                    result["search_cpu_s"] = search["cpu_s"]
                    result["search_rss_mib"] = search["peak_rss_mib"]
                runs[f"{kind}_{temp}"].append(result)
                log(f"  {kind:8} {temp}: {result['wall_s']:.2f}s wall, {result['cpu_s']:.2f}s CPU,"
                    f" {result['peak_rss_mib']:.0f} MiB, exit {result['exit']}")
    return runs


def write_no_search_config(root: Path) -> None:
    """mkdocs.yml with the plugin's search turned off and a site folder of its own: the
    same builds without Pagefind, whose full reindex every build pays for."""
    config = yaml.safe_load((root / "mkdocs.yml").read_text("utf-8"))
    for plugin in config.get("plugins", []):
        if isinstance(plugin, dict) and "briefing" in plugin:
            plugin["briefing"] = {**(plugin["briefing"] or {}), "search": False}
    config["site_dir"] = "site-no-search"
    (root / "no-search.yml").write_text(yaml.safe_dump(config, sort_keys=False,
                                                       allow_unicode=True), "utf-8")


EDIT_KINDS = {"full": [], "dirty": ["--dirty"],
              "full_no_search": ["-f", "no-search.yml"],
              "dirty_no_search": ["-f", "no-search.yml", "--dirty"]}
"""Builds after one edit, by the options they add to `mkdocs build --strict`."""


def edit_builds(root: Path, logs: Path, reps: int, slug: str,
                titles: list[str]) -> dict[str, list[dict[str, Any]]]:
    """After one edit (an event renamed in the first briefing), each kind of build in
    EDIT_KINDS in turns, each after an edit of its own. All start from a built site and a
    warm cache, as an editor's next build does."""
    timeline = root / "content" / slug / "timeline.yml"
    original = timeline.read_bytes()
    text = original.decode("utf-8")
    current = next(t for t in titles if text.count(f"title: {t}\n") == 1)
    runs: dict[str, list[dict[str, Any]]] = {kind: [] for kind in EDIT_KINDS}
    write_no_search_config(root)
    # The folder without search starts as the other does: built once, unmeasured.
    measured([str(MKDOCS), "build", "--strict", "-f", "no-search.yml"], root,
             logs / "edit-no-search-first.log")
    try:
        for rep in range(reps):
            for kind, options in EDIT_KINDS.items():
                new = f"Edit probe {kind} {rep} {time.time_ns()}"
                text = text.replace(f"title: {current}\n", f"title: {new}\n")
                timeline.write_text(text, encoding="utf-8")
                current = new
                cmd = [str(MKDOCS), "build", "--strict", *options]
                result = measured(cmd, root, logs / f"edit-{kind}-{rep}.log")
                runs[kind].append(result)
                log(f"  after one edit, {kind:15}: {result['wall_s']:.2f}s wall, "
                    f"exit {result['exit']}")
    finally:
        timeline.write_bytes(original)
    return runs


def measure(n: int, args: argparse.Namespace) -> dict[str, Any]:
    root = OUT / "work" / f"n{n}"
    logs = OUT / "work" / f"logs-n{n}"
    shutil.rmtree(logs, ignore_errors=True)
    logs.mkdir(parents=True)
    r: dict[str, Any] = {"n": n, "loadavg_before": os.getloadavg()}
    log(f"N={n}: writing corpus to {root}")
    t0 = time.perf_counter()
    manifest = corpus.write_project(root, n, source=CODE)
    r["corpus_s"] = time.perf_counter() - t0
    write_baseline_config(root)

    check = measured([str(PYTHON), "-m", "generator", "check", "--strict"], root,
                     logs / "check.log")
    r["check"] = check | {"output": (logs / "check.log").read_text().strip().splitlines()[-3:]}
    counts = re.search(r"(\d+) errors?, (\d+) warnings?", " ".join(r["check"]["output"]))
    r["check_errors"], r["check_warnings"] = map(int, counts.groups()) if counts else (None, None)
    if check["exit"] != 0:
        r["error"] = f"corpus does not pass check --strict: {r['check']['output']}"
        log(r["error"])
        return r

    log(f"N={n}: generator alone")
    gen_json = logs / "generate.json"
    gen = measured([str(PYTHON), str(CHILD), "generate", str(gen_json), str(root),
                    str(args.reps)], root, logs / "generate.log")
    gen.update(json.loads(gen_json.read_text()))
    r["generate"] = gen
    r["pages_md"] = gen["runs"][0]["pages"]
    r["gen_load_check_s"] = median([x["load_check_s"] for x in gen["runs"]])
    r["gen_render_s"] = median([x["render_s"] for x in gen["runs"]])
    r["gen_pages_per_s"] = r["pages_md"] / (r["gen_load_check_s"] + r["gen_render_s"])
    # Maps: drawing them, and checking places against the outlines and the gazetteer, as a
    # share of the generator's own time in the same runs.
    r["gen_maps_s"] = median([x.get("maps_s", 0.0) for x in gen["runs"]])
    r["gen_places_check_s"] = median([x.get("places_check_s", 0.0) for x in gen["runs"]])
    r["maps_share_of_generator"] = median([
        (x.get("maps_s", 0.0) + x.get("places_check_s", 0.0))
        / (x["load_check_s"] + x["render_s"]) for x in gen["runs"]])
    r["maps_drawn"] = gen["runs"][0].get("maps_drawn", 0)
    r["largest_map_kb"] = max(x.get("largest_map_bytes", 0) for x in gen["runs"]) / 1000
    # The CLI may keep a cache in .cache/ too: cold without it, warm straight after.
    cli: dict[str, list[dict[str, Any]]] = {"cold": [], "warm": []}
    for k in range(args.reps):
        shutil.rmtree(root / ".cache", ignore_errors=True)
        for temp in ("cold", "warm"):
            cli[temp].append(measured([str(PYTHON), "-m", "generator", "render", "--out",
                                       "rendered"], root, logs / f"render-{temp}-{k}.log"))
    r["cli_render"] = cli
    r["cli_render_s"] = median([c["wall_s"] for c in cli["cold"]])
    r["cli_render_warm_s"] = median([c["wall_s"] for c in cli["warm"]])
    r["cli_pages_per_s"] = r["pages_md"] / r["cli_render_s"]

    log(f"N={n}: builds ({args.reps} x cold+warm, plugin and baseline)")
    r["builds"] = runs = builds(root, logs, args.reps)
    imported = {b.get("generator_file") for b in runs["plugin_cold"]}
    if not all(f and f.startswith(str(CODE)) for f in imported):
        r["error"] = f"builds imported the generator from {imported}, not from {CODE}"
    failed = [f"{k}: see {b['log']}" for k, v in runs.items() for b in v if b["exit"] != 0]
    if failed:
        r["error"] = "build failed: " + "; ".join(failed)
        log(r["error"])
    for key, values in runs.items():
        r[f"{key}_s"] = median([b["wall_s"] for b in values])
        r[f"{key}_cpu_s"] = median([b["cpu_s"] for b in values])
        r[f"{key}_rss_mib"] = max(b["peak_rss_mib"] for b in values)
        r[f"{key}_warnings"] = sorted({w for b in values for w in b["warnings"]})
    for temp in ("cold", "warm"):
        r[f"ratio_{temp}"] = r[f"plugin_{temp}_s"] / r[f"baseline_{temp}_s"]
        r[f"ratio_{temp}_cpu"] = r[f"plugin_{temp}_cpu_s"] / r[f"baseline_{temp}_cpu_s"]
        baseline = runs[f"baseline_{temp}"]
        r[f"baseline_search_{temp}_s"] = median([b.get("search_s") for b in baseline])
        r[f"baseline_with_search_{temp}_s"] = median(
            [b["wall_s"] + b["search_s"] for b in baseline if b.get("search_s") is not None])
        r[f"baseline_with_search_{temp}_cpu_s"] = median(
            [b["cpu_s"] + b["search_cpu_s"] for b in baseline if b.get("search_s") is not None])
        if r[f"baseline_with_search_{temp}_s"]:
            r[f"ratio_{temp}_with_search"] = r[f"plugin_{temp}_s"] \
                / r[f"baseline_with_search_{temp}_s"]
            r[f"ratio_{temp}_with_search_cpu"] = r[f"plugin_{temp}_cpu_s"] \
                / r[f"baseline_with_search_{temp}_cpu_s"]
        plugin = runs[f"plugin_{temp}"]
        r[f"gen_share_{temp}"] = median([(b.get("generator_import_s", 0) + b.get("hooks_s", 0))
                                         / b["wall_s"] for b in plugin])
        # The generator proper (load + check + render), without the search indexing that
        # runs in on_post_build (a plain site pays for that too).
        r[f"gen_share_{temp}_no_search"] = median([share_without_search(b) for b in plugin])
        for name in plugin[0].get("hooks", {}):
            r[f"hook_{name}_{temp}_s"] = median([b["hooks"][name]["s"] for b in plugin
                                                 if name in b.get("hooks", {})])
    if r.get("hook_on_post_build_cold_s") is not None:
        r["ratio_cold_less_post_build"] = (r["plugin_cold_s"] - r["hook_on_post_build_cold_s"]) \
            / r["baseline_cold_s"]
    r["generator_import_s"] = median([b.get("generator_import_s") for b in runs["plugin_cold"]])
    r["gen_share_inproc"] = (r["generator_import_s"] + r["gen_load_check_s"] + r["gen_render_s"]) \
        / r["plugin_cold_s"]
    r["maps_share_of_build_cold"] = (r["gen_maps_s"] + r["gen_places_check_s"]) \
        / r["plugin_cold_s"]
    r["plugin_pages_per_s"] = r["pages_md"] / r["plugin_cold_s"]
    # Per page, for the growth figures: a build that grows in a straight line keeps these.
    r["plugin_cold_ms_per_page"] = 1000 * r["plugin_cold_s"] / r["pages_md"]
    r["plugin_warm_ms_per_page"] = 1000 * r["plugin_warm_s"] / r["pages_md"]
    r["baseline_cold_ms_per_page"] = 1000 * r["baseline_cold_s"] / r["pages_md"]
    r["gen_ms_per_page"] = 1000 * (r["gen_load_check_s"] + r["gen_render_s"]) / r["pages_md"]
    r["baseline_pages_per_s"] = r["pages_md"] / r["baseline_cold_s"]
    r["peak_rss_mib"] = r["plugin_cold_rss_mib"]
    r["plugin_self_rss_mib"] = max((b.get("self_peak_rss_mib") or 0)
                                   for b in runs["plugin_cold"]) or None
    r["gen_peak_rss_mib"] = gen["runs"][0].get("peak_rss_mib")
    r |= site_figures(root / "site")
    r["baseline_site"] = site_figures(root / "site-baseline")

    if not args.no_search and (root / "site" / "index.html").exists():
        log(f"N={n}: search in Chromium ({args.search_reps}x)")
        try:
            s = probes.search(root / "site", manifest["search_query"], manifest["search_target"],
                              args.search_reps)
            r["search"] = s
            r["search_bytes"] = median([x["bytes_before_first_result"] for x in s["runs"]])
            r["search_gzip_bytes"] = median([x["gzip_bytes_before_first_result"]
                                             for x in s["runs"]])
            r["search_ms"] = median([x["ms_to_first_result"] for x in s["runs"]])
            r["search_ms_from_open"] = median([x["ms_open_to_first_result"] for x in s["runs"]])
            r["search_ui"] = s["runs"][0]["ui"]
            r["search_results"] = s["runs"][0]["results"]
            r["search_target_found"] = all(x["target_found"] for x in s["runs"])
        except Exception as exc:  # report and go on: the other figures still count
            r["search_error"] = f"{type(exc).__name__}: {exc}"
            log(f"  search failed: {r['search_error']}")

    first = manifest["briefings"][0]
    log(f"N={n}: a full and a dirty build after one edit ({args.reps}x)")
    edits = edit_builds(root, logs, args.reps, first["slug"], first["events"])
    r["edit_builds"] = edits
    for kind in EDIT_KINDS:
        r[f"edit_{kind}_s"] = median([b["wall_s"] for b in edits[kind]])
    for suffix in ("", "_no_search"):
        if r[f"edit_full{suffix}_s"] and r[f"edit_dirty{suffix}_s"]:
            r[f"dirty_speedup{suffix}"] = r[f"edit_full{suffix}_s"] / r[f"edit_dirty{suffix}_s"]

    if not args.no_serve:
        for focus in (False, True):
            log(f"N={n}: mkdocs serve reload{' with BRIEFING_FOCUS' if focus else ''}")
            s = probes.serve_reload(root, MKDOCS, child_env(root), first["slug"], first["events"],
                                    args.serve_edits, focus)
            key = "serve_focus" if focus else "serve"
            r[key] = s
            r[f"{key}_first_s"] = s.get("first_build_s")
            r[f"{key}_reload_s"] = median(s["reload_s"])
            if "error" in s:
                log(f"  {s['error']}")
    r["loadavg_after"] = os.getloadavg()
    return r


def profile(n: int, args: argparse.Namespace) -> dict[str, Any]:
    """One cold plugin build under cProfile; the functions with the most cumulative time."""
    import pstats

    root = OUT / "work" / f"n{n}"
    if not (root / "bench-manifest.json").exists() or \
            json.loads((root / "bench-manifest.json").read_text())["n"] != n:
        corpus.write_project(root, n, source=CODE)
    shutil.rmtree(root / "site", ignore_errors=True)
    shutil.rmtree(root / ".cache", ignore_errors=True)
    stamp = args.stamp
    prof = OUT / f"profile-n{n}-{stamp}.prof"
    log(f"profiling one plugin build at N={n} (cProfile; slows the build down)")
    result = measured([str(PYTHON), str(CHILD), "build", str(OUT / "profile-stats.json"),
                       "--profile", str(prof), "--", "build", "--strict"], root,
                      OUT / f"profile-n{n}-{stamp}.log")
    stats = pstats.Stats(str(prof))
    total = stats.total_tt
    rows = []
    for (file, line, name), (_, ncalls, tottime, cumtime, _) in stats.stats.items():
        where = file.split("site-packages/")[-1].replace(str(CODE) + "/", "") \
            .replace(str(REPO) + "/", "")
        rows.append({"function": f"{where}:{line}({name})", "ncalls": ncalls,
                     "tottime_s": tottime, "cumtime_s": cumtime})
    # The click and exec frames above mkdocs' build() only repeat its total.
    framework = ("click/", "<string>", "~:0(<built-in method builtins.exec>)")
    by_cum = sorted((x for x in rows if not x["function"].startswith(framework)),
                    key=lambda x: -x["cumtime_s"])
    by_tot = sorted(rows, key=lambda x: -x["tottime_s"])
    generator = [x for x in by_cum if x["function"].startswith("generator/")]
    return {"n": n, "wall_s": result["wall_s"], "profiled_total_s": total, "prof_file": str(prof),
            "top_cumulative": by_cum[:30], "top_self": by_tot[:20], "generator": generator[:15]}


# -- report ------------------------------------------------------------------------------

ROWS = [  # key, label, format
    ("check_warnings", "`generator check --strict`: warnings", "{:.0f}"),
    ("pages_md", "pages (Markdown pages rendered)", "{:.0f}"),
    ("pages_html", "pages (HTML in site/, without 404)", "{:.0f}"),
    ("gen_load_check_s", "generator in-process: load+validate+check s", "{:.3f}"),
    ("gen_render_s", "generator in-process: render s", "{:.3f}"),
    ("gen_pages_per_s", "generator in-process: pages/s", "{:.0f}"),
    ("cli_render_s", "CLI `generator render --out`, cold: wall s", "{:.2f}"),
    ("cli_pages_per_s", "  CLI render, cold: pages/s", "{:.0f}"),
    ("cli_render_warm_s", "CLI `generator render --out`, warm: wall s", "{:.2f}"),
    ("plugin_cold_s", "mkdocs build, plugin, cold: wall s", "{:.2f}"),
    ("baseline_cold_s", "mkdocs build, plain Markdown, cold: wall s", "{:.2f}"),
    ("ratio_cold", "  ratio plugin/baseline, cold (wall)", "{:.3f}"),
    ("ratio_cold_cpu", "  ratio plugin/baseline, cold (CPU)", "{:.3f}"),
    ("ratio_cold_less_post_build", "  ratio, cold, without plugin's on_post_build", "{:.3f}"),
    ("baseline_search_cold_s", "  Pagefind over the plain site, cold: wall s", "{:.2f}"),
    ("ratio_cold_with_search", "  ratio plugin/(baseline+Pagefind), cold (wall)", "{:.3f}"),
    ("ratio_cold_with_search_cpu", "  ratio plugin/(baseline+Pagefind), cold (CPU)", "{:.3f}"),
    ("plugin_warm_s", "mkdocs build, plugin, warm: wall s", "{:.2f}"),
    ("baseline_warm_s", "mkdocs build, plain Markdown, warm: wall s", "{:.2f}"),
    ("ratio_warm", "  ratio plugin/baseline, warm (wall)", "{:.3f}"),
    ("ratio_warm_cpu", "  ratio plugin/baseline, warm (CPU)", "{:.3f}"),
    ("baseline_search_warm_s", "  Pagefind over the plain site, warm: wall s", "{:.2f}"),
    ("ratio_warm_with_search", "  ratio plugin/(baseline+Pagefind), warm (wall)", "{:.3f}"),
    ("ratio_warm_with_search_cpu", "  ratio plugin/(baseline+Pagefind), warm (CPU)", "{:.3f}"),
    ("plugin_pages_per_s", "mkdocs build with plugin: pages/s (cold)", "{:.1f}"),
    ("plugin_cold_ms_per_page", "  per page, cold: ms", "{:.1f}"),
    ("plugin_warm_ms_per_page", "  per page, warm: ms", "{:.1f}"),
    ("baseline_cold_ms_per_page", "  plain Markdown per page, cold: ms", "{:.1f}"),
    ("gen_ms_per_page", "  generator alone per page: ms", "{:.2f}"),
    ("gen_share_cold", "generator share of plugin build, cold (hooks)", "{:.1%}"),
    ("gen_share_warm", "generator share of plugin build, warm (hooks)", "{:.1%}"),
    ("gen_share_cold_no_search", "  without search indexing (on_post_build), cold", "{:.1%}"),
    ("gen_share_warm_no_search", "  without search indexing (on_post_build), warm", "{:.1%}"),
    ("gen_share_inproc", "  cross-check: generator alone / plugin build", "{:.1%}"),
    ("generator_import_s", "  generator import in the build, s", "{:.3f}"),
    ("maps_drawn", "maps drawn (one per briefing, and the desk map)", "{}"),
    ("largest_map_kb", "  largest map SVG, KB", "{:.1f}"),
    ("gen_maps_s", "  drawing them, in the generator alone: s", "{:.3f}"),
    ("gen_places_check_s", "  checking places (outlines, gazetteer): s", "{:.3f}"),
    ("maps_share_of_generator", "  maps + place checks / generator alone", "{:.1%}"),
    ("maps_share_of_build_cold", "  maps + place checks / cold plugin build", "{:.1%}"),
    ("HOOKS", "", ""),  # one row per plugin hook, cold: see table()
    ("site_bytes", "site size, bytes", "{:,.0f}"),
    ("html_mean_bytes", "mean HTML bytes per page", "{:,.0f}"),
    ("largest_html_bytes", "  largest page, bytes", "{:,.0f}"),
    ("home_html_bytes", "home page HTML, bytes", "{:,.0f}"),
    ("feed_entries", "Atom feed: entries", "{:,.0f}"),
    ("feed_bytes", "  bytes", "{:,.0f}"),
    ("sitemap_urls", "sitemap.xml: addresses", "{:,.0f}"),
    ("search_index_kind", "search index", "{}"),
    ("search_index_bytes", "search index bytes", "{:,.0f}"),
    ("assets_bytes", "page weight: theme assets (assets/), bytes", "{:,.0f}"),
    ("assets_unused_search_bytes", "  of which Material's search (lunr, worker)", "{:,.0f}"),
    ("assets_map_bytes", "  source maps in the site", "{:,.0f}"),
    ("home_load_bytes", "  home page: HTML + styles and scripts it loads", "{:,.0f}"),
    ("peak_rss_mib", "peak RSS of the plugin build, MiB", "{:.0f}"),
    ("plugin_self_rss_mib", "  of the mkdocs process itself, MiB", "{:.0f}"),
    ("gen_peak_rss_mib", "generator alone, load+render in-process, MiB", "{:.0f}"),
    ("baseline_cold_rss_mib", "peak RSS of the baseline build, MiB", "{:.0f}"),
    ("edit_full_s", "after one edit: mkdocs build, s", "{:.2f}"),
    ("edit_dirty_s", "after one edit: mkdocs build --dirty, s", "{:.2f}"),
    ("dirty_speedup", "  full / dirty", "{:.2f}x"),
    ("edit_full_no_search_s", "  the same with search off: full, s", "{:.2f}"),
    ("edit_dirty_no_search_s", "  the same with search off: dirty, s", "{:.2f}"),
    ("dirty_speedup_no_search", "  full / dirty with search off", "{:.2f}x"),
    ("serve_first_s", "mkdocs serve: first page served, s", "{:.2f}"),
    ("serve_reload_s", "mkdocs serve: YAML save -> new HTML, s", "{:.2f}"),
    ("serve_focus_first_s", "  with BRIEFING_FOCUS: first page, s", "{:.2f}"),
    ("serve_focus_reload_s", "  with BRIEFING_FOCUS: save -> new HTML, s", "{:.2f}"),
    ("search_ui", "search: UI found on the home page", "{}"),
    ("search_bytes", "search: bytes downloaded before 1st result", "{:,.0f}"),
    ("search_gzip_bytes", "  same bodies gzip-compressed, bytes", "{:,.0f}"),
    ("search_ms", "search: typing -> 1st result, ms", "{:.0f}"),
    ("search_ms_from_open", "  opening search -> 1st result, ms", "{:.0f}"),
    ("search_results", "search: results shown at the first result", "{:.0f}"),
]
GROWTH = ["plugin_cold_ms_per_page", "plugin_warm_ms_per_page", "baseline_cold_ms_per_page",
          "gen_ms_per_page", "html_mean_bytes", "home_html_bytes", "feed_bytes",
          "search_index_bytes", "search_bytes", "search_gzip_bytes", "search_ms",
          "search_ms_from_open", "peak_rss_mib", "plugin_cold_s", "serve_reload_s",
          "serve_focus_reload_s"]
REFERENCES = [  # (pages, seconds, what), as issue 22 quotes them
    (3400, 538, "MkDocs + Material, 3,400 files (mkdocs#3695, by Material's author)"),
    (7303, 375, "Astro Starlight, Cloudflare's 7,303 pages, 350-400 s (starlight#3760)"),
    (10000, 400, "MkDocs, 10,000 files (zensical#897)"),
    (10000, 2400, "Zensical, 10,000 files (zensical#897)"),
]
"""Build times others report for sites of this size, printed beside ours (other machines:
a reader's sense of scale, not a comparison)."""


def fmt(value: Any, pattern: str) -> str:
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "NO"
    return pattern.format(value)


def table(results: list[dict[str, Any]]) -> str:
    ns = [r["n"] for r in results]
    width = max(len(label) for _, label, _ in ROWS) + 2
    lines = ["".join([f"{'metric':<{width}}", *(f"{f'N={n}':>16}" for n in ns)])]
    hooks = sorted({k for r in results for k in r if k.startswith("hook_") and
                    k.endswith("_cold_s")}, key=lambda k: -(results[-1].get(k) or 0))
    rows = []
    for row in ROWS:
        rows += [(k, f"  in {k[5:-7]} (all calls), s", "{:.3f}") for k in hooks] \
            if row[0] == "HOOKS" else [row]
    for key, label, pattern in rows:
        lines.append("".join([f"{label:<{width}}",
                              *(f"{fmt(r.get(key), pattern):>16}" for r in results)]))
    base = results[0]
    lines += ["", f"growth against N={base['n']} (same run)"]
    for key in GROWTH:
        label = next((lbl for k, lbl, _ in ROWS if k == key), key).strip()
        cells = [fmt(r[key] / base[key], "{:.2f}x") if r.get(key) and base.get(key) else "-"
                 for r in results]
        lines.append("".join([f"{label:<{width}}", *(f"{c:>16}" for c in cells)]))
    return "\n".join(lines)


def targets(results: list[dict[str, Any]]) -> str:
    """The issue's targets, read off the largest N against the smallest (N=1 normally)."""
    big, small = results[-1], results[0]
    # Linear growth is read against N=10 (N=1 is mostly start-up), or the nearest above it.
    linear = next((r for r in results if r["n"] >= 10 and r is not big), small)

    def ratio(key: str) -> float | None:
        if big.get(key) is None or not small.get(key):
            return None
        return big[key] / small[key]

    def per_page(key: str) -> float | None:
        if big.get(key) is None or not linear.get(key):
            return None
        return big[key] / linear[key]

    checks = [
        ("largest map <= 60 KB", big.get("largest_map_kb"), 60.0, "{:.1f} KB"),
        ("generator share of build, cold < 5%", big.get("gen_share_cold_no_search"), 0.05,
         "{:.1%}"),
        ("generator share of build, warm < 2%", big.get("gen_share_warm_no_search"), 0.02,
         "{:.1%}"),
        ("  the same, search indexing included, cold", big.get("gen_share_cold"), 0.05,
         "{:.1%}"),
        ("  the same, search indexing included, warm", big.get("gen_share_warm"), 0.02,
         "{:.1%}"),
        ("plugin/baseline build, cold <= 1.10x", big.get("ratio_cold_with_search"), 1.10,
         "{:.3f}x"),
        ("plugin/baseline build, warm <= 1.03x", big.get("ratio_warm_with_search"), 1.03,
         "{:.3f}x"),
        ("  the same, baseline without search, cold", big.get("ratio_cold"), 1.10, "{:.3f}x"),
        ("  the same, baseline without search, warm", big.get("ratio_warm"), 1.03, "{:.3f}x"),
        (f"mean HTML/page, N={big['n']} vs N={small['n']} <= 1.2x", ratio("html_mean_bytes"),
         1.2, "{:.2f}x"),
        (f"peak RSS at N={big['n']} < 2 GiB", big["peak_rss_mib"] / 1024
         if big.get("peak_rss_mib") else None, 2.0, "{:.2f} GiB"),
        (f"home page HTML at N={big['n']} <= 120 KB", (big.get("home_html_bytes") or 0) / 1000
         if big.get("home_html_bytes") else None, 120.0, "{:.0f} KB"),
        (f"per page, cold, N={big['n']} vs N={linear['n']} <= 1.15x",
         per_page("plugin_cold_ms_per_page"), 1.15, "{:.2f}x"),
        (f"per page, warm, N={big['n']} vs N={linear['n']} <= 1.15x",
         per_page("plugin_warm_ms_per_page"), 1.15, "{:.2f}x"),
        (f"search bytes, N={big['n']} vs N={small['n']} <= 2x", ratio("search_bytes"), 2.0,
         "{:.2f}x"),
        (f"search time, N={big['n']} vs N={small['n']} <= 2x", ratio("search_ms"), 2.0,
         "{:.2f}x"),
        ("serve save->HTML, no focus / focused <= 2x",
         big["serve_reload_s"] / big["serve_focus_reload_s"]
         if big.get("serve_reload_s") and big.get("serve_focus_reload_s") else None, 2.0,
         "{:.2f}x"),
        ("build --dirty / full build, one edit <= 1/20",
         1 / big["dirty_speedup"] if big.get("dirty_speedup") else None, 0.05, "{:.3f}"),
        ("  the same, search off in both",
         1 / big["dirty_speedup_no_search"] if big.get("dirty_speedup_no_search") else None,
         0.05, "{:.3f}"),
    ]
    lines = [f"targets (at N={big['n']}; a result, not an assertion)"]
    for label, value, limit, pattern in checks:
        state = "-" if value is None else ("met" if value <= limit else "NOT met")
        lines.append(f"  {label:<44} {fmt(value, pattern):>12}   {state}")
    return "\n".join(lines)


def references(results: list[dict[str, Any]]) -> str:
    """Our cold builds in seconds beside what others report for sites of that size."""
    lines = ["for scale: cold builds here (this machine, with search) and reported elsewhere"]
    for r in results:
        lines.append(f"  here: N={r['n']}, {r.get('pages_html') or r['pages_md']:,} pages: "
                     f"{r['plugin_cold_s']:.0f} s with the plugin, {r['baseline_cold_s']:.0f} s "
                     f"as plain Markdown")
    lines += [f"  {pages:>6,} pages: {seconds:>5} s  {what}" for pages, seconds, what in REFERENCES]
    return "\n".join(lines)


def profile_text(p: dict[str, Any]) -> str:
    lines = [f"profile: one plugin build at N={p['n']} under cProfile "
             f"({p['wall_s']:.1f}s wall with profiling); top by cumulative seconds"]
    for row in p["top_cumulative"][:25]:
        lines.append(f"  {row['cumtime_s']:8.2f} cum {row['tottime_s']:8.2f} self "
                     f"{row['ncalls']:>9}  {row['function']}")
    lines.append("  top by self seconds")
    for row in p["top_self"][:12]:
        lines.append(f"  {row['cumtime_s']:8.2f} cum {row['tottime_s']:8.2f} self "
                     f"{row['ncalls']:>9}  {row['function']}")
    lines.append("  generator functions by cumulative seconds")
    for row in p["generator"][:10]:
        lines.append(f"  {row['cumtime_s']:8.2f} cum {row['tottime_s']:8.2f} self "
                     f"{row['ncalls']:>9}  {row['function']}")
    return "\n".join(lines)


def environment() -> dict[str, Any]:
    def git(*a: str) -> str:
        return subprocess.run(["git", "-C", str(REPO), *a], capture_output=True,
                              text=True).stdout.strip()

    from importlib.metadata import version
    return {"python": platform.python_version(), "platform": platform.platform(),
            "cpus": os.cpu_count(), "commit": git("rev-parse", "HEAD"),
            "dirty": git("status", "--porcelain", "--untracked-files=no").splitlines(),
            "mkdocs": version("mkdocs"), "mkdocs-material": version("mkdocs-material")}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, nargs="*", help="numbers of briefings (default "
                        "1 10 100 300; with --quick 1 2); none with --profile: profile only")
    parser.add_argument("--quick", action="store_true",
                        help="smoke run: 1 repeat, 1 search, 1 edit")
    parser.add_argument("--reps", type=int, help="builds of each kind per N (default 3; quick 1)")
    parser.add_argument("--search-reps", type=int, help="searches per N (default 3; quick 1)")
    parser.add_argument("--serve-edits", type=int, help="YAML saves per serve session "
                        "(default 4; quick 1)")
    parser.add_argument("--profile", type=int, metavar="N",
                        help="also profile one plugin build of N briefings")
    parser.add_argument("--rev", help="measure this commit (git archive) instead of the "
                        "working tree")
    parser.add_argument("--no-search", action="store_true", help="skip the browser search")
    parser.add_argument("--no-serve", action="store_true", help="skip mkdocs serve reloads")
    args = parser.parse_args(argv)
    if args.n is None:
        args.n = [1, 2] if args.quick else [1, 10, 100, 300]
    args.reps = args.reps or (1 if args.quick else 3)
    args.search_reps = args.search_reps or (1 if args.quick else 3)
    args.serve_edits = args.serve_edits or (1 if args.quick else 4)
    args.stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    OUT.mkdir(exist_ok=True)

    started = time.perf_counter()
    report: dict[str, Any] = {"timestamp": args.stamp, "argv": sys.argv[1:],
                              "options": {k: v for k, v in vars(args).items() if k != "stamp"},
                              "environment": environment(), "code": snapshot(args.rev),
                              "results": []}
    path = OUT / f"results-{args.stamp}.json"
    for n in sorted(args.n):
        report["results"].append(measure(n, args))
        # After each N: a long run stopped part-way still leaves its figures.
        path.write_text(json.dumps(report, indent=1, default=str))
    if args.profile:
        report["profile"] = profile(args.profile, args)
    report["total_s"] = time.perf_counter() - started
    path.write_text(json.dumps(report, indent=1, default=str))

    results = [r for r in report["results"] if "plugin_cold_s" in r]
    env = report["environment"]
    code = report["code"]["source"] if args.rev else \
        f"working tree at {env['commit'][:10]}{' + uncommitted changes' if env['dirty'] else ''}"
    print(f"briefing benchmark {args.stamp}, code: {code}; N = {' '.join(map(str, args.n))}, "
          f"{args.reps} build(s) of each kind, medians; {os.cpu_count()} CPUs, load average "
          f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print("cold = fresh process, no site/ or .cache/; warm = the next build, unchanged content. "
          "Generator share = (generator import + time inside the plugin's on_* hooks) / "
          "build wall time.")
    if results:
        print(table(results))
        print()
        print(targets(results))
        print()
        print(references(results))
    for r in report["results"]:
        for key in ("error", "search_error"):
            if key in r:
                print(f"N={r['n']}: {key}: {r[key]}")
        for key in ("plugin_cold_warnings", "baseline_cold_warnings"):
            if r.get(key):
                print(f"N={r['n']}: {key}: {len(r[key])} distinct, e.g. {r[key][0]}")
    if "profile" in report:
        print()
        print(profile_text(report["profile"]))
    print(f"\nresults: {path.relative_to(REPO)} ({report['total_s'] / 60:.1f} min)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
