"""The benchmark's growth and share figures on corpora of other shapes than its own: a few
long-running briefings, and a desk of many small ones (corpus.SHAPES), each at two sizes,
measured in one run.

    .venv/bin/python bench/shapes.py                      # long at 3 and 30, short at 30 and 300
    .venv/bin/python bench/shapes.py --sizes long=2,6 short=10,60

For each shape and size it writes the corpus, checks it (`check --strict`, no warnings),
and runs `mkdocs build --strict` cold (no site folder, no build cache) and then warm, with
search, through `child.py` as run.py does. The table gives, per build, the seconds, the
milliseconds per page, the generator's share without search indexing (import plus the
plugin's hooks less `on_post_build`, over the build's wall time: run.py's headline
share), the home page's bytes and the peak memory; under it, per shape, the per-page cost
of the larger size against the smaller. The JSON goes to bench/out/shapes-<timestamp>.json.
Nothing asserts a timing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import sys
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

import corpus  # noqa: E402
from run import (  # noqa: E402
    CODE,
    OUT,
    PYTHON,
    log,
    measured,
    plugin_build,
    share_without_search,
    site_figures,
    snapshot,
)

DEFAULT_SIZES = {"long": (3, 30), "short": (30, 300)}


def measure(shape: str, n: int, work: Path) -> dict[str, Any]:
    root = work / f"{shape}-{n}"
    logs = work / f"logs-{shape}-{n}"
    logs.mkdir(parents=True, exist_ok=True)
    log(f"{shape} x {n}: writing the corpus")
    corpus.write_project(root, n, source=CODE, shape=corpus.SHAPES[shape])
    check = measured([str(PYTHON), "-m", "generator", "check", "--strict"], root,
                     logs / "check.log")
    figures: dict[str, Any] = {"shape": shape, "n": n, "check_exit": check["exit"],
                               "check_output": (logs / "check.log").read_text()[-2000:]}
    if check["exit"] != 0:
        log(f"{shape} x {n}: the corpus does not pass check --strict:\n"
            f"{figures['check_output']}")
        return figures
    for temp in ("cold", "warm"):
        result = plugin_build(root, logs, temp, cold=temp == "cold")
        result["share_no_search"] = share_without_search(result)
        figures[temp] = result
        log(f"  {temp}: {result['wall_s']:.1f}s wall, share {100 * result['share_no_search']:.2f}%"
            f", {result['peak_rss_mib']:.0f} MiB, exit {result['exit']}")
    if any(figures[temp]["exit"] != 0 for temp in ("cold", "warm")):
        log(f"{shape} x {n}: a build failed: see {logs}")
        return figures
    figures.update(site_figures(root / "site"))
    for temp in ("cold", "warm"):
        figures[f"{temp}_ms_per_page"] = 1000 * figures[temp]["wall_s"] / figures["pages_html"]
    return figures


def table(rows: list[dict[str, Any]]) -> str:
    lines = [f"{'shape':8}{'N':>6}{'pages':>8}{'cold s':>9}{'warm s':>9}{'cold ms/p':>11}"
             f"{'warm ms/p':>11}{'share cold':>12}{'share warm':>12}{'home KB':>9}{'MiB':>7}"]
    for r in rows:
        if "pages_html" not in r:
            failed = "a build failed" if "cold" in r else "the corpus failed its check"
            lines.append(f"{r['shape']:8}{r['n']:>6}  {failed}")
            continue
        cold, warm = r["cold"], r["warm"]
        lines.append(
            f"{r['shape']:8}{r['n']:>6}{r['pages_html']:>8}{cold['wall_s']:>9.1f}"
            f"{warm['wall_s']:>9.1f}{r['cold_ms_per_page']:>11.1f}{r['warm_ms_per_page']:>11.1f}"
            f"{100 * cold['share_no_search']:>11.2f}%{100 * warm['share_no_search']:>11.2f}%"
            f"{r['home_html_bytes'] / 1000:>9.1f}{cold['peak_rss_mib']:>7.0f}")
    return "\n".join(lines)


def growth(rows: list[dict[str, Any]]) -> list[str]:
    """Per shape, the per-page cost at its larger size against its smaller one."""
    lines = []
    for shape in dict.fromkeys(r["shape"] for r in rows):
        measured_rows = [r for r in rows if r["shape"] == shape and "pages_html" in r]
        if len(measured_rows) < 2:
            continue
        small, large = min(measured_rows, key=lambda r: r["n"]), \
            max(measured_rows, key=lambda r: r["n"])
        cold = large["cold_ms_per_page"] / small["cold_ms_per_page"]
        warm = large["warm_ms_per_page"] / small["warm_ms_per_page"]
        lines.append(f"{shape}: per page at N = {large['n']} against N = {small['n']}: "
                     f"{cold:.2f}x cold, {warm:.2f}x warm (the benchmark's target for its own "
                     f"corpus: 1.15x)")
    return lines


def parse_sizes(values: list[str]) -> dict[str, tuple[int, ...]]:
    sizes = {}
    for value in values:
        shape, _, numbers = value.partition("=")
        if shape not in corpus.SHAPES or not numbers:
            raise SystemExit(f"--sizes: expected SHAPE=N,N with SHAPE one of "
                             f"{', '.join(corpus.SHAPES)}, got {value!r}")
        sizes[shape] = tuple(int(n) for n in numbers.split(","))
    return sizes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", nargs="+", metavar="SHAPE=N,N",
                        help="shapes and their sizes (default long=3,30 short=30,300)")
    parser.add_argument("--rev", help="measure this commit instead of the working tree")
    args = parser.parse_args(argv)
    sizes = parse_sizes(args.sizes) if args.sizes else DEFAULT_SIZES
    code = snapshot(args.rev)
    work = OUT / "work" / "shapes"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    rows = [measure(shape, n, work) for shape, ns in sizes.items() for n in ns]
    print(f"\nmkdocs build --strict with search, cold then warm; code: {code['source']}\n")
    print(table(rows))
    print()
    for line in growth(rows):
        print(line)
    out = OUT / f"shapes-{dt.datetime.now():%Y%m%d-%H%M%S}.json"
    out.write_text(json.dumps({"code": code, "shapes": {s: dict(vars(corpus.SHAPES[s]))
                                                        for s in sizes},
                               "rows": rows}, indent=1, default=str), "utf-8")
    log(f"wrote {out}")
    return 0 if all("pages_html" in r for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
