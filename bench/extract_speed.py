#!/usr/bin/env python3
"""Throughput of `vnnews.extract` against `underthesea.ner()` on the same articles.

Both engines run in one process pinned to one core, over the same dev articles
(../shared/eval/dev by default), after one warm-up pass each, their timed passes
interleaved so that both see the same machine load; peak memory (max RSS) of each is
measured in a child process of its own. Prints sentences/s, articles/s, peak MB and the
ratio. Then it shows that extraction time grows linearly with text length: the dev
article with the most instructions and mentions of one official, and a paragraph whose
verbs find their speaker through earlier mentions (`Ông đề nghị …`), each repeated up to
1 KB ... 5 MB (so one official is named thousands of times), each size timed once (small
ones repeated), in microseconds per character, which stays about constant. Usage:

    python bench/extract_speed.py [--dir ../shared/eval/dev] [--repeat 3] [--sizes 1e3,1e4,1e5,1e6,5e6]
    python bench/extract_speed.py --linearity-only      # only the size table
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
sys.path.insert(0, str(ROOT))   # measure this checkout's vnnews, not an installed one


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


def sized_text(texts: list[str], size: int) -> str:
    """The articles joined and repeated, cut at a paragraph end near `size` characters."""
    base = "\n\n".join(texts)
    text = (base + "\n\n") * (size // (len(base) + 2) + 1)
    cut = text.rfind("\n", 0, size)
    return text[:cut if cut > size // 2 else size].strip()


# Written for this benchmark: one official, then verbs whose speaker is found through the
# mentions before them (an anaphor, a sentence-initial verb): the paths that scanned every
# mention per verb before.
ANAPHORS = ("Bí thư Tỉnh ủy Nguyễn Văn An yêu cầu các sở, ngành tập trung rà soát hộ nghèo tại xã An Khánh, "
            "huyện Châu Thành. Ông đề nghị UBND tỉnh giao 120 tỷ đồng cho 3 dự án theo Chỉ thị số 05-CT/TU. "
            "Đồng thời, yêu cầu UBND thành phố khẩn trương hoàn thành.")


def linearity(folder: Path, sizes: list[int]) -> list[dict]:
    """Seconds and microseconds per character of `vnnews.extract` at each text size, for a
    dev article and for the ANAPHORS paragraph, each repeated."""
    pin_one_core()
    import vnnews

    texts = load_articles(folder)

    def named(text: str) -> int:   # instructions plus mentions of its most-named official
        r = vnnews.extract(text)
        return len(r.instructions) + max((len(o.mentions) for o in r.officials), default=0)

    article = max(texts, key=named)   # repeated: its officials named thousands of times
    rows = []
    for label, base in (("dev article", [article]), ("anaphors", [ANAPHORS])):
        rows += _timed(vnnews, label, base, sizes)
    return rows


def _timed(vnnews, label: str, texts: list[str], sizes: list[int]) -> list[dict]:
    rows = []
    for size in sizes:
        text = sized_text(texts, size)
        runs, elapsed = 0, 0.0
        while runs == 0 or (elapsed < 1.0 and runs < 50):
            start = time.perf_counter()
            record = vnnews.extract(text)
            elapsed += time.perf_counter() - start
            runs += 1
        most = max((len(o.mentions) for o in record.officials), default=0)
        rows.append({"input": label, "chars": len(text), "seconds": elapsed / runs, "us_per_char": elapsed / runs / len(text) * 1e6,
                     "mentions_of_one_official": most, "instructions": len(record.instructions)})
    return rows


def print_linearity(rows: list[dict]) -> None:
    print(f"\n{'input':<12} {'chars':>10} {'seconds':>9} {'us/char':>8} {'mentions*':>10} {'instructions':>13}")
    for r in rows:
        print(f"{r['input']:<12} {r['chars']:>10} {r['seconds']:>9.3f} {r['us_per_char']:>8.2f}"
              f" {r['mentions_of_one_official']:>10} {r['instructions']:>13}")
    print("(* mentions of the most-named official)")
    for label in dict.fromkeys(r["input"] for r in rows):
        per = [r["us_per_char"] for r in rows if r["input"] == label and r["chars"] >= 10_000]
        if per:
            print(f"{label}: us/char from 10 KB up: min {min(per):.2f}, max {max(per):.2f}, "
                  f"max/min {max(per) / min(per):.2f} (linear time: about 1)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dir", type=Path, default=ROOT.parent / "shared" / "eval" / "dev")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--child", choices=("vnnews", "ner"))
    ap.add_argument("--sizes", default="1e3,1e4,1e5,1e6,5e6", help="text sizes for the linearity table")
    ap.add_argument("--linearity-only", action="store_true")
    args = ap.parse_args()
    sizes = [int(float(x)) for x in args.sizes.split(",") if x.strip()]
    if args.child:
        print(json.dumps(peak_memory(args.child, args.dir)))
        return
    if not args.dir.is_dir():
        sys.exit(f"extract_speed: {args.dir}: no such folder of .txt articles")
    if args.linearity_only:
        print_linearity(linearity(args.dir, sizes))
        return
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
    print(f"ratio: vnnews.extract is {ratio:.1f}x the throughput of underthesea.ner() (target >= 30x)")
    print_linearity(linearity(args.dir, sizes))


if __name__ == "__main__":
    main()
