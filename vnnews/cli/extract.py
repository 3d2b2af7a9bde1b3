"""`vnnews extract PATH... --format json|jsonl|table`."""
from __future__ import annotations

import argparse
import json
import sys
from typing import TextIO

from ..inputs import InputError, read_input
from ..models import Record


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("extract", help="extract officials, locations, figures and directives from articles",
                       description="Extract records from article files (.txt, .json, .html) or - for stdin.")
    p.add_argument("paths", nargs="+", metavar="PATH", help="article file (.txt, .json, .html) or - for stdin")
    p.add_argument("--format", choices=("json", "jsonl", "table"), default=None,
                   help="output format (default: table on a terminal, else json for one input, jsonl for several)")
    p.add_argument("--explain", action="store_true",
                   help="add an \"explain\" list: which named rule kept, dropped or changed each candidate")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from .. import extract

    fmt = args.format or ("table" if sys.stdout.isatty() else "json" if len(args.paths) == 1 else "jsonl")
    if fmt == "json" and len(args.paths) > 1:
        fmt = "jsonl"
    status = 0
    for name in args.paths:
        try:
            article = read_input(name)
            record = extract(article, input=name, explain=args.explain)
        except InputError as e:
            print(f"vnnews extract: {e}", file=sys.stderr)
            status = 1
            continue
        write_record(record, fmt, sys.stdout)
        sys.stdout.flush()
    return status


def write_record(record: Record, fmt: str, out: TextIO) -> None:
    data = record.to_dict()
    if fmt == "json":
        out.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    elif fmt == "jsonl":
        out.write(json.dumps(data, ensure_ascii=False) + "\n")
    else:
        out.write(format_table(record) + "\n")


def format_table(record: Record) -> str:
    """A readable terminal view of one record."""
    lines: list[str] = []
    title = record.article.get("title") or record.input or "(untitled)"
    lines.append(f"== {title}")
    meta = [record.article.get(k) for k in ("source", "published", "url")]
    if any(meta):
        lines.append("   " + " | ".join(str(m) for m in meta if m))

    def section(name: str, rows: list[str]) -> None:
        lines.append(f"\n{name} ({len(rows)})")
        lines.extend(f"  {r}" for r in rows)

    section("Officials", [f"{o.name:<28} {o.title or ''}" for o in record.officials])
    section("Locations", [f"{x.name:<22} {x.level or '?':<10} {('in ' + x.parent) if x.parent else ''}"
                          for x in record.locations])
    section("Figures", [f"{f.text:<32} = {_num(f.value)}{'–' + _num(f.value_max) if f.value_max is not None else ''}"
                        f"{'/' + _num(f.total) if f.total is not None else ''} {f.unit or ''}"
                        for f in record.figures])
    section("Documents", [f"{d.doc_type or '':<12} {d.number or d.name or ''}"
                          f"{'  (' + d.issuer + ')' if d.issuer else ''}" for d in record.documents])
    section("Instructions", [f"{d.speaker or d.speaker_title or '?'} {d.verb}: {_short(d.text or '')}"
                             for d in record.instructions])
    return "\n".join(lines)


def _num(v: float | None) -> str:
    if v is None:
        return ""
    return f"{v:,.0f}" if float(v).is_integer() else f"{v:,}"


def _short(s: str, n: int = 90) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"
