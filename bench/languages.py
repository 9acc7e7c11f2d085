"""What a site in three languages costs against the same site in one (issue 21's budget:
at most 3.3 times the time), measured in one run, the two builds interleaved.

    .venv/bin/python bench/languages.py            # N = 10 briefings, 3 builds of each
    .venv/bin/python bench/languages.py --n 3 --reps 1

The one-language project is the benchmark's corpus (corpus.py). The three-language one
is the same corpus with `languages: [en, fr, fa-AF]`, every briefing translated
completely into French and half-way into Dari (translations/<lang>.yml, each field's
text marked so it differs from the English and keeps its numbers and links), so both
editions render every page and the Dari one marks half its fields. Each build is cold
(no site folder, no build cache) and indexes search, as a publish does. The table gives
wall and CPU seconds, the pages built, and the ratio of the medians; the JSON goes to
bench/out/languages-<timestamp>.json. Nothing asserts a timing.
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
from run import CODE, OUT, log, median, plugin_build, snapshot  # noqa: E402

LANGUAGES = ["en", "fr", "fa-AF"]
BUDGET = 3.3


def translate_project(root: Path) -> int:
    """Give every briefing of the project at `root` its French (complete) and Dari (every
    other field) translations, and the site its languages; returns the fields per
    language."""
    sys.path.insert(0, str(CODE))
    from generator.build.cache import BuildCache
    from generator.build.pipeline import ContentLoader
    from generator.cli.translations import as_yaml
    from generator.content.translations import Entry, translatable

    config = root / "mkdocs.yml"
    text = config.read_text("utf-8")
    config.write_text(text.replace("      seeds_dir: seeds\n",
                                   f"      seeds_dir: seeds\n      languages: {LANGUAGES}\n"
                                   .replace("'", "")), "utf-8")
    assert "languages:" in config.read_text("utf-8"), "the corpus's plugin block changed"
    content = ContentLoader(root, root / "content", root / "seeds", BuildCache(None)).load(
        dt.date.today())
    total = 0
    for slug, result in content.briefings.items():
        assert result.briefing is not None, [str(p) for p in result.problems]
        fields = translatable(result.briefing)
        total = len(fields)
        folder = root / "content" / slug / "translations"
        folder.mkdir()
        for code, every in (("fr", 1), ("fa-AF", 2)):
            entries = {address: Entry(source=f.text,
                                      text=f"«{f.text}»" if i % every == 0 else "")
                       for i, (address, f) in enumerate(fields.items())}
            (folder / f"{code}.yml").write_text(as_yaml(entries), "utf-8")
    return total


def cold_build(root: Path, logs: Path, name: str) -> dict[str, Any]:
    result = plugin_build(root, logs, name, cold=True)
    result["pages"] = sum(1 for _ in (root / "site").rglob("*.html"))
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=10, help="briefings (default 10)")
    parser.add_argument("--reps", type=int, default=3, help="cold builds of each (default 3)")
    args = parser.parse_args(argv)
    code = snapshot(None)
    work = OUT / "work" / "languages"
    logs = work / "logs"
    shutil.rmtree(work, ignore_errors=True)
    logs.mkdir(parents=True)
    one, three = work / "one", work / "three"
    log(f"writing the corpus, N={args.n}")
    corpus.write_project(one, args.n, source=CODE)
    shutil.copytree(one, three)
    fields = translate_project(three)
    runs: dict[str, list[dict[str, Any]]] = {"one": [], "three": []}
    for rep in range(args.reps):
        for kind in (("one", "three") if rep % 2 == 0 else ("three", "one")):
            result = cold_build(one if kind == "one" else three, logs, f"{kind}-{rep}")
            runs[kind].append(result)
            log(f"  {kind:5} cold: {result['wall_s']:.1f}s wall, {result['cpu_s']:.1f}s CPU, "
                f"{result['pages']} pages, exit {result['exit']}")
    failed = [r["log"] for rs in runs.values() for r in rs if r["exit"] != 0]
    if failed:
        log(f"a build failed: see {failed}")
        return 1
    figures = {kind: {"wall_s": median([r["wall_s"] for r in rs]),
                      "cpu_s": median([r["cpu_s"] for r in rs]),
                      "pages": rs[0]["pages"],
                      "peak_rss_mib": max(r["peak_rss_mib"] for r in rs)}
               for kind, rs in runs.items()}
    wall = figures["three"]["wall_s"] / figures["one"]["wall_s"]
    cpu = figures["three"]["cpu_s"] / figures["one"]["cpu_s"]
    print(f"\nN = {args.n} briefings, {fields} translatable fields each; cold builds with "
          f"search, median of {args.reps}\n")
    print(f"{'':22}{'one language':>16}{'three languages':>18}{'ratio':>8}")
    for key, label, unit in (("wall_s", "wall", "s"), ("cpu_s", "CPU", "s"),
                             ("pages", "pages", ""), ("peak_rss_mib", "peak memory", " MiB")):
        a, b = figures["one"][key], figures["three"][key]
        print(f"{label:22}{a:>14.1f}{unit:2}{b:>16.1f}{unit:2}{b / a:>8.2f}")
    verdict = "met" if max(wall, cpu) <= BUDGET else "NOT met"
    print(f"\nbudget: three languages at most {BUDGET}x one: {verdict} "
          f"(wall {wall:.2f}x, CPU {cpu:.2f}x)")
    out = OUT / f"languages-{dt.datetime.now():%Y%m%d-%H%M%S}.json"
    out.write_text(json.dumps({"n": args.n, "reps": args.reps, "code": code, "fields": fields,
                               "runs": runs, "figures": figures, "ratio_wall": wall,
                               "ratio_cpu": cpu}, indent=1, default=str), "utf-8")
    log(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
