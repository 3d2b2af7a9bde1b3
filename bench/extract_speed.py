#!/usr/bin/env python3
"""Throughput of `vnnews.extract` against `underthesea.ner()` on the same articles.

Each engine runs in its own child process pinned to one core, over the same dev articles
(../shared/eval/dev by default), after one warm-up pass; the parent prints sentences/s,
articles/s, peak memory (max RSS) of each, and the ratio. Usage:

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


def child(engine: str, folder: Path, repeat: int) -> dict:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    texts = load_articles(folder)
    from underthesea import sent_tokenize

    sentences = [s for t in texts for p in t.split("\n") if p.strip() for s in sent_tokenize(p)]
    if engine == "vnnews":
        import vnnews

        def one_pass() -> None:
            for t in texts:
                vnnews.extract(t)
    else:
        from underthesea import ner

        def one_pass() -> None:
            for s in sentences:
                ner(s)
    one_pass()  # warm-up: models and lexicons loaded once
    start = time.perf_counter()
    for _ in range(repeat):
        one_pass()
    elapsed = time.perf_counter() - start
    return {
        "engine": engine,
        "articles": len(texts) * repeat,
        "sentences": len(sentences) * repeat,
        "seconds": elapsed,
        "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dir", type=Path, default=ROOT.parent / "shared" / "eval" / "dev")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--child", choices=("vnnews", "ner"))
    args = ap.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.dir, args.repeat)))
        return
    if not args.dir.is_dir():
        sys.exit(f"extract_speed: {args.dir}: no such folder of .txt articles")
    results = {}
    for engine in ("vnnews", "ner"):
        proc = subprocess.run([sys.executable, __file__, "--child", engine, "--dir", str(args.dir),
                               "--repeat", str(args.repeat)], capture_output=True, text=True, check=True)
        results[engine] = json.loads(proc.stdout.strip().splitlines()[-1])
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
