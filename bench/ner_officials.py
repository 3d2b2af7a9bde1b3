#!/usr/bin/env python3
"""How much would underthesea's NER help the officials component? A measurement.

Runs `underthesea.ner()` over every sentence of the annotated dev articles and counts how
many gold officials' names come out exactly as a PER span, and how many PER spans it
emits in all; prints the same for `vnnews.extract`. Usage:

    python bench/ner_officials.py [--dir ../shared/eval/dev]
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def ner_names(text: str) -> set[str]:
    from underthesea import ner, sent_tokenize

    names: set[str] = set()
    for para in filter(str.strip, text.split("\n")):
        for sentence in sent_tokenize(para):
            current: list[str] = []
            for token in ner(sentence):
                word, tag = token[0], token[-1]
                if tag.endswith("PER") and not (tag.startswith("B-") and current):
                    current.append(word)
                    continue
                if current:
                    names.add(" ".join(current))
                current = [word] if tag.endswith("PER") else []
            if current:
                names.add(" ".join(current))
    return names


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dir", type=Path, default=ROOT.parent / "shared" / "eval" / "dev")
    args = ap.parse_args()
    if not args.dir.is_dir():
        sys.exit(f"ner_officials: {args.dir}: no such folder of annotated articles")
    import vnnews
    from vnnews.inputs import read_input

    gold_total = ner_hits = ner_spans = ours_hits = ours_total = 0
    for path in sorted(args.dir.glob("*.txt")):
        gold = json.loads(path.with_name(path.stem + ".gold.json").read_text(encoding="utf-8"))["officials"]
        text = read_input(str(path)).text
        spans = ner_names(text)
        ours = {o.name for o in vnnews.extract(text).officials}
        gold_total += len(gold)
        ner_spans += len(spans)
        ner_hits += sum(g["name"] in spans for g in gold)
        ours_total += len(ours)
        ours_hits += sum(g["name"] in ours for g in gold)
    print(f"underthesea.ner : {ner_hits}/{gold_total} gold officials found as a PER span; {ner_spans} PER spans emitted")
    print(f"vnnews.extract  : {ours_hits}/{gold_total} gold officials found; {ours_total} officials emitted")


if __name__ == "__main__":
    main()
