#!/usr/bin/env python3
"""Throughput of `vnnews.extract` against `underthesea.ner()` on the same articles.

Both engines run in one process pinned to one core, over the same dev articles
(../shared/eval/dev by default), after one warm-up pass each, their timed passes
interleaved so that both see the same machine load; peak memory (max RSS) of each is
measured in a child process of its own. Prints sentences/s, articles/s, peak MB and the
ratio. Usage:

    python bench/extract_speed.py [--dir ../shared/eval/dev] [--repeat 3]
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def load_articles(folder: Path) -> list[str]:
    from vnnews.inputs import read_input

    return [read_input(str(p)).text for p in sorted(folder.glob("*.txt"))]


def engines(folder: Path, which: tuple[str, ...] = ("vnnews", "ner")):
    texts = load_articles(folder)
    from underthesea import sent_tokenize

    sentences = [s for t in texts for p in t.split("\n") if p.strip() for s in sent_tokenize(p)]
    run = {}
    if "vnnews" in which:
        import vnnews

        def run_vnnews() -> None:
            for t in texts:
                vnnews.extract(t)
        run["vnnews"] = run_vnnews
    if "ner" in which:
        from underthesea import ner

        def run_ner() -> None:
            for s in sentences:
                ner(s)
        run["ner"] = run_ner
    return texts, sentences, run


def pin_one_core() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})


def peak_memory(engine: str, folder: Path) -> float:
    """Max RSS in MB of a process that loads one engine and runs it once."""
    pin_one_core()
    _, _, run = engines(folder, (engine,))
    run[engine]()
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def throughput(folder: Path, repeat: int) -> dict:
    pin_one_core()
    texts, sentences, run = engines(folder)
    seconds = {name: 0.0 for name in run}
    for fn in run.values():
        fn()  # warm-up: models and lexicons loaded once
    for _ in range(repeat):
        for name, fn in run.items():
            start = time.perf_counter()
            fn()
            seconds[name] += time.perf_counter() - start
    return {name: {"articles": len(texts) * repeat, "sentences": len(sentences) * repeat, "seconds": sec}
            for name, sec in seconds.items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dir", type=Path, default=ROOT.parent / "shared" / "eval" / "dev")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--child", choices=("vnnews", "ner"))
    args = ap.parse_args()
    if args.child:
        print(json.dumps(peak_memory(args.child, args.dir)))
        return
    if not args.dir.is_dir():
        sys.exit(f"extract_speed: {args.dir}: no such folder of .txt articles")
    # children first: Linux carries a parent's max RSS across fork and exec
    peak = {}
    for engine in ("vnnews", "ner"):
        proc = subprocess.run([sys.executable, __file__, "--child", engine, "--dir", str(args.dir)],
                              capture_output=True, text=True, check=True)
        peak[engine] = json.loads(proc.stdout.strip().splitlines()[-1])
    results = throughput(args.dir, args.repeat)
    for engine in results:
        results[engine]["max_rss_mb"] = peak[engine]
    print(f"{'engine':<18} {'sentences/s':>12} {'articles/s':>11} {'peak MB':>8}")
    for name, label in (("vnnews", "vnnews.extract"), ("ner", "underthesea.ner")):
        r = results[name]
        print(f"{label:<18} {r['sentences'] / r['seconds']:>12.0f} {r['articles'] / r['seconds']:>11.1f}"
              f" {r['max_rss_mb']:>8.0f}")
    ratio = (results["vnnews"]["sentences"] / results["vnnews"]["seconds"]) / (
        results["ner"]["sentences"] / results["ner"]["seconds"])
    print(f"ratio: vnnews.extract is {ratio:.1f}x the throughput of underthesea.ner() (target >= 10x)")


if __name__ == "__main__":
    main()
