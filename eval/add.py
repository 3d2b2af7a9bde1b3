"""Add annotated articles to the evaluation corpus: gold into eval/gold, a line into eval/manifest.tsv.

    python eval/add.py ~/.cache/vnnews/eval/manifest-g.tsv [...]

Each annotator's manifest (`id, url, outlet, province, date, kind, source`) names articles whose
text is in the texts folder (`$VNNEWS_EVAL_TEXTS`, else ~/.cache/vnnews/eval/texts) and whose gold
is in the `gold/` folder beside that manifest. The split comes from the id (bench/quality.py:
split_of), and the text's sha256 is recorded so a changed text is noticed. Ids already in the
manifest are left as they are.
"""

from __future__ import annotations

import csv
import hashlib
import json
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "bench"))
from quality import split_of, texts_dir  # noqa: E402

COLUMNS = ("id", "split", "url", "outlet", "province", "date", "kind", "source", "text_sha256")


def add(manifest: Path) -> list[str]:
    """Add the articles of one annotator's manifest; return the ids added."""
    ours = HERE / "manifest.tsv"
    with ours.open(encoding="utf-8") as f:
        known = {row["id"] for row in csv.DictReader(f, delimiter="\t")}
    added = []
    with manifest.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    with ours.open("a", encoding="utf-8", newline="") as out:
        for row in rows:
            aid = row["id"]
            if aid in known:
                continue
            text = texts_dir() / f"{aid}.txt"
            gold = manifest.parent / "gold" / f"{aid}.gold.json"
            if not text.exists() or not gold.exists():
                print(f"eval/add.py: {aid}: text or gold missing ({text}, {gold}); skipped", file=sys.stderr)
                continue
            try:
                json.loads(gold.read_text(encoding="utf-8"))
            except ValueError as e:
                print(f"eval/add.py: {gold}: not valid JSON ({e}); skipped", file=sys.stderr)
                continue
            shutil.copyfile(gold, HERE / "gold" / gold.name)
            sha = hashlib.sha256(text.read_bytes()).hexdigest()
            fields = [aid, split_of(aid)] + [" ".join((row.get(c) or "").split()) for c in COLUMNS[2:8]] + [sha]
            out.write("\t".join(fields) + "\n")
            added.append(aid)
    return added


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    for name in argv:
        try:
            ids = add(Path(name).expanduser())
        except OSError as e:
            print(f"eval/add.py: {e.filename or name}: {e.strerror or e}", file=sys.stderr)
            return 1
        except KeyError as e:
            print(f"eval/add.py: {name}: no column {e} (a manifest has id, url, outlet, province, date, "
                  f"kind, source)", file=sys.stderr)
            return 1
        splits = [split_of(i) for i in ids]
        print(f"{name}: {len(ids)} added ({splits.count('tune')} tune, {splits.count('test')} test)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
