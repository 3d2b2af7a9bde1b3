#!/usr/bin/env python3
"""Extraction quality on the dev set and on our own corpus of unseen articles.

The corpus lives in two parts: the gold annotations and the manifest in the repository
(`eval/gold/*.gold.json`, `eval/manifest.tsv`), the article texts outside it (they are
the outlets' text), in `$VNNEWS_EVAL_TEXTS` or `~/.cache/vnnews/eval/texts`. Each article
falls in a split by a hash of its id, fixed once: about two thirds `tune` (to develop
on) and one third `test` (only ever scored, never tuned on).

    python bench/quality.py                      # dev, tune and test, one table
    python bench/quality.py --split test --verbose   # misses and false hits of one split
    python bench/quality.py --json               # machine-readable

Scoring is `../shared/eval/score.py` (the project's contract); a split whose texts are
absent is reported as such, not scored.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SCORER = SHARED / "eval" / "score.py"
DEV = SHARED / "eval" / "dev"
GOLD = REPO / "eval" / "gold"
CATEGORIES = ("officials", "locations", "figures", "documents", "instructions")


def texts_dir() -> Path:
    """Where the corpus texts are kept (outside the repository)."""
    env = os.environ.get("VNNEWS_EVAL_TEXTS")
    return Path(env) if env else Path.home() / ".cache" / "vnnews" / "eval" / "texts"


def split_of(article_id: str) -> str:
    """`test` for about one article in three, by a hash of its id; else `tune`."""
    return "test" if int(hashlib.sha1(article_id.encode()).hexdigest(), 16) % 3 == 0 else "tune"


def assemble(split: str, gold_dir: Path, texts: Path, into: Path) -> int:
    """Link the split's texts beside their gold files in `into`; the number of articles."""
    n = 0
    for gold in sorted(gold_dir.glob("*.gold.json")):
        aid = gold.name[: -len(".gold.json")]
        text = texts / f"{aid}.txt"
        if split_of(aid) != split or not text.exists():
            continue
        shutil.copyfile(gold, into / gold.name)
        shutil.copyfile(text, into / text.name)
        n += 1
    return n


def score(gold: Path, verbose: bool = False) -> dict:
    command = f"{sys.executable} -m vnnews extract --format jsonl"
    args = [sys.executable, str(SCORER), "--gold", str(gold), "--run", command, "--json"]
    out = subprocess.run(args, capture_output=True, text=True, check=True, cwd=REPO).stdout
    if verbose:
        v = subprocess.run(args[:-1] + ["--verbose"], capture_output=True, text=True, cwd=REPO).stdout
        print(v)
    return json.loads(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", choices=("dev", "tune", "test", "all"), default="all")
    ap.add_argument("--gold", type=Path, default=GOLD, help="gold folder (default: eval/gold)")
    ap.add_argument("--verbose", action="store_true", help="list misses and false hits")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    if not SCORER.exists():
        print(f"bench/quality.py: {SCORER} is absent (needs ../shared beside the repository)", file=sys.stderr)
        return 2
    results: dict[str, dict] = {}
    splits = ("dev", "tune", "test") if args.split == "all" else (args.split,)
    for split in splits:
        if split == "dev":
            results["dev"] = score(DEV, args.verbose)
            results["dev"]["articles"] = len(list(DEV.glob("*.gold.json")))
            continue
        with tempfile.TemporaryDirectory() as tmp:
            n = assemble(split, args.gold, texts_dir(), Path(tmp))
            if n == 0:
                print(f"{split}: no articles (texts in {texts_dir()}, gold in {args.gold})", file=sys.stderr)
                continue
            results[split] = score(Path(tmp), args.verbose)
            results[split]["articles"] = n
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    print(f"{'split':<6} {'n':>4} " + " ".join(f"{c[:12]:>12}" for c in CATEGORIES) + "  title-F1")
    for split, r in results.items():
        cells = " ".join(f"{r[c]['f1']:>12.3f}" for c in CATEGORIES)
        print(f"{split:<6} {r['articles']:>4} {cells}  {r.get('official_title_token_f1', 0):.3f}")
        print(f"{'':<6} {'':>4} " + " ".join(f"{'P%.2f R%.2f' % (r[c]['precision'], r[c]['recall']):>12}"
                                              for c in CATEGORIES))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
